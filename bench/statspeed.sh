#!/usr/bin/env bash
# bench/statspeed.sh: fitting and forecasting ets, theta and arima on the
# 366 monthly tourism series (validation split: the last 24 values held
# out), ours (bench/tourism, 2 cores) beside statsmodels 0.13.5
# (bench/peer_tourism.py, 2 processes) in one run; prints both and the
# ratios. Needs ../shared/data and Debian's python3-statsmodels.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${DATA:-../shared/data}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/tourism" ./bench/tourism
echo "== ours (commit $(git rev-parse --short HEAD))"
"$work/tourism" -data "$DATA" -freq monthly -models ets,theta,arima -describe "$work/desc.csv" | tee "$work/ours.txt"
echo "== statsmodels"
/usr/bin/python3 bench/peer_tourism.py "$DATA/Tourism-Monthly-train.csv" "$work/desc.csv" 2 | tee "$work/peer.txt"
echo "== wall-time ratio statsmodels / ours"
for m in ets theta arima; do
	o=$(awk -F'|' -v m="$m" '$2 ~ "^ "m" $" {gsub(/ /,"",$7); print $7}' "$work/ours.txt")
	p=$(awk -v m="$m" '$1 == m":" {sub("s","",$3); print $3}' "$work/peer.txt")
	awk -v m="$m" -v o="$o" -v p="$p" 'BEGIN { printf "%-6s ours %6.1fs  statsmodels %7.1fs  ratio %.1fx\n", m, o, p, p / o }'
done
