"""RL031: accelerators the flyte SDK rejects, and the forms it accepts."""
import flyte
from flyte import GPU, TPU, Device, Resources

ok_string = Resources(gpu="H100:8")
ok_alias = Resources(gpu="A100 80G:1")
ok_shared = Resources(gpu="T4 shared:1")
ok_apple = Resources(gpu="AppleSilicon")
ok_count = Resources(gpu=2)
ok_mig = Resources(gpu=GPU("H100", 1, partition="1g.10gb"))
ok_tpu = Resources(gpu=TPU("V6E", "2x4"))
ok_device = Resources(gpu=Device(quantity=1, device_class="GPU", device="custom-gpu"))

unknown = Resources(gpu="A200:1")  # expect: 25 [RL031] "is not an accelerator flyte knows; did you mean"
lower_case = Resources(gpu="a100:1")  # expect: 28 [RL031] "is not an accelerator flyte knows; did you mean"
too_many = Resources(gpu="A2:2")  # expect: 26 [RL031] "is not an accelerator flyte knows; A2 comes only as"
no_count = Resources(gpu="H100")  # expect: 26 [RL031] "is not an accelerator flyte knows; give a count:"
extra_part = Resources(gpu="A100:1:2")  # expect: 28 [RL031] "is not an accelerator flyte knows; write"
tpu_string = Resources(gpu="V5E:1")  # expect: 28 [RL031] "is not an accelerator flyte knows; TPUs are requested with flyte.TPU"
shared_two = Resources(gpu="T4 shared:2")  # expect: 28 [RL031] "is not an accelerator flyte knows; T4 shared comes only as"
bad_gpu_type = Resources(gpu=GPU("A200", 1))  # expect: 34 [RL031] "? (flyte raises ValueError when the"
zero_quantity = Resources(gpu=GPU("A100", 0))  # expect: 43 [RL031] "GPU quantity must be at least 1 (flyte raises ValueError when the module is impo"
bad_partition = Resources(gpu=GPU("A100", 1, partition="1g.10gb"))  # expect: 56 [RL031] "for A100; one of 1g.5gb, 2g.10gb, 3g.20gb, 4g.20gb,"
shared_partition = Resources(gpu=GPU("L4 shared", 1, partition="1g.5gb"))  # expect: 64 [RL031] "a shared GPU (L4 shared) takes no partition, got"
bad_slice = Resources(gpu=TPU("V5P", "2x2"))  # expect: 38 [RL031] "for V5P; one of 2x2x1, 2x2x2, 2x4x4, 4x4x4, 4x4x8, 4x8x8, 8x"
nameless = Resources(gpu=Device(quantity=1, device_class="GPU"))  # expect: 26 [RL031] "Device(...) without device= builds, but serialising the task fails with"
env = flyte.TaskEnvironment(name="env", resources=Resources(gpu="L40S:1"))  # expect: 65 [RL031] "is not an accelerator flyte knows; did you mean"
