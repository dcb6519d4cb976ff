"""The XLSForm expression subset Nidaa runs: ``relevant``, ``constraint``,
``required`` and ``calculation``.

``${name}`` (another question's answer), ``.`` (this question's answer),
numbers and quoted strings, ``+ - * div mod``, ``= != < <= > >=``,
``and or``, parentheses and the functions in ``FUNCTIONS`` (``selected``,
``count-selected``, ``string-length``, ``not``, ``if``...), with XPath 1.0's
conversions: an answer is a string, arithmetic and ``<`` compare numbers
(an empty answer is NaN, so ``${age} > 18`` is false while age is blank),
``=`` compares numbers when one side is a number.

Expressions come from strangers' spreadsheets: they are tokenised by one
regular expression without nested quantifiers, parsed by precedence climbing
with a depth cap, and evaluated by walking the tree: time linear in the
expression's length, never ``eval``. An expression Nidaa cannot run raises
``ExpressionError`` when the form is imported, not when a participant answers.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

MAX_LENGTH = 2000
MAX_DEPTH = 40

Value = str | float | bool


class ExpressionError(ValueError):
    """The expression cannot be run. ``code``: syntax, unknown_function, too_long, too_deep."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


_TOKEN = re.compile(
    r"""\s+
    |(?P<ref>\$\{[A-Za-z_][A-Za-z0-9_.\-]{0,199}\})
    |(?P<number>\d+(?:\.\d*)?|\.\d+)
    |(?P<string>'[^']*'|"[^"]*")
    |(?P<op>!=|<=|>=|[=<>+\-*(),])
    |(?P<dot>\.)
    |(?P<name>[A-Za-z_][A-Za-z0-9_\-]*)
    """,
    re.VERBOSE,
)

_BINARY = {
    "or": 1,
    "and": 2,
    "=": 3,
    "!=": 3,
    "<": 4,
    "<=": 4,
    ">": 4,
    ">=": 4,
    "+": 5,
    "-": 5,
    "*": 6,
    "div": 6,
    "mod": 6,
}


@dataclass(frozen=True)
class Node:
    kind: str  # "num", "str", "ref", "dot", "bin", "neg", "call"
    value: object = None
    children: tuple[Node, ...] = ()


def _tokens(text: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            raise ExpressionError("syntax", text[position : position + 20])
        position = match.end()
        if match.lastgroup is not None:
            tokens.append((match.lastgroup, match.group(match.lastgroup)))
    return tokens


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.index = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise ExpressionError("syntax", "unexpected end")
        self.index += 1
        return token

    def expect(self, op: str) -> None:
        kind, text = self.take()
        if kind != "op" or text != op:
            raise ExpressionError("syntax", f"expected {op!r}, found {text!r}")

    def expression(self, min_precedence: int = 1, depth: int = 0) -> Node:
        if depth > MAX_DEPTH:
            raise ExpressionError("too_deep")
        left = self.unary(depth + 1)
        while True:
            token = self.peek()
            if token is None or token[0] not in ("op", "name") or token[1] not in _BINARY:
                return left
            precedence = _BINARY[token[1]]
            if precedence < min_precedence:
                return left
            self.take()
            right = self.expression(precedence + 1, depth + 1)
            left = Node("bin", token[1], (left, right))

    def unary(self, depth: int) -> Node:
        if depth > MAX_DEPTH:
            raise ExpressionError("too_deep")
        kind, text = self.take()
        if kind == "op" and text == "-":
            return Node("neg", None, (self.unary(depth + 1),))
        if kind == "op" and text == "(":
            inner = self.expression(1, depth + 1)
            self.expect(")")
            return inner
        if kind == "number":
            return Node("num", float(text))
        if kind == "string":
            return Node("str", text[1:-1])
        if kind == "ref":
            return Node("ref", text[2:-1])
        if kind == "dot":
            return Node("dot")
        if kind == "name":
            following = self.peek()
            if following == ("op", "("):
                if text not in FUNCTIONS:
                    raise ExpressionError("unknown_function", text)
                self.take()
                arguments: list[Node] = []
                if self.peek() != ("op", ")"):
                    arguments.append(self.expression(1, depth + 1))
                    while self.peek() == ("op", ","):
                        self.take()
                        arguments.append(self.expression(1, depth + 1))
                self.expect(")")
                return Node("call", text, tuple(arguments))
            raise ExpressionError("syntax", text)
        raise ExpressionError("syntax", text)


@functools.lru_cache(maxsize=4096)
def parse(text: str) -> Node:
    """The expression's tree (cached: a form's few expressions are parsed once)."""
    if len(text) > MAX_LENGTH:
        raise ExpressionError("too_long")
    parser = _Parser(_tokens(text))
    node = parser.expression()
    if parser.peek() is not None:
        raise ExpressionError("syntax", parser.peek()[1])  # type: ignore[index]
    return node


def references(text: str) -> set[str]:
    """The question names ``${...}`` the expression reads."""
    found: set[str] = set()
    stack = [parse(text)]
    while stack:
        node = stack.pop()
        if node.kind == "ref":
            found.add(str(node.value))
        stack.extend(node.children)
    return found


def number(value: Value) -> float:
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, float):
        return value
    try:
        return float(value.strip())
    except ValueError:
        return math.nan


def boolean(value: Value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        return not math.isnan(value) and value != 0
    return value != ""


def string(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        return str(int(value)) if value.is_integer() else repr(value)
    return value


def _compare(op: str, left: Value, right: Value) -> bool:
    if op in ("=", "!="):
        if isinstance(left, bool) or isinstance(right, bool):
            equal = boolean(left) == boolean(right)
        elif isinstance(left, float) or isinstance(right, float):
            equal = number(left) == number(right)
        else:
            equal = left == right
        return equal if op == "=" else not equal
    a, b = number(left), number(right)
    if op == "<":
        return a < b
    if op == "<=":
        return a <= b
    if op == ">":
        return a > b
    return a >= b


def _arithmetic(op: str, left: Value, right: Value) -> float:
    a, b = number(left), number(right)
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if b == 0:
        return math.nan if op == "mod" or a == 0 or math.isnan(a) else math.copysign(math.inf, a)
    return a / b if op == "div" else math.fmod(a, b)


def _if(c: Value, a: Value, b: Value) -> Value:
    return a if boolean(c) else b


def _int(v: Value) -> float:
    n = number(v)
    return n if math.isnan(n) or math.isinf(n) else float(math.trunc(n))


def _round(v: Value, places: Value = 0.0) -> float:
    n = number(v)
    return n if math.isnan(n) or math.isinf(n) else round(n, int(number(places) or 0))


FUNCTIONS: dict[str, Callable[..., Value]] = {
    "selected": lambda answer, name: string(name).strip() in string(answer).split(),
    "count-selected": lambda answer: float(len(string(answer).split())),
    "string-length": lambda v: float(len(string(v))),
    "not": lambda v: not boolean(v),
    "true": lambda: True,
    "false": lambda: False,
    "if": _if,
    "number": number,
    "string": string,
    "boolean": boolean,
    "int": _int,
    "round": _round,
    "coalesce": lambda a, b: a if string(a) != "" else b,
    "concat": lambda *parts: "".join(string(p) for p in parts),
}


def evaluate(text: str, values: Mapping[str, str], current: str = "") -> Value:
    """The expression's value over the answers ``values`` (question name →
    answer as stored; a missing name reads as blank) and ``current`` for ``.``."""
    return _walk(parse(text), values, current)


def _walk(node: Node, values: Mapping[str, str], current: str) -> Value:
    kind = node.kind
    if kind == "num":
        return float(node.value)  # type: ignore[arg-type]
    if kind == "str":
        return str(node.value)
    if kind == "ref":
        return values.get(str(node.value), "")
    if kind == "dot":
        return current
    if kind == "neg":
        return -number(_walk(node.children[0], values, current))
    if kind == "call":
        arguments = [_walk(child, values, current) for child in node.children]
        try:
            return FUNCTIONS[str(node.value)](*arguments)
        except TypeError as error:  # wrong number of arguments
            raise ExpressionError("syntax", f"{node.value}()") from error
    op = str(node.value)
    left = _walk(node.children[0], values, current)
    if op == "or":
        return boolean(left) or boolean(_walk(node.children[1], values, current))
    if op == "and":
        return boolean(left) and boolean(_walk(node.children[1], values, current))
    right = _walk(node.children[1], values, current)
    if op in ("=", "!=", "<", "<=", ">", ">="):
        return _compare(op, left, right)
    return _arithmetic(op, left, right)


def check(text: str) -> None:
    """Raise ``ExpressionError`` when Nidaa cannot run the expression (at import)."""
    parse(text)
    _check_arity(parse(text))


_ARITY = {
    "selected": (2, 2),
    "count-selected": (1, 1),
    "string-length": (1, 1),
    "not": (1, 1),
    "true": (0, 0),
    "false": (0, 0),
    "if": (3, 3),
    "number": (1, 1),
    "string": (1, 1),
    "boolean": (1, 1),
    "int": (1, 1),
    "round": (1, 2),
    "coalesce": (2, 2),
    "concat": (1, 100),
}


def _check_arity(root: Node) -> None:
    stack = [root]
    while stack:
        node = stack.pop()
        if node.kind == "call":
            low, high = _ARITY[str(node.value)]
            if not low <= len(node.children) <= high:
                raise ExpressionError("syntax", f"{node.value}()")
        stack.extend(node.children)
