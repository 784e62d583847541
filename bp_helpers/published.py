"""Other published worked examples of backpropagation, as data: their networks and the
numbers they print, to be computed and compared the way the article's are.

Each :class:`Published` holds what its page states (the network as lists, the inputs, the
targets, the learning rate, the error function) and every number it prints that has a
name in our scheme, as printed: their name, our name (:mod:`bp_helpers.names`: i1, h1, o1,
w1.., b1..) and the digits as strings. Nothing here is computed, and no computed value is
typed in: :meth:`Published.worked` runs :func:`bp_helpers.worked_example`, and
:meth:`Published.printed_numbers` hands the printed digits to the views
(:mod:`bp_helpers.display`), which mark each with ✓ or ✗ through :mod:`bp_helpers.verdicts`.

Conventions differ from page to page (a loss called "MSE" that is ½(y − ŷ)², a bias per
neuron or one per layer, no biases at all, weights numbered by where they come from):
``conventions`` says each in one line, and ``notes`` says why a printed number is off.
Pure: data and the core; no IPython, no matplotlib.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, NamedTuple

from .functions import HALF_SQUARED_ERROR, LOGISTIC, Activation, ErrorFunction
from .network import Network
from .verdicts import PrintedNumbers
from .worked import WorkedExample, worked_example
from .validation import InputValueError

__all__ = ["EXAMPLES", "PrintedNumber", "Published"]

# The learning rate a worked example is run with when its page prints no update: no number
# compared depends on it.
NO_UPDATE_RATE = 1.0


class PrintedNumber(NamedTuple):
    """One number a page prints: its name there, our name for it, and its digits as printed."""

    theirs: str
    ours: str
    printed: str


@dataclass(frozen=True)
class Published:
    """A published worked example: what it states, and what it prints."""

    key: str
    title: str
    address: str
    conventions: str  # in one line: its names, its biases, its error function
    weights: tuple[Any, ...]  # one matrix a layer, as Network.from_layers takes them
    biases: tuple[Any, ...]
    inputs: tuple[float, ...]
    targets: tuple[float, ...]
    learning_rate: float | None  # None: the page prints no update (NO_UPDATE_RATE is used)
    printed: tuple[PrintedNumber, ...]
    activation: Activation = LOGISTIC
    error: ErrorFunction = HALF_SQUARED_ERROR
    update_biases: bool = False
    notes: Mapping[str, str] = field(default_factory=dict)  # our name -> why the printed number is off

    def __post_init__(self) -> None:
        ours = [p.ours for p in self.printed]
        if len(set(ours)) != len(ours):
            raise InputValueError(f"{self.key}: printed: expected each of our names once, got {ours}")
        unknown = set(self.notes) - set(ours)
        if unknown:
            raise InputValueError(f"{self.key}: notes: expected notes on printed numbers, got {sorted(unknown)}")
        object.__setattr__(self, "notes", MappingProxyType(dict(self.notes)))

    def network(self) -> Network:
        """The page's network."""
        return Network.from_layers(self.weights, self.biases, self.activation, self.error)

    @property
    def rate(self) -> float:
        """The learning rate the worked example runs with."""
        return NO_UPDATE_RATE if self.learning_rate is None else self.learning_rate

    def worked(self) -> WorkedExample:
        """Every step of one update of the page's network, computed by the core."""
        return worked_example(self.network(), self.inputs, self.targets, self.rate,
                              update_biases=self.update_biases)

    def printed_numbers(self) -> PrintedNumbers:
        """What the views compare the steps with: our name -> the page's digits, with notes."""
        return PrintedNumbers("printed", {p.ours: p.printed for p in self.printed}, self.notes)

    def names(self) -> dict[str, str]:
        """Our name -> their name, for every number the page prints."""
        return {p.ours: p.theirs for p in self.printed}


def _numbers(*rows: tuple[str, str, str]) -> tuple[PrintedNumber, ...]:
    return tuple(PrintedNumber(*row) for row in rows)


_CUT = "the page cuts its product of rounded factors to -0.1360 instead of rounding"

SGHOSH = Published(
    key="sghosh",
    title="Simple Neural Network: Manual Backpropagation (1 Hidden Neuron)",
    address="https://github.com/Sghosh1999/Machine-Learning-Deep-Learning-Fundamentals-Scratch",
    conventions="one sigmoid neuron with its own bias b (a 2-1 network: its 'hidden' neuron is the output); "
                "x1, x2, w11, w12, z, y_pred; 'MSE' that is ½(y − y_pred)²; the bias updated too",
    weights=([[0.5, -0.4]],),
    biases=([0.1],),
    inputs=(1.0, 2.0),
    targets=(1.0,),
    learning_rate=0.1,
    update_biases=True,
    printed=_numbers(
        ("z", "net_o1", "-0.2"),
        ("y_pred", "out_o1", "0.4502"),
        ("Loss", "E_total", "0.1511"),
        ("dL/dy_pred", "dE_dout_o1", "-0.5498"),
        ("dy_pred/dz", "dout_o1_dnet_o1", "0.2475"),
        ("dL/dz", "delta_o1", "-0.1360"),
        ("dL/dw11", "dE_dw1", "-0.1360"),
        ("dL/dw12", "dE_dw2", "-0.2720"),
        ("dL/db", "dE_db1", "-0.1360"),
        ("w11 (new)", "w1_new", "0.5136"),
        ("w12 (new)", "w2_new", "-0.3728"),
        ("b (new)", "b1_new", "0.1136"),
    ),
    notes={
        "E_total": "the page squares its rounded 1.0 - 0.4502",
        "delta_o1": _CUT,
        "dE_dw1": "the page's cut dL/dz times x1 = 1",
        "dE_dw2": "the page's cut dL/dz times x2 = 2",
        "dE_db1": "the page's cut dL/dz",
    },
)

FIQLAB = Published(
    key="fiqlab",
    title="Backpropagation: manual calculation",
    address="https://fiqlab.vercel.app/blog/backpropagation-manual-calculation",
    conventions="the article's first six weights and its inputs, one output (2-2-1), target 0.01; "
                "one bias a layer (b_h, b_o); 'MSE' that is ½(t − out)²; forward pass compared",
    weights=([[0.15, 0.20], [0.25, 0.30]], [[0.40, 0.45]]),
    biases=([0.35], [0.60]),
    inputs=(0.05, 0.10),
    targets=(0.01,),
    learning_rate=0.5,
    printed=_numbers(
        ("net_h1", "net_h1", "0.3775"),
        ("out_h1", "out_h1", "0.59327"),
        ("net_h2", "net_h2", "0.3925"),
        ("out_h2", "out_h2", "0.59688"),
        ("net_o1", "net_o1", "1.10591"),
        ("out_o1", "out_o1", "0.75137"),
    ),
)

PRIMELEARN = Published(
    key="primelearn",
    title="Backpropagation Solved Step by Step",
    address="https://primelearnpoint.com/deep-learning/backpropagation-solved-step-by-step/",
    conventions="a 2-2-1 sigmoid network without biases (0 here); h1, h2, o3 and w(i,j) from neuron i "
                "into j; z and a for net and out; 'MSE' that is ½(ŷ − y)²; forward pass and loss compared",
    weights=([[0.2, 0.2], [0.3, 0.3]], [[0.3, 0.9]]),
    biases=([0.0], [0.0]),
    inputs=(0.35, 0.70),
    targets=(1.0,),
    learning_rate=None,
    printed=_numbers(
        ("z_h1", "net_h1", "0.2100"),
        ("a_h1", "out_h1", "0.5523"),
        ("z_h2", "net_h2", "0.3150"),
        ("a_h2", "out_h2", "0.5781"),
        ("z_o3", "net_o1", "0.6860"),
        ("ŷ", "out_o1", "0.6651"),
        ("ŷ − y", "dE_dout_o1", "-0.3349"),
        ("L", "E_total", "0.0561"),
    ),
)

PRIMELEARN_2X2 = Published(
    key="primelearn_2x2",
    title="Backpropagation solved Numerical 2x2",
    address="https://primelearnpoint.com/deep-learning/backpropagation-solved-numerical-2x2/",
    conventions="the article's weights, inputs, targets and η, H1, H2, Y1, Y2; the page states no "
                "biases (the article's b1 = 0.35, b2 = 0.60 here); 'MSE' that is ½(T − Y)²",
    weights=([[0.15, 0.20], [0.25, 0.30]], [[0.40, 0.45], [0.50, 0.55]]),
    biases=([0.35], [0.60]),
    inputs=(0.05, 0.10),
    targets=(0.01, 0.99),
    learning_rate=0.5,
    printed=_numbers(
        ("net H1", "net_h1", "0.3825"),
        ("H1", "out_h1", "0.5944"),
        ("net H2", "net_h2", "0.3900"),
        ("H2", "out_h2", "0.5963"),
        ("net Y1", "net_o1", "0.5359"),
        ("net Y2", "net_o2", "0.5955"),
        ("E1", "E_o1", "0.279"),
        ("E2", "E_o2", "0.025"),
    ),
    notes={
        "net_h1": "the page adds a bias it does not state, not the article's 0.35",
        "out_h1": "the logistic of the page's own net H1, cut to four decimals",
        "net_h2": "the page adds another unstated bias, not net H1's",
        "out_h2": "the logistic of the page's own net H2",
        "net_o1": "the page's net leaves b2 out, and puts w7 on H2: its w5, w7 feed Y1",
        "net_o2": "the page's net leaves b2 out, and puts w6 on H1: its w6, w8 feed Y2",
        "E_o1": "from the page's own net Y1, with b2 added back",
        "E_o2": "from the page's own net Y2, with b2 added back",
    },
)

EXAMPLES: Mapping[str, Published] = MappingProxyType({e.key: e for e in (SGHOSH, FIQLAB, PRIMELEARN,
                                                                          PRIMELEARN_2X2)})
