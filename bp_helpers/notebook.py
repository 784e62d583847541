"""The notebooks' front door: everything a notebook cell uses, from one place.

``from bp_helpers.notebook import quantities, StepsView, SectionPanel`` (or ``import
bp_helpers.notebook as bp`` and ``bp.quantities()``), as d2l's one flat namespace. Each name is
the very object of the module it lives in (listed in docs/architecture.md), re-exported here
and nowhere else; a teacher adapting a notebook looks here first.

This is a separate module, not ``import bp_helpers``, because it pulls in matplotlib and
ipywidgets: ``import bp_helpers`` stays the numeric core, quick to import in a script, a test
or a background process (the training explorer's), and a notebook pays for the views and
panels it shows.
"""

from __future__ import annotations

from . import experiments, names, plots, published
from .article import (
    INPUTS,
    LEARNING_RATE,
    PARAMETERS,
    PRINTED,
    PRINTED_CLOSING,
    START,
    STEPS,
    TARGETS,
    article_network,
    closing_figures,
    parameter,
    parameters,
    quantities,
    with_parameters,
)
from .chains import ChainW1, ChainW5
from .diagrams import NetworkDiagram
from .display import ComparisonTable, StepsView, SummaryTable, key_numbers
from .exercises import check
from .experiment_panel import StepSizePanel
from .formats import count, number, setting, short
from .functions import (
    CROSS_ENTROPY,
    HALF_SQUARED_ERROR,
    LINEAR,
    LOGISTIC,
    MEAN_SQUARED_ERROR,
    RELU,
    TANH,
    Activation,
    ErrorFunction,
)
from .gradcheck import gradient_check
from .network import Network, backward, forward
from .network_panel import NetworkPanel
from .player_panel import StepPlayer
from .rendering import show
from .steps import SECTIONS
from .training import step, sweep_learning_rates, train, update
from .verdicts import compare
from .widgets import SectionPanel, TrainingExplorer
from .worked import worked_example

__all__ = [
                      "CROSS_ENTROPY",
                      "HALF_SQUARED_ERROR",
                      "INPUTS",
                      "LEARNING_RATE",
                      "LINEAR",
                      "LOGISTIC",
                      "MEAN_SQUARED_ERROR",
                      "PARAMETERS",
                      "PRINTED",
                      "PRINTED_CLOSING",
                      "RELU",
                      "SECTIONS",
                      "START",
                      "STEPS",
                      "TANH",
                      "TARGETS",
                      "Activation",
                      "ChainW1",
                      "ChainW5",
                      "ComparisonTable",
                      "ErrorFunction",
                      # the network and its maths
                      "Network",
                      "NetworkDiagram",
                      "NetworkPanel",
                      # panels and exercises
                      "SectionPanel",
                      "StepPlayer",
                      "StepSizePanel",
                      "StepsView",
                      "SummaryTable",
                      "TrainingExplorer",
                      # the article
                      "article_network",
                      "backward",
                      "check",
                      "closing_figures",
                      "compare",
                      "count",
                      "experiments",
                      "forward",
                      "gradient_check",
                      "key_numbers",
                      "names",
                      # how numbers are written and shown
                      "number",
                      "parameter",
                      "parameters",
                      "plots",
                      "published",
                      "quantities",
                      "setting",
                      "short",
                      "show",
                      "step",
                      "sweep_learning_rates",
                      "train",
                      "update",
                      "with_parameters",
                      "worked_example",
]
