#!/usr/bin/python3
"""Reference values for package ets from statsmodels 0.13.5 ETSModel.

Run with the system Python that has statsmodels 0.13.5 (python3-statsmodels):

    /usr/bin/python3 testdata/ref_ets.py            # writes testdata/ref_ets.json
    /usr/bin/python3 testdata/ref_ets.py --tourism  # also testdata/ref_ets_tourism.json
    /usr/bin/python3 testdata/ref_ets.py --tourism-monthly  # only testdata/ref_ets_tourism_monthly.json.gz

For every series and ETS spec the script fits ETSModel (maximum likelihood,
initialization_method="estimated", L-BFGS-B, statsmodels' default bounds) and
records the fitted smoothing parameters, the estimated initial states (in the
R/ets layout: level, trend, s[0..m-1] with s[m-1] used for the first fitted
value), the log-likelihood at those values (ETSResults.llf and, recomputed,
ETSModel.loglike), the mean squared residual (ETSResults.mse), point forecasts,
the forecast variances (closed form or simulated) and 80%/95% prediction
intervals: exact ("exact" method, statsmodels' closed
forms of Hyndman et al. 2008 Table 6.1) for the linear homoscedastic models,
simulated (20000 repetitions, random_state=0) for the others.

Series (see SOURCES.md):
  airline   AirPassengers, monthly 1949-1960 (airline-passengers.csv), m=12
  synth_q   synthetic quarterly series, m=4, generated below (numpy seed 20240)
  synth_n   synthetic non-seasonal series, generated below (numpy seed 20241)
The --tourism option fits two training series of the tourism competition read
from /work/shared/data (their values are not written, only the references).
The --tourism-monthly option fits the 15 specs to every one of the 366 monthly
tourism training series and writes, compactly and gzipped, only the optimum of
each fit: llf, smoothing parameters and initial states (12 significant digits).

Note: for multiplicative seasons statsmodels 0.13.5 updates the seasonal state
as s_t = s_{t-m} + gamma*(y_t - yhat_t)/l_t, with the new level l_t, where R's
ets (and package ets) uses s_{t-m} + gamma*(y_t/q_t - s_{t-m}), q_t =
l_{t-1} + phi*b_{t-1}; its llf for those specs is of a slightly different
recursion, so the Go tests also evaluate R's likelihood at statsmodels' point.
"""
import csv
import json
import sys
import warnings

import numpy as np
import pandas as pd
import statsmodels
from statsmodels.tsa.exponential_smoothing.ets import ETSModel

warnings.simplefilter("ignore")

SPECS = ["ANN", "AAN", "AAdN", "ANA", "AAA", "AAdA",
         "MNN", "MAN", "MAdN", "MNA", "MAA", "MAdA", "MNM", "MAM", "MAdM"]
CLASS1 = {"ANN", "AAN", "AAdN", "ANA", "AAA", "AAdA"}
COMP = {"N": None, "A": "add", "M": "mul"}


def parse(spec):
    e, rest = spec[0], spec[1:]
    damped = rest.startswith("Ad")
    t = rest[0]
    s = rest[-1]
    return e, t, damped, s


def synth_q():
    # ETS(M,A,M)-like quarterly series, 80 values.
    rng = np.random.default_rng(20240)
    m, n = 4, 80
    lvl, b = 100.0, 1.0
    s = [1.2, 0.9, 0.8, 1.1]
    y = []
    for t in range(n):
        si = s[t % m]
        f = (lvl + b) * si
        e = rng.normal(0, 0.03)
        yt = f * (1 + e)
        lvl, b = (lvl + b) * (1 + 0.3 * e), b + 0.02 * (lvl + b) * e
        s[t % m] = si * (1 + 0.1 * e)
        y.append(yt)
    return np.array(y)


def synth_n():
    # Damped-trend-like non-seasonal series, 100 values.
    rng = np.random.default_rng(20241)
    n = 100
    lvl, b, phi = 50.0, 0.8, 0.95
    y = []
    for t in range(n):
        f = lvl + phi * b
        e = rng.normal(0, 1.5)
        y.append(f + e)
        lvl, b = f + 0.5 * e, phi * b + 0.1 * e
    return np.array(y)


def fit_case(name, y, m, spec, h):
    e, t, damped, s = parse(spec)
    if s != "N" and m <= 1:
        return None
    mod = ETSModel(pd.Series(y), error=COMP[e], trend=COMP[t], damped_trend=damped,
                   seasonal=COMP[s], seasonal_periods=(m if s != "N" else None))
    res = mod.fit(disp=False, maxiter=10000)
    d = dict(zip(mod.param_names, res.params))
    init = [d["initial_level"]]
    if t != "N":
        init.append(d["initial_trend"])
    if s != "N":
        init += [d["initial_seasonal.%d" % j] for j in range(m)]
    fc = np.asarray(res.forecast(h))
    out = {
        "series": name, "spec": spec, "m": m if s != "N" else 1,
        "alpha": d["smoothing_level"],
        "beta": d.get("smoothing_trend", 0.0),
        "gamma": d.get("smoothing_seasonal", 0.0),
        "phi": d.get("damping_trend", 1.0),
        "init": init,
        "llf": float(res.llf),
        "loglike": float(mod.loglike(res.params)),
        "mse": float(res.mse),
        "forecast": fc.tolist(),
        "converged": bool(res.mle_retvals.get("converged", True)),
    }
    for level in (80, 95):
        alpha = 1 - level / 100
        if spec in CLASS1:
            pr = res.get_prediction(start=len(y), end=len(y) + h - 1)
        else:
            pr = res.get_prediction(start=len(y), end=len(y) + h - 1,
                                    method="simulated",
                                    simulate_repetitions=20000,
                                    random_state=0)
        sf = pr.summary_frame(alpha=alpha)
        out["lo%d" % level] = np.asarray(sf["pi_lower"]).tolist()
        out["hi%d" % level] = np.asarray(sf["pi_upper"]).tolist()
        out["pi_method"] = pr.method
        out["var"] = np.asarray(pr.forecast_variance).tolist()
    return out


def run(series, path):
    cases = []
    for name, (y, m) in series.items():
        h = 2 * m if m > 1 else 10
        for spec in SPECS:
            c = fit_case(name, y, m, spec, h)
            if c is not None:
                cases.append(c)
                print(name, spec, c["llf"], file=sys.stderr)
    doc = {
        "source": "statsmodels %s ETSModel (script testdata/ref_ets.py)" % statsmodels.__version__,
        "numpy": np.__version__,
        "cases": cases,
    }
    return doc


def tourism_monthly():
    import gzip
    rows = []
    with open("/work/shared/data/Tourism-Monthly-train.csv") as f:
        rd = csv.reader(f)
        next(rd)
        for r in rd:
            rows.append((r[0], np.array([float(v) for v in r[1:] if v != ""])))
    g = lambda v: float("%.12g" % v)
    cases = []
    for sid, y in rows:
        for spec in SPECS:
            e, t, damped, s = parse(spec)
            if "M" in spec and np.min(y) <= 0:
                continue  # multiplicative components need positive data
            mod = ETSModel(pd.Series(y), error=COMP[e], trend=COMP[t], damped_trend=damped,
                           seasonal=COMP[s], seasonal_periods=(12 if s != "N" else None))
            try:
                res = mod.fit(disp=False, maxiter=10000)
            except Exception as err:  # recorded, not hidden
                cases.append({"series": sid, "spec": spec, "error": str(err)})
                continue
            d = dict(zip(mod.param_names, res.params))
            init = [d["initial_level"]]
            if t != "N":
                init.append(d["initial_trend"])
            if s != "N":
                init += [d["initial_seasonal.%d" % j] for j in range(12)]
            cases.append({"series": sid, "spec": spec, "m": 12 if s != "N" else 1,
                          "alpha": g(d["smoothing_level"]),
                          "beta": g(d.get("smoothing_trend", 0.0)),
                          "gamma": g(d.get("smoothing_seasonal", 0.0)),
                          "phi": g(d.get("damping_trend", 1.0)),
                          "init": [g(v) for v in init],
                          "llf": float(res.llf)})
        print(sid, file=sys.stderr)
    doc = {
        "source": "statsmodels %s ETSModel (script testdata/ref_ets.py --tourism-monthly)" % statsmodels.__version__,
        "numpy": np.__version__,
        "note": ("optima of the 15 specs on the 366 monthly tourism training series "
                 "(/work/shared/data/Tourism-Monthly-train.csv, not copied here)"),
        "cases": cases,
    }
    text = json.dumps(doc, separators=(",", ":")).replace('},{', '},\n{')
    # mtime=0 keeps the file byte-identical between runs.
    with open("testdata/ref_ets_tourism_monthly.json.gz", "wb") as raw:
        with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as f:
            f.write(text.encode())


def main():
    if "--tourism-monthly" in sys.argv:
        tourism_monthly()
        return
    air = pd.read_csv("testdata/airline-passengers.csv")["Passengers"].to_numpy(float)
    series = {"airline": (air, 12), "synth_q": (synth_q(), 4), "synth_n": (synth_n(), 1)}
    doc = run(series, "testdata/ref_ets.json")
    doc["series"] = {k: {"m": m, "y": y.tolist()} for k, (y, m) in series.items()
                     if k != "airline"}
    with open("testdata/ref_ets.json", "w") as f:
        json.dump(doc, f, indent=1)
    if "--tourism" in sys.argv:
        rows = {}
        for fname, ids, m in (("Tourism-Monthly-train.csv", ("m3", "m200"), 12),
                              ("Tourism-Quarterly-train.csv", ("q10",), 4)):
            with open("/work/shared/data/" + fname) as f:
                for r in csv.reader(f):
                    if r[0] in ids:
                        rows[r[0]] = (np.array([float(v) for v in r[1:] if v != ""]), m)
        doc = run(rows, "testdata/ref_ets_tourism.json")
        doc["note"] = ("series values are read from /work/shared/data by the "
                       "shared-tagged test; they are not copied here")
        with open("testdata/ref_ets_tourism.json", "w") as f:
            json.dump(doc, f, indent=1)


if __name__ == "__main__":
    main()
