package seq2one

import (
	"fmt"

	"github.com/tsforecast/tsforecast/forecast"
)

// Update conditions the fitted model on new histories, without changing
// the weights: each series given gets the state [Global.State] computes
// from its history alone (the rule of Fit), so a model trained last month
// forecasts from this month's data. A series whose ID the model has
// replaces that series' state; a series it has not is added after the
// others (Len grows, and Index finds it), so the model forecasts series it
// was never fitted on. Series of the model that are not given keep their
// state. It returns ErrNotFitted before Fit and the error of State for a
// series it cannot take; on error no series is changed.
func (g *Global) Update(series []*forecast.Series) error {
	if g.ens == nil {
		return errNotFitted
	}
	next := make([]globalSeries, len(series))
	for k, s := range series {
		st, err := g.State(s)
		if err != nil {
			return fmt.Errorf("seq2one: Update: %w", err)
		}
		next[k] = st.gs
	}
	if n := len(g.gp.Series) + len(next); n > maxSeries {
		return fmt.Errorf("seq2one: Update: %d series, a model holds at most %d", n, maxSeries)
	}
	for _, gs := range next {
		if i, ok := g.byID[gs.ID]; ok {
			g.gp.Series[i] = gs
			continue
		}
		g.byID[gs.ID] = len(g.gp.Series)
		g.gp.Series = append(g.gp.Series, gs)
	}
	return nil
}

// Index returns the position of the series id, for PredictSeries and
// Radius, and whether the model has it (fitted, or added by Update).
func (g *Global) Index(id string) (int, bool) {
	i, ok := g.byID[id]
	return i, ok
}
