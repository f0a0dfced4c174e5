import ResourceModel
import SourceText
import Testing

@testable import PythonScanner

@Suite struct ResolutionTests {
  @Test func importFormsOfResources() {
    let source = """
      import flytekit
      import flytekit as fl
      import flytekit.core.resources
      from flytekit import Resources as R
      from flytekit.core.resources import Resources
      from flytekit.core import resources as res

      a = flytekit.Resources(cpu="1")
      b = fl.Resources(cpu="2")
      c = flytekit.core.resources.Resources(cpu="3")
      d = R(cpu="4")
      e = Resources(cpu="5")
      f = res.Resources(cpu="6")
      """
    #expect(
      summaries(source) == [
        "resources a 8:5 req[cpu=1] lim[]", "resources b 9:5 req[cpu=2] lim[]",
        "resources c 10:5 req[cpu=3] lim[]", "resources d 11:5 req[cpu=4] lim[]",
        "resources e 12:5 req[cpu=5] lim[]", "resources f 13:5 req[cpu=6] lim[]",
      ])
  }

  @Test func starImport() {
    let source = """
      from flytekit import *
      @task(requests=Resources(cpu="1"))
      def f(): ...
      """
    #expect(summaries(source) == ["task f 2:1 req[cpu=1] lim[]"])
  }

  @Test func notFlytekitResources() {
    let sources = [
      """
      from flytekit.models.task import Resources
      r = Resources(requests=[], limits=[])
      """,
      """
      from flytekit.models import task as task_models
      r = task_models.Resources(requests=[], limits=[])
      """,
      """
      class Resources:
          def __init__(self, cpu): ...
      r = Resources(cpu="1")
      """,
      """
      from flytekit import Resources
      class Resources:  # shadows the import
          pass
      r = Resources(cpu="1")
      """,
      """
      from myproto.resources_pb2 import Resources
      r = Resources(cpu="1")
      """,
      """
      r = Resources(cpu="1")  # never imported
      """,
      """
      from flytekit import Resources
      def Resources(**kw): ...
      r = Resources(cpu="1")
      """,
    ]
    for source in sources {
      #expect(declarations(source).isEmpty, "\(source)")
    }
  }

  @Test func textInStringsDocstringsAndCommentsIsIgnored() {
    let source = #"""
      """Module docstring: @task(requests=Resources(cpu="1"))"""
      from flytekit import task, Resources

      # @task(requests=Resources(cpu="1"))
      # x = Resources(mem="1Gi")
      def f():
          """
          Example:
              @task(requests=Resources(cpu="1"))
              Resources(cpu='2')
          """
          s = 'Resources(cpu="1")'
          t = f"{'Resources(cpu=1)'}"
          u = r'''t().with_overrides(requests=Resources(cpu="9"))'''
          return s
      """#
    #expect(declarations(source).isEmpty)
    #expect(scan(source).problems.isEmpty)
  }

  @Test func moduleConstantsResolveAndKeepDefinitionSpans() throws {
    let source = """
      from flytekit import task, Resources as R

      MEM = "2Gi"
      BIG = R(cpu=("2", "4"), mem=MEM)
      LIMITS: R = R(mem="8Gi")
      UNUSED = R(cpu="9")

      @task(resources=BIG)
      def a(): ...

      @task(requests=R(mem=MEM), limits=LIMITS)
      def b(): ...
      """
    let found = declarations(source)
    #expect(
      found.map(summary) == [
        "resources UNUSED 6:10 req[cpu=9] lim[]",
        "task a 8:1 req[cpu=2 mem=2Gi] lim[cpu=4]",
        "task b 11:1 req[mem=2Gi] lim[mem=8Gi]",
      ])
    let task = try #require(found.first { $0.name == "a" })
    // Values point into the constants' definitions.
    #expect(task.requests[.memory]?.value.span.start == SourceLocation(line: 3, column: 7))
    #expect(task.requests[.cpu]?.value.span.start == SourceLocation(line: 4, column: 14))
    #expect(task.limits[.cpu]?.value.span.start == SourceLocation(line: 4, column: 19))
    #expect(task.requests[.cpu]?.keySpan.start == SourceLocation(line: 4, column: 9))
  }

  @Test func reassignedConstantsAreDynamic() {
    let source = """
      from flytekit import task, Resources
      MEM = "1Gi"
      if PROD:
          MEM = "8Gi"
      CPU = "1"
      CPU += "0"
      @task(requests=Resources(mem=MEM, cpu=CPU))
      def f(): ...
      def g():
          MEM2 = "local"  # function locals are not module constants
      """
    #expect(summaries(source) == ["task f 7:1 req[mem=<dynamic> cpu=<dynamic>] lim[]"])
  }

  @Test func constantReferencedOnlyFromAFunctionStillCounts() {
    let source = """
      from flytekit import task, Resources
      def make():
          return t().with_overrides(requests=SIZE)
      SIZE = Resources(cpu="3")
      """
    #expect(summaries(source) == ["override t 3:16 req[cpu=3] lim[] owner=t"])
  }

  @Test func aliasByAssignment() {
    let source = """
      import flytekit
      R = flytekit.Resources
      x = R(cpu="1")
      """
    #expect(summaries(source) == ["resources x 3:5 req[cpu=1] lim[]"])
  }

  @Test func callsInsideLambdasAndComprehensionsAreStillFound() {
    let source = """
      from flytekit import Resources
      make = lambda: Resources(cpu="1")
      sizes = [Resources(mem=m) for m in ("1Gi", "2Gi")]
      def f(r: Resources = Resources(gpu="1")): ...
      """
    #expect(
      summaries(source) == [
        // `m` may be a (request, limit) tuple: a dynamic field is unknown on both sides.
        "resources - 2:16 req[cpu=1] lim[]",
        "resources - 3:10 req[mem=<dynamic>] lim[mem=<dynamic>]",
        "resources - 4:22 req[gpu=1] lim[]",
      ])
  }

  @Test func nonAsciiColumnsCountScalars() {
    let source = """
      from flytekit import Resources
      größe = "☃"; r = Resources(mem="1Gi")
      """
    let found = declarations(source)
    #expect(found.first?.location == SourceLocation(line: 2, column: 18))
    #expect(found.first?.requests[.memory]?.value.span.start == SourceLocation(line: 2, column: 32))
  }
}
