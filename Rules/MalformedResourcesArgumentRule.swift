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
      (ValueError "must be of length 2"); an unknown field such as `memory=` or `storage=`, or \
      a field given both by position and by keyword, as in `Resources("1", cpu="2")` \
      (TypeError). A dict or a `ResourceSpec` instead of `Resources` in \
      `requests=`/`limits=`/`resources=` fails at decoration or serialization (TypeError, \
      AttributeError) or, in `with_overrides`, with AssertionError "requests should be \
      specified as flytekit.Resources". `@task(request=…)` or `resource=` raises ValueError \
      "Unrecognized argument(s)"; a container task or `with_overrides` silently ignores the \
      misspelt keyword, so the resources are never set (warning). `shared_memory=` that is \
      neither `True` nor a size string (`shared_memory=1024`) is silently ignored too: no \
      shared memory is mounted (warning).
      """,
    fix: """
      Use `Resources` with strings: `requests=Resources(mem="1Gi", gpu="1")`, \
      `resources=Resources(cpu=("1", "2"))`, `shared_memory="2Gi"`.
      """,
    defaultSeverity: .error,
    severityDetail: """
      warning for shared_memory= and for misspelt keywords that container tasks and \
      with_overrides ignore
      """,
    triggering: [
      Example(
        """
        from flytekit import Resources

        GPU = Resources(gpu=1.0)  # expect: 21 [RL015] "gpu=1.0 is a float"
        BOTH = Resources("1", cpu="2")  # expect: 23 [RL015] "multiple values for argument 'cpu'"
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
    // Every flytekit `Resources(...)` the declaration was read from: the call itself for a
    // standalone `Resources`, then the calls passed as keyword arguments.
    if let fields = declaration.resourceFields { checkFields(fields, into: &result) }
    for argument in declaration.arguments {
      if let fields = argument.resourceFields { checkFields(fields, into: &result) }
    }
    let kind = declaration.kind
    guard kind == .task || kind == .containerTask || kind == .override || kind == .plugin else {
      return result
    }
    for argument in declaration.arguments {
      result += check(argument, of: kind)
    }
    return result
  }

  private func checkFields(_ fields: ResourceList, into result: inout [Violation]) {
    // Every entry through the checks below: testing first whether an entry may be malformed
    // at all saved 0.1 % of the instructions of a `check` of the bench's medium tree.
    for entry in fields.entries {
      if entry.isRepeated {
        result.append(Violation(ResourcesField.repeated(entry), at: entry.keySpan))
      } else if case .named(let name) = entry.key {
        result.append(Violation(ResourcesField.unknownField(name), at: entry.keySpan))
      } else if let problem = ResourcesField.constructionProblem(entry) {
        result.append(Violation(problem, at: entry.value.span))
      } else if case .boolean(let flag) = entry.value.form {
        // bool passes Resources' int check, so nothing fails until the value is used.
        result.append(
          Violation(
            "\(entry.writtenKey)=\(flag ? "True" : "False") is a bool, which Resources accepts "
              + "only because bool is an int; it is no quantity (str() gives "
              + "\"\(flag ? "True" : "False")\"); write a quantity string",
            at: entry.value.span, severity: .warning))
      }
    }
  }

  /// What is wrong with one argument of a task, override or plugin config.
  private func check(_ argument: ArgumentUse, of kind: DeclarationKind) -> [Violation] {
    switch argument.name {
    case "requests", "limits", "resources":
      guard let value = argument.value,
        let problem = ResourcesArgument.wrongType(argument, kind: kind)
      else { return [] }
      return [Violation(problem, at: value.span)]
    case "request", "limit", "resource":
      let (message, severity) = ResourcesArgument.misspelt(argument.name, kind: kind)
      return [Violation(message, at: argument.span, severity: severity)]
    case "shared_memory":
      guard let value = argument.value, ResourcesArgument.isIgnoredSharedMemory(value) else {
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
