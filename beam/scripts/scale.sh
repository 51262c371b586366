#!/usr/bin/env bash
# Scale runs of tsforecast-beam against tsforecast forecast on the same
# synthetic input (scripts/synth.go): wall time and peak resident memory
# (GNU time's maximum RSS) of each, and whether their forecasts agree
# after sorting by id. The pipeline runs in-process on Prism, the default.
# Opt-in (minutes to hours): bash scripts/scale.sh N MODEL [SHARDS]
#   N: number of series (50000, 500000); MODEL: snaive, hw, …
# Writes its files to ${SCALE_DIR:-/tmp/tsfbeam-scale}.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:?number of series}
model=${2:?model}
shards=${3:-8}
horizon=${HORIZON:-48}
dir=${SCALE_DIR:-/tmp/tsfbeam-scale}
mkdir -p "$dir"
in="$dir/synth-$n.csv"
[ -f "$in" ] || go run scripts/synth.go -n "$n" -len "${LEN:-120}" -out "$in"
[ -x "$dir/tsforecast-beam" ] || go build -o "$dir/tsforecast-beam" ./cmd/tsforecast-beam
[ -x "$dir/tsforecast" ] || (cd .. && go build -o "$dir/tsforecast" ./cmd/tsforecast)

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -f "cli  $n $model: %e s wall, %M KiB max RSS, %U s user" \
	"$dir/tsforecast" forecast --quiet --input "$in" --horizon "$horizon" --model "$model" --output "$dir/cli-$n-$model.csv"
echo "load between: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -f "$dir/beam-$n-$model"-*
/usr/bin/time -f "beam $n $model: %e s wall, %M KiB max RSS, %U s user" \
	"$dir/tsforecast-beam" --input "$in" --output "$dir/beam-$n-$model" --horizon "$horizon" --model "$model" --shards "$shards" 2>"$dir/beam-$n-$model.log" \
	|| { tail -5 "$dir/beam-$n-$model.log"; exit 1; }
grep "max RSS" "$dir/beam-$n-$model.log" || true
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
for f in "$dir/beam-$n-$model"-*.csv; do tail -n +2 "$f"; done | sort >"$dir/got"
tail -n +2 "$dir/cli-$n-$model.csv" | sort >"$dir/want"
if cmp -s "$dir/got" "$dir/want"; then
	echo "identical: $(wc -l <"$dir/want") rows"
else
	echo "DIFFERENT: $(diff "$dir/got" "$dir/want" | grep -c '^<') rows differ"
fi
