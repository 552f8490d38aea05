#!/usr/bin/env bash
# Whole-build benchmark of sitegen against its floor, against Hugo, and of its incremental rebuilds.
#
#   Benchmarks/run.sh                                # 1,000 and 10,000 articles, 5 pairs of runs each
#   SIZES=1000 RUNS=3 Benchmarks/run.sh
#   SIZES=100000 RUNS=3 Benchmarks/run.sh > results.md   # progress goes to stderr, tables to stdout
#
# Settings (environment variables):
#   SEED=1             corpus seed (Benchmarks/gen_corpus.py --seed)
#   COLLECTIONS=1      catalog collections in the corpus: 1 (the repository's meshes) or 2 (and the two-collection
#                      test site's ingress controllers, with their templates; sitegen is then built with those)
#   SIZES="1000 10000" corpus sizes in articles; Hugo is measured only up to HUGO_MAX (10000; 0 skips it)
#   RUNS=5             pairs of runs per comparison
#   REBUILD_MAX=10000  rebuilds with the build cache are measured only up to this many articles
#   ONLY=regex         measure only the rebuild rows whose name matches (e.g. ONLY='deleted|template')
#   SITEGEN=path       measure this sitegen binary instead of building one
#   FRESH=set-aside    how a fresh output folder is made: set-aside (move the last one away) or delete
#   SCRATCH_PATH=dir   swift build --scratch-path for the release build (default: SwiftPM's .build)
#   TMPDIR=dir         where the corpus and outputs go (its file system matters: printed below)
#
# Why the runs are paired: this machine's speed drifts (other tenants, thermal limits, page cache), so
# two commands measured minutes apart are not comparable. Every comparison runs A, B, A, B, ... and reports
# the ratio A/B of each pair next to the medians, so a slow minute slows both sides of a pair.
#
# Comparisons, for each size:
#   sitegen / floor        A: sitegen build --no-cache into a fresh folder
#                          B: cmark on the concatenated bodies, then cp -r of sitegen's output to a fresh
#                             folder -- the Markdown work and the file writing no generator can avoid
#   hugo / sitegen         A: hugo (with, then without, its related-reading block); B: sitegen as above
#   rebuild / full build   A: sitegen build --cache-dir C after (a) no change, (b) one article's body
#                             edited, (d) one article's title edited, (e) one article added, (f) one article
#                             nothing links to deleted, (c) one catalog mesh file's vendor edited, (g) istio's
#                             learning-curve edited (shown on ~1,000 pages), (h) the layout template edited;
#                             B: sitegen as above
#
# Needs bash, python3, GNU /usr/bin/time, cmark; hugo is optional. Prints Markdown tables to stdout.
set -uo pipefail   # no -e: a failing command is reported on its own line and the run goes on
unset LC_ALL
export LC_NUMERIC=C   # decimal points, not commas, in the times bash formats
cd "$(dirname "$0")/.."
REPO=$PWD

SEED=${SEED:-1}
COLLECTIONS=${COLLECTIONS:-1}
SIZES=${SIZES:-"1000 10000"}
RUNS=${RUNS:-5}
HUGO_MAX=${HUGO_MAX:-10000}
REBUILD_MAX=${REBUILD_MAX:-10000}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/sitegen-bench.XXXXXX")
# With two collections the corpus carries the second one's templates beside the site's own. Either way sitegen
# reads a copy of them in $WORK, which the template-edit row changes (make_corpus makes it).
COLLECTION_ARGS=()
TEMPLATE_SOURCE=$REPO/Templates
TEMPLATES=$WORK/templates
if [[ $COLLECTIONS == 2 ]]; then
  COLLECTION_ARGS=(--collections 2)
  TEMPLATE_SOURCE=$WORK/corpus/sitegen/Templates
fi
trap 'rm -rf "$WORK"' EXIT
RESULTS=$WORK/results.tsv   # one line per timed command; summarised into tables at the end
: >"$RESULTS"

log() { printf '%s\n' "$*" >&2; }
die() { log "run.sh: $*"; exit 1; }

# ----------------------------------------------------------------------------------------------------
# The machine, the tools, the binary
# ----------------------------------------------------------------------------------------------------

require() {
  for tool in "$@"; do
    command -v "$tool" >/dev/null || die "$tool is needed (on Debian: apt-get install $tool)"
  done
  [[ -x /usr/bin/time ]] || die "GNU time is needed at /usr/bin/time (on Debian: apt-get install time)"
}

machine_report() {
  local cpu memory fs
  cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
  [[ -n $cpu ]] || cpu=$(lscpu 2>/dev/null | awk -F': *' '/Model name/ { print $2; exit }')
  memory=$(awk '/^MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)
  fs=$(df -PT "$WORK" | awk 'NR == 2 { print $2 }')
  echo "## Machine and tools"
  echo
  echo "- CPU: ${cpu:-unknown}, $(nproc) cores available"
  echo "- Memory: $memory"
  echo "- Kernel: $(uname -sr); benchmark folder on $fs ($WORK)"
  echo "- Swift: $(swift --version 2>&1 | grep -m1 -i 'swift version' || echo 'not found')"
  if command -v hugo >/dev/null; then
    echo "- Hugo: $(hugo version 2>&1 | head -1)"
  else
    echo "- Hugo: not installed (its rows are skipped)"
  fi
  echo "- cmark: $(cmark --version 2>&1 | head -1)"
  echo "- sitegen: $SITEGEN, $(sitegen_revision)"
  echo "- Corpus: Benchmarks/gen_corpus.py --seed $SEED --catalog Content/catalog$([[ $COLLECTIONS == 2 ]] && echo " --collections 2"); $RUNS pairs of runs per comparison"
  echo
}

sitegen_revision() {
  local head changes
  head=$(git rev-parse --short HEAD 2>/dev/null) || { echo "not a git checkout"; return; }
  # --no-optional-locks: only read the repository, never refresh its index.
  changes=$(git --no-optional-locks status --porcelain 2>/dev/null | wc -l)
  if ((changes > 0)); then echo "commit $head with $changes changed files"; else echo "commit $head"; fi
}

build_sitegen() {
  if [[ -n ${SITEGEN:-} ]]; then
    [[ -x $SITEGEN ]] || die "SITEGEN=$SITEGEN is not an executable"
    return
  fi
  require swift
  local scratch=()
  [[ -n ${SCRATCH_PATH:-} ]] && scratch=(--scratch-path "$SCRATCH_PATH")
  log "Building sitegen (release)..."
  swift build -c release --product sitegen "${scratch[@]}" >"$WORK/swift-build.log" 2>&1 ||
    { tail -20 "$WORK/swift-build.log" >&2; die "swift build failed"; }
  SITEGEN=$(swift build -c release --product sitegen "${scratch[@]}" --show-bin-path)/sitegen
}

# A sitegen without the build cache has nothing to bypass: its plain build is the --no-cache build.
detect_cache_flags() {
  NO_CACHE=(--no-cache)
  if ! "$SITEGEN" build --help 2>&1 | grep -q -- '--no-cache'; then
    NO_CACHE=()
    log "note: this sitegen has no --no-cache flag; full builds run without it (it has no cache to skip)"
  fi
}

# ----------------------------------------------------------------------------------------------------
# Measuring
# ----------------------------------------------------------------------------------------------------

# measure SIZE COMPARISON SIDE LABEL RUN COMMAND...
# Runs COMMAND once under /usr/bin/time and appends wall, user CPU, system CPU (seconds) and peak RSS
# (kB) to $RESULTS, or the exit status and first line of its error output when it fails. LAST_WALL is
# its wall time, or empty after a failure.
# The wall time is taken from bash's microsecond clock around the command: /usr/bin/time's %e has a
# resolution of 10 ms, too coarse for rebuilds that take a few tens of milliseconds. %e is kept in
# time.out for comparison.
measure() {
  local size=$1 comparison=$2 side=$3 label=$4 run=$5
  shift 5
  local status=0 started ended elapsed wall user sys rss why
  started=${EPOCHREALTIME/[^0-9]/}   # microseconds; the separator depends on the locale
  /usr/bin/time -f '%e %U %S %M' -o "$WORK/time.out" "$@" >"$WORK/command.out" 2>"$WORK/command.err" || status=$?
  ended=${EPOCHREALTIME/[^0-9]/}
  if ((status == 0)); then
    read -r _ user sys rss < <(tail -1 "$WORK/time.out")
    elapsed=$((ended - started))
    wall=$(printf '%d.%06d' $((elapsed / 1000000)) $((elapsed % 1000000)))
    printf '%s\t%s\t%s\t%s\t%s\tok\t%s\t%s\t%s\t%s\n' \
      "$size" "$comparison" "$side" "$label" "$run" "$wall" "$user" "$sys" "$rss" >>"$RESULTS"
    LAST_WALL=$wall
  else
    why=$(cat "$WORK/command.err" "$WORK/command.out" | grep -m1 . | cut -c1-200 | tr '\t' ' ')
    log "  FAILED: $label (run $run) exited with status $status: ${why:-no output}"
    printf '%s\t%s\t%s\t%s\t%s\tfailed\texit status %s: %s\n' \
      "$size" "$comparison" "$side" "$label" "$run" "$status" "${why:-no output}" >>"$RESULTS"
    LAST_WALL=
  fi
}

# pair SIZE COMPARISON
# Runs side A then side B, RUNS times. Each side is described by globals set just before the call:
#   A_LABEL, A_CMD (array), A_PREPARE and A_AFTER (commands run untimed before and after it, given the
#   run number), and the same for B. Preparation is where outputs are removed or the corpus is edited.
pair() {
  local size=$1 comparison=$2 run a b
  for ((run = 1; run <= RUNS; run++)); do
    $A_PREPARE "$run"
    measure "$size" "$comparison" A "$A_LABEL" "$run" "${A_CMD[@]}"
    a=$LAST_WALL
    $A_AFTER "$run"
    $B_PREPARE "$run"
    measure "$size" "$comparison" B "$B_LABEL" "$run" "${B_CMD[@]}"
    b=$LAST_WALL
    $B_AFTER "$run"
    log "  $comparison, pair $run/$RUNS: $(shown "$a") / $(shown "$b")"
  done
}

nothing() { :; }
shown() { if [[ -n $1 ]]; then printf '%.3f s' "$1"; else echo "failed"; fi; }

# ----------------------------------------------------------------------------------------------------
# What is measured
# ----------------------------------------------------------------------------------------------------

make_corpus() {
  local size=$1
  log "Writing the corpus of $size articles..."
  rm -rf "$WORK/corpus"
  python3 Benchmarks/gen_corpus.py --pages "$size" --seed "$SEED" --out "$WORK/corpus" \
    --catalog Content/catalog "${COLLECTION_ARGS[@]}" >&2 || die "gen_corpus.py failed"
  CONTENT=$WORK/corpus/sitegen/Content
  rm -rf "$TEMPLATES"
  cp -r "$TEMPLATE_SOURCE" "$TEMPLATES"
  python3 Benchmarks/concat_bodies.py "$CONTENT/articles" "$WORK/bodies.md" >&2 || die "concat_bodies.py failed"
}

# A fresh output folder is made by moving the last one aside, not by deleting it just before the timed
# command: ext4 without a journal (this machine's virtual disk) skips, one by one, every inode freed in the
# last 60 s (360 s while its inode table block is dirty) when it allocates a new one (fs/ext4/ialloc.c,
# recently_deleted()), so any tool that creates 20,000 files right after 20,000 were deleted spends seconds
# in the kernel scanning them: 4-14 s of system time for sitegen, 3 s for cp -r, growing from run to run.
# FRESH=delete deletes instead, as the script did before. What was moved aside is deleted at the end.
FRESH=${FRESH:-set-aside}
ASIDE=0
set_aside() {
  [[ -e $1 ]] || return 0
  if [[ $FRESH == delete ]]; then
    rm -rf "$1"
  else
    mkdir -p "$WORK/aside"
    ASIDE=$((ASIDE + 1))
    mv "$1" "$WORK/aside/$ASIDE"
  fi
}

# The full build every other figure is compared with: no cache, a fresh output folder.
fresh_output() { set_aside "$WORK/out"; }
full_build_side() {
  B_LABEL="sitegen build${NO_CACHE:+ --no-cache}, fresh output"
  B_CMD=("$SITEGEN" build --quiet "${NO_CACHE[@]}" --content "$CONTENT" --templates "$TEMPLATES" --output "$WORK/out")
  B_PREPARE=fresh_output
  B_AFTER=nothing
}

compare_with_floor() {
  local size=$1
  log "[$size] sitegen against the floor"
  # One untimed build first: the corpus is read into the page cache and a broken binary shows up here.
  "$SITEGEN" build --quiet "${NO_CACHE[@]}" --content "$CONTENT" --templates "$TEMPLATES" --output "$WORK/out" >&2 ||
    log "  FAILED: the warm-up build of the corpus failed (the figures below will say so too)"
  full_build_side
  A_LABEL=$B_LABEL
  A_CMD=("${B_CMD[@]}")
  A_PREPARE=fresh_output
  A_AFTER=nothing
  B_LABEL="floor: cmark on the bodies, then cp -r of the output"
  B_CMD=(sh -c 'cmark "$1" >/dev/null && cp -r "$2" "$3"' floor "$WORK/bodies.md" "$WORK/out" "$WORK/copy")
  B_PREPARE=fresh_copy
  B_AFTER=nothing
  pair "$size" "sitegen / floor"
}
fresh_copy() { set_aside "$WORK/copy"; }

compare_with_hugo() {
  local size=$1
  if ! command -v hugo >/dev/null; then
    log "[$size] Hugo is not installed: skipped"
    return
  fi
  if ((size > HUGO_MAX)); then
    log "[$size] Hugo skipped above $HUGO_MAX articles (hours of runs and more memory than most machines have)"
    return
  fi
  # The same site without related reading: the partial that lists it, emptied.
  rm -rf "$WORK/hugo-plain"
  cp -r "$WORK/corpus/hugo" "$WORK/hugo-plain"
  : >"$WORK/hugo-plain/layouts/partials/related.html"

  local variant source
  for variant in with without; do
    log "[$size] Hugo $variant related reading, against sitegen"
    source=$WORK/corpus/hugo
    [[ $variant == without ]] && source=$WORK/hugo-plain
    A_LABEL="hugo, $variant related reading, fresh output"
    A_CMD=(hugo --quiet --source "$source" --destination "$WORK/hugo-out")
    A_PREPARE=fresh_hugo_output
    A_AFTER=nothing
    full_build_side
    pair "$size" "hugo $variant related reading / sitegen"
  done
  set_aside "$WORK/hugo-plain"
  set_aside "$WORK/hugo-out"
}
fresh_hugo_output() { set_aside "$WORK/hugo-out"; }

# --- Incremental rebuilds with the build cache --------------------------------------------------------

CACHE=$WORK/cache
KEPT=$WORK/kept-out   # the output folder the cached builds keep up to date

cached_build() {
  "$SITEGEN" build --quiet --cache-dir "$CACHE" --content "$CONTENT" --templates "$TEMPLATES" --output "$KEPT"
}

# output_changes: compares $KEPT with the previous call's record of it and prints
# "WRITTEN CHANGED": files written since (new, or a new inode or modification time) and files whose
# bytes differ (new, removed or different). Only files whose inode, time or size moved are hashed again.
output_changes() {
  python3 - "$KEPT" "$WORK/output-record.json" <<'PYTHON'
import hashlib, json, os, sys
folder, record_path = sys.argv[1], sys.argv[2]
try:
    with open(record_path) as f:
        before = json.load(f)
except FileNotFoundError:
    before = None
after = {}
for directory, _, names in os.walk(folder):
    for name in names:
        path = os.path.join(directory, name)
        st = os.stat(path)
        key = os.path.relpath(path, folder)
        stamp = [st.st_ino, st.st_mtime_ns, st.st_size]
        old = (before or {}).get(key)
        if old and old[:3] == stamp:
            after[key] = old
        else:
            with open(path, "rb") as f:
                after[key] = stamp + [hashlib.sha1(f.read()).hexdigest()]
with open(record_path, "w") as f:
    json.dump(after, f)
if before is not None:
    written = sum(1 for k, v in after.items() if before.get(k, [None])[:3] != v[:3])
    changed = sum(1 for k, v in after.items() if before.get(k, [None] * 4)[3] != v[3])
    changed += sum(1 for k in before if k not in after)
    print(written, changed)
PYTHON
}

# Untimed: a cached build brings the cache and $KEPT up to date, then $KEPT is recorded.
# Returns non-zero (after saying why) when the cached build fails, e.g. a sitegen without --cache-dir.
warm_up_cache() {
  local size=$1 comparison=$2 label=$3 why
  if ! cached_build >"$WORK/warm.out" 2>&1; then
    why=$(grep -m1 . "$WORK/warm.out" | cut -c1-200 | tr '\t' ' ')
    log "  FAILED: the warm-up build with --cache-dir failed: ${why:-no output}; this row is skipped"
    printf '%s\t%s\tA\t%s\t0\tskipped\tnot measured, the warm-up build failed: %s\n' \
      "$size" "$comparison" "$label" "${why:-no output}" >>"$RESULTS"
    return 1
  fi
  output_changes >/dev/null
}

record_changes() {
  local counts
  counts=$(output_changes) || counts="? ?"
  printf '%s\t%s\tA\tfiles\t%s\tfiles\t%s\n' "$SIZE" "$COMPARISON" "$1" "$counts" >>"$RESULTS"
}

# (b) a paragraph appended to a different article each run, spread over the corpus.
edit_article() {
  local run=$1 articles
  mapfile -t articles < <(find "$CONTENT/articles" -name '*.md' | sort)
  local article=${articles[$(((run * 7919) % ${#articles[@]}))]}
  printf '\nBenchmark edit %s: one more paragraph, so that this article and only this one changes.\n' \
    "$run" >>"$article"
}

# (c) the mesh's vendor line (shown on its page, the meshes list and every mesh-summary of it) gains or
# loses " (edited)", so each run changes it again.
edit_mesh() {
  python3 - "$CONTENT/catalog/meshes/istio.yaml" <<'PYTHON'
import re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
def toggle(match):
    value = match.group(2)
    quote = value[:1] if value[:1] in "\"'" else ""
    inner = value[1:-1] if quote else value
    inner = inner[:-len(" (edited)")] if inner.endswith(" (edited)") else inner + " (edited)"
    return match.group(1) + quote + inner + quote
text, count = re.subn(r"(?m)^(vendor: *)(.*?) *$", toggle, text, count=1)
if count != 1:
    sys.exit("no vendor: line in " + path)
open(path, "w", encoding="utf-8").write(text)
PYTHON
}

# retitle PATH PREFIX: the article's title becomes PREFIX and its title without an earlier "Edit N - " prefix,
# written in double quotes (a plain YAML title may hold nothing a prefix could break), renamed over the file as an
# editor saves.
retitle() {
  python3 - "$1" "$2" <<'PYTHON'
import os, re, sys
path, prefix = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
def retitled(match):
    value = match.group(1).strip()
    if value[:1] == '"' and value[-1:] == '"':
        inner = value[1:-1]
    elif value[:1] == "'" and value[-1:] == "'":
        inner = value[1:-1].replace("''", "'").replace("\\", "\\\\").replace('"', '\\"')
    else:
        inner = value.replace("\\", "\\\\").replace('"', '\\"')
    inner = re.sub(r"^Edit \d+ - ", "", inner)
    return f'title: "{prefix}{inner}"'
text = re.sub(r"(?m)^title:(.*)$", retitled, text, count=1)
with open(path + ".tmp", "w", encoding="utf-8") as f:
    f.write(text)
os.replace(path + ".tmp", path)
PYTHON
}

# (d) an article's title gains or changes a prefix. The title shows on its page, in listings, tag pages, feeds,
# related reading of other articles and the search index.
edit_title() {
  local run=$1 articles
  mapfile -t articles < <(find "$CONTENT/articles" -name '*.md' | sort)
  retitle "${articles[$(((run * 104729) % ${#articles[@]}))]}" "Edit $run - "
}

# (e) a new article: an existing one's text under a new file name, slug and title.
add_article() {
  local run=$1 articles target
  mapfile -t articles < <(find "$CONTENT/articles" -name '*.md' | sort)
  target=$CONTENT/articles/benchmark-new-$run-$RANDOM.md
  python3 - "${articles[$(((run * 7907) % ${#articles[@]}))]}" "$target" <<'PYTHON'
import os, re, sys
source, target = sys.argv[1], sys.argv[2]
name = os.path.basename(target)[:-3]
text = open(source, encoding="utf-8").read()
text = re.sub(r'(?m)^url_slug: *.*$', f'url_slug: "{name}"', text, count=1)
open(target + ".tmp", "w", encoding="utf-8").write(text)
PYTHON
  retitle "$target.tmp" "New - " && mv "$target.tmp" "$target"
}

# (f) an article nothing links to, deleted (a link to a deleted article is an error, so the build would stop).
delete_article() {
  local run=$1
  python3 - "$CONTENT/articles" "$run" <<'PYTHON'
import os, re, sys
folder, run = sys.argv[1], int(sys.argv[2])
names = sorted(n for n in os.listdir(folder) if n.endswith(".md"))
linked, slugs = set(), {}
for name in names:
    text = open(os.path.join(folder, name), encoding="utf-8").read()
    linked.update(re.findall(r"\]\(/([^/)#]+)/", text))
    # Front matter's `related:` list names articles by slug too.
    block = re.search(r"(?m)^related:\n((?:  - .*\n)+)", text)
    if block:
        linked.update(line.strip()[2:].strip().strip("\"'") for line in block.group(1).splitlines())
    slug = re.search(r'(?m)^url_slug: *"?([^"\n]+)"?', text)
    slugs[name] = slug.group(1).strip() if slug else name[:-3]
free = [n for n in names if slugs[n] not in linked]
if not free:
    sys.exit("every article is linked from another")
os.remove(os.path.join(folder, free[(run * 7919) % len(free)]))
PYTHON
}

# (g) one catalog value shown on about a thousand pages: istio's learning curve, high <-> medium (every comparison
# table, istio's summaries, its page and its pairs' pages).
edit_catalog_value() {
  python3 - "$CONTENT/catalog/meshes/istio.yaml" <<'PYTHON'
import re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
def toggle(match):
    return match.group(1) + ("medium" if match.group(2) == "high" else "high")
text, count = re.subn(r"(?m)^( *learning-curve: *)(high|medium)\b", toggle, text, count=1)
if count != 1:
    sys.exit("no learning-curve: high or medium line in " + path)
open(path, "w", encoding="utf-8").write(text)
PYTHON
}

# (h) the layout template every page uses gains or changes a comment: every page changes.
edit_template() {
  local run=$1
  python3 - "$TEMPLATES/layout.mustache" "$run" <<'PYTHON'
import re, sys
path, run = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
text = re.sub(r"<!-- benchmark edit \d+ -->\n?", "", text)
text = text.replace("</body>", f"<!-- benchmark edit {run} -->\n</body>", 1)
open(path, "w", encoding="utf-8").write(text)
PYTHON
}

incremental_row() {
  local size=$1 comparison=$2 label=$3 prepare=$4
  # ONLY=regex measures only the rebuild rows whose comparison matches it.
  if [[ -n ${ONLY:-} && ! $comparison =~ $ONLY ]]; then return 0; fi
  log "[$size] $label, against a full build"
  SIZE=$size COMPARISON=$comparison
  warm_up_cache "$size" "$comparison" "$label" || return 0
  A_LABEL=$label
  A_CMD=("$SITEGEN" build --quiet --cache-dir "$CACHE" --content "$CONTENT" --templates "$TEMPLATES" --output "$KEPT")
  A_PREPARE=$prepare
  A_AFTER=record_changes
  full_build_side
  pair "$size" "$comparison"
}

incremental_rows() {
  local size=$1
  rm -rf "$CACHE" "$WORK/output-record.json"; set_aside "$KEPT"
  incremental_row "$size" "rebuild, nothing changed / full build" "sitegen build --cache-dir, nothing changed" nothing
  incremental_row "$size" "rebuild, one article edited / full build" "sitegen build --cache-dir, one article's body edited" edit_article
  incremental_row "$size" "rebuild, one article's title edited / full build" "sitegen build --cache-dir, one article's title edited" edit_title
  incremental_row "$size" "rebuild, one article added / full build" "sitegen build --cache-dir, one article added" add_article
  incremental_row "$size" "rebuild, one article deleted / full build" "sitegen build --cache-dir, one article nothing links to deleted" delete_article
  if [[ -f $CONTENT/catalog/meshes/istio.yaml ]]; then
    incremental_row "$size" "rebuild, one mesh file edited / full build" "sitegen build --cache-dir, catalog/meshes/istio.yaml's vendor edited" edit_mesh
    incremental_row "$size" "rebuild, one catalog value edited / full build" "sitegen build --cache-dir, istio's learning-curve edited (shown on ~1,000 pages)" edit_catalog_value
  else
    log "[$size] no catalog/meshes/istio.yaml in the corpus: the catalog-edit rows are skipped"
  fi
  incremental_row "$size" "rebuild, the layout template edited / full build" "sitegen build --cache-dir, the layout template edited (every page changes)" edit_template
  rm -rf "$CACHE"; set_aside "$KEPT"
}

# ----------------------------------------------------------------------------------------------------
# Tables
# ----------------------------------------------------------------------------------------------------

print_tables() {
  python3 - "$RESULTS" "$RUNS" <<'PYTHON'
import statistics, sys

path, runs = sys.argv[1], int(sys.argv[2])

# One row per comparison: its two sides, each with {run: [wall, user, sys, rss]} and its failures.
rows = {}
for line in open(path, encoding="utf-8"):
    size, comparison, side, label, run, status, *rest = line.rstrip("\n").split("\t")
    row = rows.setdefault((int(size), comparison), {"A": None, "B": None, "files": [], "skipped": None})
    if status == "files":
        row["files"].append(rest[0].replace(" ", " / "))
        continue
    entry = row[side] = row[side] or {"label": label, "runs": {}, "failures": []}
    if status == "ok":
        entry["runs"][int(run)] = [float(x) for x in rest]
    elif status == "skipped":
        row["skipped"] = rest[0]
    else:
        entry["failures"].append(rest[0])

def md(text):
    return text.replace("|", "\\|")

def seconds(values):
    value = statistics.median(values)
    return ("%.3f s" if value < 1 else "%.2f s") % value

def cpu(values):
    return "%.2f s" % statistics.median(values)   # /usr/bin/time gives CPU times to 10 ms

def cells(entry):
    """Medians of wall, user CPU, sys CPU and peak RSS; a failure is reported in the first cell."""
    if entry is None:
        return ["not run", "", "", ""]
    values = list(entry["runs"].values())
    if not values:
        return [md("failed in every run: %s" % entry["failures"][0]), "", "", ""]
    out = [seconds([v[0] for v in values]), cpu([v[1] for v in values]), cpu([v[2] for v in values]),
           "{:,} MB".format(round(statistics.median([v[3] for v in values]) / 1024))]
    if entry["failures"]:
        out[0] += md(" (failed in %d of %d runs: %s)" % (len(entry["failures"]), runs, entry["failures"][0]))
    return out

def ratios(row):
    """Wall time of A over wall time of B, for each run where both succeeded."""
    a, b = row["A"], row["B"]
    if not a or not b:
        return []
    return [a["runs"][r][0] / max(b["runs"][r][0], 0.01) for r in sorted(set(a["runs"]) & set(b["runs"]))]

def spread(values):
    if not values:
        return "no complete pair"
    return "%.2f× (%.2f–%.2f)" % (statistics.median(values), min(values), max(values))

full = [(key, row) for key, row in rows.items() if not key[1].startswith("rebuild")]
rebuilds = [(key, row) for key, row in rows.items() if key[1].startswith("rebuild")]

print("## Full builds: medians of %d interleaved pairs (A, B, A, B, ...)" % runs)
print()
print("| articles | pair | command | wall | user CPU | sys CPU | peak RSS |")
print("|---|---|---|---|---|---|---|")
for (size, comparison), row in full:
    for side in "AB":
        label = row[side]["label"] if row[side] else "?"
        print("| {:,} | {} | {} | {} |".format(size, comparison, side + ": " + label, " | ".join(cells(row[side]))))
print()
print("Wall-time ratio A/B of each pair:")
print()
print("| articles | pair | median (min–max) | each pair |")
print("|---|---|---|---|")
for (size, comparison), row in full:
    values = ratios(row)
    print("| {:,} | {} | {} | {} |".format(size, comparison, spread(values), " ".join("%.2f" % v for v in values)))

if rebuilds:
    print()
    print("## Rebuilds with the build cache, each paired with a full build (no cache, fresh output)")
    print()
    print("| articles | rebuild | wall | user CPU | peak RSS | full build, paired | rebuild / full build | output files written / changed, each run |")
    print("|---|---|---|---|---|---|---|---|")
    for (size, comparison), row in rebuilds:
        label = row["A"]["label"] if row["A"] else comparison
        if row["skipped"]:
            print("| {:,} | {} | {} | | | | | |".format(size, label, md(row["skipped"])))
            continue
        a, b = cells(row["A"]), cells(row["B"])
        print("| {:,} | {} | {} | {} | {} | {} | {} | {} |".format(
            size, label, a[0], a[1], a[3], b[0], spread(ratios(row)), ", ".join(row["files"]) or "—"))
PYTHON
}

# ----------------------------------------------------------------------------------------------------

require python3 cmark
build_sitegen
detect_cache_flags
machine_report

[[ $RUNS =~ ^[0-9]+$ ]] && ((RUNS > 0)) || die "RUNS must be a whole number of pairs, got '$RUNS'"
for size in $SIZES; do
  [[ $size =~ ^[0-9]+$ ]] && ((size > 0)) || die "SIZES must be whole numbers of articles, got '$size'"
  make_corpus "$size"
  compare_with_floor "$size"
  compare_with_hugo "$size"
  if ((size <= REBUILD_MAX)); then incremental_rows "$size"; else log "[$size] rebuilds skipped above $REBUILD_MAX articles"; fi
  for old in corpus bodies.md out copy; do set_aside "$WORK/$old"; done
done

print_tables
