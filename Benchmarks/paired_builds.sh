#!/usr/bin/env bash
# Two sitegen builds timed alternately (A, B, A, B, …), each a whole `sitegen build --no-cache` into a fresh output
# folder, with the ratio A/B of each pair and their medians: a step check of one binary against another, each with
# its own content and templates (a catalog layout one of them cannot read, say).
#
#   Benchmarks/paired_builds.sh A_SITEGEN A_CONTENT A_TEMPLATES B_SITEGEN B_CONTENT B_TEMPLATES
#   RUNS=10 OUT=/dev/shm/pairs Benchmarks/paired_builds.sh …
#
# Settings: RUNS (pairs, default 5), OUT (where the two outputs go, default a new folder under TMPDIR: put it on
# tmpfs to keep a slow disk out of the ratio). Needs bash, awk and GNU /usr/bin/time.
set -uo pipefail
[[ $# -eq 6 ]] || { sed -n '2,10p' "$0" >&2; exit 2; }
RUNS=${RUNS:-5}
OUT=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/sitegen-pairs.XXXXXX")}
mkdir -p "$OUT"
A=("$1" build --quiet --no-cache --content "$2" --templates "$3" --output "$OUT/a")
B=("$4" build --quiet --no-cache --content "$5" --templates "$6" --output "$OUT/b")
# Wall seconds, then user + system CPU seconds, of one whole process.
measure() {
  rm -rf "$2"
  /usr/bin/time -f "%e %U %S" -o "$OUT/time" "${@:3}" >/dev/null 2>"$OUT/stderr" || { cat "$OUT/stderr" >&2; echo "failed: ${*:3}" >&2; exit 1; }
  awk '{ printf "%s %.2f", $1, $2 + $3 }' "$OUT/time"
}
measure warm-up "$OUT/a" "${A[@]}" >/dev/null; measure warm-up "$OUT/b" "${B[@]}" >/dev/null
echo "| pair | A wall | A cpu | B wall | B cpu | wall A/B | cpu A/B |"
echo "|---|---|---|---|---|---|---|"
for run in $(seq 1 "$RUNS"); do
  a=$(measure A "$OUT/a" "${A[@]}"); b=$(measure B "$OUT/b" "${B[@]}")
  echo "$run $a $b" | awk '{ printf "| %d | %.2f s | %.2f s | %.2f s | %.2f s | %.3f | %.3f |\n", $1, $2, $3, $4, $5, $2 / $4, $3 / $5 }'
done | tee "$OUT/pairs"
# Medians and ranges of the ratios (sorted by sort, as awk implementations differ).
summary() {  # $1: the column of the table
  cut -d'|' -f"$1" "$OUT/pairs" | tr -d ' ' | sort -g | awk '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.3f (%.3f–%.3f)", m, v[1], v[NR] }'
}
echo
echo "median of $RUNS pairs: wall A/B $(summary 7), cpu A/B $(summary 8)"
