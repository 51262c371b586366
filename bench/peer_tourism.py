#!/usr/bin/env python3
"""statsmodels 0.13.5 on the tourism monthly validation split, for the speed
ratio of issue 12 (bench/statspeed.sh runs it beside bench/tourism).

For each of the 366 series of Tourism-Monthly-train.csv without its last 24
values it fits, with WORKERS processes (default 2):
  ets    every ETSModel spec forecast::ets would try (error A/M, trend N/A/Ad,
         season N/A/M, no A error with an M season, M parts only for positive
         data) and keeps the lowest AICc -- the work of our automatic ETS;
  theta  ThetaModel(period=12) -- one fit, as our AutoTheta's four are cheap;
  arima  statsmodels ARIMA with the order our auto.arima search chose for the
         series (read from the CSV bench/tourism -describe wrote) -- ONE fit,
         while ours searches up to 94 orders, so this favours statsmodels.
It prints the wall time of each and the mean sMAPE/MASE of the forecasts.

usage: peer_tourism.py TRAIN.csv DESCRIBE.csv [WORKERS]
Run with /usr/bin/python3 (Debian's python3-statsmodels).
"""
import csv, re, sys, time, warnings
from multiprocessing import Pool
import numpy as np
# statsmodels sets its ConvergenceWarning to "always" when imported, so the
# filter goes after the imports (workers are forked with it).
from statsmodels.tsa.exponential_smoothing.ets import ETSModel
from statsmodels.tsa.forecasting.theta import ThetaModel
from statsmodels.tsa.arima.model import ARIMA

warnings.simplefilter("ignore")
H, M = 24, 12


def load(path):
    rows = list(csv.reader(open(path, newline="")))[1:]
    out = []
    for r in rows:
        v = np.array([float(x) for x in r[1:] if x != ""])
        out.append((r[0], v))
    return out


def scores(y, f, train):
    smape = np.mean(200 * np.abs(y - f) / (np.abs(y) + np.abs(f)))
    scale = np.mean(np.abs(train[M:] - train[:-M])) if len(train) > M else np.mean(np.abs(np.diff(train)))
    return smape, np.mean(np.abs(y - f)) / scale


def ets(args):
    y = args
    pos = np.all(y > 0)
    best, fc = np.inf, None
    for err in ("add", "mul"):
        for trend, damped in ((None, False), ("add", False), ("add", True)):
            for seas in (None, "add", "mul"):
                if not pos and (err == "mul" or seas == "mul"):
                    continue
                if err == "add" and seas == "mul":
                    continue
                if seas is not None and len(y) <= M:
                    continue
                try:
                    r = ETSModel(y, error=err, trend=trend, damped_trend=damped, seasonal=seas,
                                 seasonal_periods=M if seas else None).fit(disp=False)
                except Exception:
                    continue
                if np.isfinite(r.aicc) and r.aicc < best:
                    best, fc = r.aicc, r.forecast(H)
    return np.asarray(fc)


def theta(y):
    return np.asarray(ThetaModel(y, period=M).fit().forecast(H))


ORDER = re.compile(r"ARIMA\((\d+),(\d+),(\d+)\)(?:\((\d+),(\d+),(\d+)\)\[(\d+)\])?")


def arima(args):
    y, desc = args
    mo = ORDER.search(desc)
    p, d, q = (int(mo.group(i)) for i in (1, 2, 3))
    P, D, Q, m = (int(mo.group(i)) if mo.group(i) else 0 for i in (4, 5, 6, 7))
    trend = "n"
    if "drift" in desc:
        trend = "t"
    elif "non-zero mean" in desc:
        trend = "c"
    try:
        r = ARIMA(y, order=(p, d, q), seasonal_order=(P, D, Q, m) if m else (0, 0, 0, 0), trend=trend).fit()
        return np.asarray(r.forecast(H))
    except Exception:
        return np.repeat(y[-1], H)


def main():
    train_path, desc_path = sys.argv[1], sys.argv[2]
    workers = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    series = [(i, v[:-H], v[-H:]) for i, v in load(train_path) if len(v) > H]
    desc = {r["id"]: r["fitted"] for r in csv.DictReader(open(desc_path)) if r["model"] == "arima" and r["freq"] == "monthly"}
    print(f"statsmodels {__import__('statsmodels').__version__}, {len(series)} series, {workers} processes")
    with Pool(workers) as pool:
        for name, fn, args in (
            ("ets", ets, [tr for _, tr, _ in series]),
            ("theta", theta, [tr for _, tr, _ in series]),
            ("arima", arima, [(tr, desc[i]) for i, tr, _ in series]),
        ):
            t0 = time.time()
            fcs = pool.map(fn, args)
            wall = time.time() - t0
            sc = np.array([scores(te, f, tr) for (_, tr, te), f in zip(series, fcs)])
            print(f"{name}: wall {wall:.1f}s  sMAPE {sc[:, 0].mean():.3f}  MASE {sc[:, 1].mean():.3f}")


if __name__ == "__main__":
    main()
