#!/usr/bin/python3
"""Reference values for features/stl_test.go and features/mstl_test.go.

Run from the repository root with the Debian python3-statsmodels 0.13.5:

    /usr/bin/python3 features/testdata/ref_stl.py

It writes features/testdata/ref_stl.json. Inputs are stored in the JSON
too, so the Go tests need nothing else.

STL: statsmodels.tsa.seasonal.STL (0.13.5) on
  - airline passengers (examples/data/airline-passengers.csv, 144 monthly
    values), period 12, robust False/True, and an R-like configuration
    (seasonal degree 0, jumps ceil(len/10), 2 inner iterations) that
    exercises the interpolation code;
  - the first 24 airline values (two periods: each cycle-subseries has two
    points, shorter than the seasonal window);
  - a synthetic hourly series (14 days, period 24, trend + daily cycle +
    Gaussian noise + a few outliers, numpy seed 42), robust False/True;
  - a synthetic series with odd period 7 and explicit windows.

MSTL: statsmodels 0.13.5 has no MSTL, so mstl() below repeats the loop of
statsmodels 0.14 statsmodels/tsa/stl/mstl.py (MSTL.fit without Box-Cox),
which is the algorithm of R forecast::mstl, on top of 0.13.5's STL. The
series has periods 24 and 168 (4 weeks of hourly data) with trend and
noise; the generating components are stored as well.
"""
import json
import math
import os

import numpy as np
import statsmodels
from statsmodels.tsa.seasonal import STL

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def airline():
    vals = []
    with open(os.path.join(ROOT, "examples", "data", "airline-passengers.csv")) as f:
        next(f)
        for line in f:
            line = line.strip()
            if line:
                vals.append(float(line.split(",")[1]))
    assert len(vals) == 144
    return np.array(vals)


def stl_case(name, x, period, settings, fit_kwargs=None):
    fit_kwargs = fit_kwargs or {}
    x = rounded(x)
    res = STL(x, period=period, **settings).fit(**fit_kwargs)
    return {
        "name": name,
        "period": period,
        "settings": settings,
        "fit": fit_kwargs,
        "x": list(x),
        "trend": list(res.trend),
        "seasonal": list(res.seasonal),
        "resid": list(res.resid),
        "weights": list(res.weights),
    }


def mstl(y, periods, windows=None, iterate=2, stl_kwargs=None):
    """statsmodels 0.14 MSTL.fit (lmbda=None) on 0.13.5's STL."""
    stl_kwargs = dict(stl_kwargs or {})
    nobs = len(y)
    if windows is None:
        windows = tuple(7 + 4 * i for i in range(1, len(periods) + 1))
        periods = sorted(periods)
    else:
        periods, windows = zip(*sorted(zip(periods, windows)))
    if any(p >= nobs / 2 for p in periods):
        periods = tuple(p for p in periods if p < nobs / 2)
        windows = windows[: len(periods)]
    num_seasons = len(periods)
    iterate = 1 if num_seasons == 1 else iterate
    inner = stl_kwargs.pop("inner_iter", None)
    outer = stl_kwargs.pop("outer_iter", None)
    seasonal = np.zeros((num_seasons, nobs))
    deseas = y
    for _ in range(iterate):
        for i in range(num_seasons):
            deseas = deseas + seasonal[i]
            res = STL(deseas, period=periods[i], seasonal=windows[i],
                      **stl_kwargs).fit(inner_iter=inner, outer_iter=outer)
            seasonal[i] = res.seasonal
            deseas = deseas - seasonal[i]
    trend = res.trend
    resid = deseas - trend
    return list(periods), trend, seasonal, resid


def rounded(v):
    """Rounds floats to 13 significant digits (ample for the 1e-8 tests)."""
    if isinstance(v, dict):
        return {k: rounded(u) for k, u in v.items()}
    if isinstance(v, (list, tuple)):
        return [rounded(u) for u in v]
    if isinstance(v, np.ndarray):
        return np.array([rounded(u) for u in v])
    if isinstance(v, (float, np.floating)):
        return float("%.13g" % v)
    if isinstance(v, np.integer):
        return int(v)
    return v


def main():
    air = airline()
    cases = []
    cases.append(stl_case("airline", air, 12, {}))
    cases.append(stl_case("airline robust", air, 12, {"robust": True}))
    r_like = {"seasonal": 13, "seasonal_deg": 0, "trend_deg": 1,
              "low_pass_deg": 1, "seasonal_jump": 2, "trend_jump": 3,
              "low_pass_jump": 2}
    cases.append(stl_case("airline R-like jumps", air, 12, r_like,
                          {"inner_iter": 2, "outer_iter": 0}))
    cases.append(stl_case("airline two periods", air[:24], 12, {}))

    rng = np.random.default_rng(42)
    n = 24 * 14
    t = np.arange(n)
    hourly = (50 + 0.05 * t + 10 * np.sin(2 * np.pi * t / 24)
              + 4 * np.cos(4 * np.pi * t / 24) + rng.normal(0, 1.5, n))
    hourly[[30, 100, 101, 250]] += [25, -30, 18, 40]
    cases.append(stl_case("hourly", hourly, 24, {}))
    cases.append(stl_case("hourly robust", hourly, 24, {"robust": True}))

    n7 = 7 * 9
    t7 = np.arange(n7)
    weekly = 20 + 0.3 * t7 + 5 * np.sin(2 * np.pi * t7 / 7) + rng.normal(0, 1, n7)
    cases.append(stl_case("period 7 explicit windows", weekly, 7,
                          {"seasonal": 9, "trend": 15, "low_pass": 9,
                           "trend_deg": 0, "low_pass_deg": 0}))

    # MSTL: 4 weeks of hourly data, daily and weekly cycles.
    nm = 24 * 7 * 4
    tm = np.arange(nm)
    trend = 100 + 0.02 * tm + 3 * np.sin(2 * np.pi * tm / nm)
    daily = 8 * np.sin(2 * np.pi * tm / 24) + 3 * np.cos(2 * np.pi * tm / 12)
    weekly = 12 * np.sin(2 * np.pi * tm / 168) + 4 * np.cos(4 * np.pi * tm / 168)
    noise = rng.normal(0, 0.5, nm)
    # Rounded as stored, so that statsmodels sees the Go tests' input.
    y = rounded(trend + daily + weekly + noise)
    mcases = []
    for name, periods, kw in [
        ("daily+weekly", [168, 24], {}),
        ("daily+weekly robust", [24, 168], {"robust": True}),
        ("weekly dropped", [24, 400], {}),
    ]:
        ps, tr, se, re = mstl(y, periods, stl_kwargs=kw)
        mcases.append({
            "name": name,
            "periods_in": periods,
            "stl": kw,
            "periods": ps,
            "trend": list(tr),
            "seasonal": [list(s) for s in se],
            "resid": list(re),
        })
    out = {
        "source": "statsmodels %s STL; MSTL = statsmodels 0.14 MSTL loop on it "
                  "(features/testdata/ref_stl.py)" % statsmodels.__version__,
        "stl": cases,
        "mstl": {
            "x": list(y),
            "true_trend": list(trend),
            "true_daily": list(daily),
            "true_weekly": list(weekly),
            "cases": mcases,
        },
    }
    with open(os.path.join(HERE, "ref_stl.json"), "w") as f:
        json.dump(rounded(out), f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
