#!/usr/bin/env bash
# Two sitegen binaries' cached rebuilds after the same body edit, timed alternately: each binary keeps its own cache
# folder and output, both see every edit, and which one runs first alternates from pair to pair. Prints each pair's
# times and ratio A/B, their median, and whether the two outputs are the same at the end.
#
#   Benchmarks/paired_rebuilds.sh A_SITEGEN B_SITEGEN
#   SIZE=10000 SEED=7 RUNS=6 TMPDIR=/dev/shm Benchmarks/paired_rebuilds.sh .build-rel/release/sitegen /tmp/old/sitegen
#
# Settings: SIZE (articles, default 10000), SEED (corpus seed, default 7), RUNS (pairs, default 6), TMPDIR (where the
# corpus, caches and outputs go: tmpfs keeps a slow disk out of the ratio). Needs bash and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
A=${1:?usage: paired_rebuilds.sh A_SITEGEN B_SITEGEN}
B=${2:?usage: paired_rebuilds.sh A_SITEGEN B_SITEGEN}
SIZE=${SIZE:-10000}
SEED=${SEED:-7}
RUNS=${RUNS:-6}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/sitegen-rebuilds.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

python3 Benchmarks/gen_corpus.py --pages "$SIZE" --seed "$SEED" --out "$WORK/corpus" --catalog Content/catalog >/dev/null
CONTENT=$WORK/corpus/sitegen/Content
build() { "$1" build --quiet --cache-dir "$WORK/cache-$2" --content "$CONTENT" --templates Templates --output "$WORK/out-$2"; }
# Microseconds from bash's clock, whatever the locale's decimal separator.
now() { echo "${EPOCHREALTIME/[^0-9]/}"; }
timed() { local start; start=$(now); build "$1" "$2"; echo $(($(now) - start)); }

build "$A" a
build "$B" b
articles=("$CONTENT"/articles/*.md)
ratios=()
for ((run = 1; run <= RUNS; run++)); do
  printf '\nPaired rebuild edit %s.\n' "$run" >>"${articles[$(((run * 1231) % ${#articles[@]}))]}"
  if ((run % 2)); then a=$(timed "$A" a); b=$(timed "$B" b); else b=$(timed "$B" b); a=$(timed "$A" a); fi
  ratio=$(python3 -c "print(f'{$a / $b:.3f}')")
  ratios+=("$ratio")
  echo "pair $run: A $((a / 1000)) ms, B $((b / 1000)) ms, A/B $ratio"
done
echo "median A/B of $RUNS pairs: $(printf '%s\n' "${ratios[@]}" | sort -n | python3 -c 'import statistics, sys; v = [float(x) for x in sys.stdin]; print(f"{statistics.median(v):.3f} ({min(v):.3f}-{max(v):.3f})")')"
if diff -r -q -x .sitegen "$WORK/out-a" "$WORK/out-b" >/dev/null; then echo "outputs: the same"; else echo "outputs: differ"; fi
