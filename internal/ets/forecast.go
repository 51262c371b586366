package ets

// Forecast writes the point forecasts for horizons 1..h from the end of the
// series into dst (allocated when nil; it panics if dst is not nil and its
// length is not h, or if h < 0) and returns it.
//
// The point forecast is the recursion's forecast with all future errors set
// to zero (R's etsforecast, statsmodels' forecast): with level l, trend b,
// damping φ and seasonal states s after the last observation,
//
//	ŷ(h) = (l + (φ+…+φ^h)·b) ⊕ s[h]
//
// where ⊕ adds or multiplies the seasonal state of the forecast period. For
// models with additive components or a multiplicative error on additive
// components (Hyndman et al. 2008 classes 1 and 2) this is the forecast mean,
// identical to R's forecast.ets mean. For multiplicative seasonality with
// multiplicative errors (class 3) it equals the mean for h <= m; beyond, R's
// mean (Hyndman et al. 2008 ch. 6 analytic moments) adds a small term of
// order Sigma2 that is not added here.
func (f *Fit) Forecast(dst []float64, h int) []float64 {
	if h < 0 {
		panic(panicH)
	}
	if dst == nil {
		dst = make([]float64, h)
	}
	if len(dst) != h {
		panic(panicLen)
	}
	pointForecast(dst, f.spec, f.m, f.params, f.xn)
	return dst
}

// pointForecast is R's forecast() from state x: it fills dst.
func pointForecast(dst []float64, sp Spec, m int, p Params, x []float64) {
	phi := 1.0
	if sp.Damped {
		phi = p.Phi
	}
	l := x[0]
	b := 0.0
	k := 1
	if sp.Trend != None {
		b = x[1]
		k = 2
	}
	// phistar = φ + φ² + … + φ^h. R's etsforecast adds φ^h instead of
	// φ^(h+1) at step h (so its damped forecasts at h >= 2 use 2φ + φ² + …);
	// R's forecast.ets does not use it for these models (its class1–3
	// functions compute the mean from matrix powers, as here).
	phistar, phipow := phi, phi
	for i := range dst {
		v := l
		if sp.Trend != None {
			v = l + phistar*b
		}
		if sp.Season != None {
			j := m - 1 - i%m
			if sp.Season == Additive {
				v += x[k+j]
			} else {
				v *= x[k+j]
			}
		}
		dst[i] = v
		phipow *= phi
		phistar += phipow
	}
}
