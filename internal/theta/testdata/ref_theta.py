#!/usr/bin/python3
"""Reference values for internal/theta/ref_test.go.

Run from the repository root with the Debian python3-statsmodels 0.13.5
(numpy, scipy, pandas from Debian):

    /usr/bin/python3 internal/theta/testdata/ref_theta.py

It writes two files:

- ref_theta.json for the airline passengers series
  (examples/data/airline-passengers.csv) and four series generated below
  (synthetic()), with the series themselves;
- ref_theta_tourism.json for six TRAINING series of the tourism
  competition (/work/shared/data/Tourism-*-train.csv), WITHOUT the series
  (the data may not be copied into the repository): the Go test that uses
  it (build tag shared) reads them from /work/shared/data.

Each holds:

1. "statsmodels": statsmodels 0.13.5 ThetaModel(y, period=m, ...).fit()
   for several deseasonalisation settings: the estimated alpha and b0, the
   forecasts for theta=2, the SES sum of squared errors at that alpha, and
   the deseasonalised series. The SES alpha is estimated by statsmodels'
   ExponentialSmoothing (MLE with L-BFGS on a logistic transform), so it is
   only as precise as that optimiser.

2. "forectheta": the models STM, OTM, DSTM, DOTM of Fiorucci et al. (2016)
   as computed by the R package forecTheta (function twoTL, file
   R/forecastFunctions.R of github.com/cran/forecTheta / Faluhelyi/forecTheta,
   version 2.7+), transliterated line by line below (ssm, sse). forecTheta
   optimises (ell0, alpha, theta) with R's Nelder-Mead from
   (y[1]/2, 0.5, 2) with the bounds ell0 in [-1e10, 1e10], alpha in
   [0.1, 0.99], theta in [1, 1e10] (STM/DSTM: theta in [1.99999, 2.00001],
   fixed to exactly 2 here).
   Here scipy's Nelder-Mead starts from the same point with tight
   tolerances and is restarted from its result until it stops improving,
   and L-BFGS-B runs as well; the best point is stored with its loss, its
   in-sample MSE from the fourth observation on, and its forecasts. The
   seasonal adjustment is the one of the Go package: the M4 90% test
   (|r_m| > 1.645 sqrt((1 + 2 sum_{k<m} r_k^2)/n), n >= 3m) and the
   multiplicative classical decomposition (statsmodels seasonal_decompose,
   equal to R's decompose), applied only when the test says seasonal.
"""
import csv
import json
import math
import os
import warnings

import numpy as np
import scipy
import statsmodels
from scipy.optimize import minimize
from statsmodels.tsa.forecasting.theta import ThetaModel
from statsmodels.tsa.seasonal import seasonal_decompose
from statsmodels.tsa.stattools import acf

warnings.simplefilter("ignore")

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
SHARED = "/work/shared/data"
H = {12: 18, 4: 8, 1: 6}


def airline():
    vals = []
    with open(os.path.join(ROOT, "examples", "data", "airline-passengers.csv")) as f:
        next(f)
        for line in f:
            line = line.strip()
            if line:
                vals.append(float(line.split(",")[1]))
    return vals


def tourism(kind, ident):
    with open(os.path.join(SHARED, "Tourism-%s-train.csv" % kind)) as f:
        for row in csv.reader(f):
            if row[0] == ident:
                return [float(v) for v in row[1:] if v != ""]
    raise KeyError(ident)


# ---------------------------------------------------------------- statsmodels

def ses_sse(y, alpha):
    level = y[0]
    s = 0.0
    for v in y:
        e = v - level
        s += e * e
        level += alpha * e
    return s


def statsmodels_cases(name, y, m):
    y = np.asarray(y)
    out = []
    configs = []
    if m > 1:
        configs.append(("always", dict(period=m, use_test=False), "always", False))
        configs.append(("always additive",
                        dict(period=m, use_test=False, method="additive"),
                        "always", True))
        configs.append(("never", dict(period=m, deseasonalize=False), "never", False))
    else:
        configs.append(("never", dict(period=1, deseasonalize=False), "never", False))
    for label, kw, season, additive in configs:
        mod = ThetaModel(y, **kw)
        res = mod.fit()
        alpha = float(res.params["alpha"])
        b0 = float(res.params["b0"])
        fc = np.asarray(res.forecast(H[m], theta=2))
        if season == "always":
            dec = seasonal_decompose(y, model=mod.method, period=m).seasonal
            ya = y / dec if mod.method.startswith("mul") else y - dec
        else:
            ya = y
        out.append({
            "series": name, "label": label, "period": m, "season": season,
            "additive": additive, "method": mod.method,
            "alpha": alpha, "b0": b0, "forecast": list(fc),
            "sse_at_alpha": ses_sse(ya, alpha),
        })
    return out


# ---------------------------------------------------------------- forecTheta

def m4_seasonal(y, m):
    """The M4 90% seasonality test, as features.SeasonalityTest."""
    n = len(y)
    if m <= 1 or n < 3 * m:
        return False
    r = acf(y, nlags=m, fft=False, adjusted=False)
    lim = 1.645 * math.sqrt((1 + 2 * np.sum(r[1:m] ** 2)) / n)
    return abs(r[m]) > lim


def ssm(y, par, dynamic, An, Bn, h=0):
    """forecTheta twoTL: SSM(par, computeForec), 0-based, on Python floats."""
    ell0, alpha, theta = (float(v) for v in par)
    n = len(y)
    limit = n + h
    w = 1 - 1 / theta
    mu = [0.0] * limit
    new_y = [float(v) for v in y] + [math.nan] * h
    ell = alpha * new_y[0] + (1 - alpha) * ell0
    meanY = new_y[0]
    if dynamic:
        A, B = new_y[0], 0.0
        mu[0] = new_y[0]
    else:
        A, B = An, Bn
        mu[0] = ell0 + w * (An + Bn)
    for i in range(1, limit):  # R: i in 1:(limit-1), mu[i+1]
        mu[i] = ell + w * (A * ((1 - alpha) ** i) + B * (1 - (1 - alpha) ** (i + 1)) / alpha)
        if i >= n:
            new_y[i] = mu[i]
        ell = alpha * new_y[i] + (1 - alpha) * ell
        prev = meanY
        meanY = (i * meanY + new_y[i]) / (i + 1)
        if dynamic:
            B = ((i - 1) * B + 6 * (new_y[i] - prev) / (i + 1)) / (i + 2)
            A = meanY - B * (i + 2) / 2
    return np.array(mu)


def loss(y, par, dynamic, An, Bn, lower, upper):
    """forecTheta sse without the 1/mean|y| scaling (same minimiser)."""
    if any(p < lo for p, lo in zip(par, lower)) or any(p > hi for p, hi in zip(par, upper)):
        return 1e300
    mu = ssm(y, par, dynamic, An, Bn)
    e = np.asarray(y) - mu
    if dynamic:
        e = e[2:]
    return float(np.sum(e * e))


def forectheta_cases(name, y, m):
    y = np.asarray(y, dtype=float)
    n = len(y)
    seasonal = m4_seasonal(y, m)
    ya = y
    dec = None
    if seasonal:
        kind = "multiplicative" if y.min() > 0 else "additive"
        dec = seasonal_decompose(y, model=kind, period=m).seasonal
        ya = y / dec if kind == "multiplicative" else y - dec
    t = np.arange(1, n + 1)
    Bn = 6 * (2 * np.mean(t * ya) - (1 + n) * np.mean(ya)) / (n ** 2 - 1)
    An = np.mean(ya) - (n + 1) * Bn / 2
    out = []
    for model in ["STM", "OTM", "DSTM", "DOTM"]:
        dynamic = model in ("DSTM", "DOTM")
        free_theta = model in ("OTM", "DOTM")
        # forecTheta's stm/dstm keep theta in [1.99999, 2.00001]; the
        # model has theta = 2, so it is fixed exactly here.
        lower = [-1e10, 0.1, 1.0]
        upper = [1e10, 0.99, 1e10]
        if free_theta:
            f = lambda p: loss(ya, p, dynamic, An, Bn, lower, upper)
            x0 = np.array([ya[0] / 2, 0.5, 2.0])
        else:
            f = lambda p: loss(ya, [p[0], p[1], 2.0], dynamic, An, Bn, lower, upper)
            x0 = np.array([ya[0] / 2, 0.5])
            lower, upper = lower[:2], upper[:2]
        best = (f(x0), x0)
        x = x0
        for _ in range(20):
            r = minimize(f, x, method="Nelder-Mead",
                         options=dict(xatol=1e-10, fatol=1e-12, maxiter=20000, maxfev=40000))
            if r.fun < best[0] - 1e-12 * abs(best[0]):
                best = (r.fun, r.x)
                x = r.x
            else:
                break
        r = minimize(f, best[1], method="L-BFGS-B",
                     bounds=list(zip(lower, [min(u, 1e6) for u in upper])))
        if r.fun < best[0]:
            best = (float(r.fun), r.x)
        par = [float(v) for v in best[1]]
        if not free_theta:
            par.append(2.0)
        h = H[m]
        mu = ssm(ya, par, dynamic, An, Bn, h)
        e = ya - mu[:n]
        fc = mu[n:]
        if seasonal:
            idx = [dec[(n + i) % m] for i in range(h)]
            fc = fc * idx if kind == "multiplicative" else fc + idx
        out.append({
            "series": name, "model": model, "period": m, "seasonal": bool(seasonal),
            "ell0": par[0], "alpha": par[1], "theta": par[2],
            "loss": best[0],
            "mse3": float(np.mean(e[3:] ** 2)),
            "fitted_adjusted": list(mu[:n]),
            "forecast": list(fc),
        })
    return out


def synthetic():
    """Series generated here (numpy seed 7) and stored with the results."""
    rng = np.random.default_rng(7)
    t = np.arange(96)
    pattern = np.array([0.9, 0.85, 1.0, 1.05, 1.1, 1.2, 1.3, 1.25, 1.1, 0.95, 0.8, 0.9])
    monthly = (200 + 1.5 * t) * pattern[t % 12] * np.exp(rng.normal(0, 0.03, 96))
    t = np.arange(40)
    quarterly = 50 + 0.8 * t + np.array([6, -2, -9, 5])[t % 4] + rng.normal(0, 2, 40)
    negative = quarterly - 70  # crosses zero: additive adjustment
    walk = 30 + np.cumsum(rng.normal(0.4, 2, 14))
    return [
        ("synth-monthly", [float(v) for v in monthly], 12, "generated: trend x multiplicative season x lognormal noise"),
        ("synth-quarterly", [float(v) for v in quarterly], 4, "generated: trend + additive season + noise"),
        ("synth-negative", [float(v) for v in negative], 4, "generated: synth-quarterly - 70"),
        ("synth-walk", [float(v) for v in walk], 1, "generated: random walk with drift, 14 values"),
    ]


def main():
    embedded = [("airline", airline(), 12, "examples/data/airline-passengers.csv")] + synthetic()
    # The tourism training data must not be copied into the repository
    # (see /work/shared/data/SOURCES.md): only results are stored for them,
    # in a separate file used by the tests with the build tag shared.
    tourism_series = [
        ("m1", tourism("Monthly", "m1"), 12, "Tourism-Monthly-train.csv row m1"),
        ("m200", tourism("Monthly", "m200"), 12, "Tourism-Monthly-train.csv row m200"),
        ("q1", tourism("Quarterly", "q1"), 4, "Tourism-Quarterly-train.csv row q1"),
        ("q50", tourism("Quarterly", "q50"), 4, "Tourism-Quarterly-train.csv row q50"),
        ("Y3", tourism("Yearly", "Y3"), 1, "Tourism-Yearly-train.csv row Y3"),
        ("Y1", tourism("Yearly", "Y1"), 1, "Tourism-Yearly-train.csv row Y1"),
    ]
    source = ("statsmodels %s ThetaModel; forecTheta twoTL transliterated "
              "(scipy %s optimiser); internal/theta/testdata/ref_theta.py"
              % (statsmodels.__version__, scipy.__version__))
    for fname, series, embed in [("ref_theta.json", embedded, True),
                                 ("ref_theta_tourism.json", tourism_series, False)]:
        out = {"source": source, "series": [], "statsmodels": [], "forectheta": []}
        for name, y, m, origin in series:
            entry = {"name": name, "period": m, "from": origin, "n": len(y)}
            if embed:
                entry["y"] = y
            out["series"].append(entry)
            out["statsmodels"] += statsmodels_cases(name, y, m)
            ft = forectheta_cases(name, y, m)
            if not embed:
                for c in ft:
                    del c["fitted_adjusted"]
            out["forectheta"] += ft
        with open(os.path.join(HERE, fname), "w") as f:
            json.dump(out, f, indent=None, separators=(",", ":"))
            f.write("\n")


if __name__ == "__main__":
    main()
