#!/usr/bin/env bash
# Cached-build benchmark: gazette on the shared synthetic corpus of N
# bulletins, beside a cold Hugo build in the same run. For `search: true`
# and `search: false`, the median of RUNS builds of each case:
#
#   cold       no output folder, no .gazette/ (a CI job without a cache)
#   unchanged  output and .gazette/ from the last build, nothing changed
#   one-edit, output kept   one bulletin's body edited, output and
#              .gazette/ from the last build (a CI job that restores both)
#   one-edit, output gone   the same with the output folder removed (a CI
#              job that caches only .gazette/)
#
#   bash bench/cache_build.sh [N] [RUNS]      (SEARCH=off: search: false only)
#
# Needs: python3, hugo (apt-get install hugo), /usr/bin/time (apt-get install time).
# Not a test: compare the columns of one run, never across machines.
set -euo pipefail
N=${1:-10000}
RUNS=${2:-3}
source "$(dirname "$0")/build_common.sh"
edited=$(find "$work/g/bulletins" -name '*.md' | sort | sed -n 1p)

# label, setup command (not timed), command...
measure() {
    local label=$1 setup=$2; shift 2
    local times=() rss=()
    for i in $(seq "$RUNS"); do
        eval "$setup"
        sync
        if ! /usr/bin/time -f "%e %M" -o "$work/t" "$@" >"$work/out" 2>&1; then
            echo "$label: run $i failed:"; tail -5 "$work/out"; return 0
        fi
        read -r t m < "$work/t"
        times+=("$t"); rss+=("$m")
    done
    printf '%-42s %7.2f s %6d MiB   %s\n' "$label" "$(printf '%s\n' "${times[@]}" | median)" \
        $(( $(printf '%s\n' "${rss[@]}" | median) / 1024 )) "$(grep '^built' "$work/out" | sed 's/ in [0-9]* ms.*//')"
}

build=("$gazette" build --root "$work/g")
echo "N=$N runs=$RUNS (median wall, median peak RSS, the last run's summary)"
measure "hugo cold" 'set_aside "$work/h-out" "$work/h/resources"' hugo --quiet -s "$work/h" -d "$work/h-out"
# search: false first: with search on, the Pagefind index of every page
# dominates each build.
# SEARCH=off: only search: false.
cases="false true"
if [ "${SEARCH:-on}" = off ]; then cases=false; fi
for search in $cases; do
    sed -i '/^search:/d' "$work/g/site.yaml"
    echo "search: $search" >> "$work/g/site.yaml"
    measure "gazette search=$search cold" 'set_aside "$work/g/output" "$work/g/.gazette"' "${build[@]}"
    measure "gazette search=$search unchanged" ':' "${build[@]}"
    measure "gazette search=$search one-edit, output kept" \
        'printf "\nEdited in run %s of %s.\n" "$i" "$search" >> "$edited"' "${build[@]}"
    measure "gazette search=$search one-edit, output gone" \
        'printf "\nEdited again in run %s of %s.\n" "$i" "$search" >> "$edited"; set_aside "$work/g/output"' "${build[@]}"
done
