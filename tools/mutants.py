"""Do the unit tests notice wrong maths? Change one token of the core and run them.

``python -m tools.mutants [--count N] [--seed S] [--modules a,b]`` picks N one-token mutations
(an arithmetic or comparison operator swapped, ``and``/``or`` swapped, a sign dropped, a number
changed) at random, seeded, from the modules without display code, applies each to a copy of the
repository and runs the unit tests there, stopping at the first failure; a mutant they miss is
run against the notebooks (nbval) too. Every mutant the unit tests miss is printed with its
place, so that a test can be written for it (or the mutant shown to change nothing). It prints
the share the unit tests kill. Nothing in the repository is changed.

It takes a while (a surviving mutant runs the whole unit suite): ``make mutants`` runs it with
the defaults; it is not part of ``make test``.
"""

from __future__ import annotations

import argparse
import ast
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The modules without display code: the maths, the names, the checks and the article's data.
CORE = ("functions", "network", "training", "gradcheck", "names", "limits", "validation", "formats",
        "templates", "worked", "article", "verdicts", "experiments")
SWAPS = {
    ast.Add: "-", ast.Sub: "+", ast.Mult: "/", ast.Div: "*", ast.Pow: "*", ast.FloorDiv: "/",
    ast.Lt: "<=", ast.LtE: "<", ast.Gt: ">=", ast.GtE: ">", ast.Eq: "!=", ast.NotEq: "==",
}
SYMBOLS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**", ast.FloorDiv: "//",
           ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!="}
TIMEOUT_S = 900  # a mutant that loops for ever counts as killed


@dataclass(frozen=True)
class Mutant:
    module: str
    line: int  # 1-based
    start: int  # column of the token in that line
    old: str
    new: str

    def apply(self, source: str) -> str:
        lines = source.splitlines(keepends=True)
        text = lines[self.line - 1]
        assert text[self.start:self.start + len(self.old)] == self.old, (self, text)
        lines[self.line - 1] = text[:self.start] + self.new + text[self.start + len(self.old):]
        return "".join(lines)

    def __str__(self) -> str:
        return f"bp_helpers/{self.module}.py:{self.line}: {self.old!r} -> {self.new!r}"


def _operator(lines: list[str], module: str, left: ast.AST, right: ast.AST, op: ast.AST) -> Mutant | None:
    """The operator token between two operands on one line, swapped."""
    if type(op) not in SWAPS or left.end_lineno != right.lineno:
        return None
    line = lines[left.end_lineno - 1]
    gap = line[left.end_col_offset:right.col_offset]
    symbol = SYMBOLS[type(op)]
    at = gap.find(symbol)
    if at < 0 or gap.strip("() ") != symbol:  # brackets or comments between: leave it
        return None
    return Mutant(module, left.end_lineno, left.end_col_offset + at, symbol, SWAPS[type(op)])


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            ids.add(id(body[0].value))
    return ids


def mutants(module: str) -> list[Mutant]:
    """Every one-token mutation of a module of bp_helpers."""
    source = (ROOT / "bp_helpers" / f"{module}.py").read_text()
    lines = source.splitlines()
    tree = ast.parse(source)
    skip = _docstrings(tree)
    found: list[Mutant | None] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp):
            found.append(_operator(lines, module, node.left, node.right, node.op))
        elif isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            found += [_operator(lines, module, a, b, op) for a, b, op in zip(operands, operands[1:], node.ops)]
        elif isinstance(node, ast.BoolOp) and len(node.values) == 2:
            a, b = node.values
            word = "and" if isinstance(node.op, ast.And) else "or"
            if a.end_lineno == b.lineno and lines[a.end_lineno - 1][a.end_col_offset:b.col_offset].strip() == word:
                at = lines[a.end_lineno - 1].index(word, a.end_col_offset)
                found.append(Mutant(module, a.end_lineno, at, word, "or" if word == "and" else "and"))
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and node.lineno == node.end_lineno:
            found.append(Mutant(module, node.lineno, node.col_offset, "-", " "))
        elif (isinstance(node, ast.Constant) and type(node.value) in (int, float) and id(node) not in skip
              and node.lineno == node.end_lineno):
            old = lines[node.lineno - 1][node.col_offset:node.end_col_offset]
            value = node.value
            new = repr(value + 1) if isinstance(value, int) else repr(value * 2 if value else 1.0)
            found.append(Mutant(module, node.lineno, node.col_offset, old, new))
    return [m for m in found if m is not None]


UNIT = ("--ignore=tests/browser", "--ignore=tests/test_packaging.py", "tests")  # the unit suite (no setup checks)
NOTEBOOKS = ("--dist", "loadfile", "notebooks")  # every notebook under nbval


def passes(copy: Path, workers: int, *where: str, first_failure: bool = True) -> bool:
    """Whether pytest passes on ``where`` in the copy (a loop that never ends counts as a failure)."""
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", str(workers), *where]
    try:
        done = subprocess.run(command + (["-x"] if first_failure else []), check=False, cwd=copy,
                              capture_output=True, text=True, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return False
    return done.returncode == 0


def verdict(copy: Path, mutant: Mutant, workers: int) -> str:
    """'unit tests' or 'notebooks' (which suite killed the mutant), or 'SURVIVED'."""
    path = copy / "bp_helpers" / f"{mutant.module}.py"
    original = path.read_text()
    path.write_text(mutant.apply(original))
    try:
        if not passes(copy, workers, *UNIT):
            return "unit tests"
        return "notebooks" if not passes(copy, workers, *NOTEBOOKS) else "SURVIVED"
    finally:
        path.write_text(original)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100, help="how many mutants to try (default 100)")
    parser.add_argument("--seed", type=int, default=0, help="which ones (default 0)")
    parser.add_argument("--modules", default=",".join(CORE), help="modules of bp_helpers to mutate")
    parser.add_argument("--workers", type=int, default=2, help="pytest-xdist workers (default 2)")
    args = parser.parse_args(argv)
    pool = [m for module in args.modules.split(",") for m in mutants(module.strip())]
    chosen = random.Random(args.seed).sample(pool, min(args.count, len(pool)))
    print(f"{len(pool)} one-token mutants in {args.modules}; trying {len(chosen)} (seed {args.seed})")
    survivors: list[Mutant] = []
    by_notebooks: list[Mutant] = []
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "repo"
        shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".venv*", ".git", "build", "artifacts",
                                                                  "__pycache__", ".hypothesis", "*.egg-info"))
        if not passes(copy, args.workers, *UNIT, first_failure=False) or not passes(copy, args.workers, *NOTEBOOKS):
            print("the tests fail without any mutation: fix them first")
            return 1
        for k, mutant in enumerate(chosen, 1):
            started = time.monotonic()
            by = verdict(copy, mutant, args.workers)
            print(f"[{k}/{len(chosen)}] {by:>10}  {mutant} ({time.monotonic() - started:.0f} s)", flush=True)
            if by == "notebooks":
                by_notebooks.append(mutant)
            elif by == "SURVIVED":
                survivors.append(mutant)
    unit = len(chosen) - len(survivors) - len(by_notebooks)
    print(f"\nkilled by the unit tests: {unit} of {len(chosen)} ({unit / max(len(chosen), 1):.0%}); "
          f"by the notebooks alone: {len(by_notebooks)}; survived both: {len(survivors)}")
    for label, group in (("killed by the notebooks only", by_notebooks), ("survived", survivors)):
        print(f"{label}:\n" + ("\n".join(f"  {m}" for m in group) or "  none"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
