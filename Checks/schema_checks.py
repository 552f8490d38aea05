#!/usr/bin/env python3
"""Checks that the JSON Schemas in Templates/static/schema/ agree with sitegen's decoders.

1. Every document sitegen accepts in the repository validates against its schema: Content/site.yaml, the front
   matter of every Content/articles/**/*.md, Content/catalog/features.yaml, every Content/catalog/meshes/*.yaml,
   and every fixture under Checks/schema-fixtures/valid/<kind>/. Valid fixtures are also built with sitegen,
   which must accept them.
2. Every fixture under Checks/schema-fixtures/invalid/<kind>/ is rejected by the schema AND by sitegen: Content/
   and Templates/ are copied to a temporary folder, the fixture is put in place (site.yaml and features.yaml are
   replaced, a mesh file or an article is added under the fixture's own file name), and
   `$SITEGEN build --content T/Content --templates T/Templates --output T/out --no-cache` must exit non-zero with
   a `path:line:column: error: ` line on stderr. A fixture line ending in `# expect-error` says where: sitegen
   must report an error on that line of the fixture.

<kind> is site, front-matter (fixtures are .md files), features, mesh or authors. SITEGEN defaults to
.build/debug/sitegen under the repository root.

Fixtures in NEEDS_PROVENANCE use keys sitegen learns with the provenance decoder (source, checked, reviewed,
options.review_after_days). A binary that does not know them yet refuses them as unknown keys: such a result
is PENDING, neither passed nor failed, unless --strict is given.

Usage: python3 Checks/schema_checks.py [--strict] [--schema-only]
Needs the pip packages jsonschema and PyYAML.
"""
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import jsonschema
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCHEMAS = os.path.join(ROOT, "Templates", "static", "schema")
FIXTURES = os.path.join(ROOT, "Checks", "schema-fixtures")

# kind -> (schema file, where a fixture goes in the copied Content/: a fixed path, or a folder it is added to)
KINDS = {
    "site": ("site.schema.json", "site.yaml", None),
    "front-matter": ("front-matter.schema.json", None, "articles"),
    "features": ("features.schema.json", "catalog/features.yaml", None),
    "mesh": ("mesh.schema.json", None, "catalog/meshes"),
    "authors": ("authors.schema.json", "authors.yaml", None),
}

# Fixtures (valid/<kind>/<name> or invalid/<kind>/<name>, without extension) that use the provenance keys.
NEEDS_PROVENANCE = {
    "valid/site/review-after-days",
    "valid/mesh/provenance",
    "invalid/site/review-after-days-zero",
    "invalid/site/review-after-days-fraction",
    "invalid/mesh/empty-source",
    "invalid/mesh/source-not-http",
    "invalid/mesh/source-list",
    "invalid/mesh/checked-impossible-date",
    "invalid/mesh/checked-not-a-date",
    "invalid/mesh/figure-checked-bad-month",
    "invalid/mesh/reviewed-slashes",
}
PROVENANCE_UNKNOWN = re.compile(r"unknown key '(source|checked|reviewed|review_after_days)'")
ERROR_LINE = re.compile(r"^(\S+):(\d+):(\d+): error: (.*)$")
MARKER = "# expect-error"


# ---------------------------------------------------------------------------------------------- YAML as sitegen reads it

class SitegenYAMLLoader(yaml.SafeLoader):
    """YAML 1.1 typed the way sitegen's Yams resolver types plain scalars (the same bool, int, float and null
    rules), except that dates stay text, as editors' YAML language servers read them. Quoted scalars are text;
    keys are taken as written (`yes:` is the key "yes"); merge keys (`<<`) are ordinary keys, since sitegen does
    not merge; a duplicate key is an error, as in sitegen."""


SitegenYAMLLoader.yaml_implicit_resolvers = {}
for _tag, _pattern in [
    ("bool", r"^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$"),
    ("int", r"^(?:[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
            r"|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$"),
    ("float", r"^(?:[-+]?(?:[0-9][0-9_]*)(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?"
              r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    ("null", r"^(?:~|null|Null|NULL|)$"),
]:
    SitegenYAMLLoader.add_implicit_resolver("tag:yaml.org,2002:" + _tag, re.compile(_pattern), None)


def _construct_int(loader, node):
    written = loader.construct_scalar(node)
    text = written.replace("_", "")
    sign = -1 if text.startswith("-") else 1
    text = text.lstrip("+-")
    try:
        if text.startswith("0b"):
            return sign * int(text[2:], 2)
        if text.startswith("0x"):
            return sign * int(text[2:], 16)
        if text.startswith("0o"):
            return sign * int(text[2:], 8)
        if ":" in text:
            value = 0
            for part in text.split(":"):
                value = value * 60 + int(part)
            return sign * value
        if len(text) > 1 and text.startswith("0"):
            return sign * int(text, 8)
        return sign * int(text)
    except ValueError:
        return written


def _construct_mapping(loader, node, deep=False):
    if not isinstance(node, yaml.MappingNode):
        raise yaml.constructor.ConstructorError(None, None, "expected a mapping", node.start_mark)
    mapping = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise yaml.constructor.ConstructorError(None, None, "keys must be plain text", key_node.start_mark)
        if key_node.value in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key '{key_node.value}'", key_node.start_mark)
        mapping[key_node.value] = loader.construct_object(value_node, deep=deep)
    return mapping


SitegenYAMLLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
SitegenYAMLLoader.construct_mapping = _construct_mapping


def load_yaml(text):
    return yaml.load(text, Loader=SitegenYAMLLoader)


def front_matter(text):
    """The YAML between a `---` on line 1 and the next `---` or `...` line, as sitegen's FrontMatter.split finds
    it; None when there is none or it is never closed."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")

    def fence(line, dots):
        line = line[:-1] if line.endswith("\r") else line
        line = line.rstrip(" \t")
        return line == "---" or (dots and line == "...")

    if not lines or not fence(lines[0], False):
        return None
    for index in range(1, len(lines)):
        if fence(lines[index], True):
            return "".join(line + "\n" for line in lines[1:index])
    return None


def read_document(kind, path):
    """The document as a JSON-like value, or raises ValueError."""
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    if kind == "front-matter":
        yaml_text = front_matter(text)
        if yaml_text is None:
            raise ValueError("no front matter between '---' lines")
        text = yaml_text
    try:
        return load_yaml(text)
    except yaml.YAMLError as error:
        raise ValueError(f"unreadable YAML: {error}".replace("\n", " ")) from None


# ---------------------------------------------------------------------------------------------- schemas

def load_validators():
    validators = {}
    for kind, (name, _, _) in KINDS.items():
        with open(os.path.join(SCHEMAS, name), encoding="utf-8") as handle:
            schema = json.load(handle)
        jsonschema.Draft7Validator.check_schema(schema)
        validators[kind] = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    return validators


def schema_errors(validator, document):
    """Readable schema errors, deepest first."""
    errors = sorted(validator.iter_errors(document), key=lambda e: -len(list(e.absolute_path)))
    return ["/".join(str(p) for p in error.absolute_path) + ": " + error.message for error in errors]


# ---------------------------------------------------------------------------------------------- sitegen

def sitegen_build(sitegen, base, kind, fixture):
    """Builds a copy of the site with the fixture in place. Returns (exit code, error lines as
    (path, line, message), stderr, the fixture's path in the copy)."""
    _, fixed, folder = KINDS[kind]
    with tempfile.TemporaryDirectory(prefix="schema-check-") as work:
        shutil.copytree(os.path.join(base, "Content"), os.path.join(work, "Content"), symlinks=True)
        shutil.copytree(os.path.join(base, "Templates"), os.path.join(work, "Templates"), symlinks=True)
        relative = fixed if fixed else folder + "/" + os.path.basename(fixture)
        shutil.copyfile(fixture, os.path.join(work, "Content", relative))
        result = subprocess.run(
            [sitegen, "build", "--content", os.path.join(work, "Content"), "--templates", os.path.join(work, "Templates"),
             "--output", os.path.join(work, "out"), "--no-cache"],
            capture_output=True, text=True, timeout=300)
    errors = []
    for line in result.stderr.splitlines():
        match = ERROR_LINE.match(line)
        if match:
            errors.append((match.group(1), int(match.group(2)), match.group(4)))
    return result.returncode, errors, result.stderr, "Content/" + relative


def marker_line(path):
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.rstrip().endswith(MARKER):
                return number
    return None


def short(text, limit=110):
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def describe(path):
    """The fixture's first comment line, which says what it tests."""
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            stripped = line.strip()
            if stripped.startswith("#"):
                return stripped.replace(MARKER, "").lstrip("# ").strip()
            if stripped and stripped != "---":
                break
    return ""


# ---------------------------------------------------------------------------------------------- main

def main(argv):
    strict = "--strict" in argv
    schema_only = "--schema-only" in argv
    unknown = [a for a in argv if a not in ("--strict", "--schema-only")]
    if unknown:
        print(__doc__)
        return 2
    sitegen = os.environ.get("SITEGEN") or os.path.join(ROOT, ".build", "debug", "sitegen")
    if not os.path.isfile(sitegen) and os.sep not in sitegen:
        sitegen = shutil.which(sitegen) or sitegen
    if not schema_only and not (os.path.isfile(sitegen) and os.access(sitegen, os.X_OK)):
        print(f"sitegen binary not found at {sitegen}; set SITEGEN, or pass --schema-only")
        return 2

    validators = load_validators()
    results = {"PASS": 0, "FAIL": 0, "PENDING": 0}

    def report(status, name, detail):
        results[status] += 1
        print(f"{status:<8} {name}" + (f" — {detail}" if detail else ""))

    # 1. What sitegen accepts in the repository must validate.
    content = os.path.join(ROOT, "Content")
    documents = [("site", os.path.join(content, "site.yaml"))]
    documents += [("front-matter", p) for p in sorted(glob.glob(os.path.join(content, "articles", "**", "*.md"), recursive=True))]
    documents += [("features", os.path.join(content, "catalog", "features.yaml"))]
    documents += [("authors", os.path.join(content, "authors.yaml"))]
    documents += [("mesh", p) for p in sorted(glob.glob(os.path.join(content, "catalog", "meshes", "*.yaml")))]
    for kind, path in documents:
        name = os.path.relpath(path, ROOT) + f" [{kind}]"
        if not os.path.exists(path):
            continue
        try:
            problems = schema_errors(validators[kind], read_document(kind, path))
        except ValueError as error:
            problems = [str(error)]
        report("FAIL" if problems else "PASS", name, short("; ".join(problems), 300) if problems else "")

    # Fixtures: valid ones must pass the schema and build; invalid ones must fail both.
    fixtures = []
    for validity in ("valid", "invalid"):
        for kind in KINDS:
            pattern = "*.md" if kind == "front-matter" else "*.yaml"
            for path in sorted(glob.glob(os.path.join(FIXTURES, validity, kind, pattern))):
                fixtures.append((validity, kind, path))

    present = {f"{validity}/{kind}/{os.path.splitext(os.path.basename(path))[0]}" for validity, kind, path in fixtures}
    for key in sorted(NEEDS_PROVENANCE - present):
        report("FAIL", key, "listed in NEEDS_PROVENANCE, but there is no such fixture")

    base = None
    if fixtures and not schema_only:
        base = tempfile.mkdtemp(prefix="schema-check-base-")
        shutil.copytree(os.path.join(ROOT, "Content"), os.path.join(base, "Content"), symlinks=True)
        shutil.copytree(os.path.join(ROOT, "Templates"), os.path.join(base, "Templates"), symlinks=True)
        # The untouched site must build, or every invalid fixture would be "rejected" for nothing.
        with tempfile.TemporaryDirectory(prefix="schema-check-") as out:
            baseline = subprocess.run(
                [sitegen, "build", "--content", os.path.join(base, "Content"), "--templates",
                 os.path.join(base, "Templates"), "--output", out, "--no-cache"],
                capture_output=True, text=True, timeout=300)
        if baseline.returncode != 0:
            print("the repository's own site does not build with " + sitegen + ":\n" + baseline.stderr)
            if PROVENANCE_UNKNOWN.search(baseline.stderr):
                print("(that binary predates the provenance keys Content/ uses: build the current sources, or point SITEGEN "
                      "at a newer binary)")
            shutil.rmtree(base, ignore_errors=True)
            return 1

    try:
        for validity, kind, path in fixtures:
            stem = os.path.splitext(os.path.basename(path))[0]
            key = f"{validity}/{kind}/{stem}"
            provenance = key in NEEDS_PROVENANCE
            name = key + (" (provenance)" if provenance else "") + (f": {describe(path)}" if describe(path) else "")
            try:
                problems = schema_errors(validators[kind], read_document(kind, path))
            except ValueError as error:
                problems = [str(error)]
            schema_note = ("schema: " + short(problems[0])) if problems else "schema: valid"

            if validity == "valid" and problems:
                report("FAIL", name, "the schema rejects a valid fixture: " + short("; ".join(problems), 300))
                continue
            if validity == "invalid" and not problems:
                report("FAIL", name, "the schema accepts it")
                continue
            if schema_only:
                report("PASS", name, schema_note)
                continue

            code, errors, stderr, placed = sitegen_build(sitegen, base, kind, path)
            unknown_provenance = provenance and any(PROVENANCE_UNKNOWN.search(m) for _, _, m in errors)
            if validity == "valid":
                if code == 0 and not errors:
                    report("PASS", name, "schema: valid; sitegen: builds")
                elif unknown_provenance and not strict:
                    report("PENDING", name, "sitegen does not know the provenance keys yet: " + short(errors[0][2]))
                else:
                    shown = errors[0][2] if errors else (stderr.strip().splitlines() or [f"exit {code}"])[-1]
                    report("FAIL", name, f"sitegen refuses a valid fixture (exit {code}): " + short(shown))
                continue

            expected = marker_line(path)
            in_fixture = [(line, message) for p, line, message in errors if p.endswith("/" + placed)]
            if code == 0 or not errors:
                report("FAIL", name, f"{schema_note}; sitegen accepts it (exit {code})"
                       + (f": {short(stderr)}" if stderr.strip() else ""))
            elif expected is not None and not any(line == expected for line, _ in in_fixture):
                found = "; ".join(f"{os.path.basename(p)}:{line}: {m}" for p, line, m in errors[:2])
                report("FAIL", name, f"{schema_note}; sitegen reports no error on line {expected} of the fixture, "
                       f"but: " + short(found, 200))
            else:
                chosen = next((m for line, m in in_fixture if line == expected), None) or errors[0][2]
                if unknown_provenance and PROVENANCE_UNKNOWN.search(chosen):
                    report("FAIL" if strict else "PENDING", name,
                           f"{schema_note}; sitegen refuses it only as an unknown key: " + short(chosen, 80))
                else:
                    where = f"line {expected}" if expected is not None else "error"
                    report("PASS", name, f"{schema_note}; sitegen {where}: " + short(chosen))
    finally:
        if base:
            shutil.rmtree(base, ignore_errors=True)

    if results["PENDING"]:
        print(f"{results['PENDING']} pending: sitegen at {sitegen} does not know the provenance keys yet "
              "(run with --strict to count them as failures)")
    print(f"{results['PASS']} passed, {results['FAIL']} failed")
    return 1 if results["FAIL"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
