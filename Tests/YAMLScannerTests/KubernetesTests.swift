import ResourceModel
import SourceText
import Testing
import YAMLScanner

@Suite struct KubernetesTests {
  @Test func deploymentContainersAndInitContainers() throws {
    let result = scanFixture("deployment.yaml")
    #expect(result.problems.isEmpty)
    try #require(result.declarations.count == 3)
    let (initContainer, web, metrics) =
      (result.declarations[0], result.declarations[1], result.declarations[2])

    #expect(initContainer.kind == .k8sInitContainer)
    #expect(initContainer.name == "migrate")
    #expect(initContainer.container == "migrate")
    #expect(initContainer.path == "spec.template.spec.initContainers[0]")
    #expect(initContainer.location == SourceLocation(line: 21, column: 11))
    #expect(dump(initContainer.requests) == ["cpu": "100m", "mem": "128Mi"])
    #expect(dump(initContainer.limits) == ["mem": "128Mi"])

    #expect(web.kind == .k8sContainer)
    #expect(web.name == "web")
    #expect(web.language == .yaml)
    #expect(web.file == "Fixtures/scanner/yaml/deployment.yaml")
    #expect(web.path == "spec.template.spec.containers[0]")
    #expect(web.location == SourceLocation(line: 32, column: 11))
    #expect(dump(web.requests) == ["cpu": "2", "mem": "1Gi"])
    #expect(dump(web.limits) == ["cpu": "1", "mem": "1Gi"])
    let cpu = try #require(web.requests[.cpu])
    #expect(cpu.writtenKey == "cpu")
    #expect(cpu.value.form == .string("2"))
    #expect(cpu.keySpan == span(34, 15, 34, 18))
    #expect(cpu.value.span == span(34, 20, 34, 23))
    #expect(web.requests[.memory]?.value.form == .plain("1Gi"))
    #expect(web.requests[.memory]?.writtenKey == "memory")

    // A container without resources is still a declaration (for missing-requests rules).
    #expect(metrics.name == "metrics")
    #expect(metrics.requests.isEmpty && metrics.limits.isEmpty)
    #expect(metrics.location == SourceLocation(line: 39, column: 11))
  }

  @Test func cronJobPath() throws {
    let result = scanFixture("cronjob.yaml")
    #expect(result.problems.isEmpty)
    let declaration = try #require(result.declarations.first)
    #expect(result.declarations.count == 1)
    #expect(declaration.path == "spec.jobTemplate.spec.template.spec.containers[0]")
    #expect(declaration.location == SourceLocation(line: 16, column: 15))
    #expect(dump(declaration.requests) == ["cpu": "500m", "mem": "512Mi"])
    #expect(dump(declaration.limits) == ["mem": "1Gi"])
    #expect(declaration.requests[.memory]?.value.span == span(17, 47, 17, 52))
  }

  @Test func podTemplateHasTemplateAtTopLevel() throws {
    let result = scanFixture("pod-template.yaml")
    #expect(result.problems.isEmpty)
    try #require(result.declarations.count == 2)
    #expect(result.declarations[0].path == "template.spec.containers[0]")
    #expect(result.declarations[0].name == "default")
    #expect(dump(result.declarations[0].limits) == ["nvidia.com/gpu": "1"])
    #expect(result.declarations[0].limits.entries[0].key == .named("nvidia.com/gpu"))
    #expect(result.declarations[1].kind == .k8sInitContainer)
    #expect(result.declarations[1].path == "template.spec.initContainers[0]")
  }

  @Test func crdEmbeddingPodTemplates() throws {
    let result = scanFixture("pytorchjob-crd.yaml")
    #expect(result.problems.isEmpty)
    try #require(result.declarations.count == 2)
    #expect(
      result.declarations.map(\.path) == [
        "spec.pytorchReplicaSpecs.Master.template.spec.containers[0]",
        "spec.pytorchReplicaSpecs.Worker.template.spec.containers[0]",
      ])
    #expect(result.declarations.allSatisfy { $0.kind == .k8sContainer && $0.name == "pytorch" })
    #expect(dump(result.declarations[1].requests) == ["cpu": "4", "nvidia.com/gpu": "2"])
  }

  @Test func rayClusterWorkerGroups() throws {
    let result = scan(
      """
      apiVersion: ray.io/v1
      kind: RayCluster
      metadata: {name: raycluster}
      spec:
        headGroupSpec:
          rayStartParams: {num-cpus: "2"}
          template:
            spec:
              containers:
              - name: ray-head
                image: rayproject/ray:2.9.0
                resources: {limits: {cpu: "2", memory: 8Gi}}
        workerGroupSpecs:
        - groupName: gpu
          template:
            spec:
              containers:
              - name: ray-worker
                image: rayproject/ray:2.9.0
                resources: {limits: {nvidia.com/gpu: 1}}
      """)
    #expect(result.problems.isEmpty)
    #expect(
      result.declarations.map(\.path) == [
        "spec.headGroupSpec.template.spec.containers[0]",
        "spec.workerGroupSpecs[0].template.spec.containers[0]",
      ])
  }

  @Test func ephemeralContainersWithResourcesOnly() throws {
    let result = scan(
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: debug}
      spec:
        containers:
        - {name: app, image: nginx}
        ephemeralContainers:
        - name: dbg
          image: busybox
          resources: {limits: {cpu: 100m}}
        - name: quiet
          image: busybox
      """)
    #expect(result.problems.isEmpty)
    try #require(result.declarations.count == 2)
    #expect(result.declarations[1].path == "spec.ephemeralContainers[0]")
    #expect(result.declarations[1].kind == .k8sContainer)
    #expect(result.declarations[1].name == "dbg")
  }

  @Test func argoWorkflowContainerTemplates() throws {
    let result = scan(
      """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata: {generateName: hello-}
      spec:
        entrypoint: main
        templates:
        - name: main
          container:
            image: alpine:3.19
            command: [echo, hi]
            resources:
              requests: {cpu: 1, memory: 1Gi}
      """)
    #expect(result.problems.isEmpty)
    let declaration = try #require(result.declarations.first)
    #expect(result.declarations.count == 1)
    #expect(declaration.kind == .k8sContainer)
    #expect(declaration.name == "main")
    #expect(declaration.path == "spec.templates[0].container")
    #expect(declaration.location == SourceLocation(line: 11, column: 7))
  }

  @Test func volumeClaimsAndPodLevelResourcesAreNotContainers() {
    let result = scan(
      """
      apiVersion: v1
      kind: PersistentVolumeClaim
      metadata: {name: data}
      spec:
        accessModes: [ReadWriteOnce]
        resources: {requests: {storage: 10Gi}}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        resources: {limits: {cpu: "4"}}
        containers: []
        volumes:
        - name: scratch
          ephemeral:
            volumeClaimTemplate:
              spec:
                resources: {requests: {storage: 1Gi}}
      """)
    #expect(result.problems.isEmpty)
    // The claims are volume claims (named after the claim and the volume); the pod-level
    // `spec.resources` is nothing.
    #expect(result.declarations.map(\.kind) == [.k8sPVC, .k8sPVC])
    #expect(result.declarations.map(\.name) == ["data", "scratch"])
  }

  @Test func multiDocumentStream() throws {
    let result = scanFixture("multi-document.yaml")
    #expect(result.problems.isEmpty)
    try #require(result.declarations.count == 3)
    #expect(result.declarations[0].name == "shell")
    #expect(result.declarations[0].location == SourceLocation(line: 17, column: 7))
    #expect(result.declarations[1].name == "postgres")
    #expect(result.declarations[1].location == SourceLocation(line: 32, column: 11))
    // The StatefulSet's volumeClaimTemplates (PVC storage) are volume claims, not containers.
    #expect(result.declarations[2].kind == .k8sPVC)
    #expect(result.declarations[2].name == "data")
    #expect(
      !result.declarations.contains {
        $0.kind != .k8sPVC && $0.requests[.named("storage")] != nil
      })
  }

  @Test func flowStyle() throws {
    let result = scanFixture("flow-style.yaml")
    #expect(result.problems.isEmpty)
    let declaration = try #require(result.declarations.first)
    #expect(declaration.name == "app")
    #expect(declaration.location == SourceLocation(line: 5, column: 42))
    #expect(declaration.requests[.cpu]?.value.form == .plain("1"))
    #expect(declaration.requests[.cpu]?.value.span == span(5, 70, 5, 71))
    #expect(declaration.limits[.memory]?.value.form == .string("2Gi"))
    #expect(declaration.limits[.memory]?.value.span == span(5, 112, 5, 117))
  }

  @Test func quotedPlainNullTaggedAndBlockValues() throws {
    let result = scanFixture("quoted-vs-plain.yaml")
    #expect(result.problems.isEmpty)
    let declaration = try #require(result.declarations.first)
    let requests = declaration.requests
    #expect(requests[.cpu]?.value.form == .plain("1"))
    #expect(requests[.cpu]?.value.isUnquotedScalar == true)
    #expect(requests[.memory]?.value.form == .string("4096"))
    #expect(requests[.memory]?.value.span == span(12, 19, 12, 25))
    #expect(requests[.ephemeralStorage]?.value.form == .string("1Gi"))
    #expect(requests[.ephemeralStorage]?.value.span == span(13, 30, 13, 35))
    #expect(requests[.named("nvidia.com/gpu")]?.value.form == ResourceValue.Form.none)
    #expect(requests[.named("nvidia.com/gpu")]?.value.dumpText == nil)
    #expect(declaration.limits[.cpu]?.value.form == .string("2"))
    #expect(declaration.limits[.memory]?.value.form == .string("4Gi"))
  }

  @Test(arguments: ["~", "null", "Null", "NULL", ""])
  func nullPlainScalars(_ text: String) throws {
    let result = scan("a:\n  resources:\n    limits: {cpu: \(text)}\n")
    let entry = try #require(result.declarations.first?.limits[.cpu])
    #expect(entry.value.form == ResourceValue.Form.none)
  }

  @Test func nonScalarValuesAreOther() throws {
    let result = scan("a:\n  resources:\n    limits: {cpu: [1, 2], memory: {x: 1}}\n")
    let limits = try #require(result.declarations.first?.limits)
    #expect(limits[.cpu]?.value.form == .other("<sequence>"))
    #expect(limits[.memory]?.value.form == .other("<mapping>"))
  }

  @Test func kubernetesListItems() throws {
    let result = scan(
      """
      apiVersion: v1
      kind: List
      items:
      - apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent}
        spec:
          template:
            spec:
              containers:
              - name: agent
                resources: {requests: {memory: 64Mi}}
      """)
    #expect(result.declarations.map(\.path) == ["items[0].spec.template.spec.containers[0]"])
  }
}

func span(_ line: Int, _ column: Int, _ endLine: Int, _ endColumn: Int) -> SourceSpan {
  SourceSpan(
    start: SourceLocation(line: line, column: column),
    end: SourceLocation(line: endLine, column: endColumn))
}
