//go:build shared

package theta

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// The tourism competition data may not be copied into the repository
// (see /work/shared/data/SOURCES.md), so this test reads the training
// series from the shared data directory and runs only with
//
//	go test -tags shared ./internal/theta/
//
// testdata/ref_theta_tourism.json holds the statsmodels and forecTheta
// results for the series m1, m200 (monthly), q1, q50 (quarterly), Y3, Y1
// (yearly) of Tourism-*-train.csv, written by testdata/ref_theta.py.

var sharedData = filepath.Join("..", "..", "..", "shared", "data")

// tourismSeries reads the series with the given id from the matching
// Tourism-*-train.csv.
func tourismSeries(t testing.TB, id string) []float64 {
	t.Helper()
	file := map[byte]string{'m': "Monthly", 'q': "Quarterly", 'Y': "Yearly"}[id[0]]
	f, err := os.Open(filepath.Join(sharedData, "Tourism-"+file+"-train.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range recs[1:] {
		if rec[0] != id {
			continue
		}
		var y []float64
		for _, v := range rec[1:] {
			if v == "" {
				break
			}
			x, err := strconv.ParseFloat(v, 64)
			if err != nil {
				t.Fatal(err)
			}
			y = append(y, x)
		}
		return y
	}
	t.Fatalf("no tourism series %q", id)
	return nil
}

func TestTourism(t *testing.T) {
	ref, err := readRef("testdata/ref_theta_tourism.json")
	if err != nil {
		t.Fatal(err)
	}
	series := func(t testing.TB, name string) []float64 {
		y := tourismSeries(t, name)
		for _, s := range ref.Series {
			if s.Name == name && s.N != len(y) {
				t.Fatalf("tourism %s: %d values, the reference used %d", name, len(y), s.N)
			}
		}
		return y
	}
	t.Run("StatsmodelsSameAlpha", func(t *testing.T) { checkStatsmodelsSameAlpha(t, ref, series) })
	t.Run("StatsmodelsEstimated", func(t *testing.T) { checkStatsmodelsEstimated(t, ref, series) })
	t.Run("ForecThetaRecursion", func(t *testing.T) { checkForecThetaRecursion(t, ref, series) })
	t.Run("ForecThetaOptimum", func(t *testing.T) { checkForecThetaOptimum(t, ref, series) })
}
