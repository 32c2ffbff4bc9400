-- kernel_stats.m2 -- invariants of the kernel of the LCN parametrisation.
--
-- Usage:  M2 --script kernel_stats.m2 FILTERS STRIDES FIELD MAXGENS
--   FILTERS  e.g. "3,2,2"      (k_1..k_L)
--   STRIDES  e.g. "2,2"        (s_1..s_{L-1}; "" for one layer)
--   FIELD    "QQ" or "ZZ/32003"
--   MAXGENS  print the minimal generators (toString) when there are at most this
--            many of them (0 = never)
-- Prints one line "RESULT {json}" with keys
--   dim, degree, codim, mingens_degrees, num_mingens, homogeneous, seconds[, generators]
-- (run_oracle.py adds filters/strides/k/field and the wall-clock time).
--
-- NOTE: the generators are `flatten entries mingens K` -- one choice of minimal
-- generators (a basis choice depending on M2's Groebner basis), not canonical in
-- any mathematical sense.  Tests must compare ideals, never generator lists.

load (currentFileDirectory | "lcn.m2");

args := drop(scriptCommandLine, 1);
ks := parseIntList(args#0);
ss := parseIntList(args#1);
kk := if args#2 == "QQ" then QQ else if args#2 == "ZZ/32003" then ZZ/32003 else error "unknown field";
maxgens := value(args#3);

t := elapsedTiming (
  K := lcnKernel(kk, ks, ss);
  gs := flatten entries mingens K;
  (dim K, degree K, codim K, isHomogeneous K)
);
secs := t#0;
(dimK, degK, codimK, homK) := t#1;

-- degree -> count, sorted by degree
degs := tally apply(gs, g -> first degree g);
degObj := jsonObj apply(sort keys degs, e -> (toString e, toString degs#e));

fields := {
  ("dim", jsonNum dimK),
  ("degree", jsonNum degK),
  ("codim", jsonNum codimK),
  ("mingens_degrees", degObj),
  ("num_mingens", jsonNum(#gs)),
  ("homogeneous", jsonBool homK),
  ("seconds", jsonReal secs)
};
if #gs <= maxgens then fields = append(fields, ("generators", jsonList apply(gs, g -> jsonStr toString g)));
print("RESULT " | jsonObj fields);
