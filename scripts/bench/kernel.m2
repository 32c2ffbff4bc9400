-- kernel.m2 -- Macaulay2 timing of the kernel of the LCN parametrisation (the
-- vanishing ideal of the neurovariety), the reference for benches/neurovariety.rs.
--
-- Usage:  M2 --script kernel.m2 FILTERS STRIDES [MINGENS]
--   FILTERS  e.g. 3,3,2;  STRIDES  the first L-1 strides, e.g. 2,2
--   MINGENS  "mingens" (default) also tallies the degrees of the minimal
--            generators after the timing (not timed); "nomingens" skips it
-- Times K = lcnKernel(ZZ/32003, FILTERS, STRIDES) of scripts/oracle/lcn.m2
-- (i.e. `ker` of the parametrisation over ZZ/32003) with elapsedTiming, and
-- prints one line
--   BENCH kernel filters=F strides=S seconds=<s> mingens=<degree => count>
-- Wrap the call in `timeout` (run_m2_benchmarks.sh does): a run that does not
-- finish prints nothing.

load (currentFileDirectory | "../oracle/lcn.m2");

args := drop(scriptCommandLine, 1);
ks := parseIntList(args#0);
ss := parseIntList(args#1);
withMingens := #args < 3 or args#2 != "nomingens";

t := elapsedTiming lcnKernel(ZZ/32003, ks, ss);
K := t#1;
tally' := if withMingens then (
  T := tally apply(flatten entries mingens K, q -> first degree q);
  "{" | demark(", ", apply(sort keys T, d -> toString d | "=>" | toString T#d)) | "}"
) else "not computed";
print("BENCH kernel filters=" | args#0 | " strides=" | args#1
  | " seconds=" | toString t#0 | " mingens=" | tally');
