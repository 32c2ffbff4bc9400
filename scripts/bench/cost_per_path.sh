#!/usr/bin/env bash
# Issue 18, item 4: the tracker's CPU per path from a saved start system,
# (3,3,3)/(2,2,1), seeds 2-4, twice, the binaries interleaved, one thread.
#   scripts/bench/cost_per_path.sh BIN:START [BIN:START ...]
# BIN an `lcn` binary, START a start file it wrote with
#   BIN --filters 3,3,3 --strides 2,2,1 --critical-points --seed 1 --save-start START
# Output rows: binary | seed | found | certified | paths | user CPU s |
# ms per path | steps per path | evaluations per step | load before.
# (0.1.0 reports no diagnostics: its steps show as 0.) docs/benchmarks.md
# has the table.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 BIN:START ..." >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for rep in 1 2; do
  for seed in 2 3 4; do
    for pair in "$@"; do
      bin=${pair%%:*} start=${pair#*:}
      load=$(cut -d' ' -f1 /proc/loadavg)
      /usr/bin/time -f "%U %e" -o "$tmp/t" env RAYON_NUM_THREADS=1 "$bin" \
        --filters 3,3,3 --strides 2,2,1 --critical-points --seed "$seed" \
        --start "$start" --json --quiet > "$tmp/r.json" 2>/dev/null
      python3 - "$bin" "$seed" "$tmp" "$load" <<'PY'
import json, sys
b, seed, tmp, load = sys.argv[1:]
c = json.load(open(f"{tmp}/r.json"))["critical_points"]
u = float(open(f"{tmp}/t").read().split()[0])
d = c.get("diagnostics", {}).get("transfer", {})
p, st, ev = c["paths_tracked"], d.get("steps", 0), d.get("evaluations", 0)
print(f"{b} | {seed} | {c['found']} | {c['certified']} | {p} | {u:.2f} | "
      f"{1000 * u / p:.3f} | {st / p:.1f} | {ev / max(st, 1):.2f} | {load}", flush=True)
PY
    done
  done
done
