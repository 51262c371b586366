# Independent Naive2 reference on the M4 Hourly validation split, following
# M4-methods "Benchmarks and Evaluation.R" with statsmodels 0.13.5:
# acf (adjusted=False), seasonal_decompose(model="multiplicative", period=24).
import csv, numpy as np, warnings
from statsmodels.tsa.stattools import acf
from statsmodels.tsa.seasonal import seasonal_decompose
warnings.filterwarnings("ignore")
H, M = 48, 24
rows = list(csv.reader(open("/work/shared/data/Hourly-train.csv")))[1:]
sm, ms, nseas = [], [], 0
for r in rows:
    y = np.array([float(x) for x in r[1:] if x.strip()])
    tr, te = y[:-H], y[-H:]
    n = len(tr)
    seasonal = False
    if n >= 3 * M:
        a = acf(tr, nlags=M, fft=False)
        lim = 1.645 * np.sqrt((1 + 2 * np.sum(a[1:M] ** 2)) / n)
        seasonal = abs(a[M]) > lim
    if seasonal:
        nseas += 1
        d = seasonal_decompose(tr, model="multiplicative", period=M)
        si = d.seasonal
        des = tr / si
        idx = si[n - M:]
        fc = des[-1] * np.array([idx[i % M] for i in range(H)])
    else:
        fc = np.repeat(tr[-1], H)
    sm.append(np.mean(200 * np.abs(te - fc) / (np.abs(te) + np.abs(fc))))
    ms.append(np.mean(np.abs(te - fc)) / np.mean(np.abs(tr[M:] - tr[:-M])))
print("seasonal=%d sMAPE=%.4f MASE=%.4f" % (nseas, np.mean(sm), np.mean(ms)))
