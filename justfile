# gazette recipes. `just --list` shows them.

# Build the example site into output/ (release build of gazette).
build:
    cargo run --release -- build

# Preview the example site with live reload.
serve:
    cargo run --release -- serve --watch

# Check the example site: content, links and anchors.
check:
    cargo run --release -- check

# Run the whole test suite.
test:
    cargo test

# Formatting and lints, as CI runs them.
lint:
    cargo fmt --all -- --check
    cargo clippy --all-targets -- -D warnings

# Time a cold build (no output, no cache) of N synthetic bulletins beside Hugo.
bench n="10000":
    bash bench/full_build.sh {{n}}

# Cold, unchanged and one-bulletin-changed builds with the render cache, beside Hugo.
bench-cache n="10000" runs="3":
    bash bench/cache_build.sh {{n}} {{runs}}

# Cold builds at N and 10 x N bulletins: does time grow linearly?
bench-scale n="10000" runs="3":
    bash bench/scale.sh {{n}} {{runs}}

# Rebuild latency of `serve --watch` after a one-bulletin edit, beside a full build.
bench-serve n="10000":
    bash bench/serve_rebuild.sh {{n}}

# The preview under load: wrk at 64 connections while a bulletin is saved every 200 ms.
bench-serve-load n="10000" duration="30":
    bash bench/serve_load.sh {{n}} {{duration}}

# What search costs: build time and peak memory with and without the index, first-query bytes.
bench-search n="10000" runs="3":
    bash bench/search_cost.sh {{n}} {{runs}}
