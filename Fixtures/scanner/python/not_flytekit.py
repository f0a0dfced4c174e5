"""Objects named like flytekit's that are something else."""
from flytekit.models import task as task_models
from flytekit.models.task import Resources as IdlResources
from myservice.proto.resources_pb2 import ResourceSpec

idl = IdlResources(requests=[], limits=[])
model = task_models.Resources(requests=[], limits=[])
proto = ResourceSpec(cpu="1")


class Resources:
    def __init__(self, cpu: str, mem: str) -> None:
        self.cpu = cpu
        self.mem = mem


local = Resources(cpu="1", mem="1Gi")
unimported = V1ResourceRequirements(limits={"memory": "1Gi"})
