#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check po/POTFILES.in against the sources.

Usage: potfiles-check.py SOURCE_ROOT

Fails when a file under src/ or ui/ marks a string for translation (_(), N_(),
C_(), NC_(), Q_(), ngettext, g_dngettext, g_dpgettext2 in C, outside comments;
translatable="yes" in .ui) and is not listed, when a desktop, metainfo or schema
template under data/ with translatable text is not listed, or when a listed file
does not exist."""
import os
import re
import sys

C_MARKERS = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|Q_|g_dngettext|g_dpgettext2?|'
                       r'g_dgettext|g_dcgettext|ngettext|dngettext)\s*\(')
UI_MARKERS = re.compile(r'translatable\s*=\s*"(?:yes|true|1)"')
# C comments and string literals; literals are kept, comments dropped.
C_TOKENS = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.S)


def strip_comments(text):
    return C_TOKENS.sub(lambda m: ' ' if m.group(0).startswith('/') else m.group(0), text)


def needs_translation(path):
    with open(path, encoding='utf-8', errors='replace') as f:
        text = f.read()
    if path.endswith(('.c', '.h')):
        return C_MARKERS.search(strip_comments(text)) is not None
    if path.endswith('.ui'):
        return UI_MARKERS.search(text) is not None
    if path.endswith(('.desktop.in', '.metainfo.xml.in', '.appdata.xml.in')):
        return True
    if path.endswith('.gschema.xml.in'):
        return '<summary' in text or '<description' in text
    return False


def read_list(path):
    entries = []
    if os.path.exists(path):
        with open(path, encoding='utf-8') as f:
            for line in f:
                line = line.strip()
                if line and not line.startswith('#'):
                    entries.append(line)
    return entries


def main():
    root = sys.argv[1]
    listed = read_list(os.path.join(root, 'po', 'POTFILES.in'))
    skipped = set(read_list(os.path.join(root, 'po', 'POTFILES.skip')))
    problems = []

    for entry in listed:
        if not os.path.isfile(os.path.join(root, entry)):
            problems.append('%s is listed in po/POTFILES.in but does not exist' % entry)
    if len(set(listed)) != len(listed):
        problems.append('po/POTFILES.in lists a file twice')

    found = []
    for top in ('src', 'ui', 'data'):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, root).replace(os.sep, '/')
                if top == 'data' and not name.endswith('.in'):
                    continue
                if needs_translation(path):
                    found.append(rel)

    for rel in found:
        if rel not in listed and rel not in skipped:
            problems.append('%s has translatable strings but is not in po/POTFILES.in' % rel)

    for p in problems:
        print('FAIL:', p)
    print('%d files with translatable strings, %d listed' % (len(found), len(listed)))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
