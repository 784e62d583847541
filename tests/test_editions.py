"""The student edition and the slide decks, built from a fixture and from the real notebooks:
no solution survives, every exercise has its stub, the student edition runs, decks are offline.
(The decks in a real browser, and the PDF handouts: tests/browser/test_slides.py, test_handouts.py.)"""

from __future__ import annotations

import ast
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from tools import build_handouts, build_slides, build_student
from tools.build_student import BEGIN, END

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
NOT_ANSWERED = "not answered yet"
KERNEL = {"name": "python3", "display_name": "Python 3", "language": "python"}

# A stand-in for bp_helpers.exercises.check with the same contract for an unanswered exercise
CHECK = '''def check(key, answer):
    if answer is ... or (callable(answer) and answer(*[0.5] * answer.__code__.co_argcount) is ...):
        print(f"{key}: … not answered yet")
    else:
        print(f"{key}: ✔")'''


def _code(source: str, count: int | None, text: str | None = None) -> nbformat.NotebookNode:
    outputs = [new_output("stream", name="stdout", text=text)] if text else []
    return new_code_cell(source, outputs=outputs, execution_count=count)


def _solution(text: str) -> nbformat.NotebookNode:
    cell = new_markdown_cell(text)
    cell.metadata["tags"] = ["solution"]
    return cell


def fixture_notebook(folder: Path) -> Path:
    """A teacher's notebook with an answer exercise, a function exercise, worked solutions and a
    lesson cell with stored output."""
    nb = new_notebook(metadata={"kernelspec": KERNEL}, cells=[
        new_markdown_cell("# Fixture\n\nA lesson, then exercises."),
        _code(CHECK, 1),
        _code('print(f"E_total = {0.298371109:.9f}")', 2, "E_total = 0.298371109\n"),
        new_markdown_cell("**Exercise 99.1.** Add the two roads."),
        _code(f'{BEGIN}\n# both roads, secret-hint\nroads = (0.1, 0.2)\ntotal = sum(roads)  # secret-sum\n'
              f'print("secret-print")\n{END}\ncheck("99.1", total)', 3, "99.1: ✔\n"),
        _solution("<details><summary>Worked solution</summary>\n\nAdd them: secret-worked.\n</details>"),
        new_markdown_cell("**Exercise 99.2.** Write the logistic function."),
        _code(f'{BEGIN}\nimport math\n\n\ndef logistic(x: float,\n             scale: float = 1.0) -> float:\n'
              f'    """secret-doc"""\n    return 1 / (1 + math.exp(-x * scale))\n{END}\ncheck("99.2", logistic)',
              4, "99.2: ✔\n"),
        _solution("Answer: `1 / (1 + math.exp(-x))`, secret-answer."),
        new_markdown_cell("The end."),
    ])
    path = folder / "99_fixture.ipynb"
    nbformat.write(nb, path)
    return path


def solution_blocks(source: str) -> list[str]:
    blocks, inside = [], None
    for line in source.splitlines():
        if line.strip() == BEGIN:
            inside = []
        elif line.strip() == END and inside is not None:
            blocks.append("\n".join(inside))
            inside = None
        elif inside is not None:
            inside.append(line)
    return blocks


def is_solution(cell) -> bool:
    return cell.cell_type == "markdown" and "solution" in cell.metadata.get("tags", [])


def outputs(cell) -> list[str]:
    """The stored output texts of a cell: streams and every textual representation."""
    found = []
    for output in cell.get("outputs", []):
        found.append("".join(output.get("text", "")))
        found += ["".join(v) for v in output.get("data", {}).values() if isinstance(v, str | list)]
    return found


def texts(nb) -> list[str]:
    """Every source and every stored output text of a notebook, as a reader could see it."""
    return [text for cell in nb.cells for text in [cell.source, *outputs(cell)]]


@pytest.fixture(scope="module")
def editions(tmp_path_factory) -> list[tuple[nbformat.NotebookNode, nbformat.NotebookNode, str]]:
    """(teacher, student, name) for the fixture and every real notebook, built once."""
    fixture = fixture_notebook(tmp_path_factory.mktemp("teacher"))
    out = tmp_path_factory.mktemp("student")
    pairs = []
    for path in [fixture, *NOTEBOOKS]:
        [written] = build_student.build([path], out)
        pairs.append((nbformat.read(path, as_version=4), nbformat.read(written, as_version=4), path.stem))
    return pairs


def test_the_fixture_has_what_the_tests_look_for(editions):
    teacher, _, _ = editions[0]
    assert sum(build_student.is_exercise(c) for c in teacher.cells) == 2
    assert sum(is_solution(c) for c in teacher.cells) == 2


def test_no_solution_text_survives(editions):
    for teacher, student, name in editions:
        lesson = "\n".join(t for c in teacher.cells if not is_solution(c) for t in (
            [build_student.strip_solutions(c.source)] if build_student.is_exercise(c) else [c.source, *outputs(c)]))
        secret = [line.strip() for c in teacher.cells if c.cell_type == "code"
                  for block in solution_blocks(c.source) for line in block.splitlines()]
        secret += [line.strip() for c in teacher.cells if is_solution(c) for line in c.source.splitlines()]
        # a line the lesson itself shows (an import, `</details>`) is no secret
        secret = [line for line in secret if line and line not in lesson]
        shown = texts(student)
        leaked = [line for line in secret if any(line in text for text in shown)]
        assert leaked == [], f"{name}: solution text in the student edition: {leaked}"
        assert not any(BEGIN in t or END in t for t in shown), name
        assert not any(is_solution(c) for c in student.cells), name


def test_every_exercise_has_its_stub(editions):
    for teacher, student, name in editions:
        cells = {c.id: c for c in student.cells}
        for cell in (c for c in teacher.cells if build_student.is_exercise(c)):
            stub = cells[cell.id]
            assert stub.outputs == [] and stub.execution_count is None, f"{name} {cell.id}: outputs left"
            assert [line for line in cell.source.splitlines() if "check(" in line][-1] in stub.source
            defs = {n.name: n for n in ast.parse(stub.source).body if isinstance(n, ast.FunctionDef)}
            for block in solution_blocks(cell.source):
                for node in ast.parse(block).body:
                    if isinstance(node, ast.Assign):
                        names = " = ".join(ast.get_source_segment(block, t) or "" for t in node.targets)
                        assert f"{names} = ...  # your answer here" in stub.source, (name, stub.source)
                    elif isinstance(node, ast.FunctionDef):
                        student = defs[node.name]
                        assert ast.dump(student.args) == ast.dump(node.args), f"{name}: {node.name}() signature"
                        assert ast.unparse(student.returns or ast.Constant(None)) == ast.unparse(
                            node.returns or ast.Constant(None)), f"{name}: {node.name}() return annotation"
                        assert [ast.dump(n) for n in student.body] == [ast.dump(ast.Return(ast.Constant(...)))]
                        assert "    return ...  # your code here" in stub.source.splitlines()
            ast.parse(stub.source)  # still Python


def test_everything_else_is_kept_as_in_the_teachers_edition(editions):
    for teacher, student, name in editions:
        kept = [c for c in teacher.cells if not is_solution(c)]
        assert [c.id for c in student.cells] == [c.id for c in kept], name
        for before, after in zip(kept, student.cells):
            if not build_student.is_exercise(before):
                assert after == before, f"{name}: cell {before.id} changed"
        nbformat.validate(student)
        assert student.metadata == teacher.metadata


def test_the_stubs_read_as_a_student_sees_them(tmp_path):
    [written] = build_student.build([fixture_notebook(tmp_path)], tmp_path / "student")
    stubs = [c.source for c in nbformat.read(written, as_version=4).cells if "check(" in c.source][1:]
    assert stubs == [
        'roads = ...  # your answer here\ntotal = ...  # your answer here\ncheck("99.1", total)',
        ('def logistic(x: float,\n             scale: float = 1.0) -> float:\n'
         '    return ...  # your code here\ncheck("99.2", logistic)'),
    ]


def test_building_twice_gives_identical_files(tmp_path):
    notebooks = [fixture_notebook(tmp_path), *NOTEBOOKS]
    first = {p.name: p.read_bytes() for p in build_student.build(notebooks, tmp_path / "a")}
    second = {p.name: p.read_bytes() for p in build_student.build(notebooks, tmp_path / "a")}
    assert first == second
    assert first == {p.name: p.read_bytes() for p in build_student.build(notebooks, tmp_path / "b")}


@pytest.mark.parametrize("source, why", [
    (f"{BEGIN}\nx = 1\ncheck('1.1', x)", f"{BEGIN!r} without an {END!r}"),
    (f"x = 1\n{END}\ncheck('1.1', x)", f"{END!r} without a {BEGIN!r}"),
    (f"{BEGIN}\n{BEGIN}\nx = 1\n{END}\n{END}", "inside another solution block"),
    (f"{BEGIN}\nx = (\n{END}", "not valid Python"),
])
def test_a_malformed_exercise_is_refused(tmp_path, capsys, source, why):
    path = tmp_path / "bad.ipynb"
    nbformat.write(new_notebook(cells=[_code("x = 0", 1), _code(source, 2)], metadata={"kernelspec": KERNEL}), path)
    assert build_student.main([str(path), "--out", str(tmp_path / "out")]) != 0
    stderr = capsys.readouterr().err
    assert str(path) in stderr and "cell 1" in stderr and why in stderr, stderr
    assert not (tmp_path / "out" / "bad.ipynb").exists()


def test_the_command_exits_non_zero_on_a_malformed_exercise(tmp_path):
    path = tmp_path / "bad.ipynb"
    nbformat.write(new_notebook(cells=[_code(f"{BEGIN}\nx = 1", 1)], metadata={"kernelspec": KERNEL}), path)
    done = subprocess.run([sys.executable, "-m", "tools.build_student", str(path), "--out", str(tmp_path / "out")],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 1 and "malformed exercise" in done.stderr, done.stderr


def test_solution_markers_outside_a_code_cell_are_refused():
    nb = new_notebook(cells=[new_markdown_cell(f"{BEGIN}\nsecret\n{END}")])
    with pytest.raises(build_student.MalformedExercise, match="belong in code cells"):
        build_student.student_notebook(nb)


@pytest.mark.parametrize("index", range(len(NOTEBOOKS) + 1), ids=["fixture", *(p.stem for p in NOTEBOOKS)])
def test_the_student_edition_runs_and_says_not_answered_yet(editions, tmp_path, index):
    _, student, name = editions[index]
    NotebookClient(student, kernel_name="python3", timeout=300,
                   resources={"metadata": {"path": str(tmp_path)}}).execute()  # raises on any error
    for cell in student.cells:
        if cell.cell_type == "code" and ("your answer here" in cell.source or "your code here" in cell.source):
            shown = "".join(outputs(cell))
            assert NOT_ANSWERED in shown, f"{name}: {cell.source!r} shows {shown!r}"


# --- slide decks, without a browser ---------------------------------------------------------------

class Resources(HTMLParser):
    """Every url a page loads by itself: scripts, stylesheets, images, frames, CSS imports."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self._style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "link" and "stylesheet" in (a.get("rel") or ""):
            self.urls.append(a.get("href") or "")
        elif tag in ("script", "img", "iframe", "video", "audio", "source", "embed") and a.get("src"):
            self.urls.append(a["src"] or "")
        self._style = tag == "style"

    def handle_data(self, data: str) -> None:
        if self._style:
            import re

            self.urls += re.findall(r"@import\s+(?:url\()?[\"']?([^\"')\s;]+)", data)


def remote(url: str) -> bool:
    return url.startswith(("http:", "https:", "//"))


@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> tuple[Path, dict[str, Path | Exception]]:
    out = tmp_path_factory.mktemp("slides")
    build_slides.copy_assets(out)
    exporter = build_slides.slides_exporter()
    built: dict[str, Path | Exception] = {}
    for path in NOTEBOOKS:
        try:
            built[path.stem] = build_slides.build_deck(path, out, exporter)
        except build_slides.MissingOutputs as e:
            built[path.stem] = e
    return out, built


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_a_deck_loads_only_files_beside_it(decks, path):
    out, built = decks
    deck = built[path.stem]
    if isinstance(deck, Exception):
        pytest.fail(str(deck))
    parser = Resources()
    parser.feed(deck.read_text(encoding="utf-8"))
    assert [u for u in parser.urls if remote(u)] == [], f"{deck.name} loads from the network"
    local = [u.split("?")[0] for u in parser.urls if not u.startswith("data:")]
    assert {"reveal.js/dist/reveal.js", "reveal.js/plugin/notes/notes.js", "mathjax/MathJax.js"} <= set(local)
    for url in local:
        assert (out / url).is_file(), f"{deck.name} needs {url}, which the build did not copy"
    assert "widget-view+json" not in deck.read_text(encoding="utf-8"), "a widget view without its state"


def test_the_copied_stylesheets_import_nothing_remote(decks):
    out, _ = decks
    import re

    for css in out.rglob("*.css"):
        imports = re.findall(r"@import\s+(?:url\()?[\"']?([^\"')\s;]+)", css.read_text(encoding="utf-8"))
        assert not any(remote(u) for u in imports), f"{css.relative_to(out)} imports {imports}"


@pytest.mark.parametrize("tool", [build_slides, build_handouts], ids=["slides", "handouts"])
def test_a_notebook_without_stored_outputs_is_refused(tmp_path, capsys, tool):
    path = tmp_path / "unrun.ipynb"
    nbformat.write(new_notebook(cells=[_code("x = 1", 1), _code("print(x)", None)], metadata={"kernelspec": KERNEL}),
                   path)
    assert tool.main([str(path), "--out", str(tmp_path / "out")]) != 0
    stderr = capsys.readouterr().err
    assert str(path) in stderr and "make notebooks" in stderr, stderr
    assert not (tmp_path / "out").exists()
