"""RL034: cpu and memory tuples that are not (request, limit) pairs."""
import flyte

pair = flyte.Resources(cpu=(1, 2), memory=("1Gi", "2Gi"))
single = flyte.Resources(cpu=1, memory="1Gi")

one = flyte.Resources(memory=("1Gi",))  # expect: 30 [RL034] "memory tuple must have exactly two elements (request, limit), got 1 (flyte raise"
three = flyte.Resources(cpu=(1, 2, 4))  # expect: 29 [RL034] "cpu tuple must have exactly two elements (request, limit), got 3 (flyte raises V"
empty = flyte.TaskEnvironment(name="empty", resources=flyte.Resources(cpu=()))  # expect: 75 [RL034] "cpu tuple must have exactly two elements (request, limit), got 0 (flyte raises V"
