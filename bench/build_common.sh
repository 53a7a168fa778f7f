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

# Clears a build's output (and caches) before a cold run by moving them into
# $work/aside, deleted with $work at the end, instead of deleting them there
# and then. On ext4 without a journal (this kind of machine) an inode freed in
# the last minute is skipped when a new file is made, one buffer lookup per
# skipped inode: right after `rm -rf` of an 11,000-file site, making the
# next one's files is mostly that scan (a third of a cold build's samples in
# `perf`, in `recently_deleted`). A CI job starts from a fresh checkout and
# pays none of it, so neither tool pays it here.
# For the same reason each timed run starts after `sync`: the pages an
# earlier run (or the corpus generator) left for writeback are not billed
# to the next one.
aside=0
set_aside() {
    local p
    mkdir -p "$work/aside"
    for p in "$@"; do
        if [ -e "$p" ]; then aside=$((aside + 1)); mv "$p" "$work/aside/$aside"; fi
    done
}

# The bytes of the files under a folder (not of its directory entries).
file_bytes() { find "$1" -type f -printf '%s\n' | awk '{s += $1} END {print s}'; }

