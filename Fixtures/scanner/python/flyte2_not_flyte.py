"""Neither SDK is imported: nothing here is a Flyte declaration, whatever the names."""
from mylib import Resources, TaskEnvironment

env = TaskEnvironment(name="x", resources=Resources(memory="1GB"))
copy = env.clone_with("y")
done = job.override(resources=Resources(cpu=1))
