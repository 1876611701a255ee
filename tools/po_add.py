"""Add or replace catalogue entries in every locale's .po file, keeping the files sorted by msgid.

Usage: python tools/po_add.py ENTRIES.yaml   (a mapping msgid -> {en: ..., zh: ..., ko: ...})
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
ENTRY = re.compile(r'(?:#[^\n]*\n)*msgid "((?:[^"\\]|\\.)*)"\n'
                   r'(?:msgstr "(?:[^"\\]|\\.)*"\n|msgid_plural "(?:[^"\\]|\\.)*"\n(?:msgstr\[\d+\] "(?:[^"\\]|\\.)*"\n)+)')
"""One entry, with its comments: a plain msgstr, or a plural one (msgid_plural and msgstr[i]), which is kept as is."""


def quote(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def main(path: str) -> None:
    entries = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    for locale in ("en", "zh", "ko"):
        po = ROOT / "i18n" / locale / "LC_MESSAGES" / "site-data.po"
        text = po.read_text(encoding="utf-8")
        head_end = text.index("\n\n", text.index('msgstr ""')) + 2
        head, body = text[:head_end], text[head_end:]
        blocks = {m.group(1): m.group(0) for m in ENTRY.finditer(body)}
        for msgid, by_locale in entries.items():
            comment = "" if locale == "en" else f"#. en: {quote(by_locale['en'])}\n"
            blocks[msgid] = f'{comment}msgid "{quote(msgid)}"\nmsgstr "{quote(by_locale[locale])}"\n'
        po.write_text(head + "\n".join(blocks[k] for k in sorted(blocks)), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
