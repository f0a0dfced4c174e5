from flytekit import ContainerTask, Resources, kwtypes
from flytekit.extras.tasks.shell import OutputLocation, ShellTask
from flytekitplugins.papermill import NotebookTask

calculate_ellipse_area = ContainerTask(
    name="ellipse-area-metadata-shell",
    input_data_dir="/var/inputs",
    output_data_dir="/var/outputs",
    inputs=kwtypes(a=float, b=float),
    outputs=kwtypes(area=float, metadata=str),
    image="ghcr.io/flyteorg/rawcontainers-shell:v2",
    resources=Resources(cpu=("1", "2"), mem="1Gi"),
    command=["./calculate-ellipse-area.sh", "/var/inputs", "/var/outputs"],
)

shell = ShellTask(
    name="task_1",
    script="echo hello",
    requests=Resources(cpu="250m", mem="256Mi"),
)

notebook = NotebookTask(
    name="nb-simple",
    notebook_path="nb-simple.ipynb",
    limits=Resources(mem="4Gi"),
)
