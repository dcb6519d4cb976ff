"""Questionnaire results without Django: pre/post pairing, means, gain,
satisfaction and breakdowns (``tabulate``), and the SVG charts that show
them (``charts``). The reports app reads the records into plain rows and
calls these."""

from nidaa.tabulation.tabulate import (
    FINAL,
    POST,
    PRE,
    Person,
    ResponseRow,
    SessionRow,
    distribution,
    likert_share,
    one_decimal,
    tabulate,
)

__all__ = [
    "FINAL",
    "POST",
    "PRE",
    "Person",
    "ResponseRow",
    "SessionRow",
    "distribution",
    "likert_share",
    "one_decimal",
    "tabulate",
]
