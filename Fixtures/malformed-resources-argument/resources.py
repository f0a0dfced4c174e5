"""Resources arguments that fail at import or serialization, or are silently ignored."""
from flytekit import ContainerTask, Resources, task, workflow
from flytekit.core.resources import ResourceSpec
from flytekitplugins.kfpytorch import PyTorch, Worker

GPU = Resources(gpu=1.0)  # expect: 21 [RL015] "gpu=1.0 is a float; Resources accepts str or int for gpu and raises AssertionError at import"
HALF_MEMORY = Resources(mem=1.5)  # expect: 29 [RL015] "mem=1.5 is a float"
CPU_FLOAT = Resources(cpu=1.5)
SHORT = Resources(mem=("1Gi",))  # expect: 23 [RL015] "has 1 item; Resources raises ValueError"
LONG = Resources(cpu=("1", "2", "3"))  # expect: 22 [RL015] "has 3 items"
HOLE = Resources(cpu=("1", None))  # expect: 22 [RL015] "holds None; Resources accepts only str, int or float inside a tuple and raises AssertionError at import"
SPELLED = Resources(memory="1Gi")  # expect: 21 [RL015] "Resources has no field memory (did you mean mem=?); it raises TypeError unexpected keyword argument at import"
DISK = Resources(cpu="1", storage="10Gi")  # expect: 27 [RL015] "did you mean ephemeral_storage=?"
MAPPING = Resources(mem={"request": "1Gi"})  # expect: 25 [RL015] "is a dict or set"


@task(requests={"cpu": "1"})  # expect: 16 [RL015] "requests= is a dict, not Resources; flytekit fails with TypeError"
def dict_requests() -> None: ...


@task(resources=dict(cpu="1", mem="2Gi"))  # expect: 17 [RL015] "resources= is a dict, not Resources"
def dict_resources() -> None: ...


@task(request=Resources(cpu="1"))  # expect: 7 [RL015] "request= is not a task argument (did you mean requests=?); flytekit raises ValueError"
def misspelled() -> None: ...


@task(requests=Resources(mem="1Gi", gpu=(1, 2.0)))  # expect: 41 [RL015] "gpu=(1, 2.0) holds a float"
def float_in_tuple() -> None: ...


@task(limits=Resources(mem="8Gi"), shared_memory=1024)  # expect: 50 [RL015] "shared_memory=1024 is neither True nor a size string"
def shm_bytes() -> None: ...


@task(
    task_config=PyTorch(worker=Worker(replicas=2, limits=Resources(ephemeral_storage=2.5))),  # expect: 86 [RL015] "ephemeral_storage=2.5 is a float"
)
def distributed() -> None: ...


sidecar = ContainerTask(
    name="sidecar",
    image="ghcr.io/acme/tools:1.4",
    command=["run"],
    resource=Resources(cpu="1"),  # expect: 5 [RL015] "resource= is not a container-task argument (did you mean resources=?); flytekit silently ignores it"
)


# Clean: strings and ints, a cpu float, pairs in resources=, shared memory as True or a size.
@task(resources=Resources(cpu=("1", 2.5), mem=("1Gi", "2Gi"), gpu=1), shared_memory=True)
def fine() -> None: ...


@task(requests=Resources("2", "4Gi"), shared_memory="2Gi")
def positional() -> None: ...


@task(requests=Resources(cpu=CPU_COUNT, mem=memory_for(DATASET)), shared_memory=shm_size())
def dynamic_values() -> None: ...


@workflow
def wf() -> None:
    fine().with_overrides(requests={"mem": "4Gi"})  # expect: 36 [RL015] "requests= is a dict, not Resources; with_overrides raises AssertionError"
    fine().with_overrides(limit=Resources(mem="4Gi"))  # expect: 27 [RL015] "with_overrides silently ignores limit= (did you mean limits=?)"
    fine().with_overrides(requests=Resources(cpu="2"), limits=Resources(cpu="2"))


# A field given by position and again by keyword: TypeError before flytekit sees either value.
@task(requests=Resources("1", "2Gi", mem="4Gi"))  # expect: 38 [RL015] "mem= is also given positionally"
def twice() -> None: ...


# A ResourceSpec where flytekit expects Resources.
@task(resources=ResourceSpec(requests=Resources(cpu="1"), limits=Resources(cpu="2")))  # expect: 17 [RL015] "resources= is a ResourceSpec, not Resources; flytekit reads its requests/limits as resource fields and raises TypeError"
def spec_as_resources() -> None: ...


@task(limits=ResourceSpec(requests=Resources(cpu="1"), limits=Resources(cpu="2")))  # expect: 14 [RL015] "limits= is a ResourceSpec, not Resources; serialization fails with AttributeError"
def spec_as_limits() -> None: ...


@workflow
def overridden() -> None:
    fine().with_overrides(resource=Resources(cpu="2"))  # expect: 27 [RL015] "with_overrides silently ignores resource= (did you mean resources=?), so the node keeps the task's resources"
