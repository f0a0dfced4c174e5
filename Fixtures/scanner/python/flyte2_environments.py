"""Flyte 2 forms: every import style, environments with their tasks, clones, overrides."""
import flyte
import flyte as fl
from flyte import GPU, TPU
from flyte import Resources as R
from flyte import TaskEnvironment as Env

SMALL = flyte.Resources(cpu="500m", memory="1Gi")

trainer = flyte.TaskEnvironment(
    name="trainer",
    resources=flyte.Resources(cpu=(1, 2), memory=("2Gi", "4Gi"), gpu="A100 80G:2", disk="10Gi", shm="auto"),
)
small = fl.TaskEnvironment("small", resources=SMALL)
tpu = Env(name="tpu", resources=R(gpu=TPU("V5P", "2x2x1")))
mig = Env(name="mig", resources=R(gpu=GPU("A100", 1, "1g.5gb")))
counted = Env(name="counted", resources=R(cpu=1.5, gpu=2))
bare = flyte.TaskEnvironment(name="bare")
bigger = trainer.clone_with("bigger", resources=R(memory="16Gi"))
same = trainer.clone_with(name="same")


@trainer.task
async def train() -> None: ...


@trainer.task(cache="auto")
def evaluate() -> None: ...


@same.task
async def also() -> None: ...


quick = train.override(resources=R(cpu=4))
inherited = evaluate.override(resources=None)
unknown = some_task.override(resources=R(cpu=CPU_FROM_ELSEWHERE))
