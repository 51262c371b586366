# Writes the small inputs of the tsfbeam tests from the M4 Hourly
# training file (../../shared/data/Hourly-train.csv, training part only):
#   small-wide.csv: the last 120 to 240 values of 12 series (H1-H6,
#   H200-H205), as a wide file of rows of unequal length;
#   small-long.csv: the last 96 values of H1-H4 as a long file with hourly
#   timestamps from 2020-01-01 00:00:00 (the timestamps are made up: the
#   M4 files have none).
# Run: /usr/bin/python3 make_small.py /work/shared/data/Hourly-train.csv
import csv, sys, datetime

rows = {}
with open(sys.argv[1]) as f:
    r = csv.reader(f)
    next(r)
    for rec in r:
        vals = [v for v in rec[1:] if v != ""]
        rows[rec[0]] = vals

ids = ["H%d" % i for i in list(range(1, 7)) + list(range(200, 206))]
lengths = [240, 200, 168, 120, 231, 150, 240, 199, 180, 144, 210, 125]
width = max(lengths)
with open("small-wide.csv", "w", newline="") as f:
    w = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\n")
    w.writerow(["V%d" % (i + 1) for i in range(width + 1)])
    for id_, n in zip(ids, lengths):
        vals = rows[id_][-n:]
        w.writerow([id_] + vals + [""] * (width - n))

t0 = datetime.datetime(2020, 1, 1)
with open("small-long.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["unique_id", "ds", "y"])
    for id_ in ids[:4]:
        for k, v in enumerate(rows[id_][-96:]):
            w.writerow([id_, (t0 + datetime.timedelta(hours=k)).strftime("%Y-%m-%d %H:%M:%S"), v])
