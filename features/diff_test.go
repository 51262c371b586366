package features_test

import (
	"math/rand/v2"
	"testing"

	"github.com/tsforecast/tsforecast/features"
)

func TestDiff(t *testing.T) {
	for _, test := range []struct {
		x    []float64
		lag  int
		want []float64
	}{
		{[]float64{1, 4, 9, 16}, 1, []float64{3, 5, 7}},
		{[]float64{1, 4, 9, 16, 25}, 2, []float64{8, 12, 16}},
		{[]float64{1, 4}, 2, []float64{}},
		{[]float64{1}, 3, []float64{}},
		{nil, 1, []float64{}},
	} {
		got := features.Diff(nil, test.x, test.lag)
		if !floatsEqual(got, test.want, 0) {
			t.Errorf("Diff(%v, %d) = %v, want %v", test.x, test.lag, got, test.want)
		}
	}
	// In place.
	x := []float64{1, 4, 9, 16}
	if got := features.Diff(x[:3], x, 1); !floatsEqual(got, []float64{3, 5, 7}, 0) {
		t.Errorf("Diff in place = %v, want [3 5 7]", got)
	}
}

func TestUndiff(t *testing.T) {
	// Hand check: d = [8 12 16] with init [1 4], lag 2 → [9 16 25].
	if got := features.Undiff(nil, []float64{8, 12, 16}, []float64{1, 4}, 2); !floatsEqual(got, []float64{9, 16, 25}, 0) {
		t.Errorf("Undiff([8 12 16], [1 4], 2) = %v, want [9 16 25]", got)
	}
	rng := rand.New(rand.NewPCG(1, 1))
	x := make([]float64, 100)
	for i := range x {
		x[i] = 100 + 10*rng.NormFloat64()
	}
	for _, lag := range []int{1, 2, 7, 12, 99} {
		d := features.Diff(nil, x, lag)
		back := features.Undiff(nil, d, x[:lag], lag)
		if !floatsEqual(back, x[lag:], 1e-12) {
			t.Errorf("Undiff(Diff(x, %d), x[:%d]) differs from x[%d:]", lag, lag, lag)
		}
		// Forecast use: differences of the continuation, anchored on the
		// last lag values of the history, give the continuation itself.
		hist, future := x[:80], x[80:]
		full := features.Diff(nil, x, lag)
		if len(full) < len(future) {
			continue
		}
		fd := full[len(full)-len(future):]
		got := features.Undiff(nil, fd, hist[len(hist)-lag:], lag)
		if !floatsEqual(got, future, 1e-12) {
			t.Errorf("Undiff(future diffs, last %d of history) differs from the future values", lag)
		}
	}
	// Second-order (lag 1 then seasonal lag 12) inverts step by step.
	d1 := features.Diff(nil, x, 1)
	d12 := features.Diff(nil, d1, 12)
	back1 := features.Undiff(nil, d12, d1[:12], 12)
	back := features.Undiff(nil, back1, x[12:13], 1)
	if !floatsEqual(back, x[13:], 1e-11) {
		t.Errorf("two-step Undiff does not reproduce x[13:]")
	}
	// In place on d.
	d := features.Diff(nil, x, 3)
	features.Undiff(d, d, x[:3], 3)
	if !floatsEqual(d, x[3:], 1e-12) {
		t.Errorf("Undiff in place does not reproduce x[3:]")
	}
	for _, bad := range []func(){
		func() { features.Diff(nil, x, 0) },
		func() { features.Undiff(nil, d, x[:2], 3) },
		func() { features.Undiff(nil, d, nil, 0) },
		func() { features.Diff(make([]float64, 3), x, 1) },
	} {
		if !panics(bad) {
			t.Errorf("Diff/Undiff with bad arguments did not panic")
		}
	}
}
