package theta

import "math"

// Interval writes the lower and upper bounds of the central prediction
// intervals at level percent (95 for a 95 % interval) for 1..h steps
// after the last observation into lower and upper and returns them. If
// lower or upper is nil it is allocated. It panics if h is negative, level
// is not strictly between 0 and 100, or lower or upper is non-nil with a
// length other than h.
//
// The intervals are analytic and deterministic: every model is linear in
// its errors, so with independent N(0, σ²) one-step errors the h-step
// forecast error is Σ_j c_hj·ε_j exactly, and the bounds on the adjusted
// scale are the forecast ± z·σ·√(Σ_j c_hj²), z the standard normal
// quantile at (1 + level/100)/2 and σ = [Model.Sigma]. For Standard, STM
// and OTM (fixed trend line) this is σ²·(1 + (h−1)·α²), the variance of
// SES; for DSTM and DOTM the coefficients also carry each future
// observation's effect on the updated trend line. The bounds are then
// reseasonalised like the forecasts (multiplied by or added to the index).
//
// forecTheta and statsforecast instead take empirical quantiles of 200
// simulated paths, with the standard deviation of the errors from the
// third or fourth on (mean removed) and the dynamic trend update even for
// the static models; the analytic bounds here have no simulation noise.
func (m *Model) Interval(lower, upper []float64, h int, level float64) ([]float64, []float64) {
	if h < 0 {
		panic(errHorizon)
	}
	if !(level > 0 && level < 100) {
		panic(errLevel)
	}
	lower = useDst(lower, h)
	upper = useDst(upper, h)
	mean := make([]float64, h)
	m.m.forecast(mean, m.st)
	sd := make([]float64, h)
	m.forecastSD(sd)
	z := math.Sqrt2 * math.Erfinv(level/100)
	n := len(m.fitted)
	for i, f := range mean {
		lo := m.season.restore(f-z*sd[i], n+i)
		hi := m.season.restore(f+z*sd[i], n+i)
		lower[i], upper[i] = math.Min(lo, hi), math.Max(lo, hi)
	}
	return lower, upper
}

// forecastSD writes the standard deviations of the 1..len(dst)-step
// forecast errors on the adjusted scale into dst.
func (m *Model) forecastSD(dst []float64) {
	h := len(dst)
	sigma := m.sigma
	mm := &m.m
	if mm.method == Standard || !mm.dynamic {
		a2 := mm.alpha * mm.alpha
		for i := range dst {
			dst[i] = sigma * math.Sqrt(1+float64(i)*a2)
		}
		return
	}
	// Dynamic models: track the derivatives of the state (level, mean,
	// A, B) with respect to each future error ε_j, j = 0..i, while the
	// recursion runs forward; dy[j] is ∂y_i/∂ε_j.
	type deriv struct{ level, meanY, a, b float64 }
	ds := make([]deriv, h)
	dy := make([]float64, h)
	alpha := mm.alpha
	pk := m.st.pk
	k := m.st.k
	for i := range h {
		kf := float64(k)
		var v float64
		for j := 0; j <= i; j++ {
			g := 1.0 // the error of step i itself
			if j < i {
				d := &ds[j]
				g = d.level + mm.w*(d.a*pk+d.b*(1-pk*(1-alpha))/alpha)
			}
			dy[j] = g
			v += g * g
		}
		dst[i] = sigma * math.Sqrt(v)
		for j := 0; j <= i; j++ {
			d := &ds[j]
			g := dy[j]
			prev := d.meanY
			d.level = alpha*g + (1-alpha)*d.level
			d.meanY = (kf*d.meanY + g) / (kf + 1)
			d.b = ((kf-1)*d.b + 6*(g-prev)/(kf+1)) / (kf + 2)
			d.a = d.meanY - d.b*(kf+2)/2
		}
		pk *= 1 - alpha
		k++
	}
}
