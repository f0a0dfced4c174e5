import ResourceModel
import SourceText

/// An organisation rule written in `.resourcelint.yml` instead of Swift: bounds on requests and
/// limits (`max`, `min`) and resources that must be declared (`require`), for some or all kinds
/// of declaration. The engine runs policies after the rules; a violation is a diagnostic whose
/// code is the policy's id.
public struct Policy: Sendable, Hashable {
  /// Which side of a declaration a bound or requirement looks at.
  public enum Side: String, Sendable, Hashable, CaseIterable {
    case requests
    case limits

    /// The word in messages: "gpu limit 8 is above 4".
    var word: String { self == .requests ? "request" : "limit" }

    /// The declaration's own word for this side (`quota`, `defaultRequest`, `max`), else `word`.
    func word(in declaration: Declaration) -> String {
      guard let words = declaration.listWords else { return word }
      return self == .requests ? words.request : words.limit
    }
  }

  /// A resource named in a policy. `gpu` stands for every GPU key (flytekit's `gpu` and vendor
  /// keys such as `nvidia.com/gpu`), because a GPU cap is meant for all of them; any other name
  /// matches exactly that resource.
  public enum Resource: Sendable, Hashable {
    case anyGPU
    case key(ResourceKey)

    /// flytekit, Kubernetes and flyteadmin spellings all name the well-known resources.
    public init(name: String) {
      switch name {
      case "gpu": self = .anyGPU
      case "mem", "memory": self = .key(.memory)
      case "ephemeral_storage", "ephemeral-storage", "ephemeralStorage":
        self = .key(.ephemeralStorage)
      default: self = .key(ResourceKey(kubernetesKey: name))
      }
    }

    func matches(_ key: ResourceKey) -> Bool {
      switch self {
      case .anyGPU: key.isGPU
      case .key(let own): own == key
      }
    }

    public var displayName: String {
      switch self {
      case .anyGPU: "gpu"
      case .key(let key): key.displayName
      }
    }
  }

  /// `max: {gpu: "4"}` or `min: {mem: 1Gi}`, on requests, limits or both.
  public struct Bound: Sendable, Hashable {
    public var isMaximum: Bool
    public var sides: [Side]
    public var resource: Resource
    public var quantity: Quantity
    /// The bound as written in the configuration, for messages.
    public var written: String

    public init(
      isMaximum: Bool, sides: [Side], resource: Resource, quantity: Quantity, written: String
    ) {
      self.isMaximum = isMaximum
      self.sides = sides
      self.resource = resource
      self.quantity = quantity
      self.written = written
    }
  }

  /// `require: [requests.cpu]`: the resource must be declared on that side (a bare name: on
  /// either side).
  public struct Requirement: Sendable, Hashable {
    public var sides: [Side]
    public var resource: Resource

    public init(sides: [Side], resource: Resource) {
      self.sides = sides
      self.resource = resource
    }
  }

  public var id: String
  public var name: String
  public var message: String
  public var severity: Severity
  /// Declaration kinds the policy applies to; nil for all.
  public var kinds: Set<DeclarationKind>?
  public var bounds: [Bound]
  public var requirements: [Requirement]

  public init(
    id: String, name: String, message: String, severity: Severity,
    kinds: Set<DeclarationKind>?, bounds: [Bound], requirements: [Requirement]
  ) {
    self.id = id
    self.name = name
    self.message = message
    self.severity = severity
    self.kinds = kinds
    self.bounds = bounds
    self.requirements = requirements
  }

  /// The policy's findings over one file's declarations, once each (a constant used by several
  /// tasks is one mistake).
  public func diagnostics(
    for declarations: [Declaration], file: String, source: SourceFile? = nil
  ) -> [Diagnostic] {
    var findings = FileFindings(source: source)
    // Without `applies-to`, a policy is about what containers run with: not a volume's size, a
    // namespace's quota or a LimitRange's bounds.
    for declaration in declarations
    where kinds?.contains(declaration.kind) ?? declaration.kind.isContainerAmount {
      func report(_ detail: String, at span: SourceSpan) {
        findings.add(
          Diagnostic(
            file: file, span: span, code: id, name: name, severity: severity,
            message: "\(message): \(detail)"),
          checking: declaration)
      }
      for bound in bounds {
        for side in bound.sides {
          let list = side == .requests ? declaration.requests : declaration.limits
          for key in list.keys where bound.resource.matches(key) {
            guard let entry = list[key], let quantity = entry.value.quantity,
              let text = entry.value.quantityText
            else { continue }
            // In platform configuration a zero means "unset", not an amount.
            if declaration.kind.isPlatformConfig && quantity.isZero { continue }
            if bound.isMaximum && quantity > bound.quantity {
              report(
                "\(key.displayName) \(side.word(in: declaration)) \(text) is above \(bound.written)",
                at: entry.value.span)
            } else if !bound.isMaximum && quantity < bound.quantity {
              report(
                "\(key.displayName) \(side.word(in: declaration)) \(text) is below \(bound.written)",
                at: entry.value.span)
            }
          }
        }
      }
      for requirement in requirements {
        // A side the scanner cannot know (`requests=RES` imported, `**extra`) may declare it.
        let declared = requirement.sides.contains { side in
          let list = side == .requests ? declaration.requests : declaration.limits
          return list.isDynamic || list.keys.contains { requirement.resource.matches($0) }
        }
        if !declared {
          let sides = requirement.sides.map(\.word).joined(separator: " or ")
          report(
            "no \(requirement.resource.displayName) \(sides)",
            at: SourceSpan(at: declaration.location))
        }
      }
    }
    return findings.diagnostics
  }
}
