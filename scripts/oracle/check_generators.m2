-- check_generators.m2 -- does an ideal produced by the crate cut out the neurovariety?
--
-- Usage:  M2 --script check_generators.m2 FILE FILTERS STRIDES
--   FILE     Macaulay2 code of exactly the form
--                R = QQ[c0..cN];
--                I = ideal(...);
--            (what the crate emits; N + 1 must be the number of coordinates k)
--   FILTERS  e.g. "3,2,2"; STRIDES e.g. "2,2" (the first L-1 strides)
--
-- Computes K = lcnKernel(ZZ/32003, FILTERS, STRIDES), maps I to ZZ/32003[c0..cN]
-- (same variable order) and prints
--   same_variety: true|false      -- minimalPrimes I == {K}  (the main answer)
--   num_generators_I: <n>         -- numgens I as given in FILE
--   num_mingens_K: <n>            -- number of minimal generators of K
--   I_contained_in_K: true|false  -- every generator of I vanishes on V
--   I_equals_K: true|false        -- (stronger) I is the whole vanishing ideal
-- Exit status 0 iff same_variety is true (2 on malformed input).
-- Working mod 32003 is a probabilistic shortcut: a "true" is correct for the
-- reduction of I mod 32003, which agrees with I over QQ for all but finitely many primes.

load (currentFileDirectory | "lcn.m2");

args := drop(scriptCommandLine, 1);
if #args != 3 then (
  stderr << "usage: M2 --script check_generators.m2 FILE FILTERS STRIDES" << endl;
  exit 2;
);
ks := parseIntList(args#1);
ss := parseIntList(args#2);

-- the kernel first (evaluating FILE then rebinds the symbols c0..cN to the crate's ring)
K := lcnKernel(ZZ/32003, ks, ss);
S := ring K;

-- FILE defines the globals R and I.  Macaulay2 1.21 cannot evaluate QQ[c0..cN]
-- ('..' only makes ranges of indexed symbols such as c_0..c_N; "c0..c6" is the
-- error "'c0' is not one of the symbols known to 'vars'"), so we expand
-- "c0..cN" into the explicit list "c0,c1,...,cN" before evaluating the text.
text := get args#0;
pos := regex("c0[[:space:]]*\\.\\.[[:space:]]*c([0-9]+)", text);
if pos =!= null then (
  N := value substring(pos#1, text);
  text = substring(0, pos#0#0, text) | demark(",", apply(N+1, i -> "c" | toString i)) | substring(pos#0#0 + pos#0#1, text);
);
value text;
Rc := value getSymbol "R";
Ic := value getSymbol "I";
if not instance(Rc, PolynomialRing) or not instance(Ic, Ideal) or ring Ic =!= Rc then (
  stderr << "FILE must define R = QQ[c0..cN] and I = ideal(...) in R" << endl;
  exit 2;
);
if numgens Rc != numgens S then (
  stderr << "FILE has " << numgens Rc << " variables, the architecture has " << numgens S << " coordinates" << endl;
  exit 2;
);
if apply(gens Rc, toString) != apply(gens S, toString) then
  stderr << "warning: variables of FILE are not named c0..c" << (numgens S - 1) << "; mapping them by position" << endl;

-- reduce I mod 32003 (variable i of R -> variable i of S)
Ip := (map(S, Rc, gens S)) Ic;

mp := minimalPrimes Ip;
same := #mp == 1 and mp#0 == K;
contained := isSubset(Ip, K);

print("same_variety: " | jsonBool same);
print("num_generators_I: " | toString numgens Ic);
print("num_mingens_K: " | toString numcols mingens K);
print("I_contained_in_K: " | jsonBool contained);
print("I_equals_K: " | jsonBool(Ip == K));
exit(if same then 0 else 1);
