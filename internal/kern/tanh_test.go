package kern

import (
	"math"
	"testing"
)

// tanhGrid returns float32 values densely covering [-20, 20], finer near 0,
// plus the saturation and clamp boundaries.
func tanhGrid() []float32 {
	var xs []float32
	for x := -20.0; x <= 20; x += 1.0 / 4096 {
		xs = append(xs, float32(x))
	}
	for x := float32(1e-30); x < 1; x *= 1.01 {
		xs = append(xs, x, -x)
	}
	for _, v := range []float32{0, tanhClamp, -tanhClamp, tanhSat, -tanhSat, math.Nextafter32(tanhSat, 0), math.MaxFloat32, -math.MaxFloat32, math.SmallestNonzeroFloat32} {
		xs = append(xs, v)
	}
	return xs
}

// maxErr reports the largest |f(x) - want(x)| over xs, with want computed in
// float64 by the Go standard library (the reference).
func maxErr(xs, got []float32, want func(float64) float64) (worst float64, at float32) {
	for i, x := range xs {
		if e := math.Abs(float64(got[i]) - want(float64(x))); e > worst {
			worst, at = e, x
		}
	}
	return worst, at
}

func TestTanhSigmoidAccuracy(t *testing.T) {
	xs := tanhGrid()
	got := make([]float32, len(xs))
	sigmoid := func(x float64) float64 { return 1 / (1 + math.Exp(-x)) }
	const tol = 3e-7
	for _, path := range []struct {
		name string
		asm  bool
	}{{"fast", true}, {"portable", false}} {
		if path.asm && !useAsm {
			continue
		}
		saved := useAsm
		useAsm = path.asm
		Tanh(got, xs)
		e, at := maxErr(xs, got, math.Tanh)
		t.Logf("%s: max |Tanh - math.Tanh| = %.3g at %v", path.name, e, at)
		if e > tol {
			t.Errorf("%s: Tanh(%v) off by %g, want ≤ %g", path.name, at, e, tol)
		}
		for i, v := range got {
			if v > 1 || v < -1 || (xs[i] >= tanhSat && v != 1) || (xs[i] <= -tanhSat && v != -1) {
				t.Errorf("%s: Tanh(%v) = %v", path.name, xs[i], v)
			}
		}
		Sigmoid(got, xs)
		e, at = maxErr(xs, got, sigmoid)
		t.Logf("%s: max |Sigmoid - 1/(1+exp(-x))| = %.3g at %v", path.name, e, at)
		if e > tol {
			t.Errorf("%s: Sigmoid(%v) off by %g, want ≤ %g", path.name, at, e, tol)
		}
		useAsm = saved
	}
}

func TestTanhSpecial(t *testing.T) {
	inf, nan := float32(math.Inf(1)), float32(math.NaN())
	negZero := float32(math.Copysign(0, -1))
	for _, path := range []bool{true, false} {
		saved := useAsm
		useAsm = path && useAsm
		// Odd lengths exercise the padded tail of the vector path.
		for _, n := range []int{1, 7, 8, 9, 17} {
			for _, tc := range []struct {
				x, tanh, sig float32
			}{
				{inf, 1, 1}, {-inf, -1, 0}, {100, 1, 1}, {-100, -1, 0},
				{9, 1, 0.9998766}, {0, 0, 0.5}, {18, 1, 1}, {-18, -1, 0},
			} {
				x := make([]float32, n)
				for i := range x {
					x[i] = tc.x
				}
				th := Tanh(make([]float32, n), x)
				sg := Sigmoid(make([]float32, n), x)
				for i := range n {
					if th[i] != tc.tanh {
						t.Errorf("asm=%v n=%d: Tanh(%v) = %v, want %v", useAsm, n, tc.x, th[i], tc.tanh)
					}
					if math.Abs(float64(sg[i]-tc.sig)) > 3e-7 || (tc.sig == 0 || tc.sig == 1) && sg[i] != tc.sig {
						t.Errorf("asm=%v n=%d: Sigmoid(%v) = %v, want %v", useAsm, n, tc.x, sg[i], tc.sig)
					}
				}
			}
			x := make([]float32, n)
			for i := range x {
				x[i] = nan
			}
			x[n-1] = negZero
			th := Tanh(make([]float32, n), x)
			sg := Sigmoid(make([]float32, n), x)
			for i := range n - 1 {
				if th[i] == th[i] || sg[i] == sg[i] {
					t.Errorf("asm=%v n=%d: Tanh(NaN) = %v, Sigmoid(NaN) = %v, want NaN", useAsm, n, th[i], sg[i])
				}
			}
			if th[n-1] != 0 || !math.Signbit(float64(th[n-1])) {
				t.Errorf("asm=%v: Tanh(-0) = %v, want -0", useAsm, th[n-1])
			}
		}
		useAsm = saved
	}
}

func TestTanhFloat64(t *testing.T) {
	xs := []float64{-30, -3, -0.5, 0, 1e-10, 0.5, 2, 30, math.Inf(1)}
	got := Tanh(make([]float64, len(xs)), xs)
	sig := Sigmoid(make([]float64, len(xs)), xs)
	for i, x := range xs {
		// float64 is exact up to the standard library's own error.
		if got[i] != math.Tanh(x) {
			t.Errorf("Tanh(%v) = %v, want %v", x, got[i], math.Tanh(x))
		}
		if w := 1 / (1 + math.Exp(-x)); sig[i] != w {
			t.Errorf("Sigmoid(%v) = %v, want %v", x, sig[i], w)
		}
	}
}

// TestTanhPositionIndependent checks that an element's result does not
// depend on its index or the slice length (vector body vs padded tail).
func TestTanhPositionIndependent(t *testing.T) {
	xs := tanhGrid()[:1000]
	full := Tanh(make([]float32, len(xs)), xs)
	for i, x := range xs {
		one := Tanh(make([]float32, 1), []float32{x})
		if one[0] != full[i] {
			t.Fatalf("Tanh(%v) = %v alone, %v at index %d", x, one[0], full[i], i)
		}
	}
}
