import ResourceModel

/// RL000: files that cannot be read or parsed. The engine reports these itself (a rule sees
/// only declarations); this file carries the documentation.
struct ParseErrorRule: Rule {
  static let description = RuleDescription(
    code: "RL000",
    name: "parse-error",
    summary: "A file could not be read or parsed, so its declarations were not checked",
    rationale: """
      resourcelint only checks what it can read. A Python file with an unterminated string or \
      unbalanced brackets, YAML that libyaml rejects, a binary or non-UTF-8 file, or a file \
      that cannot be opened is reported here, at the best location known, instead of being \
      skipped silently. Every other file is still checked. Helm chart templates (files with \
      `{{ }}` directives, which are not YAML until rendered) are skipped quietly instead.
      """,
    fix: """
      Fix the syntax error at the reported position, save the file as UTF-8, or exclude the \
      file if it is not meant to be linted.
      """,
    defaultSeverity: .error,
    triggering: [
      Example(
        """
        resources:
          limits: [1, 2}  # expect: 16 [RL000] "did not find expected ',' or ']'"
        """, language: .yaml),
      Example(
        """
        from flytekit import Resources
        # expect: 7 [RL000] "unterminated"
        big = "Resources(cpu=1)
        """, language: .python),
    ],
    nonTriggering: [
      Example("resources: {limits: {memory: 1Gi}}", language: .yaml)
    ])

  func check(_ declaration: Declaration, context: RuleContext) -> [Violation] { [] }
}
