"""Running a learner's code: anything it raises is an outcome, an endless loop is stopped (in the main
thread, as in a Jupyter kernel, where SIGALRM exists), a Ctrl-C still gets through, and whoever used
SIGALRM before gets their handler and timer back."""

import faulthandler
import signal
import threading
import time

import pytest

from bp_helpers import learner_code
from bp_helpers.learner_code import TimeLimit

HANG_GUARD = 120  # seconds: a stop that fails ends the test run with a traceback instead of hanging it


@pytest.fixture
def no_hang():
    faulthandler.dump_traceback_later(HANG_GUARD, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


def _endless(*args):
    while True:
        pass


def _stubborn(*args):
    while True:
        try:
            while True:
                pass
        except Exception:  # noqa: BLE001, S110  # a learner's catch-all must not swallow the stop
            pass


class Boom(BaseException):
    """A learner's own BaseException."""


@pytest.mark.parametrize("code", [_endless, _stubborn, lambda: time.sleep(3600)], ids=["loop", "catch-all", "sleep"])
def test_code_that_does_not_return_is_stopped(code, no_hang):
    assert learner_code.can_stop()  # pytest runs tests in the main thread, as ipykernel runs cells
    outcome = TimeLimit(0.05).run(code)
    assert outcome.timed_out and not outcome.returned and outcome.raised is None


def test_one_budget_for_every_call_of_a_check(no_hang):
    calls = []
    limit = TimeLimit(0.05)
    assert limit.run(_endless).timed_out
    assert limit.run(calls.append, 1).timed_out and calls == []  # spent: not called at all


@pytest.mark.parametrize("exc", [SystemExit(3), GeneratorExit(), ZeroDivisionError("x"), Boom(), RecursionError(),
                                 StopIteration(), MemoryError()], ids=lambda e: type(e).__name__)
def test_whatever_the_code_raises_is_an_outcome(exc):
    def raising():
        raise exc

    outcome = TimeLimit().run(raising)
    assert outcome.raised is exc and not outcome.returned and not outcome.timed_out


def test_a_returned_value_is_the_outcome():
    outcome = TimeLimit().run(divmod, 7, 2)
    assert outcome.returned and outcome.value == (3, 1)


def test_ctrl_c_still_interrupts():
    def interrupted():
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        TimeLimit().run(interrupted)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # and the alarm is off again


def test_the_previous_handler_and_timer_are_put_back():
    def theirs(signum, frame):
        raise AssertionError("their alarm went off during the test")

    before = signal.signal(signal.SIGALRM, theirs)
    try:
        signal.setitimer(signal.ITIMER_REAL, 100, 7)
        assert TimeLimit().run(sum, [1, 2]).value == 3
        assert signal.getsignal(signal.SIGALRM) is theirs
        delay, interval = signal.getitimer(signal.ITIMER_REAL)
        assert 90 < delay <= 100 and interval == 7
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)


def test_a_timer_due_first_stops_the_code_then_fires(no_hang):
    fired = []
    before = signal.signal(signal.SIGALRM, lambda signum, frame: fired.append(signum))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.05)
        assert TimeLimit(3600).run(_endless).timed_out
        while not fired:  # re-armed to fire at once: wait for that state (handled between instructions)
            pass
        assert fired == [signal.SIGALRM] and signal.getsignal(signal.SIGALRM) is not None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)


def test_no_limit_where_the_platform_does_not_allow_one(monkeypatch):
    results = []

    def in_a_thread():
        results.append((learner_code.can_stop(), TimeLimit(0.01).run(lambda: time.sleep(0.05) or "done")))

    worker = threading.Thread(target=in_a_thread)
    worker.start()
    worker.join()
    (stoppable, outcome), = results
    assert not stoppable and outcome.value == "done"  # ran past the budget: nothing could stop it
    monkeypatch.delattr(signal, "SIGALRM")
    assert not learner_code.can_stop() and TimeLimit().run(abs, -2).value == 2


def test_no_limit_when_sigalrm_is_handled_outside_python(monkeypatch):
    monkeypatch.setattr(signal, "getsignal", lambda signum: None)  # a handler Python could not put back
    assert not learner_code.can_stop()
    assert TimeLimit().run(abs, -2).value == 2
