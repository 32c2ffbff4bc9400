#!/usr/bin/env bash
# phc_compare.sh -- critical points of the LCN training loss: the crate's
# certified monodromy solver against PHCpack's blackbox solver (`phc -b`) on
# the same polynomial systems, on the same machine, in the same run
# (docs/benchmarks.md, "Critical points: monodromy vs PHCpack", has the results).
#
# What it does, for each architecture (filter sizes / strides incl. the last):
#   1. exports the gradient system of the random loss of seed S in its random
#      affine chart, `lcn --filters K --strides S --seed S --system phc --json`
#      (key "system"; the same seed gives the same loss and chart as step 3);
#   2. runs `phc -b -0P input output` (PHC's blackbox solver, single-threaded,
#      with its random seed fixed to P for repeatable runs) under `timeout`,
#      and reads from PHC's output file
#        - the summary of the refined solution list ("Number of regular
#          solutions", "... singular ...", "... failures", "... at infinity");
#        - the refined solution list itself: every endpoint PHC labels regular
#          or singular, split into those whose last layer w_L (the last k_L
#          unknowns) is ~ 0 relative to the point, |w_L| <= 1e-6 max(1, |x|),
#          and the others, counted up to a relative distance of 1e-6 (distinct
#          endpoints). In the chart the other layers are non-zero, so w_L = 0
#          is mu = 0: such endpoints (on the mu = 0 locus, or paths diverging
#          towards it) are not among the `expected` critical points;
#        - whether the crate's real global minimum (from step 3) is among PHC's
#          endpoints (a check that both programs solve the same system);
#   3. runs the crate on the same case, `lcn --critical-points --seed S --json`
#      (key "critical_points": found, certified, expected), once with
#      all cores (the tracker uses std::thread::available_parallelism(), 2 on
#      the reference machine) and once pinned to one core with `taskset -c 0`
#      (available_parallelism honours the affinity mask, so this is the
#      single-threaded solver);
#   4. prints one markdown table row per case. Times are wall clock of the
#      whole process (GNU time %e), each side timed the same way; the ratio
#      columns are PHC time / crate time (> 1: the crate is faster). "cpu" is
#      the ratio of user+system CPU seconds, less sensitive to other load.
#
# PHC column meanings: "regular" is PHC's own count of regular solutions (its
# condition-number test, rco >= 1e-8 after refinement); "singular" its count of
# singular ones; "endpoints mu!=0" the distinct regular-or-singular endpoints
# with w_L not ~ 0, i.e. what PHC reached including ill-conditioned solutions
# it does not call regular; "w_L~0" the endpoints with w_L ~ 0 (not critical
# points, see above); "fail" its failures plus solutions at infinity; "gmin"
# whether the crate's global minimum is one of PHC's endpoints; "not crate's"
# how many of PHC's mu != 0 endpoints are none of the crate's solutions (0:
# everything PHC found, the crate found too). Both compare in the unknowns of
# the exported system: the crate's JSON gives every solution there
# ("system_point", same seed and chart as `--system`).
#
# Requirements: bash, cargo (builds the `lcn` example in release mode),
# phc on PATH (Debian/Ubuntu: `apt-get install phcpack`), python3 (standard
# library only), GNU time at /usr/bin/time, coreutils `timeout`, and
# optionally `taskset` (util-linux) for the one-core column. CI does not need
# any of this: it is a manual benchmark.
#
# Usage:  scripts/bench/phc_compare.sh [SEED] [CASE ...]
#   SEED   seed of the random loss, chart and crate solver (default 1)
#   CASE   FILTERS/STRIDES, e.g. 4,4/2,1 (default: the nine cases below)
# Environment:
#   TIMEOUT=600      seconds allowed to each phc run (a run that does not
#                    finish is reported as ">TIMEOUT")
#   PHC_SEED=SEED    seed of PHC's random number generator (phc -0<PHC_SEED>)
#   ONE_CORE=1       also time the crate pinned to one core (0: skip)
#   KEEP=DIR         keep PHC's input and output files in DIR (default: a
#                    temporary directory, removed at the end)
# Example:  TIMEOUT=900 scripts/bench/phc_compare.sh 2 4,4/2,1 2,2,2,2/2,2,2,1
set -u
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
SEED="${1:-1}"
[ $# -gt 0 ] && shift
TIMEOUT="${TIMEOUT:-600}"
PHC_SEED="${PHC_SEED:-$SEED}"
ONE_CORE="${ONE_CORE:-1}"
CASES=("$@")
if [ ${#CASES[@]} -eq 0 ]; then
  CASES=(2,2/2,1 3,2/2,1 3,3/2,1 2,2,2/2,2,1 2,2,2/1,2,1 4,3/2,1 3,2,2/2,2,1
         4,4/2,1 2,2,2,2/2,2,2,1)
fi

for tool in phc python3 /usr/bin/time timeout cargo; do
  command -v "$tool" >/dev/null || { echo "phc_compare.sh: $tool not found" >&2; exit 1; }
done
if [ "$ONE_CORE" = 1 ] && ! command -v taskset >/dev/null; then
  echo "phc_compare.sh: taskset not found, skipping the one-core column" >&2
  ONE_CORE=0
fi

(cd "$root" && cargo build --release --features cli --bin lcn >&2) || exit 1
lcn="${CARGO_TARGET_DIR:-$root/target}/release/lcn"
[ -x "$lcn" ] || { echo "phc_compare.sh: $lcn not built" >&2; exit 1; }

if [ -n "${KEEP:-}" ]; then
  work="$KEEP"
  mkdir -p "$work"
else
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
fi

# timed OUT_PREFIX CMD... : runs CMD with stdout to OUT_PREFIX.out, GNU time's
# "wall user sys" to OUT_PREFIX.time; returns CMD's exit status.
timed() {
  local prefix="$1"
  shift
  /usr/bin/time -f "%e %U %S" -o "$prefix.time" "$@" >"$prefix.out" 2>"$prefix.err" </dev/null
}

# Reads the PHC output file, the crate's JSON and the timings; prints the row.
row() {
  python3 - "$@" <<'PY'
import json, re, sys

(arch, kl, phc_out, phc_rc, phc_time, crate_json, crate_time,
 one_json, one_time, timeout) = sys.argv[1:11]
kl = int(kl)

def times(path):
    try:
        wall, user, sys_ = open(path).read().split()[-3:]
        return float(wall), float(user) + float(sys_)
    except (OSError, ValueError):
        return None, None

def crate(path):
    try:
        return json.load(open(path))["critical_points"]
    except (OSError, ValueError, KeyError):
        return None

c = crate(crate_json)
c_wall, c_cpu = times(crate_time)
o = crate(one_json) if one_json != "-" else None
o_wall, _ = times(one_time) if one_time != "-" else (None, None)
p_wall, p_cpu = times(phc_time)

def parse_phc(path):
    """Summary counts and the refined solution list of a `phc -b` output."""
    text = open(path).read()
    summary = {}
    for key in ("regular", "singular", "real", "complex", "clustered"):
        m = re.findall(r"Number of %s solutions\s*:\s*(\d+)" % key, text)
        summary[key] = int(m[-1]) if m else None
    for key, pat in (("infinity", r"Number of solutions at infinity\s*:\s*(\d+)"),
                     ("failures", r"Number of failures\s*:\s*(\d+)")):
        m = re.findall(pat, text)
        summary[key] = int(m[-1]) if m else None
    section = text[text.rfind("THE SOLUTIONS :"):]
    sols = []
    for block in re.split(r"\nsolution \d+ :", section)[1:]:
        # PHC orders the unknowns by first appearance in the input, so map
        # them back by name: x1 .. xN.
        named = {int(m.group(1)): complex(float(m.group(2)), float(m.group(3)))
                 for m in re.finditer(r"^\s*x(\d+) :\s+(\S+)\s+(\S+)\s*$", block, re.M)}
        m = re.search(r"== err :\s*\S+ = rco :\s*(\S+) = res :\s*(\S+) = (.*?) ==", block)
        if not named or not m:
            continue
        x = [named[i] for i in sorted(named)]
        sols.append({"x": x, "rco": float(m.group(1)), "kind": m.group(3)})
    return summary, sols

def rel(a, b):
    return max(abs(p - q) for p, q in zip(a, b)) / max(1.0, max(abs(p) for p in a))

cells = {}
if phc_rc == "124":
    cells["phc"] = None
else:
    try:
        summary, sols = parse_phc(phc_out)
    except OSError:
        summary, sols = None, []
    if summary is None or summary["regular"] is None:
        cells["phc"] = "unparsed"
    else:
        ends = [s for s in sols if re.search(r"regular|singular", s["kind"])]
        def mu_zero(s):
            scale = max(1.0, max(abs(z) for z in s["x"]))
            return max(abs(z) for z in s["x"][-kl:]) <= 1e-6 * scale
        def distinct(pts):
            out = []
            for p in pts:
                if all(rel(p["x"], q["x"]) > 1e-6 for q in out):
                    out.append(p)
            return out
        nonzero = distinct([s for s in ends if not mu_zero(s)])
        gmin = "-"
        # the crate's solutions in the unknowns of the exported system
        # ("system_point": same seed, same chart as `--system`)
        crate_points = [[complex(re, im) for re, im in p["system_point"]]
                        for p in (c or {}).get("solutions", []) if p.get("system_point")]
        best = (c or {}).get("best_real") or {}
        if best.get("system_point"):
            point = [complex(re, im) for re, im in best["system_point"]]
            best = min((rel(s["x"], point) for s in ends), default=float("inf"))
            gmin = "yes" if best < 1e-6 else "no"
        # PHC endpoints (mu != 0) that are none of the crate's solutions
        unmatched = sum(1 for s in nonzero
                        if all(rel(s["x"], q) > 1e-6 for q in crate_points)) if crate_points else None
        cells["phc"] = (summary["regular"], summary["singular"], len(nonzero),
                        sum(1 for s in ends if mu_zero(s)),
                        (summary["failures"] or 0) + (summary["infinity"] or 0), gmin,
                        "-" if unmatched is None else unmatched)

def sec(x):
    return "-" if x is None else ("%.2f" % x if x < 100 else "%.0f" % x)

def ratio(a, b):
    if a is None or b is None or b <= 0:
        return "-"
    return "%.1fx" % (a / b)

crate_cells = ("%d / %d" % (c["found"], c["certified"])) if c else "error"
expected = str(c["expected"]) if c else "?"
if o is not None and c is not None and (o["found"], o["certified"]) != (c["found"], c["certified"]):
    crate_cells += " (1 core: %d / %d)" % (o["found"], o["certified"])
if cells["phc"] is None:
    phc_cells = ["-"] * 7
    p_wall_s = ">%s" % timeout
    r_wall = ">" + ratio(float(timeout), c_wall)
    r_one = ">" + ratio(float(timeout), o_wall) if o_wall else "-"
    r_cpu = "-"
elif cells["phc"] == "unparsed":
    phc_cells = ["unparsed"] + ["-"] * 6
    p_wall_s, r_wall, r_one, r_cpu = sec(p_wall), "-", "-", "-"
else:
    phc_cells = [str(v) for v in cells["phc"]]
    p_wall_s = sec(p_wall)
    r_wall, r_one, r_cpu = ratio(p_wall, c_wall), ratio(p_wall, o_wall), ratio(p_cpu, c_cpu)
print("| " + " | ".join([arch, expected, crate_cells, sec(c_wall), sec(o_wall)]
      + phc_cells + [p_wall_s, r_wall, r_one, r_cpu]) + " |", flush=True)
PY
}

echo "phc_compare.sh: seed $SEED, phc seed $PHC_SEED, timeout ${TIMEOUT}s, $(nproc) cores"
echo "$(phc --version 2>&1 | head -1); lcn at $lcn"
echo
echo "| architecture | expected | crate found / certified | crate s | crate s (1 core) | PHC regular | PHC singular | PHC endpoints mu!=0 | PHC w_L~0 | PHC fail | PHC gmin | PHC not crate's | PHC s | PHC/crate | PHC/crate (1 core) | PHC/crate cpu |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
for case in "${CASES[@]}"; do
  filters="${case%%/*}"
  strides="${case#*/}"
  kl="${filters##*,}"
  name="($filters)/($strides)"
  tag="$(echo "$case" | tr ',/' '_-')_s$SEED"
  echo "LOAD $name: $(uptime | sed 's/.*load average: //')" >&2

  # 1. the system, in its own file (phc appends its solutions to the input)
  "$lcn" --filters "$filters" --strides "$strides" --seed "$SEED" --system phc \
    >"$work/$tag.phc" || { echo "| $name | export failed |"; continue; }

  # 2. crate, all cores; then pinned to one core
  timed "$work/$tag.crate" "$lcn" --filters "$filters" --strides "$strides" \
    --critical-points --seed "$SEED" --json
  one_json=- one_time=-
  if [ "$ONE_CORE" = 1 ]; then
    timed "$work/$tag.one" taskset -c 0 "$lcn" --filters "$filters" --strides "$strides" \
      --critical-points --seed "$SEED" --json
    one_json="$work/$tag.one.out" one_time="$work/$tag.one.time"
  fi

  # 3. PHCpack blackbox, single-threaded, fixed random seed
  rm -f "$work/$tag.phc.out"
  timed "$work/$tag.phcrun" timeout "$TIMEOUT" phc -b "-0$PHC_SEED" "$work/$tag.phc" "$work/$tag.phc.out"
  phc_rc=$?

  row "$name" "$kl" "$work/$tag.phc.out" "$phc_rc" "$work/$tag.phcrun.time" \
    "$work/$tag.crate.out" "$work/$tag.crate.time" "$one_json" "$one_time" "$TIMEOUT"
done
echo
echo "load after the run: $(uptime | sed 's/.*load average: //')"
