import Testing
import ResourceModel
import SourceText

@Test func debugDumpFixtures() {
  for name in ["deployment.yaml", "cronjob.yaml", "pod-template.yaml", "pytorchjob-crd.yaml", "helm-values.yaml", "flyte-admin-config.yaml", "configmap-embedded-admin.yaml", "tra.yaml", "idl-task.yaml", "multi-document.yaml", "anchors-aliases.yaml", "flow-style.yaml", "quoted-vs-plain.yaml", "rbac.yaml", "crd-schema.yaml", "docker-compose.yml", "github-workflow.yml", "templates/deployment.yaml"] {
    let result = scanFixture(name)
    print("== \(name)")
    for d in result.declarations { print("  " + summary(d)) }
    for p in result.problems { print("  PROBLEM \(p.span): \(p.message)") }
  }
}
