from flytekit import Resources, task
from flytekitplugins.dask import Dask, Scheduler, WorkerGroup
from flytekitplugins.kfmpi import Launcher, MPIJob
from flytekitplugins.kfmpi import Worker as MPIWorker
from flytekitplugins.kfpytorch import Master, PyTorch, Worker
from flytekitplugins.kftensorflow import PS, Chief, TfJob
from flytekitplugins.ray import HeadNodeConfig, RayJobConfig, WorkerNodeConfig


@task(
    task_config=PyTorch(
        worker=Worker(replicas=2, requests=Resources(cpu="1", mem=4096)),
        master=Master(limits=Resources(cpu=("1", "2"))),
    ),
    requests=Resources(cpu="2"),
)
def pytorch_training() -> None:
    ...


@task(task_config=MPIJob(launcher=Launcher(requests=Resources(cpu="1")), worker=MPIWorker(limits=Resources(gpu="1"))))
def mpi_training() -> None:
    ...


@task(task_config=TfJob(chief=Chief(replicas=1, limits=Resources(gpu="1")), ps=PS(requests=Resources(cpu="1"))))
def tf_training() -> None:
    ...


ray_config = RayJobConfig(
    head_node_config=HeadNodeConfig(requests=Resources(cpu="1", mem="2Gi")),
    worker_node_config=[
        WorkerNodeConfig(
            group_name="workers",
            replicas=2,
            requests=Resources(cpu="2"),
            pod_template=my_pod_template,
        )
    ],
)


@task(task_config=ray_config)
def ray_job() -> None:
    ...


@task(task_config=Dask(scheduler=Scheduler(limits=Resources(mem="2Gi")), workers=WorkerGroup(number_of_workers=2, requests=Resources(cpu="1"))))
def dask_job() -> None:
    ...
