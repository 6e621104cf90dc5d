#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Compares two `influencer-report summary` output folders cell by cell: the
same files, headers and rows; numbers within 1e-9 relative (absolute below
1e-9), everything else equal. In summary.json the import report's table names
("file", and the messages quoting them) differ by source and are not compared.

  pg-compare.py EXPECTED_DIR ACTUAL_DIR
"""
import csv
import json
import math
import pathlib
import sys

REL = 1e-9
TIES = []


def as_number(text):
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def close(a, b):
    return a == b or abs(a - b) <= REL * max(abs(a), abs(b), 1.0)


def decimals(text):
    return len(text) - text.index(".") - 1 if "." in text and "e" not in text.lower() else 0


def compare_cell(where, a, b, problems):
    na, nb = as_number(a), as_number(b)
    if na is not None and nb is not None:
        # A value the file rounds to a few decimals (CPM, cost per order: 2)
        # may round the other way when it sits on a tie: sums of the same rows
        # in another order differ in their last bits. One unit in the last
        # place is that, not a different number.
        d = max(decimals(a), decimals(b))
        if not close(na, nb) and not (d <= 4 and abs(na - nb) <= 10 ** -d * 1.000001):
            problems.append(f"{where}: {a} != {b}")
        elif not close(na, nb):
            TIES.append(f"{where}: {a} vs {b}")
    elif a != b:
        problems.append(f"{where}: {a!r} != {b!r}")


def compare_csv(name, a, b, problems):
    ra = list(csv.reader(a.open(encoding="utf-8")))
    rb = list(csv.reader(b.open(encoding="utf-8")))
    if len(ra) != len(rb):
        problems.append(f"{name}: {len(ra)} lines != {len(rb)} lines")
        return
    for i, (x, y) in enumerate(zip(ra, rb), 1):
        if len(x) != len(y):
            problems.append(f"{name}:{i}: {len(x)} cells != {len(y)} cells")
            continue
        for k, (cx, cy) in enumerate(zip(x, y)):
            compare_cell(f"{name}:{i}:{ra[0][k] if k < len(ra[0]) else k}", cx, cy, problems)


def compare_json(where, a, b, problems):
    if where == "summary.json/import_report":
        return
    if isinstance(a, dict) and isinstance(b, dict):
        if a.keys() != b.keys():
            problems.append(f"{where}: keys {sorted(a)} != {sorted(b)}")
        for k in a.keys() & b.keys():
            compare_json(f"{where}/{k}", a[k], b[k], problems)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            problems.append(f"{where}: {len(a)} items != {len(b)}")
        for i, (x, y) in enumerate(zip(a, b)):
            compare_json(f"{where}[{i}]", x, y, problems)
    elif isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        if not close(float(a), float(b)):
            problems.append(f"{where}: {a} != {b}")
    elif a != b:
        problems.append(f"{where}: {a!r} != {b!r}")


def compare_report(a, b, problems):
    """The import reports, table by table: the same status, orphans, and rows
    kept (load-db loads the rows the importer kept: the database has no bad
    rows left to skip)."""
    for table in a.keys() & b.keys():
        x, y = a[table], b[table]
        where = f"summary.json/import_report/{table}"
        for key in ("status", "orphan_rows", "orphan_revenue"):
            compare_json(f"{where}/{key}", x.get(key), y.get(key), problems)
        kept = (x.get("rows_read") or 0) - (x.get("rows_skipped") or 0)
        if kept != (y.get("rows_read") or 0) - (y.get("rows_skipped") or 0):
            problems.append(f"{where}: {kept} rows kept != {y.get('rows_read')} - {y.get('rows_skipped')}")


def main():
    a, b = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    problems = []
    names = sorted(p.name for p in a.iterdir())
    if names != sorted(p.name for p in b.iterdir()):
        problems.append(f"files {names} != {sorted(p.name for p in b.iterdir())}")
    for name in names:
        if not (b / name).exists():
            continue
        if name.endswith(".csv"):
            compare_csv(name, a / name, b / name, problems)
        elif name.endswith(".json"):
            ja = json.loads((a / name).read_text(encoding="utf-8"))
            jb = json.loads((b / name).read_text(encoding="utf-8"))
            compare_json(name, ja, jb, problems)
            if "import_report" in ja and "import_report" in jb:
                compare_report(ja["import_report"], jb["import_report"], problems)
    if problems:
        print(f"{len(problems)} differences between {a} and {b}:")
        print("\n".join(problems[:40]))
        return 1
    print(f"{b} equals {a} ({len(names)} files)" +
          (f"; {len(TIES)} rounded cells on a tie: {', '.join(TIES[:3])}" if TIES else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
