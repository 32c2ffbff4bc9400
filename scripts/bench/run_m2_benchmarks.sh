#!/usr/bin/env bash
# run_m2_benchmarks.sh -- the Macaulay2 side of benches/{resultant,gcd,neurovariety}.rs
# (docs/benchmarks.md has the ratios).
#
# Usage:  scripts/bench/run_m2_benchmarks.sh [resultant|gcd|kernel|all] ...
#   (default: all).  Prints one "BENCH ..." line per case, each preceded by a
#   "LOAD ..." line with the load average (uptime) just before the run.
#
# Environment:
#   WITH_CRATE=1      before each group, run the matching `cargo bench --bench X`
#                     so that both sides are measured close in time
#   TIMEOUT=600       seconds for each kernel computation
#   RES_TIMEOUT=300   seconds for each resultant computation
#   SLOW=0            skip the slow cases: M2 resultant (6,6) default strategy,
#                     ker (6,6)/2 and ker (4,4,4)/(2,2)
#   REPS=3            timed repetitions of the fast resultant and gcd cases
#
# Times are wall clock (elapsedTiming) inside one M2 process, excluding start-up
# and ring set-up; a case that hits its timeout prints "TIMEOUT>=<seconds>".
set -u
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
TIMEOUT="${TIMEOUT:-600}"
RES_TIMEOUT="${RES_TIMEOUT:-300}"
SLOW="${SLOW:-1}"
REPS="${REPS:-3}"
WITH_CRATE="${WITH_CRATE:-0}"

load() { echo "LOAD $(uptime | sed 's/.*load average: //') ($(date -u +%H:%M:%S)Z)"; }

# run NAME TIMEOUT M2-ARGS...
run() {
  local name="$1" limit="$2"
  shift 2
  load
  local out rc
  out="$(timeout "$limit" M2 --script "$@" 2>&1)"
  rc=$?
  if [ $rc -eq 124 ]; then
    echo "BENCH $name TIMEOUT>=${limit}"
  elif [ $rc -ne 0 ]; then
    echo "BENCH $name ERROR (exit $rc)"
    echo "$out" | tail -5
  else
    echo "$out" | grep '^BENCH'
  fi
}

crate() {
  if [ "$WITH_CRATE" = 1 ]; then
    load
    (cd "$root" && cargo bench --bench "$1" 2>&1 | grep -E 'time:|^[a-z_ ]+/' | sed 's/^/CRATE /')
  fi
}

resultant() {
  crate resultant
  for mn in "4 4" "5 5"; do
    set -- $mn
    for st in default cofactor dynamic; do
      run "resultant m=$1 n=$2 strategy=$st" "$RES_TIMEOUT" "$here/resultant.m2" "$1" "$2" "$st" "$REPS"
    done
  done
  for st in cofactor dynamic; do
    run "resultant m=6 n=6 strategy=$st" "$RES_TIMEOUT" "$here/resultant.m2" 6 6 "$st" 1
  done
  if [ "$SLOW" = 1 ]; then
    run "resultant m=6 n=6 strategy=default" "$RES_TIMEOUT" "$here/resultant.m2" 6 6 default 1
  fi
}

gcd() {
  crate gcd
  run "gcd" 120 "$here/gcd.m2" "$((REPS * 5))"
}

kernel() {
  crate neurovariety
  for a in "3,3 2" "3,2,2 2,2" "3,3,2 2,2" "2,2,2,2 2,2,2" "3,3,3 2,2" "5,5 2"; do
    set -- $a
    run "kernel filters=$1 strides=$2" "$TIMEOUT" "$here/kernel.m2" "$1" "$2"
  done
  if [ "$SLOW" = 1 ]; then
    run "kernel filters=6,6 strides=2" "$TIMEOUT" "$here/kernel.m2" 6,6 2 nomingens
    run "kernel filters=4,4,4 strides=2,2" "$TIMEOUT" "$here/kernel.m2" 4,4,4 2,2 nomingens
  fi
}

[ $# -eq 0 ] && set -- all
echo "M2 $(M2 --version) on $(nproc) cores; $(date -u)"
for what in "$@"; do
  case "$what" in
    resultant) resultant ;;
    gcd) gcd ;;
    kernel) kernel ;;
    all) resultant; gcd; kernel ;;
    *) echo "unknown group $what (resultant|gcd|kernel|all)" >&2; exit 2 ;;
  esac
done
load
