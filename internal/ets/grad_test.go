package ets

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// allSpecs lists the 15 supported specs.
var allSpecs = []string{"ANN", "AAN", "AAdN", "ANA", "AAA", "AAdA",
	"MNN", "MAN", "MAdN", "MNA", "MAA", "MAdA", "MNM", "MAM", "MAdM"}

// gradPoints returns interior points of the Nelder–Mead vector of w for
// the gradient checks: R's start and a start at α = 0.5 with every state
// perturbed, both inside the bounds and the admissible region.
func gradPoints(w *work) [][]float64 {
	np := w.sp.nFree(w.m)
	var out [][]float64
	for i, a := range []float64{0.2, 0.5} {
		par := make([]float64, np)
		w.startPoint(par, a, w.init)
		ns := w.sp.nSmoothing()
		for j := ns; j < np; j++ {
			par[j] *= 1 + 0.01*float64((j+i)%5-2)
		}
		if w.sp.Damped {
			par[ns-1] = 0.9
		}
		if _, ok := w.unpack(par); ok {
			out = append(out, par)
		}
	}
	return out
}

// TestLikGradFD checks the forward-mode gradient of the likelihood
// (likGrad, chained to the Nelder–Mead vector) against central finite
// differences of the objective (gonum diff/fd) for the 15 specs on
// AirPassengers (m = 12) and the synthetic quarterly series of
// testdata/ref_ets.json (m = 4), at two interior points each. The
// tolerance, 1e-5 relative to the gradient's largest component, is well
// above the finite-difference error (step 1e-5 on an objective of order
// 1e3 computed to ~1e-13) and far below any real mistake.
func TestLikGradFD(t *testing.T) {
	r := loadRef(t, "testdata/ref_ets.json")
	series := []struct {
		name string
		y    []float64
		m    int
	}{
		{"airline", airline(t), 12},
		{"synth_q", r.Series["synth_q"].Y, 4},
	}
	for _, s := range series {
		for _, name := range allSpecs {
			sp, _ := ParseSpec(name)
			m := s.m
			if sp.Season == None {
				m = 1
			}
			var w work
			if err := w.setup(s.y, m, sp); err != nil {
				t.Fatal(err)
			}
			pts := gradPoints(&w)
			if len(pts) == 0 {
				t.Fatalf("%s %s: no admissible test point", s.name, name)
			}
			for _, par := range pts {
				np := len(par)
				prm, _ := w.unpack(par)
				gnat := make([]float64, np)
				lik := w.likGrad(prm, gnat)
				if want := w.objective(par); lik != want {
					t.Errorf("%s %s: likGrad value %v, filter %v", s.name, name, lik, want)
				}
				got := make([]float64, np)
				ns := sp.nSmoothing()
				for j := range got {
					got[j] = gnat[j]
					if j >= ns {
						got[j] *= w.stateScale(j - ns)
					}
				}
				want := fd.Gradient(nil, func(x []float64) float64 {
					return w.objective(x)
				}, par, &fd.Settings{Formula: fd.Central, Step: 1e-5})
				tol := 1e-5 * floats.Norm(want, math.Inf(1))
				maxd := 0.0
				for j := range got {
					maxd = math.Max(maxd, math.Abs(got[j]-want[j]))
				}
				t.Logf("%s %-5s max |gradient − fd| %.3g, largest component %.3g", s.name, name, maxd, floats.Norm(want, math.Inf(1)))
				for j := range got {
					if math.Abs(got[j]-want[j]) > tol {
						t.Errorf("%s %s at %.4g: gradient[%d] = %.8g, finite differences %.8g", s.name, name, par, j, got[j], want[j])
					}
				}
			}
		}
	}
}

// residualsTo writes to r the residuals whose sum of squares gives lik
// (lik = n·log Σr²): r_t = e_t·G with G the geometric mean of |ŷ_t| for
// multiplicative errors, r_t = e_t for additive ones, at the Nelder–Mead
// vector par.
func residualsTo(r []float64, w *work, par []float64) {
	p, ok := w.unpack(par)
	if !ok {
		panic("point outside the region")
	}
	fit := make([]float64, len(w.y))
	filter(w.y, w.sp, w.m, p, w.x0, w.sc, r, fit, nil)
	if w.sp.Error == Multiplicative {
		s := 0.0
		for _, f := range fit {
			s += math.Log(math.Abs(f))
		}
		g := math.Exp(s / float64(len(fit)))
		for i := range r {
			r[i] *= g
		}
	}
}

// TestLikJacFD checks the Gauss–Newton matrix of likJac, (2n/Σr²)·JᵀJ with
// J the Jacobian of the residuals r of residualsTo, against the same
// matrix from a central finite-difference Jacobian (gonum fd.Jacobian), in
// the Nelder–Mead vector's units, for the 15 specs on AirPassengers and
// the synthetic quarterly series. Tolerance: 1e-5 of the largest entry.
func TestLikJacFD(t *testing.T) {
	r := loadRef(t, "testdata/ref_ets.json")
	for _, s := range []struct {
		y []float64
		m int
	}{{airline(t), 12}, {r.Series["synth_q"].Y, 4}} {
		for _, name := range allSpecs {
			sp, _ := ParseSpec(name)
			m := s.m
			if sp.Season == None {
				m = 1
			}
			var w work
			if err := w.setup(s.y, m, sp); err != nil {
				t.Fatal(err)
			}
			for _, par := range gradPoints(&w) {
				np, n := len(par), len(s.y)
				prm, _ := w.unpack(par)
				g := make([]float64, np)
				h := make([]float64, np*np)
				w.likJac(prm, g, h)
				ns := sp.nSmoothing()
				sc := func(j int) float64 {
					if j < ns {
						return 1
					}
					return w.stateScale(j - ns)
				}
				var jac mat.Dense
				jac.ReuseAs(n, np)
				fd.Jacobian(&jac, func(dst, x []float64) { residualsTo(dst, &w, x) }, par, &fd.JacobianSettings{Formula: fd.Central})
				rv := make([]float64, n)
				residualsTo(rv, &w, par)
				ss := floats.Dot(rv, rv)
				var jtj mat.Dense
				jtj.Mul(jac.T(), &jac)
				jtj.Scale(2*float64(n)/ss, &jtj)
				maxAbs := mat.Norm(&jtj, math.Inf(1))
				worst := 0.0
				for i := range np {
					for j := range np {
						got := h[i*np+j] * sc(i) * sc(j)
						worst = math.Max(worst, math.Abs(got-jtj.At(i, j)))
					}
				}
				if worst > 1e-5*maxAbs {
					t.Errorf("%s m=%d: Gauss–Newton matrix differs from finite differences by %.3g (largest entry %.3g)", name, m, worst, maxAbs)
				}
			}
		}
	}
}

// TestUJacobianFD checks the gradient and Gauss–Newton matrix in the
// optimiser's unconstrained vector u (uJacobian: logit transforms of the
// smoothing parameters, chained through the natural-unit results) against
// central finite differences of the objective and of the residuals as
// functions of u, for seasonal damped and undamped specs on AirPassengers.
func TestUJacobianFD(t *testing.T) {
	y := airline(t)
	for _, name := range []string{"AAdA", "MAdA", "MAdM", "MNM", "AAdN"} {
		sp, _ := ParseSpec(name)
		m := 12
		if sp.Season == None {
			m = 1
		}
		var w work
		if err := w.setup(y, m, sp); err != nil {
			t.Fatal(err)
		}
		for _, par := range gradPoints(&w) {
			np, n := len(par), len(y)
			w.lm.resize(np)
			u := make([]float64, np)
			w.toU(par, u)
			if !w.uJacobian(u) {
				t.Fatalf("%s: uJacobian failed at %v", name, u)
			}
			x := make([]float64, np)
			obj := func(u []float64) float64 {
				w.fromU(u, x)
				return w.objective(x)
			}
			want := fd.Gradient(nil, obj, u, &fd.Settings{Formula: fd.Central, Step: 1e-5})
			tol := 1e-5 * floats.Norm(want, math.Inf(1))
			for j := range want {
				if math.Abs(w.lm.gu[j]-want[j]) > tol {
					t.Errorf("%s: u-gradient[%d] = %.8g, finite differences %.8g", name, j, w.lm.gu[j], want[j])
				}
			}
			var jac mat.Dense
			jac.ReuseAs(n, np)
			fd.Jacobian(&jac, func(dst, uu []float64) {
				w.fromU(uu, x)
				residualsTo(dst, &w, x)
			}, u, &fd.JacobianSettings{Formula: fd.Central})
			rv := make([]float64, n)
			w.fromU(u, x)
			residualsTo(rv, &w, x)
			var jtj mat.Dense
			jtj.Mul(jac.T(), &jac)
			jtj.Scale(2*float64(n)/floats.Dot(rv, rv), &jtj)
			maxAbs := mat.Norm(&jtj, math.Inf(1))
			for i := range np {
				for j := range np {
					if d := math.Abs(w.lm.hu[i*np+j] - jtj.At(i, j)); d > 1e-5*maxAbs {
						t.Errorf("%s: u Gauss–Newton matrix[%d,%d] = %.8g, finite differences %.8g", name, i, j, w.lm.hu[i*np+j], jtj.At(i, j))
					}
				}
			}
		}
	}
}
