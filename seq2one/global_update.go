package seq2one

import (
	"fmt"
	"math"

	"github.com/tsforecast/tsforecast/forecast"
)

// Update conditions the fitted model on new histories of some of its
// series, matched by ID, without changing the weights: each series' last
// window, length, seasonal indices and error scale are taken from the new
// history (its log or scale transform stays the fitted one), so a model
// trained last month forecasts from this month's data. Series of the
// model that are not given keep their state. It returns ErrNotFitted
// before Fit and an error for an unknown ID, a history with non-finite
// values or fewer than 2 of them, or non-positive values in a series the
// model takes logs of; on error no series is changed.
func (g *Global) Update(series []*forecast.Series) error {
	if g.ens == nil {
		return errNotFitted
	}
	m := g.gp.Season
	W := g.gp.window()
	next := make(map[int]globalSeries, len(series))
	for _, s := range series {
		i, ok := g.byID[s.ID]
		if !ok {
			return fmt.Errorf("seq2one: series %q is not one the model was fitted on", s.ID)
		}
		if err := checkSeries(s, g.cfg.NoCovariates); err != nil {
			return fmt.Errorf("seq2one: series %q: %w", s.ID, err)
		}
		if err := sameCovariates(s, g.gp.CovNames, g.gp.CovKnown, g.cfg.NoCovariates); err != nil {
			return fmt.Errorf("seq2one: Update: %w", err)
		}
		if g.gp.Freq != forecast.Step && len(s.Times) > 0 && s.Freq != g.gp.Freq {
			return fmt.Errorf("seq2one: Update: series %q is %s data, the model was fitted on %s data", s.ID, s.Freq, g.gp.Freq)
		}
		if len(s.Values) < 2 {
			return fmt.Errorf("seq2one: series %q has %d values, want at least 2", s.ID, len(s.Values))
		}
		gs := g.gp.Series[i]
		z := make([]float64, len(s.Values))
		for t, v := range s.Values {
			if gs.Log {
				if !(v > 0) {
					return fmt.Errorf("seq2one: series %q: value %v at %d, but the model takes logs of this series", s.ID, v, t)
				}
				z[t] = math.Log(v)
			} else {
				z[t] = v / gs.Scale
			}
		}
		if gs.Indices != nil || g.cfg.SeasonalNorm == On {
			// Re-estimated: the phases follow the new history's start.
			gs.Indices = seasonalIndices(z, s.Values, m, On)
		}
		gs.N = len(z)
		gs.Last = lastWindow(z, W, m)
		gs.ErrScale = errScale(s.Values, m)
		if g.gp.nc() > 0 {
			g.gp.setCovariates(&gs, s, g.gp.standardise(s))
		}
		next[i] = gs
	}
	for i, gs := range next {
		g.gp.Series[i] = gs
	}
	return nil
}

// Index returns the position of the fitted series id, for PredictSeries
// and Radius, and whether the model has it.
func (g *Global) Index(id string) (int, bool) {
	i, ok := g.byID[id]
	return i, ok
}
