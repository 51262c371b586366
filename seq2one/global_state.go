package seq2one

import (
	"errors"
	"fmt"

	"github.com/tsforecast/tsforecast/forecast"
)

// SeriesState is what a [Global] forecasts one series from, computed from
// the series' own history by [Global.State]: its transform (log, or a
// scale), seasonal indices, last window, history length, error scale for
// intervals and covariates. It holds about a window of values, and no
// weights; a [Predictor] forecasts from it.
type SeriesState struct {
	gs globalSeries
}

// ID returns the ID of the series.
func (st *SeriesState) ID() string { return st.gs.ID }

// State returns the state of the series s, computed from its history
// alone with the rule Fit applies to each series it is given (see the
// package documentation, "Global model"): z = log y when every value is
// positive (unless Config.Log is Off), else y over its mean absolute
// value; seasonal indices as Config.SeasonalNorm says; the last window of
// z. So the model forecasts series it was not fitted on, and a fitted
// series given the history it was fitted on gets the state Fit gave it.
// It returns ErrNotFitted before Fit, and an error for a history with
// non-finite values or fewer than 2 of them, other covariates than the
// model's, or another frequency. It only reads the model, so it may be
// called from several goroutines at once (but not during Fit or Update).
func (g *Global) State(s *forecast.Series) (*SeriesState, error) {
	if g.ens == nil {
		return nil, errNotFitted
	}
	if err := g.checkNew(s); err != nil {
		return nil, err
	}
	var cov []float64
	if g.gp.nc() > 0 {
		cov = g.gp.standardise(s)
	}
	gs, _ := g.gp.newSeries(s, &g.cfg, cov)
	return &SeriesState{gs: gs}, nil
}

// checkNew returns an error for a series the fitted model cannot take.
func (g *Global) checkNew(s *forecast.Series) error {
	if s == nil {
		return errors.New("seq2one: nil series")
	}
	if err := checkSeries(s, g.cfg.NoCovariates); err != nil {
		return fmt.Errorf("seq2one: series %q: %w", s.ID, err)
	}
	if err := sameCovariates(s, g.gp.CovNames, g.gp.CovKnown, g.cfg.NoCovariates); err != nil {
		return err
	}
	if g.gp.Freq != forecast.Step && len(s.Times) > 0 && s.Freq != g.gp.Freq {
		return fmt.Errorf("seq2one: series %q is %s data, the model was fitted on %s data", s.ID, s.Freq, g.gp.Freq)
	}
	if len(s.Values) < 2 {
		return fmt.Errorf("seq2one: series %q has %d values, want at least 2", s.ID, len(s.Values))
	}
	return nil
}

// newSeries returns the state of s and its transformed history z, given
// its standardised covariates cov (nil without covariates): the one rule
// of Fit, Update and State.
func (p *globalPipe) newSeries(s *forecast.Series, cfg *Config, cov []float64) (globalSeries, []float64) {
	gs, z := normalise(s, p.Season, cfg.Log, cfg.SeasonalNorm)
	gs.Last = lastWindow(z, p.window(), p.Season)
	gs.ErrScale = errScale(s.Values, p.Season)
	if cov != nil {
		p.setCovariates(&gs, s, cov)
	}
	return gs, z
}
