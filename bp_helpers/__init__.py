"""bp_helpers: backpropagation by hand, computed.

The core (no plotting, no widgets): :mod:`~bp_helpers.network` (forward and backward
passes), :mod:`~bp_helpers.training` (updates, training, learning-rate sweeps),
:mod:`~bp_helpers.functions` (activations and error functions with their derivatives),
:mod:`~bp_helpers.article` (the article's network, names and printed numbers),
:mod:`~bp_helpers.worked` (any small network's update worked step by step) and
:mod:`~bp_helpers.gradcheck`. Figures live in :mod:`bp_helpers.plots`, sliders in
:mod:`bp_helpers.widgets`.
"""

from .article import article_network, parameter, parameters, quantities, with_parameters
from .functions import (CROSS_ENTROPY, HALF_SQUARED_ERROR, LINEAR, LOGISTIC, MEAN_SQUARED_ERROR, RELU, TANH,
                        Activation, CrossEntropy, ErrorFunction, HalfSquaredError, Linear,
                        Logistic, MeanSquaredError, ReLU, Tanh)
from .gradcheck import GradientCheck, gradient_check
from .network import Network, backward, forward
from .passes import BackwardPass, ForwardPass
from .training import TrainingResult, step, sweep_learning_rates, train, update
from .worked import WorkedExample, worked_example

__all__ = [
    "CROSS_ENTROPY", "HALF_SQUARED_ERROR", "LINEAR", "LOGISTIC", "MEAN_SQUARED_ERROR", "RELU", "TANH",
    "Activation", "BackwardPass", "CrossEntropy", "ErrorFunction", "ForwardPass",
    "GradientCheck", "HalfSquaredError", "Linear", "Logistic", "MeanSquaredError", "Network", "ReLU", "Tanh",
    "TrainingResult", "WorkedExample", "article_network", "backward", "forward", "gradient_check",
    "parameter", "parameters", "quantities", "step", "sweep_learning_rates", "train",
    "update", "with_parameters", "worked_example",
]
__version__ = "0.1.0"
