-- vanishing_ideal.m2 -- the vanishing ideal I(V) of one LCN neurovariety and its
-- invariants, for tests/fixtures/vanishing_ideals.json.
--
-- Usage:  M2 --script vanishing_ideal.m2 FILTERS STRIDES SEED RES_BUDGET
--   FILTERS     e.g. "3,2,2"   (k_1..k_L)
--   STRIDES     e.g. "2,2"     (s_1..s_{L-1}; "" for one layer)
--   SEED        integer: setRandomSeed(SEED) right before the random linear forms
--               of the Artinian reduction (a second reduction uses SEED+1)
--   RES_BUDGET  seconds allowed for the free resolution (pdim, regularity);
--               over budget -> those are not computed (alarm + try)
-- Prints one line "RESULT {json}" (vanishing_ideals.py adds filters/strides/status).
--
-- Everything is over ZZ/32003.  K = lcnKernel(ZZ/32003, ...) is the kernel of the
-- parametrisation (= I(V) mod 32003).  Keys:
--   seconds            elapsedTiming of the `ker` computation alone (lcnKernel)
--   variables          k = number of coordinates c0..c{k-1}
--   dim, degree        Krull dimension and degree (multiplicity) of S/K
--   mingens_by_degree  degree -> number of minimal generators (mingens K)
--   generators         toString of flatten entries mingens K; M2 prints ZZ/32003
--                      coefficients in the symmetric range -16001..16001
--   hilbert_function   dim (S/K)_d for d = 0..D, D = (max generator degree) + 3
--                      (D = 3 when K = 0)
--   artinian_length    dim S/(K + (l_1..l_n)), n = dim, l_i = random(1, S) after
--                      setRandomSeed(SEED)
--   artinian_hilbert_function  its Hilbert function, degrees 0.. until it is 0
--   cohen_macaulay     artinian_length == degree (lcn-math.md 4b: then S/K is CM;
--                      for generic l, length == degree iff CM)
--   cm_check           how cohen_macaulay was decided / confirmed (see below)
--   h_vector           coefficients of the numerator of reduceHilbert hilbertSeries K
--                      (the denominator is checked to be (1-T)^dim)
--   regularity         reg(S/K) (Castelnuovo-Mumford) = regularity comodule K from
--                      a free resolution; if the resolution is over budget and
--                      S/K is CM, deg h_vector (reg = a-invariant + dim for CM rings);
--                      else null
--   regularity_from    "resolution", "h_vector (CM)" or null
--   note               only when a cross-check fails (never expected)

load (currentFileDirectory | "lcn.m2");

args := drop(scriptCommandLine, 1);
ks := parseIntList(args#0);
ss := parseIntList(args#1);
seed := value(args#2);
resBudget := value(args#3);
kk := ZZ/32003;

t := elapsedTiming (K := lcnKernel(kk, ks, ss));
secs := t#0;
S := ring K;
notes := {};

gs := flatten entries mingens K;
n := dim K;
delta := degree K;
codimK := codim K;
if not isHomogeneous K then notes = append(notes, "kernel not homogeneous");

degs := tally apply(gs, g -> first degree g);
degObj := jsonObj apply(sort keys degs, e -> (toString e, toString degs#e));
maxDeg := if #gs == 0 then 0 else max keys degs;
D := maxDeg + 3;
hf := apply(D + 1, d -> hilbertFunction(d, K));

-- Artinian reduction by n random linear forms
artinian := s -> (
  setRandomSeed s;
  ls := apply(n, i -> random(1, S));
  A := K + ideal ls;
  if dim A != 0 then error "linear forms are not a system of parameters";
  h := {}; d := 0;
  while (v := hilbertFunction(d, A); v != 0) do (h = append(h, v); d = d + 1);
  if degree A != sum h then error "Artinian length != sum of its Hilbert function";
  (sum h, h)
);
(alen, ahf) := artinian seed;
(alen2, ahf2) := artinian(seed + 1);
if alen2 != alen then notes = append(notes, "Artinian length with seed " | toString(seed + 1) | " is " | toString alen2);
cm := alen == delta;

-- Hilbert series numerator
hs := reduceHilbert hilbertSeries K;
num := numerator hs;
den := value denominator hs;
T := (ring num)_0;
if den != (1 - T)^n then notes = append(notes, "reduced Hilbert series denominator is " | toString den);
hvec := apply((first degree num) + 1, i -> coefficient(T^i, num));
if sum hvec != delta then notes = append(notes, "h(1) != degree");

-- resolution (pdim, regularity) within the budget
resOk := false; pd := null; reg := null;
try (
  alarm resBudget;
  C := res comodule K;
  pd = length C;
  reg = regularity C;
  alarm 0;
  resOk = true;
) else (alarm 0);

cmCheck := "";
regFrom := null;
if resOk then (
  cmRes := pd == codimK;  -- Auslander-Buchsbaum: depth = k - pdim; CM iff pdim == codim
  cmCheck = "artinian_length vs degree, confirmed by pdim (Auslander-Buchsbaum): pdim = " | toString pd | ", codim = " | toString codimK;
  if cmRes != cm then notes = append(notes, "CM by pdim (" | toString cmRes | ") != CM by Artinian length (" | toString cm | ")");
  regFrom = "resolution";
  if cm and reg != #hvec - 1 then notes = append(notes, "CM but regularity " | toString reg | " != deg h " | toString(#hvec - 1));
) else (
  cmCheck = "artinian_length vs degree only (free resolution over the " | toString resBudget | " s budget)";
  if cm then (reg = #hvec - 1; regFrom = "h_vector (CM)");
);

fields := {
  ("seconds", jsonReal secs),
  ("variables", jsonNum numgens S),
  ("dim", jsonNum n),
  ("degree", jsonNum delta),
  ("mingens_by_degree", degObj),
  ("generators", jsonList apply(gs, g -> jsonStr toString g)),
  ("hilbert_function", jsonList apply(hf, toString)),
  ("artinian_length", jsonNum alen),
  ("artinian_hilbert_function", jsonList apply(ahf, toString)),
  ("cohen_macaulay", jsonBool cm),
  ("cm_check", jsonStr cmCheck),
  ("h_vector", jsonList apply(hvec, toString)),
  ("regularity", jsonNum reg),
  ("regularity_from", if regFrom === null then "null" else jsonStr regFrom)
};
if #notes > 0 then fields = append(fields, ("note", jsonStr demark("; ", notes)));
print("RESULT " | jsonObj fields);
