package main

import (
	"path/filepath"
	"testing"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/floats/scalar"

	"github.com/tsforecast/tsforecast/internal/sample"
)

// TestSplitScore splits the M4 Hourly excerpt as bench/m4hourly.sh splits
// the whole file, reads the halves back and scores the test half against
// itself (sMAPE and MASE 0) and against the last training value.
func TestSplitScore(t *testing.T) {
	dir := t.TempDir()
	if err := split([]string{"-in", sample.M4HourlySamplePath, "-dir", dir, "-h", "48", "-drop", "48"}); err != nil {
		t.Fatal(err)
	}
	train, test, err := load(dir)
	if err != nil {
		t.Fatal(err)
	}
	full := sample.M4HourlySample(t)
	if len(train) != len(full) || len(test) != len(full) {
		t.Fatalf("split gave %d train and %d test series, want %d", len(train), len(test), len(full))
	}
	for i, s := range full {
		n := len(s.Values) - 48
		if !floats.Equal(train[i].Values, s.Values[:n-48]) || !floats.Equal(test[i].Values, s.Values[n-48:n]) {
			t.Fatalf("series %s: split does not cut at %d and %d", s.ID, n-48, n)
		}
	}
	fc := make([][]float64, len(test))
	for i := range test {
		fc[i] = test[i].Values
	}
	if smape, mase := scores(train, test, fc); smape != 0 || mase != 0 {
		t.Errorf("scores of perfect forecasts = %v, %v, want 0, 0", smape, mase)
	}
	// One series, forecast flat at its last training value: sMAPE and
	// MASE by their M4 definitions, computed here directly.
	tr, te := train[:1], test[:1]
	last := tr[0].Values[len(tr[0].Values)-1]
	flat := make([]float64, 48)
	var smapeWant, absErr, scale float64
	for k, y := range te[0].Values {
		flat[k] = last
		absErr += abs(y - last)
		smapeWant += 200 * abs(y-last) / (abs(y) + abs(last)) / 48
	}
	x := tr[0].Values
	for j := 24; j < len(x); j++ {
		scale += abs(x[j] - x[j-24])
	}
	scale /= float64(len(x) - 24)
	smape, mase := scores(tr, te, [][]float64{flat})
	if !scalar.EqualWithinAbsOrRel(smape, smapeWant, 1e-12, 1e-12) || !scalar.EqualWithinAbsOrRel(mase, absErr/48/scale, 1e-12, 1e-12) {
		t.Errorf("scores = %v, %v, want %v, %v", smape, mase, smapeWant, absErr/48/scale)
	}
	if _, err := readForecasts(filepath.Join(dir, "missing.csv"), train, 48); err == nil {
		t.Error("readForecasts of a missing file did not fail")
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
