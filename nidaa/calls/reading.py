"""Reading an uploaded ToR under a time and memory budget.

The ToR reader runs in the web request that receives the upload (and in
``nidaa manage import_tor``, ``load_demo``). Its patterns are kept linear
and its containers checked (zip bombs), but a document may still find a
costly path in the reader or in PDFium/lxml: the read runs in a child
process with kernel limits (``nidaa.common.budget``), so the worst a file can
do is use its budget and be refused with a clear error.
"""

from __future__ import annotations

import io
import logging
from typing import Any

from nidaa.common.budget import Budget, BudgetExceeded, run_within
from nidaa.common.filetypes import pdf_inflates_safely
from nidaa.tor.api import read_and_extract
from nidaa.tor.document import Document, ReadError

logger = logging.getLogger(__name__)

# A 20 MB, 500-page PDF reads in a few seconds; a web request must answer
# before the server's timeout (30 s).
TOR_BUDGET = Budget(seconds=20.0, memory_bytes=768 * 1024 * 1024)


def read_tor_within_budget(data: bytes, filename: str) -> tuple[Document, dict[str, Any]]:
    """``read_and_extract(data, filename)`` under ``TOR_BUDGET``. Raises
    ``ReadError``: "unsafe" for a PDF whose streams inflate like a bomb,
    "too_costly" when the read passes its budget, "internal" when the reader
    fails on the file (a bug, logged: the person who uploaded it gets a clear
    answer, not a server error)."""
    if data.startswith(b"%PDF-") and not pdf_inflates_safely(io.BytesIO(data)):
        raise ReadError("unsafe", "the PDF holds a stream that inflates abnormally large (a bomb?); refused")
    try:
        return run_within(TOR_BUDGET, read_and_extract, data, filename)
    except ReadError:
        raise
    except BudgetExceeded as exceeded:
        raise ReadError(
            "too_costly",
            f"reading the document was stopped ({exceeded.reason}) within its budget of "
            f"{TOR_BUDGET.seconds:.0f} s and {TOR_BUDGET.memory_bytes // (1024 * 1024)} MB; refused",
        ) from exceeded
    except Exception as error:
        logger.exception("the ToR reader failed on %r", filename)
        raise ReadError("internal", "the document could not be read (a bug: please report it)") from error
