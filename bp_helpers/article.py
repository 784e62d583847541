"""The article's network, its names (w1..w8, b1, b2) and every number it prints.

The printed values live here only as references that computed values are compared
against; nothing shown in a notebook is read from them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from . import names
from .network import Network, check_data, check_network, forward
from .training import DEFAULT_LEARNING_RATE, Order, step, train
from .validation import InputTypeError, InputValueError, as_real
from .worked import worked_example

# name -> (kind, layer, index), in the article's numbering (bp_helpers.names): w1, w2 feed h1
# (from i1, i2), w3, w4 feed h2, w5, w6 feed o1, w7, w8 feed o2. So w2 is i2 -> h1, as the
# article's arithmetic uses it, though its figure reads otherwise (docs/errata.md, erratum 1).
PARAMETERS: Mapping[str, tuple[str, int, tuple[int, ...]]] = MappingProxyType({
    p.name: (p.kind, p.layer, p.index) for p in names.parameters((2, 2, 2), shared_bias=True)})

START: Mapping[str, float] = MappingProxyType({
    "w1": 0.15, "w2": 0.20, "w3": 0.25, "w4": 0.30, "b1": 0.35,
    "w5": 0.40, "w6": 0.45, "w7": 0.50, "w8": 0.55, "b2": 0.60,
})
INPUTS: tuple[float, float] = (0.05, 0.10)
TARGETS: tuple[float, float] = (0.01, 0.99)
LEARNING_RATE = DEFAULT_LEARNING_RATE  # 0.5: the article's η is every function's default
STEPS = 10_000
# Every setting of the worked example by name: the parameters, the data and the learning rate.
ARTICLE_SETTINGS: Mapping[str, float] = MappingProxyType({
    **START, "i1": INPUTS[0], "i2": INPUTS[1], "target_o1": TARGETS[0], "target_o2": TARGETS[1],
    "eta": LEARNING_RATE,
})

# Every number the article prints, as printed (the digits give the precision).
PRINTED: Mapping[str, str] = MappingProxyType({
    "net_h1": "0.3775", "out_h1": "0.593269992", "out_h2": "0.596884378",
    "net_o1": "1.105905967", "out_o1": "0.75136507", "out_o2": "0.772928465",
    "E_o1": "0.274811083", "E_o2": "0.023560026", "E_total": "0.298371109",
    "dE_dout_o1": "0.74136507", "dout_o1_dnet_o1": "0.186815602",
    "dnet_o1_dw5": "0.593269992", "dE_dw5": "0.082167041",
    "w5_new": "0.35891648", "w6_new": "0.408666186", "w7_new": "0.511301270",
    "w8_new": "0.561370121", "delta_o1": "0.138498562", "dE_o1_dout_h1": "0.055399425",
    "dE_o2_dout_h1": "-0.019049119", "dE_dout_h1": "0.036350306",
    "dout_h1_dnet_h1": "0.241300709", "dE_dw1": "0.000438568",
    "w1_new": "0.149780716", "w2_new": "0.19956143", "w3_new": "0.24975114",
    "w4_new": "0.29950229",
})
# The one printed digit that does not match (docs/errata.md, erratum 3): the article rounded an
# intermediate value. The exact value rounds to -0.019049118.
KNOWN_MISMATCH = "dE_o2_dout_h1"

# Why a printed value differs from the exact computation at the article's settings, for
# every such value; shown beside its ✗, so that a reader knows the article is off.
KNOWN_DIFFERENCES: Mapping[str, str] = MappingProxyType({
    KNOWN_MISMATCH: "known erratum: the article rounded delta_o2 before multiplying by w7, which moves the last digit",
    "E_total_new": "known erratum: the article's figure comes from updating the output layer first",
})

# The closing paragraph's figures (docs/errata.md, erratum 4).
PRINTED_CLOSING: Mapping[str, str] = MappingProxyType({
    "E_total_after_1": "0.291027924",
    "E_total_after_10000": "0.0000351085",
    "out_o1_after_10000": "0.015912196",
    "out_o2_after_10000": "0.984065734",
})
# The run that reproduces each closing figure (update order, number of updates): none is the
# order the article describes for as many updates as it says (docs/errata.md, erratum 4).
CLOSING_SOURCES: Mapping[str, tuple[str, int]] = MappingProxyType({
    "E_total_after_1": ("output_first", 1),
    "E_total_after_10000": ("simultaneous", 9_999),
    "out_o1_after_10000": ("output_first", 10_000),
    "out_o2_after_10000": ("output_first", 10_000),
})


def article_network(**overrides: float) -> Network:
    """The article's 2-2-2 logistic network, optionally with some parameters changed."""
    return with_parameters(
        Network.from_layers([[[0.0, 0.0], [0.0, 0.0]]] * 2, [[0.0], [0.0]]), **{**START, **overrides}
    )


def _check_2_2_2(network: Any) -> None:
    check_network(network, single=True)
    if network.sizes != (2, 2, 2) or any(b.shape != (1,) for b in network.biases):
        raise InputValueError(f"network: expected the article's 2-2-2 shape with shared biases, "
                         f"got sizes {network.sizes} and bias shapes {[b.shape for b in network.biases]}")


def _check_name(name: str) -> tuple[str, int, tuple[int, ...]]:
    if not isinstance(name, str) or name not in PARAMETERS:
        raise InputValueError(f"name: expected one of {', '.join(PARAMETERS)}, got {name!r}")
    return PARAMETERS[name]


def parameter(network: Network, name: str) -> float:
    """The value of a named parameter, e.g. ``parameter(net, "w5")``."""
    _check_2_2_2(network)
    kind, layer, index = _check_name(name)
    return float(getattr(network, kind)[layer][index])


def parameters(network: Network) -> dict[str, float]:
    """All ten named parameters w1..w8, b1, b2."""
    return {name: parameter(network, name) for name in PARAMETERS}


def with_parameters(network: Network, **values: float) -> Network:
    """A copy of ``network`` with named parameters replaced, e.g. ``w5=0.9``."""
    _check_2_2_2(network)
    arrays = {"weights": [w.copy() for w in network.weights], "biases": [b.copy() for b in network.biases]}
    for name, value in values.items():
        kind, layer, index = _check_name(name)
        arrays[kind][layer][index] = as_real(name, value)
    return Network(tuple(arrays["weights"]), tuple(arrays["biases"]), network.activations, network.error)


def as_printed(value: float, printed: str) -> str:
    """``value`` rounded to as many decimals as ``printed`` (a number as the article prints it) has."""
    value = as_real("value", value)
    expected = f"printed: expected a number as the article prints it, e.g. '0.3775', got {printed!r}"
    if not isinstance(printed, str):
        raise InputTypeError(expected)
    if not re.fullmatch(r"-?\d+(\.\d+)?", printed):
        raise InputValueError(expected)
    exponent = Decimal(printed).as_tuple().exponent
    assert isinstance(exponent, int)  # the pattern above admits no NaN or infinity
    return f"{value:.{-exponent}f}"


def matches_printed(value: float, printed: str) -> bool:
    """True when ``value`` rounded to the printed number of decimals reads as ``printed``."""
    return as_printed(value, printed) == printed


def quantities(
    network: Network | None = None,
    inputs: Any = INPUTS,
    targets: Any = TARGETS,
    learning_rate: float = LEARNING_RATE,
) -> dict[str, float]:
    """Every quantity of the worked example by its article name, computed by the core.

    The values of :func:`bp_helpers.worked_example` for the article's network (the updates
    "simultaneous", the biases fixed, as the article does), with dnet/dw of every weight.
    Keys: the inputs ``i1, i2``, ``target_o1, target_o2``, ``w1..w8, b1, b2, eta``; the
    forward pass ``net_h1 .. out_o2``, ``E_o1, E_o2, E_total``; the backward pass
    ``dE_dout_o1``, ``dout_o1_dnet_o1``, ``delta_o1``, ``dnet_o1_dw5``, ``dE_dw5`` ...,
    ``dE_o1_dout_h1`` ..., ``dE_db1, dE_db2``; the update ``w1_new .. w8_new`` and the
    network's answer after it, ``out_o1_new, out_o2_new, E_total_new``.
    """
    network = article_network() if network is None else network
    _check_2_2_2(network)
    examples = check_data(network, inputs, targets)[0].shape[0]
    if examples != 1:
        raise InputValueError(f"inputs: expected one example (the article's), got {examples}")
    q = dict(worked_example(network, inputs, targets, learning_rate).values)
    for p in names.parameters((2, 2, 2), shared_bias=True):  # dnet/dw of every weight, not just the
        if p.kind == "weights":                               # first of a layer that a step shows
            q.setdefault(names.input_slope(p.target, p.name), q[p.source if p.layer == 0 else names.out(p.source)])
    return q


def closing_figures(order: Order, steps: int = STEPS) -> dict[str, float]:
    """E_total after one update and after ``steps``, and the final outputs, for one order."""
    net = article_network()
    after_one = forward(step(net, INPUTS, TARGETS, LEARNING_RATE, order=order), INPUTS, TARGETS)
    run = train(net, INPUTS, TARGETS, LEARNING_RATE, steps, order=order)
    return {
        names.after(names.TOTAL, 1): float(after_one.total),
        names.after(names.TOTAL, steps): float(run.errors[-1]),
        names.after(names.out("o1"), steps): float(run.outputs[0, 0]),
        names.after(names.out("o2"), steps): float(run.outputs[0, 1]),
    }
