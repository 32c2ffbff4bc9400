-- factor.m2 -- Macaulay2 timing of factor over ZZ[x] on the inputs of benches/factor.rs.
--
-- Usage:  M2 --script factor.m2 [REPS]
-- Builds the Swinnerton-Dyer polynomials S_5 (degree 32) and S_6 (degree 64)
-- by resultants, S_k(x) = res_y(S_{k-1}(x - y), y^2 - q_k), and the
-- polynomial (x^4 - 1) prod_{p <= 59} (x^4 - p) of the (35,2,10)/(2,2) case.
-- Prints one line per case
--   BENCH factor case=<name> reps=R min=<s> mean=<s> degree=<d> factors=<n>
-- with wall-clock times from elapsedTiming (seconds).

args := drop(scriptCommandLine, 1);
reps := if #args > 0 then value args#0 else 3;

R = ZZ[x,y];
S = ZZ[z];
toS = map(S, R, {z, 0_S});
sd = k -> (
  f := x;
  for q in take({2, 3, 5, 7, 11, 13}, k) do f = resultant(sub(f, {x => x - y}), y^2 - q, y);
  toS f
);
primes = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59};
cases = {("swinnerton_dyer_degree_32", sd 5), ("swinnerton_dyer_degree_64", sd 6),
  ("seventeen_primes", (z^4 - 1) * product(primes, p -> z^4 - p))};
for c in cases do (
  times := {};
  fac := null;
  for i from 1 to reps do (
    t := elapsedTiming factor(c#1);
    times = append(times, t#0);
    fac = t#1;
  );
  nf := sum(toList fac, p -> if first degree p#0 > 0 then p#1 else 0);
  print("BENCH factor case=" | c#0 | " reps=" | toString reps | " min=" | toString min times
    | " mean=" | toString (sum times / #times) | " degree=" | toString first degree c#1
    | " factors=" | toString nf);
);
