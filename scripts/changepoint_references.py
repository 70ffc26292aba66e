#!/usr/bin/env python3
"""Reference values for the change-point tests (Tests/MetricsTests/ChangePointTests.swift).

Run from the package root, in a virtual environment with pyhomogeneity:

    python3 -m venv /tmp/venvC && /tmp/venvC/bin/pip install pyhomogeneity
    /tmp/venvC/bin/python scripts/changepoint_references.py > /tmp/changepoint_cases.swift

It prints the Swift literal of the reference cases that the test file holds. For every series it runs
pyhomogeneity 1.1 (numpy/scipy as installed; the versions are printed in the header):

* pettitt_test(x, sim=None): U (= K), cp, the means, and p = 2 exp(-6K^2/(n^3+n^2)) (the approximation);
* buishand_range_test(x, sim=SIM) and snht_test(x, sim=SIM): R or T, cp, the means, and the Monte Carlo p
  from SIM = 200,000 simulated normal series (numpy seeded with SEED below, so this script is reproducible;
  its own standard error is at most 0.5/sqrt(SIM) = 0.0011).

cp is pyhomogeneity's change point: the 1-based position in the input (missing values counted) of the last
value before the change. The series are the real Middlesbrough children-looked-after figures from
datasets/middlesbrough/children_looked_after.csv and synthetic steps drawn here from fixed seeds and rounded
to 3 decimals (the printed decimals ARE the data).
"""

from __future__ import annotations

import csv
import math
import random
import sys
from pathlib import Path

import numpy as np
import scipy
import pyhomogeneity as hg
from importlib.metadata import version

ROOT = Path(__file__).resolve().parent.parent
SIM = 200_000
SEED = 20250101


def middlesbrough(indicator: str) -> tuple[list[float], list[str]]:
    rows = []
    with open(ROOT / "datasets" / "middlesbrough" / "children_looked_after.csv", newline="") as f:
        for row in csv.DictReader(f):
            if row["area_code"] == "E06000002" and row["indicator"] == indicator:
                rows.append((row["period"], float(row["value"])))
    rows.sort()
    return [v for _, v in rows], [p for p, _ in rows]


def step(seed: int, n: int, before: int, shift: float, sd: float = 1.0, level: float = 10.0) -> list[float]:
    rng = random.Random(seed)
    return [round(level + (shift if i >= before else 0.0) + rng.gauss(0.0, sd), 3) for i in range(n)]


def cases() -> list[tuple[str, list[float], list[str] | None]]:
    cla, cla_periods = middlesbrough("children_looked_after_31_march")
    rate, rate_periods = middlesbrough("children_looked_after_rate_per_10000")
    with_gap = step(7, 24, 12, 2.5)
    with_gap[5] = math.nan
    with_gap[17] = math.nan
    ties = [float(round(v)) for v in step(11, 20, 10, 3.0, sd=1.5)]
    return [
        ("Middlesbrough children looked after at 31 March, 2016-2025", cla, cla_periods),
        ("Middlesbrough children looked after per 10,000, 2016-2025", rate, rate_periods),
        ("step of +3 sd in the middle (n = 30, after 15)", step(1, 30, 15, 3.0), None),
        ("step of -2.5 sd near the start (n = 30, after 3)", step(2, 30, 3, -2.5), None),
        ("step of +3 sd near the end (n = 30, after 27)", step(3, 30, 27, 3.0), None),
        ("step of +4 sd at the last value (n = 20, after 19)", step(4, 20, 19, 4.0), None),
        ("no step (n = 25)", step(5, 25, 25, 0.0), None),
        ("step of +2.5 sd with two missing values (n = 24, after 12)", with_gap, None),
        ("integer values with ties, step of +2 sd (n = 20, after 10)", ties, None),
    ]


def swift(x: float) -> str:
    if isinstance(x, float) and math.isnan(x):
        return ".nan"
    return repr(float(x))


def main() -> None:
    print(f"// pyhomogeneity {version('pyhomogeneity')}, numpy {np.__version__}, scipy {scipy.__version__}, "
          f"Python {sys.version.split()[0]}; Monte Carlo: {SIM} series, numpy.random.seed({SEED}) per test")
    for name, x, periods in cases():
        arr = np.asarray(x, dtype=float)
        pet = hg.pettitt_test(arr, sim=None)
        np.random.seed(SEED)
        bui = hg.buishand_range_test(arr, sim=SIM)
        np.random.seed(SEED)
        snh = hg.snht_test(arr, sim=SIM)
        print("ChangePointCase(")
        print(f"    name: {name!r},".replace("'", '"'))
        print(f"    values: [{', '.join(swift(v) for v in x)}],")
        print(f"    periods: {'nil' if periods is None else '[' + ', '.join(repr(p).replace(chr(39), chr(34)) for p in periods) + ']'},")
        for label, r, stat in (("pettitt", pet, pet.U), ("buishand", bui, bui.R), ("snht", snh, snh.T)):
            print(f"    {label}: .init(statistic: {swift(stat)}, cp: {int(r.cp)}, meanBefore: {swift(r.avg.mu1)}, "
                  f"meanAfter: {swift(r.avg.mu2)}, p: {swift(r.p)}),")
        print("),")


if __name__ == "__main__":
    main()
