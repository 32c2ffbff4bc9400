-- gcd.m2 -- Macaulay2 timing of gcd over ZZ[x] on the input of benches/gcd.rs.
--
-- Usage:  M2 --script gcd.m2 [REPS]
-- Reads gcd200_input.m2 (written by benches/gcd.rs, next to this script):
-- gcdA = g u, gcdB = g v of degree 200 with ~50-digit coefficients, and the
-- common factor gcdFactor = g of degree 100.
-- Prints one line
--   BENCH gcd reps=R min=<s> mean=<s> degree=<deg gcd> equals_factor=<true|false>
-- with wall-clock times from elapsedTiming (seconds); equals_factor compares
-- the gcd with +-g (the bench checks that g is primitive times the content gcd).

args := drop(scriptCommandLine, 1);
reps := if #args > 0 then value args#0 else 5;

R = ZZ[x];
load (currentFileDirectory | "gcd200_input.m2");

times := {};
d := null;
for i from 1 to reps do (
  t := elapsedTiming gcd(gcdA, gcdB);
  times = append(times, t#0);
  d = t#1;
);
print("BENCH gcd reps=" | toString reps | " min=" | toString min times
  | " mean=" | toString (sum times / #times) | " degree=" | toString first degree d
  | " equals_factor=" | toString (d == gcdFactor or d == -gcdFactor));
