package arima

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestObjectivesDoNotAllocate proves that evaluating the exact likelihood
// and the conditional sum of squares reuses the fitter's buffers.
func TestObjectivesDoNotAllocate(t *testing.T) {
	y := testSeries(t, "m100")
	o := Order{P: 2, Q: 1, SP: 1, SQ: 1, SD: 1, Period: 12, Constant: true}
	var f fitter
	pr := newProblem(y, nil, o)
	f.prepare(pr, false)
	par := []float64{0.3, -0.1, -0.5, 0.2, -0.4, 10}
	f.mlValue(par, true)
	f.cssValue(par)
	if a := testing.AllocsPerRun(100, func() { f.mlValue(par, true) }); a != 0 {
		t.Errorf("mlValue allocates %v times per call", a)
	}
	if a := testing.AllocsPerRun(100, func() { f.cssValue(par) }); a != 0 {
		t.Errorf("cssValue allocates %v times per call", a)
	}
}

// BenchmarkLogLik evaluates the exact log-likelihood (setup of P₀ and the
// Chandrasekhar recursions) for models of growing state dimension on 300
// observations.
func BenchmarkLogLik(b *testing.B) {
	for _, o := range []Order{
		{P: 1, Q: 1},
		{P: 2, Q: 2, SP: 1, SQ: 1, Period: 4},
		{Q: 1, SQ: 1, Period: 12},
		{P: 2, Q: 2, SP: 1, SQ: 1, Period: 12},
		{P: 5, Q: 5, SP: 2, SQ: 2, Period: 12},
	} {
		b.Run(o.core(), func(b *testing.B) {
			rng := rand.New(rand.NewPCG(1, 1))
			phi, theta := randomModel(rng, o, false)
			y := simulateARMA(rng, phi, theta, 300)
			var s arma
			b.ReportAllocs()
			for b.Loop() {
				s.setup(phi, theta)
				s.loglik(y)
			}
		})
	}
}

// BenchmarkKalman is the ordinary Kalman filter (R's ARIMA_Like) on the
// same models, for comparison with BenchmarkLogLik.
func BenchmarkKalman(b *testing.B) {
	for _, o := range []Order{
		{P: 1, Q: 1},
		{P: 2, Q: 2, SP: 1, SQ: 1, Period: 4},
		{Q: 1, SQ: 1, Period: 12},
		{P: 2, Q: 2, SP: 1, SQ: 1, Period: 12},
		{P: 5, Q: 5, SP: 2, SQ: 2, Period: 12},
	} {
		b.Run(o.core(), func(b *testing.B) {
			rng := rand.New(rand.NewPCG(1, 1))
			phi, theta := randomModel(rng, o, false)
			y := simulateARMA(rng, phi, theta, 300)
			resid := make([]float64, len(y))
			var s arma
			s.setup(phi, theta)
			s.filter(y, resid)
			b.ReportAllocs()
			for b.Loop() {
				s.setup(phi, theta)
				s.filter(y, resid)
			}
		})
	}
}

// BenchmarkCSS evaluates the conditional sum of squares on 300
// observations.
func BenchmarkCSS(b *testing.B) {
	for _, o := range []Order{
		{P: 1, Q: 1},
		{P: 2, Q: 2, SP: 1, SQ: 1, Period: 12},
		{P: 5, Q: 5, SP: 2, SQ: 2, Period: 12},
	} {
		b.Run(o.core(), func(b *testing.B) {
			rng := rand.New(rand.NewPCG(1, 1))
			phi, theta := randomModel(rng, o, false)
			w := simulateARMA(rng, phi, theta, 300)
			resid := make([]float64, len(w))
			var cw cssWork
			arL, maL := lags(o.P, o.SP, o.period()), lags(o.Q, o.SQ, o.period())
			b.ReportAllocs()
			for b.Loop() {
				css(w, phi, theta, arL, maL, resid, &cw)
			}
		})
	}
}

// BenchmarkEstimate fits the airline model to the log airline data.
func BenchmarkEstimate(b *testing.B) {
	y := testSeries(b, "logair")
	o := Order{Q: 1, D: 1, SQ: 1, SD: 1, Period: 12}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Estimate(y, nil, o, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAuto runs the automatic selection on the test series: the
// airline data (144 values, no approximation), the tourism series m1
// (163, approximated), m100 (306, approximated) and q3 (80, quarterly).
func BenchmarkAuto(b *testing.B) {
	for _, c := range []struct {
		name string
		m    int
	}{{"air", 12}, {"m1", 12}, {"m100", 12}, {"q3", 4}} {
		y := testSeries(b, c.name)
		b.Run(fmt.Sprintf("%s/n=%d", c.name, len(y)), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Auto(y, nil, c.m, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
