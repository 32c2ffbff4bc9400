#!/usr/bin/env bash
# Regenerate all Macaulay2 oracle fixtures of the crate:
#   tests/fixtures/kernels.json, resultants.json, ed_degrees.json
# and self-test check_generators.m2.  Needs Macaulay2 1.21 (`M2`), python3, timeout.
#
# Usage: scripts/oracle/regenerate.sh [kernels] [resultants] [ed]   (default: all)
# Environment: JOBS (parallel M2 processes, default 2), TIMEOUT (seconds per M2
# call, default 180), SLOW=1 (also attempt (6,6)/2 and (4,4,4)/(2,2)),
# FIXTURES (output directory, default tests/fixtures).
# Every M2 call is wrapped in `timeout $TIMEOUT`.  Expect about 15-20 minutes with
# JOBS=2, almost all of it in the function-space ED degrees that time out.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
FIXTURES="${FIXTURES:-$ROOT/tests/fixtures}"
export FIXTURES

echo "== Macaulay2 version: $(M2 --version)"
if [ "$(M2 --version)" != "1.21" ]; then
  echo "warning: fixtures were produced with Macaulay2 1.21" >&2
fi

# 1. the closed formulas used for comparison reproduce the values quoted in lcn-math.md
echo "== ged.py self-check"
python3 "$HERE/ged.py"

# 2. run the oracle (prints a list of mismatches / problems at the end)
echo "== run_oracle.py $*"
python3 "$HERE/run_oracle.py" "$@"

# 3. validate the JSON files
for f in kernels.json resultants.json ed_degrees.json; do
  if [ -f "$FIXTURES/$f" ]; then
    python3 -m json.tool "$FIXTURES/$f" > /dev/null && echo "valid JSON: $FIXTURES/$f"
  fi
done

# 4. self-test of check_generators.m2 on hand-made ideals
echo "== check_generators.m2 self-test"
"$HERE/check_generators_selftest.sh"
