"""Activation and error functions: their derivatives, and their numerical safety."""

import re
import warnings

import numpy as np
import pytest

from bp_helpers import CROSS_ENTROPY, HALF_SQUARED_ERROR, LINEAR, LOGISTIC, MEAN_SQUARED_ERROR, RELU, TANH

ACTIVATIONS = [LOGISTIC, TANH, RELU, LINEAR]
ERRORS = [HALF_SQUARED_ERROR, CROSS_ENTROPY, MEAN_SQUARED_ERROR]
H = 1e-6  # central differences: truncation ~H^2 * f''' ~ 1e-12, rounding ~1e-16 / H ~ 1e-10


def _central_difference(f, x):
    return (f(x + H) - f(x - H)) / (2 * H)


@pytest.mark.parametrize("activation", ACTIVATIONS, ids=lambda a: a.name)
def test_activation_derivative_matches_numerical_derivative(activation):
    net = np.linspace(-6, 6, 1201)
    net = net[np.abs(net) > 10 * H]  # ReLU has a kink at 0 (its slope there is taken as 0)
    slope = activation.derivative(net, activation(net))
    np.testing.assert_allclose(slope, _central_difference(activation, net), rtol=1e-7, atol=1e-9)


@pytest.mark.parametrize("error", ERRORS, ids=lambda e: e.name)
@pytest.mark.parametrize("target", [0.0, 0.01, 0.5, 0.99, 1.0])
def test_error_derivative_matches_numerical_derivative(error, target):
    out = np.linspace(0.01, 0.99, 99)  # cross-entropy needs outputs inside (0, 1)
    slope = error.derivative(out, np.full_like(out, target))
    numeric = _central_difference(lambda o: error(o, np.full_like(o, target)), out)
    np.testing.assert_allclose(slope, numeric, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("error", ERRORS, ids=lambda e: e.name)
def test_error_is_flat_where_the_output_hits_its_target(error):
    t = np.array([0.01, 0.5, 0.99])
    np.testing.assert_allclose(error.derivative(t, t), 0.0, atol=1e-12)


def test_half_squared_error_is_the_articles():
    # E_o1 = 1/2 (0.01 - 0.75136507)^2 = 0.274811083 (docs/errata.md, every printed number)
    out_o1, target_o1 = np.array(0.751365069552), np.array(0.01)
    assert HALF_SQUARED_ERROR(out_o1, target_o1) == pytest.approx(0.274811083176)
    assert HALF_SQUARED_ERROR.derivative(out_o1, target_o1) == pytest.approx(0.741365069552)


def test_mean_squared_error_is_the_mean_over_the_outputs():
    # E = 1/n sum (target - out)^2: each output's share is divided by n, the number of outputs
    out, target = np.array([[0.2, 0.7, 0.4]]), np.array([[0.0, 1.0, 0.5]])
    np.testing.assert_allclose(MEAN_SQUARED_ERROR(out, target).sum(), np.mean((target - out) ** 2), rtol=1e-15)
    np.testing.assert_allclose(MEAN_SQUARED_ERROR.derivative(out, target), 2 * (out - target) / 3, rtol=1e-15)
    two = np.array([[0.2, 0.7]]), np.array([[0.0, 1.0]])  # with two outputs it is the article's error
    np.testing.assert_allclose(MEAN_SQUARED_ERROR(*two), HALF_SQUARED_ERROR(*two), rtol=1e-15)


@pytest.mark.parametrize("function", ACTIVATIONS + ERRORS, ids=lambda f: f.name)
def test_every_function_carries_its_formulas_as_templates(function):
    # what the worked example shows (bp_helpers.worked); the network never reads them
    allowed = {"net", "out"} if function in ACTIVATIONS else {"out", "target", "n"}
    for attribute in ("tex", "text", "derivative_tex", "derivative_text"):
        template = getattr(function, attribute)
        assert isinstance(template, str) and template
        assert set(re.findall(r"<(\w+)>", template)) <= allowed, (attribute, template)


def test_logistic_is_stable_for_nets_up_to_a_thousand():
    net = np.concatenate([np.linspace(-1e3, 1e3, 200_001), [-1e3, 1e3, -745.2, 709.8]])
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        out = LOGISTIC(net)
        slope = LOGISTIC.derivative(net, out)
    assert np.all(np.isfinite(out)) and np.all((out >= 0.0) & (out <= 1.0))
    assert np.all(np.isfinite(slope)) and np.all(slope >= 0.0)
    order = np.argsort(net)
    assert np.all(np.diff(out[order]) >= 0.0)  # never turns back
    assert LOGISTIC(np.array(-1e3)) == 0.0 and LOGISTIC(np.array(1e3)) == 1.0


def test_logistic_equals_the_textbook_formula():
    net = np.linspace(-30, 30, 600_001)
    with np.errstate(all="raise"):  # no overflow in exp(-net) on this range
        textbook = 1.0 / (1.0 + np.exp(-net))
    np.testing.assert_allclose(LOGISTIC(net), textbook, rtol=0, atol=1e-15)
    assert LOGISTIC(np.array(0.0)) == 0.5


def test_logistic_reproduces_the_articles_hidden_output():
    # out_h1 = logistic(0.3775) = 0.593269992 (docs/errata.md, every printed number)
    assert float(LOGISTIC(np.array(0.3775))) == pytest.approx(0.593269992107, abs=5e-13)


@pytest.mark.parametrize("out", [0.0, 1.0])
@pytest.mark.parametrize("target", [0.0, 0.01, 0.99, 1.0])
def test_cross_entropy_is_finite_at_saturated_outputs(out, target):
    o, t = np.array([out]), np.array([target])
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        value, slope = CROSS_ENTROPY(o, t), CROSS_ENTROPY.derivative(o, t)
    assert np.all(np.isfinite(value)) and np.all(value >= 0.0)
    assert np.all(np.isfinite(slope))


def test_cross_entropy_pushes_a_saturated_output_the_right_way():
    # An output stuck at 0 with target 0.99 must get a large negative slope (raise the output).
    assert CROSS_ENTROPY.derivative(np.array([0.0]), np.array([0.99]))[0] < -1e6
    assert CROSS_ENTROPY.derivative(np.array([1.0]), np.array([0.01]))[0] > 1e6


@pytest.mark.parametrize("activation", [TANH, RELU, LINEAR], ids=lambda a: a.name)
def test_other_activations_are_quiet_for_large_nets(activation):
    net = np.linspace(-1e3, 1e3, 2001)
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        out = activation(net)
        slope = activation.derivative(net, out)
    assert np.all(np.isfinite(out)) and np.all(np.isfinite(slope))


def test_relu_slope_at_its_kink_is_zero():
    assert RELU.derivative(np.array([0.0]), RELU(np.array([0.0])))[0] == 0.0


@pytest.mark.parametrize("activation", ACTIVATIONS, ids=lambda a: a.name)
def test_activation_returns_a_new_array(activation):
    # The forward pass keeps both net and out: out must never be net itself.
    net = np.array([[0.3, -0.2]])
    out = activation(net)
    assert out is not net and not np.shares_memory(out, net)
    np.testing.assert_array_equal(net, [[0.3, -0.2]])


@pytest.mark.parametrize("function", ACTIVATIONS + ERRORS, ids=lambda f: f.name)
def test_functions_keep_stacked_shapes(function):
    a = np.random.default_rng(0).uniform(0.05, 0.95, (4, 3, 2))  # configurations, batch, neurons
    if function in ERRORS:
        assert function(a, a[::-1]).shape == a.shape and function.derivative(a, a[::-1]).shape == a.shape
    else:
        out = function(a)
        assert out.shape == a.shape and function.derivative(a, out).shape == a.shape
