"""Bad input to any public function fails early, naming the parameter and what was expected.

Each case is (function, call, exception, pattern): the message must match the pattern,
which names the parameter and what it expected -- never a raw numpy or Python error.
The last test checks that every public function has cases here.
"""

import inspect

import numpy as np
import pytest

import bp_helpers
from bp_helpers import (HALF_SQUARED_ERROR, LOGISTIC, Network, article_network, backward, forward,
                        gradient_check, parameter, parameters, quantities, step, sweep_learning_rates,
                        train, update, with_parameters)
from bp_helpers.article import INPUTS, TARGETS, closing_figures, matches_printed

NET = article_network()
FP = forward(NET, INPUTS, TARGETS)
BP = backward(NET, FP)
W = (np.full((3, 2), 0.1), np.full((2, 3), 0.1))  # a valid 2-3-2 network
B = (np.zeros(1), np.zeros(1))
ACTS = (LOGISTIC, LOGISTIC)
NAN, INF = float("nan"), float("inf")


def sweep(rates, steps, **options):
    return sweep_learning_rates(NET, INPUTS, TARGETS, rates, steps, **options)

NETWORK = r"network: expected a Network"
INPUTS_SHAPE = r"inputs: expected shape \(2,\) for one example or \(batch, 2\)"
TARGETS_SHAPE = r"targets: expected shape \(2,\) for one example or \(batch, 2\)"
SAME_BATCH = r"inputs, targets: expected the same number of examples, got 2 and 3"
FINITE = r"{}: expected finite numbers"
NUMBERS = r"{}: expected (an array of )?numbers"
POSITIVE = r"{}: expected a positive number"
COUNT = r"{}: expected a whole number"
FLAG = r"{}: expected True or False"
ORDER = r"order: expected one of 'simultaneous', 'output_first'"
NAME = r"name: expected one of w1, w2, w3, w4, w5, w6, w7, w8, b1, b2"
TWO_BY_TWO = r"network: expected the article's 2-2-2 shape"
SINGLE = r"network: expected a single network, got one stacked \(2,\)"  # one check for every function (network.check_network)


def case(function, label, call, error, match, *marks):
    return pytest.param(function, call, error, match, id=f"{function}-{label}", marks=marks)


def data_cases(function, call):
    """Bad inputs/targets for any ``call(inputs, targets)``."""
    return [
        case(function, "inputs-too-many", lambda: call([0.05, 0.1, 0.2], TARGETS), ValueError,
             INPUTS_SHAPE + r".*got shape \(3,\)"),
        case(function, "targets-too-few", lambda: call(INPUTS, [0.01]), ValueError,
             TARGETS_SHAPE + r".*got shape \(1,\)"),
        case(function, "inputs-3d", lambda: call(np.zeros((1, 1, 2)), TARGETS), ValueError, INPUTS_SHAPE),
        case(function, "inputs-scalar", lambda: call(0.05, TARGETS), ValueError, INPUTS_SHAPE),
        case(function, "inputs-empty-batch", lambda: call(np.zeros((0, 2)), np.zeros((0, 2))), ValueError,
             INPUTS_SHAPE),
        case(function, "batch-counts-differ", lambda: call(np.zeros((2, 2)), np.zeros((3, 2))), ValueError,
             SAME_BATCH),
        case(function, "inputs-nan", lambda: call([NAN, 0.1], TARGETS), ValueError, FINITE.format("inputs")),
        case(function, "inputs-inf", lambda: call([0.05, -INF], TARGETS),
             ValueError, FINITE.format("inputs")),
        case(function, "targets-nan", lambda: call(INPUTS, [0.01, NAN]),
             ValueError, FINITE.format("targets")),
        case(function, "targets-inf", lambda: call(INPUTS, [INF, 0.99]),
             ValueError, FINITE.format("targets")),
        case(function, "inputs-str", lambda: call("0.05 0.1", TARGETS), TypeError, NUMBERS.format("inputs")),
        case(function, "inputs-None", lambda: call(None, TARGETS), TypeError, NUMBERS.format("inputs")),
        case(function, "inputs-strs", lambda: call(["0.05", "0.1"], TARGETS),
             TypeError, NUMBERS.format("inputs")),
        case(function, "targets-bools", lambda: call(INPUTS, [False, True]), TypeError,
             NUMBERS.format("targets")),
        case(function, "inputs-ragged", lambda: call([[0.05, 0.1], [0.2]], TARGETS), TypeError,
             NUMBERS.format("inputs") + r".*rows of different lengths: inputs\[0\]: 2 entries, inputs\[1\]: 1 entry"),
        case(function, "targets-complex", lambda: call(INPUTS, [0.01j, 0.99]), TypeError,
             NUMBERS.format("targets")),
    ]


def rate_cases(function, call, name="learning_rate"):
    """Bad learning rates for any ``call(learning_rate)``."""
    return [
        case(function, "rate-zero", lambda: call(0.0), ValueError, POSITIVE.format(name)),
        case(function, "rate-negative", lambda: call(-0.5), ValueError, POSITIVE.format(name)),
        case(function, "rate-nan", lambda: call(NAN), ValueError, FINITE.format(name)),
        case(function, "rate-inf", lambda: call(INF), ValueError, FINITE.format(name)),
        case(function, "rate-str", lambda: call("0.5"), TypeError, NUMBERS.format(name)),
        case(function, "rate-None", lambda: call(None), TypeError, NUMBERS.format(name)),
        case(function, "rate-bool", lambda: call(True), TypeError, NUMBERS.format(name)),
        case(function, "rate-two-for-one-network", lambda: call([0.5, 0.5]), ValueError,
             rf"{name}: expected one number, got shape \(2,\)"),
    ]


CASES = [
    # Network(weights, biases, activations, error)
    case("Network", "weights-None", lambda: Network(None, B, ACTS), TypeError,
         r"weights: expected a list or tuple of weight matrices, one per layer, got NoneType"),
    case("Network", "biases-None", lambda: Network(W, None, ACTS), TypeError,
         r"biases: expected a list or tuple of bias vectors"),
    case("Network", "activations-one-not-a-list", lambda: Network(W, B, LOGISTIC), TypeError,
         r"activations: expected a list or tuple of activations"),
    case("Network", "no-layers", lambda: Network((), (), ()), ValueError,
         r"weights: expected at least one layer"),
    case("Network", "weights-1d", lambda: Network((np.zeros(2),), (np.zeros(1),), ACTS[:1]), ValueError,
         r"weights\[0\]: expected shape \('n_out', 'n_in'\), got \(2,\)"),
    case("Network", "weights-empty", lambda: Network((np.zeros((0, 2)),), (np.zeros(1),), ACTS[:1]),
         ValueError, r"weights\[0\]: expected shape"),
    case("Network", "columns-mismatch", lambda: Network((W[0], np.zeros((2, 2))), B, ACTS), ValueError,
         r"weights\[1\]: expected 3 columns \(one per neuron of the layer before\), got shape \(2, 2\)"),
    case("Network", "too-few-biases", lambda: Network(W, B[:1], ACTS), ValueError,
         r"biases, activations: expected one per layer \(2\), got 1 biases and 2 activations"),
    case("Network", "too-many-activations", lambda: Network(W, B, ACTS * 2), ValueError,
         r"biases, activations: expected one per layer \(2\), got 2 biases and 4 activations"),
    case("Network", "bias-shape", lambda: Network(W, (np.zeros(2), B[1]), ACTS), ValueError,
         r"biases\[0\]: expected shape \(1,\) \(shared\) or \(3,\) \(per neuron\), got \(2,\)"),
    case("Network", "configurations-differ", lambda: Network((np.zeros((4, 3, 2)), np.zeros((5, 2, 3))),
                                                             (np.zeros((4, 1)), np.zeros((5, 1))), ACTS),
         ValueError, r"weights\[1\]: expected shape \(4, 'n_out', 'n_in'\), got \(5, 2, 3\)"),
    case("Network", "weights-nan", lambda: Network((np.array([[NAN, 0.1]]),), (np.zeros(1),), ACTS[:1]),
         ValueError, FINITE.format(r"weights\[0\]")),
    case("Network", "weights-inf", lambda: Network((W[0], np.full((2, 3), INF)), B, ACTS),
         ValueError, FINITE.format(r"weights\[1\]")),
    case("Network", "bias-nan", lambda: Network(W, (B[0], np.array([NAN])), ACTS), ValueError,
         FINITE.format(r"biases\[1\]")),
    case("Network", "weights-str", lambda: Network(("0.1",), (np.zeros(1),), ACTS[:1]), TypeError,
         NUMBERS.format(r"weights\[0\]")),
    case("Network", "weights-bools", lambda: Network(([[True, False]],), (np.zeros(1),), ACTS[:1]), TypeError,
         NUMBERS.format(r"weights\[0\]")),
    case("Network", "weights-ragged", lambda: Network(([[0.1, 0.2], [0.3]],), (np.zeros(1),), ACTS[:1]),
         TypeError, NUMBERS.format(r"weights\[0\]") + r".*rows of different lengths: weights\[0\]\[0\]: 2 entries, "
         r"weights\[0\]\[1\]: 1 entry"),
    case("Network.from_layers", "weights-ragged-deep", lambda: Network.from_layers(
        [[[0.1, 0.2], [0.3, 0.4]], [[0.1, 0.2], [0.3, [0.4]]]], [[0.0], [0.0]]), TypeError,
         r"weights\[1\]: .*rows of different lengths: weights\[1\]\[1\]\[0\]: a number, weights\[1\]\[1\]\[1\]: 1 entry"),
    case("Network", "weights-huge-int", lambda: Network(([[10**400]],), (np.zeros(1),), ACTS[:1]),
         ValueError, FINITE.format(r"weights\[0\]")),
    case("Network", "activation-str", lambda: Network(W, B, ("logistic", LOGISTIC)), TypeError,
         r"activations\[0\]: expected an Activation, act\(net\), got 'logistic'"),
    case("Network", "error-None", lambda: Network(W, B, ACTS, None), TypeError,
         r"error: expected an ErrorFunction, error\(out, target\), got None"),
    case("Network", "activation-as-error", lambda: Network(W, B, ACTS, LOGISTIC), TypeError,
         r"error: expected an ErrorFunction, error\(out, target\), got Logistic"),
    case("Network", "error-as-activation", lambda: Network(W, B, (LOGISTIC, HALF_SQUARED_ERROR)), TypeError,
         r"activations\[1\]: expected an Activation, act\(net\), got HalfSquaredError"),
    # Network.from_layers
    case("Network.from_layers", "weights-None", lambda: Network.from_layers(None, [[0.0]]), TypeError,
         r"weights: expected a list or tuple of weight matrices"),
    case("Network.from_layers", "weights-number", lambda: Network.from_layers(5, [[0.0]]), TypeError,
         r"weights: expected a list or tuple of weight matrices, one per layer, got int"),
    case("Network.from_layers", "biases-None", lambda: Network.from_layers([[[0.1]]], None), TypeError,
         r"biases: expected a list or tuple of bias vectors"),
    case("Network.from_layers", "activation-str", lambda: Network.from_layers([[[0.1]]], [[0.0]], "logistic"),
         TypeError, r"activation: expected an Activation such as LOGISTIC, or a list with one per layer, "
                    r"got 'logistic'"),
    case("Network.from_layers", "activation-None", lambda: Network.from_layers([[[0.1]]], [[0.0]], None),
         TypeError, r"activation: expected an Activation"),
    case("Network.from_layers", "activations-count",
         lambda: Network.from_layers([[[0.1]]], [[0.0]], [LOGISTIC, LOGISTIC]), ValueError,
         r"activation: expected one for all layers or one per layer \(1\), got 2"),
    case("Network.from_layers", "error-passed-as-activation",
         lambda: Network.from_layers([[[0.1]]], [[0.0]], HALF_SQUARED_ERROR), TypeError,
         r"activation: expected an Activation such as LOGISTIC"),
    case("Network.from_layers", "error-str",
         lambda: Network.from_layers([[[0.1]]], [[0.0]], error="half squared error"), TypeError,
         r"error: expected an ErrorFunction"),
    case("Network.from_layers", "weights-nan", lambda: Network.from_layers([[[NAN]]], [[0.0]]), ValueError,
         FINITE.format(r"weights\[0\]")),
    case("Network.from_layers", "bias-shape",
         lambda: Network.from_layers([[[0.1], [0.2]]], [[0.0, 0.0, 0.0]]),
         ValueError, r"biases\[0\]: expected shape \(1,\) \(shared\) or \(2,\) \(per neuron\), got \(3,\)"),
    # Network.random
    case("Network.random", "sizes-None", lambda: Network.random(None), TypeError,
         r"sizes: expected a list or tuple of layer sizes"),
    case("Network.random", "sizes-str", lambda: Network.random("222"), TypeError,
         r"sizes: expected a list or tuple of layer sizes"),
    case("Network.random", "sizes-one-layer", lambda: Network.random((2,)), ValueError,
         r"sizes: expected at least two layer sizes like \(2, 2, 2\), got \(2,\)"),
    case("Network.random", "size-zero", lambda: Network.random((2, 0)), ValueError,
         COUNT.format(r"sizes\[1\]") + r" >= 1, got 0"),
    case("Network.random", "size-bool", lambda: Network.random((2, True)), TypeError,
         COUNT.format(r"sizes\[1\]") + r", got True"),
    case("Network.random", "size-float", lambda: Network.random((2.0, 2)), TypeError,
         COUNT.format(r"sizes\[0\]") + r", got 2.0"),
    case("Network.random", "seed-str", lambda: Network.random((2, 2), seed="a"),
         TypeError, COUNT.format("seed")),
    case("Network.random", "seed-float", lambda: Network.random((2, 2), seed=1.5), TypeError,
         COUNT.format("seed")),
    case("Network.random", "seed-bool", lambda: Network.random((2, 2), seed=True), TypeError,
         COUNT.format("seed")),
    case("Network.random", "seed-negative", lambda: Network.random((2, 2), seed=-1), ValueError,
         COUNT.format("seed") + r" >= 0, got -1"),
    case("Network.random", "shared_bias-str", lambda: Network.random((2, 2), shared_bias="no"), TypeError,
         FLAG.format("shared_bias") + r", got 'no'"),
    case("Network.random", "activation-str", lambda: Network.random((2, 2), activation="tanh"), TypeError,
         r"activation: expected an Activation"),
    # Network.stacked
    case("Network.stacked", "count-zero", lambda: NET.stacked(0),
         ValueError, COUNT.format("count") + " >= 1"),
    case("Network.stacked", "count-negative", lambda: NET.stacked(-3), ValueError, COUNT.format("count")),
    case("Network.stacked", "count-bool", lambda: NET.stacked(True), TypeError, COUNT.format("count")),
    case("Network.stacked", "count-float", lambda: NET.stacked(2.0), TypeError, COUNT.format("count")),
    case("Network.stacked", "count-None", lambda: NET.stacked(None), TypeError, COUNT.format("count")),
    case("Network.stacked", "count-str", lambda: NET.stacked("4"), TypeError, COUNT.format("count")),
    # forward
    case("forward", "network-None", lambda: forward(None, INPUTS, TARGETS),
         TypeError, NETWORK + ", got NoneType"),
    case("forward", "network-list", lambda: forward([[0.1]], INPUTS, TARGETS), TypeError, NETWORK),
    *data_cases("forward", lambda x, t: forward(NET, x, t)),
    # backward
    case("backward", "network-None", lambda: backward(None, FP), TypeError, NETWORK),
    case("backward", "fp-None", lambda: backward(NET, None), TypeError,
         r"fp: expected the ForwardPass returned by forward\(\), got NoneType"),
    case("backward", "fp-of-BackwardPass", lambda: backward(NET, BP),
         TypeError, r"fp: expected the ForwardPass"),
    case("backward", "fp-other-hidden-size", lambda: backward(Network.random((2, 3, 2)), FP), ValueError,
         r"fp: expected a forward pass of this network, layer sizes \(2, 3, 2\)"),
    case("backward", "fp-other-input-size", lambda: backward(Network.random((3, 2, 2)), FP), ValueError,
         r"fp: expected a forward pass of this network, layer sizes \(3, 2, 2\)"),
    case("backward", "fp-of-single-network-for-stacked", lambda: backward(NET.stacked(3), FP), ValueError,
         r"fp: expected a forward pass of this network, .* configurations \(3,\), got \(2, 2, 2\) and \(\)"),
    # update
    case("update", "network-None", lambda: update(None, BP, 0.5), TypeError, NETWORK),
    case("update", "gradients-None", lambda: update(NET, None, 0.5), TypeError,
         r"gradients: expected the BackwardPass returned by backward\(\), got NoneType"),
    case("update", "gradients-ForwardPass", lambda: update(NET, FP, 0.5), TypeError, r"gradients: expected"),
    case("update", "gradients-other-shape",
         lambda: update(NET, backward(Network.random((2, 3, 2)), forward(Network.random((2, 3, 2)), INPUTS,
                                                                          TARGETS)), 0.5),
         ValueError, r"gradients: expected the backward pass of this network"),
    case("update", "gradients-deeper-network",
         lambda: update(NET, backward(Network.random((2, 2, 2, 2)), forward(Network.random((2, 2, 2, 2)),
                                                                             INPUTS, TARGETS)), 0.5),
         ValueError, r"gradients: expected the backward pass of this network"),
    case("update", "gradients-per-neuron-biases",
         lambda: update(NET, backward(Network.random((2, 2, 2), shared_bias=False),
                                      forward(Network.random((2, 2, 2), shared_bias=False), INPUTS, TARGETS)),
                        0.5, update_biases=True),
         ValueError, r"gradients: expected the backward pass of this network"),
    case("update", "gradients-of-single-for-stacked", lambda: update(NET.stacked(2), BP, 0.5), ValueError,
         r"gradients: expected the backward pass of this network"),
    *rate_cases("update", lambda eta: update(NET, BP, eta)),
    case("update", "update_biases-str", lambda: update(NET, BP, 0.5, update_biases="yes"), TypeError,
         FLAG.format("update_biases") + r", got 'yes'"),
    case("update", "update_biases-int", lambda: update(NET, BP, 0.5, update_biases=1), TypeError,
         FLAG.format("update_biases")),
    # step
    case("step", "network-None", lambda: step(None, INPUTS, TARGETS, 0.5), TypeError, NETWORK),
    *data_cases("step", lambda x, t: step(NET, x, t, 0.5)),
    *rate_cases("step", lambda eta: step(NET, INPUTS, TARGETS, eta)),
    case("step", "order-unknown", lambda: step(NET, INPUTS, TARGETS, 0.5, order="backwards"), ValueError,
         ORDER + r", got 'backwards'"),
    case("step", "order-None", lambda: step(NET, INPUTS, TARGETS, 0.5, order=None), TypeError, ORDER),
    case("step", "order-array", lambda: step(NET, INPUTS, TARGETS, 0.5, order=np.array(["simultaneous"] * 2)),
         TypeError, ORDER),
    case("step", "update_biases-None", lambda: step(NET, INPUTS, TARGETS, 0.5, update_biases=None), TypeError,
         FLAG.format("update_biases")),
    # train
    case("train", "network-None", lambda: train(None, INPUTS, TARGETS, 0.5, 3), TypeError, NETWORK),
    *data_cases("train", lambda x, t: train(NET, x, t, 0.5, 3)),
    *rate_cases("train", lambda eta: train(NET, INPUTS, TARGETS, eta, 3)),
    case("train", "rate-per-configuration-count",
         lambda: train(NET.stacked(3), INPUTS, TARGETS, [0.1, 0.2], 3), ValueError,
         r"learning_rate: expected one number or one per configuration, shape \(3,\), got shape \(2,\)"),
    case("train", "rate-one-negative-configuration",
         lambda: train(NET.stacked(3), INPUTS, TARGETS, [0.1, -0.2, 0.3], 3), ValueError,
         POSITIVE.format("learning_rate")),
    case("train", "steps-negative", lambda: train(NET, INPUTS, TARGETS, 0.5, -1), ValueError,
         COUNT.format("steps") + r" >= 0, got -1"),
    case("train", "steps-bool", lambda: train(NET, INPUTS, TARGETS, 0.5, True), TypeError,
         COUNT.format("steps") + r", got True"),
    case("train", "steps-float", lambda: train(NET, INPUTS, TARGETS, 0.5, 10.0),
         TypeError, COUNT.format("steps")),
    case("train", "steps-None", lambda: train(NET, INPUTS, TARGETS, 0.5, None),
         TypeError, COUNT.format("steps")),
    case("train", "steps-str", lambda: train(NET, INPUTS, TARGETS, 0.5, "10"),
         TypeError, COUNT.format("steps")),
    case("train", "order-unknown", lambda: train(NET, INPUTS, TARGETS, 0.5, 3, order="output-first"),
         ValueError, ORDER + r", got 'output-first'"),
    case("train", "update_biases-str", lambda: train(NET, INPUTS, TARGETS, 0.5, 3, update_biases="False"),
         TypeError, FLAG.format("update_biases")),
    # sweep_learning_rates
    case("sweep_learning_rates", "network-None",
         lambda: sweep_learning_rates(None, INPUTS, TARGETS, [0.5], 3),
         TypeError, NETWORK),
    case("sweep_learning_rates", "network-stacked",
         lambda: sweep_learning_rates(NET.stacked(2), INPUTS, TARGETS, [0.5], 3), ValueError,
         r"network: expected a single network, got one stacked \(2,\)"),
    *data_cases("sweep_learning_rates", lambda x, t: sweep_learning_rates(NET, x, t, [0.5, 1.0], 3)),
    case("sweep_learning_rates", "rates-empty", lambda: sweep([], 3),
         ValueError, r"rates: expected a 1-D list of learning rates, got shape \(0,\)"),
    case("sweep_learning_rates", "rates-scalar", lambda: sweep(0.5, 3),
         ValueError, r"rates: expected a 1-D list of learning rates, got shape \(\)"),
    case("sweep_learning_rates", "rates-2d", lambda: sweep([[0.5]], 3),
         ValueError, r"rates: expected a 1-D list of learning rates, got shape \(1, 1\)"),
    case("sweep_learning_rates", "rates-zero", lambda: sweep([0.5, 0], 3),
         ValueError, POSITIVE.format("rates")),
    case("sweep_learning_rates", "rates-negative",
         lambda: sweep([-0.5, 0.5], 3), ValueError, POSITIVE.format("rates")),
    case("sweep_learning_rates", "rates-nan", lambda: sweep([0.5, NAN], 3),
         ValueError, FINITE.format("rates")),
    case("sweep_learning_rates", "rates-inf", lambda: sweep([INF], 3),
         ValueError, FINITE.format("rates")),
    case("sweep_learning_rates", "rates-str", lambda: sweep("0.5", 3),
         TypeError, NUMBERS.format("rates")),
    case("sweep_learning_rates", "rates-None", lambda: sweep(None, 3),
         TypeError, NUMBERS.format("rates")),
    case("sweep_learning_rates", "rates-bools",
         lambda: sweep([True, True], 3), TypeError, NUMBERS.format("rates")),
    case("sweep_learning_rates", "steps-negative",
         lambda: sweep([0.5], -2), ValueError, COUNT.format("steps")),
    case("sweep_learning_rates", "steps-bool",
         lambda: sweep([0.5], False), TypeError, COUNT.format("steps")),
    case("sweep_learning_rates", "order-unknown",
         lambda: sweep([0.5], 3, order="both"), ValueError, ORDER),
    case("sweep_learning_rates", "update_biases-str",
         lambda: sweep([0.5], 3, update_biases="yes"), TypeError,
         FLAG.format("update_biases")),
    # gradient_check
    case("gradient_check", "network-None", lambda: gradient_check(None, INPUTS, TARGETS), TypeError, NETWORK),
    case("gradient_check", "network-stacked", lambda: gradient_check(NET.stacked(2), INPUTS, TARGETS),
         ValueError, r"network: expected a single network"),
    *data_cases("gradient_check", lambda x, t: gradient_check(NET, x, t)),
    case("gradient_check", "eps-zero", lambda: gradient_check(NET, INPUTS, TARGETS, eps=0), ValueError,
         POSITIVE.format("eps")),
    case("gradient_check", "eps-negative", lambda: gradient_check(NET, INPUTS, TARGETS, eps=-1e-3),
         ValueError,
         POSITIVE.format("eps")),
    case("gradient_check", "eps-nan", lambda: gradient_check(NET, INPUTS, TARGETS, eps=NAN), ValueError,
         FINITE.format("eps")),
    case("gradient_check", "eps-str", lambda: gradient_check(NET, INPUTS, TARGETS, eps="1e-3"), TypeError,
         NUMBERS.format("eps")),
    case("gradient_check", "eps-list", lambda: gradient_check(NET, INPUTS, TARGETS, eps=[1e-3, 1e-3]),
         ValueError, r"eps: expected one number, got shape \(2,\)"),
    case("gradient_check", "eps-bool", lambda: gradient_check(NET, INPUTS, TARGETS, eps=True), TypeError,
         NUMBERS.format("eps")),
    # article.py: article_network
    case("article_network", "unknown-name", lambda: article_network(w9=0.1),
         ValueError, NAME + r", got 'w9'"),
    case("article_network", "nan", lambda: article_network(w1=NAN),
         ValueError, r"w1: expected a finite number"),
    case("article_network", "inf", lambda: article_network(b2=-INF),
         ValueError, r"b2: expected a finite number"),
    case("article_network", "str", lambda: article_network(w5="0.4"), TypeError, r"w5: expected a number"),
    case("article_network", "None", lambda: article_network(w5=None), TypeError, r"w5: expected a number"),
    case("article_network", "bool", lambda: article_network(b1=True), TypeError, r"b1: expected a number"),
    case("article_network", "array", lambda: article_network(w1=np.array([0.1, 0.2])), TypeError,
         r"w1: expected a number"),
    case("article_network", "huge-int", lambda: article_network(w1=10**400), ValueError,
         r"w1: expected a finite number"),
    # article.py: parameter, parameters, with_parameters
    case("parameter", "unknown-name", lambda: parameter(NET, "w9"), ValueError, NAME + r", got 'w9'"),
    case("parameter", "article-label-with-capital", lambda: parameter(NET, "W1"), ValueError, NAME),
    case("parameter", "name-None", lambda: parameter(NET, None), ValueError, NAME + r", got None"),
    case("parameter", "name-list", lambda: parameter(NET, ["w1"]), (TypeError, ValueError), r"name: expected"),
    case("parameter", "network-None", lambda: parameter(None, "w1"), TypeError, NETWORK),
    case("parameter", "network-2-3-2", lambda: parameter(Network.random((2, 3, 2)), "w1"), ValueError,
         TWO_BY_TWO + r" with shared biases, got sizes \(2, 3, 2\)"),
    case("parameter", "network-per-neuron-biases",
         lambda: parameter(Network.random((2, 2, 2), shared_bias=False), "b1"), ValueError, TWO_BY_TWO),
    case("parameter", "network-stacked", lambda: parameter(NET.stacked(2), "w1"), ValueError, SINGLE),
    case("parameters", "network-None", lambda: parameters(None), TypeError, NETWORK),
    case("parameters", "network-stacked", lambda: parameters(NET.stacked(2)), ValueError, SINGLE),
    case("parameters", "network-deeper", lambda: parameters(Network.random((2, 2, 2, 2))),
         ValueError, TWO_BY_TWO),
    case("with_parameters", "unknown-name", lambda: with_parameters(NET, w0=0.1),
         ValueError, NAME + r", got 'w0'"),
    case("with_parameters", "inf", lambda: with_parameters(NET, b1=INF),
         ValueError, r"b1: expected a finite number"),
    case("with_parameters", "nan", lambda: with_parameters(NET, w8=NAN),
         ValueError, r"w8: expected a finite"),
    case("with_parameters", "str", lambda: with_parameters(NET, w2="x"), TypeError, r"w2: expected a number"),
    case("with_parameters", "network-None", lambda: with_parameters(None, w1=0.1), TypeError, NETWORK),
    case("with_parameters", "network-2-3-2", lambda: with_parameters(Network.random((2, 3, 2)), w1=0.1),
         ValueError, TWO_BY_TWO),
    # article.py: quantities
    case("quantities", "network-str", lambda: quantities("article"), TypeError, NETWORK + r", got str"),
    case("quantities", "network-2-3-2", lambda: quantities(Network.random((2, 3, 2))),
         ValueError, TWO_BY_TWO),
    case("quantities", "batch", lambda: quantities(inputs=[INPUTS, INPUTS], targets=[TARGETS, TARGETS]),
         ValueError, r"inputs: expected one example \(the article's\), got 2"),
    *data_cases("quantities", lambda x, t: quantities(None, x, t)),
    *rate_cases("quantities", lambda eta: quantities(learning_rate=eta)),
    # article.py: closing_figures
    case("closing_figures", "order-unknown", lambda: closing_figures("newest"),
         ValueError, ORDER + r", got 'newest'"),
    case("closing_figures", "order-None", lambda: closing_figures(None), TypeError, ORDER),
    case("closing_figures", "steps-negative", lambda: closing_figures("simultaneous", -1), ValueError,
         COUNT.format("steps") + r" >= 0"),
    case("closing_figures", "steps-bool", lambda: closing_figures("simultaneous", True), TypeError,
         COUNT.format("steps")),
    case("closing_figures", "steps-float", lambda: closing_figures("simultaneous", 1e4), TypeError,
         COUNT.format("steps")),
    # article.py: matches_printed
    case("matches_printed", "value-str", lambda: matches_printed("0.5", "0.5"), TypeError,
         r"value: expected a number"),
    case("matches_printed", "value-None", lambda: matches_printed(None, "0.5"), TypeError,
         r"value: expected a number"),
    case("matches_printed", "printed-float", lambda: matches_printed(0.5, 0.5), TypeError,
         r"printed: expected"),
    case("matches_printed", "printed-not-a-number", lambda: matches_printed(0.5, "abc"), ValueError,
         r"printed: expected"),
    case("matches_printed", "printed-nan", lambda: matches_printed(0.5, "NaN"), ValueError,
         r"printed: expected"),
]


@pytest.mark.parametrize("function, call, error, match", CASES)
def test_bad_input_is_rejected_naming_the_parameter(function, call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_nothing_is_left_half_done_by_a_rejected_call():
    before = [a.copy() for a in NET.weights + NET.biases]
    with pytest.raises(ValueError):
        train(NET, INPUTS, TARGETS, 0.5, -1)
    for a, b in zip(NET.weights + NET.biases, before):
        np.testing.assert_array_equal(a, b)


def test_valid_edge_cases_are_accepted():
    # What the checks must not reject: numpy scalars and ints, a batch of one, tuples,
    # integer arrays, one learning rate per configuration, per-neuron biases.
    assert Network.random(np.array([2, 3, 1]), seed=np.int64(3)).sizes == (2, 3, 1)
    assert NET.stacked(np.int32(2)).config_shape == (2,)
    assert train(NET, np.array([[0, 1]]), (0.01, 0.99), np.float32(0.5), np.int64(2)).errors.shape == (3,)
    assert train(NET.stacked(2), INPUTS, TARGETS, np.array([0.1, 0.2]), 1).errors.shape == (2, 2)
    assert update(NET, BP, 1, update_biases=np.bool_(True)).sizes == (2, 2, 2)
    assert gradient_check(Network.random((2, 2, 2), seed=1, shared_bias=False), INPUTS, TARGETS, eps=1e-3)
    assert parameter(with_parameters(NET, w1=np.float64(0.3), b2=1), "w1") == 0.3


# Every public function of the package, and the article helpers the notebooks use.
COVERED = {
    "Network", "Network.from_layers", "Network.random", "Network.stacked", "forward", "backward", "update",
    "step", "train", "sweep_learning_rates", "gradient_check", "article_network", "parameter", "parameters",
    "with_parameters", "quantities", "closing_figures", "matches_printed",
}


def test_every_public_function_has_bad_input_cases():
    core = {"bp_helpers.network", "bp_helpers.training", "bp_helpers.gradcheck", "bp_helpers.article"}
    functions = {name for name, member in vars(bp_helpers).items()
                 if name in bp_helpers.__all__ and inspect.isfunction(member) and member.__module__ in core}
    methods = {f"Network.{name}" for name, member in vars(Network).items()
               if not name.startswith("_")
               and (isinstance(member, classmethod) or inspect.isfunction(member))}
    assert functions | methods | {"Network"} <= COVERED
    assert {c.values[0] for c in CASES} == COVERED
