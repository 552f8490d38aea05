#!/usr/bin/env bash
# Whole-build benchmark: sitegen against its floor (cmark on the same Markdown, cp -r of the output) and,
# when installed, Hugo on the same corpus (../shared/bench/gen_corpus.py writes both layouts).
#
#   Benchmarks/run.sh                 # 1,000 and 10,000 articles, medians of 5 runs
#   RUNS=3 SIZES="1000" Benchmarks/run.sh
#
# Prints a Markdown table; BENCHMARKS.md keeps the results of a run with the machine they came from.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
SIZES=${SIZES:-"1000 10000"}
SHARED=${SHARED:-../shared}
WORK=$(mktemp -d /tmp/sitegen-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

swift build -c release --product sitegen >/dev/null
SITEGEN=$PWD/.build/release/sitegen

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# measure LABEL PREPARE COMMAND...: runs PREPARE then COMMAND RUNS times; prints median seconds and peak MB.
measure() {
  local label=$1 prepare=$2
  shift 2
  : > "$WORK/times"
  for _ in $(seq "$RUNS"); do
    eval "$prepare"
    /usr/bin/time -f "%e %M" -o "$WORK/one" "$@" >/dev/null 2>&1
    cat "$WORK/one" >> "$WORK/times"
  done
  local seconds peak
  seconds=$(cut -d' ' -f1 "$WORK/times" | median)
  peak=$(cut -d' ' -f2 "$WORK/times" | sort -n | tail -1)
  printf '| %s | %s | %s s | %d MB |\n' "$N" "$label" "$seconds" $((peak / 1024))
}

echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GB; $(uname -sr); $(swift --version 2>&1 | head -1)"
command -v hugo >/dev/null && echo "Hugo: $(hugo version | cut -d' ' -f1-2)"
echo
echo "| articles | what | median of $RUNS | peak memory |"
echo "|---|---|---|---|"
for N in $SIZES; do
  python3 "$SHARED/bench/gen_corpus.py" --pages "$N" --seed 1 --out "$WORK/corpus" >/dev/null
  python3 "$SHARED/bench/concat_bodies.py" "$WORK/corpus/sitegen/Content/articles" "$WORK/bodies.md" >/dev/null
  CONTENT=$WORK/corpus/sitegen/Content

  measure "cmark on the concatenated bodies (floor, part 1)" ":" cmark "$WORK/bodies.md"
  measure "sitegen build, fresh output folder" "rm -rf '$WORK/out'" \
    "$SITEGEN" build --quiet --content "$CONTENT" --templates Templates --output "$WORK/out"
  measure "sitegen build, replacing the last build" ":" \
    "$SITEGEN" build --quiet --content "$CONTENT" --templates Templates --output "$WORK/out"
  measure "cp -r of sitegen's output (floor, part 2)" "rm -rf '$WORK/copy'" cp -r "$WORK/out" "$WORK/copy"

  if command -v hugo >/dev/null; then
    measure "hugo, with related reading" "rm -rf '$WORK/hugo-out'" \
      hugo --quiet --source "$WORK/corpus/hugo" --destination "$WORK/hugo-out"
    cp -r "$WORK/corpus/hugo" "$WORK/hugo-plain"
    sed -i 's/{{ \$related := .Site.RegularPages.Related . | first 3 }}/{{ $related := slice }}/' "$WORK/hugo-plain/layouts/_default/single.html"
    measure "hugo, without related reading" "rm -rf '$WORK/hugo-out'" \
      hugo --quiet --source "$WORK/hugo-plain" --destination "$WORK/hugo-out"
    rm -rf "$WORK/hugo-plain"
  fi
  rm -rf "$WORK/corpus" "$WORK/out" "$WORK/copy" "$WORK/hugo-out"
done
