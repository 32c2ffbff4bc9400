#!/usr/bin/env bash
# verify_exports.sh -- feed every export of `lcn` to the tool it is for and
# check a known fact with that tool (tests/exports.rs):
#   --generators --format m2        -> Macaulay2 (M2): dim, degree, numgens of (3,3)/2
#   --generators --format singular  -> Singular: dim, mult, size of (3,3)/2
#   --generators --format sympy     -> python3 + SymPy: vanishes on products, not elsewhere
#   --generators --format latex     -> pdflatex: compiles inside an amsmath document
#   --tree --dot                    -> Graphviz dot: 8 nodes, 12 edges for (2,3,4,5)
#   --system phc                    -> PHCpack phc -b: 6 regular solutions for (2,2)/2
# The tests pass without a tool (CI has none) and say so; this script lists
# which tools it found, runs the tests with their messages shown, and fails if
# any check fails. docs/verification.md records its last run.
#
# Usage: scripts/verify_exports.sh        (from anywhere in the repository)
set -euo pipefail
cd "$(dirname "$0")/.."
echo "verify_exports.sh: $(date -u '+%Y-%m-%d %H:%M UTC'), $(git rev-parse --short HEAD 2>/dev/null || echo 'no git')"
for tool in M2 Singular python3 pdflatex dot phc; do
  if command -v "$tool" >/dev/null; then
    case "$tool" in
      M2) v=$(M2 --version 2>/dev/null | head -1) ;;
      Singular) v=$(Singular --version 2>/dev/null | head -1 | tr -s ' ') ;;
      python3) v="$(python3 --version 2>&1), sympy $(python3 -c 'import sympy; print(sympy.__version__)' 2>/dev/null || echo 'missing')" ;;
      pdflatex) v=$(pdflatex --version 2>/dev/null | head -1) ;;
      dot) v=$(dot -V 2>&1 | head -1) ;;
      phc) v=$(phc --version 2>&1 | head -1) ;;
    esac
    echo "  found $tool: $v"
  else
    echo "  MISSING $tool: its check will be skipped"
  fi
done
cargo test --release --features cli --test exports -- --nocapture --test-threads 1 2>&1 \
  | grep -E '^(test |[a-z0-9_]+: (checking|SKIPPED)|test result|failures|thread )'
