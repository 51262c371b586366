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
// m = 12, 15 candidates) with each optimiser.
func BenchmarkSelect(b *testing.B) {
	y := airline(b)
	for _, o := range []struct {
		name string
		opt  Optimizer
	}{{"MultiStart", MultiStart}, {"NelderMead", NelderMead}} {
		b.Run(o.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Select(y, 12, &Settings{Optimizer: o.opt}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkEstimate measures one fixed-spec fit on AirPassengers with
// each optimiser.
func BenchmarkEstimate(b *testing.B) {
	y := airline(b)
	for _, o := range []struct {
		name string
		opt  Optimizer
	}{{"MultiStart", MultiStart}, {"NelderMead", NelderMead}} {
		for _, name := range []string{"ANN", "AAdN", "MAM", "MAdM"} {
			sp, _ := ParseSpec(name)
			b.Run(o.name+"/"+name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := Estimate(y, 12, sp, &Settings{Optimizer: o.opt}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
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

// BenchmarkLikGrad measures one likelihood-and-gradient evaluation on
// AirPassengers (n = 144).
func BenchmarkLikGrad(b *testing.B) {
	y := airline(b)
	for _, name := range []string{"ANN", "AAdN", "AAA", "MAdA", "MAdM"} {
		sp, _ := ParseSpec(name)
		m := 12
		if sp.Season == None {
			m = 1
		}
		var w work
		if err := w.setup(y, m, sp); err != nil {
			b.Fatal(err)
		}
		par := make([]float64, sp.nFree(m))
		w.startPoint(par, 0.3, w.init)
		p, _ := w.unpack(par)
		g := make([]float64, len(par))
		b.Run(fmt.Sprintf("%s/n=%d", name, len(y)), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				w.likGrad(p, g)
			}
		})
	}
}

// BenchmarkLikJac measures one evaluation of the likelihood, its gradient
// and the Gauss–Newton matrix on AirPassengers (n = 144).
func BenchmarkLikJac(b *testing.B) {
	y := airline(b)
	for _, name := range []string{"ANN", "AAdN", "AAA", "MAdA", "MAdM"} {
		sp, _ := ParseSpec(name)
		m := 12
		if sp.Season == None {
			m = 1
		}
		var w work
		if err := w.setup(y, m, sp); err != nil {
			b.Fatal(err)
		}
		par := make([]float64, sp.nFree(m))
		w.startPoint(par, 0.3, w.init)
		p, _ := w.unpack(par)
		g := make([]float64, len(par))
		h := make([]float64, len(par)*len(par))
		b.Run(fmt.Sprintf("%s/n=%d", name, len(y)), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				w.likJac(p, g, h)
			}
		})
	}
}

// TestGradNoAlloc proves that the gradient and Jacobian passes and a
// Levenberg–Marquardt search do not allocate once the buffers of work
// have grown.
func TestGradNoAlloc(t *testing.T) {
	y := airline(t)
	sp, _ := ParseSpec("MAdM")
	var w work
	if err := w.setup(y, 12, sp); err != nil {
		t.Fatal(err)
	}
	np := sp.nFree(12)
	par := make([]float64, np)
	w.startPoint(par, 0.3, w.init)
	p, _ := w.unpack(par)
	g := make([]float64, np)
	h := make([]float64, np*np)
	w.likJac(p, g, h) // grow the buffers
	if a := testing.AllocsPerRun(20, func() { w.likGrad(p, g) }); a != 0 {
		t.Errorf("likGrad allocates %v times per run, want 0", a)
	}
	if a := testing.AllocsPerRun(20, func() { w.likJac(p, g, h) }); a != 0 {
		t.Errorf("likJac allocates %v times per run, want 0", a)
	}
	x := make([]float64, np)
	f0 := w.objective(par)
	w.levMar(append(x[:0], par...), f0, 5, lmTol)
	if a := testing.AllocsPerRun(5, func() {
		copy(x, par)
		w.levMar(x, f0, 5, lmTol)
	}); a != 0 {
		t.Errorf("levMar allocates %v times per run, want 0", a)
	}
}
