package ets

import (
	"fmt"
	"testing"
)

// BenchmarkFilter measures one likelihood evaluation on AirPassengers
// (n = 144) for several specs.
func BenchmarkFilter(b *testing.B) {
	y := airline(b)
	for _, name := range []string{"ANN", "AAdN", "AAA", "MAdA", "MAM"} {
		sp, _ := ParseSpec(name)
		m := 12
		if sp.Season == None {
			m = 1
		}
		var w work
		w.sp, w.m, w.y = sp, m, y
		x0, _ := initState(nil, y, sp, m)
		w.x0 = make([]float64, sp.nStates(m))
		copy(w.x0, x0)
		if sp.Season == Multiplicative {
			w.x0[len(w.x0)-1] = 1
		}
		sc := make([]float64, m)
		p := Params{Alpha: 0.3, Beta: 0.01, Gamma: 0.1, Phi: 0.95}
		b.Run(fmt.Sprintf("%s/n=%d", name, len(y)), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				filter(y, sp, m, p, w.x0, sc, nil, nil, nil)
			}
		})
	}
}
