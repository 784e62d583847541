"""Build the slide decks (``make slides``): one offline reveal.js deck per notebook.

Run from the repository root: ``make slides``, or ``python -m tools.build_slides [NOTEBOOK ...] [--out DIR]``.

Reads ``notebooks/*.ipynb`` with their stored outputs (nothing is executed) and writes
``build/slides/NN_name.slides.html`` beside local copies of reveal.js (``reveal.js/``, from the
sphinx-revealjs wheel) and MathJax 2.7 (``mathjax/``, from the jupyter-server-mathjax wheel);
touches nothing else. A deck refers to nothing outside that folder, so it works from
file:// with no network. Slides, subslides, fragments, skipped cells and speaker notes
come from each cell's ``metadata.slideshow.slide_type``; each slide's speaker notes also get
its row of the teacher's guide (``docs/teaching.md``, read by ``tools/lessons.py``). A live
panel's slide shows the panel's stored figure with a cue to switch to the notebook. Every
slide is reached with the arrow keys alone (reveal.js's linear navigation).

The offline template parts and the stored-output check live here and are shared with
``build_handouts.py``.
"""

from __future__ import annotations

import copy
import html
import importlib.util
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
import nbformat.v4
from jinja2 import DictLoader

from tools import cli, lessons

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
OUT = ROOT / "build" / "slides"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
MATHJAX_CONFIG = "TeX-AMS-MML_HTMLorMML-full,Safe"  # the one combined config the wheel ships
SLIDE_SIZE = (1280, 720)  # a 16:9 projector; reveal.js scales the deck to any window


def offline_head(linebreaks: bool) -> str:
    """Template blocks that every offline page overrides: no require.js, jQuery, mermaid or widget
    manager from a CDN (nothing here needs them), and MathJax from the url the exporter is given,
    with only the STIX web fonts the local copy has; a figure's text (``<figure: ...>``) as its alt. <html data-typeset="done"> once MathJax has
    typeset the page (the browser tests and the PDF printer wait for it). Automatic line breaks
    suit a page; on a slide MathJax may measure the slide while it is hidden and break a short
    formula, so slides go without; they also size a formula's em as the text's (not matched to its
    x-height, which would make it a quarter larger), as the room on a slide is counted in it."""
    return """
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}
<script type="text/x-mathjax-config">
MathJax.Hub.Config({
  tex2jax: {inlineMath: [["$", "$"], ["\\\\(", "\\\\)"]], displayMath: [["$$", "$$"], ["\\\\[", "\\\\]"]],
            processEscapes: true, processEnvironments: true},
  "HTML-CSS": {availableFonts: [], webFont: "STIX-Web", imageFont: null, preferredFont: null,
               linebreaks: {automatic: LINEBREAKS}MATCH},
  displayAlign: "center", messageStyle: "none", showMathMenu: false
});
MathJax.Hub.Register.StartupHook("End", function () { document.documentElement.dataset.typeset = "done"; });
</script>
<script src="{{ resources.mathjax_url }}"></script>
{%- endblock html_head_js_mathjax -%}
{% block data_png scoped %}
<div class="jp-RenderedImage jp-OutputArea-output {{ extra_class }}">
<img src="data:image/png;base64,{{ output.data['image/png'] | escape_html }}"
     alt="{{ output.data.get('text/plain', 'figure') | trim('<>') | escape_html }}"
{%- set width = output | get_metadata('width', 'image/png') %}{% if width is not none %} width="{{ width }}"{% endif %}>
</div>
{% endblock data_png %}
""".replace("LINEBREAKS", "true" if linebreaks else "false").replace("MATCH", "" if linebreaks else ", matchFontHeight: false")


SLIDES_TEMPLATE = "{%- extends 'index.html.j2' -%}" + offline_head(linebreaks=False) + """
{%- block html_head_css -%}
<style>
  /* Type for the back row of a room: at 1280x720 reveal.js scales the slide by 0.96, so body text at
     32 px shows at 30.8 px, printed outputs at 30 px at 28.8 px, and no formula's subscript or
     superscript below 80 % of its formula's 32 px (24.6 px on the screen; MathJax's scriptminsize, set below). */
  .reveal-viewport .reveal { font-size: 32px; }  /* more specific than the theme's .reveal rule */
  .reveal .jp-RenderedHTMLCommon, .reveal .jp-RenderedMarkdown, .reveal .jp-OutputArea-output,
  .reveal .jp-RenderedHTMLCommon table, .reveal .jp-RenderedHTMLCommon li { font-size: 32px; line-height: 1.3; }
  .reveal .slides div.jp-OutputArea-output > pre, .reveal .slides .jp-RenderedText pre { font-size: 30px; line-height: 1.25; box-shadow: none;
                                                                     width: auto; margin: 0.2em 0; white-space: pre-wrap; }
  .reveal code { font-size: 0.95em; }
  .reveal .slides section h1 { font-size: 56px; } .reveal .slides section h2 { font-size: 46px; }
  .reveal .slides section h3 { font-size: 40px; }
  .reveal .slides section h1, .reveal .slides section h2, .reveal .slides section h3 {
    text-transform: none; margin-bottom: 0.3em; }  /* names like out_h1 stay as written */
  .reveal .jp-RenderedHTMLCommon table { margin: 0 auto; }
  .reveal .jp-OutputArea-output .MathJax_Display { margin: 0.2em 0; }
  .reveal a.anchor-link { display: none; }
  /* Every slide is laid out from the top, its figure taking all the room the rest leaves:
     a projected diagram's numbers must reach the back row. */
  .reveal .slides section { height: 100%; box-sizing: border-box; padding: 8px 16px; }
  .reveal .slides section > section { padding: 0; }
  .reveal .slides section.bp-figure { display: flex !important; flex-direction: column; }
  .reveal .slides section.bp-figure:not(.present) { display: none !important; }
  .reveal section.bp-figure div:has(img) { flex: 1 1 0; min-height: 0; display: flex; flex-direction: column; }
  .reveal section.bp-figure img { flex: 1 1 0; min-height: 0; width: 100%; height: 100%; max-width: none; max-height: none;
                                  object-fit: contain; margin: 0; }
  /* the cue on a panel's slide: switch to the live notebook */
  .reveal .bp-live { margin: 0.3em auto 0; padding: 0.25em 0.8em; border: 3px solid #006BA7; border-radius: 10px;
                     color: #1A1A1A; background: #E6F0F6; font-size: 32px; width: fit-content; }
  /* reveal.js's slide number, white on 40 % black (2.8:1 on white), as ink on white: 17:1 */
  .reveal .slide-number { color: #1A1A1A; background-color: #FFFFFF; border: 1px solid #1A1A1A; font-size: 20px; }
  .reveal .progress { color: #006BA7; }
</style>
{%- endblock html_head_css -%}
{% block footer_js %}
<script>
MathJax.Hub.Register.StartupHook("mml Jax Ready", function () {
  MathJax.ElementJax.mml.math.prototype.defaults.scriptminsize = "0.8em";  /* subscripts, fraction parts: 80 % of the formula, never less */
});
</script>
<script src="{{ resources.reveal.url_prefix }}/dist/reveal.js"></script>
<script src="{{ resources.reveal.url_prefix }}/plugin/notes/notes.js"></script>
<script>
for (const img of document.querySelectorAll(".reveal .slides section img")) {
  const slide = img.closest("section:not(:has(> section))");
  if (slide) slide.classList.add("bp-figure");
}
Reveal.initialize({
  controls: true, progress: true, history: true, center: false,
  navigationMode: "linear",  // the arrow keys and the space bar walk every slide, in order
  transition: "{{ resources.reveal.transition }}", slideNumber: "{{ resources.reveal.number }}",
  width: {{ resources.reveal.width }}, height: {{ resources.reveal.height }},
  plugins: [RevealNotes]
});
// MathJax measures what it typesets: a slide that was hidden is typeset again when shown
Reveal.on("slidechanged", function (event) {
  MathJax.Hub.Queue(["Rerender", MathJax.Hub, event.currentSlide]);
});
</script>
{% endblock footer_js %}
"""


class MissingOutputs(RuntimeError):
    """A notebook without its stored outputs: slides and handouts show outputs, never run code."""


def package_dir(name: str) -> Path:
    """Where an installed package lives, without importing it (sphinx_revealjs imports Sphinx)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"the package {name!r} is not installed: run `make setup`")
    return Path(next(iter(spec.submodule_search_locations)))


def mathjax_dir() -> Path:
    return package_dir("jupyter_server_mathjax") / "static"


def reveal_dir() -> Path:
    return package_dir("sphinx_revealjs") / "_static" / "revealjs"


def require_outputs(nb: nbformat.NotebookNode, path: Path) -> None:
    """Refuse a notebook whose code cells were not all run and stored (``make notebooks``)."""
    missing = [i for i, c in enumerate(nb.cells)
               if c.cell_type == "code" and c.source.strip() and c.get("execution_count") is None]
    if missing:
        raise MissingOutputs(f"{path}: code cell(s) {missing} have no stored output (no execution count); "
                             f"run `make notebooks` first, slides and handouts show the stored outputs")


def static_outputs(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy whose widget views fall back to their text: no widget state is stored, so a view
    could only show a broken widget."""
    nb = copy.deepcopy(nb)
    if "widgets" not in nb.metadata:
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                output.get("data", {}).pop(WIDGET_VIEW, None)
    return nb


def deck_outputs(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """What a slide shows of the stored outputs: widget views as their figure (or text), and a
    figure alone (the numbers a figure cell also prints are there for the checks and the
    handout; the figure shows them, and both would not fit one slide)."""
    nb = static_outputs(nb)
    for cell in nb.cells:
        outputs = cell.get("outputs", [])
        if any("image/png" in o.get("data", {}) for o in outputs):
            cell.outputs = [o for o in outputs if o.get("output_type") != "stream"]
    return nb


def slide_type(cell: nbformat.NotebookNode) -> str:
    """The cell's ``metadata.slideshow.slide_type`` ('-' when unset)."""
    return cell.metadata.get("slideshow", {}).get("slide_type", "-") or "-"


@dataclass(frozen=True)
class Slide:
    """One slide of a deck: its title and its cells (shown and speaker notes), by index."""

    title: str
    cells: tuple[int, ...]


_LEAD = re.compile(r"^(?:>\s*)?\*\*(.+?)\*\*")  # a paragraph's bold lead-in, e.g. **Check it yourself.**


def _title(nb: nbformat.NotebookNode, cells: list[int]) -> str:
    """A slide's title: its first heading, else a bold lead-in, else its figure's description."""
    shown = [nb.cells[i] for i in cells if slide_type(nb.cells[i]) != "notes"]
    for cell in shown:
        first = cell.source.strip().splitlines()[0] if cell.cell_type == "markdown" and cell.source.strip() else ""
        if first.startswith("#"):
            return lessons.plain(first)
        lead = _LEAD.match(first)
        if lead:
            return lessons.plain(lead.group(1)).rstrip(".:")
    for cell in shown:
        for output in cell.get("outputs", []):
            text = output.get("data", {}).get("text/plain", "")
            if "image/png" in output.get("data", {}) and text.startswith("<figure: "):
                description = text[len("<figure: "):].rstrip(">")
                first = description.split(" ")[0]  # a sentence is capitalised, a name (w2, E_total) is not
                return description[:1].upper() + description[1:] if first.isalpha() else description
    return "untitled"  # a continuation: it takes the title of the slide before


def slides(nb: nbformat.NotebookNode) -> list[Slide]:
    """The deck's slides in order, as reveal.js walks them (a slide or subslide each), with a
    title unique in the deck: a slide without a heading, lead-in or figure of its own continues
    the one before, whose title it takes with ' (2)', ' (3)' ... (so does a repeated heading)."""
    groups: list[list[int]] = []
    for i, cell in enumerate(nb.cells):
        kind = slide_type(cell)
        if kind == "skip":
            continue
        if not groups or (kind in ("slide", "subslide") and any(slide_type(nb.cells[j]) != "notes" for j in groups[-1])):
            groups.append([])
        groups[-1].append(i)
    found: list[Slide] = []
    seen: dict[str, int] = {}
    base = ""
    for cells in groups:
        title = _title(nb, cells)
        title = base if title == "untitled" and base else title  # a slide that continues the one before
        base = title
        seen[title] = seen.get(title, 0) + 1
        found.append(Slide(title if seen[title] == 1 else f"{title} ({seen[title]})", tuple(cells)))
    return found


def base_title(title: str) -> str:
    """The title a continuation slide continues: 'Summary (2)' -> 'Summary'."""
    return re.sub(r" \(\d+\)$", "", title)


def _markdown(source: str, kind: str) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_markdown_cell(source)
    cell.metadata["slideshow"] = {"slide_type": kind}
    return cell


def live_cue(notebook: str, title: str) -> str:
    """What a panel's slide says under its figure: where to find the live panel."""
    return f'<p class="bp-live" title="{html.escape(title)}">&#9654; Switch to the live notebook {html.escape(notebook)}</p>'


def deck_notebook(nb: nbformat.NotebookNode, name: str, rows: list[lessons.Row] | None = None) -> nbformat.NotebookNode:
    """The notebook as its deck shows it: the stored outputs as :func:`deck_outputs` keeps them, a
    live panel's figure with a cue to switch to the notebook, and each slide's row of the guide
    (``rows``, by slide title; a continuation gets the row of the slide it continues) as its
    speaker notes; every formula in the notes as plain text
    (the speaker view does not typeset)."""
    by_title = {title: row for row in rows or [] for title in row.slides()}
    cells: list[nbformat.NotebookNode] = []
    for slide in slides(nb):
        for i in slide.cells:
            cell = copy.deepcopy(nb.cells[i])
            if slide_type(cell) == "notes":
                cell.source = lessons.math_as_text(cell.source).replace("<details>", "<details open>")
            cells.append(cell)
            if any(WIDGET_VIEW in o.get("data", {}) for o in cell.get("outputs", [])):
                cells.append(_markdown(live_cue(name[:2], slide.title), "-"))
        row = by_title.get(slide.title) or by_title.get(base_title(slide.title))
        if row is not None:
            cells.append(_markdown(lessons.math_as_text(row.notes()), "notes"))
    deck = copy.deepcopy(nb)
    deck.cells = cells
    return deck_outputs(deck)


REVEAL_THEME = "white"  # its fonts come with it (some other themes import web fonts)
REVEAL_FILES = ("dist/reveal.css", "dist/reveal.js", f"dist/theme/{REVEAL_THEME}.css",
                "dist/theme/fonts/source-sans-pro", "plugin/notes/notes.js")


def copy_assets(out: Path) -> None:
    """The parts of reveal.js the template loads, and MathJax, into ``out``; replaced every build."""
    for name, source in [(f"reveal.js/{f}", reveal_dir() / f) for f in REVEAL_FILES] + [("mathjax", mathjax_dir())]:
        target = out / name
        if target.is_dir():
            shutil.rmtree(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copyfile(source, target)


def slides_exporter():  # -> nbconvert.SlidesExporter (untyped package)
    from nbconvert import SlidesExporter

    exporter = SlidesExporter(
        extra_loaders=[DictLoader({"bp_slides.html.j2": SLIDES_TEMPLATE})], template_file="bp_slides.html.j2",
        reveal_url_prefix="reveal.js", mathjax_url=f"mathjax/MathJax.js?config={MATHJAX_CONFIG}",
        reveal_width=str(SLIDE_SIZE[0]), reveal_height=str(SLIDE_SIZE[1]), reveal_transition="slide",
        reveal_number="c/t", reveal_theme=REVEAL_THEME, exclude_input_prompt=True, exclude_output_prompt=True,
        exclude_input=True)  # a deck shows what the code computes: the formulas, numbers and figures
    return exporter


def lesson_rows(path: Path, guide: dict[str, list[lessons.Row]] | None = None) -> list[lessons.Row]:
    """The guide's rows for the notebook at ``path`` (by its number, "03_..." -> "03"); none for others."""
    return (lessons.plans() if guide is None else guide).get(path.stem[:2], [])


def build_deck(path: Path, out: Path, exporter=None, guide: dict[str, list[lessons.Row]] | None = None) -> Path:
    """One notebook's deck in ``out`` (which must hold the assets: ``copy_assets``), its speaker
    notes from the guide's lesson plan (``guide``, default: read from docs/teaching.md)."""
    nb = nbformat.read(path, as_version=4)
    require_outputs(nb, path)
    body, _ = (exporter or slides_exporter()).from_notebook_node(
        deck_notebook(nb, path.stem, lesson_rows(path, guide)), resources={"metadata": {"name": path.stem}})
    target = out / f"{path.stem}.slides.html"
    target.write_text(body, encoding="utf-8")
    return target


def build(notebooks: list[Path], out: Path) -> list[Path]:
    """One deck per notebook in ``out``, assets beside them; returns the decks written.
    Every notebook is checked for stored outputs before anything is written."""
    for path in notebooks:
        require_outputs(nbformat.read(path, as_version=4), path)
    out.mkdir(parents=True, exist_ok=True)
    copy_assets(out)
    exporter, guide = slides_exporter(), lessons.plans()
    return [build_deck(path, out, exporter, guide) for path in notebooks]


def main(argv: list[str] | None = None) -> int:
    return cli.run(argv, name="build_slides", description=__doc__.splitlines()[0], out=OUT, build=build,
                   refused=(MissingOutputs,))


if __name__ == "__main__":
    sys.exit(main())
