import ResourceModel
import SourceText
import Testing

@testable import PythonScanner

/// Flyte 2 (`flyte` package) recognition: which calls are read, with which model.
@Suite struct Flyte2ScannerTests {
  @Test func environmentWithoutResourcesPassesThePrefilter() {
    let found = declarations(
      """
      import flyte
      env = flyte.TaskEnvironment(name="bare")
      """)
    #expect(found.map(\.kind) == [.flyteEnvironment])
    #expect(found.first?.sdk == .flyte)
  }

  @Test func overrideAndCloneNeedTheFlyteImport() {
    let source = """
      env = make_env()
      copy = env.clone_with("copy")
      quick = task.override(resources=make_resources())
      """
    #expect(declarations(source).isEmpty)
    #expect(declarations("import flytekit\n" + source).isEmpty)
    for header in ["import flyte\n", "import os, flyte\n", "from flyte.io import File\n"] {
      #expect(
        declarations(header + source).map(\.kind) == [.flyteEnvironmentClone, .flyteOverride],
        "\(header)")
    }
  }

  @Test func flytekitResourcesStayFlyte1() {
    let found = declarations(
      """
      import flyte
      import flytekit
      a = flyte.Resources(memory="1Gi")
      b = flytekit.Resources(mem="1Gi")
      """)
    #expect(found.map(\.sdk) == [.flyte, .flytekit])
    #expect(found.map(\.kind) == [.flyteResources, .resources])
  }

  @Test func aliasedImportsResolve() {
    let found = declarations(
      """
      from flyte import Resources as R, TaskEnvironment as Env
      env = Env(name="x", resources=R(cpu=(1, 2)))
      """)
    #expect(found.count == 1)
    #expect(found.first?.requests[.cpu]?.value.dumpText == "1")
    #expect(found.first?.limits[.cpu]?.value.dumpText == "2")
  }

  @Test func aResourcesThroughAConstantIsItsOwnDeclaration() {
    let found = declarations(
      """
      import flyte
      SMALL = flyte.Resources(cpu=1)
      env = flyte.TaskEnvironment(name="x", resources=SMALL)
      """)
    #expect(found.map(\.kind) == [.flyteResources, .flyteEnvironment])
    #expect(found.last?.requests[.cpu]?.value.dumpText == "1")
  }

  /// A constant's SDK value is worked out once however often it is named (constants naming the
  /// next several times were exponential), and a value it cannot know is still reported where
  /// each use names it.
  @Test func constantsNamedManyTimesKeepTheirValueAndPlaces() throws {
    let found = declarations(
      """
      import flyte
      CPU = 2
      A = (CPU, CPU)
      B = [A, A, A, A, A]
      C = [B, B, B, B, B]
      D = [C, C, C, C, C]
      E = [D, D, D, D, D]
      first = flyte.TaskEnvironment(name="first", resources=flyte.Resources(cpu=A, memory=E))
      second = flyte.TaskEnvironment(name="second", resources=flyte.Resources(cpu=A, memory=F))
      """)
    #expect(found.map(\.name) == ["first", "second"])
    #expect(found.map { $0.requests[.cpu]?.value.dumpText } == ["2", "2"])
    // `F` is unknown: dynamic where the second environment names it.
    let memory = try #require(found.last?.requests[.memory]?.value)
    #expect(memory.isDynamic)
    #expect(memory.span.start == SourceLocation(line: 9, column: 87))
  }

  @Test func raisesAreLocatedAtTheValue() throws {
    let found = declarations(
      """
      import flyte
      env = flyte.TaskEnvironment(name="x", resources=flyte.Resources(memory=1024))
      """)
    let problem = try #require(found.first?.flyte2?.raises)
    #expect(problem.category == .bareInteger)
    #expect(problem.span.start == SourceLocation(line: 2, column: 72))
  }

  @Test func accelerators() throws {
    let found = declarations(
      """
      import flyte
      a = flyte.Resources(gpu="A100 80G:2")
      b = flyte.Resources(gpu="V5E:1")
      c = flyte.Resources(gpu=True)
      d = flyte.Resources(gpu=0)
      """)
    guard case .known(let device)? = found[0].flyte2?.device else {
      Issue.record("no device")
      return
    }
    #expect(device.type == "A100_80G" && device.quantity == "2")
    #expect(found[1].flyte2?.raises?.category == .accelerator)
    #expect(found[2].requests[.gpu]?.value.dumpText == "True")
    #expect(found[3].flyte2?.device == Flyte2DeviceState.none)
  }

  @Test func environmentNames() {
    #expect(ScanContext.isSnakeOrKebab("snake_case_2"))
    #expect(ScanContext.isSnakeOrKebab("kebab-case"))
    #expect(!ScanContext.isSnakeOrKebab("CamelCase"))
    #expect(!ScanContext.isSnakeOrKebab("trailing-"))
    #expect(!ScanContext.isSnakeOrKebab("double__underscore"))
    #expect(!ScanContext.isSnakeOrKebab(""))
  }
}
