package models

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/tsforecast/tsforecast/internal/sample"
	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/floats/scalar"
)

// TestHoltWintersGradient checks the forward-mode gradient of the
// one-step SSE against central finite differences for every model shape.
func TestHoltWintersGradient(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	const m, n = 4, 40
	y := make([]float64, n)
	for i := range y {
		y[i] = 50 + 0.5*float64(i) + 8*math.Sin(2*math.Pi*float64(i)/m) + rng.NormFloat64()
	}
	for _, test := range []struct {
		name string
		hw   HoltWinters
	}{
		{"ses", HoltWinters{Period: 1}},
		{"holt", HoltWinters{Period: 1, Trend: true}},
		{"add", HoltWinters{Period: m, Trend: true}},
		{"add-damped", HoltWinters{Period: m, Trend: true, Damped: true}},
		{"mul-damped", HoltWinters{Period: m, Trend: true, Damped: true, Seasonal: Multiplicative}},
		{"mul-notrend", HoltWinters{Period: m, Seasonal: Multiplicative}},
	} {
		hw := test.hw
		hw.y = y
		hw.m = max(1, hw.Period)
		P := pSeason + hw.m
		hw.work = make([]float64, hw.m)
		hw.gwork = make([]float64, 6*P+hw.m*P)
		// Natural parameters: α, β, γ, φ, ℓ0, b0, s0...
		theta := []float64{0.4, 0.1, 0.2, 0.9, 48, 0.4}
		for j := range hw.m {
			if hw.m == 1 {
				theta = append(theta, 0)
			} else if hw.Seasonal == Multiplicative {
				theta = append(theta, 1+0.1*math.Sin(2*math.Pi*float64(j)/m))
			} else {
				theta = append(theta, 8*math.Sin(2*math.Pi*float64(j)/m))
			}
		}
		unpack := func(th []float64) (a, b, g, f, l, bb float64, s0 []float64) {
			a, b, g, f, l, bb = th[0], th[1], th[2], th[3], th[4], th[5]
			if !hw.Trend {
				b, bb = 0, 0
			}
			if !(hw.Trend && hw.Damped) {
				f = 1
			}
			if hw.m == 1 {
				g = 0
			}
			return a, b, g, f, l, bb, th[pSeason:]
		}
		sse := func(th []float64) float64 {
			a, b, g, f, l, bb, s0 := unpack(th)
			return hw.filter(a, b, g, f, l, bb, s0, false)
		}
		got := make([]float64, P)
		a, b, g, f, l, bb, s0 := unpack(theta)
		v := hw.filterGrad(a, b, g, f, l, bb, s0, got)
		if w := sse(theta); math.Abs(v-w) > 1e-9*w {
			t.Errorf("%s: filterGrad SSE = %v, filter SSE = %v", test.name, v, w)
		}
		want := fd.Gradient(nil, sse, theta, &fd.Settings{Formula: fd.Central})
		// Parameters the model lacks have no effect: zero both.
		if !hw.Trend {
			want[pBeta], want[pTrend] = 0, 0
		}
		if !(hw.Trend && hw.Damped) {
			want[pPhi] = 0
		}
		if hw.m == 1 {
			want[pGamma], want[pSeason] = 0, 0
			got[pSeason] = 0
		}
		if !floats.EqualApprox(got, want, 1e-4*floats.Norm(want, math.Inf(1))) {
			t.Errorf("%s: gradient\n got %v\nwant %v", test.name, got, want)
		}
	}
}

// TestHoltWintersHeuristicInit compares the heuristic initial states with
// statsmodels 0.13.5 _initialization_heuristic on the first 108 months of
// airline-passengers (ExponentialSmoothing(y[:108], trend="add",
// damped_trend=True, seasonal="mul", seasonal_periods=12,
// initialization_method="heuristic")._initial_level etc.).
func TestHoltWintersHeuristicInit(t *testing.T) {
	hw := &HoltWinters{Period: 12, Trend: true, Damped: true, Seasonal: Multiplicative}
	if err := hw.check(sample.Airline(t).Head(108), 0); err != nil {
		t.Fatal(err)
	}
	wantS := []float64{0.9106345, 0.93808013, 1.05902108, 0.99623409, 0.9776627, 1.08078097,
		1.17478999, 1.17763086, 1.05783852, 0.91635054, 0.79933736, 0.91163926}
	if !scalar.EqualWithinAbsOrRel(hw.l0, 124.67777777777772, 1e-9, 1e-12) || !scalar.EqualWithinAbsOrRel(hw.b0, 1.0585858585858645, 1e-9, 1e-12) {
		t.Errorf("initial level, trend = %v, %v, want 124.6778, 1.05859", hw.l0, hw.b0)
	}
	if !floats.EqualApprox(hw.s0, wantS, 1e-8) {
		t.Errorf("initial seasons = %v, want %v", hw.s0, wantS)
	}
}
