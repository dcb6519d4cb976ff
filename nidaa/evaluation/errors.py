"""The one exception the evaluation's services raise for a refused request."""

from __future__ import annotations


class EvaluationError(Exception):
    """A request the evaluation cannot take; the message says why, for the user
    (already translated), and for imports names every bad row."""

    def __init__(self, message: str, *, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []
