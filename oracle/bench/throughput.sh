#!/bin/sh
# Programs/second of `twin diff` for the LuaJIT pair (luajit-joff vs
# luajit-stress), with persistent workers and with one process per program,
# on the same 200 generated programs. Run from anywhere:
#   oracle/bench/throughput.sh [N]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
n=${1:-200}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
luajit "$here/make_programs.lua" "$dir" "$n"
cargo build --release -q -p twin-oracle --manifest-path "$root/Cargo.toml"
"$root/target/release/twin" bench "$dir" --engines luajit-joff,luajit-stress
