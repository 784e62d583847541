"""Activation and error functions, each carrying its own derivative.

The backward pass only ever asks an activation for ``derivative(net, out)`` and an
error function for ``derivative(out, target)``, so a new one slots in without
touching the backward pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

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

    def __call__(self, net: Array) -> Array:
        return np.tanh(net)

    def derivative(self, net: Array, out: Array) -> Array:
        return 1.0 - out * out


@dataclass(frozen=True)
class ReLU:
    """max(0, net); its slope at exactly 0 is taken as 0."""

    name: str = "relu"

    def __call__(self, net: Array) -> Array:
        return np.maximum(net, 0.0)

    def derivative(self, net: Array, out: Array) -> Array:
        return (net > 0.0).astype(np.float64)


@dataclass(frozen=True)
class Linear:
    """The identity: lets an output reach any value (e.g. a target of 2.5)."""

    name: str = "linear"

    def __call__(self, net: Array) -> Array:
        return net.copy()

    def derivative(self, net: Array, out: Array) -> Array:
        return np.ones_like(net)


@dataclass(frozen=True)
class HalfSquaredError:
    """The article's error: E_o = 1/2 (target - out)^2 for each output."""

    name: str = "half squared error"

    def __call__(self, out: Array, target: Array) -> Array:
        diff = target - out
        return 0.5 * diff * diff

    def derivative(self, out: Array, target: Array) -> Array:
        return out - target


@dataclass(frozen=True)
class CrossEntropy:
    """Binary cross-entropy -(t ln out + (1-t) ln(1-out)) for outputs in (0, 1)."""

    name: str = "cross-entropy"
    # Outputs of exactly 0 or 1 (a saturated logistic) would give log(0); clipping
    # by this much changes no result at the precision anything is printed.
    eps: float = 1e-15

    def __call__(self, out: Array, target: Array) -> Array:
        p = np.clip(out, self.eps, 1.0 - self.eps)
        return -(target * np.log(p) + (1.0 - target) * np.log1p(-p))

    def derivative(self, out: Array, target: Array) -> Array:
        p = np.clip(out, self.eps, 1.0 - self.eps)
        return (p - target) / (p * (1.0 - p))


LOGISTIC = Logistic()
TANH = Tanh()
RELU = ReLU()
LINEAR = Linear()
HALF_SQUARED_ERROR = HalfSquaredError()
CROSS_ENTROPY = CrossEntropy()
