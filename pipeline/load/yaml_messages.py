"""PyYAML's syntax errors, said the way an editor thinks of the mistake.

PyYAML words errors from the parser's side ("expected <block end>, but found
'<block mapping start>'"); an editor needs to hear "this line is not indented like the
lines above it" and where to look.
"""

from __future__ import annotations

from typing import Any

import yaml

_GENERIC_HINT = ("check indentation and quoting on this line and the one before; "
                 "quote text that contains ': ' or starts with a special character")


def explain_syntax_error(exc: yaml.MarkedYAMLError) -> tuple[str, str, Any]:
    """PyYAML's parser words, said the way an editor thinks of the mistake: (message, hint, mark)."""
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    mark = exc.problem_mark or exc.context_mark
    opened = exc.context_mark
    if problem == "mapping values are not allowed here":
        return ("unexpected ':' (a colon followed by a space starts a key)",
                "quote the value if it contains ': ' (title: \"a: b\"), "
                "or line this key up with the keys above it", mark)
    if problem.startswith("expected <block end>") and _before(mark).rstrip().endswith(("}", "]")):
        return ("text continues after a '{...}' or '[...]' value",
                "quote the whole value when it starts with '{' or '[': text: \"{{ figure }} more text\"", mark)
    if problem.startswith("expected <block end>"):
        return ("this line is not indented like the lines above it",
                "indent keys of the same mapping by the same number of spaces; a key cannot follow "
                "list items ('- ...') at their indentation", mark)
    if problem == "could not find expected ':'":
        return ("a line is neither 'key: value' nor a list item '- value'",
                "add the ':' after the key, or close a quote opened earlier", opened or mark)
    if problem.startswith("found undefined alias"):
        alias = problem.rsplit(" ", 1)[-1].strip("'")
        return (f"alias '*{alias}' has no anchor '&{alias}' before it",
                f"mark the value to repeat with &{alias} where it first appears, or write the value out", mark)
    if problem == "second occurrence" or context.startswith("found duplicate anchor"):
        first = f" (first on line {opened.line + 1})" if opened else ""
        return (f"the same anchor is defined twice{first}", "give each anchor (&name) its own name", mark)
    if problem.startswith("found character") and "cannot start any token" in problem:
        char = problem.split("'")[1] if "'" in problem else "?"
        return (f"a value cannot start with '{char}'", f"quote it: key: \"{char}...\"", mark)
    if problem == "found unexpected end of stream" and "quoted scalar" in context:
        return ("a quote opened here is never closed", "close the quote at the end of the value", opened or mark)
    if problem.startswith("expected ',' or ']'") or problem.startswith("expected ',' or '}'"):
        bracket = "[" if "]" in problem else "{"
        where = f" on line {opened.line + 1}" if opened else ""
        return (f"the '{bracket}' opened{where} is not closed here",
                f"close it with '{']' if bracket == '[' else '}'}' and separate items with ', '; "
                f"quote text that contains '{bracket}'", mark)
    return (problem or context or "invalid YAML", _GENERIC_HINT, mark)


def _before(mark: Any) -> str:
    """The text of ``mark``'s line before it."""
    buffer = getattr(mark, "buffer", None)
    if not isinstance(buffer, str):
        return ""
    return buffer[buffer.rfind("\n", 0, mark.pointer) + 1: mark.pointer]
