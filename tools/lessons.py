"""The teacher's guide's lesson plans as data: one row per slide of a lesson's deck.

``docs/teaching.md`` holds, under ``### NN — title`` for each notebook, a table

    | minutes | slide | say | ask | expect |

with one row for every slide of that notebook's deck, named by the slide's title. The guide
is the one place where a lesson's words for the teacher are written: ``make slides`` reads
these rows and puts each into its slide's speaker notes (``tools/build_slides.py``), so the
notes and the guide cannot drift apart; ``tests/test_teaching.py`` checks that every slide
has its row and every row its slide.

Also here: :func:`plain`, a title or a note with its Markdown and TeX written as plain text
(how a row names a slide, and how speaker notes show formulas without a typesetter).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "teaching.md"
COLUMNS = ("minutes", "slide", "say", "ask", "expect")
LESSON = re.compile(r"^### (\d\d) — (.+)$")


@dataclass(frozen=True)
class Row:
    """One slide's part of a lesson: when, what to say, what to ask, what answer to expect."""

    minutes: str
    slide: str
    say: str
    ask: str
    expect: str

    def slides(self) -> list[str]:
        """The titles of the slides the row is for: one, or several separated by '; '."""
        return [t.strip() for t in lessons_plain(self.slide).split(";") if t.strip()]

    def notes(self) -> str:
        """The row as speaker notes (Markdown)."""
        parts = [f"**{self.minutes} min.** {self.say}"]
        if self.ask not in ("", "—"):
            parts.append(f"**Ask:** {self.ask}")
        if self.expect not in ("", "—"):
            parts.append(f"**Expect:** {self.expect}")
        return "\n\n".join(parts)


def lessons_plain(text: str) -> str:
    return plain(text)


class GuideError(ValueError):
    """A lesson table the deck build cannot read (its message names the lesson and the line)."""


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def plans(text: str | None = None) -> dict[str, list[Row]]:
    """Every lesson's rows, by notebook number ("03"), from the guide's text (default: the file)."""
    lines = (GUIDE.read_text(encoding="utf-8") if text is None else text).splitlines()
    found: dict[str, list[Row]] = {}
    lesson = None
    for n, line in enumerate(lines, start=1):
        heading = LESSON.match(line)
        if heading:
            lesson = heading.group(1)
            continue
        if line.startswith("#"):
            lesson = None
        if lesson is None or not line.startswith("|"):
            continue
        cells = _cells(line)
        if tuple(c.lower() for c in cells) == COLUMNS or set("".join(cells)) <= set("-: "):
            continue
        if len(cells) != len(COLUMNS):
            raise GuideError(f"docs/teaching.md line {n} (lesson {lesson}): expected {len(COLUMNS)} columns "
                             f"{COLUMNS}, got {len(cells)}")
        found.setdefault(lesson, []).append(Row(*cells))
    return found


_TEX = [  # (pattern, replacement), applied in order inside $...$
    (r"\\[dt]?frac\{1\}\{2\}", "½"), (r"\\[dt]?frac\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}", r"\1/\2"),
    (r"\\partial\s*", "∂"), (r"\\cdot", "·"), (r"\\times", "×"), (r"\\eta", "η"), (r"\\delta", "δ"),
    (r"\\sigma", "σ"), (r"\\approx", "≈"), (r"\\ln", "ln"), (r"\\max", "max"), (r"\\to", "→"),
    (r"\\left|\\right", ""), (r"\\begin\{aligned\}|\\end\{aligned\}", ""), (r"\\\\", "; "), (r"&", ""),
    (r"\\[,;:!]|\\quad|\\qquad", " "), (r"\^\{\+\}|\^\+", "⁺"), (r"\^\{2\}|\^2", "²"), (r"\\mathrm|\\text", ""),
    (r"[_{}]", ""), (r"\\", ""),
]


def tex_to_text(tex: str) -> str:
    """One formula written as plain text: $\\frac{\\partial E_{total}}{\\partial w_5}$ -> ∂Etotal/∂w5."""
    for pattern, replacement in _TEX:
        tex = re.sub(pattern, replacement, tex)
    return re.sub(r"\s+", " ", tex).strip()


def math_as_text(markdown: str) -> str:
    """Markdown with every $...$ and $$...$$ formula written as plain text."""
    markdown = re.sub(r"\$\$(.+?)\$\$", lambda m: tex_to_text(m.group(1)), markdown, flags=re.DOTALL)
    return re.sub(r"\$(.+?)\$", lambda m: tex_to_text(m.group(1)), markdown)


def plain(markdown: str) -> str:
    """A line of Markdown as plain text: no heading marks, emphasis, code marks or TeX."""
    text = math_as_text(markdown.strip().lstrip("#").strip())
    text = re.sub(r"\*\*(.+?)\*\*|\*(.+?)\*|`(.+?)`", lambda m: next(g for g in m.groups() if g is not None), text)
    return re.sub(r"\s+", " ", text).strip()
