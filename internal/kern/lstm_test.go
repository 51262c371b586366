package kern

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// lstmRef computes LSTMCell and LSTMCellBackward in float64 from the same
// inputs, with math.Tanh and math.Exp (the reference).
func lstmRef[T Float](z, cPrev, dh, dc []T, n, h int) (za, c, tc, hOut, dz, dcOut []float64) {
	sig := func(x float64) float64 { return 1 / (1 + math.Exp(-x)) }
	za = make([]float64, n*4*h)
	c = make([]float64, n*h)
	tc = make([]float64, n*h)
	hOut = make([]float64, n*h)
	dz = make([]float64, n*4*h)
	dcOut = make([]float64, n*h)
	for r := range n {
		for j := range h {
			zi := r*4*h + j
			i, f, o, g := sig(float64(z[zi])), sig(float64(z[zi+h])), sig(float64(z[zi+2*h])), math.Tanh(float64(z[zi+3*h]))
			za[zi], za[zi+h], za[zi+2*h], za[zi+3*h] = i, f, o, g
			k := r*h + j
			cv := i * g
			var cp float64
			if cPrev != nil {
				cp = float64(cPrev[k])
				cv += f * cp
			}
			t := math.Tanh(cv)
			c[k], tc[k], hOut[k] = cv, t, o*t
			d := float64(dh[k])
			dcv := float64(dc[k]) + d*o*(1-t*t)
			dz[zi+2*h] = d * t * o * (1 - o)
			dz[zi] = dcv * g * i * (1 - i)
			dz[zi+3*h] = dcv * i * (1 - g*g)
			dz[zi+h] = dcv * cp * f * (1 - f)
			dcOut[k] = dcv * f
		}
	}
	return
}

func checkClose[T Float](t *testing.T, name string, got []T, want []float64, tol float64) {
	t.Helper()
	for i, w := range want {
		if d := math.Abs(float64(got[i]) - w); !(d <= tol*(1+math.Abs(w))) {
			t.Fatalf("%s[%d] = %v, want %v (|diff| %g > %g)", name, i, got[i], w, d, tol*(1+math.Abs(w)))
		}
	}
}

func checkLSTM[T Float](t *testing.T, tol float64) {
	rnd := rand.New(rand.NewPCG(3, 3))
	for _, n := range []int{1, 3, 16} {
		for _, h := range []int{1, 7, 8, 9, 16, 64, 67} {
			for _, first := range []bool{false, true} {
				name := fmt.Sprintf("n=%d h=%d first=%v", n, h, first)
				z := randSlice[T](rnd, n*4*h)
				for i := range z {
					z[i] *= 6 // pre-activations in [-6, 6]
				}
				var cPrev []T
				if !first {
					cPrev = randSlice[T](rnd, n*h)
					for i := range cPrev {
						cPrev[i] *= 3
					}
				}
				dh := randSlice[T](rnd, n*h)
				dc := randSlice[T](rnd, n*h)
				za, c, tc, hOut, dz, dcOut := lstmRef(z, cPrev, dh, dc, n, h)

				gz := append([]T(nil), z...)
				gc, gtc, gh := make([]T, n*h), make([]T, n*h), make([]T, n*h)
				LSTMCell(gz, gc, gtc, gh, cPrev, n, h)
				checkClose(t, "LSTMCell "+name+" z", gz, za, tol)
				checkClose(t, "LSTMCell "+name+" c", gc, c, tol)
				checkClose(t, "LSTMCell "+name+" tc", gtc, tc, tol)
				checkClose(t, "LSTMCell "+name+" h", gh, hOut, tol)

				// Backward from the float64 reference's own activations
				// rounded to T, so only this step's rounding is tested.
				az := make([]T, len(za))
				for i, v := range za {
					az[i] = T(v)
				}
				atc := make([]T, len(tc))
				for i, v := range tc {
					atc[i] = T(v)
				}
				gdz := make([]T, n*4*h)
				gdc := append([]T(nil), dc...)
				LSTMCellBackward(gdz, gdc, az, atc, cPrev, dh, n, h)
				// The reference derivatives use the unrounded activations;
				// rounding them to T moves the results by a few ulps.
				checkClose(t, "LSTMCellBackward "+name+" dz", gdz, dz, 4*tol)
				checkClose(t, "LSTMCellBackward "+name+" dc", gdc, dcOut, 4*tol)
			}
		}
	}
}

func TestLSTMCell(t *testing.T) {
	// float32: activation error ≤ 3e-7 plus a few roundings of O(1) values.
	t.Run("float32", func(t *testing.T) { checkLSTM[float32](t, 2e-6) })
	t.Run("float64", func(t *testing.T) { checkLSTM[float64](t, 1e-14) })
	t.Run("portable/float32", func(t *testing.T) {
		withPortable(t, func(t *testing.T) { checkLSTM[float32](t, 2e-6) })
	})
}

func TestLSTMCellAllocs(t *testing.T) {
	const n, h = 16, 64
	z := make([]float32, n*4*h)
	c, tc, ho, cp, dh, dc := make([]float32, n*h), make([]float32, n*h), make([]float32, n*h), make([]float32, n*h), make([]float32, n*h), make([]float32, n*h)
	dz := make([]float32, n*4*h)
	if a := testing.AllocsPerRun(10, func() {
		LSTMCell(z, c, tc, ho, cp, n, h)
		LSTMCellBackward(dz, dc, z, tc, cp, dh, n, h)
	}); a != 0 {
		t.Errorf("LSTMCell and LSTMCellBackward allocate %v times, want 0", a)
	}
}
