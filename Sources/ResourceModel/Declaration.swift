/// What kind of construct declared the resources. The raw values are `dump`'s `kind` field.
public enum DeclarationKind: String, Sendable, Hashable, CaseIterable {
  /// `@task`/`@dynamic`/`@eager` decorator arguments.
  case task
  /// `ContainerTask(…)`, `ShellTask(…)`, `NotebookTask(…)` and similar constructors.
  case containerTask = "container-task"
  /// `node.with_overrides(…)`.
  case override
  /// A plugin replica or node config (`Worker`, `HeadNodeConfig`, `Scheduler`, …).
  case plugin
  /// `V1ResourceRequirements(…)` inside a pod template, or a container of a Python pod spec.
  case podTemplate = "pod-template"
  /// A `Resources(…)`/`ResourceSpec(…)` not attached to anything known.
  case resources
  /// A container of a Kubernetes workload (any kind, CRDs included).
  case k8sContainer = "k8s-container"
  /// An init container of a Kubernetes workload.
  case k8sInitContainer = "k8s-init-container"
  /// A `resources: {requests, limits}` block in Helm values or other configuration.
  case helmValues = "helm-values"
  /// flyteadmin's `task_resources: {defaults, limits}` (a limit of 0 means "no limit").
  case flyteAdmin = "flyte-admin"
  /// A flytectl task-resource-attribute file (`project`/`domain` + `defaults`/`limits`).
  case flyteAttributes = "flyte-attributes"
  /// A Flyte IDL task spec (`resources.requests: [{name, value}]`).
  case flyteIDL = "flyte-idl"
  /// flytepropeller's `plugins.k8s` defaults (`default-cpus`, `default-memory`): the requests
  /// of every container that sets none.
  case flytePropeller = "flyte-propeller"
  /// A PersistentVolumeClaim's `spec.resources` (also of a StatefulSet's `volumeClaimTemplates`
  /// and an ephemeral volume's `volumeClaimTemplate`).
  case k8sPVC = "k8s-pvc"
  /// A ResourceQuota's `spec.hard`: caps on a namespace's totals and object counts.
  case k8sResourceQuota = "k8s-resource-quota"
  /// One item of a LimitRange's `spec.limits`: its `defaultRequest`/`default`, or its `min`/`max`.
  case k8sLimitRange = "k8s-limit-range"
  /// Flyte 2: `flyte.TaskEnvironment(…)`.
  case flyteEnvironment = "environment"
  /// Flyte 2: `env.clone_with(…)`, with the resources it inherits or replaces.
  case flyteEnvironmentClone = "environment-clone"
  /// Flyte 2: `task.override(resources=…)`. A kind of its own: flytekit's `with_overrides`
  /// takes `requests=`/`limits=`, a different model.
  case flyteOverride = "flyte-override"
  /// Flyte 2: a `flyte.Resources(…)` attached to nothing known.
  case flyteResources = "flyte-resources"

  /// The kind as `dump` names it: Flyte 2's override and resources share the Flyte 1 words,
  /// told apart by the object's `sdk`.
  public var dumpName: String {
    switch self {
    case .flyteOverride: "override"
    case .flyteResources: "resources"
    default: rawValue
    }
  }

  /// The Flyte 2 (`flyte` SDK) kinds.
  public var isFlyte2: Bool {
    switch self {
    case .flyteEnvironment, .flyteEnvironmentClone, .flyteOverride, .flyteResources: true
    default: false
    }
  }

  /// Flyte platform configuration, where a value of 0 means "unset/no limit".
  public var isPlatformConfig: Bool { self == .flyteAdmin || self == .flyteAttributes }

  /// False for the Kubernetes objects whose amounts are not one container's resources: a
  /// volume's size, a namespace's quota, a LimitRange's bounds. Rules about what a container
  /// runs with, and policies that name no kinds, leave them alone.
  public var isContainerAmount: Bool {
    switch self {
    case .k8sPVC, .k8sResourceQuota, .k8sLimitRange: false
    default: true
    }
  }

  /// Declarations whose values flytekit serializes itself (as opposed to Kubernetes objects).
  public var isFlytekit: Bool {
    switch self {
    case .task, .containerTask, .override, .plugin, .podTemplate, .resources: true
    default: false
    }
  }
}

/// What kind of object an argument's value is, where the scanner can tell without running it.
public enum ArgumentShape: Sendable, Hashable {
  /// A flytekit `Resources(...)` call (directly or through a constant): its fields as written,
  /// tuples unsplit, from every conditional alternative.
  case resources(ResourceList)
  /// A flytekit `ResourceSpec(...)` call.
  case resourceSpec
  /// A dict literal or a `dict(...)` call.
  case mapping
}

/// A keyword argument of the declaring call, as written (`requests=`, `accelerator=`, …).
public struct ArgumentUse: Sendable, Hashable {
  public var name: String
  /// The span of the keyword itself.
  public var span: SourceSpan
  /// The argument's value when it is a scalar or a shape worth judging (`shared_memory=1024`,
  /// `requests={"cpu": "1"}` as `.other`); nil when the scanner did not record it, and for a
  /// `Resources(...)` call, whose fields are in `shape`.
  public var value: ResourceValue? {
    get { storedValue.first }
    set { storedValue = newValue.map { [$0] } ?? [] }
  }
  /// `value` out of line (empty for nil): a task keeps an argument per keyword until its rules
  /// run, and an inline optional value took 120 of each argument's 192 bytes even when nil.
  private var storedValue: [ResourceValue]
  /// Where the whole argument, keyword through value, ends; line 0 when not recorded. It
  /// starts at the keyword, so only its end is stored: a task keeps an argument per keyword
  /// until its rules run.
  private var extentEnd: SourceLocation
  /// What the value is when that matters to a rule (a `Resources` call and its fields, a dict);
  /// nil for anything else.
  public var shape: ArgumentShape?
  /// The whole argument as written, keyword through value (`limits=SMALL`): where a value
  /// reached through a constant is used. nil when the scanner did not record it.
  public var extent: SourceSpan? {
    extentEnd.line > 0 ? SourceSpan(start: span.start, end: extentEnd) : nil
  }

  /// `extentEnd`: where the argument's value ends, when the scanner records the whole argument.
  public init(
    name: String, span: SourceSpan, value: ResourceValue? = nil, shape: ArgumentShape? = nil,
    extentEnd: SourceLocation? = nil
  ) {
    self.name = name
    self.span = span
    self.storedValue = value.map { [$0] } ?? []
    self.shape = shape
    self.extentEnd = extentEnd ?? SourceLocation(line: 0, column: 0)
  }

  /// The fields of the `Resources(...)` passed here, or nil when the value is not one.
  public var resourceFields: ResourceList? {
    if case .resources(let fields) = shape { return fields }
    return nil
  }
}

/// One container of a Python pod template's `pod_spec.containers`, in list order.
public struct TemplateContainer: Sendable, Hashable {
  /// The container's `name=`, nil when it is not a literal.
  public var name: String?
  /// The span of the name literal, or of the container expression when there is none.
  public var span: SourceSpan

  public init(name: String?, span: SourceSpan) {
    self.name = name
    self.span = span
  }
}

/// The words a source uses for a declaration's two lists when they are not "request" and
/// "limit": `defaultRequest`/`default` and `min`/`max` in a LimitRange, `default` in Flyte
/// platform configuration, `quota` for a ResourceQuota's `hard` list.
public struct ListWords: Sendable, Hashable {
  public var request: String
  public var limit: String

  public init(request: String, limit: String) {
    self.request = request
    self.limit = limit
  }
}

/// A key of a Kubernetes container, or of its `resources` block, that is not a field of that
/// type (`limits` beside `image`, `limit` under `resources`). Kubernetes drops unknown fields,
/// so whatever they hold never reaches the pod.
public struct UnknownField: Sendable, Hashable {
  public enum Place: Sendable, Hashable {
    /// A key of the container mapping.
    case container
    /// A key of the container's `resources` mapping.
    case resources
  }

  /// The key as written.
  public var name: String
  public var span: SourceSpan
  public var place: Place

  public init(name: String, span: SourceSpan, place: Place) {
    self.name = name
    self.span = span
    self.place = place
  }
}

/// One declaring construct with its resources, normalised to requests and limits.
///
/// Every value carries its own span, so a diagnostic can point at the offending literal even
/// when it was resolved through a module-level constant.
public struct Declaration: Sendable, Hashable {
  /// The path as given on the command line (relative stays relative).
  public var file: String
  /// The task function, container, plugin config, or object name, where there is one.
  public var name: String?
  /// Where the declaring construct starts (the call, the decorator, the `resources` key).
  public var location: SourceLocation
  /// The whole declaring construct as written (the decorator or call through its `)`, the
  /// `resources` key through its value). A value outside it was defined elsewhere (a module
  /// constant, a YAML anchor) and may be shared; findings on it name this construct as one of
  /// its users. nil when the scanner did not record it.
  public var extent: SourceSpan?
  /// (Stored after `extent`, whose tag byte they follow: a declaration is 128 bytes, not 152.)
  public var language: SourceLanguage
  public var kind: DeclarationKind
  /// What flytekit (or Kubernetes) would treat as requests: for `resources=`, the first item of
  /// each tuple and every single value (`ResourceSpec.from_multiple_resource`).
  public var requests: ResourceList
  public var limits: ResourceList
  public var accelerator: AcceleratorReference? {
    get { storedAccelerator.first }
    set { storedAccelerator = newValue.map { [$0] } ?? [] }
  }
  /// `accelerator` out of line: most declarations have none, and an inline optional reference
  /// made every declaration a hundred bytes larger.
  private var storedAccelerator: [AcceleratorReference]
  /// The keyword arguments given to the declaring call, as written.
  public var arguments: [ArgumentUse]
  /// The container this declaration belongs to (Kubernetes container or pod-template container).
  public var container: String? {
    get { extras.first?.container }
    set { updateExtras { $0.container = newValue } }
  }
  /// For pod templates: the template's `primary_container_name` (flytekit's default is `primary`).
  public var primaryContainerName: String? {
    get { extras.first?.primaryContainerName }
    set { updateExtras { $0.primaryContainerName = newValue } }
  }
  /// A dotted path to the declaration inside a YAML document (`spec.template.spec.containers[0]`).
  public var path: String? {
    get { extras.first?.path }
    set { updateExtras { $0.path = newValue } }
  }
  /// The task this construct belongs to: the decorated function of a pod template or plugin
  /// config, or the task an override is applied to.
  public var owner: String? {
    get { extras.first?.owner }
    set { updateExtras { $0.owner = newValue } }
  }
  /// For a `.resources` declaration read from a `Resources(...)` call: the call's own fields as
  /// written (tuples unsplit, every alternative), for rules that judge the call itself.
  public var resourceFields: ResourceList? {
    get { extras.first?.resourceFields }
    set { updateExtras { $0.resourceFields = newValue } }
  }
  /// For Python pod templates: every container of `pod_spec.containers`, when that list is
  /// written out literally; nil when it is not known.
  public var templateContainers: [TemplateContainer]? {
    get { extras.first?.templateContainers }
    set { updateExtras { $0.templateContainers = newValue } }
  }
  /// The words for the two lists, when the source does not call them requests and limits.
  public var listWords: ListWords? {
    get { extras.first?.listWords }
    set { updateExtras { $0.listWords = newValue } }
  }
  /// For a Kubernetes container: the keys of the container and of its `resources` block that
  /// are not fields of those types, in source order.
  public var unknownFields: [UnknownField] {
    get { extras.first?.unknownFields ?? [] }
    set { updateExtras { $0.unknownFields = newValue } }
  }
  /// For a Kubernetes container: true when it was read from a Kubernetes object (a mapping
  /// with `apiVersion` and `kind` around it), false when from Helm values or other
  /// configuration, whose schema a chart defines.
  public var isInKubernetesObject: Bool {
    get { extras.first?.isInKubernetesObject ?? false }
    set { updateExtras { $0.isInKubernetesObject = newValue } }
  }

  /// The fields most declarations leave unset, out of line: inline, they made every
  /// declaration (400,000 of them in a dense module, all alive until its rules ran) about
  /// 200 bytes larger. Empty when every field has its default, so that equal declarations
  /// have equal storage (`Hashable` is synthesized).
  private var extras: [Extras]

  private struct Extras: Sendable, Hashable {
    var owner: String?
    var container: String?
    var primaryContainerName: String?
    var path: String?
    var resourceFields: ResourceList?
    var templateContainers: [TemplateContainer]?
    var listWords: ListWords?
    var unknownFields: [UnknownField] = []
    var isInKubernetesObject = false

    static let none = Extras()
  }

  private mutating func updateExtras(_ change: (inout Extras) -> Void) {
    var value = extras.first ?? .none
    change(&value)
    extras = value == .none ? [] : [value]
  }

  /// What only Flyte 2 declarations carry (out of line, like `accelerator`); nil for others.
  public var flyte2: Flyte2Details? {
    get { storedFlyte2.first }
    set { storedFlyte2 = newValue.map { [$0] } ?? [] }
  }
  private var storedFlyte2: [Flyte2Details] = []

  /// The SDK a Python declaration was written against; nil for YAML.
  public var sdk: PythonSDK? {
    guard language == .python else { return nil }
    return kind.isFlyte2 ? .flyte : .flytekit
  }

  public init(
    file: String, language: SourceLanguage, kind: DeclarationKind, name: String?,
    location: SourceLocation, requests: ResourceList = ResourceList(),
    limits: ResourceList = ResourceList(), accelerator: AcceleratorReference? = nil,
    arguments: [ArgumentUse] = [], container: String? = nil, primaryContainerName: String? = nil,
    path: String? = nil, owner: String? = nil, resourceFields: ResourceList? = nil,
    templateContainers: [TemplateContainer]? = nil, extent: SourceSpan? = nil
  ) {
    self.file = file
    self.language = language
    self.kind = kind
    self.name = name
    self.location = location
    self.requests = requests
    self.limits = limits
    self.storedAccelerator = accelerator.map { [$0] } ?? []
    self.arguments = arguments
    self.extent = extent
    let extras = Extras(
      owner: owner, container: container, primaryContainerName: primaryContainerName, path: path,
      resourceFields: resourceFields, templateContainers: templateContainers)
    self.extras = extras == .none ? [] : [extras]
  }

  /// True when the call passed a keyword argument named `name`.
  public func hasArgument(_ name: String) -> Bool { arguments.contains { $0.name == name } }

  /// The last keyword argument named `name`, if the call passed one.
  public func argument(_ name: String) -> ArgumentUse? { arguments.last { $0.name == name } }
}
