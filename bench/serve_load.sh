#!/usr/bin/env bash
# The preview under load: `gazette serve --watch` on a generated corpus,
# wrk at 64 connections for DURATION seconds while a bulletin is saved
# every 200 ms, then 1,000 idle connections and a slow client. See
# bench/serve_load.py for what is checked and printed.
#
#   bench/serve_load.sh [N] [DURATION] [WORKDIR]     # default 10000 bulletins, 30 s
#
# Needs wrk (Debian package). Loopback only; the server is stopped on exit.
set -euo pipefail

N="${1:-10000}"
DURATION="${2:-30}"
source "$(dirname "$0")/serve_common.sh"
work="${3:-$(mktemp -d)}"
site="$work/site"

command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
cargo build --release --quiet --manifest-path "$here/Cargo.toml"
bin="$here/target/release/gazette"

echo "corpus: $N bulletins in $site"
rm -rf "$site"
python3 "$gen" "$N" "$site" --flavor gazette >/dev/null
mkdir -p "$site/themes"
cp -r "$here/themes/default" "$site/themes/"

export SERVE_OUT="$work/serve.out"
"$bin" serve --root "$site" --port 0 --watch >"$SERVE_OUT" 2>"$work/serve.err" &
server_pid=$!
for _ in $(seq 1 600); do
    grep -q '^serving ' "$SERVE_OUT" && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.err" >&2; exit 1; }
    sleep 0.5
done
grep -q '^serving ' "$SERVE_OUT" || { echo "server did not start" >&2; exit 1; }
addr=$(grep -o 'http://[^/]*' "$SERVE_OUT" | head -1 | sed 's|http://||')
case "$addr" in 127.*|localhost:*|\[::1\]:*) ;; *) echo "not a loopback address: $addr" >&2; exit 1 ;; esac

# Pages to request: every page in the sitemap (home, years, bulletins,
# tags, indicators), by path.
curl -sf "http://$addr/sitemap.xml" | grep -o '<loc>[^<]*</loc>' |
    sed -E 's|<loc>https?://[^/]*(/[^<]*)</loc>|\1|' >"$work/paths"
echo "$(wc -l <"$work/paths") pages to request"
# The bulletin saved every 200 ms: its page is /<year>/<file stem>/.
edited=$(find "$site/bulletins" -name '*.md' | sort | sed -n '2p')
edited_rel="${edited#"$site"/}"
year=$(grep -m1 -o '^year: [0-9]*' "$edited" | grep -o '[0-9]*')
edited_url="/$year/$(basename "$edited" .md)/"
curl -sf "http://$addr$edited_url" >/dev/null || { echo "no page at $edited_url" >&2; exit 1; }

python3 "$here/bench/serve_load.py" "$addr" "$server_pid" "$site" "$work/paths" \
    "$edited_rel" "$edited_url" "$DURATION"
