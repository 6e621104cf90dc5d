#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Print "N passed, N failed, N skipped" from meson's test logs.

Usage: test-summary.py BUILDDIR... [--extra NAME=ok|fail]...
Exits 1 when any test failed or a log is missing."""
import json
import os
import sys

passed = failed = skipped = 0
problems = []
args = sys.argv[1:]
i = 0
while i < len(args):
    if args[i] == '--extra':
        name, _, result = args[i + 1].partition('=')
        if result == 'ok':
            passed += 1
        else:
            failed += 1
            problems.append(name)
        i += 2
        continue
    log = os.path.join(args[i], 'meson-logs', 'testlog.json')
    i += 1
    if not os.path.exists(log):
        failed += 1
        problems.append(log + ' (missing)')
        continue
    with open(log, encoding='utf-8') as f:
        for line in f:
            if not line.strip():
                continue
            entry = json.loads(line)
            result = entry.get('result')
            if result in ('OK', 'EXPECTEDFAIL'):
                passed += 1
            elif result == 'SKIP':
                skipped += 1
            else:
                failed += 1
                problems.append('%s: %s' % (entry.get('name'), result))

for p in problems:
    print('FAILED:', p, file=sys.stderr)
print('%d passed, %d failed, %d skipped' % (passed, failed, skipped))
sys.exit(1 if failed else 0)
