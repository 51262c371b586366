//go:build shared

package ets

import (
	"encoding/csv"
	"os"
	"sort"
	"strconv"
	"testing"
	"time"
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
