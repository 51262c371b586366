#!/usr/bin/env bash
# Global-network runs: trains a small LSTM global network with
# tsforecast forecast --save on the first N series of the synthetic file
# of scale.sh (one epoch, 16 hidden units: the network's quality is not
# the point), reports what a worker holds for it (globalmem.go), and
# times tsforecast predict --model-file against tsforecast-beam
# --model-file on those N series, comparing their forecasts.
# Opt-in: bash scripts/global.sh N   (N ≤ the series of synth-50000.csv)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:?number of series}
horizon=${HORIZON:-48}
dir=${SCALE_DIR:-/tmp/tsfbeam-scale}
mkdir -p "$dir"
all="$dir/synth-50000.csv"
[ -f "$all" ] || go run scripts/synth.go -n 50000 -len "${LEN:-120}" -out "$all"
in="$dir/synth-$n.csv"
[ -f "$in" ] || head -n $((n + 1)) "$all" >"$in"
[ -x "$dir/tsforecast-beam" ] || go build -o "$dir/tsforecast-beam" ./cmd/tsforecast-beam
[ -x "$dir/tsforecast" ] || (cd .. && go build -o "$dir/tsforecast" ./cmd/tsforecast)
model="$dir/global-$n.tsf"

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -f "train $n: %e s wall, %M KiB max RSS" \
	"$dir/tsforecast" forecast --quiet --input "$in" --horizon "$horizon" --model lstm --epochs 1 --hidden 16 \
	--save "$model" --output "$dir/train-$n.csv"
go run scripts/globalmem.go "$model"
/usr/bin/time -f "predict $n: %e s wall, %M KiB max RSS" \
	"$dir/tsforecast" predict --quiet --model-file "$model" --input "$in" --horizon "$horizon" --output "$dir/predict-$n.csv"
rm -f "$dir/beamg-$n"-*
/usr/bin/time -f "beam global $n: %e s wall, %M KiB max RSS" \
	"$dir/tsforecast-beam" --input "$in" --output "$dir/beamg-$n" --horizon "$horizon" --model-file "$model" --shards 8 2>"$dir/beamg-$n.log" \
	|| { tail -5 "$dir/beamg-$n.log"; exit 1; }
grep "max RSS" "$dir/beamg-$n.log" || true
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
for f in "$dir/beamg-$n"-*.csv; do tail -n +2 "$f"; done | sort >"$dir/got"
tail -n +2 "$dir/predict-$n.csv" | sort >"$dir/want"
if cmp -s "$dir/got" "$dir/want"; then
	echo "identical to predict: $(wc -l <"$dir/want") rows"
else
	echo "DIFFERENT from predict: $(diff "$dir/got" "$dir/want" | grep -c '^<') rows differ"
fi
