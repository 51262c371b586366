//go:build shared

package arima

import (
	"encoding/csv"
	"os"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// This file runs only with -tags shared and needs /work/shared/data (the
// tourism training data of the project's shared directory):
//
//	go test -tags shared -run TestTourismMonthly -v ./internal/arima/

func readWide(t testing.TB, path string) map[string][]float64 {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]float64{}
	for _, r := range recs[1:] {
		var y []float64
		for _, s := range r[1:] {
			if s == "" || s == "NA" {
				continue
			}
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatal(err)
			}
			y = append(y, v)
		}
		out[r[0]] = y
	}
	return out
}

func threadCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_THREAD, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestTourismMonthly runs Auto on every series of
// Tourism-Monthly-train.csv and reports the total and mean time, as
// thread CPU time (immune to other processes on a shared machine) and as
// wall time.
func TestTourismMonthly(t *testing.T) {
	data := readWide(t, "/work/shared/data/Tourism-Monthly-train.csv")
	var names []string
	for k := range data {
		names = append(names, k)
	}
	// Deterministic order: m1, m2, ….
	for i := range names {
		names[i] = "m" + strconv.Itoa(i+1)
	}
	orders := map[string]int{}
	var cpu, wall time.Duration
	for _, name := range names {
		y := data[name]
		w0, c0 := time.Now(), threadCPU()
		fit, err := Auto(y, nil, 12, nil)
		c1, w1 := threadCPU(), time.Now()
		cpu += c1 - c0
		wall += w1.Sub(w0)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		orders[fit.String()]++
	}
	n := time.Duration(len(names))
	t.Logf("%d series: CPU %v total, %v mean; wall %v total, %v mean", len(names), cpu, cpu/n, wall, wall/n)
	for k, v := range orders {
		if v >= 10 {
			t.Logf("%4d %s", v, k)
		}
	}
}
