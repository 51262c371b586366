#!/usr/bin/env bash
# bench/m4hourly.sh: the M4 Hourly benchmark of issue 8.
#
# Splits ../shared/data/Hourly-train.csv (414 series) into a training file
# without the last 48 values of each series and a test file with them, runs
# the CLI's default command
#
#   tsforecast forecast --input train.csv --horizon 48 --output fc.csv
#
# (built binary, timed), and scores it with package eval (mean sMAPE and
# MASE with m = 24 over the series) beside seasonal naive and additive
# Holt-Winters from eval on the same split.
#
# Environment:
#   SPLIT=val   score the 48 values before the last 48 instead (the
#               validation split used for tuning; the real hold-out is
#               never used for choosing settings)
#   SEED=n      --seed of the forecast command (default: the CLI default)
#   ARGS="..."  extra flags for the forecast command (e.g. --local)
#   DATA=path   the M4 wide file (default ../shared/data/Hourly-train.csv)
#   ENGINE=lib  fit seq2one.Global through the library (bench/m4hourly lib)
#               instead of running the CLI
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${DATA:-../shared/data/Hourly-train.csv}
SPLIT=${SPLIT:-test}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

drop=0
[ "$SPLIT" = val ] && drop=48
go build -o "$work/tsforecast" ./cmd/tsforecast
go build -o "$work/m4hourly" ./bench/m4hourly
"$work/m4hourly" split -in "$DATA" -dir "$work" -drop "$drop"

if [ "${ENGINE:-cli}" = lib ]; then
	"$work/m4hourly" lib -dir "$work" -seed "${SEED:-1}" -baselines
	exit
fi
args=(forecast --input "$work/train.csv" --horizon 48 --output "$work/fc.csv")
[ -n "${SEED:-}" ] && args+=(--seed "$SEED")
# shellcheck disable=SC2206
[ -n "${ARGS:-}" ] && args+=($ARGS)
if [ "$drop" = 0 ]; then
	echo "split: test (the last 48 values of each series held out and scored); $(nproc) cores"
else
	echo "split: val (the last 96 values of each series held out, the first 48 of them scored); $(nproc) cores"
fi
echo "command: tsforecast ${args[*]}" | sed "s#$work/##g"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
start=$EPOCHREALTIME
timer=()
# CPU time as well as wall time: load on shared cores inflates wall time
# but not the CPU the command used.
[ -x /usr/bin/time ] && timer=(/usr/bin/time -f "%U %S" -o "$work/cpu")
"${timer[@]}" "$work/tsforecast" "${args[@]}" 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
end=$EPOCHREALTIME
wall=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1fs wall", b - a }')
if [ -s "$work/cpu" ]; then
	wall="$wall, $(awk '{ printf "%.1fs CPU", $1 + $2 }' "$work/cpu")"
fi
"$work/m4hourly" score -dir "$work" -fc "$work/fc.csv" -wall "$wall"
