"""The budget a read of an untrusted document cannot escape (nidaa.common.budget)."""

from __future__ import annotations

import multiprocessing
import os
import resource

import pytest

from nidaa.common.budget import Budget, BudgetExceeded, run_within
from nidaa.tor.document import ReadError

MIB = 1024 * 1024
BUDGET = Budget(seconds=10.0, memory_bytes=128 * MIB)


def double(value):
    return value * 2


def refuse():
    raise ReadError("corrupt", "the file is damaged")


def spin():
    while True:
        pass


def hoard():
    hoard = []
    while True:
        hoard.append(bytearray(8 * MIB))


def abort():
    os.abort()


def nested(value):
    return run_within(BUDGET, double, value), os.getpid()


def test_the_value_comes_back_from_the_child():
    assert run_within(BUDGET, double, "ab") == "abab"


def test_an_exception_comes_back_whole_even_when_its_constructor_takes_other_arguments():
    with pytest.raises(ReadError) as raised:
        run_within(BUDGET, refuse)

    assert (raised.value.code, raised.value.message) == ("corrupt", "the file is damaged")


def test_a_read_that_never_ends_is_stopped_at_the_budgets_seconds():
    with pytest.raises(BudgetExceeded) as exceeded:
        run_within(Budget(seconds=1.0, memory_bytes=128 * MIB), spin)

    assert exceeded.value.reason == "time"


def test_a_read_that_takes_all_memory_is_stopped_and_the_caller_does_not_grow():
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    with pytest.raises(BudgetExceeded) as exceeded:
        run_within(Budget(seconds=60.0, memory_bytes=128 * MIB), hoard)

    assert exceeded.value.reason == "memory"
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 16 * 1024  # KiB


def test_a_child_that_crashes_is_reported_as_a_crash():
    with pytest.raises(BudgetExceeded) as exceeded:
        run_within(BUDGET, abort)

    assert exceeded.value.reason == "crash"


def test_a_budget_inside_a_budget_runs_in_place():
    value, child = run_within(BUDGET, nested, 21)

    assert value == 42
    assert child != os.getpid()


def _in_a_daemon(queue):
    queue.put(run_within(BUDGET, double, 4))


def test_a_daemonic_worker_process_may_read_under_a_budget():
    # A task queue's process workers are daemonic: multiprocessing forbids
    # them children, which is why the budget forks by itself.
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    worker = context.Process(target=_in_a_daemon, args=(queue,), daemon=True)
    worker.start()
    worker.join(30)

    assert queue.get(timeout=5) == 8
