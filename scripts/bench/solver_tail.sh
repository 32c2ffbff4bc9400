#!/usr/bin/env bash
# Issue 18's one-run benchmark: the solver of 0.1.0 (OLD) against the current
# one (NEW), per architecture and seed, back to back, timed with GNU time.
# Output rows: which | architecture | seed | C_k | found | certified | paths |
# paths per solution | user CPU s | wall s | peak RSS MB | load before.
#   OLD=path/to/old/lcn NEW=target/release/lcn scripts/bench/solver_tail.sh
# (build the old one from a worktree of 3ed66e7 with
#  `cargo build --release --features cli`). docs/benchmarks.md has the table.
set -euo pipefail
: "${OLD:?path of the old lcn}" "${NEW:?path of the new lcn}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
run() {
  local which=$1 bin=$2 f=$3 s=$4 seed=$5
  local load
  load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -f "%U %e %M" -o "$tmp/t" timeout 1500 "$bin" --filters "$f" --strides "$s" \
    --critical-points --seed "$seed" --json --quiet > "$tmp/r.json" 2>/dev/null || true
  python3 - "$tmp" "$which" "$f" "$s" "$seed" "$load" <<'PY'
import json, sys
tmp, which, f, s, seed, load = sys.argv[1:]
t = open(f"{tmp}/t").read().split()
try:
    c = json.load(open(f"{tmp}/r.json"))["critical_points"]
    exp, p = int(c["expected"]), c["paths_tracked"]
    print(f"{which} | ({f})/({s}) | {seed} | {exp} | {c['found']} | {c['certified']} | {p} | {p/exp:.2f} | {t[0]} | {t[1]} | {int(t[2])//1024} | {load}", flush=True)
except Exception as e:
    print(f"{which} | ({f})/({s}) | {seed} | failed: {e} | {' '.join(t)} | {load}", flush=True)
PY
}
for a in "2,2,2 1,2,1" "4,4 2,1" "2,3,4 2,2,1" "3,3,3 2,2,1" "5,5 2,1" "2,2,2,2,2 2,2,2,2,1"; do
  set -- $a
  for seed in 1 2 3; do
    run new "$NEW" "$1" "$2" "$seed"
    run old "$OLD" "$1" "$2" "$seed"
  done
done
