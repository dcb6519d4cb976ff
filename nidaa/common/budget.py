"""Run a function over an untrusted document in a child process that cannot
take more than a budget of time and memory.

Reading a hostile file (a zip or Flate bomb, an HTML page with 300,000
attributes, a 50,000-part e-mail) may hit a path we did not know was
quadratic, or a C library (lxml, PDFium) that allocates without asking.
Size caps and linear code are the first line; this is the one a file cannot
escape: the child gets ``RLIMIT_AS`` (memory) and ``RLIMIT_CPU`` from the
kernel, the parent a wall-clock deadline after which it kills the child.
Whatever the child does, the worker that asked gets an answer or
``BudgetExceeded`` within the budget, and its own memory never grows.

A forked child starts with everything the parent imported (the reader's
tables, the gazetteer), so a read costs a fork (a few milliseconds), not a
new interpreter. The child never touches the database connection it
inherits: it computes and sends its result back through a pipe.

Framework-free: the ToR import, e-mail intake and triage pages all use it.
"""

from __future__ import annotations

import faulthandler
import os
import pickle
import resource
import select
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NoReturn, TypeVar

T = TypeVar("T")

# Set by the child so that nested calls (a message's attachment read while
# the message is already read in a child) run in place, under the outer budget.
_IN_CHILD = False


@dataclass(frozen=True)
class Budget:
    """What one read may cost: wall-clock seconds, CPU seconds and bytes of
    memory on top of what the process already holds."""

    seconds: float
    memory_bytes: int

    def scaled(self, *, extra_seconds: float = 0.0, extra_bytes: int = 0) -> Budget:
        """A bigger budget for a bigger input (a batch of messages)."""
        return Budget(seconds=self.seconds + extra_seconds, memory_bytes=self.memory_bytes + extra_bytes)


class BudgetExceeded(Exception):
    """The read was stopped: ``reason`` is "time", "memory" or "crash" (the
    child died another way, e.g. a C library aborting on a failed allocation)."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"the document could not be read within its budget ({reason})")
        self.reason = reason


@dataclass(frozen=True)
class _Raised:
    """An exception of the child that could not be pickled, as text."""

    kind: str
    text: str


def run_within(budget: Budget, function: Callable[..., T], /, *args: Any) -> T:
    """``function(*args)`` computed in a child process under ``budget``.

    Returns its value, re-raises its exception (as a ``RuntimeError`` naming
    it when it cannot be pickled), or raises ``BudgetExceeded``. ``function``
    and its arguments and result must be picklable (a module-level function
    and plain data). Inside a child it simply calls ``function``.
    """
    if _IN_CHILD:
        return function(*args)
    # os.fork rather than multiprocessing: a daemonic worker process (a task
    # queue's) may not start multiprocessing children, and nothing of
    # multiprocessing's bookkeeping is needed for one child and one pipe.
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(reader)
        _child(writer, budget, function, args)  # never returns
    os.close(writer)
    try:
        answer = _read_until(reader, time.monotonic() + budget.seconds)
    finally:
        os.close(reader)
        status = _reap(pid)
    if answer is None:
        raise BudgetExceeded("time")
    if not answer:
        # The child died without answering: killed by the kernel at its CPU
        # limit (SIGXCPU/SIGKILL), or a C library aborting on a failed allocation.
        raise BudgetExceeded(_reason(status))
    try:
        outcome, value = pickle.loads(answer)  # noqa: S301 - our own child's answer
    except (pickle.UnpicklingError, EOFError, ValueError):
        raise BudgetExceeded(_reason(status)) from None  # killed while it wrote
    if outcome == "ok":
        return value  # type: ignore[no-any-return]
    if outcome == "memory":
        raise BudgetExceeded("memory")
    if isinstance(value, _Raised):
        raise RuntimeError(f"{value.kind}: {value.text}")
    kind, arguments, attributes = value
    # Rebuilt without calling __init__: exceptions whose constructor takes
    # other arguments than ``args`` (ReadError(code, message)) come back whole.
    error = kind.__new__(kind)
    error.args = arguments
    error.__dict__.update(attributes)
    raise error


def _read_until(reader: int, deadline: float) -> bytes | None:
    """Everything the child writes, or None when the deadline passes first."""
    chunks: list[bytes] = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        ready, _, _ = select.select([reader], [], [], left)
        if not ready:
            return None
        chunk = os.read(reader, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _reap(pid: int) -> int:
    """The child's wait status, killing it first if it still runs."""
    done, status = os.waitpid(pid, os.WNOHANG)
    if done == 0:
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    return status


def _reason(status: int) -> str:
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGXCPU, signal.SIGKILL):
        return "time"
    return "crash"


def _child(writer: int, budget: Budget, function: Callable[..., Any], args: tuple[Any, ...]) -> NoReturn:
    global _IN_CHILD  # noqa: PLW0603 - this process exists only for this call
    _IN_CHILD = True
    # A crash of the child is the parent's to report ("crash"), not a traceback dump.
    faulthandler.disable()
    code = 0
    try:
        _limit(budget)
        try:
            result: tuple[str, Any] = ("ok", function(*args))
        except MemoryError:
            result = ("memory", None)
        except Exception as error:  # noqa: BLE001 - handed to the parent, which re-raises it
            result = ("raised", (type(error), error.args, dict(vars(error))))
        try:
            answer = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            answer = pickle.dumps(("memory", None))
        except Exception as error:  # noqa: BLE001 - an unpicklable result or exception
            answer = pickle.dumps(("raised", _Raised(type(error).__name__, str(error))))
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(answer)
    except BaseException:  # noqa: BLE001 - whatever happens, this process ends here
        code = 1
    finally:
        # No atexit handlers, no flushing of the parent's buffers, no closing of
        # the database connection the fork inherited.
        os._exit(code)


def _limit(budget: Budget) -> None:
    """The kernel's limits for this child: its address space may grow by
    ``memory_bytes`` beyond what the fork gave it, and it may use the budget's
    seconds of CPU (a fork starts with none used)."""
    page = os.sysconf("SC_PAGE_SIZE")
    with open("/proc/self/statm", encoding="ascii") as handle:
        current = int(handle.read().split()[0]) * page
    memory = current + budget.memory_bytes
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    seconds = max(1, int(budget.seconds + 0.999))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
