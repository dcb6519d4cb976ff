"""Reading an untrusted document under a time and memory budget it cannot escape.

The reader's own limits (file size, zip ratios, PDF pages, linear-time
patterns) stop the hostile files we know; this module is the floor under the
ones we do not: the document is read in a child process (from a fork server,
so no lock a web thread holds is inherited) whose address space and CPU time
are capped by the kernel (``RLIMIT_AS``, ``RLIMIT_CPU``) and which is killed
when the wall-clock budget runs out. Whatever happens in there, the caller
gets the fields or a ``ReadError`` with a clear message.

    document, fields = read_and_extract_bounded(data, filename)

Meant for reads a web request or an e-mail batch waits on (ToR import, intake
of an attached ToR); the CLI and the benchmark call ``nidaa.tor.api`` directly.
"""

from __future__ import annotations

import math
import multiprocessing
import resource
from multiprocessing.connection import Connection
from typing import Any

from nidaa.tor.document import Document, ReadError

DEFAULT_SECONDS = 30.0
DEFAULT_MEMORY_BYTES = 1024 * 1024 * 1024  # address space of the reading process, libraries included

_context = multiprocessing.get_context("forkserver")
_context.set_forkserver_preload(["nidaa.tor.preload"])


def _read_in_child(
    connection: Connection, data: bytes, filename: str, seconds: float, memory_bytes: int
) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    cpu = math.ceil(seconds)
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    from nidaa.tor.api import read_and_extract  # preloaded by the fork server: no cost

    outcome: tuple[Any, ...]
    try:
        outcome = ("read", *read_and_extract(data, filename))
    except ReadError as error:
        outcome = ("error", error.code, error.message)
    except MemoryError:
        outcome = ("error", "too_large", _memory_message(memory_bytes))
    connection.send(outcome)
    connection.close()


def _memory_message(memory_bytes: int) -> str:
    return f"reading the document needed more than {memory_bytes // 1_048_576} MB; refused"


def read_and_extract_bounded(
    data: bytes,
    filename: str,
    *,
    seconds: float = DEFAULT_SECONDS,
    memory_bytes: int = DEFAULT_MEMORY_BYTES,
) -> tuple[Document, dict[str, Any]]:
    """``nidaa.tor.api.read_and_extract`` in a child process with at most
    ``seconds`` of time and ``memory_bytes`` of address space. Raises
    ``ReadError``: the reader's own, ``too_slow`` past the time budget,
    ``too_large`` past the memory budget."""
    receiver, sender = _context.Pipe(duplex=False)
    process = _context.Process(
        target=_read_in_child, args=(sender, data, filename, seconds, memory_bytes), daemon=True
    )
    process.start()
    sender.close()
    outcome: tuple[Any, ...] | None = None
    try:
        if receiver.poll(seconds):
            outcome = receiver.recv()
    except EOFError:  # the child died without answering: killed by a limit
        outcome = None
    finally:
        receiver.close()
        process.join(0.5)
        if process.is_alive():
            process.kill()
            process.join()
    if outcome is None:
        if process.exitcode is not None and process.exitcode < 0 and process.exitcode != -9:
            # SIGXCPU past the CPU limit, SIGSEGV/SIGABRT when a native parser could not allocate
            raise ReadError(
                "too_slow" if process.exitcode == -24 else "too_large", _stopped(process.exitcode)
            )
        raise ReadError("too_slow", f"reading the document took more than {seconds:g} s; refused")
    if outcome[0] == "error":
        raise ReadError(outcome[1], outcome[2])
    return outcome[1], outcome[2]


def _stopped(exitcode: int) -> str:
    if exitcode == -24:  # SIGXCPU
        return "reading the document used up its time budget; refused"
    return "reading the document used up its memory budget; refused"
