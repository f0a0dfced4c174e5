import ResourceModel
import SourceText
import Testing

@testable import PythonScanner

/// The byte prefilter decides which files are tokenized at all; it may let through a file
/// that declares nothing, never turn away one that declares something.
@Suite struct PrefilterTests {
  static func mayDeclare(_ source: String) -> Bool {
    Array(source.utf8).withUnsafeBytes { PythonScanner.mayDeclare($0) }
  }

  @Test func proseMentionsWithoutAnImportAreSkipped() {
    let prose = """
      \"\"\"Resources are allocated per request.\"\"\"
      import logging
      log = logging.getLogger(__name__)
      class Resources:
          pass
      log.info("Resources(cpu=1) ready: %s", Resources())
      options = pulumi.ResourceOptions(protect=True)
      """
    #expect(!Self.mayDeclare(prose))
    // The scan agrees: with no import, not one name resolves to a known symbol.
    #expect(declarations(prose).isEmpty)
  }

  @Test(arguments: [
    "from flytekit import Resources, task\n@task(requests=Resources(cpu=\"1\"))\ndef f(): ...\n",
    "import flyte\nenv = flyte.TaskEnvironment(name=\"e\", resources=flyte.Resources(cpu=1))\n",
    "from union import Resources\nR = Resources(mem=\"1Gi\")\n",
    "from kubernetes.client import V1ResourceRequirements as R\nr = R(limits={\"cpu\": \"1\"})\n",
    // An override is found without resolving a name: its word lets the file through alone.
    "t.with_overrides(requests=REQ)\n",
  ])
  func filesThatDeclareArePassed(_ source: String) {
    #expect(Self.mayDeclare(source))
    #expect(!declarations(source).isEmpty)
  }

  @Test(arguments: [
    // The packages named in prose only: no import line names them.
    "\"\"\"Like flytekit's Resources, and kubernetes quotas.\"\"\"\nimport os\nx = Resources(cpu=1)\n",
    "# union of Resources\nfrom os import path\nR = Resources()\n",
  ])
  func packagesNamedOnlyOutsideImportLinesAreSkipped(_ source: String) {
    #expect(!Self.mayDeclare(source))
    #expect(declarations(source).isEmpty)
  }

  @Test(arguments: [
    "import os; import flytekit\nR = flytekit.Resources(cpu=\"1\")\n",
    "try:\n    from flytekit import Resources\nexcept ImportError: pass\nR = Resources(cpu=\"1\")\n",
    "from \\\n  flytekit import Resources\nR = Resources(cpu=\"1\")\n",
    "import os, \\\r\n  flytekit as fk\r\nR = fk.Resources(cpu=\"1\")\r\n",
  ])
  func importsOnAnyLineFormArePassed(_ source: String) {
    #expect(Self.mayDeclare(source))
    #expect(!declarations(source).isEmpty)
  }

  @Test func aMentionOfAnImportWordOnlyInACommentStillScans() {
    // Conservative: the file is scanned, and finds nothing, rather than guessing at comments.
    let source = "import os  # see flytekit docs\nx = Resources(cpu=1)\n"
    #expect(Self.mayDeclare(source))
    #expect(declarations(source).isEmpty)
  }
}
