"""What must hold for a project's reports whatever their figures: the checks the suite runs on the
shipped data/ (tests/test_shipped_reports.py) and on a copy after an editor's edit (tests/test_editor_edit.py)."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.build import check
from pipeline.load.project import ProjectPaths


def assert_reports_hold(root: Path) -> None:
    """Every report validates and lints with no error left (each contradiction waived with a reason, no
    waiver stale), its built site-data/ holds every component in every locale, and each props file names
    its report, locale and component."""
    checked = check(ProjectPaths(root))
    errors = [p.format() for p in checked.problems if p.severity == "error"]
    assert errors == [], "\n".join(errors)
    assert all(w.reason for w in checked.waived)
    locales = [line.split("id: ")[1].split(",")[0]
               for line in (root / "i18n" / "locales.yaml").read_text(encoding="utf-8").splitlines()
               if line.lstrip().startswith("- {id: ")]
    assert locales, "no locales read from i18n/locales.yaml"
    for report in sorted((root / "data" / "reports").glob("*.yaml")):
        folder = root / "site-data" / report.stem
        per_locale = {locale: sorted(p.relative_to(folder / locale).as_posix() for p in (folder / locale).rglob("*")
                                     if p.is_file() and p.suffix in (".json", ".mdx"))
                      for locale in locales}
        first = per_locale[locales[0]]
        assert first, f"{report.stem}: nothing built"
        for locale, files in per_locale.items():
            assert files == first, f"{report.stem}/{locale} differs from {locales[0]} in its files"
            for name in files:
                if name.endswith(".json"):
                    props = json.loads((folder / locale / name).read_text(encoding="utf-8"))
                    assert (props["report"], props["locale"]) == (report.stem, locale), name
