//go:build shared

package arima

import (
	"encoding/csv"
	"os"
	"runtime"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// This file runs only with -tags shared and needs /work/shared/data (the
// tourism training data of the project's shared directory):
//
//	GOMAXPROCS=1 go test -tags shared -run TestTourism -v ./internal/arima/

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

// processCPU returns the CPU time of the process, all threads (the
// garbage collector's included).
func processCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestTourismMonthly runs Auto on every series of
// Tourism-Monthly-train.csv and reports the total and mean time, as
// process CPU time (less sensitive than wall time to other processes on a
// shared machine) and as wall time. Run it with GOMAXPROCS=1 for the time
// on one core.
func TestTourismMonthly(t *testing.T) {
	runTourism(t, "/work/shared/data/Tourism-Monthly-train.csv", "m", 12)
}

// TestTourismQuarterly and TestTourismYearly check that Auto fits every
// quarterly and yearly tourism training series without error.
func TestTourismQuarterly(t *testing.T) {
	runTourism(t, "/work/shared/data/Tourism-Quarterly-train.csv", "q", 4)
}

func TestTourismYearly(t *testing.T) {
	runTourism(t, "/work/shared/data/Tourism-Yearly-train.csv", "Y", 1)
}

func runTourism(t *testing.T, path, prefix string, m int) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	data := readWide(t, path)
	var names []string
	for k := range data {
		names = append(names, k)
	}
	// Deterministic order: m1, m2, ….
	for i := range names {
		names[i] = prefix + strconv.Itoa(i+1)
	}
	orders := map[string]int{}
	var cpu, wall time.Duration
	for _, name := range names {
		y := data[name]
		w0, c0 := time.Now(), processCPU()
		fit, err := Auto(y, nil, m, nil)
		c1, w1 := processCPU(), time.Now()
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
