import ResourceModel
import SourceText
import Testing
import YAMLScanner

/// Helm values, Flyte admin configuration, flytectl attribute files and Flyte IDL YAML.
@Suite struct ConfigurationTests {
  @Test func helmValues() throws {
    let result = scanFixture("helm-values.yaml")
    #expect(result.problems.isEmpty)
    try #require(result.declarations.count == 4)
    let (worker, admin, scheduler, sidecar) = (
      result.declarations[0], result.declarations[1], result.declarations[2],
      result.declarations[3]
    )
    #expect(worker.kind == .helmValues)
    #expect(worker.name == "worker")
    #expect(worker.path == "worker.resources")
    #expect(worker.location == SourceLocation(line: 13, column: 3))
    #expect(dump(worker.requests) == ["cpu": "500M", "mem": "2048"])
    #expect(worker.requests[.memory]?.value.form == .plain("2048"))
    #expect(worker.requests[.memory]?.value.span == span(16, 15, 16, 19))

    #expect(admin.name == "flyteadmin")
    #expect(admin.limits.keys == [.cpu, .ephemeralStorage, .memory])
    #expect(admin.limits[.ephemeralStorage]?.writtenKey == "ephemeral-storage")

    // `requests:` (null) and `limits: {}` still make a resources block, with nothing in it.
    #expect(scheduler.name == "scheduler")
    #expect(scheduler.requests.isEmpty && scheduler.limits.isEmpty)

    #expect(sidecar.kind == .k8sContainer)
    #expect(sidecar.name == "log-shipper")
    #expect(sidecar.path == "sidecars[0]")
  }

  @Test func emptyResourcesGiveNothing() {
    let result = scan("resources: {}\nworker:\n  resources:\n  other:\n    resources: {cpu: 1}\n")
    #expect(result.declarations.isEmpty)
    #expect(result.problems.isEmpty)
  }

  @Test func helmValuesInListItemsUseTheItemName() throws {
    let result = scan(
      """
      workers:
        - name: small
          resources: {requests: {cpu: 1}}
        - resources: {requests: {cpu: 2}}
      """)
    #expect(result.declarations.map(\.name) == ["small", "workers[1]"])
    #expect(result.declarations.map(\.path) == ["workers[0].resources", "workers[1].resources"])
  }

  @Test func flyteAdminConfig() throws {
    let result = scanFixture("flyte-admin-config.yaml")
    #expect(result.problems.isEmpty)
    let declaration = try #require(result.declarations.first)
    #expect(result.declarations.count == 1)
    #expect(declaration.kind == .flyteAdmin)
    #expect(declaration.location == SourceLocation(line: 2, column: 1))
    #expect(declaration.path == "task_resources")
    #expect(dump(declaration.requests) == ["cpu": "100m", "mem": "500Mi", "storage": "500Mi"])
    #expect(
      dump(declaration.limits) == [
        "cpu": "2", "gpu": "1", "mem": "1Gi", "ephemeral_storage": "10Gi",
      ])
    #expect(declaration.limits[.ephemeralStorage]?.writtenKey == "ephemeralStorage")
    #expect(declaration.limits[.cpu]?.value.span == span(8, 10, 8, 11))
  }

  @Test func flyteAdminConfigNestedInHelmValues() throws {
    let result = scan(
      """
      configmap:
        task_resource_defaults:
          task_resources:
            defaults: {cpu: 100m, memory: 500Mi}
            limits: {cpu: 2, ephemeral_storage: 10Gi}
      """)
    let declaration = try #require(result.declarations.first)
    #expect(result.declarations.count == 1)
    #expect(declaration.kind == .flyteAdmin)
    #expect(declaration.path == "configmap.task_resource_defaults.task_resources")
    #expect(declaration.location == SourceLocation(line: 3, column: 5))
    // ephemeral_storage is not flyteadmin's key: it stays a named (unknown) key.
    #expect(declaration.limits.keys == [.cpu, .named("ephemeral_storage")])
  }

  @Test func configMapWithEmbeddedAdminConfig() throws {
    let result = scanFixture("configmap-embedded-admin.yaml")
    #expect(result.problems.isEmpty)
    let declaration = try #require(result.declarations.first)
    #expect(result.declarations.count == 1)
    #expect(declaration.kind == .flyteAdmin)
    #expect(declaration.file == "Fixtures/scanner/yaml/configmap-embedded-admin.yaml")
    #expect(declaration.location == SourceLocation(line: 12, column: 5))
    #expect(declaration.requests[.cpu]?.value.span == span(14, 14, 14, 18))
    #expect(declaration.requests[.cpu]?.keySpan == span(14, 9, 14, 12))
    #expect(dump(declaration.limits) == ["cpu": "2", "gpu": "1", "mem": "1Gi"])
  }

  @Test func configMapEmbeddedPodTemplateAndCRLF() throws {
    let text =
      "apiVersion: v1\r\nkind: ConfigMap\r\nmetadata: {name: x}\r\ndata:\r\n"
      + "  pod.yml: |2\r\n" + "      apiVersion: v1\r\n" + "      kind: Pod\r\n"
      + "      spec:\r\n" + "        containers:\r\n"
      + "        - name: c\r\n" + "          resources: {limits: {cpu: \"1\"}}\r\n"
    let result = scan(text)
    #expect(result.problems.isEmpty)
    let declaration = try #require(result.declarations.first)
    #expect(declaration.location == SourceLocation(line: 11, column: 11))
    #expect(declaration.limits[.cpu]?.value.span == span(11, 37, 11, 40))
  }

  @Test func configMapEmbeddedSyntaxErrorIsLocatedInTheOuterFile() throws {
    let result = scan(
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: x}
      data:
        good.yaml: |
          task_resources: {defaults: {cpu: 1}}
        admin.yaml: |
          task_resources:
            defaults: [1, 2
          other: 1
      """)
    #expect(result.declarations.count == 1)
    let problem = try #require(result.problems.first)
    #expect(result.problems.count == 1)
    #expect(problem.message.contains("did not find expected ',' or ']'"))
    #expect(problem.message.contains("admin.yaml"))
    #expect(problem.message.contains("at line 9, column 17"))
    #expect(problem.span.start == SourceLocation(line: 10, column: 10))
  }

  @Test func flytectlAttributeFile() throws {
    let result = scanFixture("tra.yaml")
    #expect(result.problems.isEmpty)
    let declaration = try #require(result.declarations.first)
    #expect(declaration.kind == .flyteAttributes)
    #expect(declaration.name == "flytesnacks/development")
    #expect(declaration.location == SourceLocation(line: 1, column: 1))
    #expect(declaration.requests.keys == [.cpu, .gpu, .memory, .ephemeralStorage])
    #expect(declaration.requests[.memory]?.value.form == .string("150Mi"))
    #expect(declaration.requests[.memory]?.value.span == span(6, 11, 6, 18))
    #expect(declaration.limits[.cpu]?.value.form == .plain("2"))
  }

  @Test func flytectlAttributeFileWithWorkflowAndUnknownKeys() throws {
    let result = scan(
      """
      # comment first
      domain: d
      project: p
      workflow: my.wf
      defaults: {cpu: 1, mem: "1Gi", ephemeralStorage: "1Gi"}
      """)
    let declaration = try #require(result.declarations.first)
    #expect(declaration.name == "p/d/my.wf")
    #expect(declaration.location == SourceLocation(line: 2, column: 1))
    #expect(declaration.requests.keys == [.cpu, .named("mem"), .named("ephemeralStorage")])
    #expect(declaration.limits.isEmpty)
  }

  @Test func flyteIDLTask() throws {
    let result = scanFixture("idl-task.yaml")
    #expect(result.problems.isEmpty)
    let declaration = try #require(result.declarations.first)
    #expect(result.declarations.count == 1)
    #expect(declaration.kind == .flyteIDL)
    #expect(declaration.name == "workflows.train.train_model")
    #expect(declaration.path == "closure.compiledTask.template.container.resources")
    #expect(declaration.location == SourceLocation(line: 15, column: 9))
    #expect(declaration.requests.keys == [.cpu, .memory, .gpu])
    #expect(declaration.requests[.cpu]?.writtenKey == "CPU")
    #expect(declaration.requests[.cpu]?.keySpan == span(17, 19, 17, 22))
    #expect(declaration.requests[.cpu]?.value.form == .string("1"))
    #expect(declaration.requests[.cpu]?.value.span == span(18, 20, 18, 23))
    #expect(declaration.requests[.memory]?.value.form == .plain("1Gi"))
    // A list item without `name` is UNKNOWN (jsonpb omits the enum's default).
    #expect(declaration.limits.keys == [.cpu, .named("UNKNOWN")])
    let accelerator = try #require(declaration.accelerator)
    #expect(accelerator.form == .idl)
    #expect(accelerator.device == "nvidia-tesla-a100")
    #expect(accelerator.partition == .size("1g.5gb"))
    #expect(accelerator.dumpText == "nvidia-tesla-a100:1g.5gb")
    #expect(accelerator.span == span(29, 19, 29, 36))
  }

  @Test func flyteIDLDuplicateEntriesAndUnpartitioned() throws {
    let result = scan(
      """
      template:
        id: {name: t}
        container:
          resources:
            requests:
            - {name: CPU, value: "1"}
            - {name: CPU, value: "2"}
        extendedResources:
          gpuAccelerator: {device: nvidia-h100, unpartitioned: true}
      """)
    let declaration = try #require(result.declarations.first)
    #expect(declaration.requests.entries.map { $0.value.dumpText } == ["1", "2"])
    #expect(declaration.accelerator?.partition == .unpartitioned)
    #expect(declaration.accelerator?.dumpText == "nvidia-h100:unpartitioned")
  }

  @Test func flyteIDLPodTemplateTask() throws {
    let result = scan(
      """
      template:
        id: {name: wf.pod_task}
        k8sPod:
          podSpec:
            containers:
            - name: primary
              resources: {requests: {cpu: "1", gpu: "1"}, limits: {}}
            - name: sidecar
        config:
          primary_container_name: primary
      """)
    #expect(result.problems.isEmpty)
    try #require(result.declarations.count == 2)
    let primary = result.declarations[0]
    #expect(primary.kind == .k8sContainer)
    #expect(primary.name == "primary")
    #expect(primary.path == "template.k8sPod.podSpec.containers[0]")
    #expect(primary.owner == "wf.pod_task")
    #expect(primary.primaryContainerName == "primary")
    #expect(primary.requests.keys == [.cpu, .gpu])
  }

  @Test func anchorsAliasesAndMergeKeys() throws {
    let result = scanFixture("anchors-aliases.yaml")
    #expect(result.problems.isEmpty)
    try #require(result.declarations.count == 2)
    let api = result.declarations[0]
    #expect(api.name == "api")
    #expect(dump(api.requests) == ["cpu": "100m", "mem": "128Mi"])
    // Merged keys first, then the mapping's own keys; an explicit key overrides a merged one.
    #expect(dump(api.limits) == ["cpu": "100m", "mem": "256Mi"])
    #expect(api.limits.entries.count == 2)
    // An aliased value takes the anchored text and keeps the alias's own span.
    #expect(api.limits[.memory]?.value.form == .plain("256Mi"))
    #expect(api.limits[.memory]?.value.span == span(12, 15, 12, 28))
    // Values reached through an aliased mapping are located where they are written.
    #expect(api.requests[.cpu]?.value.span == span(3, 10, 3, 14))
    #expect(result.declarations[1].name == "batch")
  }

  @Test func aliasedResourcesBlockAndMergeChains() throws {
    let result = scan(
      """
      base: &base {cpu: "1", memory: 1Gi}
      mid: &mid {<<: *base, cpu: "2"}
      top: &top {<<: [*mid, *base]}
      svc:
        resources:
          requests: {<<: *top, memory: 3Gi}
          limits: {cpu: *undefined}
      other:
        resources: *svc-resources-undefined
      """)
    let declaration = try #require(result.declarations.first)
    #expect(result.declarations.count == 1)
    #expect(dump(declaration.requests) == ["cpu": "2", "mem": "3Gi"])
    // An undefined anchor stands for a value the scanner cannot know.
    #expect(declaration.limits[.cpu]?.value.form == .dynamic("*undefined"))
  }

  @Test func duplicateKeysAreKeptAndTheLastWins() throws {
    let result = scan("a:\n  resources:\n    limits:\n      cpu: 1\n      cpu: 2\n")
    let limits = try #require(result.declarations.first?.limits)
    #expect(limits.entries.count == 2)
    #expect(limits[.cpu]?.value.form == .plain("2"))
  }
}
