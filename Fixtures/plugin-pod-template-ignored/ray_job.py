"""Ray node configs that give both resources and a pod template."""
from flytekit import PodTemplate, Resources, task
from flytekitplugins.ray import HeadNodeConfig, RayJobConfig, WorkerNodeConfig
from kubernetes.client import V1PodSpec, V1Toleration

GPU_POD = PodTemplate(
    pod_spec=V1PodSpec(containers=[], tolerations=[V1Toleration(key="nvidia.com/gpu", operator="Exists")])
)

ray_config = RayJobConfig(
    head_node_config=HeadNodeConfig(
        requests=Resources(cpu="2", mem="8Gi"),
        pod_template=GPU_POD,  # expect: 9 [RL022] "HeadNodeConfig ignores pod_template= because requests= is set: the Ray plugin builds the pod from the resources alone and drops the template"
    ),
    worker_node_config=[
        WorkerNodeConfig(group_name="gpu", replicas=4, limits=Resources(gpu="1"), pod_template=GPU_POD),  # expect: 83 [RL022] "WorkerNodeConfig ignores pod_template= because limits= is set"
        # Clean: the pod template alone, or resources alone.
        WorkerNodeConfig(group_name="cpu", replicas=2, pod_template=GPU_POD),
        WorkerNodeConfig(group_name="small", replicas=2, requests=Resources(cpu="1")),
        WorkerNodeConfig(group_name="none", replicas=1, requests=Resources(cpu="1"), pod_template=None),
    ],
)


@task(task_config=ray_config)
def ray_task() -> None: ...
