import Linting
import ResourceModel
import Testing
import Workspace

/// `--platform FILE` and RL021: loading the three platform shapes, and the severity split
/// between what flyteadmin rejects at registration and what is silently clamped.
struct PlatformTests {
  static let adminConfig = """
    task_resources:
      defaults: {cpu: 500m, memory: 1Gi, gpu: 0, ephemeralStorage: 0}
      limits: {cpu: 2, memory: 4Gi, gpu: 1, ephemeralStorage: 0}
    """
  static let attributeFile = """
    project: flytesnacks
    domain: production
    defaults: {cpu: "500m", memory: "1Gi"}
    limits: {cpu: "2", memory: "4Gi", gpu: "1"}
    """
  static let inlineLimits = """
    limits: {cpu: "2", mem: "4Gi", gpu: "1", ephemeral-storage: "0"}
    defaults: {cpu: 500m, memory: 1Gi}
    """

  /// Tasks against a platform with cpu 2, memory 4Gi, gpu 1: line → expected severity.
  static let tasks = """
    from flytekit import PodTemplate, Resources, task
    from kubernetes.client import V1Container, V1PodSpec, V1ResourceRequirements

    @task(requests=Resources(gpu="2"))
    def gpu_request() -> None: ...

    @task(limits=Resources(gpu="2"))
    def gpu_limit_only() -> None: ...

    @task(requests=Resources(cpu="1"), limits=Resources(cpu="4", mem="8Gi"))
    def cpu_limit_with_request() -> None: ...

    @task(requests=Resources(cpu="2", mem="4Gi"), limits=Resources(cpu="2", mem="4Gi"))
    def within() -> None: ...

    def wf():
        within().with_overrides(requests=Resources(cpu="3"))

    template = PodTemplate(pod_spec=V1PodSpec(containers=[V1Container(
        name="primary",
        resources=V1ResourceRequirements(requests={"cpu": "3"}, limits={"nvidia.com/gpu": "2"}),
    )]))
    """

  static func check(_ source: String, platform: PlatformLimits?) -> [Diagnostic] {
    let rules = (try? RuleSet(select: ["RL021"])) ?? defaultRules()
    return Linter(rules: rules, platform: platform)
      .lint(path: "tasks.py", bytes: Array(source.utf8), language: .python).diagnostics
  }

  static func platform(_ text: String, source: String = "platform.yaml") throws -> PlatformLimits {
    try Platform.parse(Array(text.utf8), source: source)
  }

  @Test(arguments: [adminConfig, attributeFile, inlineLimits])
  func loadsLimitsAndDropsZeros(_ text: String) throws {
    let platform = try Self.platform(text)
    #expect(platform.source == "platform.yaml")
    #expect(platform.limits.keys == [.cpu, .memory, .gpu])
    #expect(platform.limits[.memory]?.value.quantity == Quantity("4Gi"))
    #expect(platform.defaults.keys == [.cpu, .memory])
  }

  @Test(arguments: [adminConfig, attributeFile, inlineLimits])
  func requestsAreRejectedLimitsOnlyAreClamped(_ text: String) throws {
    let found = Self.check(Self.tasks, platform: try Self.platform(text)).map {
      "\($0.span.start.line):\($0.span.start.column) \($0.severity)"
    }
    #expect(
      found == [
        "4:30 error",  // gpu request 2 > 1: V8 at registration
        "7:28 warning",  // gpu limit 2, limits only: clamped to 1
        "10:57 error",  // cpu limit 4 > 2 and the task requests cpu: V5
        "10:66 warning",  // memory limit 8Gi, limits only: clamped
        "17:52 warning",  // an override is never checked at registration
        "21:55 error",  // a pod-template container's cpu request: V6
        "21:87 warning",  // nvidia.com/gpu is not checked by flyteadmin, only clamped
      ])
  }

  @Test func messagesSayWhichAndWhy() throws {
    let messages = Self.check(Self.tasks, platform: try Self.platform(Self.inlineLimits))
      .map(\.message)
    #expect(
      messages.contains(
        "gpu limit 2 exceeds the platform limit 1 (from platform.yaml): flyteadmin does not "
          + "check GPU limits and silently clamps the task to 1"))
    #expect(
      messages.contains(
        "memory limit 8Gi exceeds the platform limit 4Gi (from platform.yaml): flyteadmin "
          + "accepts limits-only declarations and silently clamps the task to 4Gi"))
    #expect(
      messages.contains { $0.hasPrefix("gpu request 2 exceeds") && $0.hasSuffix("registration") })
  }

  @Test func wholeUnitComparisonPassesRegistrationButClamps() throws {
    let platform = try Self.platform("limits: {cpu: 1500m}")
    let source = """
      from flytekit import Resources, task

      @task(requests=Resources(cpu="1800m"))
      def a() -> None: ...

      @task(requests=Resources(cpu="2500m"))
      def b() -> None: ...
      """
    let found = Self.check(source, platform: platform)
    #expect(found.map(\.severity) == [.warning, .error])
    #expect(found.first?.message.contains("compares whole units and accepts it") == true)
  }

  @Test func silentWithoutAPlatform() {
    #expect(Self.check(Self.tasks, platform: nil).isEmpty)
  }

  @Test func kubernetesManifestsAndPluginsAreNotCompared() throws {
    let platform = try Self.platform(Self.inlineLimits)
    let manifest = """
      apiVersion: v1
      kind: Pod
      metadata: {name: big}
      spec:
        containers: [{name: app, image: x, resources: {requests: {cpu: "64"}, limits: {cpu: "64"}}}]
      """
    let rules = (try? RuleSet(select: ["RL021"])) ?? defaultRules()
    let result = Linter(rules: rules, platform: platform)
      .lint(path: "pod.yaml", bytes: Array(manifest.utf8), language: .yaml)
    #expect(result.diagnostics.isEmpty)
  }

  @Test(arguments: [
    ("limits: {cpu: 0, gpu: 0}", "sets no (non-zero) task resource limits"),
    ("apiVersion: v1\nkind: Pod\n", "has no task resource limits"),
    ("limits: [", "platform.yaml:1:10: YAML syntax error"),
    ("limits:\n  cpu: 16GB\n", "platform.yaml:2:8: cpu 16GB is not a quantity"),
    ("task_resources: {limits: {cpu: 1}}\n---\ntask_resources: {limits: {cpu: 2}}", "holds 2 sets"),
  ])
  func unusablePlatformsAreErrorsNamingTheFile(_ text: String, _ message: String) {
    #expect {
      _ = try Self.platform(text)
    } throws: { error in
      "\(error)".contains(message) && "\(error)".contains("platform.yaml")
    }
  }

  @Test func commandLine() throws {
    let root = try CLITests.tree([
      "platform.yaml": Array(Self.inlineLimits.utf8),
      "broken.yaml": Array("limits: {cpu: 0}\n".utf8),
      "tasks.py": Array(Self.tasks.utf8),
    ])
    let run = try CLITests.run(
      [
        "check", "--format", "concise", "--select", "RL021", "--platform", "platform.yaml",
        "tasks.py",
      ], in: root)
    #expect(run.status == 1)
    #expect(run.stdout.contains("tasks.py:4:30: error: gpu request 2 exceeds the platform limit 1"))
    #expect(run.stdout.contains("(from platform.yaml)"))

    let without = try CLITests.run(["check", "--select", "RL021", "tasks.py"], in: root)
    #expect(without.status == 0)

    for bad in ["broken.yaml", "missing.yaml"] {
      let failed = try CLITests.run(["check", "--platform", bad, "tasks.py"], in: root)
      #expect(failed.status == 2)
      #expect(failed.stderr.contains("platform file \(bad)"))
    }
  }
}
