"""What a parser is told about the document it reads, and how it reports trouble."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.errors import Location, Problem


@dataclass
class Source:
    """One parsed document: its file, where it sits, and the problems found so far."""

    file: str
    """The file's path as the user gave it (POSIX)."""
    line: int | None = None
    """1-based line of a JSON Lines record; None when the document is the whole file."""
    run: int = 0
    """Run index to use when the document holds a single run and states none."""
    covered_runs: frozenset[int] = frozenset()
    """For a vLLM sweep ``summary.json``: run numbers already read from sibling ``run=N.json`` files."""
    problems: list[Problem] = field(default_factory=list)
    """Problems found in this file; parsers append, the caller returns them."""

    def warn(self, code: str, message: str, *, path: str = "", hint: str = "") -> None:
        """Record a warning about this document."""
        self.problems.append(Problem(code, message, self.location(), path, hint, "warning"))

    def error(self, code: str, message: str, *, path: str = "", hint: str = "") -> None:
        """Record an error about this document."""
        self.problems.append(Problem(code, message, self.location(), path, hint, "error"))

    def location(self) -> Location:
        """The file, and the line for a JSON Lines record."""
        return Location(self.file, self.line)
