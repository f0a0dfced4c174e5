/// flytekit's `Resources` dataclass as written: each field is one value (possibly a tuple).
///
/// Fields are positional in this order: `cpu, mem, gpu, ephemeral_storage`.
public struct FlytekitResources: Sendable, Hashable {
  public static let fieldOrder: [ResourceKey] = [.cpu, .memory, .gpu, .ephemeralStorage]

  /// Field values in source order, keyed by field; the key span is the keyword (or the value,
  /// for positional arguments).
  public var fields: ResourceList

  public init(fields: ResourceList = ResourceList()) { self.fields = fields }
}

/// flytekit's `ResourceSpec(requests: Resources, limits: Resources)`.
public struct FlytekitResourceSpec: Sendable, Hashable {
  public var requests: ResourceList
  public var limits: ResourceList

  public init(requests: ResourceList, limits: ResourceList) {
    self.requests = requests
    self.limits = limits
  }

  /// `ResourceSpec.from_multiple_resource`, exactly as flytekit 1.16 implements it: a 2-item
  /// tuple or list is `(request, limit)`; a single value is a **request only** (the limit stays
  /// unset, whatever the docstrings say); `None` is skipped. A sequence of any other length is
  /// kept as the request unsplit so that rules can report it. A value the scanner cannot know
  /// may be a tuple, so it is both a dynamic request and a dynamic limit; so are the fields a
  /// `**mapping` may supply.
  public static func fromMultipleResource(_ resources: FlytekitResources) -> FlytekitResourceSpec {
    var requests = ResourceList(dynamicSource: resources.fields.dynamicSource)
    var limits = ResourceList(dynamicSource: resources.fields.dynamicSource)
    for entry in resources.fields {
      switch entry.value.form {
      case .none:
        continue
      case .dynamic:
        requests.append(entry)
        limits.append(entry)
      case .sequence(let items, _) where items.count == 2:
        var request = entry
        request.value = items[0]
        var limit = entry
        limit.value = items[1]
        if case .none = items[0].form {} else { requests.append(request) }
        if case .none = items[1].form {} else { limits.append(limit) }
      default:
        requests.append(entry)
      }
    }
    return FlytekitResourceSpec(requests: requests, limits: limits)
  }
}
