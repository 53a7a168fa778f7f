#!/usr/bin/env bash
# What search costs: a full build of N synthetic bulletins with and without
# the Pagefind index (median wall time and median peak memory of RUNS
# builds each), the size of the index, and the bytes a first query
# downloads in headless Chromium (tests/browser/first_query.mjs, cold
# cache, files as served, without HTTP compression). Not a test: compare
# the two columns of one run, as the machine's load moves both.
#
#   bash bench/search_cost.sh [N] [RUNS]
#
# GAZETTE=<binary> measures another build of gazette (default: this
# checkout's release build). CORPUS=<dir> reuses a generated corpus.
# Needs: python3, /usr/bin/time, node and tests/browser's packages
# (npm ci in tests/browser), chromium.
set -euo pipefail
N=${1:-10000}
RUNS=${2:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${GAZETTE_SHARED:-$here/../shared}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ -z "${GAZETTE:-}" ]; then
    cargo build --release --quiet --manifest-path "$here/Cargo.toml"
    GAZETTE="$here/target/release/gazette"
fi
if [ -z "${CORPUS:-}" ]; then
    CORPUS="$work/corpus"
    python3 "$shared/bench/gen_corpus.py" "$N" "$CORPUS" --flavor gazette >/dev/null
    cp -r "$here/themes" "$CORPUS/"
fi
# The same corpus twice: search on (the default) and `search: false`.
cp -r "$CORPUS" "$work/on"
cp -r "$CORPUS" "$work/off"
sed -i '/^search:/d' "$work/on/site.yaml" "$work/off/site.yaml"
echo "search: false" >> "$work/off/site.yaml"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
measure() { # site folder -> "median-seconds median-KB median-CPU-seconds"
    local times=() rss=() cpu=() t m u s
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -f "%e %M %U %S" -o "$work/t" "$GAZETTE" build --root "$1" --quiet >/dev/null 2>&1
        read -r t m u s < "$work/t"
        times+=("$t"); rss+=("$m"); cpu+=("$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')")
    done
    echo "$(printf '%s\n' "${times[@]}" | median) $(printf '%s\n' "${rss[@]}" | median)" \
        "$(printf '%s\n' "${cpu[@]}" | median)"
}

read -r offt offm offc <<<"$(measure "$work/off")"
read -r ont onm onc <<<"$(measure "$work/on")"
index_bytes=$(du -sb "$work/on/output/pagefind" | cut -f1)
index_files=$(find "$work/on/output/pagefind" -type f | wc -l)
echo "N=$N runs=$RUNS: median wall seconds, median peak RSS, median CPU seconds (user + system)"
printf 'build without search  %7.2f s  %6d MiB  %7.2f s CPU\n' "$offt" $((offm / 1024)) "$offc"
printf 'build with search     %7.2f s  %6d MiB  %7.2f s CPU\n' "$ont" $((onm / 1024)) "$onc"
awk -v a="$offt" -v b="$ont" -v m="$offm" -v n="$onm" -v c="$offc" -v d="$onc" 'BEGIN {
    printf "search costs          %7.2f s  %6d MiB  %7.2f s CPU  (wall +%.0f%% of the build without search)\n",
        b - a, (n - m) / 1024, d - c, 100 * (b - a) / a }'
printf 'index                 %d bytes in %d files\n' "$index_bytes" "$index_files"

base=$(sed -n 's|^base_url: *"\{0,1\}[a-z]*://[^/]*\(/[^"]*\)"\{0,1\}|\1|p' "$work/on/site.yaml")
# A rare word, a common Chinese word, a common English word (docs/search.md).
for q in b2010-0001 老旧小区 infrastructure; do
    echo "first query '$q':"
    node "$here/tests/browser/first_query.mjs" "$work/on/output" "${base:-/}" "$q" | tail -2 | sed 's/^/  /' ||
        echo "  (no result)"
done
