import ResourceModel
import Testing

@testable import PythonScanner

/// What the structure rules (RL011–RL022) need from the scanner: argument shapes, the fields of
/// each `Resources(...)` as written, misspelled keywords, and pod-template container lists.
@Suite struct StructureTests {
  static let header = """
    from flytekit import task, Resources, PodTemplate
    from flytekit.core.resources import ResourceSpec
    from kubernetes.client import V1PodSpec, V1Container, V1ResourceRequirements

    """

  func scanned(_ code: String) -> [Declaration] {
    declarations(StructureTests.header + code + "\n")
  }

  @Test func resourcesDictAndSpecAreDistinguishable() {
    let found = scanned(
      """
      @task(requests=Resources(cpu=("1", "2")), limits={"cpu": "2"}, resources=ResourceSpec())
      def f(): ...
      """)
    let task = found.first { $0.kind == .task }
    let arguments = task?.arguments ?? []
    #expect(arguments.map(\.name) == ["requests", "limits", "resources"])
    #expect(arguments.first?.resourceFields.map(dump) == #"cpu=("1", "2")"#)
    #expect(arguments.dropFirst().first?.shape == .mapping)
    #expect(arguments.last?.shape == .resourceSpec)
  }

  @Test func dictCallIsAMapping() {
    let found = scanned("@task(requests=dict(cpu=\"1\"))\ndef f(): ...")
    #expect(found.first?.argument("requests")?.shape == .mapping)
  }

  @Test func fieldsOfEveryAlternativeThroughConstants() {
    let found = scanned(
      """
      SMALL = Resources(cpu="1")
      BIG = Resources(cpu="4", mem=1.5)
      @task(requests=BIG if flag else SMALL)
      def f(): ...
      """)
    #expect(found.map(summary).count == 2)
    #expect(found.first?.argument("requests")?.resourceFields.map(dump) == "cpu=4 mem=1.5 cpu=1")
  }

  @Test func standaloneResourcesKeepTheirFields() {
    let found = scanned(#"r = Resources(mem=("1Gi",), gpu=1.0, memory="1Gi")"#)
    // A 1-tuple is kept unsplit (and dumped as Python writes it, with its trailing comma).
    #expect(found.map(summary) == [#"resources r 4:5 req[mem=("1Gi",) gpu=1.0 memory=1Gi] lim[]"#])
    #expect(found.first?.resourceFields.map(dump) == #"mem=("1Gi",) gpu=1.0 memory=1Gi"#)
  }

  @Test func misspelledKeywordsMakeADeclaration() {
    let found = scanned("@task(request=Resources(cpu=\"1\"))\ndef f(): ...")
    // The `Resources` belongs to the task: no standalone declaration for it.
    #expect(found.map(summary) == ["task f 4:1 req[] lim[]"])
    #expect(found.first?.argument("request")?.resourceFields.map(dump) == "cpu=1")
  }

  @Test func sharedMemoryValueIsRecorded() {
    // No other resource word in the file: the prefilter must still let it through.
    let found = declarations("from flytekit import task\n@task(shared_memory=1024)\ndef f(): ...\n")
    #expect(found.first?.argument("shared_memory")?.value?.form == .integer("1024"))
  }

  @Test func templateContainersAreListed() {
    let found = scanned(
      """
      @task(
          requests=Resources(cpu="1"),
          pod_template=PodTemplate(
              pod_spec=V1PodSpec(
                  containers=[
                      V1Container(name="main", resources=V1ResourceRequirements(
                          limits={"memory": "2Gi"})),
                      V1Container(name="sidecar", image="envoy"),
                  ]
              )
          ),
      )
      def f(): ...
      """)
    let template = found.first { $0.kind == .podTemplate }
    #expect(template?.templateContainers?.map(\.name) == ["main", "sidecar"])
    #expect(template?.templateContainers?.first?.span.start == SourceLocation(line: 9, column: 34))
  }

  @Test func templateWithoutResourcesIsRecorded() {
    let found = scanned(
      """
      pt = PodTemplate(pod_spec=V1PodSpec(containers=[V1Container(name="main", image="app")]))
      @task(pod_template=pt)
      def f(): ...
      """)
    #expect(found.map(summary) == ["pod-template - 4:6 req[] lim[] owner=f"])
    #expect(found.first?.templateContainers?.map(\.name) == ["main"])
    #expect(found.first?.primaryContainerName == "primary")
  }

  @Test func unknownContainerListIsNil() {
    let found = scanned(
      """
      @task(requests=Resources(cpu="1"), pod_template=PodTemplate(pod_spec=V1PodSpec(
          containers=make_containers(), init_containers=[])))
      def f(): ...
      """)
    #expect(found.map(summary) == ["task f 4:1 req[cpu=1] lim[]"])
    let starred = scanned(
      """
      C = V1Container(name="x", resources=V1ResourceRequirements(limits={"cpu": "1"}))
      t = PodTemplate(pod_spec=V1PodSpec(containers=[C, *others]))
      """)
    #expect(starred.first?.templateContainers == nil)
  }
}
