"""Run a learner's code for the exercise checker: whatever it does is an outcome, never a traceback.

Everything :mod:`bp_helpers.exercises` does with an answer that can run the learner's own code
(calling a function, reading an object as a number, printing it, reading its signature) goes
through :meth:`TimeLimit.run`. It returns an :class:`Outcome`: the value returned, the exception
raised (``SystemExit`` included), or "did not finish in time". Only ``KeyboardInterrupt`` gets
through: the user's own Ctrl-C (Kernel > Interrupt) still stops a cell.

The time limit is one budget, :data:`TIME_LIMIT` seconds of the learner's code, for all of one
check's calls. It is kept by ``signal.setitimer`` and ``SIGALRM``, the only way to stop Python code in the
thread a Jupyter kernel runs cells in; a previous ``SIGALRM`` handler and a pending timer are
put back afterwards, a pending timer with what is left of its delay (one due before the budget
is spent stops the learner's code too, then fires). Where that is not
possible (no ``SIGALRM``, as on Windows; not the main thread; a handler installed outside
Python) the code runs without a limit. Code stuck inside one long C call (a huge ``10**10**10``)
cannot be stopped either: the signal is handled between Python instructions.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import FrameType
from typing import Any

TIME_LIMIT = 5.0  # seconds, for all the learner's code one check runs


@dataclass(frozen=True)
class Outcome:
    """What one call into the learner's code did: returned ``value``, raised ``raised``, or ran out of time."""

    value: Any = None
    raised: BaseException | None = None
    timed_out: bool = False

    @property
    def returned(self) -> bool:
        return self.raised is None and not self.timed_out


class _OutOfTime(BaseException):
    """Raised inside the learner's code when the time is up. A BaseException, so that the
    learner's own ``except Exception`` does not swallow it."""


def can_stop() -> bool:
    """True where a time limit can be kept here: SIGALRM and setitimer exist, this is the
    main thread, and the current SIGALRM handler is one Python can put back."""
    return (hasattr(signal, "SIGALRM") and hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread()
            and signal.getsignal(signal.SIGALRM) is not None)


class TimeLimit:
    """One check's budget of time for the learner's code, shared by every :meth:`run` (the
    checker's own computing in between does not count)."""

    def __init__(self, seconds: float | None = None) -> None:
        self.seconds = TIME_LIMIT if seconds is None else seconds
        self._left = self.seconds

    def run(self, code: Callable[..., Any], *args: Any) -> Outcome:
        """``code(*args)`` as an outcome, stopped when the budget is spent (where that is possible)."""
        if self._left <= 0:
            return Outcome(timed_out=True)
        started = time.monotonic()
        try:
            return _call_with_alarm(code, args, self._left) if can_stop() else _call(code, args)
        finally:
            self._left -= time.monotonic() - started


def _call(code: Callable[..., Any], args: tuple[Any, ...]) -> Outcome:
    try:
        return Outcome(value=code(*args))
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # noqa: BLE001  # SystemExit too: whatever the learner's code raises is an answer
        return Outcome(raised=exc)


def _call_with_alarm(code: Callable[..., Any], args: tuple[Any, ...], seconds: float) -> Outcome:
    armed = [True]  # the alarm stops the learner's code once, and never this module's

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        if armed[0]:
            armed[0] = False
            raise _OutOfTime

    pending, interval = signal.getitimer(signal.ITIMER_REAL)  # someone else's timer, e.g. a test runner's
    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, on_alarm)
    try:
        try:
            try:
                signal.setitimer(signal.ITIMER_REAL, min(seconds, pending) if pending else seconds)
                value = code(*args)
            finally:
                armed[0] = False  # from here on an alarm does nothing: only the learner's code is stopped
        except _OutOfTime:  # raised in the learner's code, or just after it returned: out of time either way
            return Outcome(timed_out=True)
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # noqa: BLE001  # SystemExit too
            return Outcome(raised=exc)
        return Outcome(value=value)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if pending:  # put the other timer back with what is left of it (at once if it is already due)
            signal.setitimer(signal.ITIMER_REAL, max(pending - (time.monotonic() - started), 1e-6), interval)
