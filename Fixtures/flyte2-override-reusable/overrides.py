"""RL033: overriding the resources of a task of a reusable environment."""
import flyte
from flyte import ReusePolicy, Resources, TaskEnvironment

pool = TaskEnvironment(name="pool", resources=Resources(cpu=2), reusable=ReusePolicy(replicas=2))
plain = TaskEnvironment(name="plain", resources=Resources(cpu=1))
pool_clone = pool.clone_with("pool-clone")
unpooled = pool.clone_with("unpooled", reusable=None)


@pool.task
async def pooled() -> None: ...


@plain.task
async def single() -> None: ...


@pool_clone.task
async def cloned() -> None: ...


@unpooled.task
async def unpooled_task() -> None: ...


switched_off = pooled.override(resources=Resources(cpu=4), reusable="off")
plain_override = single.override(resources=Resources(cpu=4))
no_resources = pooled.override(retries=3)
not_pooled = unpooled_task.override(resources=Resources(cpu=4))

overridden = pooled.override(resources=Resources(cpu=4))  # expect: 40 [RL033] "cannot override the resources of pooled: environment"
made_reusable = single.override(resources=Resources(cpu=4), reusable=ReusePolicy(replicas=2))  # expect: 43 [RL033] "cannot override the resources of single in the call that makes it reusable: reus"
inherited = cloned.override(resources=Resources(memory="4Gi"))  # expect: 39 [RL033] "cannot override the resources of cloned: environment"
