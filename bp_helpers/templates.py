"""How each step of a worked example is written: the article's names for any network, and
the formulas around the activations' and error functions' own (:mod:`bp_helpers.functions`).

A template is a pair (tex, text) with ``<quantity>`` placeholders, as a
:class:`~bp_helpers.equations.Step` takes it. Strings only: :mod:`bp_helpers.worked` puts
the numbers beside them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from . import names
from .validation import InputTypeError, InputValueError

Template = tuple[str, str]  # (tex, text)

_DOT = r" \cdot "
_SLOT = re.compile(r"<(\w+)>")


def slot(name: str) -> str:
    """The placeholder of a quantity in a template: ``<out_h1>``."""
    return f"<{name}>"


def product(*factors: str) -> Template:
    """Quantities multiplied: delta_o1*out_h2."""
    return _DOT.join(map(slot, factors)), "*".join(map(slot, factors))


def total(*terms: str) -> Template:
    """Quantities added: E_o1 + E_o2."""
    text = " + ".join(map(slot, terms))
    return text, text


def alone(name: str) -> Template:
    """A quantity that equals another, e.g. dnet_o1_dw5 = out_h1."""
    return slot(name), slot(name)


def weighted_sum(weights: list[str], sources: list[str], bias: str) -> Template:
    """A neuron's net input: w1*i1 + w2*i2 + b1*1."""
    tex = " + ".join(f"{slot(w)}{_DOT}{slot(s)}" for w, s in zip(weights, sources, strict=True))
    text = " + ".join(f"{slot(w)}*{slot(s)}" for w, s in zip(weights, sources, strict=True))
    return f"{tex} + {slot(bias)}{_DOT}1", f"{text} + {slot(bias)}*1"


def update(parameter: str) -> Template:
    """One step of gradient descent: w5 - eta*dE_dw5."""
    p, eta, gradient = slot(parameter), slot(names.ETA), slot(names.gradient(parameter))
    return f"{p} - {eta}{_DOT}{gradient}", f"{p} - {eta}*{gradient}"


def of_function(function: Any, derivative: bool, owner: str, **slots: str) -> Template:
    """A function's own template (or its derivative's), its placeholders filled: <net>, <out>,
    <target> with a neuron's quantities, <n> with the number of outputs."""
    prefix = "derivative_" if derivative else ""
    tex, text = getattr(function, prefix + "tex", None), getattr(function, prefix + "text", None)
    if not (isinstance(tex, str) and isinstance(text, str)):
        raise InputTypeError(f"{owner}: expected a function carrying its formulas as templates "
                        f"({prefix}tex, {prefix}text) to show it step by step, got {function!r}")

    def fill(match: re.Match[str]) -> str:
        if match.group(1) not in slots:
            raise InputValueError(f"{owner}: expected placeholders among {', '.join(f'<{s}>' for s in slots)} in its "
                             f"{prefix}templates, got <{match.group(1)}>")
        return slots[match.group(1)]
    return _SLOT.sub(fill, tex), _SLOT.sub(fill, text)


@dataclass(frozen=True)
class Names:
    """The article's names for a network of these sizes and this many examples."""

    neurons: tuple[tuple[str, ...], ...]  # inputs first
    parameters: tuple[names.Parameter, ...]
    examples: int

    @property
    def each(self) -> range:
        """The examples' indices, from 0."""
        return range(self.examples)

    def at(self, name: str, n: int) -> str:
        """``name`` for example n (from 0): its number in brackets in a batch, none for one example."""
        return names.of_example(name, n + 1) if self.examples > 1 else name

    def out(self, layer: int, k: int, n: int) -> str:
        """What neuron k of ``layer`` (0: the inputs) passes on: i1, or out_h1."""
        neuron = self.neurons[layer][k]
        return self.at(neuron if layer == 0 else names.out(neuron), n)

    @cached_property
    def _where(self) -> dict[tuple[str, int, tuple[int, ...]], str]:
        return {(p.kind, p.layer, p.index): p.name for p in self.parameters}

    def weight(self, l: int, j: int, k: int) -> str:
        return self._where["weights", l, (j, k)]

    def bias(self, l: int, j: int) -> str:
        return self._where.get(("biases", l, (j,))) or self._where["biases", l, (0,)]  # per neuron, or shared
