#!/usr/bin/env bash
# Hostile sizes (issue 34): how much one article repeating a construct 20,000 times adds to a build.
#
#   Benchmarks/hostile_sizes.sh                       # same-headings, 20,000, 5 pairs
#   KINDS="same-headings callouts" COUNT=40000 RUNS=3 Benchmarks/hostile_sizes.sh
#
# A: sitegen build --no-cache of a copy of the repository's Content/ and Templates/ plus one article written by
#    Benchmarks/gen_hostile.py (KIND, COUNT); B: the same site without that article. Runs go A, B, A, B, ... and
#    each pair's ratio A/B is reported beside the medians, so a slow minute of a shared machine slows both sides.
# SITEGEN=path measures that binary; otherwise a release sitegen is built (SCRATCH_PATH, default .build).
set -uo pipefail
export LC_NUMERIC=C
cd "$(dirname "$0")/.."
REPO=$PWD
KINDS=${KINDS:-same-headings}
COUNT=${COUNT:-20000}
RUNS=${RUNS:-5}
if [[ -z ${SITEGEN:-} ]]; then
  swift build -c release --product sitegen --scratch-path "${SCRATCH_PATH:-.build}" >&2 || exit 1
  SITEGEN=$REPO/${SCRATCH_PATH:-.build}/release/sitegen
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/sitegen-hostile.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/a" "$WORK/b"
cp -r Content Templates "$WORK/a/" && cp -r Content Templates "$WORK/b/"

seconds() {   # seconds of one build of site $1
  local start end
  start=$(date +%s.%N)
  (cd "$1" && "$SITEGEN" build --no-cache --quiet --output "$WORK/out-$(basename "$1")" >/dev/null 2>"$WORK/err") \
    || { cat "$WORK/err" >&2; echo "build of $1 failed" >&2; exit 1; }
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "Machine: $(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo), $(nproc) cores; sitegen: $SITEGEN"
echo
echo "| kind | count | article bytes | A: with it (median s) | B: without (median s) | A/B per pair (median) |"
echo "|---|---:|---:|---:|---:|---:|"
for kind in $KINDS; do
  python3 Benchmarks/gen_hostile.py --kind "$kind" --count "$COUNT" --out "$WORK/a/Content/articles/hostile.md"
  : >"$WORK/times"
  for _ in $(seq "$RUNS"); do
    a=$(seconds "$WORK/a") || exit 1
    b=$(seconds "$WORK/b") || exit 1
    echo "$a $b $(echo "scale=4; $a / $b" | bc)" >>"$WORK/times"
  done
  printf '| %s | %s | %s | %.2f | %.2f | %.2f |\n' "$kind" "$COUNT" "$(wc -c <"$WORK/a/Content/articles/hostile.md")" \
    "$(cut -d' ' -f1 "$WORK/times" | median)" "$(cut -d' ' -f2 "$WORK/times" | median)" "$(cut -d' ' -f3 "$WORK/times" | median)"
done
