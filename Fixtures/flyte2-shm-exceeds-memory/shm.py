"""RL035: shared memory larger than the memory limit."""
import flyte

auto = flyte.Resources(memory="4Gi", shm="auto")
within = flyte.Resources(memory=("4Gi", "16Gi"), shm="8Gi")
no_memory = flyte.Resources(shm="8Gi")

above_request = flyte.Resources(memory="4Gi", shm="8Gi")  # expect: 51 [RL035] "shm 8Gi is above the memory limit 4Gi: /dev/shm counts against the container's m"
above_limit = flyte.Resources(memory=("2Gi", "4Gi"), shm="6Gi")  # expect: 58 [RL035] "shm 6Gi is above the memory limit 4Gi: /dev/shm counts against the container's m"
