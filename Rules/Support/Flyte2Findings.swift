import ResourceModel

/// The finding for a Flyte 2 construct the `flyte` SDK rejects, for the rule that owns the
/// problem's category: each construct raises for one reason (the first the SDK meets).
enum Flyte2Findings {
  /// When the SDK raises for the construct: at import for an environment or a module-level
  /// `Resources`, where the override is called for an override.
  static func when(_ declaration: Declaration) -> String {
    switch declaration.kind {
    case .flyteOverride: "when the override is applied"
    default: "when the module is imported"
    }
  }

  static func raise(
    _ declaration: Declaration, _ category: Flyte2Problem.Category, exception: String = "ValueError"
  ) -> [Violation] {
    guard declaration.kind.isFlyte2, let problem = declaration.flyte2?.raises,
      problem.category == category
    else { return [] }
    let fails: String
    if problem.reason.contains("serialising") {
      fails = "flyte fails to deploy the task"
    } else {
      fails = "flyte raises \(exception) \(when(declaration))"
    }
    return [Violation("\(problem.reason): \(fails)", at: problem.span)]
  }
}
