import ResourceModel
import Testing

@testable import PythonScanner

/// SEMANTICS.md §7.1 cases 1–43: what the scanner extracts (rules judge it later).
@Suite struct SemanticsCasesTests {
  static let header = """
    from flytekit import task, Resources, PodTemplate
    from flytekit.extras.accelerators import T4, A100, H100, L4
    from kubernetes.client import V1PodSpec, V1Container, V1ResourceRequirements
    from flytekitplugins.kfpytorch import PyTorch, Worker
    from flytekitplugins.ray import RayJobConfig, WorkerNodeConfig

    """

  /// Scans `header + decorator + def f(): ...` (or `code` as is) and summarises.
  func extract(_ code: String, decorated: Bool = true) -> [String] {
    let body = decorated ? code + "\ndef f(): ...\n" : code + "\n"
    return summaries(SemanticsCasesTests.header + body)
  }

  @Test(arguments: [
    // 1, 2: an int stays an int; a bare string stays the string.
    (#"@task(requests=Resources(mem=1024))"#, "task f 6:1 req[mem=1024] lim[]"),
    (#"@task(requests=Resources(mem="1024"))"#, "task f 6:1 req[mem=1024] lim[]"),
    // 3, 4, 5: resources= is from_multiple_resource.
    (
      #"@task(resources=Resources(cpu=("1", "2"), mem="1Gi"))"#,
      "task f 6:1 req[cpu=1 mem=1Gi] lim[cpu=2]"
    ),
    (#"@task(resources=Resources(cpu="1"))"#, "task f 6:1 req[cpu=1] lim[]"),
    (#"@task(resources=Resources(cpu=("4", "2")))"#, "task f 6:1 req[cpu=4] lim[cpu=2]"),
    // 6
    (
      #"@task(requests=Resources(cpu="900m"), limits=Resources(cpu="500m"))"#,
      "task f 6:1 req[cpu=900m] lim[cpu=500m]"
    ),
    // 7: a tuple in requests= is kept as a sequence.
    (#"@task(requests=Resources(cpu=("1", "2")))"#, #"task f 6:1 req[cpu=("1", "2")] lim[]"#),
    // 8
    (
      #"@task(resources=Resources(cpu="1"), limits=Resources(mem="1Gi"))"#,
      "task f 6:1 req[cpu=1] lim[mem=1Gi]"
    ),
    // 9, 10, 11, 12, 13, 14
    (#"@task(limits=Resources(gpu="1"))"#, "task f 6:1 req[] lim[gpu=1]"),
    (#"@task(accelerator=T4)"#, "task f 6:1 req[] lim[] acc=nvidia-tesla-t4"),
    (
      #"@task(limits=Resources(gpu="2"), accelerator=A100.partition_1g_5gb)"#,
      "task f 6:1 req[] lim[gpu=2] acc=nvidia-tesla-a100:1g.5gb"
    ),
    (#"@task(requests=Resources(gpu="2"))"#, "task f 6:1 req[gpu=2] lim[]"),
    (#"@task(limits=Resources(gpu="0.5"))"#, "task f 6:1 req[] lim[gpu=0.5]"),
    (
      #"@task(requests=Resources(gpu="1"), limits=Resources(gpu="2"))"#,
      "task f 6:1 req[gpu=1] lim[gpu=2]"
    ),
    // 15–21: strings are recorded verbatim.
    (#"@task(requests=Resources(mem="1GB"))"#, "task f 6:1 req[mem=1GB] lim[]"),
    (#"@task(limits=Resources(mem=" 1Gi"))"#, "task f 6:1 req[] lim[mem= 1Gi]"),
    (#"@task(requests=Resources(cpu="500M"))"#, "task f 6:1 req[cpu=500M] lim[]"),
    (#"@task(requests=Resources(mem="512m"))"#, "task f 6:1 req[mem=512m] lim[]"),
    (#"@task(requests=Resources(mem="Gi"))"#, "task f 6:1 req[mem=Gi] lim[]"),
    (#"@task(requests=Resources(cpu=0, mem="0"))"#, "task f 6:1 req[cpu=0 mem=0] lim[]"),
    (#"@task(requests=Resources(cpu="-1"))"#, "task f 6:1 req[cpu=-1] lim[]"),
    // 25, 26, 27: accelerator forms.
    (
      #"@task(requests=Resources(cpu="1"), accelerator="nvidia-tesla-t4")"#,
      "task f 6:1 req[cpu=1] lim[] acc=nvidia-tesla-t4"
    ),
    (
      #"@task(limits=Resources(gpu="1"), accelerator=H100.partition_1g_10gb)"#,
      "task f 6:1 req[] lim[gpu=1] acc=nvidia-h100"
    ),
    (
      #"@task(limits=Resources(gpu="1"), accelerator=A100.partitioned("3g.40gb"))"#,
      "task f 6:1 req[] lim[gpu=1] acc=nvidia-tesla-a100:3g.40gb"
    ),
    // 40, 41, 42, 43
    (#"@task(shared_memory=1024)"#, "task f 6:1 req[] lim[]"),
    (
      #"@task(requests=Resources(cpu="1.5", mem="1.5Gi"))"#,
      "task f 6:1 req[cpu=1.5 mem=1.5Gi] lim[]"
    ),
    (#"@task(limits=Resources(cpu="2", mem="4Gi"))"#, "task f 6:1 req[] lim[cpu=2 mem=4Gi]"),
    (
      #"@task(resources=Resources(gpu="1", cpu=("2", "4"), mem=("8Gi", "8Gi")), accelerator=L4)"#,
      "task f 6:1 req[gpu=1 cpu=2 mem=8Gi] lim[cpu=4 mem=8Gi] acc=nvidia-l4"
    ),
  ])
  func decoratorCases(_ code: String, _ expected: String) {
    #expect(extract(code) == (expected.isEmpty ? [] : [expected]), "\(code)")
  }

  @Test func case1IntFormAndCase20FalsyInt() {
    let one = declarations(Self.header + "@task(requests=Resources(mem=1024))\ndef f(): ...\n")
    #expect(one.first?.requests[.memory]?.value.form == .integer("1024"))
    let twenty = declarations(
      Self.header + "@task(requests=Resources(cpu=0, mem=\"0\"))\ndef f(): ...\n")
    #expect(twenty.first?.requests[.cpu]?.value.form == .integer("0"))
    #expect(twenty.first?.requests[.memory]?.value.form == .string("0"))
  }

  @Test func standaloneConstructionCases() {
    // 22, 23, 24: construction-time errors are recorded as written.
    #expect(
      extract(#"r = Resources(gpu=1.0)"#, decorated: false) == [
        "resources r 6:5 req[gpu=1.0] lim[]"
      ])
    #expect(
      extract(#"r = Resources(mem=("1Gi",))"#, decorated: false) == [
        #"resources r 6:5 req[mem=("1Gi",)] lim[]"#
      ])
    #expect(
      extract(#"r = Resources(cpu=("1", "2", "3"))"#, decorated: false) == [
        #"resources r 6:5 req[cpu=("1", "2", "3")] lim[]"#
      ])
    #expect(
      extract(#"r = Resources(memory="1Gi")"#, decorated: false) == [
        "resources r 6:5 req[memory=1Gi] lim[]"
      ])
  }

  @Test func overrideCases() {
    // 28–32
    #expect(
      extract(#"t().with_overrides(requests=Resources(cpu="4"))"#, decorated: false) == [
        "override t 6:5 req[cpu=4] lim[] owner=t"
      ])
    #expect(
      extract(#"t().with_overrides(requests=Resources(mem=2048))"#, decorated: false) == [
        "override t 6:5 req[mem=2048] lim[] owner=t"
      ])
    #expect(
      extract(#"t().with_overrides(limits=Resources(cpu=0.5))"#, decorated: false) == [
        "override t 6:5 req[] lim[cpu=0.5] owner=t"
      ])
    #expect(
      extract(
        #"t().with_overrides(resources=Resources(cpu="1"), limits=Resources(cpu="2"))"#,
        decorated: false) == ["override t 6:5 req[cpu=1] lim[cpu=2] owner=t"])
    #expect(
      extract(#"t().with_overrides(requests=Resources(cpu=True))"#, decorated: false) == [
        "override t 6:5 req[cpu=True] lim[] owner=t"
      ])
  }

  @Test func podTemplateCases() {
    // 33, 34, 35, 36
    let template33 =
      #"pod_template=PodTemplate(pod_spec=V1PodSpec(containers=[V1Container(name="primary", "#
      + #"resources=V1ResourceRequirements(limits={"memory": "8Gi", "nvidia.com/gpu": "1"}))]))"#
    #expect(
      extract(#"@task(requests=Resources(cpu="2"), "# + template33 + ")") == [
        "task f 6:1 req[cpu=2] lim[]",
        "pod-template primary 6:130 req[] lim[mem=8Gi nvidia.com/gpu=1] owner=f",
      ])
    let template34 =
      #"pod_template=PodTemplate(pod_spec=V1PodSpec(containers=[V1Container(name="primary", "#
      + #"resources=V1ResourceRequirements(limits={"nvidia.com/gpu": "1"}))]))"#
    #expect(
      extract("@task(" + template34 + ", accelerator=T4)") == [
        "task f 6:1 req[] lim[] acc=nvidia-tesla-t4",
        "pod-template primary 6:101 req[] lim[nvidia.com/gpu=1] owner=f",
      ])
    let template35 =
      #"pod_template=PodTemplate(pod_spec=V1PodSpec(containers=[V1Container(name="main", "#
      + #"resources=V1ResourceRequirements(limits={"memory": "2Gi"}))]))"#
    let found35 = declarations(
      Self.header + #"@task(requests=Resources(cpu="1"), "# + template35 + ")\ndef f(): ...\n")
    #expect(
      found35.map(summary) == [
        "task f 6:1 req[cpu=1] lim[]", "pod-template main 6:127 req[] lim[mem=2Gi] owner=f",
      ])
    #expect(found35.last?.container == "main")
    #expect(found35.last?.primaryContainerName == "primary")
    #expect(
      extract(#"@task(requests=Resources(mem=1024), pod_template=PodTemplate())"#) == [
        "task f 6:1 req[mem=1024] lim[]"
      ])
    #expect(
      declarations(
        Self.header
          + "@task(requests=Resources(mem=1024), pod_template=PodTemplate())\ndef f(): ...\n"
      ).first?.hasArgument("pod_template") == true)
  }

  @Test func pluginCases() {
    // 37, 38, 39
    #expect(
      extract(
        #"@task(task_config=PyTorch(worker=Worker(replicas=2, "#
          + #"requests=Resources(cpu="1", mem=4096))))"#
      ) == [
        "plugin Worker 6:34 req[cpu=1 mem=4096] lim[] owner=f"
      ])
    #expect(
      extract(
        #"@task(task_config=PyTorch(worker=Worker(replicas=2, "#
          + #"requests=Resources(cpu=("1", "2")))))"#
      ) == [
        #"plugin Worker 6:34 req[cpu=("1", "2")] lim[] owner=f"#
      ])
    let ray = declarations(
      Self.header
        + #"cfg = RayJobConfig(worker_node_config=[WorkerNodeConfig(group_name="w", "#
        + #"replicas=2, requests=Resources(cpu="2"), pod_template=my_pt)])"#
        + "\n")
    #expect(ray.map(summary) == ["plugin WorkerNodeConfig 6:40 req[cpu=2] lim[]"])
    #expect(ray.first?.hasArgument("pod_template") == true)
  }

  @Test func sharedMemoryIsAnArgument() {
    // 40: shared memory is an extended resource, recorded with the task's other arguments.
    let found = declarations(
      Self.header + "@task(shared_memory=1024, limits=Resources(mem=\"1Gi\"))\ndef f(): ...\n")
    #expect(found.first?.arguments.map(\.name) == ["shared_memory", "limits"])
  }
}
