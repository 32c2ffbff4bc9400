-- factorizations.m2 -- reference factorizations over QQ (Macaulay2's factor,
-- i.e. Singular's factory) for tests/fixtures/factorizations.json.
--
-- Usage:  M2 --script scripts/oracle/factorizations.m2 > tests/fixtures/factorizations.json
-- The polynomials are chosen to have many more factors modulo primes than over Q
-- (so the crate recombines them by lattice reduction): polynomials in x^2, x^3,
-- x^4, x^6, cyclotomic products, Swinnerton-Dyer polynomials and their shifts,
-- and seeded random products. Output: a JSON array of objects
--   {"name": ..., "coefficients": [ascending integers as strings],
--    "unit": "<integer>", "factors": [{"coefficients": [...], "multiplicity": e}, ...]}
-- where unit * prod factor^e is the polynomial and every factor is primitive
-- with positive leading coefficient (M2's answer normalised).

R = ZZ[x,y];
S = ZZ[z];
toS = map(S, R, {z, 0_S});
sd = k -> (
  f := x;
  for q in take({2, 3, 5, 7, 11, 13}, k) do f = resultant(sub(f, {x => x - y}), y^2 - q, y);
  toS f
);
shift = (f, a) -> sub(f, {z => z + a});
setRandomSeed 20261128;
rnd = d -> (
  g := sum(0..d, i -> (random(-9, 9)) * z^i);
  if leadCoefficient g == 0 or g == 0 then g = g + z^d;
  g
);
polys = {
  ("sd3_times_shifted_sd3", sd 3 * shift(sd 3, 1)),
  ("sd4", sd 4),
  ("sd3_sd2_shifts", sd 3 * shift(sd 2, 2) * shift(sd 2, -3)),
  ("cyclotomic_x60_minus_1", z^60 - 1),
  ("x48_plus_1_times_x24_minus_1", (z^48 + 1) * (z^24 - 1)),
  ("product_x4_minus_p", product({2, 3, 5, 7, 11, 13}, p -> z^4 - p)),
  ("product_x6_minus_p_squares", (z^6 - 4) * (z^6 - 9) * (z^6 - 2) * (z^6 + 3)),
  ("two_x2_minus_3_to_x4", sub(2*z^2 - 3, {z => z^4}) * sub(5*z^2 + 7, {z => z^4})),
  ("square_free_part_with_powers", (z^2 - 2)^3 * (z^4 + 1)^2 * (z^3 - 3)),
  ("leading_coefficient_12", (12*z^8 - 7) * (3*z^4 + 2) * (z^6 - 5))
};
for i from 1 to 8 do (
  parts := apply(2 + i % 3, j -> sub(rnd(1 + (i + j) % 4), {z => z^(1 + (i * j) % 4)}));
  polys = append(polys, ("random_" | toString i, product parts));
);
json = s -> "\"" | s | "\"";
coeffs = f -> "[" | demark(", ", apply(first degree f + 1, i -> json toString coefficient(z^i, f))) | "]";
out = {};
for c in polys do (
  f := c#1;
  fac := toList factor f;
  unit := 1;
  items := {};
  for p in fac do (
    g := p#0; e := p#1;
    if first degree g == 0 then (unit = unit * (leadCoefficient g)^e; continue);
    ct := gcd apply(flatten entries (coefficients g)#1, a -> lift(a, ZZ));
    g = g // ct; unit = unit * ct^e;
    if leadCoefficient g < 0 then (g = -g; unit = unit * (-1)^e);
    items = append(items, "{\"coefficients\": " | coeffs g | ", \"multiplicity\": " | toString e | "}");
  );
  out = append(out, "  {\"name\": " | json(c#0) | ", \"coefficients\": " | coeffs f
    | ", \"unit\": " | json toString unit | ",\n   \"factors\": [" | demark(", ", items) | "]}");
);
print("[\n" | demark(",\n", out) | "\n]");
