package seq2one

import "fmt"

// Predict writes forecasts of the next h values of every fitted series,
// in the units of the series, to dst[i] (reused when it has room) and
// returns dst. Forecasts beyond the model's horizon feed earlier ones back,
// one horizon block at a time. It returns ErrNotFitted before Fit.
func (g *Global) Predict(dst [][]float64, h int) ([][]float64, error) {
	if g.ens == nil {
		return dst, errNotFitted
	}
	if h < 1 {
		return dst, fmt.Errorf("seq2one: horizon %d, want ≥ 1", h)
	}
	if cap(dst) < len(g.gp.Series) {
		dst = append(dst[:cap(dst)], make([][]float64, len(g.gp.Series)-cap(dst))...)
	}
	dst = dst[:len(g.gp.Series)]
	for i := range g.gp.Series {
		var err error
		if dst[i], err = g.PredictSeries(dst[i], i, h); err != nil {
			return dst, err
		}
	}
	return dst, nil
}

// PredictSeries writes forecasts of the next h values of series i to dst
// (allocated when nil or too short) and returns dst[:h], as
// [Predictor.Predict] does for the series' state; it uses the model's own
// Predictor, so it is not safe for concurrent use (make one Predictor per
// goroutine with [Global.NewPredictor] instead). It does not allocate
// when dst has room and h ≤ Horizon. It panics if i is out of range.
func (g *Global) PredictSeries(dst []float64, i, h int) ([]float64, error) {
	if g.ens == nil {
		return dst, errNotFitted
	}
	if i < 0 || i >= len(g.gp.Series) {
		panic("seq2one: series index out of range")
	}
	return g.pr.predict(dst, &g.gp.Series[i], h)
}
