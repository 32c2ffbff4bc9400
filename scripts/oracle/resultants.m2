-- resultants.m2 -- Sylvester matrices, resultants and subresultants of generic
-- univariate polynomials, as fixtures for the crate's exact polynomial core.
--
-- Usage:  M2 --script resultants.m2 M N
-- Works in the flat ring QQ[a0..am, b0..bn, x] with
--   f = a0 x^m + a1 x^(m-1) + ... + am,   g = b0 x^n + ... + bn.
-- Prints one line "RESULT {json}".
--
-- Macaulay2 1.21 has no subresultant function (`subresultants` is an unbound
-- symbol; no installed package mentions subresultants), so the subresultants are
-- computed here from the classical definition:
--   M_j = rows x^(n-j-1) f, ..., x f, f, x^(m-j-1) g, ..., g   (m+n-2j rows)
--         in the monomial basis x^(m+n-j-1), ..., x, 1          (m+n-j columns),
--   S_j = sum_{i=0..j} det( first m+n-2j-1 columns of M_j | column of x^i ) x^i,
--   psc_j = coefficient of x^j in S_j = det(first m+n-2j columns of M_j).
-- For j = 0 the same construction is the Sylvester determinant, which we check
-- against M2's `det sylvesterMatrix` (same row/column orientation).

load (currentFileDirectory | "lcn.m2");

args := drop(scriptCommandLine, 1);

-- "probe" mode: how M2's resultant behaves on constants (degree-0 inputs), in a
-- ring QQ[a,x].  Prints "RESULT {expression: value or error message}".
if args#0 == "probe" then (
  Rp := QQ[getSymbol "a", getSymbol "x"];
  A := Rp_0; Xp := Rp_1;
  probes := {
    ("resultant(3, x^2+a, x)", () -> resultant(3_Rp, Xp^2+A, Xp)),
    ("resultant(x^2+a, 3, x)", () -> resultant(Xp^2+A, 3_Rp, Xp)),
    ("resultant(a, x^3+1, x)", () -> resultant(A, Xp^3+1, Xp)),
    ("resultant(a, 3, x)", () -> resultant(A, 3_Rp, Xp)),
    ("sylvesterMatrix(a, 3, x)", () -> sylvesterMatrix(A, 3_Rp, Xp)),
    ("sylvesterMatrix(a, x^3+1, x)", () -> sylvesterMatrix(A, Xp^3+1, Xp)),
    ("resultant(0, x^2+a, x)", () -> resultant(0_Rp, Xp^2+A, Xp)),
    ("resultant(a*x, x^2+1, x)", () -> resultant(A*Xp, Xp^2+1, Xp))
  };
  print("RESULT " | jsonObj apply(probes, p -> (p#0, jsonStr(try toString((p#1)()) else "error"))));
  exit 0;
);

m := value args#0;
n := value args#1;

-- variables named a0.., b0.., x (plain symbols, not indexed a_0)
R := QQ[apply(m+1, i -> getSymbol("a" | toString i)) | apply(n+1, i -> getSymbol("b" | toString i)) | {getSymbol "x"}];
X := R_(numgens R - 1);
f := sum apply(m+1, i -> R_i * X^(m-i));
g := sum apply(n+1, i -> R_(m+1+i) * X^(n-i));

-- row vector of coefficients of p in the basis X^(N-1), ..., X, 1
coeffRow := (p, N) -> transpose last coefficients(p, Variables => {X}, Monomials => matrix{apply(N, e -> X^(N-1-e))});

-- the matrix M_j above
subresMatrix := j -> (
  N := m + n - j;
  rows := apply(n-j, e -> coeffRow(X^(n-j-1-e) * f, N)) | apply(m-j, e -> coeffRow(X^(m-j-1-e) * g, N));
  if #rows == 0 then map(R^0, R^N, 0) else fold((A, B) -> A || B, rows)
);

-- (S_j, psc_j)
subres := j -> (
  M := subresMatrix j;
  N := m + n - j;           -- number of columns
  r := m + n - 2*j;         -- number of rows
  first1 := M_(toList(0 .. r-2));        -- first r-1 columns
  S := sum apply(j+1, i -> det(first1 | M_{N-1-i}) * X^i);
  psc := det M_(toList(0 .. r-1));
  (S, psc)
);

syl := sylvesterMatrix(f, g, X);
res := resultant(f, g, X);
detSyl := det syl;

subs := apply(toList(1 .. min(m,n)-1), j -> (
  (S, psc) := subres j;
  -- consistency: psc_j is the coefficient of x^j of S_j
  if psc != (last coefficients(S, Variables=>{X}, Monomials=>matrix{{X^j}}))_(0,0) then error "psc mismatch";
  jsonObj {("j", toString j), ("psc", jsonStr toString psc), ("polynomial", jsonStr toString S)}
));

-- S_0 from the same construction (only defined when m+n >= 1)
s0ok := if m + n >= 1 then jsonBool((first subres 0) == detSyl) else "null";

fields := {
  ("m", toString m), ("n", toString n),
  ("f", jsonStr toString f), ("g", jsonStr toString g),
  ("variables", jsonList apply(gens R, v -> jsonStr toString v)),
  ("sylvester_matrix", jsonList apply(numrows syl, i -> jsonList apply(numcols syl, j -> jsonStr toString syl_(i,j)))),
  ("resultant", jsonStr toString res),
  ("det_sylvester", jsonStr toString detSyl),
  ("resultant_equals_det_sylvester", jsonBool(res == detSyl)),
  ("subresultant_0_equals_det_sylvester", s0ok),
  ("subresultants", jsonList subs)
};
-- degree-0 check: Res(c, g) = c^n, Res(f, c) = c^m
if m == 0 then fields = append(fields, ("expected_resultant", jsonStr toString(R_0^n)));
if n == 0 then fields = append(fields, ("expected_resultant", jsonStr toString(R_(m+1)^m)));
print("RESULT " | jsonObj fields);
