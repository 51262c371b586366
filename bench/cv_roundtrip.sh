#!/usr/bin/env bash
# bench/cv_roundtrip.sh: the forecast and backtest CSVs of a long file join
# the file in pandas (bench/cv_roundtrip.py). Needs Debian's python3-pandas.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A long file in statsforecast's layout: the airline passengers as two
# series, the second scaled.
in="$work/long.csv"
awk -F, 'NR == 1 { print "unique_id,ds,y"; next }
	{ gsub(/"/, ""); a[NR] = $1; b[NR] = $2 }
	END { for (i = 2; i <= NR; i++) print "air," a[i] "," b[i]; for (i = 2; i <= NR; i++) print "half," a[i] "," b[i] / 2 }' \
	examples/data/airline-passengers.csv >"$in"
go build -o "$work/tsforecast" ./cmd/tsforecast
"$work/tsforecast" forecast --input "$in" --horizon 12 --model ets --level 80 --output "$work/fc.csv" --quiet
"$work/tsforecast" backtest --input "$in" --horizon 12 --origins 3 --models ets,snaive --level 80 --cv-output "$work/cv.csv" --quiet >/dev/null
/usr/bin/python3 bench/cv_roundtrip.py "$in" "$work/fc.csv" "$work/cv.csv"
