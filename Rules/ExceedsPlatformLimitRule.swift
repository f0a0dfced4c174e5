import ResourceModel

/// RL021: a task asks for more than the Flyte platform allows (needs `--platform`).
struct ExceedsPlatformLimitRule: Rule {
  static let description = RuleDescription(
    code: "RL021",
    name: "exceeds-platform-limit",
    summary: "A task's request or limit is above the Flyte platform's task resource limit",
    rationale: """
      flyteadmin checks every resource a task *requests* against the platform limits \
      (`task_resources.limits`, or the project's task resource attribute): a request above \
      the limit, or a limit above it when the task also requests that resource, fails \
      registration ("Requested CPU default [...] is greater than current limit set in the \
      platform configuration"). It compares whole units, so `1800m` passes a `1500m` limit. \
      Whatever passes is clamped at execution: a limits-only declaration, an override (never \
      checked at registration) or a GPU limit silently runs with the platform limit, so \
      `limits=Resources(gpu="2")` on a one-GPU platform gets one GPU. Pod-template containers \
      are checked the same way for `cpu`, `memory`, `ephemeral-storage` and `gpu`; \
      `nvidia.com/gpu` there is only clamped. Silent without `--platform FILE` (a flyteadmin \
      config, a flytectl attribute file or inline limits); plugins and manifests are skipped.
      """,
    fix: "Stay within the platform limits, or ask a Flyte admin to raise them.",
    defaultSeverity: .error,
    severityDetail: "warning when the value is silently clamped instead of rejected",
    triggering: [
      Example(
        """
        # platform: {limits: {cpu: "2", memory: 4Gi, gpu: "1"}}
        from flytekit import Resources, task

        # expect: 30 [RL021] "rejects" 57 [RL021] "clamps the task to 1"
        @task(requests=Resources(cpu="4"), limits=Resources(gpu="2"))
        def train() -> None: ...
        """, language: .python)
    ],
    nonTriggering: [
      Example(
        """
        # platform: {limits: {cpu: "2", memory: 4Gi, gpu: "1"}}
        from flytekit import Resources, task

        @task(requests=Resources(cpu="2", mem="4Gi"), limits=Resources(gpu="1"))
        def train() -> None: ...
        """, language: .python)
    ],
    fixAvailability: FixAvailability(
      .none,
      reason: """
        Lowering a value to the platform's limit changes what the task gets, and raising the \
        limit is a platform decision: there is no automatic fix.
        """))

  func check(_ declaration: Declaration, context: RuleContext) -> [Violation] {
    guard let platform = context.platform else { return [] }
    switch declaration.kind {
    case .task, .containerTask, .flyteIDL, .override: break
    case .flyteEnvironment, .flyteEnvironmentClone, .flyteOverride: break
    case .podTemplate where declaration.primaryContainerName != nil: break
    default: return []
    }
    return declaration.compactMapEntries { side, entry -> Violation? in
      var platformKey = entry.key
      if case .named = entry.key {
        guard declaration.kind == .podTemplate, entry.key.isGPU else { return nil }
        platformKey = .gpu
      }
      guard let maximum = platform.limits[platformKey]?.value.quantity, maximum.signum > 0,
        let value = entry.value.quantity, maximum < value
      else { return nil }
      let shown =
        value.suffix == maximum.suffix
        ? (value.text, maximum.text)
        : (value.reading(for: entry.key), maximum.reading(for: entry.key))
      let platformName = entry.key == platformKey ? "" : " \(platformKey.displayName)"
      let head =
        "\(declaration.label(entry, side)) \(shown.0) exceeds the platform"
        + "\(platformName) limit \(shown.1) (from \(platform.source)): "
      let subject =
        switch declaration.kind {
        case .override: "node"
        case .podTemplate: "container"
        default: "task"
        }
      let clamped = "silently clamps the \(subject) to \(maximum.text)"
      // Flyte 2 tasks register with Flyte 2's control plane, not flyteadmin: name no component
      // whose code was not read for them.
      let admin = declaration.sdk == .flyte ? "the Flyte backend" : "flyteadmin"
      if declaration.kind == .override {
        return Violation(
          head + "overrides are not checked at registration; flytepropeller " + clamped,
          at: entry.value.span, severity: .warning)
      }
      if entry.key != platformKey {
        return Violation(
          head + "\(admin) does not check this key; flytepropeller " + clamped,
          at: entry.value.span, severity: .warning)
      }
      // flyteadmin checks only requested resources, and a GPU limit never (SEMANTICS §3.1).
      let isChecked =
        side == .request || (entry.key != .gpu && declaration.requests.hasEntry(for: entry.key))
      if !isChecked && entry.key != .gpu && declaration.requests.isDynamic {
        // Whether flyteadmin compares this limit depends on a request the scanner cannot know.
        return Violation(
          head + "\(admin) rejects it at registration if the task also requests "
            + "\(entry.key.displayName) (its requests are dynamic here); otherwise flytepropeller "
            + clamped,
          at: entry.value.span, severity: .warning)
      }
      guard isChecked else {
        let why =
          entry.key == .gpu ? "does not check GPU limits" : "accepts limits-only declarations"
        return Violation(
          head + "\(admin) \(why) and " + clamped, at: entry.value.span,
          severity: .warning)
      }
      guard let ceiling = Self.wholeCeiling(of: maximum), ceiling < value else {
        return Violation(
          head + "\(admin) compares whole units and accepts it, then " + clamped,
          at: entry.value.span, severity: .warning)
      }
      let because =
        side == .limit ? " because the task also requests \(entry.key.displayName)" : ""
      return Violation(
        head + "\(admin) rejects the task at registration" + because,
        at: entry.value.span, severity: .error)
    }
  }

  /// The smallest whole number not below a positive `quantity` (Go's `Quantity.Value()`).
  static func wholeCeiling(of quantity: Quantity) -> Quantity? {
    if quantity.isWholeNumber { return quantity }
    let whole = quantity.exactValue.prefix { $0 != "." }
    var digits = Array(whole.utf8)
    var index = digits.count - 1
    while index >= 0 && digits[index] == UInt8(ascii: "9") {
      digits[index] = UInt8(ascii: "0")
      index -= 1
    }
    if index >= 0 { digits[index] += 1 } else { digits.insert(UInt8(ascii: "1"), at: 0) }
    return Quantity(String(decoding: digits, as: UTF8.self))
  }
}
