import ResourceModel

/// RL005: an int, float or bool where flytekit needs a string.
struct NonStringResourceValueRule: Rule {
  static let description = RuleDescription(
    code: "RL005",
    name: "non-string-resource-value",
    summary: "A flytekit resource value is a Python number or bool instead of a string",
    rationale: """
      `Resources` accepts ints and floats, but `@task` and `ContainerTask` put the raw value \
      into a protobuf string field, so `pyflyte package`/`register` fails with `TypeError: bad \
      argument type for built-in operation` (flytekit 1.12 to 1.16). Local runs pass, so this \
      shows up only at deploy time. With `pod_template=`, in a pod template's \
      `V1ResourceRequirements` and in Ray node configs the raw value goes into the pod spec: \
      kubernetes client 37+ raises a pydantic `ValidationError`. A falsy value (`0`) is dropped \
      by `@task` before any of that, so it is only a warning there. `with_overrides` and plugin \
      replica configs apply `str()`, so a number works and this is info: `0.5` becomes `"0.5"`, \
      and `2048` becomes `"2048"`, which is bytes. A `Resources` not attached to anything is a \
      warning, since it crashes once it reaches a task. Booleans in `str()` paths become \
      `"True"`, which invalid-quantity reports.
      """,
    fix: "Write the value as a quantity string: `cpu=\"500m\"`, `mem=\"1Gi\"`, `gpu=\"1\"`.",
    defaultSeverity: .error,
    severityDetail: "info in with_overrides and plugin configs; warning for 0 in @task",
    triggering: [
      Example(
        """
        from flytekit import Resources, task

        @task(requests=Resources(cpu=2, mem="4Gi"))  # expect: 30 [RL005] "cpu=2 is an int"
        def train() -> None: ...

        def wf() -> None:
            # expect: 49 [RL005] "str(0.5) = \\"0.5\\""
            train().with_overrides(limits=Resources(cpu=0.5))
        """, language: .python)
    ],
    nonTriggering: [
      Example(
        """
        from flytekit import Resources, task

        @task(requests=Resources(cpu="2", mem="4Gi"), limits=Resources(cpu="500m"))
        def train() -> None: ...
        """, language: .python)
    ],
    fixAvailability: FixAvailability(
      .sometimes, [.safe, .unsafe],
      reason: """
        Where the value fails as a number, it is written as the string of the same amount \
        (`cpu=2` → `cpu="2"`, `cpu=0.5` → `cpu="500m"`), safely; a small memory int gets a unit \
        too (`mem=1024` → `mem="1024Mi"`), as an unsafe fix since that changes the amount. \
        Booleans, dropped falsy values and values flytekit already turns into strings get none.
        """))

  func check(_ declaration: Declaration, context: RuleContext) -> [Violation] {
    guard let path = ValuePath(declaration) else { return [] }
    // Only numbers and booleans are reported, alone or inside a tuple.
    let mayHoldScalar = { (entry: ResourceEntry) -> Bool in
      switch entry.value.form {
      case .integer, .float, .boolean, .sequence: true
      case .string, .plain, .none, .dynamic, .other: false
      }
    }
    let found = declaration.compactMapEntries(where: mayHoldScalar) { side, entry -> [Violation]? in
      if case .sequence(let items, _) = entry.value.form {
        return items.compactMap { violation($0, entry, side, declaration, path) }
      }
      return violation(entry.value, entry, side, declaration, path).map { [$0] }
    }
    return found.flatMap { $0 }
  }

  private func violation(
    _ value: ResourceValue, _ entry: ResourceEntry, _ side: Side, _ declaration: Declaration,
    _ path: ValuePath
  ) -> Violation? {
    guard let type = value.pythonScalarType,
      !value.isRejectedFloat(for: entry.key, in: declaration.kind)
    else { return nil }
    let field = entry.writtenKey
    let written =
      declaration.kind == .podTemplate
      ? "\"\(field)\": \(value.pythonRepr)" : "\(field)=\(value.pythonRepr)"
    let subject = "\(written) is \(type == "int" ? "an" : "a") \(type)"
    let replacementText = value.stringReplacement(for: entry.key)
    let replacement = "\"\(replacementText)\""
    // The same amount as a string only fixes the type; a unit added to it changes the amount.
    let sameAmount = value.quantity.flatMap { amount in
      Quantity(replacementText).map { !(amount < $0) && !($0 < amount) }
    }
    let fix: Fix? =
      type == "bool" || sameAmount == nil
      ? nil
      : value.respelled(
        as: replacementText, title: "Replace \(value.pythonRepr) with \(replacement)",
        sameAmount == true ? .safe : .unsafe)
    let fixed =
      declaration.kind == .podTemplate ? "\"\(field)\": \(replacement)" : "\(field)=\(replacement)"
    let isTask = declaration.kind == .task || declaration.kind == .containerTask
    let construct = declaration.kind == .task ? "@task" : "ContainerTask"
    if isTask && value.isFalsyScalar {
      // `_get_container_definition` tests truthiness before anything is serialized.
      return Violation(
        "\(subject): \(construct) drops falsy values, so no \(declaration.label(entry, side)) "
          + "is sent; remove it or write a string",
        at: value.span, severity: .warning)
    }
    switch path {
    case .container:
      return Violation(
        "\(subject): \(construct) serialization fails with TypeError; "
          + "write \(fixed)",
        at: value.span, fix: fix)
    case .podSpec:
      return Violation(
        "\(subject): kubernetes client 37+ rejects it in the pod spec with a pydantic "
          + "ValidationError; write \(fixed)",
        at: value.span, fix: fix)
    case .stringified:
      guard type != "bool", let text = value.quantityText else { return nil }
      let meaning = value.quantity.map { ", which is \($0.amount(of: entry.key))" } ?? ""
      return Violation(
        "\(subject); flytekit sends str(\(text)) = \"\(text)\"\(meaning)",
        at: value.span, severity: .info)
    case .unknown:
      guard !value.isFalsyScalar else { return nil }
      return Violation(
        "\(subject): if this Resources reaches @task, serialization fails with TypeError; "
          + "write \(fixed)",
        at: value.span, severity: .warning, fix: fix)
    }
  }
}
