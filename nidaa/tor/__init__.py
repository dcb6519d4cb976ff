"""The ToR reader: terms of reference in, structured call out.

Plain Python, no Django: ``read_path``/``read_bytes`` turn a file into a
``Document`` (normalised text), ``extract_fields`` reads the call's fields
from that text, each with the passage it came from, and ``extract_path``
does both and returns the JSON object of ``nidaa tor extract``.
"""

from nidaa.tor.document import Document, ReadError

__all__ = ["Document", "ReadError"]
