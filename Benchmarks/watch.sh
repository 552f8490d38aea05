#!/usr/bin/env bash
# Rebuild times under `sitegen build --watch`, as sitegen reports them: from the first file event of an edit to
# the last byte written. Edits one article's body EDITS times, then one article's title EDITS times, then one
# catalog value shown on about a thousand pages (istio's learning-curve) EDITS times, each edit
# waiting for the previous rebuild to be reported.
#
#   Benchmarks/watch.sh                      # 10,000 articles, seed 1, 7 edits of each kind
#   SIZE=1000 SEED=2 EDITS=5 Benchmarks/watch.sh
set -euo pipefail
cd "$(dirname "$0")/.."

SIZE=${SIZE:-10000}
SEED=${SEED:-1}
EDITS=${EDITS:-7}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/sitegen-watch.XXXXXX")
PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

if [ -z "${SITEGEN:-}" ]; then
  swift build -c release --product sitegen >/dev/null
  SITEGEN=$PWD/.build/release/sitegen
fi
python3 Benchmarks/gen_corpus.py --pages "$SIZE" --seed "$SEED" --out "$WORK/corpus" --catalog Content/catalog >/dev/null
CONTENT=$WORK/corpus/sitegen/Content
"$SITEGEN" build --watch --no-cache --content "$CONTENT" --templates Templates --output "$WORK/out" >"$WORK/log" 2>&1 &
PID=$!

# wait_for_lines N: until the log has N lines matching "Rebuilt|Watching" (bounded: 10 minutes).
wait_for_lines() {
  for _ in $(seq 6000); do
    [ "$(grep -cE '^(Rebuilt|Watching)' "$WORK/log" || true)" -ge "$1" ] && return 0
    kill -0 "$PID" 2>/dev/null || { cat "$WORK/log" >&2; exit 1; }
    sleep 0.1
  done
  echo "no rebuild reported" >&2
  exit 1
}

# peak_mb: the watcher's peak resident memory so far, in MiB (Linux /proc).
peak_mb() { awk '/^VmHWM/ { print int($2 / 1024) }' "/proc/$PID/status" 2>/dev/null || echo "?"; }

wait_for_lines 1
first_peak=$(peak_mb)
seen=1
articles=("$CONTENT"/articles/*.md)
for i in $(seq "$EDITS"); do
  printf '\nOne more sentence for edit %s.\n' "$i" >> "${articles[$((i * 37 % ${#articles[@]}))]}"
  seen=$((seen + 1)); wait_for_lines "$seen"
done
for i in $(seq "$EDITS"); do
  # As an editor saves: a new file renamed over the old one.
  python3 - "${articles[$((i * 53 % ${#articles[@]}))]}" "$i" <<'PY'
import os, sys
path, i = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read().replace('title: "', f'title: "Edit {i}: ', 1)
with open(path + ".tmp", "w", encoding="utf-8") as f:
    f.write(text)
os.replace(path + ".tmp", path)
PY
  seen=$((seen + 1)); wait_for_lines "$seen"
done

for i in $(seq "$EDITS"); do
  # One catalog value shown on about a thousand pages: istio's learning curve, high <-> medium.
  python3 - "$CONTENT/catalog/meshes/istio.yaml" <<'PY'
import re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
text, count = re.subn(r"(?m)^( *learning-curve: *)(high|medium)\b", lambda m: m.group(1) + ("medium" if m.group(2) == "high" else "high"), text, count=1)
assert count == 1, "no learning-curve line"
open(path, "w", encoding="utf-8").write(text)
PY
  seen=$((seen + 1)); wait_for_lines "$seen"
done

last_peak=$(peak_mb)
times=$(grep '^Rebuilt' "$WORK/log" | sed -E 's/.* ([0-9]+) ms from the edit.*/\1/')
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
body=$(echo "$times" | head -n "$EDITS" | median)
title=$(echo "$times" | sed -n "$((EDITS + 1)),$((2 * EDITS))p" | median)
catalog=$(echo "$times" | tail -n "$EDITS" | median)
echo "Machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores; $SIZE articles, seed $SEED"
echo
echo "| articles | edit under build --watch | median of $EDITS | all (ms) |"
echo "|---|---|---|---|"
echo "| $SIZE | one article's body | $body ms | $(echo "$times" | head -n "$EDITS" | tr '\n' ' ')|"
echo "| $SIZE | one article's title | $title ms | $(echo "$times" | sed -n "$((EDITS + 1)),$((2 * EDITS))p" | tr '\n' ' ')|"
echo "| $SIZE | istio's learning-curve (shown on ~1,000 pages) | $catalog ms | $(echo "$times" | tail -n "$EDITS" | tr '\n' ' ')|"
echo
echo "Peak resident memory of the watcher: $first_peak MiB after its first build, $last_peak MiB after every edit."
