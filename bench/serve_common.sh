# Shared by the serve benchmarks (sourced, not run): where the repository
# and the corpus generator are, and a server stopped on exit.
# The caller sets `work` before or after sourcing; `site` follows from it.
here="$(cd "$(dirname "${BASH_SOURCE[1]}")/.." && pwd)"
gen="${GEN_CORPUS:-$here/../shared/bench/gen_corpus.py}"
server_pid=""

cleanup() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
}
trap cleanup EXIT
