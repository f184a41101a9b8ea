"""Runs module-level and decorated-function mutants of one module in forked children.

Used by ``scripts/mutation.py``, in its scratch project (the working directory): a fresh
pytest process per mutant costs Python, Django and every app's import each time (5–30 s on
a busy machine). This process pays that once: it sets Django up and imports the module,
then per mutant forks a child that puts the changed statements into the imported module
and runs the tests (collected in the child, so a test module that imports a name from the
module gets the mutant).

Only what changed is put in: a changed constant or table, then every later module-level
assignment again (a table derived from it, such as ``BY_NAME`` from ``TRANSITIONS``); a
changed function; a changed method, set on the class that is already imported. Whatever
survives here is tried again in a fresh process by the caller, so a value that another
module copied at import time (``from x import CONSTANT``) cannot make a mutant survive
wrongly.

Usage (by mutation.py): ``python mutation_fork.py <module path> <dotted> <mutants.json>
<timeout> <test path> ...``; prints one JSON object, mutant id -> killed/timeout/survived.
"""

from __future__ import annotations

import ast
import importlib
import json
import os
import signal
import sys
import time
from pathlib import Path
from types import ModuleType


def _changed(original: ast.Module, mutated: ast.Module) -> list[int]:
    return [i for i, (a, b) in enumerate(zip(original.body, mutated.body, strict=True)) if ast.dump(a) != ast.dump(b)]


def apply(module: ModuleType, original_source: str, mutated_source: str, filename: str) -> None:
    original, mutated = ast.parse(original_source), ast.parse(mutated_source)
    namespace = module.__dict__
    for index in _changed(original, mutated):
        statement = mutated.body[index]
        if isinstance(statement, ast.Assign | ast.AnnAssign):
            later = [s for s in mutated.body[index:] if isinstance(s, ast.Assign | ast.AnnAssign)]
            exec(compile(ast.Module(body=later, type_ignores=[]), filename, "exec"), namespace)  # noqa: S102
        elif isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
            exec(compile(ast.Module(body=[statement], type_ignores=[]), filename, "exec"), namespace)  # noqa: S102
        elif isinstance(statement, ast.ClassDef):
            before = original.body[index]
            assert isinstance(before, ast.ClassDef)
            scratch: dict[str, object] = {}
            exec(compile(ast.Module(body=[statement], type_ignores=[]), filename, "exec"), namespace, scratch)  # noqa: S102
            new_class, old_class = scratch[statement.name], namespace[statement.name]
            old_members = {getattr(s, "name", None): ast.dump(s) for s in before.body}
            for member in statement.body:
                name = getattr(member, "name", None)
                if name and old_members.get(name) != ast.dump(member):
                    setattr(old_class, name, new_class.__dict__[name])
        else:
            raise ValueError(f"cannot apply a change to a {type(statement).__name__} in a running process")


def run_child(module: ModuleType, original_source: str, mutated_source: str, filename: str, tests: list[str]) -> int:
    import pytest

    try:
        apply(module, original_source, mutated_source, filename)
    except Exception:
        return 2  # not a verdict: a fresh process decides
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    return int(pytest.main(["-x", "-q", "-p", "no:cacheprovider", "-m", "not browser", *tests]))


def main() -> None:
    module_path, dotted, mutants_file, timeout_text, *tests = sys.argv[1:]
    timeout = float(timeout_text)
    sys.path.insert(0, str(Path("src").resolve()))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "open_integriteit.conf.ci")
    import django

    django.setup()
    module = importlib.import_module(dotted)
    original_source = Path(module_path).read_text(encoding="utf-8")
    mutants: dict[str, str] = json.loads(Path(mutants_file).read_text(encoding="utf-8"))
    status: dict[str, str] = {}
    for number, (mutant, mutated_source) in enumerate(mutants.items(), start=1):
        print(f"  {number}/{len(mutants)} {mutant}", file=sys.stderr, flush=True)
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                code = run_child(module, original_source, mutated_source, module_path, tests)
            finally:
                os._exit(code)
        deadline = time.monotonic() + timeout
        while True:
            done, exit_status = os.waitpid(pid, os.WNOHANG)
            if done:
                # 1: a test failed. Anything else (0, or pytest's own trouble) is left to a fresh process.
                status[mutant] = "killed" if os.waitstatus_to_exitcode(exit_status) == 1 else "survived"
                break
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                status[mutant] = "timeout"
                break
            time.sleep(0.05)
    print(json.dumps(status))


if __name__ == "__main__":
    main()
