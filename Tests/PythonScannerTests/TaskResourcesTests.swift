import ResourceModel
import Testing

@testable import PythonScanner

/// The model's task reasoning (`RuleContext.resources(ofTask:)` and friends) over what the
/// scanner extracts from real flytekit code.
@Suite struct TaskResourcesTests {
  static let header = """
    from flytekit import task, Resources, PodTemplate
    from flytekit.extras.accelerators import T4, L4
    from kubernetes.client import V1PodSpec, V1Container, V1ResourceRequirements
    from flytekitplugins.kfpytorch import PyTorch, Worker

    """

  func context(_ code: String, platform: PlatformLimits? = nil) -> RuleContext {
    RuleContext(fileDeclarations: declarations(Self.header + code + "\n"), platform: platform)
  }

  func platform(defaults: [(ResourceKey, String)], limits: [(ResourceKey, String)])
    -> PlatformLimits
  {
    let span = SourceSpan(at: SourceLocation(line: 1, column: 1))
    func list(_ pairs: [(ResourceKey, String)]) -> ResourceList {
      ResourceList(
        pairs.map {
          ResourceEntry(
            key: $0.0, writtenKey: $0.0.dumpName, keySpan: span,
            value: ResourceValue(.string($0.1), span: span))
        })
    }
    return PlatformLimits(source: "platform.yaml", defaults: list(defaults), limits: list(limits))
  }

  @Test func declaredLimitThenRequestThenPlatformDefault() throws {
    let code = """
      @task(requests=Resources(cpu="1", mem="2Gi"), limits=Resources(mem="4Gi"))
      def f(): ...
      """
    let bare = try #require(context(code).resources(ofTask: "f"))
    #expect(bare.effectiveLimit(for: .memory, platform: nil)?.quantity.text == "4Gi")
    #expect(bare.effectiveLimit(for: .memory, platform: nil)?.basis == .limit)
    #expect(bare.effectiveLimit(for: .cpu, platform: nil)?.basis == .request)
    #expect(bare.effectiveLimit(for: .gpu, platform: nil) == nil)
    let flyte = platform(defaults: [(.gpu, "1")], limits: [(.cpu, "500m"), (.memory, "0")])
    #expect(bare.effectiveLimit(for: .gpu, platform: flyte)?.basis == .platformDefault)
    // Lowered to the platform limit; a zero platform limit means none.
    #expect(bare.effectiveLimit(for: .cpu, platform: flyte)?.quantity.text == "500m")
    #expect(bare.effectiveLimit(for: .cpu, platform: flyte)?.basis == .platformLimit)
    #expect(bare.effectiveLimit(for: .memory, platform: flyte)?.basis == .limit)
  }

  /// A name held by one task finds it, whatever the other names; a name two tasks share finds
  /// neither (nor any override's task); a name no task has finds nothing.
  @Test func tasksAreFoundByNameOnlyWhenTheNameIsTheirsAlone() throws {
    var code = ""
    for index in 0..<2_000 {
      code += "@task(requests=Resources(cpu=\"\(index + 1)m\"))\ndef t\(index)(): ...\n\n"
    }
    code += """
      @task(requests=Resources(cpu="1"))
      def twice(): ...

      @task(requests=Resources(cpu="2"))
      def twice(): ...
      """
    let context = context(code)
    for index in [0, 1, 777, 1_999] {
      let task = try #require(context.task(named: "t\(index)"), "t\(index)")
      #expect(task.requests[.cpu]?.value.quantityText == "\(index + 1)m")
      #expect(context.resources(ofTask: "t\(index)") != nil)
    }
    #expect(context.task(named: "twice") == nil)
    #expect(context.resources(ofTask: "twice") == nil)
    #expect(context.task(named: "t2000") == nil)
    #expect(context.task(named: "") == nil)
    #expect(context.resources(ofTask: "missing") == nil)
  }

  @Test func dynamicValuesGiveNoLimit() throws {
    let task = try #require(
      context("@task(requests=Resources(cpu=N), limits=Resources(mem=\"1Gi\"))\ndef f(): ...")
        .resources(ofTask: "f"))
    #expect(task.effectiveLimit(for: .cpu, platform: nil) == nil)
  }

  @Test func podTemplatePrimaryContainerWhenTheTaskDeclaresNone() throws {
    let code = """
      @task(accelerator=T4, pod_template=PodTemplate(pod_spec=V1PodSpec(containers=[
          V1Container(name="primary", resources=V1ResourceRequirements(
              limits={"nvidia.com/gpu": "1"})),
          V1Container(name="proxy", resources=V1ResourceRequirements(limits={"cpu": "100m"})),
      ])))
      def f(): ...
      """
    let task = try #require(context(code).resources(ofTask: "f"))
    #expect(task.isFromPodTemplate)
    #expect(!task.declaresResources)
    #expect(task.gpu == .present)
    #expect(task.sidecars.map(\.container) == ["proxy"])
    #expect(task.accelerator?.device == "nvidia-tesla-t4")
  }

  @Test func taskResourcesReplaceThePrimaryContainers() throws {
    let code = """
      @task(requests=Resources(cpu="2"), pod_template=PodTemplate(pod_spec=V1PodSpec(containers=[
          V1Container(name="primary", resources=V1ResourceRequirements(
              limits={"nvidia.com/gpu": "1"})),
      ])))
      def f(): ...
      """
    let task = try #require(context(code).resources(ofTask: "f"))
    #expect(!task.isFromPodTemplate)
    #expect(task.gpu == .absent)
    #expect(task.effectiveLimit(for: .cpu, platform: nil)?.quantity.text == "2")
  }

  @Test func gpuFromPluginsAndOverrides() throws {
    let code = """
      @task(accelerator=T4,
            task_config=PyTorch(worker=Worker(replicas=2, limits=Resources(gpu="1"))))
      def f(): ...
      @task(accelerator=L4)
      def g(): ...
      @task(limits=Resources(gpu=COUNT))
      def h(): ...
      def wf():
          f().with_overrides(accelerator=L4)
          g().with_overrides(limits=Resources(gpu="2"))
          h().with_overrides(accelerator=T4)
          elsewhere().with_overrides(accelerator=T4)
      """
    let context = context(code)
    #expect(context.resources(ofTask: "f")?.gpu == .present)
    #expect(context.resources(ofTask: "g")?.gpu == .absent)
    let overrides = context.fileDeclarations.filter { $0.kind == .override }
    #expect(
      overrides.map { context.gpuPresence(ofOverride: $0) } == [
        .present, .present, .unknown, .unknown,
      ])
    #expect(
      overrides.map { context.effectiveAccelerator(of: $0)?.device } == [
        "nvidia-l4", "nvidia-l4", "nvidia-tesla-t4", "nvidia-tesla-t4",
      ])
    #expect(context.overrides(of: "g").count == 1)
    #expect(context.resources(ofTask: "elsewhere") == nil)
  }

  @Test func ambiguousTaskNames() {
    let code = """
      @task(requests=Resources(cpu="1"))
      def f(): ...
      @task(requests=Resources(cpu="2"))
      def f(): ...
      """
    #expect(context(code).task(named: "f") == nil)
    #expect(context(code).resources(ofTask: "f") == nil)
  }
}
