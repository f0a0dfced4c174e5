# platform: {defaults: {cpu: 100m, mem: 500Mi}, limits: {cpu: "8", mem: 32Gi, gpu: "4"}}
"""A small Flyte 2 project with one mistake a line (and correct code around them)."""
import flyte
from flyte import Resources as R

IMAGE = "python:3.12-slim"
SMALL = flyte.Resources(cpu=1, memory="2Gi")

ok = flyte.TaskEnvironment(name="ok", image=IMAGE, resources=SMALL)
gpu_ok = flyte.TaskEnvironment(name="gpu-ok", resources=R(cpu=(2, 4), memory=("8Gi", "16Gi"), gpu="A100:1", shm="auto"))
typo = flyte.TaskEnvironment(name="typo", resources=R(memory="1GB"))  # expect: 62 [RL004] "is not a valid quantity; did you mean"
milli = flyte.TaskEnvironment(name="milli", resources=R(memory="512m"))  # expect: 64 [RL006] "did you mean 512Mi"
cores = flyte.TaskEnvironment(name="cores", resources=R(cpu="2Gi"))  # expect: 61 [RL007] "cpu is cores", 61 [RL021] "exceeds the platform limit"
inverted = flyte.TaskEnvironment(name="inverted", resources=R(cpu=(4, 2)))  # expect: 71 [RL001] "cpu limit 2 is below its request 4"
bare = flyte.TaskEnvironment(name="bare", resources=R(memory=4096))  # expect: 62 [RL002] "not the int 4096 (flyte raises ValueError"
too_big = flyte.TaskEnvironment(name="too-big", resources=R(cpu=16, memory="64Gi"))  # expect: 65 [RL021] "exceeds the platform limit", 76 [RL021] "exceeds the platform limit"
unknown_gpu = flyte.TaskEnvironment(name="unknown-gpu", resources=R(gpu="A200:1"))  # expect: 73 [RL031] "flyte raises ValueError"
malformed_gpu = flyte.TaskEnvironment(name="malformed-gpu", resources=R(gpu="A100x2"))  # expect: 77 [RL031] "flyte raises ValueError"
no_mig = flyte.TaskEnvironment(name="no-mig", resources=R(gpu=flyte.GPU("T4", 1, partition="1g.5gb")))  # expect: 92 [RL032] "T4 has no MIG partitions"
shared_mig = flyte.TaskEnvironment(name="shared-mig", resources=R(gpu=flyte.GPU("T4 shared", 1, partition="1g.5gb")))  # expect: 107 [RL031] "flyte raises ValueError"
triple = flyte.TaskEnvironment(name="triple", resources=R(memory=("1Gi", "2Gi", "4Gi")))  # expect: 66 [RL034] "got 3"
big_shm = flyte.TaskEnvironment(name="big-shm", resources=R(memory="4Gi", shm="16Gi"))  # expect: 79 [RL035] "above the memory limit 4Gi"
negative_gpu = flyte.TaskEnvironment(name="negative-gpu", resources=R(gpu=-1))  # expect: 75 [RL036] "got -1"
bad_name = flyte.TaskEnvironment(name="Bad Name", resources=SMALL)  # expect: 39 [RL037] "snake_case or kebab-case"
pool = flyte.TaskEnvironment(name="pool", resources=SMALL, reusable=flyte.ReusePolicy(replicas=2))


@ok.task
async def prepare() -> None: ...


@pool.task
async def serve() -> None: ...


bigger = prepare.override(resources=R(cpu=2, memory="4Gi"))
pooled = serve.override(resources=R(cpu=2))  # expect: 35 [RL033] "pass reusable"
unpooled = serve.override(resources=R(cpu=2), reusable="off")
