"""The article's names extended to any layer sizes, and where each name lives in the arrays.

* Neurons: inputs ``i1, i2, ...``; one hidden layer ``h1, h2, ...``; with more hidden layers
  each gets its own letter, ``h``, then ``j``, ``k`` (``i`` belongs to the inputs, ``l`` reads
  like 1), up to the layers that can be shown (:mod:`bp_helpers.limits`); outputs ``o1, o2, ...``.
* Weights are numbered the way the article numbers them: layer by layer, then by the neuron
  they feed into, then by the neuron they come from. The article's 2-2-2 network gets
  w1 = i1->h1, w2 = i2->h1, w3 = i1->h2, w4 = i2->h2, w5 = h1->o1, ..., w8 = h2->o2.
* Biases: one per layer, shared by its neurons (the article's b1, b2), or one per neuron,
  numbered like the weights (layer by layer, then neuron).

Pure: names and indices only.
"""

from __future__ import annotations

import itertools
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
