"""Mutation testing of the legal core: ``make mutation [MODULES="reports/deadlines.py ..."]``.

Not part of ``make test``. For each module, one at a time:

1. mutmut (3.x) mutates the code inside its functions and runs, per mutant, only the tests
   of that module's selection that call the mutated function (mutmut records this in a
   first, clean run). It works in a scratch copy under ``var/mutation/<module>/``, never
   in the source tree.
2. mutmut leaves module-level code alone, and in the legal core that is where the rules
   are: the periods, thresholds and tables. So this script mutates those too, one mutant
   per change (a number one up and one down, a plain string constant, one element left
   out of a set, tuple, list or dict), and runs the module's tests against each in a
   fresh pytest process.

Per module it prints mutants, killed, timeout, survived, equivalent and the kill
percentage ``(killed + timeout) / (mutants - equivalent)``; it lists every survivor. A
survivor that is listed, with its reason, in ``docs/mutation-equivalents.md`` counts as
equivalent. The exit status is 1 when any module is under the threshold (90 %).

Modules are paths under ``src/open_integriteit/``. A module that does not exist is skipped
with a line saying so. The tests per module come from ``TESTS`` below, or from the
``--tests`` option, or else are the ``tests/`` package of the module's app.
"""

from __future__ import annotations

import argparse
import ast
import copy
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "open_integriteit"
WORK = ROOT / "var" / "mutation"
EQUIVALENTS = ROOT / "docs" / "mutation-equivalents.md"
THRESHOLD = 90.0

# The legal core and the tests that pin each module's rules. Tests listed here should not
# need the database: a mutant then costs a fraction of a second instead of a migration run.
# Retention, the anonymity check and the access rules are being moved (to a retention app,
# core/anonymity.py and one access module): point their rows at the new paths and their
# rule tests when they land; until then a missing module is skipped with a line saying so.
TESTS: dict[str, list[str]] = {
    "reports/deadlines.py": ["reports/tests/test_deadline_rules.py"],
    "reports/receipts.py": ["reports/tests/test_receipt_rules.py"],
    "cases/workflow.py": ["cases/tests/test_workflow_rules.py", "cases/tests/test_workflow_records.py"],
    "cases/retention.py": ["cases/tests/test_retention_rules.py", "cases/tests/test_retention.py"],
    "retention/registry.py": ["retention/tests/test_registry_rules.py"],
    "core/anonymity.py": ["core/tests/test_anonymity_rules.py"],
    "access/roles.py": ["access/tests/test_rules_roles.py"],
    "access/reports.py": ["access/tests/test_rules_reports.py"],
    "access/cases.py": ["access/tests/test_rules_cases.py"],
    "access/implications.py": ["access/tests/test_rules_cases.py"],
}
LEGAL_CORE = list(TESTS)

KILLED, TIMEOUT, SURVIVED = "killed", "timeout", "survived"

# mutmut stops a mutant after (estimated + constant) x 15 seconds, its estimate being the
# test calls alone: a selection with database tests also creates the test database (5-30 s
# on a busy machine), so with mutmut's constant of 1 s such a mutant "timed out" (and counts
# as killed) when the machine was merely busy. 30 s covers the database.
TIMEOUT_CONSTANT = 30


@dataclass
class Outcome:
    module: str
    status: dict[str, str] = field(default_factory=dict)  # mutant id -> killed / timeout / survived / ...
    equivalent: dict[str, str] = field(default_factory=dict)  # surviving mutant id -> reason
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for s in self.status.values() if s == status)

    @property
    def survivors(self) -> list[str]:
        return sorted(m for m, s in self.status.items() if s not in (KILLED, TIMEOUT) and m not in self.equivalent)

    @property
    def score(self) -> float:
        relevant = len(self.status) - len(self.equivalent)
        return 100.0 * (self.count(KILLED) + self.count(TIMEOUT)) / relevant if relevant else 100.0


def read_equivalents() -> dict[str, str]:
    """``| `mutant id` | reason |`` rows of docs/mutation-equivalents.md."""
    if not EQUIVALENTS.exists():
        return {}
    rows = re.findall(r"^\|\s*`([^`]+)`\s*\|\s*(.+?)\s*\|\s*$", EQUIVALENTS.read_text(encoding="utf-8"), re.M)
    return dict(rows)


# mutmut forks its workers from one process whose settings already name the SQLite test
# database (after the process id, when the settings load): without this, two workers
# create and drop the same file under each other and every database test fails, which
# counts as killed. Added to the scratch copy's conftest.py only.
WORKER_DATABASE = """

import os as _os
import re as _re

import pytest as _pytest


@_pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    from django.conf import settings

    test = settings.DATABASES["default"].get("TEST") or {}
    if test.get("NAME") and str(settings.DATABASES["default"]["ENGINE"]).endswith("sqlite3"):
        test["NAME"] = _re.sub(r"(_\\d+)?\\.sqlite3$", f"_{_os.getpid()}.sqlite3", test["NAME"])
"""


def prepare(workdir: Path) -> None:
    """A scratch project: the repository's settings files and a copy of ``src``."""
    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    conftest = (ROOT / "conftest.py").read_text(encoding="utf-8")
    (workdir / "conftest.py").write_text(conftest + WORKER_DATABASE, encoding="utf-8")
    shutil.copytree(ROOT / "src", workdir / "src", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


def pyproject(module_path: str, tests: list[str], jobs: int) -> str:
    def toml_list(items: list[str]) -> str:
        return json.dumps(items)  # a JSON list of strings is a TOML array

    mutmut = f"""
[tool.mutmut]
source_paths = ["src"]
only_mutate = {toml_list([module_path])}
also_copy = ["conftest.py"]
pytest_add_cli_args = {toml_list(["-p", "no:cacheprovider", "-m", "not browser"])}
pytest_add_cli_args_test_selection = {toml_list(tests)}
timeout_constant = {TIMEOUT_CONSTANT}
"""
    return (ROOT / "pyproject.toml").read_text(encoding="utf-8") + mutmut


def run_mutmut(workdir: Path, jobs: int) -> dict[str, str]:
    mutmut = [sys.executable, "-m", "mutmut"]
    log = workdir / "mutmut.log"
    with log.open("w") as out:
        done = subprocess.run([*mutmut, "run", "--max-children", str(jobs)], cwd=workdir, stdout=out, stderr=out)
    if done.returncode != 0:
        print(log.read_text()[-3000:])
        raise SystemExit(f"mutmut failed (exit {done.returncode}); the whole log is in {log}")
    listed = subprocess.run([*mutmut, "results", "--all", "true"], cwd=workdir, capture_output=True, text=True)
    status = {}
    for line in listed.stdout.splitlines():
        name, sep, result = line.strip().rpartition(": ")
        if sep and "__mutmut_" in name:
            status[name] = result.strip()
    return status


# --- module-level mutants (mutmut leaves these alone) ---------------------------------


def _module_level_mutants(source: str, dotted: str) -> Iterator[tuple[str, str]]:
    """(mutant id, mutated source) for the constants and literal tables at module level."""
    tree = ast.parse(source)
    for index, statement in enumerate(tree.body):
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target = statement.targets[0]
        elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
            target = statement.target
        else:
            continue
        if not isinstance(target, ast.Name) or target.id.startswith("__"):
            continue  # unpacking and dunders: a change would only break the import
        assert statement.value is not None
        if _is_type_alias(statement):
            continue  # ``NameSource = Callable[[int], ...]``: a type for annotations, no rule
        for number, (change, mutated_value) in enumerate(_value_mutants(statement.value), start=1):
            mutated_tree = copy.deepcopy(tree)
            mutated_statement = mutated_tree.body[index]
            assert isinstance(mutated_statement, ast.Assign | ast.AnnAssign)
            mutated_statement.value = mutated_value
            yield f"{dotted}.{target.id}__constant_{number} ({change})", ast.unparse(mutated_tree)


_TYPING_NAMES = {
    "Callable", "Iterable", "Iterator", "Mapping", "Sequence", "Optional", "Union", "Literal", "Any",
    "dict", "list", "tuple", "set", "frozenset", "type",
}  # fmt: skip


def _is_type_alias(statement: ast.Assign | ast.AnnAssign) -> bool:
    if isinstance(statement, ast.AnnAssign) and ast.unparse(statement.annotation).endswith("TypeAlias"):
        return True
    value = statement.value
    if isinstance(value, ast.Subscript):
        base = value.value
        name = base.id if isinstance(base, ast.Name) else base.attr if isinstance(base, ast.Attribute) else ""
        return name in _TYPING_NAMES
    return False


def _value_mutants(value: ast.expr) -> Iterator[tuple[str, ast.expr]]:
    """(what, mutated copy of ``value``) for every change inside one assigned value."""
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        yield f"{value.value!r} → 'XX{value.value}XX'", ast.Constant(f"XX{value.value}XX")
        return
    nodes = [node for node in ast.walk(value) if not isinstance(node, ast.Lambda)]
    for position, node in enumerate(nodes):
        if isinstance(node, ast.Constant) and type(node.value) in (int, float):
            for changed in (node.value + 1, node.value - 1):
                yield f"{node.value} → {changed}", _replace(value, position, ast.Constant(changed))
        elif isinstance(node, ast.Set | ast.Tuple | ast.List) and node.elts:
            for i, element in enumerate(node.elts):
                left_out = type(node)(elts=node.elts[:i] + node.elts[i + 1 :], ctx=ast.Load())
                if isinstance(node, ast.Set) and not left_out.elts:
                    left_out = ast.Call(func=ast.Name("set", ast.Load()), args=[], keywords=[])
                yield f"without {_short(element)}", _replace(value, position, left_out)
        elif isinstance(node, ast.Dict) and node.keys:
            for i, key in enumerate(node.keys):
                keys, values = node.keys[:i] + node.keys[i + 1 :], node.values[:i] + node.values[i + 1 :]
                left_out = ast.Dict(keys=keys, values=values)
                yield f"without key {_short(key) if key else '**'}", _replace(value, position, left_out)


def _replace(value: ast.expr, position: int, new: ast.expr) -> ast.expr:
    mutated = copy.deepcopy(value)
    if position == 0:
        return ast.copy_location(new, value)
    nodes = [node for node in ast.walk(mutated) if not isinstance(node, ast.Lambda)]
    old = nodes[position]
    for parent in ast.walk(mutated):
        for name, child in ast.iter_fields(parent):
            if child is old:
                setattr(parent, name, new)
            elif isinstance(child, list) and any(c is old for c in child):
                setattr(parent, name, [new if c is old else c for c in child])
    return mutated


def _short(node: ast.AST) -> str:
    text = ast.unparse(node)
    return text if len(text) <= 40 else text[:37] + "..."


def survivors_applied(workdir: Path, module_path: str, status: dict[str, str]) -> Iterator[tuple[str, str]]:
    """(mutant id, mutated source) for each mutmut mutant that no test killed.

    mutmut picks the active mutant when a function is called, in a process that imported
    the module before; code that runs at import (a table built by a helper) cannot be
    mutated that way. So each survivor gets a second chance in a fresh process.
    """
    target = workdir / module_path
    original = target.read_text(encoding="utf-8")
    for mutant in sorted(m for m, s in status.items() if s not in (KILLED, TIMEOUT)):
        subprocess.run([sys.executable, "-m", "mutmut", "apply", mutant], cwd=workdir, check=True, capture_output=True)
        mutated = target.read_text(encoding="utf-8")
        target.write_text(original, encoding="utf-8")
        yield mutant, mutated


def run_fresh(workdir: Path, module_path: str, tests: list[str], mutants: Iterator[tuple[str, str]]) -> dict[str, str]:
    """Each mutant written into the module in turn, its tests run in a fresh pytest process."""
    todo = list(mutants)
    if not todo:
        return {}
    target = workdir / module_path
    original = target.read_text(encoding="utf-8")
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-m", "not browser", *tests]
    started = time.monotonic()
    clean = subprocess.run(command, cwd=workdir, capture_output=True, text=True)
    if clean.returncode != 0:
        print(clean.stdout[-3000:])
        raise SystemExit(f"the tests of {module_path} fail without any mutant")
    timeout = 10 * (time.monotonic() - started) + 10
    status = {}
    for mutant, source in todo:
        target.write_text(source, encoding="utf-8")
        try:
            done = subprocess.run(command, cwd=workdir, capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            status[mutant] = TIMEOUT
        else:
            status[mutant] = SURVIVED if done.returncode == 0 else KILLED
        finally:
            target.write_text(original, encoding="utf-8")
    return status


def run_forked_then_fresh(
    workdir: Path, module_path: str, dotted: str, tests: list[str], mutants: Iterator[tuple[str, str]]
) -> dict[str, str]:
    """Each mutant first in a child forked from one process that has Django and the module
    loaded (``scripts/mutation_fork.py``: a second instead of a fresh interpreter's 5–30);
    whatever that does not kill is tried again in a fresh pytest process (``run_fresh``),
    which alone decides that a mutant survived."""
    todo = dict(mutants)
    if not todo:
        return {}
    mutants_file = workdir / "forked-mutants.json"
    mutants_file.write_text(json.dumps(todo), encoding="utf-8")
    timeout = 120  # per mutant; these selections take seconds
    command = [sys.executable, str(ROOT / "scripts" / "mutation_fork.py"), module_path, dotted, str(mutants_file)]
    done = subprocess.run([*command, str(timeout), *tests], cwd=workdir, capture_output=True, text=True)
    forked: dict[str, str] = {}
    if done.returncode == 0 and done.stdout.strip():
        forked = json.loads(done.stdout.strip().splitlines()[-1])
    else:
        print(f"{module_path}: the forked run failed, every mutant gets a fresh process:\n{done.stderr[-2000:]}")
    status = {m: s for m, s in forked.items() if s in (KILLED, TIMEOUT)}
    status.update(run_fresh(workdir, module_path, tests, ((m, src) for m, src in todo.items() if m not in status)))
    return status


# --- decorated functions (mutmut leaves these alone too) ------------------------------

# mutmut 3 skips every function with a decorator other than @staticmethod/@classmethod
# (a trampoline cannot replace a @property or an @lru_cache'd function). In the legal core
# those hold rules too: the receipt pepper's minimum length, a deadline's labels. So this
# script mutates their bodies itself, with mutmut's most telling operators.
_SWAPPED_OPERATORS: dict[type, type] = {
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.And: ast.Or,
    ast.Or: ast.And,
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
    ast.FloorDiv: ast.Div,
    ast.Mod: ast.Div,
}


def _skipped_by_mutmut(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    names = [d.id for d in function.decorator_list if isinstance(d, ast.Name)]
    return bool(function.decorator_list) and not (
        len(function.decorator_list) == 1 and names in (["staticmethod"], ["classmethod"])
    )


def _decorated_functions(tree: ast.Module) -> Iterator[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    """(qualified name, node) of every function mutmut skips, in classes too."""

    def visit(body: list[ast.stmt], prefix: str) -> Iterator[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
        for node in body:
            if isinstance(node, ast.ClassDef):
                yield from visit(node.body, f"{prefix}{node.name}.")
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and _skipped_by_mutmut(node):
                yield f"{prefix}{node.name}", node

    yield from visit(tree.body, "")


def _node_changes(node: ast.AST, docstrings: set[int]) -> Iterator[tuple[str, ast.AST]]:
    """(what, replacement) for each change of one node."""
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool):
            yield f"{node.value} → {not node.value}", ast.Constant(not node.value)
        elif type(node.value) in (int, float):
            for changed in (node.value + 1, node.value - 1):
                yield f"{node.value} → {changed}", ast.Constant(changed)
        elif isinstance(node.value, str) and id(node) not in docstrings:
            yield f"{node.value!r} → 'XX{node.value}XX'", ast.Constant(f"XX{node.value}XX")
    elif isinstance(node, ast.Compare):
        for i, op in enumerate(node.ops):
            if type(op) in _SWAPPED_OPERATORS:
                ops = [*node.ops[:i], _SWAPPED_OPERATORS[type(op)](), *node.ops[i + 1 :]]
                what = f"{type(op).__name__} → {type(ops[i]).__name__}"
                yield what, ast.Compare(node.left, ops, node.comparators)
    elif isinstance(node, ast.BoolOp | ast.BinOp) and type(node.op) in _SWAPPED_OPERATORS:
        swapped = _SWAPPED_OPERATORS[type(node.op)]()
        mutated = copy.copy(node)
        mutated.op = swapped
        yield f"{type(node.op).__name__} → {type(swapped).__name__}", mutated
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        yield "without not", node.operand
    elif (
        isinstance(node, ast.Return)
        and node.value is not None
        and not (isinstance(node.value, ast.Constant) and node.value.value is None)
    ):
        yield "return None", ast.Return(ast.Constant(None))


def _decorated_mutants(source: str, dotted: str) -> Iterator[tuple[str, str]]:
    """(mutant id, mutated source) for the bodies of the functions mutmut skips."""
    tree = ast.parse(source)
    for qualname, function in _decorated_functions(tree):
        docstrings = {
            id(statement.value)
            for statement in function.body[:1]
            if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)
        }
        nodes = [node for statement in function.body for node in ast.walk(statement)]
        number = 0
        for position, node in enumerate(nodes):
            for change, replacement in _node_changes(node, docstrings):
                number += 1
                mutated_tree = copy.deepcopy(tree)
                mutated_function = dict(_decorated_functions(mutated_tree))[qualname]
                mutated_nodes = [n for statement in mutated_function.body for n in ast.walk(statement)]
                _swap_node(mutated_function, mutated_nodes[position], replacement)
                yield f"{dotted}.{qualname}__decorated_{number} ({change})", ast.unparse(mutated_tree)


def _swap_node(root: ast.AST, old: ast.AST, new: ast.AST) -> None:
    for parent in ast.walk(root):
        for name, child in ast.iter_fields(parent):
            if child is old:
                setattr(parent, name, new)
                return
            if isinstance(child, list) and any(c is old for c in child):
                setattr(parent, name, [new if c is old else c for c in child])
                return


# --- per module -----------------------------------------------------------------------


PHASES = ("functions", "module", "decorated")


def mutate(
    module: str, tests: list[str], jobs: int, equivalents: dict[str, str], phases: tuple[str, ...] = PHASES
) -> Outcome | None:
    module = module.removeprefix("src/open_integriteit/")
    if not (PACKAGE / module).is_file():
        print(f"{module}: skipped, src/open_integriteit/{module} does not exist (yet)")
        return None
    tests = tests or TESTS.get(module) or [f"{module.split('/')[0]}/tests/"]
    missing = [t for t in tests if not (PACKAGE / t).exists()]
    if missing:
        print(f"{module}: skipped, its tests {', '.join(missing)} do not exist (yet)")
        return None
    module_path = f"src/open_integriteit/{module}"
    test_paths = [f"src/open_integriteit/{t}" for t in tests]
    dotted = "open_integriteit." + module.removesuffix(".py").replace("/", ".")
    workdir = WORK / module.removesuffix(".py").replace("/", "-")

    print(f"{module}: mutating, tests {' '.join(tests)} (work in {workdir.relative_to(ROOT)})", flush=True)
    started = time.monotonic()
    prepare(workdir)
    (workdir / "pyproject.toml").write_text(pyproject(module_path, test_paths, jobs), encoding="utf-8")
    outcome = Outcome(module)
    if "functions" in phases:
        in_functions = run_mutmut(workdir, jobs)
        outcome.status.update(in_functions)
        phase(module, "mutmut, in functions", in_functions, started)
        applied = survivors_applied(workdir, module_path, in_functions)
        second_chance = run_forked_then_fresh(workdir, module_path, dotted, test_paths, applied)
        outcome.status.update(second_chance)
        phase(module, "mutmut survivors again, forked, then fresh process", second_chance, started)
    source = (workdir / module_path).read_text(encoding="utf-8")
    if "module" in phases:
        module_level = run_forked_then_fresh(
            workdir, module_path, dotted, test_paths, _module_level_mutants(source, dotted)
        )
        outcome.status.update(module_level)
        phase(module, "module level, forked (survivors: fresh process)", module_level, started)
    if "decorated" in phases:
        decorated = run_forked_then_fresh(workdir, module_path, dotted, test_paths, _decorated_mutants(source, dotted))
        outcome.status.update(decorated)
        phase(module, "decorated functions, forked (survivors: fresh process)", decorated, started)
    outcome.seconds = time.monotonic() - started
    outcome.equivalent = {
        m: equivalents[m] for m, s in outcome.status.items() if m in equivalents and s not in (KILLED, TIMEOUT)
    }
    stale = sorted(
        m for m in equivalents if m.startswith(dotted + ".") and m not in outcome.equivalent and _phase_of(m) in phases
    )
    report(outcome, stale)
    return outcome


def _phase_of(mutant: str) -> str:
    return "module" if "__constant_" in mutant else "decorated" if "__decorated_" in mutant else "functions"


def phase(module: str, name: str, status: dict[str, str], started: float) -> None:
    killed = sum(1 for s in status.values() if s in (KILLED, TIMEOUT))
    elapsed = time.monotonic() - started
    print(f"{module}: {name}: {killed} of {len(status)} killed (after {elapsed:.0f} s)", flush=True)


def report(outcome: Outcome, stale: list[str]) -> None:
    total = len(outcome.status)
    # An equivalent mutant is counted once, as equivalent, not also as survived.
    survived = sum(1 for m, s in outcome.status.items() if s == SURVIVED and m not in outcome.equivalent)
    others = total - outcome.count(KILLED) - outcome.count(TIMEOUT) - survived - len(outcome.equivalent)
    print(
        f"{outcome.module}: {total} mutants, {outcome.count(KILLED)} killed, {outcome.count(TIMEOUT)} timeout, "
        f"{survived} survived, {others} other (no tests, suspicious, ...), "
        f"{len(outcome.equivalent)} equivalent → {outcome.score:.1f} % killed ({outcome.seconds:.0f} s)"
    )
    for mutant in outcome.survivors:
        print(f"    {outcome.status[mutant]}: {mutant}")
    for mutant, reason in sorted(outcome.equivalent.items()):
        print(f"    equivalent: {mutant} ({reason})")
    for mutant in stale:
        print(f"    note: {mutant} is listed as equivalent but was killed or no longer exists")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("modules", nargs="*", help="paths under src/open_integriteit/ (default: the legal core)")
    parser.add_argument("--tests", default="", help="test paths under src/open_integriteit/, for every module given")
    parser.add_argument("--jobs", type=int, default=int(os.environ.get("MUTATION_JOBS", "1")), help="mutmut workers")
    parser.add_argument(
        "--phases",
        default=",".join(PHASES),
        help="comma-separated, of: functions (mutmut), module (module-level constants and tables), "
        "decorated (the functions mutmut skips); default all",
    )
    args = parser.parse_args()
    phases = tuple(p for p in args.phases.split(",") if p)
    if not phases or set(phases) - set(PHASES):
        parser.error(f"--phases: choose from {', '.join(PHASES)}")

    equivalents = read_equivalents()
    outcomes = []
    for module in args.modules or LEGAL_CORE:
        outcome = mutate(module, args.tests.split(), args.jobs, equivalents, phases)
        if outcome:
            outcomes.append(outcome)
    below = [o.module for o in outcomes if o.score < THRESHOLD]
    print()
    for o in outcomes:
        print(f"{o.module:<28} {o.score:5.1f} % killed of {len(o.status) - len(o.equivalent)} mutants")
    if below:
        print(f"under {THRESHOLD:.0f} %: {', '.join(below)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
