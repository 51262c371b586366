package seq2one

import (
	"math"
	"testing"

	"github.com/tsforecast/tsforecast/forecast"
)

// TestGlobalSourceWindows checks the window plan and the windows of the
// global model's source: targets never reach the validation tail, the
// validation window of a series targets exactly its last horizon, inputs
// and targets are taken relative to the window level, and serving a
// window does not allocate.
func TestGlobalSourceWindows(t *testing.T) {
	const m, H, W = 4, 8, 12
	var series []*forecast.Series
	for k, n := range []int{60, 30, 10} { // the last one is too short to train on
		v := make([]float64, n)
		for i := range v {
			v[i] = float64(k+1) * (10 + float64(i) + 3*float64(i%m))
		}
		series = append(series, &forecast.Series{ID: "s", Values: v})
	}
	gp := globalPipe{Season: m, Chunk: m, Steps: W / m, Horizon: H}
	src := &globalSource{gp: &gp, H: H, W: W}
	for _, s := range series {
		_, z := normalise(s, m, Off, Off)
		src.z = append(src.z, z)
		src.idx = append(src.idx, nil)
	}
	src.plan(0, 1)
	// Series 0: origins W..60−2H = 12..44 (33); series 1: min(W, 14)..14 = 12..14 (3).
	if src.nTrain != 33+3 || src.nVal != 2 {
		t.Fatalf("plan: %d training and %d validation windows, want 36 and 2", src.nTrain, src.nVal)
	}
	x := make([]float64, W)
	y := make([]float64, H)
	for i := 0; i < src.Len(); i++ {
		src.WindowTo(i, x, y)
		var level float64
		for _, v := range x[W-m:] {
			level += v
		}
		if math.Abs(level) > 1e-9 {
			t.Fatalf("window %d: last season of the inputs sums to %v, want 0 (relative to the level)", i, level)
		}
	}
	// The validation window of series 1 targets its last H values.
	src.WindowTo(src.nTrain+1, x, y)
	z := src.z[1]
	n := len(z)
	var lv float64
	for _, v := range z[n-H-m : n-H] {
		lv += v / m
	}
	for k := range y {
		if want := z[n-H+k] - lv; math.Abs(y[k]-want) > 1e-12 {
			t.Fatalf("validation target %d = %v, want %v", k, y[k], want)
		}
	}
	if a := testing.AllocsPerRun(50, func() { src.WindowTo(17, x, y) }); a != 0 {
		t.Errorf("WindowTo allocates %v times per call", a)
	}
}
