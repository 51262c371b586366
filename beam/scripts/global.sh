#!/usr/bin/env bash
# Global-network runs: trains a small LSTM global network with
# tsforecast forecast --save on N sample series (scripts/synth.go with
# seed 2, ids renamed T1…TN; one epoch, 16 hidden units: the network's
# quality is not the point), reports what a worker holds for it
# (globalmem.go, which also writes the weights-only file), then forecasts
# the M series of synth-M.csv (seed 1, ids S1…SM), none of which the
# network saw, with tsforecast predict --model-file and with
# tsforecast-beam --model-file (the full file, then the weights-only
# one), timing each and comparing their forecasts.
# Opt-in: bash scripts/global.sh N [M]   (M defaults to 50000; the
# binaries are rebuilt, a trained model in SCALE_DIR is reused)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:?number of training series}
m=${2:-50000}
horizon=${HORIZON:-48}
dir=${SCALE_DIR:-/tmp/tsfbeam-scale}
mkdir -p "$dir" "$dir/weights"
in="$dir/synth-$m.csv"
[ -f "$in" ] || go run scripts/synth.go -n "$m" -len "${LEN:-120}" -out "$in"
sample="$dir/sample-$n.csv"
if [ ! -f "$sample" ]; then
	go run scripts/synth.go -n "$n" -len "${LEN:-120}" -seed 2 -out "$sample.tmp"
	sed '2,$ s/^S/T/' "$sample.tmp" >"$sample"
	rm "$sample.tmp"
fi
go build -o "$dir/tsforecast-beam" ./cmd/tsforecast-beam
(cd .. && go build -o "$dir/tsforecast" ./cmd/tsforecast)
model="$dir/global-$n.tsf"

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
[ -f "$model" ] || /usr/bin/time -f "train on $n: %e s wall, %M KiB max RSS" \
	"$dir/tsforecast" forecast --quiet --input "$sample" --horizon "$horizon" --model lstm --epochs 1 --hidden 16 \
	--save "$model" --output "$dir/train-$n.csv"
go run scripts/globalmem.go -weights "$dir/weights" "$model"
/usr/bin/time -f "predict $m unseen: %e s wall, %M KiB max RSS, %U s user" \
	"$dir/tsforecast" predict --quiet --model-file "$model" --input "$in" --horizon "$horizon" --output "$dir/predict-$n-$m.csv"
tail -n +2 "$dir/predict-$n-$m.csv" | sort >"$dir/want"
for file in "$model" "$dir/weights/global-$n.tsf"; do
	kind=full
	[ "$file" = "$model" ] || kind=weights
	out="$dir/beamg-$n-$m-$kind"
	rm -f "$out"-*
	/usr/bin/time -f "beam $m unseen, $kind file of $n series: %e s wall, %M KiB max RSS, %U s user" \
		"$dir/tsforecast-beam" --input "$in" --output "$out" --horizon "$horizon" --model-file "$file" --shards 8 2>"$out.log" \
		|| { tail -5 "$out.log"; exit 1; }
	grep "max RSS" "$out.log" || true
	for f in "$out"-*.csv; do tail -n +2 "$f"; done | sort >"$dir/got"
	if cmp -s "$dir/got" "$dir/want"; then
		echo "$kind: identical to predict: $(wc -l <"$dir/want") rows"
	else
		echo "$kind: DIFFERENT from predict: $(diff "$dir/got" "$dir/want" | grep -c '^<') rows differ"
	fi
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
