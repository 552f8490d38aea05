#!/usr/bin/env python3
"""Write one article whose body repeats a single construct N times, to find per-page work that is not linear.

    Benchmarks/gen_hostile.py --kind same-headings --count 20000 --out Content/articles/hostile.md

Kinds (each one body, N repeats):
    same-headings     `## same` N times: ids same, same-1, same-2, ...
    suffix-headings   `## same-1` ... `## same-N`, then `## same` N times (every repeat must skip a taken suffix)
    distinct-headings `## Section i` and a `### Part i` under each: the table of contents
    anchor-links      N paragraphs linking to `#section-i` of N headings: the link check's anchor lookups
    page-links        N links to a heading of another article of the site: the link check's page and anchor lookups
    callouts          N `> [!NOTE]` callouts
    code-blocks       N small fenced YAML blocks (highlighted)
    huge-code         one fenced YAML block of N lines
    emphasis          one paragraph of N `*word*` and `` `code` `` spans
    directives        N/100 `mesh-summary` directives, each with its own id, among N/100 headings named like them

Standard library only; the output depends only on the arguments.
"""

import argparse

FRONT = """---
title: "Hostile sizes: {kind}"
meta_description: "An article repeating one construct {count} times, to measure per-page work."
url_slug: hostile-{kind}
primary_keyword: "hostile sizes"
secondary_keywords:
  - "linear work"
author: "Rudy Salo"
date: "2026-01-01"
---

Opening paragraph.

"""


def body(kind, count):
    out = []
    if kind == "same-headings":
        out = ["## same\n\n"] * count
    elif kind == "suffix-headings":
        out = [f"## same-{i}\n\n" for i in range(1, count + 1)] + ["## same\n\n"] * count
    elif kind == "distinct-headings":
        for i in range(count // 2):
            out.append(f"## Section {i}\n\n### Part {i}\n\n")
    elif kind == "anchor-links":
        half = count // 2
        out = [f"## Section {i}\n\n" for i in range(half)]
        out += [f"See [section {i}](#section-{i}).\n\n" for i in range(half)]
    elif kind == "page-links":
        out = [f"Read [the cost guide {i}](/kubernetes-cost-optimization/#autoscaling-at-every-layer).\n\n" for i in range(count)]
    elif kind == "callouts":
        out = [f"> [!NOTE]\n> Note number {i}.\n\n" for i in range(count)]
    elif kind == "code-blocks":
        out = [f"```yaml\nkey{i}: value # comment\nlist: [a, b]\n```\n\n" for i in range(count)]
    elif kind == "huge-code":
        out = ["```yaml\n"] + [f"key{i}: \"value {i}\" # comment\n" for i in range(count)] + ["```\n\n"]
    elif kind == "emphasis":
        out = [" ".join(f"*word{i}* `code{i}`" for i in range(count)), "\n\n"]
    elif kind == "directives":
        for i in range(count // 100):
            out.append(f"## summary-{i}\n\n```mesh-summary istio\nid: summary-{i}\n```\n\n")
    else:
        raise SystemExit(f"unknown kind {kind}")
    return "".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kind", required=True)
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    text = FRONT.format(kind=args.kind, count=args.count) + body(args.kind, args.count)
    with open(args.out, "w", encoding="utf-8") as handle:
        handle.write(text)


if __name__ == "__main__":
    main()
