"""Fail when any Vietnamese catalogue entry is untranslated or fuzzy (run by `make check`)."""

import sys
from pathlib import Path

import polib


def main() -> int:
    problems = []
    for po_path in sorted(Path("ocop").glob("*/locale/vi/LC_MESSAGES/django.po")):
        po = polib.pofile(str(po_path))
        for entry in po.untranslated_entries() + po.fuzzy_entries():
            problems.append(f"{po_path}: {entry.msgid!r}")
    for line in problems:
        print("untranslated or fuzzy:", line)
    if problems:
        print(f"{len(problems)} catalogue entries need a Vietnamese translation")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
