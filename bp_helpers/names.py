"""The article's names extended to any layer sizes, and where each name lives in the arrays.

* Neurons: inputs ``i1, i2, ...``; one hidden layer ``h1, h2, ...``; with more hidden layers
  each gets its own letter, ``h``, then ``j``, ``k`` (``i`` belongs to the inputs, ``l`` reads
  like 1), up to the layers that can be shown (:mod:`bp_helpers.limits`); outputs ``o1, o2, ...``.
* Weights are numbered the way the article numbers them: layer by layer, then by the neuron
  they feed into, then by the neuron they come from. The article's 2-2-2 network gets
  w1 = i1->h1, w2 = i2->h1, w3 = i1->h2, w4 = i2->h2, w5 = h1->o1, ..., w8 = h2->o2.
* Biases: one per layer, shared by its neurons (the article's b1, b2), or one per neuron,
  numbered like the weights (layer by layer, then neuron).
* Quantities: every number of a worked example (``net_h1``, ``dE_dw5``, ``w5_new``, ``net_h1[2]``
  for example 2 of a batch) is named by a function here, read back by :func:`parse` and written
  in LaTeX by :func:`tex`. No other module builds or reads a name by hand.

Pure: names and indices only.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from .limits import SHOWN_LAYERS
from .validation import InputValueError, as_count, as_layers, check_flag

# h, then j, k, m (i belongs to the inputs, l reads like 1): one for each hidden layer that can be shown
HIDDEN_LETTERS = "hjkm"[:SHOWN_LAYERS - 2]


@dataclass(frozen=True)
class Parameter:
    """One weight or bias: its name, where it lives, and the neurons it joins."""

    name: str  # w5, b1
    kind: Literal["weights", "biases"]
    layer: int  # index into Network.weights / Network.biases
    index: tuple[int, ...]  # (j, k) in weights[layer]; (j,) in biases[layer]
    source: str  # the neuron it comes from ("1" for a bias: its input is always 1)
    target: str  # the neuron it feeds; a shared bias feeds every neuron of its layer: "h1, h2"


def check_sizes(sizes: Sequence[int]) -> tuple[int, ...]:
    """Layer sizes, inputs first, e.g. (2, 2, 2): at least two layers of at least one neuron."""
    values = as_layers("sizes", sizes, "layer sizes")
    if len(values) < 2:
        raise InputValueError(f"sizes: expected at least two layer sizes like (2, 2, 2), got {tuple(values)!r}")
    if len(values) > SHOWN_LAYERS:
        raise InputValueError(f"sizes: expected at most {SHOWN_LAYERS - 2} hidden layers, got {len(values) - 2}")
    return tuple(as_count(f"sizes[{i}]", n, minimum=1) for i, n in enumerate(values))


def layer_letters(sizes: Sequence[int]) -> tuple[str, ...]:
    """The letter of each layer, inputs first: ('i', 'h', 'o') for the article."""
    sizes = check_sizes(sizes)
    return ("i", *HIDDEN_LETTERS[:len(sizes) - 2], "o")


def neurons(sizes: Sequence[int]) -> tuple[tuple[str, ...], ...]:
    """Every neuron's name, layer by layer, inputs first."""
    sizes = check_sizes(sizes)
    return tuple(tuple(f"{letter}{j + 1}" for j in range(n)) for letter, n in zip(layer_letters(sizes), sizes,
                                                                                   strict=True))


def parameters(sizes: Sequence[int], shared_bias: bool = True) -> tuple[Parameter, ...]:
    """Every weight, then every bias, in the article's numbering."""
    sizes = check_sizes(sizes)
    check_flag("shared_bias", shared_bias)
    names = neurons(sizes)
    weights: list[Parameter] = []
    biases: list[Parameter] = []
    for layer in range(len(sizes) - 1):
        sources, targets = names[layer], names[layer + 1]
        for j, target in enumerate(targets):
            for k, source in enumerate(sources):
                weights.append(Parameter(f"w{len(weights) + 1}", "weights", layer, (j, k), source, target))
        if shared_bias:
            biases.append(Parameter(f"b{len(biases) + 1}", "biases", layer, (0,), "1", ", ".join(targets)))
        else:
            biases += [Parameter(f"b{len(biases) + j + 1}", "biases", layer, (j,), "1", target)
                       for j, target in enumerate(targets)]
    return tuple(weights + biases)


def weight_name(sizes: Sequence[int], layer: int, j: int, k: int) -> str:
    """The name of weights[layer][j, k]: the article's w-number of the line from neuron k to neuron j."""
    sizes = check_sizes(sizes)
    if not (0 <= layer < len(sizes) - 1 and 0 <= j < sizes[layer + 1] and 0 <= k < sizes[layer]):
        raise InputValueError(f"layer, j, k: expected an entry of the weight matrices of sizes {sizes}, "
                         f"got {(layer, j, k)}")
    before = sum(a * b for a, b in itertools.pairwise(sizes[:layer + 1]))  # weights of the layers before
    return f"w{before + j * sizes[layer] + k + 1}"


def bias_sharing(sizes: Sequence[int], bias_shapes: Sequence[tuple[int, ...]]) -> bool:
    """True when every layer's neurons share one bias (the article's b1, b2), False when each
    neuron has its own (a layer of one neuron reads either way): the rule the names number
    biases by. A network that mixes the two has no names: refused, naming ``network``."""
    shared = [shape[-1] == 1 for shape, n in zip(bias_shapes, sizes[1:], strict=True) if n > 1]
    if any(shared) and not all(shared):
        raise InputValueError(f"network: expected every layer's bias shared (shape (1,)) or every layer's per "
                              f"neuron, got bias shapes {list(bias_shapes)}")
    return all(shared)


# --- quantity names: the one place they are built and read ----------------------------------------
#
# Every number of a worked example has a name in the article's scheme: ``net_h1``, ``out_o1``,
# ``E_o1``, ``E_total``, ``dE_dout_o1`` (the total error's slope by an output), ``dout_o1_dnet_o1``,
# ``dnet_o1_dw5``, ``dE_o1_dout_h1`` (the part of the error reaching out_h1 through o1),
# ``delta_o1``, ``dE_dw5``, ``w5_new``; in a batch each example's carries its number, ``net_h1[2]``.
# The functions below build them; :func:`parse` reads one back; :func:`tex` writes one in LaTeX.

TOTAL = "E_total"  # the total error
ETA = "eta"  # the learning rate

Kind = Literal["input", "weight", "bias", "neuron", "eta", "target", "net", "out", "delta", "error", "total",
               "error_slope", "slope", "input_slope", "road", "gradient"]


def net(neuron: str) -> str:
    """A neuron's net input: ``net_h1``."""
    return f"net_{neuron}"


def out(neuron: str) -> str:
    """A neuron's output: ``out_h1``."""
    return f"out_{neuron}"


def target(neuron: str) -> str:
    """An output neuron's target: ``target_o1``."""
    return f"target_{neuron}"


def error(neuron: str) -> str:
    """An output neuron's share of the error: ``E_o1``."""
    return f"E_{neuron}"


def delta(neuron: str) -> str:
    """dE/dnet of a neuron: ``delta_o1``."""
    return f"delta_{neuron}"


def error_slope(neuron: str) -> str:
    """How the total error changes with a neuron's output: ``dE_dout_o1``."""
    return f"dE_dout_{neuron}"


def slope(neuron: str) -> str:
    """A neuron's activation slope, dout/dnet: ``dout_o1_dnet_o1``."""
    return f"dout_{neuron}_dnet_{neuron}"


def input_slope(neuron: str, weight: str) -> str:
    """How a neuron's net input changes with a weight into it: ``dnet_o1_dw5``."""
    return f"dnet_{neuron}_d{weight}"


def road(later: str, earlier: str) -> str:
    """The part of the error reaching ``earlier``'s output through ``later``: ``dE_o1_dout_h1``."""
    return f"dE_{later}_dout_{earlier}"


def gradient(parameter: str) -> str:
    """The total error's gradient by a weight or bias: ``dE_dw5``."""
    return f"dE_d{parameter}"


def new(name: str) -> str:
    """A quantity after the update: ``w5_new``, ``out_o1_new``, ``E_total_new``."""
    return f"{name}_new"


def after(name: str, updates: int) -> str:
    """A quantity after a number of updates, as the article's closing figures are named:
    ``E_total_after_10000``."""
    return f"{name}_after_{updates}"


def of_example(name: str, n: int) -> str:
    """``name`` for example ``n`` of a batch, numbered from 1: ``net_h1[2]``."""
    return f"{name}[{n}]"


@dataclass(frozen=True)
class Quantity:
    """What a name says: its kind, the neurons or parameter it concerns, after the update or not,
    and its example in a batch (from 1; None for one example)."""

    kind: Kind
    of: tuple[str, ...]  # (h1,); (w5,); a road (o1, h1): through o1 to h1; an input slope (o1, w5)
    new: bool = False
    example: int | None = None


_N = r"[a-z]\d+"  # a neuron or a parameter: h1, o2, w5, b1
_PATTERNS: tuple[tuple[Kind, str], ...] = (
    ("total", r"E_total"),
    ("eta", r"eta"),
    ("error", rf"E_({_N})"),
    ("error_slope", rf"dE_dout_({_N})"),
    ("road", rf"dE_({_N})_dout_({_N})"),
    ("gradient", r"dE_d([wb]\d+)"),
    ("slope", rf"dout_({_N})_dnet_\1"),
    ("input_slope", rf"dnet_({_N})_d(w\d+)"),
    ("net", rf"net_({_N})"),
    ("out", rf"out_({_N})"),
    ("delta", rf"delta_({_N})"),
    ("target", rf"target_({_N})"),
    ("input", r"(i\d+)"),
    ("weight", r"(w\d+)"),
    ("bias", r"(b\d+)"),
    ("neuron", rf"({_N})"),
)
_FORMS = tuple((kind, re.compile(pattern)) for kind, pattern in _PATTERNS)
_EXAMPLE = re.compile(r"(.+)\[(\d+)\]")


def base(name: str) -> str:
    """A quantity's name without its example number: ``net_h1[2]`` -> ``net_h1``."""
    found = _EXAMPLE.fullmatch(name)
    return found.group(1) if found else name


def parse(name: str) -> Quantity | None:
    """What a quantity's name says (None: not a name of the scheme).

    ``parse("dE_o1_dout_h1[2]")`` -> Quantity("road", ("o1", "h1"), example=2).
    """
    found = _EXAMPLE.fullmatch(name)
    stem, example = (found.group(1), int(found.group(2))) if found else (name, None)
    is_new = stem.endswith("_new")
    if is_new:
        stem = stem[:-4]
    for kind, pattern in _FORMS:
        match = pattern.fullmatch(stem)
        if match:
            return Quantity(kind, match.groups(), is_new, example)
    return None


Fraction = Literal["frac", "dfrac", "slash"]


def tex(name: str, fraction: Fraction = "frac") -> str:
    """LaTeX (and mathtext) for a quantity's name in the article's notation: ``dE_dw5`` -> a
    partial-derivative fraction, ``net_h1`` -> net_{h1}, ``w5`` -> w_{5}, ``net_h1[2]`` (example 2
    of a batch) -> net_{h1}^{(2)}, ``w5_new`` -> w_{5}^{+}.

    ``fraction``: a derivative as ``\\frac``, as ``\\dfrac`` (full size, for a figure), or as
    ``\\partial a/\\partial b`` on one line (``"slash"``).
    """
    q = parse(name)
    if q is None:  # not of the scheme: its first part with the rest as a subscript
        head, _, tail = name.partition("_")
        return f"{head}_{{{tail}}}" if tail else name
    if q.example is not None:
        shown = tex(base(name), fraction)
        if shown.endswith("^{+}"):  # out_o1_new[2]
            return shown[:-1] + f"({q.example})}}"
        return rf"\left({shown}\right)^{{({q.example})}}" if "\\partial" in shown else f"{shown}^{{({q.example})}}"
    if q.new:
        return tex(base(name)[:-4], fraction) + "^{+}"
    return _tex_of(q, name, fraction)


def _tex_of(q: Quantity, name: str, fraction: Fraction) -> str:
    """LaTeX of a name of the scheme, after its example number and ``_new`` are taken off."""
    if q.kind == "eta":
        return r"\eta"
    if q.kind == "delta":
        return rf"\delta_{{{q.of[0]}}}"
    derivative = {
        "error_slope": lambda: (TOTAL, out(q.of[0])),
        "gradient": lambda: (TOTAL, q.of[0]),
        "slope": lambda: (out(q.of[0]), net(q.of[0])),
        "input_slope": lambda: (net(q.of[0]), q.of[1]),
        "road": lambda: (error(q.of[0]), out(q.of[1])),
    }.get(q.kind)
    if derivative is not None:
        top, bottom = (tex(n) for n in derivative())
        if fraction == "slash":
            return rf"\partial {top}/\partial {bottom}"
        return rf"\{fraction}{{\partial {top}}}{{\partial {bottom}}}"
    if q.kind in ("input", "weight", "bias", "neuron"):
        return f"{name[0]}_{{{name[1:]}}}"
    head, _, tail = name.partition("_")  # net_h1, out_o1, target_o1, E_o1, E_total
    return f"{head}_{{{tail}}}"


def mathtext(name: str, fraction: Fraction = "frac") -> str:
    """:func:`tex` between dollars, as matplotlib draws it: ``h1`` -> ``$h_{1}$``."""
    return f"${tex(name, fraction)}$"
