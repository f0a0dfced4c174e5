# platform: {defaults: {cpu: 100m, mem: 500Mi}, limits: {cpu: "2", mem: 4Gi, gpu: "1"}}
"""Values the scanner cannot know are dynamic, never missing: with every rule selected, nothing
that reasons about an absence reports them, while the same constructs written out literally
are still reported."""
from flytekit import Resources, task, workflow
from flytekit.extras.accelerators import L4

from config import ACC, COMMON, GPU, LIMITS, RES


# The whole requests= is unknown: imported, a parameter, a call, unpacked.
@task(requests=RES)
def imported() -> None: ...


def make(r):
    @task(requests=r)
    def parameter() -> None: ...

    return parameter


@task(requests=RES.with_cpu("1"))
def called() -> None: ...


cfg = {}


@task(requests=Resources(**cfg))
def unpacked() -> None: ...


@task(requests=Resources(cpu="1", **cfg))
def partly_unpacked() -> None: ...


@task(resources=RES)
def spec_imported() -> None: ...


@task(requests=Resources(cpu="1"), **COMMON)
def common_arguments() -> None: ...


# One value unknown: memory is dynamic, cpu is truly absent from a literal call.
n = 4


@task(requests=Resources(mem=f"{n}Gi"))  # expect: 1 [RL026] "task formatted sets no cpu request"
def formatted() -> None: ...


# A limit above the platform's: whether flyteadmin rejects it depends on the unknown request.
@task(requests=RES, limits=Resources(cpu="3", mem="1Gi"))  # expect: 42 [RL021] "its requests are dynamic here); otherwise flytepropeller silently clamps"
def limit_above_platform() -> None: ...


# Written out, empty: reported.
@task(requests=Resources())  # expect: 1 [RL026] "task empty sets no cpu or memory request"
def empty() -> None: ...


# A GPU with an accelerator the scanner cannot resolve: RL003 stays quiet.
@task(requests=Resources(cpu="1", mem="1Gi", gpu="1"), limits=Resources(gpu="1"), accelerator=ACC)
def gpu_dynamic_accelerator() -> None: ...


@task(requests=Resources(cpu="1", mem="1Gi", gpu="1"), limits=Resources(gpu="1"))  # expect: 50 [RL003] "gpu request 1 has no accelerator"
def gpu_without_accelerator() -> None: ...


# An accelerator with a GPU count (or requests) the scanner cannot know: RL011 stays quiet.
@task(requests=Resources(cpu="1", mem="1Gi", gpu=GPU), accelerator=L4)
def accelerator_dynamic_gpu() -> None: ...


@task(requests=RES, accelerator=L4)
def accelerator_dynamic_requests() -> None: ...


@task(requests=Resources(cpu="1", mem="1Gi"), accelerator=L4)  # expect: 59 [RL011] "accelerator L4 (nvidia-l4) is ignored"
def accelerator_without_gpu() -> None: ...


@task(requests=Resources(cpu="1", mem="1Gi"), accelerator=L4)
def gpu_from_overrides() -> None: ...


@task(requests=Resources(cpu="1", mem="1Gi"))
def featurize() -> None: ...


@workflow
def wf() -> None:
    # RL016: dynamic limits may hold the cpu limit.
    featurize().with_overrides(requests=Resources(cpu="1500m"), limits=LIMITS)
    featurize().with_overrides(requests=Resources(cpu="1500m"), **COMMON)
    featurize().with_overrides(requests=Resources(cpu="1500m"))  # expect: 55 [RL016] "cpu request 1500m is above the task's cpu request 1"
    # RL016: a task whose resources are unknown has no known limit.
    imported().with_overrides(requests=Resources(cpu="1500m"))
    # RL001: an override with dynamic requests may set its own request.
    featurize().with_overrides(requests=RES, limits=Resources(cpu="500m"))
    # RL011: overrides the scanner cannot read may give the task a GPU.
    gpu_from_overrides().with_overrides(**COMMON)
    featurize().with_overrides(limits=Resources(cpu="500m"))  # expect: 53 [RL001] "cpu limit 500m of this override is below the task's request 1"
