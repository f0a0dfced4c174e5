import ResourceModel
import SourceText
import Testing
import YAMLScanner

/// Volume claims, ResourceQuotas, LimitRanges, flytepropeller defaults, and the unknown
/// container fields RL030 judges.
@Suite struct ObjectKindsTests {
  @Test func quotaKeepsItsNamesAndCountsAsLimits() throws {
    let result = scanFixture("quota-limit-range.yaml")
    let quota = try #require(result.declarations.first)
    #expect(quota.kind == .k8sResourceQuota)
    #expect(quota.name == "team-a")
    #expect(quota.requests.isEmpty)
    #expect(quota.listWords == ListWords(request: "request", limit: "quota"))
    #expect(quota.limits[.named("requests.memory")]?.key.isByteSized == true)
    #expect(quota.limits[.named("pods")]?.key.isByteSized == false)
    let storageClass = ResourceKey.named("gold.storageclass.storage.k8s.io/requests.storage")
    #expect(storageClass.isByteSized)
  }

  @Test func limitRangeItemsGiveDefaultsAndBounds() {
    let items = scanFixture("quota-limit-range.yaml").declarations.filter {
      $0.kind == .k8sLimitRange
    }
    #expect(items.map(\.name) == ["Container", "Container", "Pod", "PersistentVolumeClaim"])
    #expect(
      items.map(\.listWords) == [
        ListWords(request: "defaultRequest", limit: "default"),
        ListWords(request: "min", limit: "max"),
        ListWords(request: "min", limit: "max"),
        ListWords(request: "min", limit: "max"),
      ])
    // maxLimitRequestRatio is a ratio: it is not read as an amount.
    #expect(
      !items.contains {
        $0.limits[.cpu]?.value.dumpText == "10" || $0.requests[.cpu]?.value.dumpText == "10"
      })
  }

  @Test func quotaAndLimitRangeNeedTheirKind() {
    let result = scan(
      """
      apiVersion: v1
      kind: ConfigMap2
      spec:
        hard: {requests.cpu: "1"}
        limits:
          - {type: Container, max: {cpu: "1"}}
      """)
    #expect(result.declarations.isEmpty)
  }

  @Test func volumeClaimsAreNotContainers() {
    let claims = scanFixture("volume-claims.yaml").declarations.filter { $0.kind == .k8sPVC }
    #expect(claims.map(\.name) == ["shared", "logs", "cache", "scratch"])
    #expect(claims.allSatisfy { $0.requests.hasEntry(for: .named("storage")) })
  }

  @Test func propellerDefaultsOnlyUnderPluginsK8s() throws {
    let result = scan(
      """
      k8s:
        default-cpus: 1
      other:
        k8s: {default-memory: 1Gi}
      plugins:
        k8s:
          default-memory: 1Gi
          co-pilot: {cpu: 500m}
      """)
    let declaration = try #require(result.declarations.first)
    #expect(result.declarations.count == 1)
    #expect(declaration.kind == .flytePropeller)
    #expect(declaration.path == "plugins.k8s")
    #expect(declaration.requests.keys == [.memory])
    #expect(declaration.requests[.memory]?.writtenKey == "default-memory")
  }

  @Test func unknownContainerAndResourcesFieldsAreRecorded() throws {
    let result = scan(
      """
      apiVersion: v1
      kind: Pod
      spec:
        containers:
          - name: app
            image: nginx
            limits: {cpu: 1}
            resources:
              request: {cpu: 1}
              claims: [{name: gpu}]
      """)
    let container = try #require(result.declarations.first)
    #expect(container.isInKubernetesObject)
    #expect(container.unknownFields.map(\.name) == ["limits", "request"])
    #expect(container.unknownFields.map(\.place) == [.container, .resources])
    #expect(container.unknownFields.first?.span == span(7, 7, 7, 13))
  }

  @Test func helmValuesContainersAreNotInObjects() throws {
    let result = scan(
      """
      sidecars:
        - name: proxy
          image: envoy
          requests: {cpu: 1}
      """)
    let container = try #require(result.declarations.first)
    #expect(!container.isInKubernetesObject)
    #expect(container.unknownFields.map(\.name) == ["requests"])
  }
}
