"""The article's worked example in its five sections: which steps each shows, in which order.

A section names its steps; their formulas are those of :func:`bp_helpers.worked_example` for
the article's network (:func:`article_templates`), so the article and any other network are
worked by one mechanism. :func:`is_article_example` tells the article's steps from any other
network's, and :func:`at_article_settings` whether they are at the article's settings: the
two questions a view asks before it shows the article's printed numbers (:mod:`bp_helpers.verdicts`).
Pure: no IPython, no drawing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from . import names, verdicts
from .article import ARTICLE_SETTINGS, INPUTS, LEARNING_RATE, PARAMETERS, TARGETS, article_network
from .equations import Step, placeholders
from .validation import InputValueError
from .worked import worked_example


@cache
def article_templates() -> Mapping[str, tuple[str, str]]:
    """name -> (tex, text) of every step of the worked example of the article's network."""
    example = worked_example(article_network(), INPUTS, TARGETS, LEARNING_RATE)
    return MappingProxyType({step.name: (step.tex, step.text) for step in example.steps})


@dataclass(frozen=True)
class ArticleStep(Step):
    """A step of one of the article's sections, which also knows the number the article prints
    for it and the verdict on it (:mod:`bp_helpers.verdicts`, the one source of ✓ and ✗)."""

    @property
    def printed(self) -> str | None:
        """The article's printed number for this step, if it prints one."""
        return verdicts.PRINTED_STEPS.get(self.name)

    @property
    def match(self) -> bool | None:
        """Does the value read as the article's number? None: nothing printed, or not at its settings."""
        return verdicts.of_step(self.name, self.value, at_article_settings(self.values)).match


@dataclass(frozen=True)
class Section:
    """What a section shows: its steps (by name, in its order), its figure and the part of the
    network it highlights. The steps' formulas are the worked example's for the article's network."""

    key: str
    title: str
    names: tuple[str, ...]
    figure: str  # "network", "chain_w5" or "chain_w1" (drawn by bp_helpers.sections.diagram)
    highlight: tuple[str, ...] = ()

    @property
    def steps(self) -> tuple[tuple[str, str, str], ...]:
        """(name, tex, text) of each step."""
        templates = article_templates()
        return tuple((name, *templates[name]) for name in self.names)

    def compute(self, values: Mapping[str, float], *names: str) -> list[ArticleStep]:
        """The section's steps (or just ``names``) evaluated at ``values`` from ``quantities()``."""
        unknown = [n for n in names if n not in self.names]
        if unknown:
            raise InputValueError(f"names: expected steps of section {self.key!r} ({', '.join(self.names)}), "
                                  f"got {unknown}")
        steps = self.steps
        missing = {n for _, tex, _ in steps for n in placeholders(tex)} | set(self.names)
        missing -= set(values)
        if missing:
            raise InputValueError(f"values: expected every quantity of quantities(), missing {sorted(missing)}")
        return [ArticleStep(name, tex, text, values) for name, tex, text in steps if not names or name in names]

    @property
    def uses_learning_rate(self) -> bool:
        """Does any of the section's formulas use η (then its panel has a slider for it)?"""
        return any(names.ETA in placeholders(tex) for _, tex, _ in self.steps)


_WEIGHTS = tuple(name for name, (kind, _, _) in PARAMETERS.items() if kind == "weights")

SECTIONS: Mapping[str, Section] = MappingProxyType({s.key: s for s in (
    Section("forward", "The forward pass",
            ("net_h1", "out_h1", "net_h2", "out_h2", "net_o1", "out_o1", "net_o2", "out_o2"),
            "network", ()),  # the forward pass uses every line: nothing is greyed out
    Section("error", "The total error", ("E_o1", "E_o2", "E_total"), "network", ("o1", "o2", "E_total")),
    Section("output", "The backward pass: output layer", (
        "dE_dout_o1", "dout_o1_dnet_o1", "dnet_o1_dw5", "dE_dw5", "delta_o1", "w5_new", "dE_dw6", "w6_new",
        "dE_dout_o2", "dout_o2_dnet_o2", "delta_o2", "dE_dw7", "w7_new", "dE_dw8", "w8_new",
    ), "chain_w5", ("w5", "h1", "o1", "E_total")),
    Section("hidden", "The backward pass: hidden layer", (
        "dE_o1_dout_h1", "dE_o2_dout_h1", "dE_dout_h1", "dout_h1_dnet_h1", "dnet_h1_dw1", "dE_dw1", "delta_h1",
        "w1_new", "dE_dw2", "w2_new",
        "dE_o1_dout_h2", "dE_o2_dout_h2", "dE_dout_h2", "dout_h2_dnet_h2", "delta_h2", "dE_dw3", "w3_new",
        "dE_dw4", "w4_new",
    ), "chain_w1", ("w1", "i1", "h1", "o1", "o2", "E_total")),
    Section("update", "The update", (
        *(names.new(w) for w in _WEIGHTS), names.new(names.TOTAL), "dE_db1", "dE_db2",
    ), "network", ()),
)})


def section(key: str) -> Section:
    """The section ``key`` ('forward', 'error', 'output', 'hidden', 'update'), or an error naming ``section``."""
    if not isinstance(key, str) or key not in SECTIONS:
        raise InputValueError(f"section: expected one of {', '.join(map(repr, SECTIONS))}, got {key!r}")
    return SECTIONS[key]


def at_article_settings(values: Mapping[str, float]) -> bool:
    """True when every parameter, input, target and the learning rate are the article's."""
    return all(values.get(k) == v for k, v in ARTICLE_SETTINGS.items())


# The steps that carry the network's activation and error function: a 2-2-2 network with other
# functions is not the article's network, whatever its settings.
_FUNCTION_STEPS = ("out", "slope", "error", "error_slope")


def is_article_example(steps: Sequence[Step]) -> bool:
    """True when ``steps`` are the worked example of the article's network: its 2-2-2 shape
    with shared biases b1, b2, one example, logistic neurons and the half squared error
    (at any settings). Another network's steps never get the article's numbers."""
    given = set()
    for name in steps[0].values:
        q = names.parse(name)
        if q is not None and q.kind in ("input", "weight", "bias", "target") and not q.new and q.example is None:
            given.add(name)
    if given != set(ARTICLE_SETTINGS) - {names.ETA}:
        return False
    templates = article_templates()
    function_steps = [s for s in steps if s.name in templates and _carries_functions(s.name)]
    return all((s.tex, s.text) == templates[s.name] for s in function_steps)


def _carries_functions(name: str) -> bool:
    q = names.parse(name)
    return q is not None and q.kind in _FUNCTION_STEPS and not q.new
