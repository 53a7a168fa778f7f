# Shared by the full-build and cached-build benchmarks (sourced, not run):
# builds gazette, generates the gazette and Hugo flavours of the shared
# corpus of $N bulletins in a temporary folder ($work/g and $work/h), and
# defines `median`. The caller sets N and `set -euo pipefail` first.
here=$(cd "$(dirname "${BASH_SOURCE[1]}")/.." && pwd)
shared=${GAZETTE_SHARED:-$here/../shared}
gen="$shared/bench/gen_corpus.py"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet --manifest-path "$here/Cargo.toml"
gazette="$here/target/release/gazette"

python3 "$gen" "$N" "$work/g" --flavor gazette >/dev/null
cp -r "$here/themes" "$work/g/"
# SEARCH=off: the site without its search index (search: false).
if [ "${SEARCH:-on}" = off ]; then echo "search: false" >>"$work/g/site.yaml"; fi
python3 "$gen" "$N" "$work/h-content" --flavor hugo >/dev/null
cp -r "$shared/bench/hugo-site" "$work/h"
chmod -R u+w "$work/h"
cp -r "$work/h-content/bulletins" "$work/h/content/"
sed -i "1a cacheDir = \"$work/h/resources/_cache\"" "$work/h/config.toml"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
