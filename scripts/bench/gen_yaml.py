#!/usr/bin/env python3
"""Generate a seeded *YAML-heavy* tree: an infrastructure repository.

usage: gen_yaml.py OUT_DIR [YAML_FILES] [PY_FILES] [SEED]

Most files are YAML in which the word `resources` is common but declarations are not all:

  - Helm charts: Chart.yaml, values.yaml with `resources:` per component, and templates with
    `{{ }}` directives (which are not YAML until rendered);
  - CustomResourceDefinitions, whose openAPIV3Schema has a `resources` property;
  - RBAC Roles and ClusterRoles, whose rules hold `resources:` lists of strings;
  - GitHub workflows and GitLab CI files (`resource_group:`, Kubernetes runner variables);
  - Kubernetes Deployments, StatefulSets and CronJobs with real resources blocks;
  - plain settings files.

A few Python files (tooling, from scripts/gen_tree.py) sit beside them, as in a real
repository. The same arguments always give byte-identical trees.
"""
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import gen_tree  # noqa: E402

from gen_tree import CPUS, MEMS, WORDS  # noqa: E402

VERBS = ["get", "list", "watch", "create", "update", "patch", "delete"]
KINDS = ["pods", "services", "configmaps", "secrets", "deployments", "jobs", "events",
         "persistentvolumeclaims", "ingresses", "leases", "nodes", "namespaces"]


def chart_yaml(rng: random.Random, n: int) -> str:
    return (f"apiVersion: v2\nname: chart-{n}\ndescription: The {rng.choice(WORDS)} service\n"
            f"type: application\nversion: 0.{rng.randint(1, 30)}.{rng.randint(0, 9)}\n"
            f"appVersion: \"1.{rng.randint(0, 40)}\"\n")


def chart_template(rng: random.Random, n: int) -> str:
    kind = rng.choice(["deployment", "service", "hpa", "ingress"])
    if kind == "deployment":
        return gen_tree.helm_template(rng, n) + (
            "          env:\n            {{- range $k, $v := .Values.env }}\n"
            "            - name: {{ $k }}\n              value: {{ $v | quote }}\n"
            "            {{- end }}\n")
    if kind == "service":
        return ("apiVersion: v1\nkind: Service\nmetadata:\n"
                "  name: {{ include \"chart.fullname\" . }}\n  labels:\n"
                "    {{- include \"chart.labels\" . | nindent 4 }}\nspec:\n"
                "  type: {{ .Values.service.type }}\n  ports:\n"
                "    - port: {{ .Values.service.port }}\n")
    if kind == "hpa":
        return ("{{- if .Values.autoscaling.enabled }}\napiVersion: autoscaling/v2\n"
                "kind: HorizontalPodAutoscaler\nmetadata:\n"
                "  name: {{ include \"chart.fullname\" . }}\nspec:\n"
                "  minReplicas: {{ .Values.autoscaling.minReplicas }}\n  metrics:\n"
                "    - type: Resource\n      resource:\n        name: cpu\n"
                "        target:\n          type: Utilization\n"
                "          averageUtilization: {{ .Values.autoscaling.targetCPU }}\n{{- end }}\n")
    return ("{{- if .Values.ingress.enabled -}}\napiVersion: networking.k8s.io/v1\nkind: Ingress\n"
            "metadata:\n  name: {{ include \"chart.fullname\" . }}\nspec:\n  rules:\n"
            "    {{- range .Values.ingress.hosts }}\n    - host: {{ .host | quote }}\n"
            "    {{- end }}\n{{- end }}\n")


def crd(rng: random.Random, n: int) -> str:
    kind = gen_tree.camel(rng)
    props = "".join(
        f"                {rng.choice(WORDS)}{i}:\n                  type: "
        f"{rng.choice(['string', 'integer', 'boolean'])}\n"
        f"                  description: The {rng.choice(WORDS)} of the {kind}.\n"
        for i in range(rng.randint(3, 12)))
    return f"""apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: {kind.lower()}s.acme.io
spec:
  group: acme.io
  names:
    kind: {kind}
    plural: {kind.lower()}s
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
{props}                resources:
                  type: object
                  description: Compute resources of each replica (requests and limits).
                  x-kubernetes-preserve-unknown-fields: true
"""


def rbac(rng: random.Random, n: int) -> str:
    kind = rng.choice(["Role", "ClusterRole"])
    rules = "".join(
        f"  - apiGroups: [\"{rng.choice(['', 'apps', 'batch', 'acme.io'])}\"]\n"
        f"    resources: [{', '.join(repr(k).replace(chr(39), chr(34)) for k in rng.sample(KINDS, rng.randint(1, 5)))}]\n"
        f"    verbs: [{', '.join(rng.sample(VERBS, rng.randint(1, 4)))}]\n"
        if rng.random() < 0.5 else
        f"  - apiGroups:\n      - \"{rng.choice(['', 'apps', 'batch'])}\"\n    resources:\n"
        + "".join(f"      - {k}\n" for k in rng.sample(KINDS, rng.randint(1, 5)))
        + "    verbs:\n" + "".join(f"      - {v}\n" for v in rng.sample(VERBS, rng.randint(1, 4)))
        for _ in range(rng.randint(1, 6)))
    meta = "" if kind == "ClusterRole" else f"  namespace: ns-{n % 17}\n"
    text = f"apiVersion: rbac.authorization.k8s.io/v1\nkind: {kind}\nmetadata:\n  name: role-{n}\n{meta}rules:\n{rules}"
    if rng.random() < 0.5:
        text += (f"---\napiVersion: rbac.authorization.k8s.io/v1\nkind: {kind}Binding\n"
                 f"metadata:\n  name: role-{n}\nsubjects:\n  - kind: ServiceAccount\n"
                 f"    name: svc-{n}\nroleRef:\n  kind: {kind}\n  name: role-{n}\n"
                 f"  apiGroup: rbac.authorization.k8s.io\n")
    return text


def gitlab_ci(rng: random.Random, n: int) -> str:
    jobs = "".join(f"""{name}:
  stage: {rng.choice(['build', 'test', 'deploy'])}
  image: python:3.12
  resource_group: {rng.choice(['production', 'staging'])}
  variables:
    KUBERNETES_CPU_REQUEST: "{rng.choice(CPUS)}"
    KUBERNETES_MEMORY_LIMIT: "{rng.choice(MEMS)}"
  script:
    - pip install -r requirements.txt
    - make {name}
  rules:
    - if: $CI_COMMIT_BRANCH == "main"
""" for name in rng.sample(WORDS, rng.randint(2, 6)))
    return f"stages: [build, test, deploy]\n\n{jobs}"


def plain_settings(rng: random.Random, n: int) -> str:
    return gen_tree.plain_config(rng, n)


# (make, weight). Deployments and CronJobs declare; values files declare; the rest mostly not.
KINDS_OF_FILE = [
    (gen_tree.deployment, 18), (gen_tree.cronjob, 5), (gen_tree.helm_values, 10),
    (chart_template, 14), (chart_yaml, 4), (crd, 8), (rbac, 14), (gen_tree.github_workflow, 8),
    (gitlab_ci, 5), (gen_tree.compose, 4), (gen_tree.flyte_admin, 1), (plain_settings, 9),
]


def main() -> None:
    out = sys.argv[1]
    yaml_files = int(sys.argv[2]) if len(sys.argv) > 2 else 16_000
    py_files = int(sys.argv[3]) if len(sys.argv) > 3 else 2_000
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 42)
    gen_tree.write(os.path.join(out, ".gitignore"), "*.tgz\n")
    weights = [weight for _, weight in KINDS_OF_FILE]
    for n in range(yaml_files):
        make = rng.choices([make for make, _ in KINDS_OF_FILE], weights)[0]
        chart = f"charts/chart{n // 25}"
        if make is chart_template:
            path = f"{chart}/templates/t{n}.yaml"
        elif make is gen_tree.helm_values:
            path = f"{chart}/values.yaml" if not os.path.exists(
                os.path.join(out, chart, "values.yaml")) else f"{chart}/values-{n}.yaml"
        elif make is chart_yaml:
            path = f"{chart}/Chart{n}.yaml"
        elif make is gen_tree.github_workflow:
            path = f".github/workflows/w{n}.yml"
        elif make is gitlab_ci:
            path = f"ci/{n // 100}/.gitlab-ci-{n}.yml"
        else:
            path = f"deploy/{make.__name__}/{n // 100}/f{n}.yaml"
        gen_tree.write(os.path.join(out, path), make(rng, n))
    for n in range(py_files):
        text = gen_tree.header(rng, f"Tool {n}") + gen_tree.body(rng, gen_tree.plain_size(rng))
        gen_tree.write(os.path.join(out, f"tools/pkg{n // 50}/tool{n}.py"), text)


if __name__ == "__main__":
    main()
