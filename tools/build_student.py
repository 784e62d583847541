"""Build the student edition (``make student``): every notebook with its solutions taken out.

Run from the repository root: ``make student``, or ``python -m tools.build_student [NOTEBOOK ...] [--out DIR]``.

Reads ``notebooks/*.ipynb`` (the teacher's edition) and writes ``build/student/*.ipynb``;
touches nothing else. In the student edition

* an exercise cell's solution block, the lines between ``### BEGIN SOLUTION`` and
  ``### END SOLUTION``, is replaced by stubs: each top-level ``name = <expr>`` becomes
  ``name = ...  # your answer here`` and each ``def f(args):`` keeps its signature with the
  one-line body ``return ...  # your code here``; nothing else of the block and neither
  marker survives, and the cell's outputs and execution count are cleared;
* a markdown cell tagged ``solution`` (a worked solution) is removed;
* everything else, stored outputs of the lesson cells included, is kept as it is.

A malformed exercise cell (a marker without its partner, a block that is not Python, a
marker outside a code cell) stops the build with a message naming the notebook and cell.
"""

from __future__ import annotations

import ast
import copy
import io
import sys
import textwrap
import tokenize
from pathlib import Path

import nbformat

from tools import cli

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
OUT = ROOT / "build" / "student"
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
SOLUTION_TAG = "solution"
ASSIGN_STUB = "...  # your answer here"
BODY_STUB = "return ...  # your code here"


class MalformedExercise(ValueError):
    """A solution block the build cannot take out safely (its message says 'malformed exercise')."""


def _signature(lines: list[str], node: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    """The source lines of a def's decorators and signature, cut after the colon that ends it."""
    first = node.decorator_list[0].lineno if node.decorator_list else node.lineno
    depth = 0
    for tok in tokenize.generate_tokens(io.StringIO("".join(lines[node.lineno - 1:])).readline):
        if tok.type == tokenize.OP and tok.string in "([{":
            depth += 1
        elif tok.type == tokenize.OP and tok.string in ")]}":
            depth -= 1
        elif tok.type == tokenize.OP and tok.string == ":" and depth == 0:
            row, col = tok.end  # row 1 is the def line
            last = node.lineno - 2 + row
            return [line.rstrip("\n") for line in lines[first - 1:last]] + [lines[last][:col]]
    raise MalformedExercise(f"cannot find the end of the signature of {node.name}()")


def stub(block: str) -> str:
    """The student's version of one solution block (without its markers)."""
    indent = len(block) - len(block.lstrip(" ")) if block.strip() else 0
    code = textwrap.dedent(block)
    try:
        tree = ast.parse(code)
    except SyntaxError as e:
        raise MalformedExercise(f"the solution block is not valid Python ({e.msg}, line {e.lineno})") from None
    lines = code.splitlines(keepends=True)
    out: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.Assign):
            targets = [ast.get_source_segment(code, t) or ast.unparse(t) for t in node.targets]
            out.append(" = ".join(targets) + " = " + ASSIGN_STUB)
        elif isinstance(node, ast.AnnAssign):
            target = ast.get_source_segment(code, node.target) or ast.unparse(node.target)
            out.append(f"{target}: {ast.unparse(node.annotation)} = {ASSIGN_STUB}")
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            out += _signature(lines, node) + [" " * 4 + BODY_STUB]
    return "".join(" " * indent + line + "\n" for line in out)


def strip_solutions(source: str) -> str:
    """A code cell's source with every solution block replaced by its stubs."""
    lines = source.splitlines(keepends=True)
    result: list[str] = []
    block: list[str] | None = None
    for number, line in enumerate(lines, 1):
        marker = line.strip()
        if marker == BEGIN:
            if block is not None:
                raise MalformedExercise(f"line {number}: {BEGIN!r} inside another solution block")
            block = []
        elif marker == END:
            if block is None:
                raise MalformedExercise(f"line {number}: {END!r} without a {BEGIN!r} before it")
            result.append(stub("".join(block)))
            block = None
        elif block is not None:
            block.append(line)
        else:
            result.append(line)
    if block is not None:
        raise MalformedExercise(f"{BEGIN!r} without an {END!r} after it")
    return "".join(result).rstrip("\n")


def is_exercise(cell: nbformat.NotebookNode) -> bool:
    return cell.cell_type == "code" and any(line.strip() == BEGIN for line in cell.source.splitlines())


def student_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The student edition of one notebook (the teacher's is left unchanged)."""
    student = copy.deepcopy(nb)
    cells = []
    for index, cell in enumerate(nb.cells):
        where = f"cell {index} ({cell.get('id', 'no id')})"
        if cell.cell_type != "code" and any(m in cell.source for m in (BEGIN, END)):
            raise MalformedExercise(f"{where}: solution markers belong in code cells; "
                                    f"tag a worked-solution {cell.cell_type} cell {SOLUTION_TAG!r} instead")
        if cell.cell_type == "markdown" and SOLUTION_TAG in cell.metadata.get("tags", []):
            continue
        cell = copy.deepcopy(cell)
        if cell.cell_type == "code" and any(m in cell.source for m in (BEGIN, END)):
            try:
                cell.source = strip_solutions(cell.source)
            except MalformedExercise as e:
                raise MalformedExercise(f"{where}: {e}") from None
            cell.outputs = []
            cell.execution_count = None
        cells.append(cell)
    student.cells = cells
    nbformat.validate(student)
    return student


def build(notebooks: list[Path], out: Path) -> list[Path]:
    """Write the student edition of each notebook into ``out``; returns the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for path in notebooks:
        try:
            student = student_notebook(nbformat.read(path, as_version=4))
        except MalformedExercise as e:
            raise MalformedExercise(f"malformed exercise in {path}: {e}") from None
        target = out / path.name
        nbformat.write(student, target)
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    return cli.run(argv, name="build_student", description=__doc__.splitlines()[0], out=OUT, build=build,
                   refused=(MalformedExercise,))


if __name__ == "__main__":
    sys.exit(main())
