import ResourceModel

/// RL030: a resource key where Kubernetes has no such field, so its values are dropped.
struct MisplacedResourcesKeyRule: Rule {
  static let description = RuleDescription(
    code: "RL030",
    name: "misplaced-resources-key",
    summary: "A resources key is misplaced or misspelt, so Kubernetes drops it",
    rationale: """
      A container's requests and limits live under `resources:`. Written beside `image:` \
      (`limits:`, `requests:`, `memory:`), misspelt (`resource:`, `resouces:`), or with a \
      misspelt key inside (`limit:`, `request:`, `requets:`), they are unknown fields: the \
      API server drops them with at most a warning, Helm, Argo CD and controllers apply the \
      object without them, and only kubectl's strict validation rejects it. The container \
      then runs with no requests or limits at all, or with the platform's defaults, and \
      nothing says so. Other linters check the resources that are there, not the ones that \
      went missing. This is an error in Kubernetes objects; in Helm values it is a warning, \
      because a chart defines its own values (though most pass containers through as \
      written).
      """,
    fix: "Move the key under `resources:` and spell it `limits` or `requests`.",
    defaultSeverity: .error,
    severityDetail: "error in Kubernetes objects, warning in Helm values",
    triggering: [
      Example(
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: app
              image: nginx
              limits:  # expect: 7 [RL030] "`limits` is not a container field"
                memory: 512Mi
        """, language: .yaml),
      Example(
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              containers:
                - name: app
                  image: nginx
                  resources:
                    limit: {cpu: 500m}  # expect: 13 [RL030] "did you mean `limits`?"
        """, language: .yaml),
    ],
    nonTriggering: [
      Example(
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: app
              image: nginx
              resources:
                requests: {cpu: 250m, memory: 256Mi}
                limits: {memory: 256Mi}
        """, language: .yaml)
    ],
    fixAvailability: FixAvailability(
      .none,
      reason: """
        Moving or renaming a key (`limit:` → `limits:`) can write a key its mapping already \
        has, which strict parsers reject, and a moved block must be re-indented: there is no \
        automatic fix.
        """))

  /// Keys that belong under `resources:` (or under its `requests`/`limits`) when written on
  /// the container itself.
  private static let resourcesLevelKeys = ["limits", "requests", "claims"]
  private static let quantityKeys = ["cpu", "memory", "ephemeral-storage", "nvidia.com/gpu"]

  func check(_ declaration: Declaration, context: RuleContext) -> [Violation] {
    guard !declaration.unknownFields.isEmpty else { return [] }
    let severity: Severity = declaration.isInKubernetesObject ? .error : .warning
    return declaration.unknownFields.compactMap { field -> Violation? in
      let advice: String?
      let subject: String
      switch field.place {
      case .container:
        subject = "a container field"
        advice = Self.containerAdvice(field.name)
      case .resources:
        subject = "a field of `resources`"
        advice = DidYouMean.closest(to: field.name, among: Self.resourcesLevelKeys, within: 2)
          .map { "did you mean `\($0)`?" }
      }
      guard let advice else { return nil }
      return Violation(
        "`\(field.name)` is not \(subject), so Kubernetes drops it and its values never apply; "
          + advice,
        at: field.span, severity: severity)
    }
  }

  /// What to do with an unknown container key that holds resources, or nil for any other
  /// unknown key (a CRD's or a chart's own field).
  private static func containerAdvice(_ name: String) -> String? {
    let lowered = name.lowercased()
    if lowered == "limits" || lowered == "requests" || lowered == "claims" {
      return "move it under `resources:`"
    }
    if quantityKeys.contains(lowered) {
      return "move it under `resources: {requests: …, limits: …}`"
    }
    // The distance is kept small: Argo's script templates have a `source` field.
    if DidYouMean.closest(to: name, among: ["resources"], within: 2) != nil {
      return "did you mean `resources`?"
    }
    if let key = DidYouMean.closest(to: name, among: resourcesLevelKeys, within: 2) {
      return "move it under `resources:` as `\(key)`"
    }
    return nil
  }
}
