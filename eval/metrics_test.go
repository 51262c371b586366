package eval_test

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

	"github.com/tsforecast/tsforecast/eval"
	"github.com/tsforecast/tsforecast/forecast"
)

func panics(f func()) (p bool) {
	defer func() { p = recover() != nil }()
	f()
	return false
}

// same reports whether got equals want within 1e-12, treating two NaNs
// and equal infinities as equal.
func same(got, want float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	if math.IsInf(want, 0) {
		return got == want
	}
	return scalar.EqualWithinAbsOrRel(got, want, 1e-12, 1e-12)
}

// Reference values below are computed by hand from the definitions.
func TestPointMetrics(t *testing.T) {
	y := []float64{1, 2, 4}
	yhat := []float64{2, 2, 1}
	// errors ŷ−y: 1, 0, −3
	for _, test := range []struct {
		name string
		f    func(y, yhat []float64) float64
		y    []float64
		yhat []float64
		want float64
	}{
		{"MAE", eval.MAE, y, yhat, 4.0 / 3},
		{"RMSE", eval.RMSE, y, yhat, math.Sqrt(10.0 / 3)},
		{"Bias", eval.Bias, y, yhat, -2.0 / 3},
		// 100/3·(1/1 + 0 + 3/4)
		{"MAPE", eval.MAPE, y, yhat, 100.0 / 3 * 1.75},
		// 1/3·(200·1/3 + 0 + 200·3/5)
		{"SMAPE", eval.SMAPE, y, yhat, (200.0/3 + 120) / 3},
		{"MAPE zero actual", eval.MAPE, []float64{0, 1}, []float64{1, 1}, math.Inf(1)},
		{"MAPE zero exact", eval.MAPE, []float64{0, 2}, []float64{0, 1}, 25},
		{"SMAPE zeros", eval.SMAPE, []float64{0, 1}, []float64{0, 3}, 50},
		{"SMAPE max", eval.SMAPE, []float64{0}, []float64{5}, 200},
		{"MAE empty", eval.MAE, nil, nil, math.NaN()},
		{"RMSE empty", eval.RMSE, nil, nil, math.NaN()},
		{"Bias empty", eval.Bias, nil, nil, math.NaN()},
		{"MAPE empty", eval.MAPE, nil, nil, math.NaN()},
		{"SMAPE empty", eval.SMAPE, nil, nil, math.NaN()},
		{"MAE NaN", eval.MAE, []float64{1, math.NaN()}, []float64{1, 1}, math.NaN()},
		{"RMSE NaN", eval.RMSE, []float64{1, math.NaN()}, []float64{1, 1}, math.NaN()},
		// The errors of y, yhat scaled by 1e300: their squares overflow,
		// the RMSE scales with them.
		{"RMSE huge", eval.RMSE, []float64{1e300, 2e300, 4e300}, []float64{2e300, 2e300, 1e300}, 1e300 * math.Sqrt(10.0/3)},
		{"RMSE infinite error", eval.RMSE, []float64{1, math.Inf(1)}, []float64{1, 1}, math.Inf(1)},
	} {
		if got := test.f(test.y, test.yhat); !same(got, test.want) {
			t.Errorf("%s(%v, %v) = %v, want %v", test.name, test.y, test.yhat, got, test.want)
		}
		if !panics(func() { test.f([]float64{1}, nil) }) {
			t.Errorf("%s did not panic on a length mismatch", test.name)
		}
	}
}

func TestMASE(t *testing.T) {
	insample := []float64{1, 3, 2, 5, 4}
	for _, test := range []struct {
		m         int
		y, yhat   []float64
		insample  []float64
		wantScale float64
		want      float64
	}{
		// m=1: |3−1|+|2−3|+|5−2|+|4−5| = 7 over 4.
		{1, []float64{6, 6}, []float64{5, 8}, insample, 7.0 / 4, 1.5 / (7.0 / 4)},
		// m=2: |2−1|+|5−3|+|4−2| = 5 over 3.
		{2, []float64{6, 6}, []float64{5, 8}, insample, 5.0 / 3, 1.5 / (5.0 / 3)},
		// Too short for m: NaN.
		{5, []float64{6}, []float64{5}, insample, math.NaN(), math.NaN()},
		// Constant history: zero scale.
		{1, []float64{6}, []float64{5}, []float64{2, 2, 2}, 0, math.Inf(1)},
		{1, []float64{6}, []float64{6}, []float64{2, 2, 2}, 0, math.NaN()},
	} {
		if got := eval.MASEScale(test.insample, test.m); !same(got, test.wantScale) {
			t.Errorf("MASEScale(%v, %d) = %v, want %v", test.insample, test.m, got, test.wantScale)
		}
		if got := eval.MASE(test.y, test.yhat, test.insample, test.m); !same(got, test.want) {
			t.Errorf("MASE(%v, %v, %v, %d) = %v, want %v", test.y, test.yhat, test.insample, test.m, got, test.want)
		}
	}
	if !panics(func() { eval.MASEScale(insample, 0) }) {
		t.Error("MASEScale with m = 0 did not panic")
	}
}

func TestOWA(t *testing.T) {
	// ½·(10/20 + 1.5/1) = 1.
	if got := eval.OWA(10, 1.5, 20, 1); !same(got, 1) {
		t.Errorf("OWA(10, 1.5, 20, 1) = %v, want 1", got)
	}
	if got := eval.OWA(14.570, 1.228, 14.570, 1.228); !same(got, 1) {
		t.Errorf("OWA of the reference against itself = %v, want 1", got)
	}
}

func TestIntervalMetrics(t *testing.T) {
	y := []float64{1, 5, 10, 3}
	lo := []float64{0, 6, 8, 3}
	hi := []float64{2, 7, 9, 4}
	// Inside: 1 in [0,2], 3 in [3,4] (bounds count): 2 of 4.
	if got := eval.Coverage(y, lo, hi); !same(got, 0.5) {
		t.Errorf("Coverage = %v, want 0.5", got)
	}
	if got := eval.MeanWidth(lo, hi); !same(got, 1.25) {
		t.Errorf("MeanWidth = %v, want 1.25", got)
	}
	// Pinball at τ=0.9 of q=lo: y−q = 1, −1, 2, 0 → 0.9, 0.1, 1.8, 0 → mean 0.7.
	if got := eval.Pinball(y, lo, 0.9); !same(got, 0.7) {
		t.Errorf("Pinball(τ=0.9) = %v, want 0.7", got)
	}
	// Pinball at 0.5 is half the MAE.
	if got, want := eval.Pinball(y, hi, 0.5), eval.MAE(y, hi)/2; !same(got, want) {
		t.Errorf("Pinball(τ=0.5) = %v, want MAE/2 = %v", got, want)
	}
	// 80 % interval: lo at τ=0.1, hi at τ=0.9.
	// lo: y−lo = 1,−1,2,0 → 0.1, 0.9, 0.2, 0 → 0.3
	// hi: y−hi = −1,−2,1,−1 → 0.1, 0.2, 0.9, 0.1 → 0.325
	if got := eval.IntervalPinball(y, lo, hi, 80); !same(got, 0.3125) {
		t.Errorf("IntervalPinball(80) = %v, want 0.3125", got)
	}
	for _, f := range []func(){
		func() { eval.Pinball(y, lo, 0) },
		func() { eval.Pinball(y, lo, 1) },
		func() { eval.IntervalPinball(y, lo, hi, 100) },
		func() { eval.Coverage(y, lo[:1], hi) },
	} {
		if !panics(f) {
			t.Error("bad interval metric arguments did not panic")
		}
	}
	if !math.IsNaN(eval.Coverage(nil, nil, nil)) || !math.IsNaN(eval.MeanWidth(nil, nil)) || !math.IsNaN(eval.Pinball(nil, nil, 0.5)) {
		t.Error("interval metrics of empty input are not NaN")
	}
}

func TestConformalRadius(t *testing.T) {
	// 4 calibration folds, 2 steps. At 60 %: rank ⌈5·0.6⌉ = 3.
	abs := [][]float64{{4, 1}, {1, 2}, {3, 3}, {2, 8}}
	got := eval.ConformalRadius(nil, abs, 60)
	want := []float64{3, 3}
	for i := range want {
		if !same(got[i], want[i]) {
			t.Errorf("ConformalRadius(60)[%d] = %v, want %v", i, got[i], want[i])
		}
	}
	// At 95 %: rank ⌈5·0.95⌉ = 5 > 4, so infinite.
	for i, v := range eval.ConformalRadius(nil, abs, 95) {
		if !math.IsInf(v, 1) {
			t.Errorf("ConformalRadius(95)[%d] = %v, want +Inf", i, v)
		}
	}
	for _, test := range []struct {
		level float64
		want  int
	}{{80, 4}, {90, 9}, {95, 19}, {50, 1}} {
		if got := forecast.MinCalibration(test.level); got != test.want {
			t.Errorf("MinCalibration(%v) = %d, want %d", test.level, got, test.want)
		}
	}
}
