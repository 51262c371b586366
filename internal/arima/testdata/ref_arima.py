"""Reference values for the arima package tests.

Run with the system Python that has statsmodels 0.13.5:

    /usr/bin/python3 ref_arima.py   (from this directory)

It writes ref_arima.json. Every number in it comes from statsmodels:

* fixed-order fits: SARIMAX(simple_differencing=True, concentrate_scale=True)
  with the constant and the drift as exogenous columns (a regression with
  SARIMA errors, as R's arima): its MLE, the concentrated log-likelihood at
  that MLE, and sigma2 (res.scale);
* forecasts and standard errors at those parameters from
  SARIMAX(simple_differencing=False, use_exact_diffuse=True), which keeps
  the differencing in the state with an exact diffuse initialisation,
  filtered with the same parameters and sigma2. (SARIMAX's default,
  use_exact_diffuse=False, gives the differencing states a prior variance
  of 1e6 in the units of the data: for the tourism series, whose levels
  are 1e4 to 1e5, that prior is informative and moves the forecasts by up
  to 1%.);
* KPSS statistics from statsmodels.tsa.stattools.kpss(regression='c',
  nlags=trunc(3*sqrt(n)/13)), the lag truncation of forecast::ndiffs;
* STL decompositions from statsmodels.tsa.seasonal.STL with the settings
  of R's stl(x, s.window = 11) (forecast::mstl's window for one season),
  and the seasonal strength max(0, min(1, 1 - var(R)/var(R + S))) of
  forecast's seas.heuristic computed from them.
"""
import csv
import json
import math
import warnings

import numpy as np
import statsmodels
from statsmodels.tsa.seasonal import STL
from statsmodels.tsa.statespace.sarimax import SARIMAX
from statsmodels.tsa.stattools import kpss

warnings.simplefilter("ignore")


def load():
    air = [float(r[0]) for r in list(csv.reader(open("airline.csv")))[1:]]
    tour = {}
    for r in list(csv.reader(open("tourism.csv")))[1:]:
        tour.setdefault(r[0], []).append(float(r[1]))
    return air, tour


air, tour = load()
logair = list(np.log(air))
d12 = [logair[i] - logair[i - 12] for i in range(12, len(logair))]

CASES = [
    # name, series, (p,d,q), (P,D,Q,m), constant, fourier regressors
    ("airline", "logair", (0, 1, 1), (0, 1, 1, 12), False, False),
    ("ar1_mean", "d12logair", (1, 0, 0), (0, 0, 0, 0), True, False),
    ("sar_airline", "logair", (1, 1, 0), (1, 1, 0, 12), False, False),
    ("xreg_fourier", "logair", (1, 1, 1), (0, 0, 0, 0), False, True),
    ("m1_drift", "m1", (1, 0, 1), (0, 1, 1, 12), True, False),
    ("q3_drift", "q3", (1, 0, 0), (0, 1, 1, 4), True, False),
    ("y3_arma", "Y3", (1, 0, 1), (0, 0, 0, 0), True, False),
    ("drift_211", "m100", (2, 1, 1), (0, 0, 0, 0), True, False),
]
SERIES = {"logair": logair, "d12logair": d12, "m1": tour["m1"], "q3": tour["q3"], "Y3": tour["Y3"],
          "m100": tour["m100"]}
H = 24


def design(n, h, d, D, constant, fourier, m):
    cols, fut, names = [], [], []
    t = np.arange(1, n + h + 1, dtype=float)
    if constant:
        if d + D == 0:
            cols.append(np.ones(n + h)); names.append("intercept")
        else:
            cols.append(t.copy()); names.append("drift")
    if fourier:
        cols.append(np.sin(2 * np.pi * t / 12)); names.append("sin")
        cols.append(np.cos(2 * np.pi * t / 12)); names.append("cos")
    if not cols:
        return None, None, names
    X = np.column_stack(cols)
    return X[:n], X[n:], names


def fit_case(name, sname, order, sorder, constant, fourier):
    y = np.asarray(SERIES[sname], dtype=float)
    n = len(y)
    p, d, q = order
    P, D, Q, m = sorder
    X, Xf, names = design(n, H, d, D, constant, fourier, m)
    user = X[:, len(names) - 2:] if fourier else None
    userf = Xf[:, len(names) - 2:] if fourier else None
    k = 0 if X is None else X.shape[1]
    # The regression coefficients (a drift of 1e3, a mean of 5e5) are badly
    # scaled for the optimisers: fit with each regressor scaled to the spread
    # of the differenced series, keep the best of three optimisers, and map
    # the coefficients back.
    sc = np.ones(k)
    if k:
        dy = SARIMAX(y, order=(0, d, 0), seasonal_order=(0, D, 0, m),
                     simple_differencing=True).endog.ravel()
        dX = SARIMAX(X[:, 0], order=(0, d, 0), seasonal_order=(0, D, 0, m),
                     simple_differencing=True).endog.ravel()
        s0 = np.std(dX)
        sc[0] = np.std(dy) / s0 if s0 > 0 else np.std(dy)
    Xs = None if X is None else X * sc
    mods = SARIMAX(y, exog=Xs, order=order, seasonal_order=sorder, trend=None,
                   simple_differencing=True, concentrate_scale=True)
    best = None
    for meth in ("lbfgs", "bfgs", "nm"):
        r0 = mods.fit(disp=False, method=meth, maxiter=5000)
        if best is None or mods.loglike(r0.params) > mods.loglike(best.params):
            best = r0
    res = mods.fit(start_params=best.params, disp=False, method="bfgs", maxiter=5000, gtol=1e-8)
    if mods.loglike(res.params) < mods.loglike(best.params):
        res = best
    params = np.asarray(res.params, dtype=float).copy()
    params[:k] *= sc
    mod = SARIMAX(y, exog=X, order=order, seasonal_order=sorder, trend=None,
                  simple_differencing=True, concentrate_scale=True)
    llf = float(mod.loglike(params))
    scale = float(mod.filter(params).scale)
    beta = params[:k]
    arma = params[k:]
    ar, arma = arma[:p], arma[p:]
    ma, arma = arma[:q], arma[q:]
    sar, arma = arma[:P], arma[P:]
    sma = arma[:Q]
    lv = SARIMAX(y, exog=X, order=order, seasonal_order=sorder, trend=None,
                 simple_differencing=False, use_exact_diffuse=True)
    r = lv.filter(np.concatenate([params, [scale]]))
    f = r.get_forecast(H, exog=Xf)
    coef = {"ar": list(ar), "ma": list(ma), "sar": list(sar), "sma": list(sma),
            "intercept": 0.0, "drift": 0.0, "xreg": []}
    j = 0
    if constant:
        coef["intercept" if d + D == 0 else "drift"] = float(beta[0])
        j = 1
    coef["xreg"] = [float(b) for b in beta[j:]]
    return {
        "name": name, "series": sname,
        "order": [p, d, q], "seasonal": [P, D, Q, m], "constant": constant,
        "fourier": fourier,
        "coef": coef, "loglik": llf, "sigma2": scale, "nobs": int(mod.nobs),
        "converged": bool(res.mle_retvals.get("converged", True)),
        "mean": list(map(float, f.predicted_mean)), "se": list(map(float, f.se_mean)),
    }


def kpss_ref(sname, x):
    x = np.asarray(x, dtype=float)
    lags = int(math.trunc(3 * math.sqrt(len(x)) / 13))
    stat = kpss(x, regression="c", nlags=lags)[0]
    return {"series": sname, "lags": lags, "stat": float(stat)}


def nextodd(x):
    x = int(round(x))
    return x + 1 if x % 2 == 0 else x


def stl_ref(sname, x, period):
    swin = 11
    twin = nextodd(math.ceil(1.5 * period / (1 - 1.5 / swin)))
    lwin = nextodd(period)
    res = STL(np.asarray(x, dtype=float), period=period, seasonal=swin, trend=twin,
              low_pass=lwin, seasonal_deg=0, trend_deg=1, low_pass_deg=1, robust=False,
              seasonal_jump=math.ceil(swin / 10), trend_jump=math.ceil(twin / 10),
              low_pass_jump=math.ceil(lwin / 10)).fit(inner_iter=2, outer_iter=0)
    rem = np.asarray(x, dtype=float) - res.seasonal - res.trend
    strength = max(0.0, min(1.0, 1 - np.var(rem, ddof=1) / np.var(rem + res.seasonal, ddof=1)))
    return {"series": sname, "period": period, "swindow": swin, "twindow": twin, "lwindow": lwin,
            "seasonal": list(map(float, res.seasonal)), "trend": list(map(float, res.trend)),
            "strength": float(strength)}


out = {
    "statsmodels": statsmodels.__version__,
    "horizon": H,
    "fits": [fit_case(*c) for c in CASES],
    "kpss": [kpss_ref("air", air), kpss_ref("logair", logair),
             kpss_ref("dlogair", np.diff(logair)), kpss_ref("d12logair", d12),
             kpss_ref("dair", np.diff(air)),
             kpss_ref("m100", tour["m100"]), kpss_ref("dm100", np.diff(tour["m100"])),
             kpss_ref("Y3", tour["Y3"]), kpss_ref("dY3", np.diff(tour["Y3"]))],
    "stl": [stl_ref("air", air, 12), stl_ref("m1", tour["m1"], 12), stl_ref("q3", tour["q3"], 4)],
}
with open("ref_arima.json", "w") as f:
    json.dump(out, f, indent=1)
for c in out["fits"]:
    print(c["name"], c["coef"], c["loglik"], c["sigma2"], c["converged"])
for c in out["kpss"]:
    print(c)
