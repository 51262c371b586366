package arima

import (
	"math/rand/v2"
	"testing"
)

func BenchmarkCSSKernel(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	w := make([]float64, 293)
	for i := range w {
		w[i] = rng.NormFloat64()
	}
	o := Order{P: 2, Q: 2, SP: 1, SQ: 1, Period: 12}
	phi := make([]float64, o.arLen())
	theta := make([]float64, o.maLen())
	expand(phi, theta, []float64{0.3, -0.2, 0.1, 0.2, -0.3, -0.4}, o)
	arL, maL := lags(2, 1, 12), lags(2, 1, 12)
	resid := make([]float64, len(w))
	var cw cssWork
	b.ReportAllocs()
	for b.Loop() {
		css(w, phi, theta, arL, maL, resid, &cw)
	}
}
