#!/usr/bin/env bash
# Scale benchmark: cold builds of the shared synthetic corpus at N and at
# 10 x N bulletins (search off, as the cache bench's SEARCH=off), the
# median of RUNS each, and the ratio of the two. The issue's bar: a tenfold
# archive costs at most elevenfold time, with memory that grows no faster.
#
#   bash bench/scale.sh [N] [RUNS]        (default 10000 3: 10,000 and 100,000)
#
# Needs: python3, /usr/bin/time (apt-get install time), about 4 GB of disk
# at the default N. Not a test: compare the two columns of one run.
set -euo pipefail
N=${1:-10000}
RUNS=${2:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${GAZETTE_SHARED:-$here/../shared}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet --manifest-path "$here/Cargo.toml"
gazette="$here/target/release/gazette"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

aside=0
for n in "$N" $((N * 10)); do
    python3 "$shared/bench/gen_corpus.py" "$n" "$work/$n" --flavor gazette >/dev/null
    cp -r "$here/themes" "$work/$n/"
    echo "search: false" >>"$work/$n/site.yaml"
done
sync

echo "cold builds, search off (median of $RUNS: wall s, user s, peak RSS MiB)"
# The two sizes take turns, so that both see the machine in the same
# states (this kind of machine's disk is noisy from one minute to the next).
for _ in $(seq "$RUNS"); do
    for n in "$N" $((N * 10)); do
        # Moved aside, not deleted, and written back before the clock
        # starts: see set_aside in build_common.sh.
        for p in "$work/$n/output" "$work/$n/.gazette"; do
            if [ -e "$p" ]; then aside=$((aside + 1)); mv "$p" "$work/aside-$aside"; fi
        done
        sync
        /usr/bin/time -f "%e %U %M" -o "$work/t" "$gazette" build --root "$work/$n" --quiet >/dev/null 2>&1
        read -r w u m <"$work/t"
        echo "$w" >>"$work/wall-$n"; echo "$u" >>"$work/user-$n"; echo "$m" >>"$work/rss-$n"
    done
done
for n in "$N" $((N * 10)); do
    printf '%7d bulletins  %7.2f s  %7.2f s  %6d MiB\n' "$n" "$(median <"$work/wall-$n")" \
        "$(median <"$work/user-$n")" $(( $(median <"$work/rss-$n") / 1024 ))
done
awk -v a="$(median <"$work/wall-$N")" -v b="$(median <"$work/wall-$((N * 10))")" \
    -v c="$(median <"$work/user-$N")" -v d="$(median <"$work/user-$((N * 10))")" \
    'BEGIN { printf "time(10 x N) / time(N): %.1f wall, %.1f user\n", b / a, d / c }'
