#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Print "N passed, N failed, N skipped" from meson's test logs.

Usage: test-summary.py BUILDDIR... [--extra NAME=ok|fail]... [--fail-skipped SUITE]...

--fail-skipped SUITE counts a skipped test of that suite (e.g. "ui": a UI test
exits 77 when it finds no display) as a failure, not as a skip: CI sets up a
display, so such a skip means the tests did not run.
Exits 1 when any test failed or a log is missing."""
import json
import os
import sys


def suites_of(name):
    """Suites of a test named "project:suite1+suite2 / test" (meson's form when
    the project has several suites)."""
    prefix, sep, _ = name.partition(' / ')
    if not sep or ':' not in prefix:
        return []
    return prefix.split(':', 1)[1].split('+')


passed = failed = skipped = 0
problems = []
args = sys.argv[1:]
builddirs = []
fail_skipped = set()
i = 0
while i < len(args):
    if args[i] in ('--extra', '--fail-skipped'):
        if i + 1 >= len(args):
            print(__doc__.strip(), file=sys.stderr)
            sys.exit(2)
        if args[i] == '--extra':
            name, _, result = args[i + 1].partition('=')
            if result == 'ok':
                passed += 1
            else:
                failed += 1
                problems.append(name)
        else:
            fail_skipped.add(args[i + 1])
        i += 2
        continue
    builddirs.append(args[i])
    i += 1

for builddir in builddirs:
    log = os.path.join(builddir, 'meson-logs', 'testlog.json')
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
            name = entry.get('name', '')
            if result in ('OK', 'EXPECTEDFAIL'):
                passed += 1
            elif result == 'SKIP':
                strict = fail_skipped.intersection(suites_of(name))
                if strict:
                    failed += 1
                    problems.append('%s: SKIP (a skip in suite %s counts as a failure)'
                                    % (name, ', '.join(sorted(strict))))
                else:
                    skipped += 1
            else:
                failed += 1
                problems.append('%s: %s' % (name, result))

for p in problems:
    print('FAILED:', p, file=sys.stderr)
print('%d passed, %d failed, %d skipped' % (passed, failed, skipped))
sys.exit(1 if failed else 0)
