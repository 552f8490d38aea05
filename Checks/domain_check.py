#!/usr/bin/env python3
"""Checks that sitegen's core knows no mesh: the words of the service-mesh domain appear only where catalogs are
decoded and rendered.

Every Swift file under Sources/ is read, except those under Sources/SitegenKit/Catalog/ and
Sources/SitegenKit/Directives/ (the folder that decodes catalogs and the directives that render them). Each
occurrence of a domain word, in code, comments and strings alike, case-insensitive and inside longer words too
(`MeshPair`, `catalogMeshes`, `reverseProxy`), is an error:

    Sources/SitegenKit/Pipeline/RouteTable.swift:42:113: error: 'meshes' names the service-mesh domain; ...

The words: mesh, proxy, control plane (also control_plane, control-plane, controlPlane), istio, linkerd,
anthos, envoy.

A justified exception is a line of Checks/domain_check_allow.txt:

    <path relative to the repository> | <word as the check names it> | <why it is allowed>

It allows that word anywhere in that file. The reason is required, and an entry that allows nothing (the file
or the word is gone) is an error too, so the list cannot go stale. `#` starts a comment line.

Exit status 0 when nothing is found, 1 when something is, 2 when the allow-list itself cannot be read.
Usage: python3 Checks/domain_check.py [--root DIR] [--allow FILE]
Needs nothing beyond Python 3.
"""
import argparse
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXEMPT = ("Sources/SitegenKit/Catalog/", "Sources/SitegenKit/Directives/")

# Each alternative is named by its first group that matched, so `controlPlane` and `control plane` are one word.
PATTERN = re.compile(r"(mesh)|(proxy|proxies)|(control[\s_-]?plane)|(istio)|(linkerd)|(anthos)|(envoy)", re.IGNORECASE)
WORDS = ["mesh", "proxy", "control plane", "istio", "linkerd", "anthos", "envoy"]


def read_allow_list(path):
    """The allow-list's entries as {(path, word): (line number, reason)}, and the problems found in it."""
    entries, problems = {}, []
    if not os.path.exists(path):
        return entries, problems
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            text = line.strip()
            if not text or text.startswith("#"):
                continue
            parts = [part.strip() for part in text.split("|")]
            if len(parts) != 3 or not all(parts):
                problems.append(f"{path}:{number}:1: error: write an exception as 'path | word | reason', all three given")
                continue
            file, word, reason = parts
            if word not in WORDS:
                problems.append(f"{path}:{number}:1: error: '{word}' is not one of the checked words: {', '.join(WORDS)}")
                continue
            entries[(file, word)] = (number, reason)
    return entries, problems


def swift_files(root):
    """Every Swift file under Sources/ outside the exempt folders, as repository-relative paths, sorted."""
    found = []
    for folder, subfolders, files in os.walk(os.path.join(root, "Sources")):
        subfolders.sort()
        for name in sorted(files):
            if not name.endswith(".swift"):
                continue
            relative = os.path.relpath(os.path.join(folder, name), root).replace(os.sep, "/")
            if not relative.startswith(EXEMPT):
                found.append(relative)
    return found


def main():
    parser = argparse.ArgumentParser(description="The core names no mesh, proxy or control plane.")
    parser.add_argument("--root", default=ROOT, help="the repository (default: this script's)")
    parser.add_argument("--allow", help="the allow-list (default: Checks/domain_check_allow.txt under the root)")
    arguments = parser.parse_args()
    root = os.path.abspath(arguments.root)
    allow_path = arguments.allow or os.path.join(root, "Checks", "domain_check_allow.txt")
    allowed, problems = read_allow_list(os.path.relpath(allow_path))
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 2

    errors, used, files = [], set(), swift_files(root)
    for relative in files:
        with open(os.path.join(root, relative), encoding="utf-8", errors="replace") as handle:
            for number, line in enumerate(handle, start=1):
                for match in PATTERN.finditer(line):
                    word = WORDS[match.lastindex - 1]
                    if (relative, word) in allowed:
                        used.add((relative, word))
                        continue
                    errors.append(f"{relative}:{number}:{match.start() + 1}: error: '{match.group(0)}' names the service-mesh domain "
                                  f"outside Catalog/ and Directives/")
    for (file, word), (number, _) in sorted(allowed.items(), key=lambda item: item[1][0]):
        if (file, word) not in used:
            errors.append(f"{os.path.relpath(allow_path, root)}:{number}:1: error: allows '{word}' in {file}, "
                          f"which {'does not name it' if os.path.exists(os.path.join(root, file)) else 'does not exist'}; remove the entry")
    for error in errors:
        print(error)
    if errors:
        mentioned = len({error.split(":", 1)[0] for error in errors})
        print(f"domain check: {len(errors)} problem{'s' if len(errors) != 1 else ''} in {mentioned} file{'s' if mentioned != 1 else ''}; "
              f"say it generically (entry, collection), move it into Catalog/, or justify it in {os.path.relpath(allow_path, root)}",
              file=sys.stderr)
        return 1
    print(f"domain check: {len(files)} Swift file{'s' if len(files) != 1 else ''} outside Catalog/ and Directives/, no mesh named.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
