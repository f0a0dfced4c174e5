"""RL037: environment, clone and override calls the flyte SDK rejects."""
import flyte
from flyte import ReusePolicy, Resources, TaskEnvironment

ok = TaskEnvironment(name="snake_case_2", resources=Resources(cpu=1))
ok_kebab = TaskEnvironment("kebab-case", resources=None)


@ok.task
async def work() -> None: ...


camel = TaskEnvironment(name="CamelCase")  # expect: 30 [RL037] "must be snake_case or kebab-case (lower-case letter"
spaced = TaskEnvironment(name="has space")  # expect: 31 [RL037] "must be snake_case or kebab-case (lower-case letter"
tuple_resources = TaskEnvironment(name="tuple-resources", resources=(1, 2))  # expect: 69 [RL037] "resources= must be a flyte.Resources, got tuple (flyte raises TypeError when the"
misspelt = TaskEnvironment(name="misspelt", resource=Resources(cpu=1))  # expect: 45 [RL037] "TaskEnvironment() got an unexpected keyword argument 'resource'; did you mean re"
bad_policy = TaskEnvironment(name="bad-policy", reusable=ReusePolicy(replicas=(3, 1)))  # expect: 79 [RL037] "ReusePolicy: replicas min must be less than or equal to max (flyte raises ValueE"
string_policy = TaskEnvironment(name="string-policy", reusable="yes")  # expect: 64 [RL037] "reusable= must be a flyte.ReusePolicy, got str (flyte raises TypeError when the"
bad_clone = ok.clone_with("Bad_Clone")  # expect: 27 [RL037] "must be snake_case or kebab-case (lower-case letter"
clone_keyword = ok.clone_with("clone-keyword", resource=Resources(cpu=2))  # expect: 48 [RL037] "clone_with() got an unexpected keyword argument 'resource'; did you mean resourc"
override_keyword = work.override(resources=Resources(cpu=1), request=Resources(cpu=1))  # expect: 62 [RL037] "override() got an unexpected keyword argument 'request' (flyte raises TypeError"
override_name = work.override(resources=Resources(cpu=1), name="renamed")  # expect: 59 [RL037] "override() cannot change name (flyte raises ValueError when the override is call"
