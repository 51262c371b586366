"""Reference forecasts for internal/linear, written with numpy from the
model as its package documentation states it (an independent
implementation of the same equations):

  z = y / s, s = mean |diff(y)|
  inputs of origin t: z[t-L+1..t] - z[t]; targets z[t+1..t+H] - z[t]
  inputs and targets centred by their means over the windows
  W = (X'X + lam * mean(diag(X'X)) I)^-1 X'Y
  forecast: (z[n-1] + (x - xbar) W + ybar) * s

Run with /usr/bin/python3 (numpy); writes ref_linear.json.
"""
import json
import numpy as np

rng = np.random.default_rng(7)
n, L, H, lam = 120, 12, 6, 0.01
t = np.arange(n)
y = 50 + 0.3 * t + 8 * np.sin(2 * np.pi * t / 12) + rng.normal(0, 1, n)

s = np.mean(np.abs(np.diff(y)))
z = y / s
X, Y = [], []
for o in range(L - 1, n - H):
    X.append(z[o - L + 1:o + 1] - z[o])
    Y.append(z[o + 1:o + 1 + H] - z[o])
X, Y = np.array(X), np.array(Y)
xm, ym = X.mean(0), Y.mean(0)
Xc, Yc = X - xm, Y - ym
A = Xc.T @ Xc
A += lam * np.mean(np.diag(A)) * np.eye(L)
W = np.linalg.solve(A, Xc.T @ Yc)
x = z[n - L:] - z[n - 1]
fc = (z[n - 1] + (x - xm) @ W + ym) * s

json.dump({"source": "numpy %s, testdata/ref_linear.py" % np.__version__,
           "y": y.tolist(), "L": L, "H": H, "lambda": lam, "forecast": fc.tolist()},
          open("ref_linear.json", "w"), indent=1)
