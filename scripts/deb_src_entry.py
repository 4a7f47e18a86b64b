#!/usr/bin/python3
"""Prints the deb-src entry scripts/setup.sh adds for `apt-get source imgui`, derived from the
machine's own apt sources: for every `deb` entry of SUITE COMPONENT (default: bookworm main), a
deb822 `deb-src` stanza with the same URI, suite, component and Signed-By.

Reads <root>/etc/apt/sources.list (one-line format) and <root>/etc/apt/sources.list.d/*.list and
*.sources (deb822 format); --root lets tests use sample files. Nothing is written.

Exit status: 0 with the stanzas on stdout; 2 when a deb-src entry for SUITE COMPONENT exists
already (nothing to add); 1 when no deb entry for SUITE COMPONENT is found (the message says
which files were read).
"""
import argparse
import glob
import os
import sys


def parse_one_line(text, where):
    """Entries of a one-line-format file: (types, uris, suites, components, signed_by, where)."""
    entries = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        words = line.split()
        kind = words[0]
        if kind not in ("deb", "deb-src"):
            continue
        rest = words[1:]
        options = {}
        if rest and rest[0].startswith("["):
            # "[key=value key=value]": the options may be split over several words.
            joined = []
            while rest:
                word = rest.pop(0)
                joined.append(word)
                if word.endswith("]"):
                    break
            for option in " ".join(joined)[1:-1].split():
                key, _, value = option.partition("=")
                options[key.lower()] = value
        if len(rest) < 2:
            continue
        uri, suite, components = rest[0], rest[1], rest[2:]
        entries.append(({kind}, [uri], [suite], components, options.get("signed-by", ""),
                        "%s:%d" % (where, number)))
    return entries


def parse_deb822(text, where):
    """Entries of a deb822 (.sources) file. Field names are case-insensitive; a field may go on
    over continuation lines (starting with a space or tab), as an inline Signed-By key does."""
    entries = []
    stanza, current, start = {}, None, 1

    def finish():
        if stanza and stanza.get("enabled", "yes").strip().lower() != "no":
            signed_by = stanza.get("signed-by", "").rstrip()
            entries.append((set(stanza.get("types", "").split()), stanza.get("uris", "").split(),
                            stanza.get("suites", "").split(), stanza.get("components", "").split(),
                            signed_by, "%s:%d" % (where, start)))

    for number, line in enumerate(text.splitlines() + [""], 1):
        if line.startswith("#"):
            continue
        if not line.strip():
            finish()
            stanza, current, start = {}, None, number + 1
            continue
        if line[0] in " \t":
            if current is not None:
                stanza[current] += "\n" + line
            continue
        if not stanza:
            start = number
        key, _, value = line.partition(":")
        current = key.strip().lower()
        stanza[current] = value.strip()
    return entries


def read_entries(root):
    files = []
    main = os.path.join(root, "etc/apt/sources.list")
    if os.path.isfile(main):
        files.append(main)
    parts = os.path.join(root, "etc/apt/sources.list.d")
    files += sorted(glob.glob(os.path.join(parts, "*.list")) + glob.glob(os.path.join(parts, "*.sources")))
    entries = []
    for path in files:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        parse = parse_deb822 if path.endswith(".sources") else parse_one_line
        entries += parse(text, path)
    return files, entries


def stanza(uri, suite, component, signed_by):
    lines = ["Types: deb-src", "URIs: " + uri, "Suites: " + suite, "Components: " + component]
    if signed_by.strip():
        # A path on the same line; an embedded key block keeps its continuation lines.
        lines.append("Signed-By:" + (signed_by if signed_by.startswith("\n") else " " + signed_by))
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", default="/", help="read <root>/etc/apt (default /)")
    parser.add_argument("--suite", default="bookworm")
    parser.add_argument("--component", default="main")
    args = parser.parse_args()

    files, entries = read_entries(args.root)
    matching = [e for e in entries if args.suite in e[2] and args.component in e[3]]
    existing = [e for e in matching if "deb-src" in e[0]]
    if existing:
        print("a deb-src entry for %s %s exists: %s" % (args.suite, args.component, existing[0][5]),
              file=sys.stderr)
        return 2
    out, seen = [], set()
    for types, uris, _suites, _components, signed_by, _where in matching:
        if "deb" not in types:
            continue
        for uri in uris:
            key = (uri.rstrip("/"), signed_by.strip())
            if key in seen:
                continue
            seen.add(key)
            out.append(stanza(uri, args.suite, args.component, signed_by))
    if not out:
        print("no 'deb' entry for %s %s in %s" % (args.suite, args.component, ", ".join(files) or
              os.path.join(args.root, "etc/apt") + " (no sources files)"), file=sys.stderr)
        return 1
    sys.stdout.write("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
