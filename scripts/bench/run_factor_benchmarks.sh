#!/bin/sh
# Factorization benchmarks of docs/benchmarks.md, in one session:
#   Macaulay2 `factor` and Singular `factorize` on the same polynomials,
#   the crate (`cargo bench --bench factor`), and, if OLD is set to a worktree
#   of main at 2e52c15 (before the knapsack recombination and the forest
#   search), the old code with a timeout of TIMEOUT seconds per case (default 600).
#
#   git worktree add /tmp/oldmain 2e52c15
#   OLD=/tmp/oldmain scripts/bench/run_factor_benchmarks.sh
#
# Each line is prefixed with the 1-minute load average (the machine is shared).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
timeout_s=${TIMEOUT:-600}
load() { cut -d' ' -f1 /proc/loadavg; }

echo "load $(load) Macaulay2"
M2 --script "$here/factor.m2" 3 2>&1 | grep BENCH
echo "load $(load) Singular"
Singular -q "$here/factor.sing" 2>&1 | grep BENCH
echo "load $(load) crate"
(cd "$root" && cargo bench --bench factor 2>&1 | grep -E "^factor/|time:")
if [ -n "${OLD:-}" ]; then
  mkdir -p "$OLD/examples" "$OLD/tests/common"
  cp "$here/old_factor_example.rs" "$OLD/examples/oldfactor.rs"
  cp "$root/tests/common/swinnerton_dyer.rs" "$OLD/tests/common/swinnerton_dyer.rs"
  (cd "$OLD" && cargo build --release --example oldfactor >/dev/null 2>&1)
  for c in "sd 5" "sd 6" "primes" "sd64arch"; do
    echo "load $(load) old code: $c"
    # shellcheck disable=SC2086
    timeout "$timeout_s" "$OLD/target/release/examples/oldfactor" $c || echo "old code: $c: no answer within ${timeout_s} s"
  done
fi
echo "load $(load) done"
