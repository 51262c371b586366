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

// BenchmarkSelect measures automatic selection on AirPassengers (n = 144,
// m = 12, 15 candidates).
func BenchmarkSelect(b *testing.B) {
	y := airline(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Select(y, 12, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEstimate measures one fixed-spec fit on AirPassengers.
func BenchmarkEstimate(b *testing.B) {
	y := airline(b)
	for _, name := range []string{"ANN", "AAdN", "MAM"} {
		sp, _ := ParseSpec(name)
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Estimate(y, 12, sp, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestFilterNoAlloc proves that the likelihood recursion does not allocate.
func TestFilterNoAlloc(t *testing.T) {
	y := airline(t)
	sp, _ := ParseSpec("MAdM")
	x0 := make([]float64, sp.nStates(12))
	x0[0], x0[1] = 100, 1
	for i := 2; i < len(x0); i++ {
		x0[i] = 1
	}
	sc := make([]float64, 12)
	p := Params{Alpha: 0.3, Beta: 0.01, Gamma: 0.1, Phi: 0.95}
	if a := testing.AllocsPerRun(100, func() { filter(y, sp, 12, p, x0, sc, nil, nil, nil) }); a != 0 {
		t.Errorf("filter allocates %v times per run, want 0", a)
	}
}
