#!/usr/bin/env bash
# vanishing_ideal_vs_m2.sh -- the vanishing ideal of `lcn --ideal` against
# Macaulay2's `ker` of the parametrisation, timed in one run on one machine.
#
# Usage:  scripts/bench/vanishing_ideal_vs_m2.sh [F/S ...]
#   F/S e.g. 4,3,3/2,2 (filters / the first L-1 strides); default: the list below.
# For each architecture: the wall time of `lcn --ideal --json` (release build,
# all threads) and its result (generators per degree, certified), then one M2
# process that times K = lcnKernel(ZZ/32003, F, S) (scripts/oracle/lcn.m2)
# with elapsedTiming, loads the crate's ideal I and prints whether I == K over
# ZZ/32003 and the numbers of minimal generators. Environment: TIMEOUT=600
# (seconds for each M2 run), LCN (path of the lcn binary), LCN_ARGS (extra
# arguments of lcn, e.g. "--time-budget 1800"), NO_M2=1 (only the crate).
set -u
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
TIMEOUT="${TIMEOUT:-600}"
LCN="${LCN:-$root/target/release/lcn}"
[ -x "$LCN" ] || (cd "$root" && cargo build --release --features cli --bin lcn >/dev/null 2>&1)
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(3,3,3/2,2 4,3,3/2,2 6,6/2 5,5/2 3,3,2/2,2 2,2,2,2,2/2,2,2,2 3,2,2/2,2 5,5/3 3,3,2,2/2,2,2)
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for c in "${cases[@]}"; do
  f="${c%%/*}"; s="${c#*/}"
  strides="$s,1"
  echo "LOAD $(uptime | sed 's/.*load average: //')"
  t0=$(date +%s.%N)
  # shellcheck disable=SC2086
  "$LCN" --filters "$f" --strides "$strides" --ideal --json ${LCN_ARGS:-} > "$tmp/r.json"
  t1=$(date +%s.%N)
  summary=$(python3 -c "import json,sys; i=json.load(open('$tmp/r.json'))['ideal']; print('degrees=%s certified=%s by=%s numerator=%s through=%s' % (json.dumps(i['degrees']).replace(' ',''), i['certified'], (i['certified_by'] or 'none').replace(' ','_'), ','.join(i['hilbert_numerator'] or []), i['through_degree']))")
  echo "CRATE $f/$s seconds=$(python3 -c "print(round($t1-$t0,3))") $summary"
  [ -n "${NO_M2:-}" ] && continue
  # shellcheck disable=SC2086
  "$LCN" --filters "$f" --strides "$strides" --ideal ${LCN_ARGS:-} > "$tmp/i.m2"
  cat > "$tmp/k.m2" <<M2
load "$root/scripts/oracle/lcn.m2";
t := elapsedTiming lcnKernel(ZZ/32003, {$f}, {$s});
K := t#1;
print("M2 $f/$s seconds=" | toString t#0);
$(cat "$tmp/i.m2")
J := sub(I, ring K);
print("EQUAL $f/$s " | toString (J == K) | " crate_gens=" | toString numgens I | " m2_mingens=" | toString numgens trim K);
exit 0
M2
  timeout "$TIMEOUT" M2 --script "$tmp/k.m2" 2>&1 | grep -E "^(M2|EQUAL) " || echo "M2 $f/$s TIMEOUT>=$TIMEOUT"
done
