"""Limits a SPARQL text must meet before it reaches the parser (``kg query``, ``kg serve``, the Python API).

pyoxigraph's parser and optimiser recurse once per nesting level and per operator, so a 20 KB query of
10,000 parentheses (or a chain of 7,000 ``+``) overflows the stack and kills the process; a ``SERVICE``
clause makes the endpoint fetch arbitrary URLs. No parser exposes a depth limit, so this module scans the
text by hand: a small lexer that skips string literals, IRIs and comments (so an IRI or a literal that
contains "service" or brackets counts for nothing), measures the deepest nesting of ``( { [`` and counts
the operators and group keywords, each of which adds a level of recursion in pyoxigraph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# The defaults keep the worst case (64 levels + 1,000 operators, about 4 KB of stack each) well inside an
# 8 MB stack: pyoxigraph crashes at about 2,100 nested braces, 4,700 parentheses or 6,500 UNIONs.
MAX_QUERY_BYTES = 64 * 1024
MAX_NESTING = 64
MAX_OPERATORS = 1000

IRI_REF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
STRING = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                    r'|"(?:[^"\\\n\r]|\\.)*"|\'(?:[^\'\\\n\r]|\\.)*\'', re.S)
VARIABLE = re.compile(r"[?$]\w*")
NUMBER = re.compile(r"\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?")
# A prefixed name or blank node (prefix and local part may hold '-' and '.'), else a keyword of letters only,
# so that "true-true" is two words and an operator, as the parser reads it.
NAME = re.compile(r"[^\W\d][\w\-.]*:[\w\-.:]*|:[\w\-.:]*|[^\W\d]\w*")
OPENING, CLOSING = "({[", ")}]"
OPERATOR_CHARS = set("|&=!<>+-*/^{")
OPERATOR_WORDS = {"UNION", "OPTIONAL", "MINUS", "FILTER", "BIND", "GRAPH", "SERVICE", "EXISTS"}


@dataclass(frozen=True)
class TextLimits:
    """What a query text may be: its size, nesting depth, operator count, and whether SERVICE may run."""

    max_bytes: int = MAX_QUERY_BYTES
    max_nesting: int = MAX_NESTING
    max_operators: int = MAX_OPERATORS
    allow_service: bool = False


def query_problem(sparql: str, limits: TextLimits = TextLimits()) -> str | None:
    """Why the query text may not run (a one-line message), or None when it is within the limits."""
    size = len(sparql.encode("utf-8", errors="surrogatepass"))
    if size > limits.max_bytes:
        return f"query too large: {size:,} bytes (the limit is {limits.max_bytes:,})"
    depth = deepest = operators = 0
    for kind, token in tokens(sparql):
        if kind == "open":
            depth += 1
            deepest = max(deepest, depth)
        elif kind == "close":
            depth = max(depth - 1, 0)
        elif kind == "word" and token.upper() == "SERVICE" and not limits.allow_service:
            return "SERVICE is refused: kg fetches from no other endpoint unless --allow-service is given"
        if kind == "operator" or (kind == "open" and token == "{") or \
                (kind == "word" and token.upper() in OPERATOR_WORDS):
            operators += 1
        if deepest > limits.max_nesting:
            return f"query nested too deeply: more than {limits.max_nesting} levels of ( {{ ["
        if operators > limits.max_operators:
            return f"query too complex: more than {limits.max_operators:,} operators and group patterns"
    return None


def tokens(sparql: str):
    """(kind, text) of each token that matters to the limits: open, close, operator or word."""
    position, end = 0, len(sparql)
    while position < end:
        char = sparql[position]
        if char.isspace():
            position += 1
            continue
        if char == "#":
            newline = sparql.find("\n", position)
            position = end if newline < 0 else newline + 1
            continue
        match = None
        if char in "\"'":
            match = STRING.match(sparql, position)
            if match is None:  # an unterminated literal: the parser will report it
                return
        elif char == "<":
            match = IRI_REF.match(sparql, position)
        elif char in "?$":
            match = VARIABLE.match(sparql, position)
        elif char.isdigit() or (char == "." and sparql[position + 1:position + 2].isdigit()):
            match = NUMBER.match(sparql, position)
        elif char.isalpha() or char in "_:":
            match = NAME.match(sparql, position)
            if match:
                word = match.group().rstrip(".")  # a final dot ends the triple, not the name
                yield "word", word
                position += len(word)
                continue
        if match:
            position = match.end()
            continue
        if char in OPENING:
            yield "open", char
        elif char in CLOSING:
            yield "close", char
        elif char in OPERATOR_CHARS:
            yield "operator", char
        position += 1
