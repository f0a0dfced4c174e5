import ResourceModel
import SourceText
import Testing

@testable import PythonScanner

@Suite struct TaskScannerTests {
  @Test func requestsAndLimitsAsWritten() throws {
    let source = """
      from flytekit import task, Resources

      @task(
          requests=Resources(cpu="1", mem="2Gi"),
          limits=Resources(cpu=("1", "2")),  # a tuple stays a sequence
      )
      async def train(x: int) -> int:
          return x
      """
    let found = declarations(source)
    #expect(found.map(summary) == [#"task train 3:1 req[cpu=1 mem=2Gi] lim[cpu=("1", "2")]"#])
    let task = try #require(found.first)
    #expect(task.language == .python)
    #expect(task.file == "test.py")
    #expect(task.arguments.map(\.name) == ["requests", "limits"])
    #expect(
      task.arguments[0].span
        == SourceSpan(
          start: SourceLocation(line: 4, column: 5), end: SourceLocation(line: 4, column: 13)))
    let cpu = try #require(task.requests[.cpu])
    #expect(cpu.writtenKey == "cpu")
    #expect(cpu.keySpan.start == SourceLocation(line: 4, column: 24))
    #expect(
      cpu.value.span
        == SourceSpan(
          start: SourceLocation(line: 4, column: 28), end: SourceLocation(line: 4, column: 31)))
    guard case .sequence(let items, false) = try #require(task.limits[.cpu]).value.form else {
      Issue.record("expected a tuple")
      return
    }
    #expect(items.count == 2)
  }

  @Test func resourcesArgumentSplitsLikeFromMultipleResource() {
    let source = """
      import flytekit

      @flytekit.task(resources=flytekit.Resources(cpu=("1", "2"), mem="1Gi", gpu=None))
      def f(): ...
      """
    #expect(summaries(source) == ["task f 3:1 req[cpu=1 mem=1Gi] lim[cpu=2]"])
  }

  @Test func singleValueInResourcesIsRequestOnly() {
    let source = """
      from flytekit import task, Resources
      @task(resources=Resources(cpu="1"))
      def f(): ...
      """
    #expect(summaries(source) == ["task f 2:1 req[cpu=1] lim[]"])
  }

  @Test func dynamicAndEagerAndAliasedDecorators() {
    let source = """
      import flytekit as fl
      from flytekit import dynamic, eager
      from flytekit import task as t
      from flytekit.core.task import task as core_task

      @fl.task(requests=fl.Resources(cpu="1"))
      def a(): ...

      @dynamic(limits=fl.Resources(mem="1Gi"))
      def b(): ...

      @eager(requests=fl.Resources(gpu="1"))
      async def c(): ...

      @t(requests=fl.Resources(cpu="3"))
      def d(): ...

      @core_task(requests=fl.Resources(cpu="4"))
      def e(): ...
      """
    #expect(
      summaries(source) == [
        "task a 6:1 req[cpu=1] lim[]", "task b 9:1 req[] lim[mem=1Gi]",
        "task c 12:1 req[gpu=1] lim[]",
        "task d 15:1 req[cpu=3] lim[]", "task e 18:1 req[cpu=4] lim[]",
      ])
  }

  @Test func otherDecoratorsBetweenTaskAndDef() {
    let source = """
      from flytekit import task, Resources
      import functools

      @functools.cache
      @task(requests=Resources(cpu="1"))
      @some.other(decorator=1)
      def inner(): ...
      """
    #expect(summaries(source) == ["task inner 5:1 req[cpu=1] lim[]"])
  }

  @Test func positionalResourcesArguments() {
    let source = """
      from flytekit import task, Resources
      @task(requests=Resources("1", "2Gi", "1", "10Gi"))
      def f(): ...
      """
    let found = declarations(source)
    #expect(
      found.map(summary) == ["task f 2:1 req[cpu=1 mem=2Gi gpu=1 ephemeral_storage=10Gi] lim[]"])
    // A positional field's key span is the value itself.
    #expect(found.first?.requests[.memory]?.keySpan.start == SourceLocation(line: 2, column: 31))
    #expect(found.first?.requests[.memory]?.writtenKey == "mem")
  }

  @Test func unknownKeywordsAreKept() {
    let source = """
      from flytekit import task, Resources
      @task(requests=Resources(memory="1Gi", storage="1Gi", cpu=1))
      def f(): ...
      """
    let found = declarations(source)
    #expect(found.map(summary) == ["task f 2:1 req[memory=1Gi storage=1Gi cpu=1] lim[]"])
    #expect(found.first?.requests.entries.first?.key == .named("memory"))
    #expect(found.first?.requests[.cpu]?.value.form == .integer("1"))
  }

  @Test func taskWithoutResourcesIsNotADeclaration() {
    let source = """
      from flytekit import task, Resources
      @task(cache=True)
      def f(): ...
      @task
      def g(): ...
      """
    #expect(declarations(source).isEmpty)
  }

  @Test func everyKeywordIsRecordedAsAnArgument() {
    let source = """
      from flytekit import task, Resources
      @task(cache=True, requests=Resources(cpu="1"), shared_memory=1024, retries=3)
      def f(): ...
      """
    #expect(
      declarations(source).first?.arguments.map(\.name) == [
        "cache", "requests", "shared_memory", "retries",
      ])
  }

  @Test func mixedResourcesAndRequestsKeepsBoth() {
    let source = """
      from flytekit import task, Resources
      @task(resources=Resources(cpu="1"), limits=Resources(mem="1Gi"))
      def f(): ...
      """
    let found = declarations(source)
    #expect(found.map(summary) == ["task f 2:1 req[cpu=1] lim[mem=1Gi]"])
    #expect(found.first?.hasArgument("resources") == true)
    #expect(found.first?.hasArgument("limits") == true)
  }

  @Test func resourceSpecInResourcesGivesNoResources() {
    // flytekit 1.16 runs from_multiple_resource over the ResourceSpec's own fields and fails
    // with "unexpected keyword argument 'requests'": the task gets nothing from it (RL015
    // reports the argument), and the spec is read on its own.
    let source = """
      from flytekit import task, Resources
      from flytekit.core.resources import ResourceSpec
      @task(resources=ResourceSpec(requests=Resources(cpu="1"), limits=Resources(cpu="2")))
      def f(): ...
      """
    #expect(
      summaries(source) == [
        "task f 3:1 req[] lim[]",
        "resources - 3:17 req[cpu=1] lim[cpu=2]",
      ])
    #expect(declarations(source).first?.argument("resources")?.shape == .resourceSpec)
  }

  @Test func resourceSpecExistsOnlyWhereFlytekitDefinesIt() {
    // `from flytekit import ResourceSpec` raises ImportError in flytekit 1.16: whatever that
    // name is, it is not flytekit's class, so its Resources calls are read on their own.
    let source = """
      from flytekit import task, Resources, ResourceSpec
      SPEC = ResourceSpec(requests=Resources(cpu="1"))
      """
    #expect(summaries(source) == ["resources - 2:30 req[cpu=1] lim[]"])
  }

  @Test func fieldGivenByPositionAndKeywordIsMarked() {
    // Python raises TypeError "got multiple values for argument 'cpu'": both entries are kept.
    let source = """
      from flytekit import task, Resources
      @task(requests=Resources("1", "1Gi", cpu="2", gpu="1"))
      def f(): ...
      """
    let fields = declarations(source).first?.argument("requests")?.resourceFields
    #expect(fields?.entries.map(\.writtenKey) == ["cpu", "mem", "cpu", "gpu"])
    #expect(fields?.entries.map(\.isRepeated) == [false, false, true, false])
  }

  @Test func standaloneResourceSpec() {
    let source = """
      from flytekit.core.resources import ResourceSpec, Resources
      SPEC = ResourceSpec(requests=Resources(cpu="1", mem="1Gi"), limits=Resources(mem="2Gi"))
      other = ResourceSpec(Resources(cpu="3"), Resources(cpu="4"))
      """
    #expect(
      summaries(source) == [
        "resources SPEC 2:8 req[cpu=1 mem=1Gi] lim[mem=2Gi]",
        "resources other 3:9 req[cpu=3] lim[cpu=4]",
      ])
  }

  @Test func conditionalBranchesGiveOneDeclarationEach() {
    let source = """
      from flytekit import task, Resources
      BIG = True
      @task(resources=Resources(cpu="2") if BIG else Resources(cpu="1"))
      def f(): ...

      @task(requests=Resources(cpu="1") if BIG else Resources(cpu="2"),
            limits=Resources(cpu="3") if BIG else None)
      def g(): ...

      @task(requests=Resources(mem="1Gi" if BIG else "2Gi"))
      def h(): ...
      """
    #expect(
      summaries(source) == [
        "task f 3:1 req[cpu=2] lim[]", "task f 3:1 req[cpu=1] lim[]",
        "task g 6:1 req[cpu=1] lim[cpu=3]", "task g 6:1 req[cpu=1] lim[]",
        "task g 6:1 req[cpu=2] lim[cpu=3]", "task g 6:1 req[cpu=2] lim[]",
        "task h 10:1 req[mem=1Gi] lim[]", "task h 10:1 req[mem=2Gi] lim[]",
      ])
  }

  @Test func conditionalCombinationsAreCapped() {
    let source = """
      from flytekit import task, Resources
      @task(requests=Resources(cpu="1" if a else "2", mem="1" if b else "2",
                               gpu="1" if c else "2", ephemeral_storage="1" if d else "2"))
      def f(): ...
      """
    #expect(declarations(source).count == ScanContext.maxAlternatives)
  }

  @Test func dynamicValues() {
    let source = """
      from flytekit import task, Resources
      import os
      @task(requests=Resources(cpu=os.environ["CPU"], mem=f"{n}Gi", gpu=n + 1), limits=LIMITS)
      def f(): ...
      """
    #expect(
      summaries(source) == [
        "task f 3:1 req[cpu=<dynamic> mem=<dynamic> gpu=<dynamic>] lim[]"
      ])
  }

  @Test func unionReExports() {
    let source = """
      import union
      from union import Resources as UR
      @union.task(requests=union.Resources(cpu="1"), limits=UR(cpu="2"))
      def f(): ...
      """
    #expect(summaries(source) == ["task f 3:1 req[cpu=1] lim[cpu=2]"])
  }
}
