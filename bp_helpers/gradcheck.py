"""Finite-difference check of the backward pass, for any network and error function."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .functions import Array
from .network import Network, check_data, check_network, run_backward, run_forward
from .validation import as_positive


@dataclass(frozen=True)
class GradientCheck:
    """Backprop's gradients beside central differences, weights first, then biases."""

    analytic: tuple[Array, ...]
    numeric: tuple[Array, ...]

    @property
    def max_relative_error(self) -> float:
        """Largest |a - n| / max(|a| + |n|, 1e-12) over every parameter."""
        worst = 0.0
        for a, n in zip(self.analytic, self.numeric):
            rel = np.abs(a - n) / np.maximum(np.abs(a) + np.abs(n), 1e-12)
            worst = max(worst, float(rel.max(initial=0.0)))
        return worst


def gradient_check(network: Network, inputs: Any, targets: Any, *, eps: float = 1e-3) -> GradientCheck:
    """Nudge every weight and bias by +-eps, +-2 eps and compare the central difference
    (-E(+2) + 8 E(+1) - 8 E(-1) + E(-2)) / 12 eps with backprop.

    The fourth-order stencil lets eps be large enough that rounding in E_total stays near
    1e-13, so even gradients of 1e-6 in deep layers are checked to a relative 1e-7.
    """
    check_network(network, single=True)
    x, t = check_data(network, inputs, targets)
    eps = float(as_positive("eps", eps))
    bp = run_backward(network, run_forward(network, x, t))
    params = [p.copy() for p in network.weights + network.biases]
    layers = len(network.weights)

    def total(ps: list[Array]) -> float:
        net = Network(tuple(ps[:layers]), tuple(ps[layers:]), network.activations, network.error)
        return float(run_forward(net, x, t).total)

    numeric = []
    for p in params:
        grad = np.zeros_like(p)
        for index in np.ndindex(p.shape):
            saved = p[index]
            e = {}
            for k in (-2, -1, 1, 2):
                p[index] = saved + k * eps
                e[k] = total(params)  # Network copies, so nudging p later cannot reach it
            p[index] = saved
            grad[index] = (e[-2] - 8 * e[-1] + 8 * e[1] - e[2]) / (12 * eps)
        numeric.append(grad)
    return GradientCheck(bp.dE_dw + bp.dE_db, tuple(numeric))
