"""Export Vietnam's days off and make-up working days 2019–2030 into ocop/evaluation/data/.

Run by hand when the pinned ``holidays`` package is upgraded, never at application run time:

    .venv/bin/python scripts/export_calendar.py

The data migration ``evaluation.0002_seed_calendar`` loads the committed file, so a fresh
database gets the same calendar whatever package version is installed; a test compares the file
with the pinned package. Public holidays: Bộ luật Lao động 2019 Điều 112 (lunar Tết and Giỗ Tổ
included); days off moved and Saturdays worked in exchange: the yearly notices of Bộ Nội vụ
(e.g. Thông báo 9441/TB-BNV for 2026). 24/11 "Ngày Văn hóa Việt Nam" is kept as the package has it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

import holidays

PINNED = "0.108"
YEARS = range(2019, 2031)
OUT = Path(__file__).resolve().parent.parent / "ocop" / "evaluation" / "data" / "calendar-vn.json"


def calendar_rows() -> list[dict[str, str]]:
    vn = holidays.country_holidays("VN", years=YEARS, language="vi")
    rows = [
        {"date": day.isoformat(), "kind": "day_off", "name": name}
        for day, name in sorted(vn.items())
        if day.year in YEARS
    ]
    swapped = {}
    for day, name in vn.items():
        found = re.search(r"thay cho ngày (\d\d)/(\d\d)/(\d{4})", name)
        if found:
            worked = dt.date(int(found[3]), int(found[2]), int(found[1]))
            swapped[worked] = day
    for day in sorted(vn.weekend_workdays):
        if day.year not in YEARS:
            continue
        off = swapped.get(day)
        name = f"Ngày làm bù (cho ngày nghỉ {off:%d/%m/%Y})" if off else "Ngày làm bù"
        rows.append({"date": day.isoformat(), "kind": "working_day", "name": name})
    return sorted(rows, key=lambda row: row["date"])


def main() -> int:
    if holidays.__version__ != PINNED:
        print(f"holidays {holidays.__version__} installed, {PINNED} pinned", file=sys.stderr)
        return 1
    document = {
        "source": f"holidays {PINNED} (country VN, language vi)",
        "years": [YEARS.start, YEARS.stop - 1],
        "days": calendar_rows(),
    }
    OUT.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(document['days'])} days written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
