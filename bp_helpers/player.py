"""The order of the whole computation, frame by frame: what a step-through player shows.

A worked example's steps come in the order they are computed (forward pass, errors,
backward pass, gradients, updates, the new error). :func:`frames` turns them into one
:class:`Frame` per step: the step, the part of the network it concerns (to highlight),
and every value known by then (the settings, and each step so far), so that a diagram
can show what has been computed and leave the rest blank.

Pure: names, floats and the steps' own rendering; no widgets, no drawing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .names import Parameter, parameters
from .steps import Step
from .validation import InputTypeError

_EXAMPLE = re.compile(r"\[\d+\]$")  # a per-example suffix of a batch: net_h1[2]
_NODE = re.compile(r"^(?:net|out|delta)_([a-z]\d+)(?:_new)?$|^dout_([a-z]\d+)_dnet_\2$")
_SLOPE = re.compile(r"^dE_dout_([a-z]\d+)$")  # how E_total changes with a neuron's output
_ROAD = re.compile(r"^dE_([a-z]\d+)_dout_([a-z]\d+)$")  # the part of E_total reaching out_B through A
_WEIGHT = re.compile(r"^dE_d(w\d+)$|^(w\d+)_new$")
_INPUT = re.compile(r"^dnet_[a-z]\d+_d(w\d+)$")  # the slope of a net input by a weight: what the weight carries
_BIAS = re.compile(r"^dE_d(b\d+)$|^(b\d+)_new$")
_ERROR = re.compile(r"^(E_o\d+)(?:_new)?$")


def base_name(name: str) -> str:
    """A quantity's name without the example suffix of a batch: ``net_h1[2]`` -> ``net_h1``."""
    return _EXAMPLE.sub("", name)


@dataclass(frozen=True)
class Frame:
    """One step of the computation as the player shows it."""

    index: int  # 0 .. count - 1
    count: int  # how many steps the whole computation has
    step: Step
    highlight: tuple[str, ...]  # diagram elements: neurons (h1), weights (w5), biases (b1), E_o1, E_total
    values: Mapping[str, float]  # every value known at this step, by name without example suffix

    @property
    def caption(self) -> str:
        """'step 12 of 44: dE_dw5' (the step's name as the code knows it)."""
        return f"step {self.index + 1} of {self.count}: {self.step.name}"


def elements(name: str, sizes: Sequence[int], shared_bias: bool = True) -> tuple[str, ...]:
    """The diagram elements a step concerns, from its name (the article's naming, any sizes).

    Two steps in a row never concern the same elements unless one of them writes a value
    on the diagram, so every frame of the player looks different from the one before.
    """
    name = base_name(name)
    params = parameters(sizes, shared_bias)
    if name.startswith("E_total"):
        return ("E_total",)
    if match := _ERROR.match(name):
        return (match.group(1),)
    if match := _SLOPE.match(name):  # an output: its own error; a hidden neuron: every road out of it
        neuron = match.group(1)
        roads = tuple(p.name for p in params if p.kind == "weights" and p.source == neuron)
        return (neuron,) + (roads or (f"E_{neuron}",))
    if match := _NODE.match(name):
        return (next(g for g in match.groups() if g),)
    if match := _INPUT.match(name):
        carrier = next(p for p in params if p.name == match.group(1))
        return (carrier.name, carrier.source)
    if match := _ROAD.match(name):
        later, earlier = match.groups()
        between = _weight_between(params, earlier, later)
        return (earlier, between, later) if between else (earlier, later)
    if match := _WEIGHT.match(name):
        return (next(g for g in match.groups() if g),)
    if match := _BIAS.match(name):
        bias = next(p for p in params if p.name == next(g for g in match.groups() if g))
        return (bias.name,) if shared_bias else (bias.target,)
    return ()


def _weight_between(params: Sequence[Parameter], source: str, target: str) -> str | None:
    return next((p.name for p in params if p.kind == "weights" and p.source == source and p.target == target), None)


def frames(steps: Sequence[Step], settings: Mapping[str, float], sizes: Sequence[int],
           shared_bias: bool = True) -> tuple[Frame, ...]:
    """One frame per step, in order; ``settings`` are the values known before the first step
    (inputs, targets, weights, biases, the learning rate)."""
    if not steps or not all(isinstance(s, Step) for s in steps):
        raise InputTypeError(f"steps: expected a non-empty sequence of Step, got {steps!r}")
    known = {base_name(k): float(v) for k, v in settings.items()}
    out = []
    for k, step in enumerate(steps):
        known[base_name(step.name)] = step.value
        out.append(Frame(k, len(steps), step, elements(step.name, sizes, shared_bias), dict(known)))
    return tuple(out)
