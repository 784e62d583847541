"""The order of the whole computation, frame by frame: what a step-through player shows.

A worked example's steps come in the order they are computed (forward pass, errors,
backward pass, gradients, updates, the new error). :func:`frames` turns them into one
:class:`Frame` per step: the step, the part of the network it concerns (to highlight),
and every value known by then (the settings, and each step so far), so that a diagram
can show what has been computed and leave the rest blank.

Pure: names, floats and the steps' own rendering; no widgets, no drawing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from . import names
from .equations import Step
from .names import Parameter, parameters
from .validation import InputTypeError

base_name = names.base  # a quantity's name without the example number of a batch: net_h1[2] -> net_h1


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
    q = names.parse(name)
    if q is None:
        return ()
    params = parameters(sizes, shared_bias)
    if q.kind == "total":
        return (names.TOTAL,)
    if q.kind == "error":
        return (names.error(q.of[0]),)
    if q.kind == "error_slope" and not q.new:  # an output: its own error; a hidden neuron: every road out of it
        neuron = q.of[0]
        roads = tuple(p.name for p in params if p.kind == "weights" and p.source == neuron)
        return (neuron,) + (roads or (names.error(neuron),))
    if q.kind in ("net", "out", "delta") or (q.kind == "slope" and not q.new):
        return q.of
    if q.kind == "input_slope" and not q.new:  # what the weight carries: its line and its source
        carrier = next(p for p in params if p.name == q.of[1])
        return (carrier.name, carrier.source)
    if q.kind == "road" and not q.new:
        later, earlier = q.of
        between = _weight_between(params, earlier, later)
        return (earlier, between, later) if between else (earlier, later)
    return _parameter_elements(q, params, shared_bias)


def _parameter_elements(q: names.Quantity, params: Sequence[Parameter], shared_bias: bool) -> tuple[str, ...]:
    """A weight's or bias's gradient or update: its line, or a per-neuron bias's neuron."""
    changed = (q.kind == "gradient" and not q.new) or (q.kind in ("weight", "bias") and q.new)
    if not changed:
        return ()
    parameter = next((p for p in params if p.name == q.of[0]), None)
    if parameter is None or parameter.kind == "weights" or shared_bias:
        return (q.of[0],)
    return (parameter.target,)


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
