#!/usr/bin/env bash
# Rebuild latency of `gazette serve --watch` after a one-bulletin edit,
# next to the time of a full build, on a generated corpus.
#
#   bench/serve_rebuild.sh [N] [WORKDIR]     # N bulletins, default 10000
#   SEARCH=off bench/serve_rebuild.sh ...     # the site without search
#
# The corpus comes from ../shared/bench/gen_corpus.py (override with
# GEN_CORPUS=path). Three kinds of edit are made to five bulletins spread
# over the corpus: text past the first paragraph, the title, and one
# reported figure. For each edit the server's own line "rebuilt N pages
# in X ms" gives the rebuild time, and the time from the save to that
# line (debounce included) is measured here. Loopback only; the server
# is stopped on exit.
set -euo pipefail

N="${1:-10000}"
source "$(dirname "$0")/serve_common.sh"
work="${2:-$(mktemp -d)}"
site="$work/site"

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }

cargo build --release --quiet --manifest-path "$here/Cargo.toml"
bin="$here/target/release/gazette"

echo "corpus: $N bulletins in $site"
rm -rf "$site"
python3 "$gen" "$N" "$site" --flavor gazette >/dev/null
mkdir -p "$site/themes"
cp -r "$here/themes/default" "$site/themes/"
# SEARCH=off measures the rebuild alone, without the background re-index.
if [ "${SEARCH:-on}" = off ]; then echo "search: false" >>"$site/site.yaml"; fi

# Full build, three runs: wall time (writing the output included) and the
# time the build itself reports (load, check, render in memory).
: >"$work/walls"
: >"$work/inmem"
for _ in 1 2 3; do
    rm -rf "$work/out"
    t0=$(now_ms)
    "$bin" build --root "$site" --output "$work/out" >"$work/build.log" 2>/dev/null
    t1=$(now_ms)
    echo $((t1 - t0)) >>"$work/walls"
    grep -o 'in [0-9]* ms' "$work/build.log" | grep -o '[0-9]*' >>"$work/inmem"
done
rm -rf "$work/out"
full_wall=$(median <"$work/walls")
full_mem=$(median <"$work/inmem")

"$bin" serve --root "$site" --port 0 --watch >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
for _ in $(seq 1 600); do
    grep -q '^serving ' "$work/serve.out" && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.err" >&2; exit 1; }
    sleep 0.5
done
grep -q '^serving ' "$work/serve.out" || { echo "server did not start" >&2; exit 1; }

mapfile -t files < <(find "$site/bulletins" -name '*.md' | sort | awk -v n="$N" 'NR % int(n / 5 + 1) == 1' | head -5)

edit() { # kind file round
    python3 - "$1" "$2" "$3" <<'PY'
import re, sys
kind, path, n = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(path, encoding="utf-8").read()
if kind == "text":
    text += f"\nBenchmark edit {n}.\n"
elif kind == "title":
    text = re.sub(r'^title: "(.*)"$', lambda m: f'title: "{m.group(1)} (rev {n})"', text, count=1, flags=re.M)
else:
    text = re.sub(r"value: ([0-9.]+)", lambda m: f"value: {float(m.group(1)) + 1.25:.2f}", text, count=1)
open(path, "w", encoding="utf-8").write(text)
PY
}

printf '\n%-6s %-40s %8s %11s %14s\n' kind bulletin units rebuild_ms save_to_done_ms
round=0
for kind in text title figure; do
    : >"$work/$kind.rebuild"
    : >"$work/$kind.e2e"
    for f in "${files[@]}"; do
        round=$((round + 1))
        before=$(grep -c '^rebuilt ' "$work/serve.out" || true)
        t0=$(now_ms)
        edit "$kind" "$f" "$round"
        for _ in $(seq 1 3000); do
            [ "$(grep -c '^rebuilt ' "$work/serve.out" || true)" -gt "$before" ] && break
            sleep 0.02
        done
        t1=$(now_ms)
        line=$(grep '^rebuilt ' "$work/serve.out" | tail -1)
        units=$(echo "$line" | awk '{print $2}')
        ms=$(echo "$line" | awk '{print $5}')
        echo "$ms" >>"$work/$kind.rebuild"
        echo $((t1 - t0)) >>"$work/$kind.e2e"
        printf '%-6s %-40s %8s %11s %14s %s\n' "$kind" "${f#"$site"/}" "$units" "$ms" $((t1 - t0)) \
            "$(echo "$line" | grep -o '(everything)' || true)"
        sleep 0.5
    done
done

echo
echo "full build: ${full_wall} ms wall (median of 3, writing included), ${full_mem} ms reported by build (load + render in memory)"
for kind in text title figure; do
    r=$(median <"$work/$kind.rebuild")
    e=$(median <"$work/$kind.e2e")
    awk -v k="$kind" -v r="$r" -v e="$e" -v w="$full_wall" -v m="$full_mem" 'BEGIN {
        printf "%-6s edit: rebuild %d ms median = %.1f%% of the full build wall time, %.1f%% of its in-memory time; save to rebuilt %d ms\n", k, r, 100*r/w, 100*r/m, e }'
done
