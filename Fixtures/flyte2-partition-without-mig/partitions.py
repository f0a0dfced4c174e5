"""RL032: a MIG partition given to GPU() for a GPU type that has none."""
import flyte

mig = flyte.Resources(gpu=flyte.GPU("A100_80G", 1, partition="1g.10gb"))
rtx = flyte.Resources(gpu=flyte.GPU("RTX_PRO_6000", 1, partition="1g.24gb"))
no_partition = flyte.Resources(gpu=flyte.GPU("L4", 2))
empty_partition = flyte.Resources(gpu=flyte.GPU("L4", 1, partition=""))

t4 = flyte.Resources(gpu=flyte.GPU("T4", 1, partition="1g.5gb"))  # expect: 55 [RL032] "is ignored by flyte.GPU(): T4 has no MIG partitions (only A10"
env = flyte.TaskEnvironment(
    name="l4",
    resources=flyte.Resources(gpu=flyte.GPU(device="L4", quantity=1, partition="2g.10gb")),  # expect: 80 [RL032] "is ignored by flyte.GPU(): L4 has no MIG partitions (only A1"
)
