#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every file the app and the CLI write goes through src/core/base/hk-file-writer.c
(issue 11): no other source under src/ may write a file by itself.

  writers-check.py SOURCE_ROOT
"""
import pathlib
import re
import sys

# Calls that write (or create, or rename) files by name or descriptor.
FORBIDDEN = [
    r"\bg_file_replace(_contents|_readwrite)?(_async)?\s*\(",
    r"\bg_file_(create|append_to|copy|move|set_contents(_full)?|open_tmp|make_symbolic_link)\s*\(",
    r"\bg_(f|)open\s*\([^)]*\"[wa]",
    r"\bfopen\s*\([^)]*\"[wa]",
    r"\bg_mkstemp(_full)?\s*\(",
    r"\b(open|openat|creat)\s*\([^;]*O_(WRONLY|RDWR|CREAT)",
    r"\bcreat\s*\(",
    r"\b(g_)?rename\s*\(",
    r"\bcairo_(svg|pdf|ps)_surface_create\s*\(",
    r"\bcairo_surface_write_to_png\s*\(",
    r"\bgdk_texture_save_to_(png|tiff)\s*\(",
    r"\bgdk_pixbuf_save(v)?\s*\(",
    r"\bg_key_file_save_to_file\s*\(",
]
ALLOWED = {"src/core/base/hk-file-writer.c"}


def main():
    root = pathlib.Path(sys.argv[1])
    patterns = [re.compile(p) for p in FORBIDDEN]
    bad = []
    for path in sorted((root / "src").rglob("*.[ch]")):
        rel = path.relative_to(root).as_posix()
        if rel in ALLOWED:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if any(p.search(line) for p in patterns):
                bad.append(f"{rel}:{number}: {line.strip()}")
    if bad:
        print("These write files outside src/core/base/hk-file-writer.c (use HkFileWriter or HkFileSet):")
        print("\n".join(bad))
        return 1
    print("Every writer goes through hk-file-writer.c")
    return 0


if __name__ == "__main__":
    sys.exit(main())
