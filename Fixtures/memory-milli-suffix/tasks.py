"""Memory in millibytes and other fractions of a byte."""
from flytekit import PodTemplate, Resources, task, workflow
from kubernetes.client import V1Container, V1PodSpec, V1ResourceRequirements


# SEMANTICS §7 case 18: 0.512 bytes; the pod cannot start.
@task(requests=Resources(cpu="500m", mem="512m"))  # expect: 42 [RL006] "memory request 512m is 0.512 bytes (millibytes)"
def case_18() -> None: ...


@task(resources=Resources(mem=("1.5", "2Gi"), ephemeral_storage="0.1Ki"))  # expect: 32 [RL006] "memory request 1.5 is 1.5 bytes" 65 [RL006] "ephemeral storage request 0.1Ki is 102.4 bytes"
def fractions() -> None: ...


@task(limits=Resources(mem="3500m", ephemeral_storage="10u"))  # expect: 28 [RL006] "memory limit 3500m is 3.5 bytes (millibytes)" 55 [RL006] "ephemeral storage limit 10u is 0.00001 bytes (microbytes)"
def sub_units() -> None: ...


@task(
    pod_template=PodTemplate(
        pod_spec=V1PodSpec(
            containers=[
                V1Container(
                    name="primary",
                    resources=V1ResourceRequirements(limits={"memory": "256m", "cpu": "250m"}),  # expect: 72 [RL006] "memory limit 256m is 0.256 bytes (millibytes)"
                )
            ]
        )
    )
)
def templated() -> None: ...


# Clean: binary and decimal units, fractional units that are whole bytes, cpu millicores.
@task(requests=Resources(cpu="250m", mem="1.5Gi"), limits=Resources(mem="512M"))
def clean() -> None: ...


@workflow
def wf() -> None:
    clean().with_overrides(limits=Resources(mem="2048m"))  # expect: 49 [RL006] "memory limit 2048m is 2.048 bytes (millibytes)"
    clean().with_overrides(limits=Resources(mem="2048Mi"))
