#!/usr/bin/env bash
# Full-build benchmark: gazette and Hugo on the same synthetic corpus of N
# bulletins, from the shared corpus generator. Prints wall times, peak
# memory and the ratio of cold builds: each run starts with no output and
# no cache (gazette's .gazette/, Hugo's resources/), as a CI job without a
# cache does. Cached and one-edit builds: bench/cache_build.sh. Not a test: numbers move from machine to machine,
# so compare the two side by side in one run.
#
#   bash bench/full_build.sh [N] [RUNS]
#
# Needs: python3, hugo (apt-get install hugo), /usr/bin/time (apt-get install time).
set -euo pipefail
N=${1:-10000}
RUNS=${2:-3}
source "$(dirname "$0")/build_common.sh"

measure() { # label, folders to clear before each run (space-separated), command...
    local label=$1 clear=$2; shift 2
    local times=() rss=()
    for _ in $(seq "$RUNS"); do
        # shellcheck disable=SC2086 # a list of folders
        set_aside $clear
        sync
        /usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null 2>&1
        read -r t m < "$work/t"
        times+=("$t"); rss+=("$m")
    done
    local mt mr
    mt=$(printf '%s\n' "${times[@]}" | median)
    mr=$(printf '%s\n' "${rss[@]}" | median)
    echo "$label $mt $mr"
}

g=$(measure gazette "$work/g/output $work/g/.gazette" "$gazette" build --root "$work/g" --quiet)
h=$(measure hugo "$work/h-out $work/h/resources" hugo --quiet -s "$work/h" -d "$work/h-out")
gf=$(find "$work/g/output" -type f | wc -l)
hf=$(find "$work/h-out" -type f | wc -l)
gb=$(file_bytes "$work/g/output")
hb=$(file_bytes "$work/h-out")
# What gazette writes that the Hugo site has no counterpart for.
gx=$(( $(file_bytes "$work/g/output/indicators") + $(stat -c %s "$work/g/output/indicators.json" "$work/g/output/indicators.csv" | awk '{s += $1} END {print s}') ))
read -r _ gt gm <<<"$g"
read -r _ ht hm <<<"$h"
echo "N=$N runs=$RUNS cold builds (median wall seconds, median peak RSS MiB, files written, bytes of those files)"
printf 'gazette  %6.2f s  %6d MiB  %6d files  %5d MB (%d MB of them indicator pages and open data)\n' "$gt" $((gm / 1024)) "$gf" $((gb / 1000000)) $((gx / 1000000))
printf 'hugo     %6.2f s  %6d MiB  %6d files  %5d MB\n' "$ht" $((hm / 1024)) "$hf" $((hb / 1000000))
awk -v g="$gt" -v h="$ht" 'BEGIN { printf "hugo / gazette wall time: %.1fx\n", h / g }'
