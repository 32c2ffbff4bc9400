#!/usr/bin/env python3
"""Print the table of I(V) for docs/mathematics.md, section 5.

Rows: every architecture of tests/fixtures/vanishing_ideals.json that Macaulay2
finished (its numbers: minimal generators per degree, Hilbert series numerator,
Cohen-Macaulay, regularity), plus the crate's own results given as JSON files
of `lcn --ideal --json` (arguments: FILTERS/STRIDES=PATH, e.g.
4,4,4/2,2=/tmp/r.json), marked as not finished by Macaulay2.

Usage: scripts/docs/ideal_table.py [F/S=lcn.json ...] > table.md
"""
import json
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
fixture = os.path.join(here, "..", "..", "tests", "fixtures", "vanishing_ideals.json")


def degrees(gens):
    return ", ".join(f"{c}x{d}" for d, c in sorted(gens.items(), key=lambda x: int(x[0])))


def numerator(h):
    return "(" + ", ".join(str(c) for c in h) + ")"


def arch(f, s):
    return "(" + ",".join(map(str, f)) + ")/(" + ",".join(map(str, s)) + ")"


print("| architecture | k | dim | deg | minimal generators (count x degree) | HS numerator | CM | reg | checked by |")
print("|---|---|---|---|---|---|---|---|---|")
rows = []
for e in json.load(open(fixture))["architectures"]:
    if e["status"] != "ok":
        continue
    cm = "yes" if e["cohen_macaulay"] else "no"
    reg = e["regularity"] if e["regularity"] is not None else "?"
    how = "M2 `ker`, res" if e.get("regularity_from") == "resolution" else "M2 `ker`"
    rows.append((e["variables"], arch(e["filters"], e["strides"]), e["dim"], e["degree"],
                 degrees(e["mingens_by_degree"]) or "none", numerator(e["h_vector"]), cm, reg, how))
for a in sys.argv[1:]:
    name, path = a.split("=", 1)
    f, s = name.split("/")
    report = json.load(open(path))
    i, nv = report["ideal"], report["neurovariety"]
    cm = {True: "yes", False: "no", None: "?"}[i.get("cohen_macaulay")]
    reg = i.get("regularity")
    how = f"crate: {i['certified_by']}; M2 `ker` > 600 s" if i["certified"] else "crate: undecided"
    rows.append((nv["ambient_dimension"], "(" + f + ")/(" + s + ")", nv["dimension"], nv["degree"],
                 ", ".join(f"{c}x{d}" for d, c in sorted(i["degrees"].items(), key=lambda x: int(x[0]))),
                 numerator(i["hilbert_numerator"] or []), cm, reg if reg is not None else "?", how))
for r in sorted(rows, key=lambda r: (r[0] if isinstance(r[0], int) else 99, r[1])):
    print("| " + " | ".join(str(x) for x in r[1:2] + r[0:1] + r[2:]) + " |")
