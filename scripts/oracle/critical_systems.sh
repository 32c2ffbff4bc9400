#!/usr/bin/env bash
# Checks the crate's gradient systems (the equations its critical-point solver
# solves) with Macaulay2, and writes tests/fixtures/critical_systems.json.
#
# For each architecture and seed: the system is exported by the main job
# (`lcn --system m2 --seed S`, exact integer coefficients), Macaulay2 1.21
# saturates its ideal by the ideal of the last layer's unknowns (solutions with
# w_L = 0 are exactly those with mu(w) = 0, since the other layers satisfy
# b_l . w_l = r_l != 0 in the chart) and reports the dimension and degree of the
# result over ZZ/32003. A zero-dimensional ideal of degree C_k means the system
# has exactly C_k solutions with mu != 0 counted with multiplicity; the Rust
# test `tests/critical_points.rs` checks that the crate still exports the very
# same system text and finds and certifies that many distinct solutions.
#
# Requirements: Macaulay2 (apt-get install -y macaulay2), python3, the lcn
# binary built (`cargo build --release --features cli --bin lcn`). Not run by CI.
# Usage: scripts/oracle/critical_systems.sh [timeout-seconds-per-case]
set -euo pipefail
cd "$(dirname "$0")/../.."
timeout_s="${1:-600}"
lcn=target/release/lcn
out=tests/fixtures/critical_systems.json
tmp=$(mktemp -d)
cases=(
  "2,2 2,1 1" "3,2 2,1 1" "3,3 2,1 1" "2,2,2 2,2,1 1" "2,2,2 1,2,1 1"
  "4,3 2,1 1" "3,2,2 2,2,1 1" "2,2 1,1 2" "3,3 3,1 2" "1,3,2 2,3,1 2"
  "4,4 2,1 1" "2,2,2,2 2,2,2,1 1"
)
echo "[" > "$tmp/all.json"
first=1
for c in "${cases[@]}"; do
  read -r filters strides seed <<< "$c"
  "$lcn" --filters "$filters" --strides "$strides" --seed "$seed" --system m2 > "$tmp/system.m2"
  "$lcn" --filters "$filters" --strides "$strides" --json > "$tmp/case.json"
  python3 - "$tmp" "$filters" <<'PY'
import json, sys
tmp, filters = sys.argv[1], sys.argv[2]
v = json.load(open(f"{tmp}/case.json"))
system = open(f"{tmp}/system.m2").read()
kl = int(filters.split(",")[-1])
names = system.split("[", 1)[1].split("]", 1)[0].split(",")
last = names[-kl:]
# over ZZ/32003 for speed (the coefficients are integers)
m2 = system.replace("R = QQ[", "R = ZZ/32003[", 1)
m2 += f"J = saturate(I, ideal({','.join(last)}));\n"
m2 += 'print("RESULT " | toString dim J | " " | toString degree J);\nexit 0;\n'
open(f"{tmp}/case.m2", "w").write(m2)
json.dump({"system": system, "expected": v["critical_point_counts"]["parameter_space"]}, open(f"{tmp}/meta.json", "w"))
PY
  start=$(date +%s.%N)
  if res=$(timeout "$timeout_s" M2 --script "$tmp/case.m2" 2>&1 | grep RESULT); then
    secs=$(echo "$(date +%s.%N) - $start" | bc)
    read -r _ dim deg <<< "$res"
  else
    secs="null"; dim="null"; deg="null"
  fi
  echo "$filters / $strides seed $seed: dim $dim degree $deg (M2 ${secs}s)" >&2
  [ $first = 1 ] || echo "," >> "$tmp/all.json"
  first=0
  python3 - "$tmp" "$filters" "$strides" "$seed" "$dim" "$deg" "$secs" >> "$tmp/all.json" <<'PY'
import json, sys
tmp, f, s, seed, dim, deg, secs = sys.argv[1:]
meta = json.load(open(f"{tmp}/meta.json"))
num = lambda x: None if x == "null" else (float(x) if "." in x else int(x))
print(json.dumps({
    "filters": [int(x) for x in f.split(",")], "strides": [int(x) for x in s.split(",")],
    "seed": int(seed), "expected": int(meta["expected"]),
    "m2_dimension": num(dim), "m2_degree": num(deg), "m2_seconds": num(secs),
    "system": meta["system"]}, indent=1))
PY
done
echo "]" >> "$tmp/all.json"
python3 -c "import json,sys; json.dump(json.load(open(sys.argv[1])), open(sys.argv[2],'w'), indent=1)" "$tmp/all.json" "$out"
echo "wrote $out" >&2
