"""Problems are data: every stage returns or raises them, only the CLI prints them.

A :class:`Problem` names the file, line and column, the field path, a stable code,
what was wrong and how to fix it. Stages collect all the problems they find and
raise one :class:`BuildFailed` at the end, so an editor sees every mistake at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Location:
    """Where a value sits in a source file (1-based line and column)."""

    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the inputs, with enough context to fix it."""

    code: str
    """Stable identifier, e.g. ``E012``; documented in docs/codes.md."""
    message: str
    """What was wrong, in one sentence, with the offending value."""
    location: Location | None = None
    """File, line and column of the offending value, when known."""
    path: str = ""
    """Dotted field path inside the file, e.g. ``scenarios.D.price.usd_per_hour``."""
    hint: str = ""
    """How to fix it."""
    severity: Severity = "error"
    """``error`` fails the build; ``warning`` fails it only under ``--strict``."""

    def sort_key(self) -> tuple:
        loc = self.location or Location("")
        return (loc.file, loc.line or 0, loc.column or 0, self.code, self.path, self.message)

    def format(self) -> str:
        """Render as ``file:line:col: error[E012] path: message`` plus an indented hint."""
        head = f"{self.location}: " if self.location else ""
        where = f"{self.path}: " if self.path else ""
        text = f"{head}{self.severity}[{self.code}] {where}{self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


@dataclass
class Problems:
    """An ordered collection of problems that stages append to."""

    items: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.items.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]

    def sorted(self) -> list[Problem]:
        # Problems without a file go last; duplicates (same code, place, text) collapse.
        unique = {(p.sort_key(), p.severity, p.hint): p for p in self.items}
        return [unique[k] for k in sorted(unique)]

    def raise_if_errors(self, stage: str) -> None:
        if self.errors:
            raise BuildFailed(stage, self.sorted())


class SiteDataError(Exception):
    """Base class of every error the pipeline raises on purpose."""


class BuildFailed(SiteDataError):
    """A stage found problems that stop the build; carries all of them."""

    def __init__(self, stage: str, problems: list[Problem]):
        self.stage = stage
        self.problems = problems
        super().__init__(f"{stage}: {len(problems)} problem(s)")


def fail(code: str, message: str, *, location: Location | None = None, path: str = "",
         hint: str = "", stage: str = "load") -> BuildFailed:
    """Shorthand for a single-problem failure, to ``raise fail(...)``."""
    return BuildFailed(stage, [Problem(code, message, location, path, hint)])


CLOSE_RATIO = 0.75
"""How alike a word and a known one must be (difflib's ratio) for a hint to say "did you mean":
at 0.5 'evictions/s' suggested 'tokens/s' and 'tpot' suggested 'tcp_rtt', which misled more than helped."""


def close_match(word: str, known: Iterable[str]) -> str | None:
    """The known word an editor most likely meant by ``word``: one that differs by a typo (most
    characters alike and in order, or a single character added, dropped, changed or swapped), else None."""
    choices = [str(k) for k in known]
    import difflib  # only when a hint is written: not part of every command's start-up

    found = difflib.get_close_matches(word, choices, n=1, cutoff=CLOSE_RATIO)
    if found:
        return found[0]
    return next((k for k in choices if len(word) > 1 and _one_edit_apart(word, k)), None)


def _one_edit_apart(a: str, b: str) -> bool:
    """One character inserted, deleted, replaced, or two neighbours swapped ('itl' / 'ttl', 'gpbs' / 'gbps')."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))
