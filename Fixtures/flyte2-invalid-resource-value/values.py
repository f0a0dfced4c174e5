"""RL036: values of a type or sign flyte.Resources rejects."""
import flyte
from flyte import Resources

ok = Resources(cpu=0.5, memory="1Gi", disk="10Gi", shm="1Gi")
ok_flags = Resources(cpu=True, gpu=False)
ok_positional = Resources(1, "2Gi", 1, "10Gi", "auto")

negative_cpu = Resources(cpu=-1)  # expect: 30 [RL036] "cpu must be greater than or equal to 0, got -1 (flyte raises ValueError when the"
negative_in_pair = Resources(cpu=(1, -2))  # expect: 38 [RL036] "cpu must be greater than or equal to 0, got -2 (flyte raises ValueError when the"
none_in_pair = Resources(memory=(None, "2Gi"))  # expect: 34 [RL036] "memory pair elements must both be set, got None (flyte raises ValueError when th"
list_cpu = Resources(cpu=[1, 2])  # expect: 26 [RL036] "cpu must be a core count or a quantity string such as 1, 0.5 or"
float_memory = Resources(memory=1.5)  # expect: 33 [RL036] "memory must be a quantity string such as"
int_disk_zero = Resources(disk=0)  # expect: 32 [RL036] "disk must be a quantity string such as"
float_gpu = Resources(gpu=0.5)  # expect: 27 [RL036] "gpu must be an accelerator string such as"
negative_gpu = Resources(gpu=-1)  # expect: 30 [RL036] "gpu must be greater than or equal to 0, got -1 (flyte raises ValueError when the"
flytekit_name = Resources(mem="1Gi")  # expect: 27 [RL036] "Resources(): unexpected keyword argument 'mem'; Flyte 2 calls it memory= (flyte"
six_positionals = Resources(1, "1Gi", 1, "1Gi", "auto", 2)  # expect: 57 [RL036] "Resources(): too many positional arguments (flyte raises TypeError when the modu"
env = flyte.TaskEnvironment(name="env", resources=Resources(cpu=1))


@env.task
async def work() -> None: ...


not_resources = work.override(resources=(1, 2))  # expect: 41 [RL036] "override(resources=) must be a flyte.Resources, got tuple; serialising the task"
