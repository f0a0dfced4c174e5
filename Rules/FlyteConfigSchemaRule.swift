import ResourceModel

/// RL025: Flyte platform configuration that flytectl rejects or flyteadmin silently ignores.
struct FlyteConfigSchemaRule: Rule {
  static let description = RuleDescription(
    code: "RL025",
    name: "flyte-config-resource-schema",
    summary: "Flyte resource configuration that flytectl rejects or flyteadmin silently ignores",
    rationale: """
      `flytectl update task-resource-attribute --attrFile` decodes the file strictly into Go \
      strings: an unquoted number fails ("cannot unmarshal number into Go struct field … of \
      type string"), and so does any unknown key (`json: unknown field "mem"`); the file needs \
      `project` and `domain`. Its keys are `cpu`, `gpu`, `memory`, `ephemeral_storage` and \
      `storage`, which flyteadmin accepts but never uses. flyteadmin's own `task_resources` \
      uses `ephemeralStorage` instead and silently ignores every other key (`storage`, `mem`, \
      `ephemeral_storage`), so the setting does nothing. In Flyte IDL task YAML, a resource \
      listed twice in one list makes flyteadmin reject the task at registration ("can't \
      specify CPU limit for task [...] multiple times"; the same for requests).
      """,
    fix: """
      Attribute files: quote every value and use `memory`, `ephemeral_storage`. flyteadmin \
      config: use `cpu`, `gpu`, `memory`, `ephemeralStorage`. IDL: list each resource once.
      """,
    defaultSeverity: .error,
    severityDetail: "warning for keys that are silently ignored",
    triggering: [
      Example(
        """
        project: flytesnacks
        domain: development
        defaults: {cpu: 1, mem: "1Gi"}  # expect: 17 [RL025] "quote it" 20 [RL025] "use memory"
        """, language: .yaml),
      Example(
        """
        task_resources:
          limits: {cpu: 2, storage: 10Gi}  # expect: 20 [RL025] "silently ignores"
        """, language: .yaml),
    ],
    nonTriggering: [
      Example(
        """
        project: flytesnacks
        domain: development
        defaults: {cpu: "1", memory: "1Gi", ephemeral_storage: "10Gi"}
        """, language: .yaml)
    ])

  static let attributeKeys: Set<String> = ["cpu", "gpu", "memory", "storage", "ephemeral_storage"]
  static let adminKeys: Set<String> = ["cpu", "gpu", "memory", "ephemeralStorage"]
  static let topLevelKeys: Set<String> = ["project", "domain", "workflow", "defaults", "limits"]

  func check(_ declaration: Declaration, context: RuleContext) -> [Violation] {
    switch declaration.kind {
    case .flyteAttributes: attributeFile(declaration)
    case .flyteAdmin:
      declaration.compactMapEntries { _, entry in
        let key = entry.writtenKey
        guard !Self.adminKeys.contains(key) else { return nil }
        let hint = FlyteKeys.suggestion(key, camelCase: true).map { "; use \($0)" } ?? ""
        return Violation(
          "task_resources has no key \(key): flyteadmin silently ignores it\(hint)",
          at: entry.keySpan, severity: .warning)
      }
    case .flyteIDL: FlyteKeys.duplicates(in: declaration)
    default: []
    }
  }

  private func attributeFile(_ declaration: Declaration) -> [Violation] {
    var violations: [Violation] = []
    let unknown = "flytectl rejects the file (strict decoding: unknown field"
    for argument in declaration.arguments where !Self.topLevelKeys.contains(argument.name) {
      let hint = argument.name == "requests" ? "; use defaults" : ""
      violations.append(
        Violation("\(unknown) \"\(argument.name)\")\(hint)", at: argument.span))
    }
    for required in ["project", "domain"] where !declaration.hasArgument(required) {
      violations.append(
        Violation(
          "attribute file has no \(required): flytectl needs project and domain to know "
            + "where the task resource attribute applies",
          at: SourceSpan(at: declaration.location)))
    }
    for (side, entry) in declaration.sidedEntries {
      let key = entry.writtenKey
      if !Self.attributeKeys.contains(key) {
        let hint = FlyteKeys.suggestion(key, camelCase: false).map { "; use \($0)" } ?? ""
        violations.append(Violation("\(unknown) \"\(key)\")\(hint)", at: entry.keySpan))
      } else if key == "storage" {
        violations.append(
          Violation(
            "storage is accepted by flytectl but flyteadmin never uses it; use "
              + "ephemeral_storage for scratch disk", at: entry.keySpan, severity: .warning))
      } else if case .plain(let text) = entry.value.form, let type = FlyteKeys.yamlType(of: text) {
        violations.append(
          Violation(
            "\(declaration.label(entry, side)) \(text) is a YAML \(type): flytectl fails "
              + "(\"cannot unmarshal \(type) into Go struct field … of type string\"); "
              + "quote it: \"\(text)\"", at: entry.value.span))
      } else if case .string(let text) = entry.value.form, case .none = entry.value.quantity {
        // RL004 says the text is not a quantity; the schema consequence is what it does to
        // the project: the attribute replaces the platform's settings wholesale.
        let effect = side == .limit ? "no \(entry.key.displayName) limit at all" : "no default"
        violations.append(
          Violation(
            "\(declaration.label(entry, side)) \"\(text)\" is read as 0 by flyteadmin, and this "
              + "attribute replaces the platform's settings, so the project gets \(effect)",
            at: entry.value.span))
      }
    }
    return violations
  }
}
