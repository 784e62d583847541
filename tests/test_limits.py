"""The public API's edges: sizes beyond what can run are refused up front, a diverging run
blames its learning rate, a worked example iterates, and an input error reads well in a notebook."""

import nbformat
import numpy as np
import pytest
from nbclient import NotebookClient

from bp_helpers import (LINEAR, Network, backward, forward, step, sweep_learning_rates, train, update,
                        worked_example)
from bp_helpers.article import INPUTS, TARGETS, article_network
from bp_helpers.limits import MAX_CONFIGURATIONS, MAX_PARAMETERS, MAX_RECORDED, MAX_STEPS, check_steps
from bp_helpers.validation import InputError, InputTypeError, InputValueError

NET = article_network()


# --- too large to run: refused before anything is allocated -------------------------------------

@pytest.mark.parametrize("make, message", [
    (lambda: Network.random((2, 100_000, 100_000)),
     r"sizes: expected at most 10,000,000 weights and biases in all, got 10,000,400,000"),
    (lambda: train(NET, INPUTS, TARGETS, 0.5, 10**12), r"steps: expected at most 1,000,000 updates in one run"),
    (lambda: sweep_learning_rates(NET, INPUTS, TARGETS, np.linspace(0.1, 1, 100_000), 10),
     r"rates: expected at most 10,000 values \(one network is trained for each\), got 100,000"),
    (lambda: NET.stacked(10**6), r"count: expected at most 10,000 values"),
    (lambda: sweep_learning_rates(NET, INPUTS, TARGETS, np.linspace(0.1, 1, 10_000), 2_000),
     r"steps: expected at most 1,249 updates here: a run records its 20,000 outputs after every update"),
])
def test_what_cannot_run_here_is_refused_naming_the_parameter_and_the_limit(make, message):
    with pytest.raises(InputValueError, match=message):
        make()


def test_the_limits_are_where_they_say():
    # at a limit accepted, one beyond refused
    check_steps("steps", MAX_STEPS, 2)
    with pytest.raises(InputValueError, match="steps: expected at most 1,000,000 updates"):
        train(NET, INPUTS, TARGETS, 0.5, MAX_STEPS + 1)
    per_step = 40_000  # e.g. 20,000 learning rates of the article's network, two outputs each
    fits = MAX_RECORDED // per_step - 1  # the run records the outputs before the first update too
    check_steps("steps", fits, per_step)
    with pytest.raises(InputValueError, match=f"steps: expected at most {fits:,} updates here"):
        check_steps("steps", fits + 1, per_step)
    rates = np.full(MAX_CONFIGURATIONS, 0.5)
    assert sweep_learning_rates(NET, INPUTS, TARGETS, rates, 1).errors.shape == (2, MAX_CONFIGURATIONS)
    assert MAX_PARAMETERS == 10_000 * (999 + 1)
    assert Network.random((999, 10_000), seed=0).sizes == (999, 10_000)  # exactly the limit
    with pytest.raises(InputValueError, match="sizes: expected at most 10,000,000 weights and biases in all, "
                                              "got 10,010,000"):
        Network.random((1000, 10_000), seed=0)


# --- a diverging run is the learning rate's fault ---------------------------------------------------

LINEAR_NET = Network.from_layers([[[0.1, 0.2], [0.3, 0.4]], [[0.5, 0.6]]], [[0.1], [0.2]], LINEAR)


def test_a_diverging_run_blames_the_learning_rate_and_says_when():
    assert np.isfinite(train(LINEAR_NET, [1, 2], [1], 0.01, 1000).errors).all()  # a small step converges
    with pytest.raises(InputValueError, match=r"^learning_rate: expected a rate at which training stays finite, "
                                              r"got 10, .* after 6 updates$"):
        train(LINEAR_NET, [1, 2], [1], 10.0, 1000)
    with pytest.raises(InputValueError, match=r"^learning_rate: .* got 1e\+300, .* after 1 update$"):
        step(LINEAR_NET, [1, 2], [1], 1e300)


def test_a_sweep_names_exactly_the_rates_that_diverge():
    with pytest.raises(InputValueError, match=r"learning_rate: expected a rate at which training stays finite, "
                                              r"got 10, 20, at which"):
        sweep_learning_rates(LINEAR_NET, [1, 2], [1], [0.01, 10.0, 0.02, 20.0], 1000)


def test_a_grid_of_configurations_names_the_one_that_diverges():
    # two configuration axes (2 x 3): only the rate at [1, 2] is too large
    grid = Network(tuple(np.broadcast_to(w, (2, 3) + w.shape) for w in LINEAR_NET.weights),
                   tuple(np.broadcast_to(b, (2, 3) + b.shape) for b in LINEAR_NET.biases), LINEAR_NET.activations)
    rates = np.full((2, 3), 0.01)
    rates[1, 2] = 10.0
    with pytest.raises(InputValueError, match=r"got 10, at which .* after 6 updates$"):
        train(grid, [1, 2], [1], rates, 1000)
    rates[1, 2] = 0.02
    assert np.isfinite(train(grid, [1, 2], [1], rates, 1000).errors).all()


def test_an_update_too_long_blames_the_learning_rate():
    big = Network.from_layers([[[1e300]]], [[0.0]], LINEAR)
    gradients = backward(big, forward(big, [10.0], [0.0]))
    with pytest.raises(InputValueError, match=r"^learning_rate: expected a rate at which training stays finite, "
                                              r"got 1e\+300"):
        update(big, gradients, 1e300)
    with pytest.raises(InputValueError, match=r"^learning_rate: expected a step small enough"):
        worked_example(LINEAR_NET, [1, 2], [1], 1e300)


# --- a worked example is a sequence of steps --------------------------------------------------------

def test_a_worked_example_iterates_over_its_steps_in_order():
    example = worked_example(NET, INPUTS, TARGETS)
    assert len(example) == len(example.steps) == 50
    assert list(example) == list(example.steps)
    assert [s.name for s in example][:3] == ["net_h1", "out_h1", "net_h2"]
    assert example["dE_dw5"] is example.steps[[s.name for s in example].index("dE_dw5")]
    with pytest.raises(InputTypeError, match=r"name: expected a step's name such as 'E_total_new' \(iterate"):
        example[0]


# --- in a notebook: the message and the reader's own line first ------------------------------------

def test_an_input_error_is_both_a_value_error_and_an_input_error():
    with pytest.raises(ValueError) as caught:
        step(NET, INPUTS, TARGETS, -1)
    assert isinstance(caught.value, InputError)
    with pytest.raises(TypeError) as caught:
        step(NET, INPUTS, TARGETS, "0.5")
    assert isinstance(caught.value, InputError)


def test_a_notebook_shows_the_message_and_the_readers_line_then_percent_tb_the_rest(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("from bp_helpers import step\nfrom bp_helpers.article import article_network\n"
                                  "net = article_network()\nnew = step(net, (0.05, 0.1), (0.01, 0.99), -1)"),
        nbformat.v4.new_code_cell("%tb"),
    ])
    NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    (error,) = [o for o in nb.cells[0].outputs if o.output_type == "error"]
    assert error.ename == "InputValueError"
    assert error.traceback == [
        "InputValueError: learning_rate: expected a positive number (> 0), got -1",
        "  at line 4 of your cell: new = step(net, (0.05, 0.1), (0.01, 0.99), -1)",
        "(The lines inside bp_helpers are left out: run %tb in a new cell to see them.)",
    ]
    full = "\n".join(line for o in nb.cells[1].outputs for line in o.get("traceback", []))
    assert "Traceback (most recent call last)" in full
    assert "bp_helpers/training.py" in full and "bp_helpers/validation.py" in full


# --- a random network is what its docstring says --------------------------------------------------

def test_a_random_network_draws_every_weight_and_bias_in_minus_one_to_one():
    net = Network.random((3, 40, 30, 2), seed=5, shared_bias=False)
    every = np.concatenate([a.ravel() for a in net.weights + net.biases])
    assert every.min() >= -1 and every.max() < 1
    assert every.min() < -0.99 and every.max() > 0.99  # and uses the whole range
    assert np.array_equal(Network.random((3, 40, 30, 2), seed=5, shared_bias=False).weights[1], net.weights[1])
