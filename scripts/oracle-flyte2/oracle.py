#!/usr/bin/env python3
"""Prove resourcelint's reading of Flyte 2 declarations equal to the `flyte` SDK's own.

usage: oracle.py [--resourcelint BIN] [--out FILE] [--fixtures DIR] [--no-fail]
       oracle.py --self-test      (the comparison on hand-written dumps; no resourcelint)
       oracle.py --sdk-report     (the SDK's verdict on every construct; no resourcelint)

For every Python file under Fixtures/ that imports `flyte` (Flyte 2; `flytekit` is Flyte 1
and has its own oracle in scripts/oracle/), this script finds each Flyte 2 construct with
Python's `ast` — `TaskEnvironment(...)`, `.clone_with(...)`, `.override(resources=...)` and
any other `Resources(...)` — and rebuilds it with the real SDK, in this process, without
importing the fixture file:

* only literals are evaluated, plus module constants of the same file assigned exactly once
  and calls to the SDK's `Resources`, `GPU`, `TPU`, `Device`, `Neuron`, `AMD_GPU`,
  `HABANA_GAUDI`, `APPLE_SILICON` and `ReusePolicy`; anything else is "not comparable";
* environments, clones and overrides are built with the real `TaskEnvironment`,
  `clone_with`, `env.task` and `override`; their resources are serialised with
  `get_proto_resources` and `get_proto_extended_resources` (the calls the SDK's task
  serialiser makes), and the device is `Resources.get_device()`.

The result is compared with `resourcelint dump --format json` (requests, limits, device, shm,
name, tasks and whether it raises) and with `resourcelint check --format json --select ALL`:
when the SDK raises (at construction or when serialising), an error-level finding must sit on
the declaration's lines; when it does not, no error from a rule that claims the SDK raises
may sit there. Results go to Fixtures/oracle-flyte2/oracle-results.json; the exit status is 1
on any disagreement.
"""
import argparse
import ast
import collections
import json
import logging
import os
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SDK_VERSION = "2.12.1"
RESULTS = "Fixtures/oracle-flyte2/oracle-results.json"
FIELDS = ["cpu", "memory", "gpu", "disk"]
# protobuf ResourceName → the dump's key.
PROTO_NAMES = {"CPU": "cpu", "MEMORY": "memory", "GPU": "gpu", "EPHEMERAL_STORAGE": "disk"}
DYNAMIC = "<dynamic>"
# The SDK callables whose calls are evaluated (all are exported by the `flyte` package).
CALLABLE = {"Resources", "GPU", "TPU", "Device", "Neuron", "AMD_GPU", "HABANA_GAUDI",
            "APPLE_SILICON", "ReusePolicy"}
# Rules whose error findings claim that the SDK raises for a declaration. The Flyte 1 crash
# rules are here because a shared rule (e.g. bare-integer memory) may fire on Flyte 2 too;
# the Flyte 2 rules that claim a raise of a value: RL031 (accelerator), RL033 (override of a
# reusable task), RL034 (pair length), RL036 (value type). RL037 (the environment, clone or
# override call itself: its name, an unknown keyword) is an error too but not listed: a valid
# `Resources(...)` passed through a misspelt `resource=` is a construct of its own on the same
# line, which builds, while the call around it raises.
RAISE_RULES = {"RL005", "RL012", "RL013", "RL014", "RL015", "RL031", "RL033", "RL034", "RL036"}
# A construct that builds but fails when serialised (a Device without a device name, an
# override given a tuple) never deploys: the oracle counts that as raising too.
SERIALISATION_FAILURE_IS_RAISE = True
KINDS = ["environment", "environment-clone", "override", "resources"]


class NotLiteral(Exception):
    """The construct needs more than literals and same-file constants to evaluate."""


class Raised(Exception):
    """The SDK raised while building or serialising the construct."""

    def __init__(self, stage, error):
        super().__init__(stage)
        self.stage, self.error = stage, error

    def describe(self):
        text = str(self.error).strip().splitlines()
        return {"stage": self.stage, "exception": type(self.error).__name__,
                "message": (text[0] if text else "")[:200]}


# --------------------------------------------------------------------------------------------
# Reading the source with ast


class Module:
    """One parsed file: its flyte imports, module-level assignments and functions."""

    def __init__(self, source, path="<fixture>"):
        self.data = source if isinstance(source, bytes) else source.encode("utf-8")
        self.lines = self.data.split(b"\n")
        self.path = path
        self.tree = ast.parse(self.data, filename=path)
        # name → ("module",) for the flyte package itself, or ("name", attribute) for a name
        # imported from it; other imports bind names that never resolve to the SDK.
        self.flyte = {}
        self.other_imports = set()
        self.assignments = collections.defaultdict(list)
        self.functions = {}
        for statement in self.tree.body:
            self._collect(statement)

    def imports_flyte(self):
        return bool(self.flyte) or any(
            isinstance(node, ast.ImportFrom) and _is_flyte(node.module or "")
            for node in ast.walk(self.tree))

    def _collect(self, statement):
        if isinstance(statement, ast.Import):
            for alias in statement.names:
                bound = alias.asname or alias.name.split(".")[0]
                if alias.name == "flyte" or (alias.asname is None and _is_flyte(alias.name)):
                    self.flyte[bound] = ("module",)
                else:
                    self.other_imports.add(bound)
        elif isinstance(statement, ast.ImportFrom):
            for alias in statement.names:
                bound = alias.asname or alias.name
                if statement.level == 0 and statement.module == "flyte":
                    self.flyte[bound] = ("name", alias.name)
                else:
                    self.other_imports.add(bound)
        elif isinstance(statement, ast.Assign):
            single = len(statement.targets) == 1 and isinstance(statement.targets[0], ast.Name)
            for target in statement.targets:
                for name in _target_names(target):
                    self.assignments[name].append(statement.value if single else None)
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            self.assignments[statement.target.id].append(statement.value)
        elif isinstance(statement, ast.AugAssign):
            for name in _target_names(statement.target):
                self.assignments[name].append(None)
        elif isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            self.assignments[statement.name].append(statement)
            self.functions[statement.name] = statement
        elif isinstance(statement, ast.ClassDef):
            self.assignments[statement.name].append(None)
        elif isinstance(statement, (ast.If, ast.Try, ast.For, ast.While, ast.With)):
            # Names bound conditionally are ambiguous: recorded twice, they never resolve.
            for node in ast.walk(statement):
                if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                    self.assignments[node.id] += [None, None]

    def constant(self, name):
        """The single module-level value bound to `name`, or None."""
        values = self.assignments.get(name, [])
        if len(values) != 1 or name in self.flyte or name in self.other_imports:
            return None
        return values[0]

    def sdk_name(self, node):
        """`flyte.X`, `fl.X`, `X` or `Alias` (from flyte import X as Alias) → "X", else None."""
        if isinstance(node, ast.Name):
            binding = self.flyte.get(node.id)
            if binding and binding[0] == "name" and not self.assignments.get(node.id):
                return binding[1]
            return None
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                and self.flyte.get(node.value.id) == ("module",)
                and not self.assignments.get(node.value.id)):
            return node.attr
        return None

    def column(self, lineno, byte_offset):
        """ast columns are UTF-8 byte offsets; resourcelint's are 1-based Unicode scalars."""
        line = self.lines[lineno - 1] if lineno - 1 < len(self.lines) else b""
        return len(line[:byte_offset].decode("utf-8", "replace")) + 1


def _is_flyte(module):
    return module == "flyte" or module.startswith("flyte.")


def _target_names(target):
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, (ast.Tuple, ast.List, ast.Starred)):
        items = target.elts if not isinstance(target, ast.Starred) else [target.value]
        return [name for item in items for name in _target_names(item)]
    return []


def lines_of(node):
    return set(range(node.lineno, (node.end_lineno or node.lineno) + 1))


# --------------------------------------------------------------------------------------------
# The SDK


class SDK:
    """The installed `flyte` package: its constructors and serialisers."""

    def __init__(self):
        logging.disable(logging.WARNING)
        import importlib.metadata

        import flyte
        from flyte._internal.runtime import resources_serde
        from flyteidl2.core import tasks_pb2

        self.version = importlib.metadata.version("flyte")
        self.flyte = flyte
        self.serde = resources_serde
        self.resource_name = tasks_pb2.Resources.ResourceName.Name
        self.callables = {name: getattr(flyte, name) for name in CALLABLE}
        import inspect
        self.env_parameters = set(inspect.signature(flyte.TaskEnvironment).parameters)
        self.clone_parameters = set(inspect.signature(flyte.TaskEnvironment.clone_with).parameters)
        self.clone_parameters |= {"cache", "reusable", "plugin_config"}
        self.override_parameters = set(inspect.signature(flyte.TaskTemplate.override).parameters)
        self.counter = 0

    def new_function(self, is_async=True):
        """A fresh function for `env.task` (the fixture's own function is never imported)."""
        self.counter += 1
        namespace = {}
        keyword = "async def" if is_async else "def"
        exec(f"{keyword} oracle_task_{self.counter}() -> None:\n    ...\n", namespace)
        function = namespace[f"oracle_task_{self.counter}"]
        function.__module__ = "oracle_flyte2_scratch"
        return function

    def serialise(self, resources):
        """What the SDK's task serialiser makes of a `resources` value (None → nothing)."""
        out = {"requests": dict.fromkeys(FIELDS), "limits": dict.fromkeys(FIELDS),
               "device": None, "shm": None}
        if resources is None:
            return out
        try:
            proto = self.serde.get_proto_resources(resources)
            self.serde.get_proto_extended_resources(resources)
            device = resources.get_device()
        except Exception as error:  # the SDK's verdict, whatever it is
            raise Raised("serialisation", error) from error
        if proto is not None:
            for side in ("requests", "limits"):
                for entry in getattr(proto, side):
                    name = self.resource_name(entry.name)
                    out[side][PROTO_NAMES.get(name, name.lower())] = entry.value
        if device is not None:
            out["device"] = {"class": device.device_class, "type": device.device,
                             "quantity": str(device.quantity), "partition": device.partition}
        out["shm"] = resources.shm
        return out


# --------------------------------------------------------------------------------------------
# Evaluating arguments and rebuilding constructs


class Builder:
    """Evaluates a file's literal arguments and builds its constructs with the SDK."""

    def __init__(self, module, sdk):
        self.module, self.sdk = module, sdk
        self.used_lines = set()
        self._depth = 0
        self._environments = {}  # id(call node) → environment or Raised/NotLiteral
        self._tasks = {}

    # Values -----------------------------------------------------------------------------

    def value(self, node):
        self._depth += 1
        try:
            if self._depth > 40:
                raise NotLiteral("nesting too deep")
            return self._value(node)
        finally:
            self._depth -= 1

    def _value(self, node):
        if isinstance(node, (ast.Constant, ast.UnaryOp)):
            try:
                return ast.literal_eval(node)
            except ValueError as error:
                raise NotLiteral(f"{type(node).__name__} expression") from error
        if isinstance(node, ast.Tuple):
            return tuple(self.value(item) for item in self._items(node.elts))
        if isinstance(node, ast.List):
            return [self.value(item) for item in self._items(node.elts)]
        if isinstance(node, ast.Dict):
            if any(key is None for key in node.keys):
                raise NotLiteral("** in a dict")
            return {self.value(k): self.value(v) for k, v in zip(node.keys, node.values)}
        if isinstance(node, ast.Name):
            if node.id == "None":
                return None
            if self.module.sdk_name(node) in CALLABLE:
                return self.sdk.callables[self.module.sdk_name(node)]
            bound = self.module.constant(node.id)
            if bound is None or isinstance(bound, (ast.FunctionDef, ast.AsyncFunctionDef)):
                raise NotLiteral(f"name {node.id} is not a single module-level constant")
            self.used_lines.update(self._statement_lines(node.id))
            return self.value(bound)
        if isinstance(node, ast.Call):
            name = self.module.sdk_name(node.func)
            if name not in CALLABLE:
                raise NotLiteral(f"call to {ast.unparse(node.func)}")
            args, kwargs = self.arguments(node)
            try:
                return self.sdk.callables[name](*args, **kwargs)
            except Exception as error:  # the SDK's verdict, whatever it is
                raise Raised("construction", error) from error
        raise NotLiteral(f"{type(node).__name__} expression")

    def _items(self, items):
        if any(isinstance(item, ast.Starred) for item in items):
            raise NotLiteral("* in a display")
        return items

    def arguments(self, call):
        args = [self.value(item) for item in self._items(call.args)]
        if any(keyword.arg is None for keyword in call.keywords):
            raise NotLiteral("** in a call")
        return args, {keyword.arg: self.value(keyword.value) for keyword in call.keywords}

    def _statement_lines(self, name):
        lines = set()
        for statement in self.module.tree.body:
            targets = []
            if isinstance(statement, ast.Assign):
                targets = [n for t in statement.targets for n in _target_names(t)]
            elif isinstance(statement, ast.AnnAssign):
                targets = _target_names(statement.target)
            if name in targets:
                lines |= lines_of(statement)
        return lines

    # Environments and tasks -------------------------------------------------------------

    def environment_of(self, node):
        """The environment an expression names: a constant bound to a TaskEnvironment or a
        clone_with call. None when it is not statically known."""
        if not isinstance(node, ast.Name):
            return None
        bound = self.module.constant(node.id)
        if not isinstance(bound, ast.Call):
            return None
        if self.module.sdk_name(bound.func) == "TaskEnvironment" or _method(bound, "clone_with"):
            # A parent that raises makes this construct raise: its lines belong to it too.
            self.used_lines.update(self._statement_lines(node.id))
            return self.build_environment(bound)
        return None

    def build_environment(self, call):
        """A TaskEnvironment or clone_with call, built (memoised: a clone builds its parent)."""
        key = id(call)
        if key not in self._environments:
            try:
                if _method(call, "clone_with"):
                    result = self._clone(call)
                else:
                    result = self._environment(call)
            except (NotLiteral, Raised) as failure:
                result = failure
            self._environments[key] = result
        result = self._environments[key]
        if isinstance(result, Exception):
            raise result
        return result

    def _environment(self, call):
        args = [self.value(item) for item in self._items(call.args[:1])]
        if len(call.args) > 1:
            raise NotLiteral("positional arguments after the name")
        kwargs = self._keywords(call, {"name", "resources", "reusable"}, self.sdk.env_parameters)
        if not args and "name" not in kwargs:
            raise NotLiteral("no name")
        try:
            return self.sdk.flyte.TaskEnvironment(*args, **kwargs)
        except Exception as error:  # the SDK's verdict
            raise Raised("construction", error) from error

    def _clone(self, call):
        parent = self.environment_of(call.func.value)
        if parent is None:
            raise NotLiteral("clone of an environment that is not a same-file constant")
        if len(call.args) > 1:
            raise NotLiteral("positional arguments after the name")
        args = [self.value(item) for item in self._items(call.args)]
        wanted = {"name", "resources", "reusable"}
        kwargs = self._keywords(call, wanted, self.sdk.clone_parameters)
        try:
            return parent.clone_with(*args, **kwargs)
        except Exception as error:  # the SDK's verdict
            raise Raised("construction", error) from error

    def _keywords(self, call, wanted, known):
        """The keywords that matter (evaluated), plus unknown ones so that the SDK rejects
        them as it would; other known keywords (image, cache, ...) are left out."""
        kwargs = {}
        for keyword in call.keywords:
            if keyword.arg is None:
                raise NotLiteral("** in a call")
            if keyword.arg in wanted:
                kwargs[keyword.arg] = self.value(keyword.value)
            elif keyword.arg not in known:
                try:
                    kwargs[keyword.arg] = self.value(keyword.value)
                except NotLiteral:
                    kwargs[keyword.arg] = None
        return kwargs

    def task_of(self, node):
        """The task a receiver names: a module-level function decorated `@env.task`."""
        if not isinstance(node, ast.Name):
            return None
        function = self.module.constant(node.id)
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return None
        for decorator in function.decorator_list:
            target = decorator.func if isinstance(decorator, ast.Call) else decorator
            if isinstance(target, ast.Attribute) and target.attr == "task":
                environment = self.environment_of(target.value)
                if environment is None:
                    return None
                if id(function) not in self._tasks:
                    is_async = isinstance(function, ast.AsyncFunctionDef)
                    try:
                        self._tasks[id(function)] = environment.task(
                            self.sdk.new_function(is_async))
                    except Exception as error:  # the SDK's verdict
                        raise Raised("decoration", error) from error
                return self._tasks[id(function)]
        return None

    # Constructs -------------------------------------------------------------------------

    def build(self, construct):
        """The SDK's view of a construct: (resources value, assumptions)."""
        call, kind = construct.node, construct.kind
        if kind == "resources":
            return self.value(call), []
        if kind in ("environment", "environment-clone"):
            return self.build_environment(call).resources, []
        # An override: on the task the receiver names, or on a task of a plain environment
        # when the receiver is not known (then whether a reuse policy forbids it is unknown).
        assumptions = []
        task = self.task_of(call.func.value)
        if task is None:
            assumptions.append("receiver")
            environment = self.sdk.flyte.TaskEnvironment(name="oracle-receiver")
            task = environment.task(self.sdk.new_function())
        if call.args:
            raise NotLiteral("positional arguments")
        kwargs = self._keywords(call, {"resources", "reusable"}, self.sdk.override_parameters)
        try:
            return task.override(**kwargs).resources, assumptions
        except Exception as error:  # the SDK's verdict
            raise Raised("construction", error) from error


def _method(call, name):
    return isinstance(call.func, ast.Attribute) and call.func.attr == name


# --------------------------------------------------------------------------------------------
# Finding constructs


class Construct:
    def __init__(self, module, node, kind):
        self.node, self.kind = node, kind
        self.line = node.lineno
        # Where the call starts, and where the method name starts (clone_with/override).
        self.columns = {module.column(node.lineno, node.col_offset)}
        if isinstance(node.func, ast.Attribute) and kind in ("environment-clone", "override"):
            end = node.func.end_col_offset - len(node.func.attr)
            if node.func.end_lineno == node.lineno:
                self.columns.add(module.column(node.lineno, end))
        self.column = min(self.columns)
        self.name = None
        self.tasks = []


def find_constructs(module):
    """Every Flyte 2 construct of the file, in source order."""
    constructs, attached = [], set()
    calls = sorted((n for n in ast.walk(module.tree) if isinstance(n, ast.Call)),
                   key=lambda n: (n.lineno, n.col_offset))
    for call in calls:
        kind = None
        if module.sdk_name(call.func) == "TaskEnvironment":
            kind = "environment"
        elif _method(call, "clone_with"):
            kind = "environment-clone"
        elif _method(call, "override") and any(k.arg == "resources" for k in call.keywords):
            kind = "override"
        if kind is None:
            continue
        for keyword in call.keywords:
            if keyword.arg == "resources":
                attached.add(id(keyword.value))
        constructs.append(Construct(module, call, kind))
    for call in calls:
        if module.sdk_name(call.func) == "Resources" and id(call) not in attached:
            constructs.append(Construct(module, call, "resources"))
    constructs.sort(key=lambda c: (c.line, c.column))
    _names_and_tasks(module, constructs)
    return constructs


def _names_and_tasks(module, constructs):
    """Environment names (literal `name=` or first positional) and their `@env.task`s."""
    variables = {}
    for statement in module.tree.body:
        if (isinstance(statement, ast.Assign) and len(statement.targets) == 1
                and isinstance(statement.targets[0], ast.Name)):
            variables[id(statement.value)] = statement.targets[0].id
    functions = sorted((f for f in ast.walk(module.tree)
                        if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))),
                       key=lambda f: f.lineno)
    for construct in constructs:
        call = construct.node
        if construct.kind == "override":
            receiver = call.func.value
            construct.name = receiver.id if isinstance(receiver, ast.Name) else None
            continue
        if construct.kind == "resources":
            continue
        name_node = next((k.value for k in call.keywords if k.arg == "name"),
                         call.args[0] if call.args else None)
        if isinstance(name_node, ast.Constant) and isinstance(name_node.value, str):
            construct.name = name_node.value
        variable = variables.get(id(call))
        if variable is None or module.constant(variable) is not call:
            continue
        for function in functions:
            for decorator in function.decorator_list:
                target = decorator.func if isinstance(decorator, ast.Call) else decorator
                if (isinstance(target, ast.Attribute) and target.attr == "task"
                        and isinstance(target.value, ast.Name) and target.value.id == variable):
                    construct.tasks.append(function.name)
                    break


# --------------------------------------------------------------------------------------------
# The SDK's verdict on one construct


def sdk_verdict(builder, construct):
    """{"raises": ...} or {"requests", "limits", "device", "shm"}; NotLiteral propagates."""
    builder.used_lines = set()
    try:
        resources, assumptions = builder.build(construct)
        # override() takes any value for resources=; the serialiser is where a tuple fails.
        result = builder.sdk.serialise(resources)
    except Raised as raised:
        if raised.stage == "serialisation" and not SERIALISATION_FAILURE_IS_RAISE:
            raise NotLiteral(f"serialisation fails: {raised.error}") from raised
        return {"raises": raised.describe()}, lines_of(construct.node) | builder.used_lines, []
    result["raises"] = None
    return result, lines_of(construct.node) | builder.used_lines, assumptions


# --------------------------------------------------------------------------------------------
# The comparison (pure: the dump and the diagnostics are data)


def compare(construct, sdk, lines, assumptions, dumped, diagnostics, raise_rules):
    """The verdict for one construct against its dump object (or None) and the findings."""
    node_lines = lines_of(construct.node)
    # `lines` (the construct and the constants it uses) must carry an error when the SDK
    # raises; `end_line` bounds the construct itself, where no raise rule may fire otherwise.
    record = {"line": construct.line, "column": construct.column, "kind": construct.kind,
              "name": construct.name, "end_line": max(node_lines), "lines": sorted(lines),
              "sdk": sdk}
    if assumptions:
        record["assumed"] = assumptions
    problems = []
    if dumped is None:
        record["resourcelint"] = None
        record["verdict"] = "disagree"
        record["reason"] = "resourcelint's dump does not list this construct"
        return record
    ours = {key: dumped.get(key) for key in
            ("column", "name", "tasks", "requests", "limits", "device", "shm", "raises")}
    record["resourcelint"] = ours
    errors = sorted({d["rule"] for d in diagnostics
                     if d.get("severity") == "error" and d.get("line") in lines})
    if sdk["raises"] is not None:
        # Values are not compared; the dump must say it raises and a rule must say so.
        record["rules"] = {"expected": "any error", "seen": errors}
        if ours["raises"] is None:
            problems.append(f"the SDK raises ({sdk['raises']['message']}); dump says it does not")
        if not errors:
            problems.append("the SDK raises; no error-level finding on the declaration's lines")
    else:
        values = [ours["requests"], ours["limits"], ours["device"], ours["shm"]]
        if _has_dynamic(values):
            record["verdict"] = "not-comparable"
            record["reason"] = "resourcelint could not resolve a value"
            return record
        if "receiver" not in assumptions:
            if ours["raises"] is not None:
                problems.append(f"the SDK builds it; dump says it raises ({ours['raises']})")
            alarms = sorted({d["rule"] for d in diagnostics
                             if d.get("severity") == "error" and d.get("rule") in raise_rules
                             and d.get("line") in node_lines})
            if alarms:
                record["rules"] = {"expected": [], "seen": alarms}
                problems.append(f"the SDK builds it but {alarms} report that it raises")
        for side in ("requests", "limits"):
            theirs = sdk[side]
            mine = {key: (ours[side] or {}).get(key) for key in FIELDS}
            if mine != theirs:
                problems.append(f"{side}: resourcelint {_short(mine)} vs SDK {_short(theirs)}")
        if ours["device"] != sdk["device"]:
            problems.append(f"device: resourcelint {ours['device']} vs SDK {sdk['device']}")
        if ours["shm"] != sdk["shm"]:
            problems.append(f"shm: resourcelint {ours['shm']!r} vs SDK {sdk['shm']!r}")
    if construct.name is not None and ours["name"] != construct.name:
        problems.append(f"name: resourcelint {ours['name']!r} vs {construct.name!r}")
    if construct.kind in ("environment", "environment-clone"):
        if (ours["tasks"] or []) != construct.tasks:
            problems.append(f"tasks: resourcelint {ours['tasks']} vs {construct.tasks}")
    record["verdict"] = "disagree" if problems else "agree"
    if problems:
        record["reason"] = "; ".join(problems)
    return record


def _has_dynamic(value):
    if isinstance(value, dict):
        return any(_has_dynamic(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_dynamic(v) for v in value)
    return value == DYNAMIC


def _short(values):
    return {key: value for key, value in values.items() if value is not None}


def analyse(module, sdk, dump, diagnostics, raise_rules, path="<fixture>"):
    """Every construct of one file against its dump objects: a list of records."""
    constructs = find_constructs(module)
    builder = Builder(module, sdk)
    flyte2 = [item for item in dump if item.get("sdk") == "flyte"]
    by_position = collections.defaultdict(list)
    for item in flyte2:
        by_position[(item.get("line"), item.get("column"), item.get("kind"))].append(item)
    records = []
    for construct in constructs:
        dumped = None
        for column in sorted(construct.columns):
            candidates = by_position.get((construct.line, column, construct.kind))
            if candidates:
                dumped = candidates.pop(0)
                break
        try:
            verdict, lines, assumptions = sdk_verdict(builder, construct)
        except NotLiteral as reason:
            record = {"line": construct.line, "column": construct.column,
                      "kind": construct.kind, "name": construct.name,
                      "verdict": "not-comparable", "reason": str(reason),
                      "resourcelint": None if dumped is None else {
                          key: dumped.get(key) for key in ("requests", "limits", "raises")}}
            records.append({"file": path, **record})
            continue
        record = compare(construct, verdict, lines, assumptions, dumped, diagnostics,
                         raise_rules)
        records.append({"file": path, **record})
    for (line, column, kind), items in sorted(by_position.items(), key=lambda e: str(e[0])):
        for item in items:
            records.append({"file": path, "line": line, "column": column, "kind": kind,
                            "name": item.get("name"), "sdk": None, "resourcelint": item,
                            "verdict": "disagree",
                            "reason": "dump lists a Flyte 2 construct the oracle does not find"})
    return records


# --------------------------------------------------------------------------------------------
# Running resourcelint over the fixtures


def fnv1a64(data):
    """The content hash OracleFlyte2Tests recomputes to spot fixtures edited since this run."""
    value = 0xCBF29CE484222325
    for byte in data:
        value = ((value ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{value:016x}"


def flyte_fixtures(fixtures):
    """Python fixtures that import the Flyte 2 SDK (whatever else they import)."""
    found = []
    for directory, _, names in os.walk(os.path.join(ROOT, fixtures)):
        for name in names:
            if not name.endswith(".py"):
                continue
            path = os.path.relpath(os.path.join(directory, name), ROOT)
            try:
                module = Module(open(os.path.join(ROOT, path), "rb").read(), path)
            except (SyntaxError, ValueError):
                continue
            if module.imports_flyte():
                found.append(path)
    return sorted(found)


def run(binary, *args):
    process = subprocess.run([binary, *args], cwd=ROOT, capture_output=True, text=True)
    if process.returncode >= 2 or not process.stdout.strip():
        raise RuntimeError(f"resourcelint {' '.join(args)} failed: {process.stderr.strip()}")
    return json.loads(process.stdout)


def write_results(out, summary, sources, records):
    def indented(value):
        return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n ")

    # One declaration per line: small diffs when a single result changes.
    with open(out, "w", encoding="utf-8") as handle:
        handle.write('{"summary": ' + indented(summary) + ',\n')
        handle.write(' "sources": ' + indented(sources) + ',\n')
        handle.write(' "declarations": [\n')
        handle.write(",\n".join("  " + json.dumps(r, ensure_ascii=False) for r in records))
        handle.write("\n]}\n")


def summarise(records, sdk_version, excluded):
    verdicts = collections.Counter(r["verdict"] for r in records)
    raised = [r for r in records if (r.get("sdk") or {}).get("raises")]
    return {
        "flyte": sdk_version,
        "files": len({r["file"] for r in records}),
        "excluded_files": excluded,
        "declarations": len(records),
        "by_kind": dict(sorted(collections.Counter(r["kind"] for r in records).items())),
        "compared": len(records) - verdicts["not-comparable"],
        "agreed": verdicts["agree"],
        "raised_by_sdk": len(raised),
        "built_by_sdk": sum(1 for r in records if r.get("sdk") and not r["sdk"]["raises"]),
        "not_comparable": verdicts["not-comparable"],
        "disagreements": verdicts["disagree"],
        "raise_rules": sorted(RAISE_RULES),
    }


def oracle(options):
    sdk = SDK()
    if sdk.version != SDK_VERSION:
        print(f"oracle.py: flyte {sdk.version} installed, {SDK_VERSION} expected "
              "(run scripts/oracle-flyte2/setup.sh)", file=sys.stderr)
        return 2
    records, excluded, sources = [], [], {}
    for path in flyte_fixtures(options.fixtures):
        data = open(os.path.join(ROOT, path), "rb").read()
        sources[path] = fnv1a64(data)
        diagnostics = run(options.resourcelint, "check", "--format", "json", "--select", "ALL",
                          path)
        if any(item["rule"] == "RL000" for item in diagnostics):
            excluded.append(path)
            continue
        dump = run(options.resourcelint, "dump", "--format", "json", path)
        records += analyse(Module(data, path), sdk, dump, diagnostics, RAISE_RULES, path)
    records.sort(key=lambda r: (r["file"], r["line"], r["column"], r["kind"]))
    summary = summarise(records, sdk.version, excluded)
    files = {record["file"] for record in records}
    write_results(options.out, summary, {p: h for p, h in sources.items() if p in files},
                  records)
    shown = 0
    for record in records:
        if record["verdict"] == "disagree":
            shown += 1
            if shown <= options.show:
                print(f"{record['file']}:{record['line']}:{record['column']}: {record['kind']} "
                      f"{record['name'] or ''}: {record['reason']}", file=sys.stderr)
    if shown > options.show:
        print(f"... and {shown - options.show} more disagreements (see {options.out})",
              file=sys.stderr)
    print(json.dumps(summary, indent=1))
    return 1 if summary["disagreements"] and not options.no_fail else 0


# --------------------------------------------------------------------------------------------
# Self-checks that need no resourcelint


def sdk_report(options):
    """The SDK's verdict on every construct of the fixtures (no comparison)."""
    sdk = SDK()
    counts = collections.Counter()
    for path in flyte_fixtures(options.fixtures):
        module = Module(open(os.path.join(ROOT, path), "rb").read(), path)
        builder = Builder(module, sdk)
        for construct in find_constructs(module):
            try:
                verdict, _, _ = sdk_verdict(builder, construct)
            except NotLiteral as reason:
                counts[(construct.kind, "not-comparable")] += 1
                print(f"{path}:{construct.line}:{construct.column}: {construct.kind}: "
                      f"not comparable ({reason})")
                continue
            if verdict["raises"]:
                counts[(construct.kind, "raises")] += 1
                text = "raises {stage}: {exception}: {message}".format(**verdict["raises"])
            else:
                counts[(construct.kind, "builds")] += 1
                text = "builds " + json.dumps({k: _short(verdict[k]) if k in ("requests",
                                               "limits") else verdict[k]
                                               for k in ("requests", "limits", "device", "shm")})
            print(f"{path}:{construct.line}:{construct.column}: {construct.kind}: {text}")
    total = collections.Counter()
    for (kind, outcome), count in sorted(counts.items()):
        total[outcome] += count
        print(f"{kind:18} {outcome:15} {count}", file=sys.stderr)
    print(f"{'total':18} {sum(total.values())} constructs: {total['builds']} build, "
          f"{total['raises']} raise, {total['not-comparable']} not comparable", file=sys.stderr)
    return 0


SELF_TEST_SOURCE = '''import flyte
from flyte import Resources as R

CPU = 2
env = flyte.TaskEnvironment(name="trainer", resources=flyte.Resources(cpu=(1, CPU), memory="2Gi",
                                                                      gpu="A100 80G:2", shm="auto"))


@env.task
async def train() -> None:
    ...


@env.task(cache="auto")
def evaluate() -> None:
    ...


bad = R(memory=1024)
gpu = R(gpu=flyte.GPU("A100", 1, "1g.5gb"))
clone = env.clone_with("clone")
o = train.override(resources=R(cpu="500m"))
unknown = R(cpu=some_function())
'''


def _fake(line, column, kind, name=None, tasks=(), requests=None, limits=None, device=None,
          shm=None, raises=None):
    empty = dict.fromkeys(FIELDS)
    return {"file": "t.py", "line": line, "column": column, "source": "python", "sdk": "flyte",
            "kind": kind, "name": name, "tasks": list(tasks),
            "requests": {**empty, **(requests or {})}, "limits": {**empty, **(limits or {})},
            "shm": shm, "device": device, "raises": raises}


def self_test(_options):
    """The comparison against hand-written dumps, and some SDK verdicts, checked."""
    sdk = SDK()
    module = Module(SELF_TEST_SOURCE)
    a100 = {"class": "GPU", "type": "A100_80G", "quantity": "2", "partition": None}
    mig = {"class": "GPU", "type": "A100", "quantity": "1", "partition": "1g.5gb"}
    good = [
        _fake(5, 7, "environment", "trainer", ["train", "evaluate"],
              {"cpu": "1", "memory": "2Gi", "gpu": "2"}, {"cpu": "2"}, a100, "auto"),
        _fake(19, 7, "resources", raises="memory must be a quantity string, not int"),
        _fake(20, 7, "resources", requests={"gpu": "1"}, device=mig),
        _fake(21, 9, "environment-clone", "clone", [], {"cpu": "1", "memory": "2Gi",
              "gpu": "2"}, {"cpu": "2"}, a100, "auto"),
        _fake(22, 5, "override", "train", requests={"cpu": "500m"}),
        _fake(23, 11, "resources", requests={"cpu": DYNAMIC}),
    ]
    error_19 = [{"rule": "RL005", "severity": "error", "line": 19, "column": 7}]
    failures = []

    def expect(label, dump, diagnostics, verdicts):
        records = analyse(module, sdk, dump, diagnostics, RAISE_RULES, "t.py")
        got = [(r["line"], r["kind"], r["verdict"]) for r in records]
        if got != verdicts:
            failures.append(f"{label}: expected {verdicts}\n  got {got}\n  " + "\n  ".join(
                r.get("reason", "") for r in records))

    expected = [(5, "environment", "agree"), (19, "resources", "agree"),
                (20, "resources", "agree"), (21, "environment-clone", "agree"),
                (22, "override", "agree"), (23, "resources", "not-comparable")]
    expect("all agree", good, error_19, expected)
    # The method-name column is accepted for clone_with/override as well as the call start.
    moved = [dict(item) for item in good]
    moved[3]["column"], moved[4]["column"] = 13, 11
    expect("method columns", moved, error_19, expected)

    def changed(index, verdict, **fields):
        dump = [dict(item) for item in good]
        dump[index] = {**dump[index], **fields}
        result = list(expected)
        result[index] = (result[index][0], result[index][1], verdict)
        return dump, result

    dump, result = changed(0, "disagree", limits={**good[0]["limits"], "cpu": "1"})
    expect("limit differs", dump, error_19, result)
    dump, result = changed(0, "disagree", tasks=["train"])
    expect("task missing", dump, error_19, result)
    dump, result = changed(0, "disagree", device={**a100, "type": "A100 80G"})
    expect("alias not normalised", dump, error_19, result)
    dump, result = changed(0, "disagree", shm=None)
    expect("shm missing", dump, error_19, result)
    dump, result = changed(1, "disagree", raises=None)
    expect("raise missed", dump, error_19, result)
    expect("raise without a finding", good, [], [
        (19, "resources", "disagree") if e[0] == 19 else e for e in expected])
    dump, result = changed(2, "disagree", raises="partition")
    expect("false raise", dump, error_19, result)
    alarm = error_19 + [{"rule": "RL015", "severity": "error", "line": 20, "column": 7}]
    dump, result = changed(2, "disagree")
    expect("false alarm finding", good, alarm, result)
    dump, result = changed(4, "disagree", name="evaluate")
    expect("override name", dump, error_19, result)
    expect("missing construct", good[1:], error_19,
           [(5, "environment", "disagree")] + expected[1:])
    extra = good + [_fake(3, 1, "resources", requests={"cpu": "2"})]
    expect("extra construct", extra, error_19, expected + [(3, "resources", "disagree")])
    flytekit = good + [{**_fake(3, 1, "resources"), "sdk": "flytekit"}]
    expect("flytekit objects ignored", flytekit, error_19, expected)

    # The SDK side: verdicts the contract (and the SDK source) fix.
    cases = {
        'R(memory=1024)': "raises",
        'R(gpu="A100")': "raises",
        'R(gpu="A100:9")': "raises",
        'R(gpu="a100:1")': "raises",
        'R(cpu=(1, None))': "raises",
        'R(cpu=[1, 2])': "raises",
        'R(gpu=-1)': "raises",
        'R(gpu=flyte.GPU("T4 shared", 1, "1g.5gb"))': "raises",
        'R(gpu=flyte.GPU("A100", 1, "1g.10gb"))': "raises",
        'R(gpu=flyte.Device(quantity=1, device_class="GPU"))': "raises",
        'R(mem="1Gi")': "raises",
        'R(memory="1GB")': {"requests": {"memory": "1GB"}},
        'R(cpu=0.5, gpu=0)': {"requests": {"cpu": "0.5"}, "device": None},
        'R(cpu=True)': {"requests": {"cpu": "True"}},
        'R(gpu=True)': {"requests": {"gpu": "True"}},
        'R(gpu="A100 80G:1")': {"device": {"class": "GPU", "type": "A100_80G",
                                           "quantity": "1", "partition": None}},
        'R(gpu="AppleSilicon")': {"device": {"class": "APPLE_SILICON", "type": "AppleSilicon",
                                             "quantity": "1", "partition": None}},
        'R(gpu=flyte.GPU("T4", 1, "1g.5gb"))': {"device": {"class": "GPU", "type": "T4",
                                                          "quantity": "1",
                                                          "partition": "1g.5gb"}},
        'R(gpu=flyte.TPU("V5P", "2x2x1"))': {"requests": {"gpu": "1"}},
        'R(gpu=4, disk="10Gi", shm="auto")': {"requests": {"gpu": "4", "disk": "10Gi"},
                                             "device": {"class": "GPU", "type": None,
                                                        "quantity": "4", "partition": None},
                                             "shm": "auto"},
        'R(memory=("1Gi", "2Gi"))': {"requests": {"memory": "1Gi"},
                                     "limits": {"memory": "2Gi"}},
    }
    source = "import flyte\nfrom flyte import Resources as R\n" + "\n".join(
        f"x{i} = {case}" for i, case in enumerate(cases))
    sdk_module = Module(source)
    builder = Builder(sdk_module, sdk)
    for construct, (case, want) in zip(find_constructs(sdk_module), cases.items()):
        verdict, _, _ = sdk_verdict(builder, construct)
        if want == "raises":
            if not verdict["raises"]:
                failures.append(f"SDK: {case} should raise; it builds {verdict}")
            continue
        if verdict["raises"]:
            failures.append(f"SDK: {case} should build; it raises {verdict['raises']}")
            continue
        for key, value in want.items():
            got = _short(verdict[key]) if key in ("requests", "limits") else verdict[key]
            if got != value:
                failures.append(f"SDK: {case} {key}: expected {value}, got {got}")
    for failure in failures:
        print("FAIL " + failure, file=sys.stderr)
    print(f"oracle.py --self-test: {len(failures)} failures")
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resourcelint", default=os.path.join(ROOT, ".build/debug/resourcelint"))
    parser.add_argument("--out", default=os.path.join(ROOT, RESULTS))
    parser.add_argument("--fixtures", default="Fixtures")
    parser.add_argument("--show", type=int, default=40, help="disagreements to print")
    parser.add_argument("--no-fail", action="store_true", help="exit 0 even on disagreements")
    parser.add_argument("--self-test", action="store_true")
    parser.add_argument("--sdk-report", action="store_true")
    options = parser.parse_args()
    if options.self_test:
        return self_test(options)
    if options.sdk_report:
        return sdk_report(options)
    return oracle(options)


if __name__ == "__main__":
    sys.exit(main())
