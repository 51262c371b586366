package theta

import "math"

// gridPoints is the number of intervals of the grid that brackets the
// minimum of a one-dimensional objective before Brent's method refines it.
const gridPoints = 20

// minimize returns the minimiser in [lo, hi] of f and its value: f is
// evaluated on a grid of gridPoints+1 equally spaced points, and Brent's
// method refines the best grid point within its two neighbouring
// intervals, to an absolute tolerance of tol. The best point evaluated is
// returned, so a minimum at an end of [lo, hi] is found exactly. NaN
// values of f count as +Inf. The search is deterministic.
func minimize(f func(float64) float64, lo, hi, tol float64) (x, fx float64) {
	eval := func(v float64) float64 {
		r := f(v)
		if math.IsNaN(r) {
			return math.Inf(1)
		}
		return r
	}
	best, fbest := lo, eval(lo)
	ibest := 0
	step := (hi - lo) / gridPoints
	for i := 1; i <= gridPoints; i++ {
		v := lo + float64(i)*step
		if i == gridPoints {
			v = hi
		}
		if fv := eval(v); fv < fbest {
			best, fbest, ibest = v, fv, i
		}
	}
	a := lo + float64(max(ibest-1, 0))*step
	b := math.Min(lo+float64(min(ibest+1, gridPoints))*step, hi)
	if xb, fb := brent(eval, a, b, tol); fb < fbest {
		return xb, fb
	}
	return best, fbest
}

// brent minimises f on (a, b) by golden-section search with parabolic
// interpolation (Brent 1973, the algorithm of netlib fmin and R's
// optimize), to an absolute tolerance of about tol.
func brent(f func(float64) float64, a, b, tol float64) (float64, float64) {
	const c = 0.3819660112501051 // (3 − √5)/2
	eps := math.Sqrt(0x1p-52)
	x := a + c*(b-a)
	w, v := x, x
	fx := f(x)
	fw, fv := fx, fx
	var d, e float64
	for range 100 {
		xm := 0.5 * (a + b)
		tol1 := eps*math.Abs(x) + tol/3
		tol2 := 2 * tol1
		if math.Abs(x-xm) <= tol2-0.5*(b-a) {
			break
		}
		golden := true
		if math.Abs(e) > tol1 {
			r := (x - w) * (fx - fv)
			q := (x - v) * (fx - fw)
			p := (x-v)*q - (x-w)*r
			q = 2 * (q - r)
			if q > 0 {
				p = -p
			} else {
				q = -q
			}
			r, e = e, d
			if math.Abs(p) < math.Abs(0.5*q*r) && p > q*(a-x) && p < q*(b-x) {
				d = p / q
				u := x + d
				if u-a < tol2 || b-u < tol2 {
					d = math.Copysign(tol1, xm-x)
				}
				golden = false
			}
		}
		if golden {
			if x >= xm {
				e = a - x
			} else {
				e = b - x
			}
			d = c * e
		}
		u := x + d
		if math.Abs(d) < tol1 {
			u = x + math.Copysign(tol1, d)
		}
		fu := f(u)
		if fu <= fx {
			if u >= x {
				a = x
			} else {
				b = x
			}
			v, fv, w, fw, x, fx = w, fw, x, fx, u, fu
		} else {
			if u < x {
				a = u
			} else {
				b = u
			}
			if fu <= fw || w == x {
				v, fv, w, fw = w, fw, u, fu
			} else if fu <= fv || v == x || v == w {
				v, fv = u, fu
			}
		}
	}
	return x, fx
}
