#!/usr/bin/env bash
# Self-test of check_generators.m2 on hand-made ideals (the crate cannot emit
# generators yet).  Each case: file contents, architecture, expected exit status
# (0 = same variety, 1 = different variety, 2 = malformed input).
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# (3,3)/2: the four cubics of the kernel (lcn-math.md section 4)
K33="c3*c4*c5-c2*c5^2-c3^2*c6+c1*c5*c6, c1*c4*c5-c0*c5^2-c1*c3*c6, c1*c2*c5-c0*c3*c5-c1^2*c6, c1*c2*c3-c0*c3^2-c1^2*c4+c0*c1*c5"
# (3,2)/2: the resultant of the even and odd pieces
K32="c1*c2*c3-c0*c3^2-c1^2*c4"

fail=0
check() { # name, file text, filters, strides, expected exit status
  printf '%s\n' "$2" > "$TMP/$1.m2"
  timeout 180 M2 --script "$HERE/check_generators.m2" "$TMP/$1.m2" "$3" "$4" > "$TMP/$1.out" 2>&1
  local rc=$?
  if [ "$rc" = "$5" ]; then
    echo "ok   $1 (exit $rc)"
  else
    echo "FAIL $1: exit $rc, expected $5"; cat "$TMP/$1.out"; fail=1
  fi
}

check kernel33   "R = QQ[c0..c6];
I = ideal($K33);" 3,3 2 0
check partial33  "R = QQ[c0..c6];
I = ideal(c3*c4*c5-c2*c5^2-c3^2*c6+c1*c5*c6, c1*c4*c5-c0*c5^2-c1*c3*c6);" 3,3 2 1
check square32   "R = QQ[c0..c4];
I = ideal(($K32)^2);" 3,2 2 0
check fraction32 "R = QQ[c0..c4];
I = ideal(1/2*($K32));" 3,2 2 0
check explicit32 "R = QQ[c0,c1,c2,c3,c4];
I = ideal($K32, c0*($K32));" 3,2 2 0
check wrong32    "R = QQ[c0..c4];
I = ideal(c1*c2*c3-c0*c3^2);" 3,2 2 1
check zero_fill  "R = QQ[c0..c3];
I = ideal(0_R);" 3,2 1 0
check gaps22s4   "R = QQ[c0..c5];
I = ideal(c2, c3, c1*c4-c0*c5);" 2,2 4 0
check badsize    "R = QQ[c0..c6];
I = ideal($K33);" 3,2 2 2
exit $fail
