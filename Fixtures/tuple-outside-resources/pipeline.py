"""(request, limit) pairs written where only single values are allowed."""
from flytekit import Resources, task, workflow
from flytekitplugins.kfpytorch import PyTorch, Worker
from flytekitplugins.ray import RayJobConfig, WorkerNodeConfig

PAIR = Resources(cpu=("1", "2"))  # expect: 22 [RL014] "cpu request"


@task(requests=Resources(cpu=("1", "2")))  # expect: 30 [RL014] "use resources= for a (request, limit) pair"
def train() -> None: ...


@task(limits=Resources(mem=["4Gi", "8Gi"], cpu="2"))  # expect: 28 [RL014] "memory limit"
def score() -> None: ...


@task(requests=PAIR)
def from_constant() -> None: ...


@task(
    task_config=PyTorch(
        worker=Worker(replicas=2, requests=Resources(cpu="1", mem=("4Gi", "8Gi"))),  # expect: 67 [RL014] "give the request in requests= and the limit in limits="
    )
)
def distributed() -> None: ...


ray_config = RayJobConfig(
    worker_node_config=[WorkerNodeConfig(group_name="w", replicas=2, limits=Resources(cpu=("2", "4")))]  # expect: 91 [RL014]
)


# Clean: resources= splits pairs; single values elsewhere; wrong-length tuples are RL015's.
@task(resources=Resources(cpu=("1", "2"), mem=("1Gi", "2Gi")))
def split() -> None: ...


@task(requests=Resources(cpu="1"), limits=Resources(cpu="2"))
def single() -> None: ...


@task(requests=Resources(cpu=("1", "2", "3")))
def three() -> None: ...


@workflow
def wf() -> None:
    split().with_overrides(requests=Resources(cpu=("2", "4")))  # expect: 51 [RL014] "cpu request"
    split().with_overrides(resources=Resources(cpu=("2", "4")))
