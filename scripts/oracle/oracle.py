#!/usr/bin/env python3
"""Prove resourcelint's reading of Python declarations equal to flytekit's own.

usage: oracle.py [--resourcelint BIN] [--out FILE] [--fixtures DIR] [--no-fail]

For every Python file under Fixtures/ (except files resourcelint reports RL000 for), this
script takes resourcelint's view of each declaration from `resourcelint dump --format json`,
finds the same construct in the file with Python's `ast` module, and rebuilds it with the
real flytekit (run in this process; the fixture files themselves are never imported):

* only literal arguments are evaluated, plus module-level constants of the same file and
    calls into `flytekit.core.resources` / `flytekit.extras.accelerators`; anything else makes
    the declaration "not comparable";
* `@task`/`@dynamic`/`@eager` and `ContainerTask(...)` are re-declared on a generated function
    and serialized to a TaskTemplate protobuf (the step where `pyflyte package` crashes on
    non-string values); `with_overrides(...)` runs on a node of a generated workflow that is
    then serialized; standalone `Resources`/`ResourceSpec` values are constructed (and split
    with `ResourceSpec.from_multiple_resource` like resourcelint does).

The requests and limits flytekit produces are compared with the dump. When flytekit rejects
a construct (an exception at construction, decoration, compilation or serialization), the
declaration must carry an error-level diagnostic from a rule that SEMANTICS.md says covers
that failure. When flytekit accepts a task or override, no error-level diagnostic from those
"crash" rules may sit on its lines. Results go to Fixtures/oracle/oracle-results.json; the
exit status is 1 on any disagreement.
"""
import argparse
import ast
import collections
import importlib
import inspect
import json
import logging
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIELDS = ["cpu", "mem", "gpu", "ephemeral_storage"]
IDL_NAMES = {"CPU": "cpu", "MEMORY": "mem", "GPU": "gpu", "EPHEMERAL_STORAGE": "ephemeral_storage"}
# Keyword arguments of a task or override that carry resources; every other known keyword is
# irrelevant to resources and dropped (retries, cache, name, ...).
RESOURCE_ARGS = {"requests", "limits", "resources", "accelerator", "shared_memory"}
# Keyword arguments that move resources onto a path this oracle does not model.
UNMODELLED_ARGS = {"pod_template", "task_config"}
# Rules that claim flytekit itself fails (import, decoration, compile or serialization).
CRASH_RULES = {"RL005", "RL012", "RL013", "RL014", "RL015"}
# Misspelt resource keywords: @task rejects them, while ContainerTask and with_overrides take
# **kwargs and silently ignore them, which RL015 must report as a warning.
MISSPELT_ARGS = {"request", "limit", "resource"}


class NotLiteral(Exception):
    """The construct needs more than literals and same-file constants to evaluate."""


class Rejected(Exception):
    """flytekit raised while building the construct."""

    def __init__(self, stage, error, rules=None):
        super().__init__(stage)
        self.stage = stage
        self.error = error
        # The rules that cover this failure, when the evaluator knows better than the message.
        self.rules = rules


# --------------------------------------------------------------------------------------------
# Reading the source with ast


class Module:
    """One parsed file: its imports, its module-level constants and a node index."""

    def __init__(self, path):
        with open(path, "rb") as handle:
            self.data = handle.read()
        self.lines = self.data.split(b"\n")
        self.tree = ast.parse(self.data, filename=path)
        self.bindings = {}
        self.assignments = collections.defaultdict(list)
        self._collect(self.tree.body)

    def char_column(self, lineno, byte_offset):
        """ast columns are UTF-8 byte offsets; resourcelint's are 1-based Unicode scalars."""
        line = self.lines[lineno - 1] if lineno - 1 < len(self.lines) else b""
        return len(line[:byte_offset].decode("utf-8", "replace")) + 1

    def _collect(self, body):
        for statement in body:
            if isinstance(statement, ast.Import):
                for alias in statement.names:
                    if alias.asname:
                        self.bindings[alias.asname] = ("module", alias.name)
                    else:
                        top = alias.name.split(".")[0]
                        self.bindings[top] = ("module", top)
            elif isinstance(statement, ast.ImportFrom) and statement.level == 0:
                for alias in statement.names:
                    binding = ("from", statement.module, alias.name)
                    self.bindings[alias.asname or alias.name] = binding
            elif isinstance(statement, ast.Assign):
                for target in statement.targets:
                    value = statement.value if isinstance(target, ast.Name) else None
                    for name in _target_names(target):
                        self.assignments[name].append((value, statement))
            elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
                self.assignments[statement.target.id].append((statement.value, statement))
            elif isinstance(statement, (ast.AugAssign,)):
                for name in _target_names(statement.target):
                    self.assignments[name].append((None, statement))
            elif isinstance(statement, (ast.If, ast.Try, ast.For, ast.While, ast.With)):
                # Names bound conditionally are ambiguous: record them twice so they never resolve.
                for name in _bound_names(statement):
                    self.assignments[name] += [(None, statement), (None, statement)]
            elif isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                self.assignments[statement.name].append((None, statement))

    def nodes(self):
        return ast.walk(self.tree)


def _target_names(target):
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, (ast.Tuple, ast.List)):
        return [name for item in target.elts for name in _target_names(item)]
    return []


def _bound_names(statement):
    names = []
    for node in ast.walk(statement):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.append(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names += [alias.asname or alias.name.split(".")[0] for alias in node.names]
    return names


class Evaluator:
    """Evaluates literals, same-file constants and flytekit resource/accelerator calls."""

    ALLOWED_CALL_MODULES = {"flytekit.core.resources", "flytekit.extras.accelerators"}

    def __init__(self, module):
        self.module = module
        self.used_lines = set()
        self._depth = 0

    def resolve_import(self, name):
        binding = self.module.bindings.get(name)
        if binding is None:
            return None
        if binding[0] == "module":
            if not binding[1].split(".")[0] == "flytekit":
                raise NotLiteral(f"module {binding[1]} is not flytekit")
            return importlib.import_module(binding[1])
        module_name, attribute = binding[1], binding[2]
        if module_name.split(".")[0] != "flytekit":
            raise NotLiteral(f"{attribute} comes from {module_name}, not flytekit")
        module = importlib.import_module(module_name)
        try:
            return getattr(module, attribute)
        except AttributeError:
            pass
        try:
            return importlib.import_module(f"{module_name}.{attribute}")
        except ImportError as error:
            message = f"ImportError: flytekit 1.16.31 has no {module_name}.{attribute}"
            raise NotLiteral(message) from error

    def __call__(self, node):
        self._depth += 1
        try:
            if self._depth > 50:
                raise NotLiteral("nesting too deep")
            return self._evaluate(node)
        finally:
            self._depth -= 1

    def _evaluate(self, node):
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.Tuple):
            return tuple(self(item) for item in node.elts if not self._starred(item))
        if isinstance(node, ast.List):
            return [self(item) for item in node.elts if not self._starred(item)]
        if isinstance(node, ast.Dict):
            if any(key is None for key in node.keys):
                raise NotLiteral("** in a dict")
            return {self(key): self(value) for key, value in zip(node.keys, node.values)}
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            if isinstance(node.operand, ast.Constant):
                return ast.literal_eval(node)
            return self._no(node)
        if isinstance(node, ast.Name):
            return self._name(node)
        if isinstance(node, ast.Attribute):
            base = self(node.value)
            if not (inspect.ismodule(base) or type(base).__module__.startswith("flytekit")):
                raise NotLiteral(f"attribute of a {type(base).__name__}")
            try:
                return getattr(base, node.attr)
            except AttributeError as error:
                if inspect.ismodule(base) and base.__name__ == "flytekit":
                    raise NotLiteral(f"flytekit.{node.attr}") from error
                owner = base.__name__ if inspect.ismodule(base) else type(base).__module__
                # A partition the device lacks or a missing constant: an invalid reference.
                rules = ["RL012"] if owner == "flytekit.extras.accelerators" else None
                raise Rejected("construction", error, rules) from error
        if isinstance(node, ast.Call):
            function = self(node.func)
            module = getattr(inspect.getmodule(function), "__name__", "")
            if module not in self.ALLOWED_CALL_MODULES:
                raise NotLiteral(f"call to {getattr(function, '__qualname__', function)!r}")
            args = [self(item) for item in node.args if not self._starred(item)]
            if any(keyword.arg is None for keyword in node.keywords):
                raise NotLiteral("** in a call")
            kwargs = {}
            for keyword in node.keywords:
                kwargs[keyword.arg] = self(keyword.value)
            try:
                return function(*args, **kwargs)
            except Exception as error:  # flytekit's own verdict, whatever it is
                raise Rejected("construction", error) from error
        return self._no(node)

    def _starred(self, node):
        if isinstance(node, ast.Starred):
            raise NotLiteral("* in a call or display")
        return False

    def _no(self, node):
        raise NotLiteral(f"{type(node).__name__} expression")

    def _name(self, node):
        name = node.id
        assignments = self.module.assignments.get(name, [])
        if name in self.module.bindings and not assignments:
            value = self.resolve_import(name)
            if value is None:
                raise NotLiteral(f"name {name}")
            return value
        if len(assignments) != 1 or assignments[0][0] is None:
            raise NotLiteral(f"name {name} is not a single module-level constant")
        value_node, statement = assignments[0]
        self.used_lines.update(lines_of(statement))
        return self(value_node)


# --------------------------------------------------------------------------------------------
# Rebuilding with flytekit


class Flytekit:
    """Builds tasks, workflows and resources with the real flytekit, in a scratch module."""

    def __init__(self, scratch):
        logging.disable(logging.WARNING)
        os.environ.setdefault("FLYTE_SDK_LOGGING_LEVEL", "40")
        import flytekit
        from flytekit.configuration import Image, ImageConfig, SerializationSettings
        from flytekit.core.resources import Resources, ResourceSpec
        from flytekit.tools.translator import get_serializable
        from flyteidl.core import tasks_pb2

        self.flytekit = flytekit
        self.Resources = Resources
        self.ResourceSpec = ResourceSpec
        self.get_serializable = get_serializable
        self.resource_name = tasks_pb2.Resources.ResourceName.Name
        self.settings = SerializationSettings(
            image_config=ImageConfig(default_image=Image(name="default", fqn="oracle", tag="v1")),
            project="oracle", domain="development", version="v1")
        # Tasks need a real module file to be named after; it stays empty.
        with open(os.path.join(scratch, "oracle_scratch.py"), "w", encoding="utf-8"):
            pass
        sys.path.insert(0, scratch)
        self.module = importlib.import_module("oracle_scratch")
        self.module._ORACLE_KWARGS = {}
        self.counter = 0
        self.decorators = {id(flytekit.task): "task", id(flytekit.dynamic): "dynamic",
                           id(flytekit.eager): "eager"}
        self.task_parameters = set(inspect.signature(flytekit.task).parameters)
        container = inspect.signature(flytekit.ContainerTask.__init__)
        self.container_parameters = set(container.parameters)
        from flytekit.core.node import Node
        self.override_parameters = set(inspect.signature(Node.with_overrides).parameters)

    def _function(self, name, is_async=False, body="    ..."):
        source = f"{'async ' if is_async else ''}def {name}() -> None:\n{body}\n"
        exec(compile(source, self.module.__file__, "exec"), self.module.__dict__)
        return self.module.__dict__[name]

    def _serialize(self, entity):
        try:
            spec = self.get_serializable(collections.OrderedDict(), self.settings, entity)
            return spec.to_flyte_idl()
        except Exception as error:
            raise Rejected("serialization", error) from error

    def _read(self, resources, extended):
        result = {"requests": {}, "limits": {}}
        for side in ("requests", "limits"):
            for entry in getattr(resources, side):
                name = self.resource_name(entry.name)
                result[side][IDL_NAMES.get(name, name.lower())] = entry.value
        result["accelerator"] = None
        if extended is not None and extended.HasField("gpu_accelerator"):
            gpu = extended.gpu_accelerator
            text = gpu.device
            if gpu.WhichOneof("partition_size_value") == "partition_size":
                text += ":" + gpu.partition_size
            elif gpu.WhichOneof("partition_size_value") == "unpartitioned" and gpu.unpartitioned:
                text += ":unpartitioned"
            result["accelerator"] = text
        return result

    def task(self, decorator, kwargs):
        self.counter += 1
        name = f"oracle_task_{self.counter}"
        function = self._function(name, is_async=decorator is self.flytekit.eager)
        try:
            entity = decorator(**kwargs)(function)
        except Exception as error:
            raise Rejected("decoration", error) from error
        template = self._serialize(entity).template
        if not template.HasField("container"):
            raise NotLiteral("task serialized without a container")
        return self._read(template.container.resources, template.extended_resources)

    def container_task(self, kwargs):
        self.counter += 1
        try:
            entity = self.flytekit.ContainerTask(
                name=f"oracle_container_{self.counter}", image="oracle:v1", command=["true"],
                **kwargs)
        except Exception as error:
            raise Rejected("decoration", error) from error
        template = self._serialize(entity).template
        return self._read(template.container.resources, template.extended_resources)

    def override(self, kwargs):
        self.counter += 1
        number = self.counter
        base = self.flytekit.task(self._function(f"oracle_base_{number}"))
        self.module.__dict__[f"oracle_base_{number}"] = base
        self.module._ORACLE_KWARGS[number] = kwargs
        body = f"    oracle_base_{number}().with_overrides(**_ORACLE_KWARGS[{number}])"
        function = self._function(f"oracle_workflow_{number}", body=body)
        try:
            workflow = self.flytekit.workflow(function)
        except Exception as error:
            raise Rejected("compilation", error) from error
        spec = self._serialize(workflow)
        nodes = [node for node in spec.template.nodes if node.HasField("task_node")]
        overrides = nodes[0].task_node.overrides
        extended = None
        if overrides.HasField("extended_resources"):
            extended = overrides.extended_resources
        return self._read(overrides.resources, extended)

    def resources(self, value):
        """A standalone Resources (split like resourcelint) or ResourceSpec."""
        if isinstance(value, self.Resources):
            value = self.ResourceSpec.from_multiple_resource(value)
        if not isinstance(value, self.ResourceSpec):
            raise NotLiteral(f"a {type(value).__name__}, not Resources or ResourceSpec")
        result = {"requests": {}, "limits": {}, "accelerator": None}
        for side in ("requests", "limits"):
            part = getattr(value, side)
            for field in FIELDS:
                item = getattr(part, field, None)
                if item is not None:
                    result[side][field] = python_text(item)
        return result


def python_text(value):
    """A Python value the way `resourcelint dump` prints it (str() for scalars)."""
    if isinstance(value, (tuple, list)):
        inner = ", ".join(f'"{item}"' if isinstance(item, str) else python_text(item)
                          for item in value)
        if isinstance(value, list):
            return f"[{inner}]"
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    return str(value)


# --------------------------------------------------------------------------------------------
# Matching dump declarations to ast nodes


def find_node(module, declaration):
    line, column, kind = declaration["line"], declaration["column"], declaration["kind"]
    if kind == "task":
        for node in module.nodes():
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for decorator in node.decorator_list:
                    start = module.char_column(decorator.lineno, decorator.col_offset)
                    if decorator.lineno == line and start > column:
                        return decorator, node
        return None, None
    if kind == "override":
        for node in module.nodes():
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "with_overrides" and node.func.end_lineno == line):
                start = node.func.end_col_offset - len("with_overrides")
                if module.char_column(line, start) == column:
                    return node, None
        return None, None
    for node in module.nodes():
        if (isinstance(node, ast.Call) and node.lineno == line
                and module.char_column(line, node.col_offset) == column):
            return node, None
    return None, None


def lines_of(node):
    return set(range(node.lineno, (node.end_lineno or node.lineno) + 1))


# --------------------------------------------------------------------------------------------
# Which rules must fire for which flytekit failure (SEMANTICS.md §1, §2.1, §6)


def expected_rules(error):
    text = f"{type(error).__name__}: {error}"
    checks = [
        (r"can not be used together with the `limits` or `requests`", {"RL013"}),
        (r"can not be a list or tuple", {"RL014"}),
        (r"bad argument type for built-in operation", {"RL005"}),
        (r"has no attribute 'to_flyte_idl'", {"RL012"}),
        (r"should be of type|must be of length 2|unexpected keyword argument"
         r"|positional argument|multiple values for argument|Unrecognized argument"
         r"|must be called with a dataclass|should be specified as flytekit.Resources",
         {"RL015"}),
    ]
    for pattern, rules in checks:
        if re.search(pattern, text):
            return sorted(rules)
    if isinstance(error, AttributeError):
        # Accelerator attributes are classified where they fail (Evaluator); any other missing
        # attribute comes from a wrong object where Resources belongs: a malformed argument.
        return ["RL015"]
    return sorted(CRASH_RULES)


def clean_message(error):
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    text = re.sub(r"oracle_(task|base|workflow|container)_\d+", r"oracle_\1", text)
    text = re.sub(r"0x[0-9a-f]{6,}", "0x…", text)
    return text[:300]


# --------------------------------------------------------------------------------------------
# The comparison


class Oracle:
    def __init__(self, binary, flytekit):
        self.binary = binary
        self.fk = flytekit
        self.sources = {}

    def run(self, *args):
        process = subprocess.run([self.binary, *args], cwd=ROOT, capture_output=True, text=True)
        if process.returncode >= 2 or not process.stdout.strip():
            raise RuntimeError(f"resourcelint {' '.join(args)} failed: {process.stderr.strip()}")
        return json.loads(process.stdout)

    def file(self, path):
        self.sources[path] = fnv1a64(path)
        diagnostics = self.run("check", "--format", "json", "--select", "ALL", path)
        if any(item["rule"] == "RL000" for item in diagnostics):
            return None
        module = Module(os.path.join(ROOT, path))
        # Flyte 2 objects (`"sdk": "flyte"`) belong to scripts/oracle-flyte2/.
        declarations = [item for item in self.run("dump", "--format", "json", path)
                        if item.get("sdk", "flytekit") == "flytekit"]
        records = [self.declaration(module, item, diagnostics) for item in declarations]
        dumped = {(item["line"], item["column"]) for item in declarations if item["kind"] == "task"}
        return records + self.undumped_tasks(path, module, dumped, diagnostics)

    def undumped_tasks(self, path, module, dumped, diagnostics):
        """Task decorators with arguments that the dump does not list (e.g. `request=` typos).

        flytekit may still reject them, and then a rule must say so; if flytekit serializes
        resources for one, resourcelint missed a declaration.
        """
        records = []
        for function in module.nodes():
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in function.decorator_list:
                if not isinstance(node, ast.Call) or not node.keywords:
                    continue
                line = node.lineno
                text = module.lines[line - 1].decode("utf-8", "replace")
                column = module.char_column(line, node.col_offset) - 1
                column = text.rfind("@", 0, column) + 1 if "@" in text[:column] else column
                if (line, column) in dumped:
                    continue
                try:
                    if self.fk.decorators.get(id(Evaluator(module)(node.func))) is None:
                        continue
                except (NotLiteral, Rejected):
                    continue
                item = {"file": path, "line": line, "column": column, "kind": "task",
                        "name": function.name, "requests": {}, "limits": {},
                        "accelerator": None}
                record = self.declaration(module, item, diagnostics)
                record["resourcelint"] = None
                outcome = record.get("flytekit") or {}
                if record["verdict"] == "not-comparable":
                    continue
                if "stage" not in outcome:
                    keys = ("requests", "limits", "accelerator")
                    if not any(outcome.get(key) for key in keys):
                        continue
                    record["verdict"] = "disagree"
                    record["reason"] = ("flytekit serializes resources that resourcelint's "
                                        "dump does not list")
                records.append(record)
        return records

    def declaration(self, module, item, diagnostics):
        ours = {side: {key: value for key, value in item[side].items() if value is not None}
                for side in ("requests", "limits")}
        record = {
            "file": item["file"], "line": item["line"], "column": item["column"],
            "kind": item["kind"], "name": item["name"],
            "resourcelint": {"requests": ours["requests"], "limits": ours["limits"],
                             "accelerator": item["accelerator"]},
        }
        evaluator = Evaluator(module)
        node, function = find_node(module, item)
        try:
            if node is None:
                raise NotLiteral(f"no {item['kind']} construct at this position")
            lines = lines_of(node)
            theirs, dropped, ignored = self.evaluate(item, node, function, evaluator)
        except NotLiteral as reason:
            record["verdict"] = "not-comparable"
            record["reason"] = str(reason)
            return record
        except Rejected as rejection:
            lines = lines_of(node) | evaluator.used_lines
            record["lines"] = sorted(lines)
            expected = rejection.rules or expected_rules(rejection.error)
            seen = sorted({d["rule"] for d in diagnostics
                           if d["severity"] == "error" and d["line"] in lines})
            record["flytekit"] = {"stage": rejection.stage,
                                  "exception": type(rejection.error).__name__,
                                  "message": clean_message(rejection.error)}
            record["rules"] = {"expected": expected, "seen": seen}
            fired = bool(set(expected) & set(seen))
            record["verdict"] = "agree" if fired else "disagree"
            if not fired:
                record["reason"] = f"flytekit rejects it; expected one of {expected} at error level"
            return record
        if any("<dynamic>" in value for side in ours.values() for value in side.values()):
            record["verdict"] = "not-comparable"
            record["reason"] = "resourcelint could not resolve a value"
            record["flytekit"] = theirs
            return record
        record["flytekit"] = theirs
        record["lines"] = sorted(lines)
        if dropped:
            record["dropped_by_flytekit"] = dropped
        expected = {side: {k: v for k, v in ours[side].items() if k not in dropped.get(side, [])}
                    for side in ("requests", "limits")}
        problems = []
        for side in ("requests", "limits"):
            if expected[side] != theirs[side]:
                problems.append(f"{side}: resourcelint {expected[side]} vs flytekit {theirs[side]}")
        if item["kind"] != "resources" and item["accelerator"] != theirs["accelerator"]:
            problems.append(f"accelerator: resourcelint {item['accelerator']!r} "
                            f"vs flytekit {theirs['accelerator']!r}")
        if ignored:
            record["ignored_by_flytekit"] = ignored
        if item["kind"] in ("task", "override", "container-task"):
            false_alarms = sorted({d["rule"] for d in diagnostics
                                   if d["severity"] == "error" and d["rule"] in CRASH_RULES
                                   and d["line"] in lines})
            if false_alarms:
                record["rules"] = {"expected": [], "seen": false_alarms}
                problems.append(f"flytekit accepts it but {false_alarms} report a failure")
            # A silently ignored misspelling is a loss flytekit never reports: RL015 warns.
            misspelt = sorted(set(ignored) & MISSPELT_ARGS)
            warned = any(d["rule"] == "RL015" and d["severity"] == "warning"
                         and d["line"] in lines for d in diagnostics)
            if misspelt and not warned:
                problems.append(f"flytekit silently ignores {misspelt}; no RL015 warning says so")
        record["verdict"] = "disagree" if problems else "agree"
        if problems:
            record["reason"] = "; ".join(problems)
        return record

    def evaluate(self, item, node, function, evaluator):
        kind = item["kind"]
        if kind == "task":
            if not isinstance(node, ast.Call):
                raise NotLiteral("bare decorator")
            decorator = evaluator(node.func)
            label = self.fk.decorators.get(id(decorator))
            if label is None:
                raise NotLiteral("decorator is not flytekit's task, dynamic or eager")
            if label == "eager" and not isinstance(function, ast.AsyncFunctionDef):
                raise NotLiteral("@eager on a plain function")
            kwargs = self.keywords(node, evaluator, known=self.fk.task_parameters)
            result = self.fk.task(decorator, kwargs)
            return result, self.falsy(kwargs), []
        if kind == "container-task":
            function_object = evaluator(node.func)
            if function_object is not self.fk.flytekit.ContainerTask:
                raise NotLiteral("not flytekit's ContainerTask")
            known = self.fk.container_parameters
            kwargs = self.keywords(node, evaluator, known=known)
            # ContainerTask takes **kwargs: a misspelt keyword may be accepted and ignored.
            ignored = sorted(k for k in kwargs if k not in known and k not in RESOURCE_ARGS)
            return self.fk.container_task(kwargs), self.falsy(kwargs), ignored
        if kind == "override":
            kwargs = self.keywords(node, evaluator, known=None)
            # with_overrides takes **kwargs: a misspelt keyword is accepted and ignored.
            ignored = sorted(k.arg for k in node.keywords
                             if k.arg is not None and k.arg not in self.fk.override_parameters)
            return self.fk.override(kwargs), {}, ignored
        if kind == "resources":
            return self.fk.resources(evaluator(node)), {}, []
        raise NotLiteral(f"kind {kind} is not modelled")

    def keywords(self, node, evaluator, known):
        """The resource keywords of a call, plus unknown ones (flytekit rejects those)."""
        if node.args:
            raise NotLiteral("positional arguments")
        kwargs = {}
        for keyword in node.keywords:
            if keyword.arg is None:
                raise NotLiteral("** arguments")
            if keyword.arg in UNMODELLED_ARGS:
                raise NotLiteral(f"{keyword.arg}= is not modelled")
            if keyword.arg in RESOURCE_ARGS:
                kwargs[keyword.arg] = evaluator(keyword.value)
            elif known is not None and keyword.arg not in known:
                try:
                    kwargs[keyword.arg] = evaluator(keyword.value)
                except NotLiteral:
                    kwargs[keyword.arg] = None
        return kwargs

    def falsy(self, kwargs):
        """Fields the container path drops because their value is falsy (SEMANTICS.md §1.4)."""
        dropped = {}
        spec = None
        if isinstance(kwargs.get("resources"), self.fk.Resources):
            spec = self.fk.ResourceSpec.from_multiple_resource(kwargs["resources"])
        for side in ("requests", "limits"):
            source = getattr(spec, side) if spec else kwargs.get(side)
            if isinstance(source, self.fk.Resources):
                values = {f: getattr(source, f) for f in FIELDS}
                fields = [f for f, v in values.items() if v is not None and not v]
                if fields:
                    dropped[side] = fields
        return dropped


# --------------------------------------------------------------------------------------------


def fnv1a64(path):
    """A small content hash the Swift test recomputes to spot fixtures edited since this run."""
    value = 0xCBF29CE484222325
    with open(os.path.join(ROOT, path), "rb") as handle:
        for byte in handle.read():
            value = ((value ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{value:016x}"


def indented(value):
    return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n ")


def load_known(path):
    """Disagreements already reported and awaiting a fix elsewhere, keyed by position."""
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as handle:
        entries = json.load(handle)
    return {(e["file"], e["line"], e["column"], e["kind"]): e["note"] for e in entries}


def python_fixtures(fixtures):
    found = []
    for directory, _, names in os.walk(os.path.join(ROOT, fixtures)):
        for name in names:
            if name.endswith(".py"):
                found.append(os.path.relpath(os.path.join(directory, name), ROOT))
    return sorted(found)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resourcelint", default=os.path.join(ROOT, ".build/debug/resourcelint"))
    parser.add_argument("--out", default=os.path.join(ROOT, "Fixtures/oracle/oracle-results.json"))
    parser.add_argument("--fixtures", default="Fixtures")
    parser.add_argument(
        "--known", default=os.path.join(ROOT, "scripts/oracle/known-disagreements.json"))
    parser.add_argument("--no-fail", action="store_true", help="exit 0 even on disagreements")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="oracle-") as scratch:
        oracle = Oracle(options.resourcelint, Flytekit(scratch))
        records, excluded = [], []
        for path in python_fixtures(options.fixtures):
            result = oracle.file(path)
            if result is None:
                excluded.append(path)
            else:
                records += result

    records.sort(key=lambda r: (r["file"], r["line"], r["column"], r["kind"]))
    known = load_known(options.known)
    resolved = set(known)
    for record in records:
        position = (record["file"], record["line"], record["column"], record["kind"])
        if position in known and record["verdict"] == "disagree":
            record["verdict"] = "known-disagreement"
            record["known"] = known[position]
            resolved.discard(position)
    verdicts = collections.Counter(record["verdict"] for record in records)
    rejected = [r for r in records if "stage" in (r.get("flytekit") or {})]
    summary = {
        "flytekit": "1.16.31",
        "files": len({r["file"] for r in records}),
        "excluded_files": excluded,
        "declarations": len(records),
        "compared": len(records) - verdicts["not-comparable"],
        "agreed": verdicts["agree"],
        "rejected_by_flytekit": len(rejected),
        "rule_fired": sum(1 for r in rejected if r["verdict"] == "agree"),
        "not_comparable": verdicts["not-comparable"],
        "disagreements": verdicts["disagree"],
        "known_disagreements": verdicts["known-disagreement"],
    }
    # One declaration per line: small diffs when a single result changes.
    files = {record["file"] for record in records}
    sources = {path: digest for path, digest in sorted(oracle.sources.items()) if path in files}
    with open(options.out, "w", encoding="utf-8") as handle:
        handle.write('{"summary": ' + indented(summary) + ',\n')
        handle.write(' "sources": ' + indented(sources) + ',\n')
        handle.write(' "declarations": [\n')
        handle.write(",\n".join("  " + json.dumps(r, ensure_ascii=False) for r in records))
        handle.write("\n]}\n")

    for record in records:
        if record["verdict"] == "disagree":
            print(f"{record['file']}:{record['line']}:{record['column']}: {record['kind']} "
                  f"{record['name'] or ''}: {record['reason']}", file=sys.stderr)
        elif record["verdict"] == "known-disagreement":
            print(f"{record['file']}:{record['line']}:{record['column']}: known: "
                  f"{record['known']}", file=sys.stderr)
    for position in sorted(resolved):
        print("{}:{}:{}: {}: listed in known-disagreements.json but agrees now; remove it"
              .format(*position), file=sys.stderr)
    print(json.dumps(summary, indent=1))
    failed = summary["disagreements"] or resolved
    return 1 if failed and not options.no_fail else 0


if __name__ == "__main__":
    sys.exit(main())
