#!/usr/bin/env python3
"""The tidy outputs of tsforecast join their input in pandas (issue 16).

usage: cv_roundtrip.py INPUT.csv FORECAST.csv CV.csv
INPUT.csv is a long file (unique_id,ds,y); FORECAST.csv what
`tsforecast forecast --input INPUT.csv` wrote, CV.csv what
`tsforecast backtest --input INPUT.csv --cv-output CV.csv` wrote. It checks
that both use the input's id and time columns, that every backtest row
merges with the input on them and its `actual` equals the input's value,
and that the forecasts continue after each series' last timestamp.
Run with /usr/bin/python3 (Debian's python3-pandas); bench/cv_roundtrip.sh
makes the files and runs it.
"""
import sys
import pandas as pd

inp, fc, cv = (pd.read_csv(p) for p in sys.argv[1:4])
idc, tc, yc = inp.columns[:3]
for name, df in (("forecast", fc), ("cv", cv)):
    assert list(df.columns[:2]) == [idc, tc], f"{name} columns {list(df.columns[:2])}, want {[idc, tc]}"
m = cv.merge(inp, on=[idc, tc], how="left", validate="many_to_one")
assert m[yc].notna().all(), "a backtest row has no input row"
assert (abs(m["actual"] - m[yc]) <= 1e-6 * abs(m[yc]).clip(lower=1)).all(), "actual differs from the input"
last = inp.groupby(idc)[tc].max()
first = fc.groupby(idc)[tc].min()
assert (first > last.reindex(first.index)).all(), "forecasts do not start after the history"
print(f"ok: {len(cv)} backtest rows and {len(fc)} forecast rows join {len(inp)} input rows on {idc},{tc}")
