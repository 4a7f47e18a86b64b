#!/usr/bin/python3
"""Fails when a source file includes with a path that climbs out of its folder ("..") or is
absolute. The include views (cmake/Layers.cmake) decide what each layer may include by name
("server/store/store.h", "core/events.h"); a quoted include is also looked up next to the
including file, so a relative path could reach around them.

Usage: check_includes.py [--root DIR] [--stamp FILE] FOLDER_OR_FILE...
(folders: their .h and .cpp files; a file is checked whatever its name)
Prints every offending line as "path:line: ..." (paths relative to --root) and exits 1; else
writes the stamp file (for the build) and exits 0."""
import argparse
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]*)"')


def offending(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        for number, line in enumerate(f, 1):
            m = INCLUDE.match(line)
            if not m:
                continue
            name = m.group(1)
            if name.startswith("/") or ".." in name.split("/"):
                yield number, name


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", default=".")
    parser.add_argument("--stamp")
    parser.add_argument("folders", nargs="+")
    args = parser.parse_args()
    bad = []
    paths = []
    for folder in args.folders:
        if os.path.isfile(folder):
            paths.append(folder)
            continue
        for dirpath, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if d != "node_modules")
            for name in sorted(files):
                if not name.endswith((".h", ".cpp")):
                    continue
                paths.append(os.path.join(dirpath, name))
    for path in paths:
        for number, included in offending(path):
            bad.append("%s:%d: #include \"%s\" reaches out of its folder; include it by its layer "
                       "path (e.g. \"server/store/store.h\", \"core/events.h\"), see docs/architecture.md"
                       % (os.path.relpath(path, args.root), number, included))
    if bad:
        print("\n".join(bad), file=sys.stderr)
        return 1
    if args.stamp:
        with open(args.stamp, "w") as f:
            f.write("ok\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
