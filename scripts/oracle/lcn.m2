-- lcn.m2 -- shared Macaulay2 oracle functions for the `neurovariety` crate.
--
-- Copied (project-owned) from /work/shared/oracle/kernel.m2 and critical.m2, with
-- comments and a few helpers for emitting JSON.  The mathematics is specified in
-- docs/lcn-math.md (shared copy: /work/shared/docs/lcn-math.md).
--
-- Notation: an architecture is (ks, ss) with ks = {k_1..k_L} the filter sizes and
-- ss = {s_1..s_{L-1}} the first L-1 strides (the last stride does not change the
-- end-to-end filter).  Function-space coordinates c0..c{k-1}: c_i is the
-- coefficient of x^(k-1-i) y^i of the end-to-end filter as a binary form.

-- Dilations t_1 = 1, t_{l+1} = t_l s_l, and the number of coordinates
-- k = 1 + sum_l (k_l - 1) t_l.
lcnDilations = (ks, ss) -> (
  ts := {1}; for l from 0 to #ks-2 do ts = append(ts, (last ts)*(ss#l));
  ts
);
lcnNumCoords = (ks, ss) -> (
  ts := lcnDilations(ks, ss);
  1 + sum apply(#ks, l -> (ks#l - 1)*(ts#l))
);

-- Kernel of the LCN parametrisation mu in variables c0..c{k-1} over kk
-- (= the vanishing ideal of the neurovariety, an affine cone).
-- Verbatim from /work/shared/oracle/kernel.m2.
lcnKernel = (kk, ks, ss) -> (
  L := #ks;
  ts := {1}; for l from 0 to L-2 do ts = append(ts, (last ts)*(ss#l));
  d := sum apply(L, l -> (ks#l - 1)*(ts#l));
  -- w_(l,i): coefficient i of layer l; the layer-l filter is the binary form
  -- sum_i w_(l,i) x^((k_l-1-i) t_l) y^(i t_l); P is the end-to-end form.
  W := kk[flatten apply(L, l -> apply(ks#l, i -> w_(l,i))), x, y]; use W;
  P := product apply(L, l -> sum apply(ks#l, i -> w_(l,i) * x^((ks#l-1-i)*(ts#l)) * y^(i*(ts#l))));
  cs := flatten entries last coefficients(P, Variables=>{x,y}, Monomials=>matrix{apply(d+1, i -> x^(d-i)*y^i)});
  R := kk[flatten apply(L, l -> apply(ks#l, i -> w_(l,i)))];
  toR := map(R, W, gens R | {0_R, 0_R});
  S := kk[apply(d+1, i -> value("c" | toString i))];
  ker map(R, S, apply(cs, q -> toR q))
);

-- Number of complex critical points of the squared loss ||mu(w) - u||_Q^2 in
-- parameter space, modulo layer rescaling (chart: the first coefficient of every
-- layer but the last is 1), for a random symmetric Q and random u over kk.
-- Solutions with a zero last layer are removed (saturation).
-- Returns (dimension, degree) of the critical ideal: (0, N) means N critical points.
-- Verbatim from /work/shared/oracle/critical.m2.  Uses `random`: call
-- setRandomSeed first for reproducibility.
criticalCount = (kk, ks, ss) -> (
  L := #ks;
  ts := {1}; for l from 0 to L-2 do ts = append(ts, (last ts)*(ss#l));
  d := sum apply(L, l -> (ks#l - 1)*(ts#l));
  pairs := flatten apply(L, l -> apply(ks#l, i -> (l,i)));
  freeP := select(pairs, p -> not (p#0 < L-1 and p#1 == 0));
  R := kk[z_1..z_(#freeP)];
  img := apply(pairs, p -> if member(p, freeP) then R_(position(freeP, q -> q == p)) else 1_R);
  T := R[x,y];
  layer := l -> sum apply(ks#l, i -> sub(img#(position(pairs, q -> q == (l,i))), T) * (T_0)^((ks#l-1-i)*(ts#l)) * (T_1)^(i*(ts#l)));
  P := product apply(L, layer);
  c := matrix{apply(d+1, i -> sub(coefficient((T_0)^(d-i)*(T_1)^i, P), R))};
  n := d+1;
  A := random(kk^n, kk^n); Q := A + transpose A;
  u := random(kk^1, kk^n);
  r := c - sub(u, R);
  loss := (r * sub(Q, R) * transpose r)_(0,0);
  I := ideal jacobian ideal loss;
  lastLayer := ideal apply(ks#(L-1), i -> img#(position(pairs, q -> q == (L-1,i))));
  J := saturate(I, lastLayer);
  (dim J, degree J)
);

-- ED degree of an ideal I (affine cone) for a random symmetric form Q and random
-- data u: degree of the critical ideal on the smooth part (saturated by the
-- singular locus).  Verbatim from /work/shared/oracle/critical.m2.
edDegree = (I) -> (
  S := ring I; kk := coefficientRing S; n := numgens S; c := codim I;
  J := jacobian gens I;
  A := random(kk^n, kk^n); Q := A + transpose A;
  u := random(kk^n, kk^1);
  g := Q * (transpose vars S - u);
  crit := I + minors(c+1, (transpose J) || (transpose g));
  degree saturate(crit, I + minors(c, transpose J))
);

---------------------------------------------------------------------------
-- Small helpers shared by the scripts.
---------------------------------------------------------------------------

-- "3,2" -> {3,2};  "" -> {}
parseIntList = s -> if s == "" then {} else apply(separate(",", s), value);

-- Minimal JSON emitters.  The strings we emit (polynomials, field names) never
-- contain quotes or backslashes, so no escaping is needed; we check anyway.
jsonStr = s -> (
  s = toString s;
  if match("[\"\\\\]", s) then error("unexpected character in " | s);
  "\"" | s | "\""
);
jsonList = L -> "[" | demark(", ", L) | "]";
-- object from a list of (key, already-encoded value) pairs, order preserved
jsonObj = L -> "{" | demark(", ", apply(L, p -> jsonStr(p#0) | ": " | p#1)) | "}";
jsonNum = x -> if x === null then "null" else toString x;
jsonBool = b -> if b then "true" else "false";
-- real numbers: M2 prints .5 for 0.5 and 1e-05 style exponents; make it valid JSON
jsonReal = x -> (
  s := toString x;
  if match("^\\.", s) then s = "0" | s;
  if match("^-\\.", s) then s = "-0" | substring(1, s);
  s
);
