-- critical_run.m2 -- one critical-point / ED-degree computation over ZZ/32003.
--
-- Usage:  M2 --script critical_run.m2 FILTERS STRIDES MODE SEED
--   FILTERS  e.g. "3,2,2";  STRIDES e.g. "2,2" (first L-1 strides)
--   MODE     "parameter": criticalCount(ZZ/32003, ks, ss)   (parameter space)
--            "function":  edDegree lcnKernel(ZZ/32003, ks, ss) (function space)
--   SEED     integer passed to setRandomSeed (the data Q, u are random)
-- Prints one line "RESULT {json}" with keys dim (of the critical ideal; null for
-- "function"), count (number of critical points: the degree, only meaningful when
-- dim == 0), seconds.

load (currentFileDirectory | "lcn.m2");

args := drop(scriptCommandLine, 1);
ks := parseIntList(args#0);
ss := parseIntList(args#1);
mode := args#2;
seed := value(args#3);
kk := ZZ/32003;

setRandomSeed seed;
if mode == "parameter" then (
  t := elapsedTiming criticalCount(kk, ks, ss);
  (d, n) := t#1;
  print("RESULT " | jsonObj {("dim", jsonNum d), ("count", jsonNum n), ("seconds", jsonReal t#0)});
) else if mode == "function" then (
  -- the timing includes computing the kernel
  t = elapsedTiming edDegree lcnKernel(kk, ks, ss);
  print("RESULT " | jsonObj {("dim", "null"), ("count", jsonNum t#1), ("seconds", jsonReal t#0)});
) else error "MODE must be parameter or function";
