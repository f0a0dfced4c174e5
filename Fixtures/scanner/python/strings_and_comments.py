"""
Documentation for resources:

    @task(requests=Resources(cpu="1", mem="2Gi"))
    def example(): ...

    t().with_overrides(limits=Resources(mem="4Gi"))
"""
from flytekit import Resources, task

# @task(requests=Resources(cpu="99"))
# DISABLED = Resources(mem="1Ti")

HELP = 'use Resources(cpu="1") in @task(...)'
TEMPLATE = f"{'Resources(cpu=' + repr(1) + ')'}"
RAW = r'''accelerator=A100.partition_1g_5gb'''


def helper() -> str:
    """Returns 'Resources(mem="1Gi")'."""
    return "V1ResourceRequirements(limits={'memory': '1Gi'})"
