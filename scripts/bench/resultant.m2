-- resultant.m2 -- Macaulay2 timing of the resultant of two generic univariate
-- polynomials, the reference for benches/resultant.rs.
--
-- Usage:  M2 --script resultant.m2 M N STRATEGY [REPS]
--   STRATEGY  default   resultant(f, g, x)  (M2 1.21: det sylvesterMatrix(f, g, x),
--                       default determinant strategy = Bareiss)
--             cofactor  det(sylvesterMatrix(f, g, x), Strategy => Cofactor)
--             dynamic   det(sylvesterMatrix(f, g, x), Strategy => Dynamic)
--   REPS      number of timed runs (default 1)
-- Ring: QQ[a0..am, b0..bn, x], f = a0 x^m + ... + am, g = b0 x^n + ... + bn
-- (the same ring as scripts/oracle/resultants.m2).
-- Prints one line
--   BENCH resultant m=M n=N strategy=S reps=R min=<s> mean=<s> terms=<#terms>
-- with wall-clock times from elapsedTiming (seconds), excluding ring set-up.

args := drop(scriptCommandLine, 1);
m := value args#0;
n := value args#1;
strategy := args#2;
reps := if #args > 3 then value args#3 else 1;

R := QQ[apply(m+1, i -> getSymbol("a" | toString i)) | apply(n+1, i -> getSymbol("b" | toString i)) | {getSymbol "x"}];
X := R_(numgens R - 1);
f := sum apply(m+1, i -> R_i * X^(m-i));
g := sum apply(n+1, i -> R_(m+1+i) * X^(n-i));

run1 := () -> (
  if strategy == "default" then resultant(f, g, X)
  else if strategy == "cofactor" then det(sylvesterMatrix(f, g, X), Strategy => Cofactor)
  else if strategy == "dynamic" then det(sylvesterMatrix(f, g, X), Strategy => Dynamic)
  else error("unknown strategy " | strategy)
);

times := {};
r := null;
for i from 1 to reps do (
  t := elapsedTiming run1();
  times = append(times, t#0);
  r = t#1;
);
print("BENCH resultant m=" | toString m | " n=" | toString n | " strategy=" | strategy
  | " reps=" | toString reps | " min=" | toString min times
  | " mean=" | toString (sum times / #times) | " terms=" | toString (#terms r));
