"""Fill Vietnamese translations into an app catalogue from a JSON file {msgid: msgstr}.

Usage: python scripts/po_fill.py ocop/<app> translations.json
Plural entries take a list of one string (Vietnamese has one plural form).
Also fixes the catalogue header (language, plural forms) and clears the fuzzy flag.
"""

import json
import sys
from pathlib import Path

import polib


def main() -> int:
    app, source = Path(sys.argv[1]), Path(sys.argv[2])
    po_path = app / "locale" / "vi" / "LC_MESSAGES" / "django.po"
    po = polib.pofile(str(po_path))
    po.metadata.update(
        {
            "Project-Id-Version": "ocop",
            "Language": "vi",
            "Language-Team": "Vietnamese",
            "Plural-Forms": "nplurals=1; plural=0;",
        }
    )
    po.metadata_is_fuzzy = False
    table = json.loads(source.read_text(encoding="utf-8"))
    missing = []
    for entry in po:
        value = table.get(entry.msgid)
        if value is None:
            if not (entry.msgstr or entry.msgstr_plural.get(0)):
                missing.append(entry.msgid)
            continue
        if entry.msgid_plural:
            entry.msgstr_plural = {0: value[0] if isinstance(value, list) else value}
        else:
            entry.msgstr = value
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save()
    for msgid in missing:
        print("untranslated:", msgid)
    return 0


if __name__ == "__main__":
    sys.exit(main())
