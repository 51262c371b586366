//go:build shared

package ets

import (
	"encoding/csv"
	"os"
	"sort"
	"strconv"
	"testing"
	"time"

	"gonum.org/v1/gonum/floats/scalar"
)

// This file holds opt-in checks on the training series of the tourism
// competition in /work/shared/data (not copied into the repository):
//
//	go test -tags shared -run Shared -v ./internal/ets/

const sharedDir = "/work/shared/data/"

// readWide reads a wide M4-layout file: id in column 1, values after it.
func readWide(t testing.TB, name string) (ids []string, rows [][]float64) {
	t.Helper()
	fh, err := os.Open(sharedDir + name)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	r := csv.NewReader(fh)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range recs[1:] {
		var y []float64
		for _, s := range rec[1:] {
			if s == "" {
				break
			}
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatal(err)
			}
			y = append(y, v)
		}
		ids = append(ids, rec[0])
		rows = append(rows, y)
	}
	return ids, rows
}

// TestSharedTourismMonthlySelect runs Select on all 366 monthly tourism
// training series (m = 12) and logs the total time and the chosen specs.
func TestSharedTourismMonthlySelect(t *testing.T) {
	_, rows := readWide(t, "Tourism-Monthly-train.csv")
	count := map[string]int{}
	start := time.Now()
	for i, y := range rows {
		f, err := Select(y, 12, nil)
		if err != nil {
			t.Fatalf("Select(series %d) = %v", i, err)
		}
		count[f.Spec().Short()]++
	}
	el := time.Since(start)
	t.Logf("Select on %d monthly series: %v total, %v per series", len(rows), el, el/time.Duration(len(rows)))
	var names []string
	for k := range count {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		t.Logf("  %-5s %d", k, count[k])
	}
}

// TestSharedTourismRef checks the likelihood function and compares the
// optimum with statsmodels 0.13.5 ETSModel on tourism series m3, m200 and
// q10 (references in testdata/ref_ets_tourism.json, script
// testdata/ref_ets.py --tourism), as TestLogLikStatsmodels and
// TestEstimateStatsmodels do for the bundled series.
func TestSharedTourismRef(t *testing.T) {
	r := loadRef(t, "testdata/ref_ets_tourism.json")
	series := map[string][]float64{}
	for _, file := range []string{"Tourism-Monthly-train.csv", "Tourism-Quarterly-train.csv"} {
		ids, rows := readWide(t, file)
		for i, id := range ids {
			series[id] = rows[i]
		}
	}
	for _, c := range r.Cases {
		y := series[c.Series]
		f := fitFromRef(t, c, y)
		// Multiplicative seasons: statsmodels' value differs from R's
		// recursion (ours, and a numpy transcription of it) by up to 3e-4
		// relative on q10 (1e-7 on AirPassengers); the cause inside
		// statsmodels is not identified, so the check is looser there.
		tol := 1e-6
		if c.Spec[len(c.Spec)-1] == 'M' {
			tol = 1e-3
		}
		if got := smLogLik(f.LogLik(), len(y)); !scalar.EqualWithinRel(got, c.LogLike, tol) {
			t.Errorf("%s %s: loglik at statsmodels' optimum = %.10g, want %.10g", c.Series, c.Spec, got, c.LogLike)
		}
		sp, _ := ParseSpec(c.Spec)
		g, err := Estimate(y, c.M, sp, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%-5s %-5s loglik ours−statsmodels %+8.3f", c.Series, c.Spec, smLogLik(g.LogLik(), len(y))-c.LLF)
	}
}

// BenchmarkSharedTourismSelect measures Select on the first 50 monthly
// tourism training series (one op = 50 series).
func BenchmarkSharedTourismSelect(b *testing.B) {
	_, rows := readWide(b, "Tourism-Monthly-train.csv")
	rows = rows[:50]
	b.ReportAllocs()
	for b.Loop() {
		for _, y := range rows {
			if _, err := Select(y, 12, nil); err != nil {
				b.Fatal(err)
			}
		}
	}
}
