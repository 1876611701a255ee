"""Templates under templates/ are inputs like data/: their mistakes are reported with file and line.

Each template is read (it must exist and be UTF-8), compiled (syntax errors, unclosed blocks) and
rendered once with a sample of what the build passes it, so that a misspelt or unknown name is
caught here with its line (the environment's StrictUndefined would otherwise stop the build in
the middle of rendering). Templates are compiled in the environment the build then renders with,
which keeps them: each is compiled once per build.
"""

from __future__ import annotations

import sys
from pathlib import Path

from jinja2 import Environment, TemplateError, TemplateSyntaxError

from pipeline.errors import Location, Problem
from pipeline.render.tables import Column

REQUIRED = ("mdx/table.mdx.j2",)
"""Templates the build renders; each must exist."""

_SAMPLE = {"mdx/table.mdx.j2": {
    "banner": "{/* sample */}", "columns": [Column("a"), Column("b", True)], "rows": [["x", "1"]], "notes": ["n"]}}
"""What each template is rendered with: the names and shapes the build passes it."""


def check_templates(env: Environment, templates_dir: Path, shown: str = "templates") -> list[Problem]:
    """Problems of every template under ``templates_dir``, compiled in ``env`` (its loader reads that folder):
    E015 syntax or names, E016 unreadable."""
    problems: list[Problem] = []
    present = sorted(p.relative_to(templates_dir).as_posix() for p in templates_dir.rglob("*.j2")) \
        if templates_dir.is_dir() else []
    for name in REQUIRED:
        if name not in present:
            problems.append(Problem("E016", "template not found", Location(f"{shown}/{name}"),
                                    hint="restore it from the repository (git checkout -- templates/); "
                                         "the build renders every table with it"))
    for name in present:
        where = f"{shown}/{name}"
        path = templates_dir / name
        try:
            path.read_bytes().decode("utf-8")  # the loader would fail on it without a line
        except UnicodeDecodeError as exc:
            raw = path.read_bytes()
            problems.append(Problem("E016", f"template is not UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded",
                                    Location(where, raw[: exc.start].count(b"\n") + 1),
                                    hint="save the file as UTF-8"))
            continue
        except OSError as exc:
            problems.append(Problem("E016", f"cannot read template ({exc.strerror})", Location(where)))
            continue
        try:
            template = env.get_template(name)
        except TemplateSyntaxError as exc:
            problems.append(Problem("E015", f"template syntax error: {exc.message}", Location(where, exc.lineno),
                                    hint="close every {% for %} with {% endfor %} and {% if %} with {% endif %}; "
                                         "write values as {{ name }}"))
            continue
        try:
            template.render(**_SAMPLE.get(name, {}))
        except TemplateError as exc:
            problems.append(Problem("E015", f"template error: {exc.message or exc}",
                                    Location(where, _line(exc, template.filename)),
                                    hint=f"the names this template gets: {', '.join(_SAMPLE.get(name, {})) or 'none'}; "
                                         "filters: cell, paragraph"))
        except Exception as exc:  # noqa: BLE001 - a template's expression can raise anything (1/0, 'a' + 1)
            problems.append(Problem("E015", f"template error: {type(exc).__name__}: {exc}",
                                    Location(where, _line(exc, template.filename)),
                                    hint="templates lay out the cells; compute nothing in them"))
    return problems


def _line(exc: BaseException, filename: str | None) -> int | None:
    """The line of template ``filename`` the exception was raised at (Jinja maps its frames to the
    template's lines)."""
    tb = exc.__traceback__ or sys.exc_info()[2]
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


