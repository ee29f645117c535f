#!/bin/bash -eu
# Builds every cargo-fuzz target in fuzz/ and hands the binaries to
# ClusterFuzzLite ($OUT). fuzz/ is its own cargo workspace, so its target
# directory is fuzz/target.
cd "$SRC/twin/fuzz"
cargo +nightly fuzz build -O
for src in fuzz_targets/*.rs; do
    name=$(basename "${src%.rs}")
    cp "target/x86_64-unknown-linux-gnu/release/$name" "$OUT/"
done
