#!/usr/bin/env bash
# compare.sh: seq2one LSTM training/inference throughput against PyTorch on
# this machine, measured one after the other (issue 7).
#
# For each configuration (input/hidden/window/batch) and each of RUNS rounds
# it runs the PyTorch reference (../shared/bench/torch_lstm.py, float32,
# 2 threads, OPENBLAS_NUM_THREADS=1) and then the Go benchmarks
# BenchmarkTrain and BenchmarkPredict of package seq2one, and prints the
# median samples/s of each and the ratios Go/torch.
#
# Usage: bench/compare.sh            (RUNS=3 by default)
#        RUNS=5 bench/compare.sh
#        CONFIGS="1/64/48/64" bench/compare.sh
#        THREADS=1 bench/compare.sh   (both sides on one thread, pinned to
#                                      CPU 0 with taskset: a per-core
#                                      comparison that holds up better on a
#                                      busy machine)
#        BASE=a416cc4 bench/compare.sh (also build seq2one at that git
#                                      revision and run its benchmarks in the
#                                      same rounds: before/after side by side)
#
# Needs python3-torch (apt-get install -y python3-torch) for the reference;
# without it only the Go figures are printed. The machine should be idle:
# both sides use both cores, so other load lowers either figure.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
torch_py="$root/../shared/bench/torch_lstm.py"
RUNS="${RUNS:-3}"
THREADS="${THREADS:-2}"
CONFIGS="${CONFIGS:-1/64/48/64 1/128/168/64 16/128/168/256}"
export PATH="/usr/local/go/bin:$PATH"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$root" && go test -c -o "$tmp/seq2one.test" ./seq2one)
BASE="${BASE:-}"
if [ -n "$BASE" ]; then
  mkdir "$tmp/base"
  git -C "$root" archive "$BASE" | tar -x -C "$tmp/base"
  (cd "$tmp/base" && go test -c -o "$tmp/base.test" ./seq2one)
fi

pin=()
if [ "$THREADS" = 1 ] && command -v taskset >/dev/null; then pin=(taskset -c 0); fi

have_torch=0
if [ -f "$torch_py" ] && /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  have_torch=1
else
  echo "compare: PyTorch or $torch_py not found; printing Go figures only" >&2
fi

median() { sort -g | awk '{v[NR]=$1} END {if (NR==0) {print "nan"; exit}; if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) CPUs, $(uname -sr)"
echo "go: $(go version | cut -d' ' -f3-)  commit: $(git -C "$root" rev-parse --short HEAD)${BASE:+  base: $BASE}  torch: $( [ $have_torch = 1 ] && /usr/bin/python3 -c 'import torch; print(torch.__version__)' || echo none)  runs: $RUNS  threads: $THREADS ${pin[*]}"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '\n%-16s %12s %12s %7s %12s %12s %7s' "I/H/T/B" "torch train" "go train" "ratio" "torch infer" "go infer" "ratio"
if [ -n "$BASE" ]; then printf ' %11s %7s %11s %7s' "base train" "ratio" "base infer" "ratio"; fi
echo

for cfg in $CONFIGS; do
  IFS=/ read -r I H T B <<<"$cfg"
  # Fewer torch steps for the long windows so a round stays near a minute.
  steps=200; warm=20; gotime=3s
  if [ "$T" -gt 100 ]; then steps=30; warm=3; fi
  : >"$tmp/tt"; : >"$tmp/ti"; : >"$tmp/gt"; : >"$tmp/gi"; : >"$tmp/bt"; : >"$tmp/bi"
  for r in $(seq "$RUNS"); do
    if [ $have_torch = 1 ]; then
      OPENBLAS_NUM_THREADS=1 "${pin[@]}" /usr/bin/python3 "$torch_py" --input "$I" --hidden "$H" --window "$T" --batch "$B" \
        --threads "$THREADS" --steps "$steps" --warmup "$warm" >"$tmp/torch.json"
      /usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["train_samples_per_s"]); print(d["infer_samples_per_s"], file=sys.stderr)' \
        "$tmp/torch.json" >>"$tmp/tt" 2>>"$tmp/ti"
    fi
    pat="/I=$I\$/H=$H\$/T=$T\$/B=$B\$"
    # -test.cpu sets GOMAXPROCS, which is also the trainer's default Workers.
    "${pin[@]}" "$tmp/seq2one.test" -test.run '^$' -test.bench "^Benchmark(Train|Predict)$pat" -test.benchtime "$gotime" \
      -test.cpu "$THREADS" >"$tmp/go.txt"
    awk '/^BenchmarkTrain/ {for (i=1;i<=NF;i++) if ($(i+1)=="samples/s") print $i}' "$tmp/go.txt" >>"$tmp/gt"
    awk '/^BenchmarkPredict/ {for (i=1;i<=NF;i++) if ($(i+1)=="samples/s") print $i}' "$tmp/go.txt" >>"$tmp/gi"
    if [ -n "$BASE" ]; then
      "${pin[@]}" "$tmp/base.test" -test.run '^$' -test.bench "^Benchmark(Train|Predict)$pat" -test.benchtime "$gotime" \
        -test.cpu "$THREADS" >"$tmp/base.txt"
      awk '/^BenchmarkTrain/ {for (i=1;i<=NF;i++) if ($(i+1)=="samples/s") print $i}' "$tmp/base.txt" >>"$tmp/bt"
      awk '/^BenchmarkPredict/ {for (i=1;i<=NF;i++) if ($(i+1)=="samples/s") print $i}' "$tmp/base.txt" >>"$tmp/bi"
    fi
  done
  tt=$(median <"$tmp/tt"); ti=$(median <"$tmp/ti"); gt=$(median <"$tmp/gt"); gi=$(median <"$tmp/gi")
  rt=$(awk -v a="$gt" -v b="$tt" 'BEGIN {if (b+0 > 0) printf "%.2fx", a/b; else print "-"}')
  ri=$(awk -v a="$gi" -v b="$ti" 'BEGIN {if (b+0 > 0) printf "%.2fx", a/b; else print "-"}')
  printf '%-16s %12.0f %12.0f %7s %12.0f %12.0f %7s' "$cfg" "$tt" "$gt" "$rt" "$ti" "$gi" "$ri"
  if [ -n "$BASE" ]; then
    bt=$(median <"$tmp/bt"); bi=$(median <"$tmp/bi")
    rbt=$(awk -v a="$bt" -v b="$tt" 'BEGIN {if (b+0 > 0) printf "%.2fx", a/b; else print "-"}')
    rbi=$(awk -v a="$bi" -v b="$ti" 'BEGIN {if (b+0 > 0) printf "%.2fx", a/b; else print "-"}')
    printf ' %11.0f %7s %11.0f %7s' "$bt" "$rbt" "$bi" "$rbi"
  fi
  echo
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "samples/s are medians over $RUNS rounds; ratio = go/torch (targets: train ≥3.5x, 2.5x, 2.5x; inference ≥3x on 1/64/48/64)."
