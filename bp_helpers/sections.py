"""What a section's slider panel computes, says and draws, at any settings: no widgets.

:func:`section_result` computes a section of the worked example (:mod:`bp_helpers.steps`) at
the sliders' settings; :func:`diagram` gives the figure each section shows
(:mod:`bp_helpers.diagrams`, :mod:`bp_helpers.chains`); :func:`banner` and
:func:`starting_point` are the panel's sentences.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from . import verdicts
from .article import ARTICLE_SETTINGS, START, article_network, quantities
from .chains import ChainW1, ChainW5
from .diagrams import NetworkDiagram
from .display import key_numbers
from .formats import setting
from .steps import ArticleStep, Section, at_article_settings, section
from .style import TEXT_WIDTH
from .validation import InputValueError, as_real

# The few steps a panel typesets as equations (MathJax costs about 20 ms an equation on
# every move); every step of the section is in the panel's table.
KEY_STEPS: Mapping[str, tuple[str, ...]] = {
    "forward": ("net_o1", "out_o1"),
    "error": ("E_o1", "E_total"),
    "output": ("dE_dw5", "w5_new"),
    "hidden": ("dE_dout_h1", "dE_dw1"),
    "update": ("w5_new", "E_total_new"),
}

Diagram = NetworkDiagram | ChainW5 | ChainW1


def diagram(key: str) -> Diagram:
    """The figure a section's panel shows: it shows every number the panel's sliders change."""
    sec = section(key)
    if sec.figure == "chain_w5":
        return ChainW5()
    if sec.figure == "chain_w1":
        return ChainW1()
    return NetworkDiagram(highlight=sec.highlight, updates=sec.key == "update")


@dataclass(frozen=True)
class SectionResult:
    """Everything a section panel shows at one set of settings."""

    section: str
    settings: Mapping[str, float]  # the sliders' values (w1..b2, i1, i2, target_o1, target_o2, eta)
    quantities: Mapping[str, float]  # every value of the worked example (article.quantities)
    steps: Sequence[ArticleStep]  # the section's steps at these values
    article_settings: bool  # True when every setting is the article's

    @property
    def differences(self) -> dict[str, tuple[float, float]]:
        """Settings that differ from the article's: name -> (value here, article's value)."""
        return {k: (v, ARTICLE_SETTINGS[k]) for k, v in self.settings.items() if v != ARTICLE_SETTINGS[k]}

    def key_steps(self) -> list[ArticleStep]:
        """The steps the panel typesets."""
        return [s for s in self.steps if s.name in KEY_STEPS[self.section]]


def section_result(key: str, settings: Mapping[str, float]) -> SectionResult:
    """A section computed at the given settings (any subset of ARTICLE_SETTINGS; the rest: the article's)."""
    sec: Section = section(key)
    unknown = set(settings) - set(ARTICLE_SETTINGS)
    if unknown:
        raise InputValueError(f"settings: expected names among {', '.join(ARTICLE_SETTINGS)}, got {sorted(unknown)}")
    s = {**ARTICLE_SETTINGS, **{k: as_real(k, v) for k, v in settings.items()}}
    q = quantities(article_network(**{k: s[k] for k in START}), (s["i1"], s["i2"]),
                   (s["target_o1"], s["target_o2"]), s["eta"])
    return SectionResult(sec.key, s, q, sec.compute(q), at_article_settings(q))


def banner(result: SectionResult, names: Sequence[str]) -> str:
    """One sentence: do the article's printed values apply to what the panel shows?"""
    changed = {k: v for k, v in result.differences.items() if k in names}
    if not changed:
        return (f"At the article's settings: {verdicts.MATCH} where a value matches the article's, "
                f"{verdicts.DIFFER} (with the reason) where the article is off.")
    diff = ", ".join(f"{k} = {setting(v)} (article: {setting(a)})" for k, (v, a) in changed.items())
    return f"Settings differ from the article's: {diff}. Its printed values belong to its own settings."


def starting_point(key: str) -> str:
    """What the panel shows before anyone moves a slider: its key values at the article's settings,
    each beside the article's number (what the checked cell after a panel prints)."""
    result = section_result(key, {})
    lines = ["The panel starts at the article's settings:"]
    for step in result.key_steps():
        lines.append(key_numbers(result.quantities, [step.name]))
        verdict = verdicts.of_step(step.name, step.value, True)
        if verdict.printed:
            lines.append(textwrap.fill(verdict.line(), TEXT_WIDTH, initial_indent="  ", subsequent_indent="    "))
    lines.append("Moving a slider changes the panel, not this text.")
    return "\n".join(lines)
