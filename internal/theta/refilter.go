package theta

// Refilter runs the model over the series y without estimating anything
// again and returns the result as a new model. y must start at the same
// time as the fitted series (typically it is that series extended by new
// observations). Everything estimated is kept: the method, α, θ, ℓ0, the
// seasonal indices (applied with the same phase, from y[0]), the trend line
// of Standard, STM and OTM, and Sigma and MSE; the level, the mean and the
// trend line of DSTM and DOTM are state and follow the new data. The
// forecasts of the returned model start after the last value of y.
// Refiltering the fitted series itself reproduces the model exactly.
//
// It returns an error wrapping [ErrTooShort] if len(y) < [MinLength] and
// [ErrNonFinite] if y holds NaN or ±Inf. y is not modified.
func (m *Model) Refilter(y []float64) (*Model, error) {
	if err := checkSeries("refilter", y); err != nil {
		return nil, err
	}
	r := &Model{m: m.m, params: m.params, season: m.season, mse: m.mse, sigma: m.sigma}
	ya := make([]float64, len(y))
	r.season.adjust(ya, y)
	if r.m.method == Standard {
		// The SES of Standard starts from the first value.
		r.m.level0 = ya[0]
		r.params.Level0 = ya[0]
	}
	r.run(y, ya)
	return r, nil
}
