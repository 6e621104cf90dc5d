#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the seed corpus of fuzz-import from the import fixtures: one input
per folder of tests/data, in the target's format (a byte of missing tables,
then the five files joined by 0x1E)."""
import hashlib
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, '..', 'data')
OUT = os.path.join(HERE, 'corpus', 'fuzz-import')
TABLES = [('influencers.csv', 'influencers_data.csv'), ('posts.csv', 'posts_data.csv'),
          ('tracking_data.csv', 'tracking.csv'), ('payouts.csv', 'payouts_data.csv'),
          ('holdout_groups.csv',)]

os.makedirs(OUT, exist_ok=True)
for root, _dirs, files in sorted(os.walk(DATA)):
    by_lower = {f.lower(): f for f in files}
    if not any(name in by_lower for names in TABLES for name in names):
        continue
    missing, parts = 0, []
    for i, names in enumerate(TABLES):
        found = next((by_lower[n] for n in names if n in by_lower), None)
        if found is None:
            missing |= 1 << i
            parts.append(b'')
        else:
            with open(os.path.join(root, found), 'rb') as f:
                parts.append(f.read())
    data = bytes([missing]) + b'\x1e'.join(parts)
    with open(os.path.join(OUT, hashlib.sha1(data).hexdigest()), 'wb') as f:
        f.write(data)
    print(os.path.relpath(root, DATA), file=sys.stderr)
