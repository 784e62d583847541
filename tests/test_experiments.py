"""Notebook 07's computations, figures and panel: each checked against the core or by hand.

The panel is driven without a browser: set ``panel.controls[...].value``, read ``panel.last``.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from bp_helpers import CROSS_ENTROPY, LOGISTIC, RELU, TANH, Network, article_network, backward, forward, train
from bp_helpers import experiments as ex
from bp_helpers import plots, style
from bp_helpers.article import INPUTS, TARGETS, quantities
from bp_helpers.experiment_panel import StepSizePanel
from bp_helpers.rendering import svg_of

XOR = (ex.XOR_INPUTS, ex.XOR_TARGETS)


def _single(seed, sizes=(2, 2, 1)):
    return Network.random(sizes, seed=seed, shared_bias=False)


# --- stacking ---------------------------------------------------------------------------------

def test_stack_and_pick_round_trip_and_refuse_mixed_shapes():
    nets = [_single(s) for s in range(3)]
    stacked = ex.stack(nets)
    assert stacked.config_shape == (3,)
    for k, n in enumerate(nets):
        back = ex.pick(stacked, k)
        assert all(np.array_equal(a, b) for a, b in zip(back.weights + back.biases, n.weights + n.biases))
    with pytest.raises(ValueError, match="networks: expected single networks of one shape"):
        ex.stack([_single(0), _single(0, (2, 3, 1))])
    with pytest.raises(TypeError, match="networks"):
        ex.stack([])
    with pytest.raises(ValueError, match="index: expected < 3"):
        ex.pick(stacked, 3)


# --- several examples -------------------------------------------------------------------------

def test_batch_schedule_is_plain_batch_training():
    net = _single(0)
    run = ex.train_in_batches(net, *XOR, ex.XOR_RATE, 4, 400)
    core = train(net, *XOR, ex.XOR_RATE, 100, update_biases=True)
    np.testing.assert_allclose(run.errors, core.errors, rtol=1e-12)
    assert list(run.evaluations[:3]) == [0, 4, 8] and run.evaluations[-1] == 400


def test_online_update_follows_one_examples_gradient():
    net = _single(0)
    run = ex.train_in_batches(net, *XOR, 1.0, 1, 1, seed=5)
    first = int(np.random.default_rng(5).permutation(4)[0])
    moved = train(net, ex.XOR_INPUTS[first], ex.XOR_TARGETS[first], 1.0, 1, update_biases=True).network
    assert run.errors[1] == pytest.approx(float(forward(moved, *XOR).total), rel=1e-12)
    assert run.errors[0] == pytest.approx(float(forward(net, *XOR).total), rel=1e-12)


def test_every_schedule_spends_the_same_evaluations_and_visits_every_example_each_pass():
    runs = ex.compare_schedules(_single(0), evaluations=40)
    assert {name: r.evaluations[-1] for name, r in runs.items()} == {"batch": 40, "mini-batch": 40, "online": 40}
    assert [len(r.errors) for r in runs.values()] == [11, 21, 41]
    assert runs["online"].error_after(39) == runs["online"].errors[39]
    with pytest.raises(ValueError, match="batch_size: expected a divisor of the number of examples"):
        ex.train_in_batches(_single(0), *XOR, 1.0, 3, 12)


def test_stacked_schedules_equal_single_runs():
    starts = ex.random_starts((2, 2, 1), (0, 1))
    both = ex.train_in_batches(starts, *XOR, 2.0, 2, 40, seed=3)
    one = ex.train_in_batches(_single(1), *XOR, 2.0, 2, 40, seed=3)
    np.testing.assert_allclose(both.errors[:, 1], one.errors, rtol=1e-12)


# --- XOR ----------------------------------------------------------------------------------------

def test_search_finds_a_start_that_learns_and_one_that_gets_stuck():
    found = ex.search_starts(seeds=range(16))
    learned, stuck = found.learned_seed, found.stuck_seed
    assert learned is not None and stuck is not None
    for seed, should_learn in ((learned, True), (stuck, False)):
        run = train(_single(seed), *XOR, ex.XOR_RATE, ex.XOR_STEPS, update_biases=True)
        np.testing.assert_allclose(run.outputs, found.outputs_of(seed), rtol=1e-9)
        k = found.seeds.index(seed)  # the error after exactly XOR_STEPS updates, not one before
        np.testing.assert_allclose(found.final_errors[k], run.errors[-1], rtol=1e-9)
        assert found.final_errors[k] != run.errors[-2]
        ok = np.all(np.abs(run.outputs - ex.XOR_TARGETS) < ex.LEARNED_WITHIN)
        assert bool(ok) == should_learn
    # stuck, not slow: four times as many updates leave the error where it was
    longer = train(_single(stuck), *XOR, ex.XOR_RATE, 4 * ex.XOR_STEPS, update_biases=True)
    assert longer.errors[-1] > ex.STUCK_ABOVE


def test_no_network_without_a_hidden_layer_beats_half_on_xor():
    best = ex.best_on_grid(points=11)
    assert best.networks == 11 ** 3
    assert best.error == pytest.approx(0.5)
    # the one-sentence argument, for any weights: net(0,1) + net(1,0) == net(0,0) + net(1,1)
    w = np.random.default_rng(0).normal(size=(50, 3))
    net = ex.XOR_INPUTS @ w[:, :2].T + w[:, 2]
    np.testing.assert_allclose(net[1] + net[2], net[0] + net[3])


# --- other activations and errors ---------------------------------------------------------------

def test_variant_keeps_the_weights_and_swaps_the_functions():
    v = ex.variant(article_network(), hidden=TANH, output=RELU, error=CROSS_ENTROPY)
    assert v.activations == (TANH, RELU) and v.error is CROSS_ENTROPY
    assert all(np.array_equal(a, b) for a, b in zip(v.weights, article_network().weights))
    assert ex.variant(article_network()).activations == (LOGISTIC, LOGISTIC)


def test_cross_entropy_with_a_logistic_output_gives_out_minus_target():
    q = quantities()
    ce = ex.output_delta(ex.variant(article_network(), error=CROSS_ENTROPY), INPUTS, TARGETS)[0]
    np.testing.assert_allclose(ce, [q["out_o1"] - q["target_o1"], q["out_o2"] - q["target_o2"]], rtol=1e-12)
    se = ex.output_delta(article_network(), INPUTS, TARGETS)[0]
    np.testing.assert_allclose(se, [q["delta_o1"], q["delta_o2"]], rtol=1e-12)


# --- deeper networks --------------------------------------------------------------------------

def test_layer_gradients_are_the_cores_and_shrink_towards_the_inputs():
    net = _single(0, (2, 4, 4, 4, 4, 1))
    g = ex.layer_gradients(net, *XOR)
    bp = backward(net, forward(net, *XOR))
    assert g.mean_abs_gradient == pytest.approx([float(np.abs(d).mean()) for d in bp.dE_dw])
    assert all(r < 1 for r in g.ratios)
    assert max(g.max_slope) <= 0.25
    over = ex.gradient_sizes_over_seeds((2, 4, 4, 4, 4, 1), range(3), *XOR)
    assert over[0] == pytest.approx(g.mean_abs_gradient)


# --- the error along the gradient -------------------------------------------------------------

def test_the_slice_at_the_articles_rate_is_the_articles_update():
    q = quantities()
    sl = ex.error_slice(article_network(), INPUTS, TARGETS, [0.0, q["eta"]])
    assert sl.errors[0] == pytest.approx(q["E_total"], rel=1e-12)
    assert sl.errors[1] == pytest.approx(q["E_total_new"], rel=1e-12)
    norm2 = sum(q[f"dE_dw{k}"] ** 2 for k in range(1, 9))
    assert sl.gradient_norm2 == pytest.approx(norm2, rel=1e-12)
    assert sl.first_order[1] == pytest.approx(q["E_total"] - q["eta"] * norm2, rel=1e-12)


def test_with_the_biases_trained_a_long_step_overshoots_and_the_first_rise_is_exact():
    s = ex.first_rise(article_network(), INPUTS, TARGETS, update_biases=True)
    assert s is not None
    start = quantities()["E_total"]
    below, above = ex.error_slice(article_network(), INPUTS, TARGETS, [s * (1 - 1e-6), s * (1 + 1e-6)],
                                  update_biases=True).errors
    assert below <= start < above
    one = train(article_network(), INPUTS, TARGETS, 2 * s, 1, update_biases=True)  # the core agrees
    assert one.errors[1] > one.errors[0]
    assert ex.first_rise(article_network(), INPUTS, TARGETS) is None


# --- figures ------------------------------------------------------------------------------------

def test_the_new_figures_fit_the_column_and_name_their_curves():
    sl = ex.error_slice(article_network(), INPUTS, TARGETS, np.geomspace(0.1, 100, 20))
    figs = [
        plots.plot_schedules({"a": ([0, 4, 8], [0.5, 0.4, 0.3]), "b": ([0, 1, 2], [0.5, 0.45, 0.2])}),
        plots.plot_example_outputs(["0,0", "0,1"], {"n": [0.1, 0.9]}, [0, 1]),
        plots.plot_output_deltas([0.1, 0.5, 0.9], {"d": [0.0, 0.1, 0.2]}, target=0.01, marks={"m": (0.5, 0.1)}),
        plots.plot_layer_gradients(["1", "2"], [1e-4, 1e-2], spread=([1e-5, 1e-3], [1e-3, 1e-1])),
        plots.plot_error_slice(sl.steps, sl.errors, sl.first_order, sl.start_error, points=[1, 10],
                               live=("a", "b", "c")),
    ]
    for fig in figs:
        fig.canvas.draw()
        assert fig.get_figwidth() <= style.WIDTH_IN
        for text in fig.findobj(lambda a: hasattr(a, "get_fontsize") and hasattr(a, "get_text")):
            if text.get_text():
                assert text.get_fontsize() >= style.LABEL_PT, text.get_text()
    assert 'id="schedule:a"' in svg_of(figs[0]) and 'id="slice-point-1"' in svg_of(figs[-1])
    with pytest.raises(ValueError, match=r"runs\['a'\]"):
        plots.plot_schedules({"a": ([0, 1], [0.5])})
    with pytest.raises(ValueError, match="live: expected 3 texts"):
        plots.plot_error_slice(sl.steps, sl.errors, sl.first_order, sl.start_error, live=("a",))


# --- the panel ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def panel():
    return StepSizePanel()


def test_the_panel_starts_at_the_articles_update(panel):
    panel.reset()
    q = quantities()
    p = panel.last
    assert (p.step, p.update_biases) == (q["eta"], False)
    assert p.error == pytest.approx(q["E_total_new"], rel=1e-12)
    assert not p.rose
    text = panel.starting_point()
    assert text.startswith("The panel starts here:") and "E went down" in text
    assert all(len(line) <= 52 for line in text.splitlines())


def test_moving_s_moves_the_point_and_says_when_the_error_went_up(panel):
    panel.reset()
    big = panel.sweep.steps[-1]
    panel.controls["update_biases"].value = True
    panel.controls["s"].value = big
    p = panel.last
    expected = float(train(article_network(), INPUTS, TARGETS, big, 1, update_biases=True).errors[1])
    assert p.error == pytest.approx(expected, rel=1e-10)
    assert p.rose and "UP" in p.verdict()
    svg = bytes(panel.figure_view.value).decode()
    k = panel.sweep.index(big)
    assert f"#slice-point-{k} {{ visibility: visible; }}" in svg and "E went UP by" in svg
    assert "UP" in panel.text.value and panel.summary().startswith(panel.title)
    panel.reset()
    assert panel.last.step == quantities()["eta"] and not panel.last.update_biases


def test_every_position_shows_its_own_point(panel):
    for s, b in itertools.product(panel.sweep.steps, (False, True)):
        panel.set(s=s, update_biases=b)
        assert panel.last.step == s and panel.last.update_biases == b
    panel.reset()

def test_the_panel_refuses_a_step_off_its_grid():
    with pytest.raises(ValueError, match="step: expected one of the slider's step sizes"):
        StepSizePanel(step=0.123)
