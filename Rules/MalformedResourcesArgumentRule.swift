import ResourceModel

/// RL015: resource arguments flytekit rejects by type or shape, or silently ignores.
struct MalformedResourcesArgumentRule: Rule {
  static let description = RuleDescription(
    code: "RL015",
    name: "malformed-resources-argument",
    summary: "A resource argument has a type or shape flytekit rejects or ignores",
    rationale: """
      `Resources` checks its fields when it is constructed, so these fail as soon as the \
      module is imported: a float for `mem`, `gpu` or `ephemeral_storage` (`gpu=1.0`), a dict \
      or bytes value, `None` inside a tuple (AssertionError); a tuple that is not a pair \
      (ValueError "must be of length 2"); an unknown field such as `memory=` or `storage=` \
      (TypeError). A dict instead of `Resources` in `requests=`/`limits=` fails at \
      serialization (TypeError) or, in `with_overrides`, with AssertionError "requests should \
      be specified as flytekit.Resources". `@task(request=…)` or `resource=` raises ValueError \
      "Unrecognized argument(s)". `shared_memory=` that is neither `True` nor a size string \
      (`shared_memory=1024`) is silently ignored: no shared memory is mounted (warning).
      """,
    fix: """
      Use `Resources` with strings: `requests=Resources(mem="1Gi", gpu="1")`, \
      `resources=Resources(cpu=("1", "2"))`, `shared_memory="2Gi"`.
      """,
    defaultSeverity: .error,
    severityDetail: "warning for shared_memory= and misspelled with_overrides keywords",
    triggering: [
      Example(
        """
        from flytekit import Resources

        GPU = Resources(gpu=1.0)  # expect: 21 [RL015] "gpu=1.0 is a float"
        """, language: .python),
      Example(
        """
        from flytekit import task

        @task(shared_memory=1024)  # expect: 21 [RL015] "shared_memory=1024"
        def load() -> None: ...
        """, language: .python),
    ],
    nonTriggering: [
      Example(
        """
        from flytekit import Resources, task

        @task(resources=Resources(cpu=("1", 2.5), mem="1Gi"), shared_memory=True)
        def load() -> None: ...
        """, language: .python)
    ])

  func check(_ declaration: Declaration, context: RuleContext) -> [Violation] {
    guard declaration.language == .python, declaration.kind.isFlytekit else { return [] }
    var result: [Violation] = []
    for (_, fields) in declaration.resourcesCalls {
      for entry in fields {
        if case .named(let name) = entry.key {
          result.append(Violation(ResourcesField.unknownField(name), at: entry.keySpan))
        } else if let problem = ResourcesField.constructionProblem(entry) {
          result.append(Violation(problem, at: entry.value.span))
        }
      }
    }
    return result + declaration.arguments.flatMap { check($0, of: declaration) }
  }

  private func check(_ argument: ArgumentUse, of declaration: Declaration) -> [Violation] {
    let kind = declaration.kind
    guard kind == .task || kind == .containerTask || kind == .override || kind == .plugin else {
      return []
    }
    switch argument.name {
    case "requests", "limits", "resources":
      guard argument.shape == .mapping, let value = argument.value else { return [] }
      let failure =
        kind == .override
        ? "with_overrides raises AssertionError \"\(argument.name) should be specified as "
          + "flytekit.Resources\""
        : "flytekit fails with TypeError \"must be called with a dataclass type or instance\""
      return [
        Violation("\(argument.name)= is a dict, not Resources; \(failure)", at: value.span)
      ]
    case "request", "limit", "resource":
      let meant = argument.name + "s"
      if kind == .override {
        return [
          Violation(
            "with_overrides does not apply \(argument.name)= (did you mean \(meant)=?)",
            at: argument.span, severity: .warning)
        ]
      }
      let failure =
        kind == .task
        ? "flytekit raises ValueError \"Unrecognized argument(s)\"" : "it fails at import"
      return [
        Violation(
          "\(argument.name)= is not a task argument (did you mean \(meant)=?); \(failure)",
          at: argument.span)
      ]
    case "shared_memory":
      guard let value = argument.value else { return [] }
      switch value.form {
      case .integer, .float, .sequence:
        break
      case .other(let text) where text.hasPrefix("{"):
        break
      default:
        return []
      }
      return [
        Violation(
          "shared_memory=\(value.pythonRepr) is neither True nor a size string, so flytekit "
            + "silently mounts no shared memory; write shared_memory=\"1Gi\" or True",
          at: value.span, severity: .warning)
      ]
    default:
      return []
    }
  }
}
