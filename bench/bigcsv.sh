#!/usr/bin/env bash
# bench/bigcsv.sh — memory and time of the CLI on a 1 GB single-series CSV
# (issue 15, item 6).
#
# Generates a file of ROWS minutely rows (default 34,000,000, about 1.0 GB:
# "2020-01-01 00:00:00,1234.5678") in a temporary directory, builds
# cmd/tsforecast, and prints the peak RSS and wall time (/usr/bin/time -v)
# of the loader alone (csvio.ReadFile, from a test built with -tags bigcsv)
# and of
#
#   tsforecast inspect  --input F
#   tsforecast forecast --input F --horizon 60 --model snaive --output /dev/null
#
# The temporary directory is removed on exit. Usage, from the repository:
#
#   bench/bigcsv.sh            # 34M rows
#   ROWS=1000000 bench/bigcsv.sh
#   KEEP=/path/big.csv bench/bigcsv.sh   # reuse (or keep) the generated file
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${ROWS:-34000000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [[ ! -x /usr/bin/time ]]; then
	echo "bigcsv.sh needs GNU time at /usr/bin/time (apt-get install time)" >&2
	exit 1
fi

cat >"$tmp/gen.go" <<'GO'
// gen writes n minutely rows of a deterministic seasonal series with noise.
package main

import (
	"bufio"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"time"
)

func main() {
	n, err := strconv.Atoi(os.Args[1])
	if err != nil {
		panic(err)
	}
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	defer w.Flush()
	rng := rand.New(rand.NewPCG(1, 1))
	t := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	w.WriteString("ds,y\n")
	var b []byte
	for i := range n {
		b = t.AppendFormat(b[:0], "2006-01-02 15:04:05")
		b = append(b, ',')
		v := 1000 + 300*math.Sin(2*math.Pi*float64(i%1440)/1440) + 50*rng.NormFloat64()
		b = strconv.AppendFloat(b, v, 'f', 4, 64)
		b = append(b, '\n')
		w.Write(b)
		t = t.Add(time.Minute)
	}
}
GO

file=${KEEP:-$tmp/big.csv}
if [[ ! -s $file ]]; then
	echo "generating $rows rows into $file ..."
	(cd "$tmp" && GOFLAGS= go run gen.go "$rows") >"$file"
fi
go build -o "$tmp/tsforecast" ./cmd/tsforecast
size=$(stat -c %s "$file")
echo "load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs"
echo "file: $rows rows, $size bytes ($(awk -v s="$size" 'BEGIN{printf "%.2f", s/1e9}') GB), commit $(git rev-parse --short HEAD)"

run() {
	local name=$1
	shift
	if /usr/bin/time -v -o "$tmp/time.txt" "$tmp/tsforecast" "$@" >"$tmp/out.txt" 2>"$tmp/err.txt"; then
		status=ok
	else
		status="exit $?: $(head -c 300 "$tmp/err.txt")"
	fi
	local rss wall cpu
	rss=$(awk -F': ' '/Maximum resident set size/{print $2}' "$tmp/time.txt")
	wall=$(awk -F': ' '/Elapsed \(wall clock\)/{print $2}' "$tmp/time.txt")
	cpu=$(awk -F': ' '/User time|System time/{s+=$2} END{printf "%.1fs", s}' "$tmp/time.txt")
	printf '%-9s wall %s  CPU %s  max RSS %.2f GB (%.2f x file)  %s\n' "$name" "$wall" "$cpu" \
		"$(awk -v k="$rss" 'BEGIN{print k*1024/1e9}')" "$(awk -v k="$rss" -v s="$size" 'BEGIN{print k*1024/s}')" "$status"
}

# The loader alone (csvio.ReadFile in a test binary, -tags bigcsv).
TSFORECAST_BIGCSV=$file go test -count=1 -tags bigcsv -run TestBigFile -v ./csvio | sed -n 's/.*bigfile_test.go:[0-9]*: //p'
run inspect inspect --input "$file"
run forecast forecast --input "$file" --horizon 60 --model snaive --output /dev/null
