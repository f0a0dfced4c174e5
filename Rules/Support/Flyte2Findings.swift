import ResourceModel

/// The finding for a Flyte 2 construct the `flyte` SDK rejects, for the rule that owns the
/// problem's category: each construct raises for one reason (the first the SDK meets).
enum Flyte2Findings {
  static func raise(_ declaration: Declaration, _ category: Flyte2Problem.Category)
    -> [Violation]
  {
    guard declaration.kind.isFlyte2, let problem = declaration.flyte2?.raises,
      problem.category == category
    else { return [] }
    return [Violation("\(problem.reason) (\(consequence(problem, declaration)))", at: problem.span)]
  }

  /// Which exception the SDK raises, and when.
  static func consequence(_ problem: Flyte2Problem, _ declaration: Declaration) -> String {
    let reason = problem.reason
    if reason.contains("serialising") { return "flyte fails when it serialises the task" }
    let typeErrors = [
      "unexpected keyword", "positional", "multiple values", "missing required",
      "must be a flyte.", "needs a name",
    ]
    let exception = typeErrors.contains { reason.contains($0) } ? "TypeError" : "ValueError"
    let when =
      declaration.kind == .flyteOverride
      ? "when the override is called" : "when the module is imported"
    return "flyte raises \(exception) \(when)"
  }
}
