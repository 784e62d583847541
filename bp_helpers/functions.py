"""Activation and error functions, each carrying its own derivative.

The backward pass only ever asks an activation for ``derivative(net, out)`` and an
error function for ``derivative(out, target)``, so a new one slots in without
touching the backward pass.

Each also carries its formula and its derivative's as plain strings, for the worked
example (:mod:`bp_helpers.worked`) to show: ``tex`` and ``text``, ``derivative_tex`` and
``derivative_text``, with placeholders ``<net>`` and ``<out>`` (an activation's neuron),
``<out>``, ``<target>`` and ``<n>`` (an error function's output, its target and the number
of outputs). The worked example puts a neuron's names in; the network never reads them.
The plain text is Python-like (``*``, ``/``, ``^`` for a power, ``exp``, ``ln``, ``tanh``,
``max``), so that substituted numbers can be checked by evaluating it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Protocol

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]


class Activation(Protocol):
    """What the network needs from an activation: the squashing and its slope."""

    @property
    def name(self) -> str: ...

    def __call__(self, net: Array) -> Array: ...

    def derivative(self, net: Array, out: Array) -> Array:
        """dout/dnet, given both the net input and the output it produced."""
        ...


class ErrorFunction(Protocol):
    """What the network needs from an error function: per-output error and its slope."""

    @property
    def name(self) -> str: ...

    def __call__(self, out: Array, target: Array) -> Array: ...

    def derivative(self, out: Array, target: Array) -> Array:
        """dE/dout for each output."""
        ...


@dataclass(frozen=True)
class Logistic:
    """The article's squashing function 1 / (1 + e^-net)."""

    name: str = "logistic"
    tex: ClassVar[str] = r"\frac{1}{1 + e^{-<net>}}"
    text: ClassVar[str] = "1/(1 + exp(-<net>))"
    derivative_tex: ClassVar[str] = r"<out>\left(1 - <out>\right)"
    derivative_text: ClassVar[str] = "<out>*(1 - <out>)"

    def __call__(self, net: Array) -> Array:
        # 1/(1+e^-x) == (1 + tanh(x/2)) / 2, and tanh never overflows: no warning
        # even for net = -1e3, where e^-net would be inf.
        out = np.tanh(net * 0.5)
        out *= 0.5
        out += 0.5
        return out

    def derivative(self, net: Array, out: Array) -> Array:
        return out * (1.0 - out)


@dataclass(frozen=True)
class Tanh:
    """Hyperbolic tangent, outputs in (-1, 1)."""

    name: str = "tanh"
    tex: ClassVar[str] = r"\tanh\left(<net>\right)"
    text: ClassVar[str] = "tanh(<net>)"
    derivative_tex: ClassVar[str] = r"1 - <out>^{2}"
    derivative_text: ClassVar[str] = "1 - <out>^2"

    def __call__(self, net: Array) -> Array:
        return np.tanh(net)

    def derivative(self, net: Array, out: Array) -> Array:
        return 1.0 - out * out


@dataclass(frozen=True)
class ReLU:
    """max(0, net); its slope at exactly 0 is taken as 0."""

    name: str = "relu"
    tex: ClassVar[str] = r"\max\left(0, <net>\right)"
    text: ClassVar[str] = "max(0, <net>)"
    derivative_tex: ClassVar[str] = r"\begin{cases} 1 & \text{if } <net> > 0 \\ 0 & \text{otherwise} \end{cases}"
    derivative_text: ClassVar[str] = "(1 if <net> > 0 else 0)"

    def __call__(self, net: Array) -> Array:
        return np.maximum(net, 0.0)

    def derivative(self, net: Array, out: Array) -> Array:
        return (net > 0.0).astype(np.float64)


@dataclass(frozen=True)
class Linear:
    """The identity: lets an output reach any value (e.g. a target of 2.5)."""

    name: str = "linear"
    tex: ClassVar[str] = "<net>"
    text: ClassVar[str] = "<net>"
    derivative_tex: ClassVar[str] = "1"
    derivative_text: ClassVar[str] = "1"

    def __call__(self, net: Array) -> Array:
        return net.copy()

    def derivative(self, net: Array, out: Array) -> Array:
        return np.ones_like(net)


@dataclass(frozen=True)
class HalfSquaredError:
    """The article's error: E_o = 1/2 (target - out)^2 for each output."""

    name: str = "half squared error"
    tex: ClassVar[str] = r"\tfrac{1}{2}\left(<target> - <out>\right)^{2}"
    text: ClassVar[str] = "1/2*(<target> - <out>)^2"
    derivative_tex: ClassVar[str] = r"-\left(<target> - <out>\right)"
    derivative_text: ClassVar[str] = "-(<target> - <out>)"

    def __call__(self, out: Array, target: Array) -> Array:
        diff = target - out
        return 0.5 * diff * diff

    def derivative(self, out: Array, target: Array) -> Array:
        return out - target


@dataclass(frozen=True)
class CrossEntropy:
    """Binary cross-entropy -(t ln out + (1-t) ln(1-out)) for outputs in (0, 1)."""

    name: str = "cross-entropy"
    tex: ClassVar[str] = r"-\left(<target> \ln <out> + \left(1 - <target>\right) \ln\left(1 - <out>\right)\right)"
    text: ClassVar[str] = "-(<target>*ln(<out>) + (1 - <target>)*ln(1 - <out>))"
    derivative_tex: ClassVar[str] = r"\frac{<out> - <target>}{<out>\left(1 - <out>\right)}"
    derivative_text: ClassVar[str] = "(<out> - <target>)/(<out>*(1 - <out>))"
    # Outputs of exactly 0 or 1 (a saturated logistic) would give log(0); clipping
    # by this much changes no result at the precision anything is printed.
    eps: float = 1e-15

    def __call__(self, out: Array, target: Array) -> Array:
        p = np.clip(out, self.eps, 1.0 - self.eps)
        return -(target * np.log(p) + (1.0 - target) * np.log1p(-p))

    def derivative(self, out: Array, target: Array) -> Array:
        p = np.clip(out, self.eps, 1.0 - self.eps)
        return (p - target) / (p * (1.0 - p))


@dataclass(frozen=True)
class MeanSquaredError:
    """E = 1/n sum (target - out)^2 over the n outputs, as many courses define it: each
    output's share is E_o = 1/n (target - out)^2, so E_total (their sum) is the mean.

    With two outputs it equals the article's half squared error."""

    name: str = "mean squared error"
    tex: ClassVar[str] = r"\tfrac{1}{<n>}\left(<target> - <out>\right)^{2}"
    text: ClassVar[str] = "1/<n>*(<target> - <out>)^2"
    derivative_tex: ClassVar[str] = r"-\tfrac{2}{<n>}\left(<target> - <out>\right)"
    derivative_text: ClassVar[str] = "-2/<n>*(<target> - <out>)"

    def __call__(self, out: Array, target: Array) -> Array:
        diff = target - out
        return diff * diff / _outputs(out)

    def derivative(self, out: Array, target: Array) -> Array:
        return 2.0 * (out - target) / _outputs(out)


def _outputs(out: Array) -> int:
    """n, the number of outputs: the last axis (a single number counts as one output)."""
    return out.shape[-1] if out.ndim else 1


LOGISTIC = Logistic()
TANH = Tanh()
RELU = ReLU()
LINEAR = Linear()
HALF_SQUARED_ERROR = HalfSquaredError()
CROSS_ENTROPY = CrossEntropy()
MEAN_SQUARED_ERROR = MeanSquaredError()
