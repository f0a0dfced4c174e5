import ResourceModel

/// Finds the resource value under the cursor among a document's declarations.
enum QuantityHover {
  /// The value whose span holds `location` (either end included, so the cursor just after a
  /// value still finds it), with the resource it is for; nil when none does.
  static func value(at location: SourceLocation, in declarations: [Declaration])
    -> (value: ResourceValue, key: ResourceKey?)?
  {
    for declaration in declarations {
      var lists = [declaration.requests, declaration.limits]
      if let fields = declaration.resourceFields { lists.append(fields) }
      for argument in declaration.arguments {
        if let fields = argument.resourceFields { lists.append(fields) }
      }
      for list in lists {
        for entry in list.entries {
          if let found = value(at: location, in: entry.value) { return (found, entry.key) }
        }
      }
      for argument in declaration.arguments {
        if let value = argument.value, let found = self.value(at: location, in: value) {
          return (found, key(ofArgument: argument.name))
        }
      }
    }
    return nil
  }

  /// `value` or, for a tuple or list (`cpu=("1", "2")`), the item at `location`.
  private static func value(at location: SourceLocation, in value: ResourceValue)
    -> ResourceValue?
  {
    guard value.span.start <= location && location <= value.span.end else { return nil }
    if case .sequence(let items, _) = value.form {
      return items.lazy.compactMap { self.value(at: location, in: $0) }.first
    }
    return value.quantityText == nil ? nil : value
  }

  /// The resource a keyword argument outside `Resources(...)` sizes (`shared_memory=`).
  private static func key(ofArgument name: String) -> ResourceKey? {
    name.contains("memory") || name == "shm" ? .memory : nil
  }
}
