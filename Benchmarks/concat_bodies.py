#!/usr/bin/env python3
"""Concatenate the Markdown bodies of a folder of articles, without their front matter.

    Benchmarks/concat_bodies.py DIR/sitegen/Content/articles OUT.md

`cmark OUT.md > /dev/null` is then the floor for sitegen's Markdown stage: the same Markdown, parsed and
rendered by the same C library, with none of sitegen's own work. Files are read in sorted name order and
each body is followed by a blank line, so no block of one article runs on into the next. Prints the
number of files and of bytes.
"""

import os
import sys

FENCE = "---\n"


def strip_front_matter(text, name):
    """The body after the closing `---` line (and the blank line that follows it, if any)."""
    if not text.startswith(FENCE):
        return text
    close = text.find("\n" + FENCE, len(FENCE) - 1)
    if close < 0:
        sys.exit("concat_bodies: %s: front matter is never closed" % name)
    body = text[close + 1 + len(FENCE):]
    return body[1:] if body.startswith("\n") else body


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip())
    folder, destination = sys.argv[1], sys.argv[2]
    names = sorted(name for name in os.listdir(folder) if name.endswith(".md"))
    body_bytes = 0
    with open(destination, "w", encoding="utf-8", newline="\n") as out:
        for name in names:
            with open(os.path.join(folder, name), encoding="utf-8") as source:
                body = strip_front_matter(source.read(), name)
            body_bytes += len(body.encode("utf-8"))
            out.write(body + "\n")
    print("files=%d body_bytes=%d out_bytes=%d" % (len(names), body_bytes, os.path.getsize(destination)))


if __name__ == "__main__":
    main()
