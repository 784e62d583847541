"""Gradient descent: the update rule, both update orders, training runs and sweeps."""

import dataclasses
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from bp_helpers import (Network, article_network, backward, forward, parameters, step,
                        sweep_learning_rates, train, update)
from bp_helpers.article import INPUTS, LEARNING_RATE, TARGETS

ROOT = Path(__file__).resolve().parents[1]
ORDERS = ["simultaneous", "output_first"]
BIASES = pytest.mark.parametrize("update_biases", [False, True], ids=["biases_fixed", "biases_move"])


def _random_case(sizes=(3, 4, 2), batch=3, seed=0, shared_bias=False):
    rng = np.random.default_rng(seed)
    net = Network.random(sizes, seed=seed, shared_bias=shared_bias)
    return net, rng.uniform(-1, 1, (batch, sizes[0])), rng.uniform(0.05, 0.95, (batch, sizes[-1]))


def _assert_same_parameters(a, b):
    for x, y in zip(a.weights + a.biases, b.weights + b.biases, strict=True):
        np.testing.assert_array_equal(x, y)


# --- the update rule --------------------------------------------------------------------

@BIASES
@pytest.mark.parametrize("shared_bias", [True, False])
def test_update_is_w_minus_eta_times_gradient(update_biases, shared_bias):
    net, x, t = _random_case(shared_bias=shared_bias)
    bp = backward(net, forward(net, x, t))
    new = update(net, bp, 0.7, update_biases=update_biases)
    for l in range(2):
        np.testing.assert_array_equal(new.weights[l], net.weights[l] - 0.7 * bp.dE_dw[l])
        moved = net.biases[l] - 0.7 * bp.dE_db[l] if update_biases else net.biases[l]
        np.testing.assert_array_equal(new.biases[l], moved)


def test_biases_are_fixed_by_default_as_in_the_article():
    net = article_network()
    for order in ORDERS:
        after = parameters(train(net, INPUTS, TARGETS, LEARNING_RATE, 50, order=order).network)
        assert (after["b1"], after["b2"]) == (0.35, 0.60)


@pytest.mark.parametrize("order", ORDERS)
def test_biases_move_on_request_by_the_sum_of_their_deltas(order):
    net = article_network()
    fp = forward(net, INPUTS, TARGETS)
    bp = backward(net, fp)
    after = parameters(step(net, INPUTS, TARGETS, LEARNING_RATE, order=order, update_biases=True))
    # the output bias moves first in both orders: dE/db2 = delta_o1 + delta_o2 (docs/errata.md, erratum 5)
    assert after["b2"] == 0.60 - LEARNING_RATE * float(bp.dE_db[1][0])
    assert float(bp.dE_db[1][0]) == pytest.approx(float(bp.delta[1].sum()), abs=1e-15)
    assert after["b1"] != 0.35


@BIASES
def test_simultaneous_step_is_one_update_from_the_original_gradients(update_biases):
    net, x, t = _random_case((2, 3, 3, 2), batch=2, seed=4)
    expected = update(net, backward(net, forward(net, x, t)), 0.3, update_biases=update_biases)
    _assert_same_parameters(step(net, x, t, 0.3, update_biases=update_biases), expected)


@BIASES
def test_output_first_moves_each_layer_with_the_layers_above_already_moved(update_biases):
    net, x, t = _random_case((2, 3, 3, 2), batch=2, seed=5)
    fp = forward(net, x, t)  # every delta still comes from this one forward pass
    weights, biases = list(net.weights), list(net.biases)
    for l in (2, 1, 0):
        bp = backward(Network(tuple(weights), tuple(biases), net.activations, net.error), fp)
        weights[l] = weights[l] - 0.3 * bp.dE_dw[l]
        if update_biases:
            biases[l] = biases[l] - 0.3 * bp.dE_db[l]
    expected = Network(tuple(weights), tuple(biases), net.activations, net.error)
    _assert_same_parameters(step(net, x, t, 0.3, order="output_first", update_biases=update_biases), expected)


@BIASES
def test_orders_differ_only_in_the_hidden_layer_on_the_first_step(update_biases):
    net = article_network()
    sim, old = (step(net, INPUTS, TARGETS, LEARNING_RATE, order=o, update_biases=update_biases)
                for o in ORDERS)
    np.testing.assert_array_equal(sim.weights[1], old.weights[1])
    np.testing.assert_array_equal(sim.biases[1], old.biases[1])
    assert np.all(sim.weights[0] != old.weights[0])
    assert np.all(sim.biases[0] != old.biases[0]) == update_biases


def test_first_step_gives_the_articles_new_weights():
    new = parameters(step(article_network(), INPUTS, TARGETS, LEARNING_RATE))
    # docs/errata.md, every printed number, at 12 decimals
    expected = {"w1": 0.149780716133, "w2": 0.199561432266, "w3": 0.249751143632, "w4": 0.299502287265,
                "w5": 0.358916479718, "w6": 0.408666186076, "w7": 0.511301270239, "w8": 0.561370121108}
    assert {k: new[k] for k in expected} == pytest.approx(expected, abs=5e-13)


# --- training runs ----------------------------------------------------------------------

@pytest.mark.parametrize("order", ORDERS)
@BIASES
def test_train_history_matches_repeated_steps(order, update_biases):
    net, x, t = _random_case(seed=2)
    steps = 25
    run = train(net, x, t, 0.8, steps, order=order, update_biases=update_biases)
    assert run.errors.shape == (steps + 1,)
    assert run.output_history.shape == (steps + 1, 3, 2)
    current = net
    for n in range(steps + 1):
        fp = forward(current, x, t)
        assert run.errors[n] == fp.total  # errors[n] is E_total after n updates
        np.testing.assert_array_equal(run.output_history[n], fp.outputs)
        if n < steps:
            current = step(current, x, t, 0.8, order=order, update_biases=update_biases)
    _assert_same_parameters(run.network, current)
    np.testing.assert_array_equal(run.outputs, forward(current, x, t).outputs)


def test_history_errors_are_exact_for_a_large_batch():
    # The history's E_total is measured from the recorded outputs in one go: it must be
    # bit for bit the forward pass's E_total, also where numpy sums in pairs (> 8 terms).
    net, x, t = _random_case((3, 4, 3), batch=300, seed=8)
    run = train(net, x, t, 0.01, 3)
    current = net
    for n in range(4):
        assert run.errors[n] == forward(current, x, t).total
        current = step(current, x, t, 0.01)


def test_first_error_is_the_forward_error():
    run = train(article_network(), INPUTS, TARGETS, LEARNING_RATE, 3)
    assert run.errors[0] == forward(article_network(), INPUTS, TARGETS).total
    assert run.errors[0] == pytest.approx(0.298371108760, abs=5e-13)


@pytest.mark.parametrize("order", ORDERS)
def test_error_goes_down_at_every_step_for_the_article(order):
    run = train(article_network(), INPUTS, TARGETS, LEARNING_RATE, 10_000, order=order)
    assert np.all(np.diff(run.errors) < 0)
    assert run.errors[-1] < 4e-5


def test_zero_steps_return_the_initial_network_and_one_error():
    net = article_network()
    run = train(net, INPUTS, TARGETS, LEARNING_RATE, 0)
    _assert_same_parameters(run.network, net)
    assert run.errors.shape == (1,) and run.errors[0] == forward(net, INPUTS, TARGETS).total
    np.testing.assert_array_equal(run.outputs, forward(net, INPUTS, TARGETS).outputs)
    assert run.output_history.shape == (1, 1, 2)


def test_a_batch_trains_on_the_summed_error():
    net, x, t = _random_case(batch=4, seed=3)
    run = train(net, x, t, 0.4, 1)
    per_example = [float(forward(net, x[i], t[i]).total) for i in range(4)]
    assert run.errors[0] == pytest.approx(sum(per_example), rel=1e-14)
    parts = [backward(net, forward(net, x[i], t[i])) for i in range(4)]
    for l in range(2):
        summed = sum(p.dE_dw[l] for p in parts)
        np.testing.assert_allclose(run.network.weights[l], net.weights[l] - 0.4 * summed,
                                   rtol=1e-13, atol=1e-15)


def test_one_example_as_a_row_or_as_a_vector_trains_the_same():
    a = train(article_network(), INPUTS, TARGETS, LEARNING_RATE, 20)
    b = train(article_network(), [INPUTS], [TARGETS], LEARNING_RATE, 20)
    np.testing.assert_array_equal(a.errors, b.errors)
    _assert_same_parameters(a.network, b.network)


# --- stacked configurations ---------------------------------------------------------------

@pytest.mark.parametrize("order", ORDERS)
@BIASES
@pytest.mark.parametrize("case", ["article", "random_batch"])
def test_sweep_equals_separate_runs_exactly(order, update_biases, case):
    if case == "article":
        net, x, t = article_network(), INPUTS, TARGETS
    else:
        net, x, t = _random_case((3, 4, 4, 2), batch=3, seed=6)
    rates = np.geomspace(0.01, 10, 7)
    swept = sweep_learning_rates(net, x, t, rates, 150, order=order, update_biases=update_biases)
    assert swept.errors.shape == (151, 7)
    for i, rate in enumerate(rates):
        one = train(net, x, t, rate, 150, order=order, update_biases=update_biases)
        np.testing.assert_array_equal(swept.errors[:, i], one.errors)
        np.testing.assert_array_equal(swept.outputs[i], one.outputs)
        np.testing.assert_array_equal(swept.output_history[:, i], one.output_history)
        for a, b in zip(swept.network.weights + swept.network.biases,
                        one.network.weights + one.network.biases, strict=True):
            np.testing.assert_array_equal(a[i], b)


def test_train_takes_one_learning_rate_per_configuration():
    net = article_network()
    stacked = train(net.stacked(3), INPUTS, TARGETS, [0.1, 0.5, 2.0], 40)
    for i, rate in enumerate([0.1, 0.5, 2.0]):
        np.testing.assert_array_equal(stacked.errors[:, i], train(net, INPUTS, TARGETS, rate, 40).errors)


# --- immutability -------------------------------------------------------------------------

def test_network_is_immutable():
    net = article_network()
    with pytest.raises(dataclasses.FrozenInstanceError):
        net.weights = ()
    for array in net.weights + net.biases:
        assert not array.flags.writeable
        with pytest.raises(ValueError, match="read-only"):
            array[...] = 0.0


@pytest.mark.parametrize("order", ORDERS)
def test_training_leaves_its_input_network_alone(order):
    net = article_network()
    before = [a.copy() for a in net.weights + net.biases]
    run = train(net, INPUTS, TARGETS, LEARNING_RATE, 30, order=order, update_biases=True)
    sweep_learning_rates(net, INPUTS, TARGETS, [0.5, 1.0], 30, order=order, update_biases=True)
    step(net, INPUTS, TARGETS, LEARNING_RATE, order=order, update_biases=True)
    for a, b in zip(net.weights + net.biases, before):
        np.testing.assert_array_equal(a, b)
    for array in run.network.weights + run.network.biases:  # the result is a value too
        assert not array.flags.writeable


def test_network_owns_its_arrays():
    # Neither frozen nor shared: the caller's arrays stay writable and changing them later
    # (or the array they are views of) does not change the network.
    base = np.array([[[0.15, 0.20], [0.25, 0.30]], [[0.40, 0.45], [0.50, 0.55]]])
    bias = np.array([0.35])
    net = Network.from_layers([base[0], base[1]], [bias, np.array([0.60])])
    base[...] = 9.0
    bias[0] = 9.0
    assert parameters(net)["w1"] == 0.15 and parameters(net)["b1"] == 0.35
    assert base.flags.writeable and bias.flags.writeable


# --- the benchmark script runs (a smoke test, not a timing assertion) ----------------------

def test_benchmark_script_runs_quick():
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_training.py"), "--quick"],
                          check=False, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert re.search(r"^baseline: .*1,000 steps: [\d.]+ ms", out, re.MULTILINE), out
    assert re.search(r"^one run: .* [\d.]+x the baseline \[target <= 2\.0x: (PASS|MISS)\]", out, re.MULTILINE), out
    assert re.search(r"^sweep: .*64 rates.* [\d.]+ ms per configuration, [\d.]+x faster .*"
                     r"\[target >= 10x: (PASS|MISS)\]", out, re.MULTILINE), out
