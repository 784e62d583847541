"""Backprop equals central finite differences, on random networks of many shapes."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bp_helpers import (CROSS_ENTROPY, HALF_SQUARED_ERROR, LINEAR, LOGISTIC, TANH, Network,
                        backward, forward, gradient_check)
from bp_helpers.functions import RELU

SHAPES = [(1, 1, 1), (3, 5, 2), (4, 3, 3, 2), (2, 2, 2), (5, 1), (2, 4, 4, 4, 1)]


def _data(sizes, rng, batch):
    return rng.uniform(-1, 1, (batch, sizes[0])), rng.uniform(0.05, 0.95, (batch, sizes[-1]))


@settings(max_examples=40, deadline=None)
@given(sizes=st.sampled_from(SHAPES), seed=st.integers(0, 2**32 - 1),
       shared_bias=st.booleans(), batch=st.integers(1, 4))
def test_backprop_matches_finite_differences(sizes, seed, shared_bias, batch):
    net = Network.random(sizes, seed=seed, shared_bias=shared_bias)
    x, t = _data(sizes, np.random.default_rng(seed), batch)
    check = gradient_check(net, x, t)
    assert check.max_relative_error < 1e-6


@pytest.mark.parametrize("activation", [LOGISTIC, TANH, LINEAR], ids=lambda a: a.name)
@pytest.mark.parametrize("error", [HALF_SQUARED_ERROR, CROSS_ENTROPY], ids=lambda e: e.name)
def test_pluggable_functions_share_one_backward_pass(activation, error):
    # cross-entropy needs outputs in (0, 1): keep a logistic output layer for it
    out_act = LOGISTIC if error is CROSS_ENTROPY else activation
    rng = np.random.default_rng(7)
    base = Network.random((3, 4, 2), seed=7)
    net = Network(base.weights, base.biases, (activation, out_act), error)
    x, t = _data(net.sizes, rng, 3)
    assert gradient_check(net, x, t).max_relative_error < 1e-6


def test_relu_away_from_its_kink():
    net = Network.from_layers([[[0.5, -0.3], [0.8, 0.2]], [[0.7, -0.4]]], [[0.1], [0.2]], (RELU, LINEAR))
    assert gradient_check(net, [[1.0, 0.5], [0.3, 0.9]], [[0.4], [1.2]]).max_relative_error < 1e-6


def test_gradient_check_catches_a_wrong_gradient(monkeypatch):
    # The check is only worth something if it can fail: break the logistic slope.
    net = Network.random((2, 3, 2), seed=1)
    monkeypatch.setattr(type(LOGISTIC), "derivative", lambda self, n, o: o * (1.0 - o) * 1.01)
    assert gradient_check(net, [0.3, 0.7], [0.1, 0.9]).max_relative_error > 1e-3


def test_batch_gradient_is_sum_of_example_gradients():
    net = Network.random((3, 4, 2), seed=3)
    x, t = _data(net.sizes, np.random.default_rng(3), 5)
    whole = backward(net, forward(net, x, t))
    parts = [backward(net, forward(net, x[i], t[i])) for i in range(5)]
    for layer in range(2):
        np.testing.assert_allclose(whole.dE_dw[layer], sum(p.dE_dw[layer] for p in parts), rtol=1e-12)
        np.testing.assert_allclose(whole.dE_db[layer], sum(p.dE_db[layer] for p in parts), rtol=1e-12)
    assert float(forward(net, x, t).total) == pytest.approx(sum(float(forward(net, x[i], t[i]).total) for i in range(5)))


def test_contributions_sum_to_hidden_gradient():
    net = Network.random((3, 4, 4, 2), seed=5)
    x, t = _data(net.sizes, np.random.default_rng(5), 2)
    bp = backward(net, forward(net, x, t))
    for layer in range(2):
        np.testing.assert_allclose(bp.contributions[layer].sum(axis=-2), bp.dE_dout[layer], rtol=1e-12)
    assert bp.contributions[-1].size == 0
