#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that FILE is a PNG screenshot of a whole window.

Usage: png-check.py FILE [--min-width W] [--min-height H] [--min-bytes N]

Fails (exit 1, one line on stderr) unless FILE starts with the PNG signature
and an IHDR chunk, ends with an IEND chunk, is at least W×H (default 600×400)
and at most 16384 pixels each way, and holds at least N bytes (default 20000:
a window with text and charts compresses to far more than a blank one).
Prints "FILE: W×H, N bytes" when it passes."""
import os
import struct
import sys

SIGNATURE = b'\x89PNG\r\n\x1a\n'
IEND = b'\x00\x00\x00\x00IEND\xaeB`\x82'


def main():
    args = sys.argv[1:]
    limits = {'--min-width': 600, '--min-height': 400, '--min-bytes': 20000}
    path = None
    i = 0
    while i < len(args):
        if args[i] in limits and i + 1 < len(args):
            limits[args[i]] = int(args[i + 1])
            i += 2
        elif path is None and not args[i].startswith('--'):
            path = args[i]
            i += 1
        else:
            print(__doc__.strip(), file=sys.stderr)
            return 2
    if path is None:
        print(__doc__.strip(), file=sys.stderr)
        return 2

    def fail(message):
        print('%s: %s' % (path, message), file=sys.stderr)
        return 1

    if not os.path.isfile(path):
        return fail('no such file')
    size = os.path.getsize(path)
    with open(path, 'rb') as f:
        head = f.read(33)
        f.seek(max(size - len(IEND), 0))
        tail = f.read()
    if head[:8] != SIGNATURE:
        return fail('not a PNG (no PNG signature)')
    if len(head) < 33 or head[12:16] != b'IHDR':
        return fail('not a PNG (no IHDR chunk)')
    if tail != IEND:
        return fail('truncated PNG (it does not end with an IEND chunk)')
    width, height = struct.unpack('>II', head[16:24])
    if width < limits['--min-width'] or height < limits['--min-height']:
        return fail('%d×%d is too small for a window (at least %d×%d)'
                    % (width, height, limits['--min-width'], limits['--min-height']))
    if width > 16384 or height > 16384:
        return fail('%d×%d is too large for a window' % (width, height))
    if size < limits['--min-bytes']:
        return fail('only %d bytes: nothing much was drawn (at least %d expected)'
                    % (size, limits['--min-bytes']))
    print('%s: %d×%d, %d bytes' % (path, width, height, size))
    return 0


if __name__ == '__main__':
    sys.exit(main())
