package eval

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/tsforecast/tsforecast/forecast"
)

// Result holds a walk-forward run of several models on one series. Every
// model is scored on the same folds.
type Result struct {
	// Series is the ID of the series.
	Series string `json:"series"`
	// Horizon is the number of steps forecast from each origin.
	Horizon int `json:"horizon"`
	// Season is the period m used by MASE.
	Season int `json:"season"`
	// Levels are the interval levels in percent, as in [Backtest.Levels].
	Levels []float64 `json:"levels"`
	// Origins holds the origin of each fold: the index of the first
	// forecast value, which is also the number of values before it.
	Origins []int `json:"origins"`
	// Models holds one entry per model, in the order given.
	Models []ModelResult `json:"models"`
}

// ModelResult holds the folds and scores of one model on one series.
type ModelResult struct {
	// Model is the model's name.
	Model string `json:"model"`
	// Folds holds one entry per origin, oldest first.
	Folds []Fold `json:"folds"`
	// Steps holds the scores at each horizon step over all folds: Steps[i]
	// scores the forecasts i+1 steps ahead. Interval scores at a step use
	// the folds that have intervals.
	Steps []Scores `json:"steps"`
	// Summary aggregates the fold scores.
	Summary Summary `json:"summary"`
}

// Fold is one forecast origin of one model.
type Fold struct {
	// Origin is the index of the first forecast value.
	Origin int `json:"origin"`
	// TrainStart is the index of the first training value: the model saw
	// exactly the values TrainStart..Origin-1.
	TrainStart int `json:"train_start"`
	// Refit reports whether the model was fitted at this origin (rather
	// than conditioned on the new history with forecast.Updater).
	Refit bool `json:"refit"`
	// Fitted says what the model became on this fold, when it says
	// (forecast.Describer): the spec it chose ("ETS(M,Ad,M)"), or the
	// simpler model that stood in for it.
	Fitted string `json:"fitted,omitempty"`
	// FellBack reports whether a simpler model stood in for the model on
	// this fold's history (forecast.Fallbacker).
	FellBack bool `json:"fell_back,omitempty"`
	// Times holds the timestamps of the Horizon forecast values, or nil
	// when the series has none.
	Times []time.Time `json:"times,omitempty"`
	// Actual holds the Horizon observed values from Origin on.
	Actual []float64 `json:"actual"`
	// Forecast holds the model's Horizon forecasts.
	Forecast []float64 `json:"forecast"`
	// Intervals holds conformal intervals, one per level, calibrated on
	// the errors of earlier folds whose horizons ended before Origin; nil
	// when there were too few such folds (see [Backtest.Calibration]).
	Intervals []forecast.Interval `json:"intervals,omitempty"`
	// Scores are the fold's accuracy scores.
	Scores Scores `json:"scores"`
	// FitSeconds is the wall time of Fit (or Update) and Predict. It is the
	// only field that varies between identical runs.
	FitSeconds float64 `json:"fit_seconds"`
}

// Scores are accuracy scores over a set of forecasts; see [MAE], [RMSE],
// [MAPE], [SMAPE], [MASE] and [Bias] for the definitions. For a fold they
// are computed over its horizon, with MASE scaled by the fold's training
// data; for a horizon step, over the folds.
type Scores struct {
	MAE   float64 `json:"mae"`
	RMSE  float64 `json:"rmse"`
	MAPE  float64 `json:"mape"`
	SMAPE float64 `json:"smape"`
	MASE  float64 `json:"mase"`
	Bias  float64 `json:"bias"`
	// Intervals holds one entry per level when intervals were scored.
	Intervals []IntervalScore `json:"intervals,omitempty"`
}

// IntervalScore scores prediction intervals at one level: the fraction of
// actual values inside ([Coverage], 0..1), the mean width ([MeanWidth]) and
// the pinball loss of the bounds ([IntervalPinball]). N is the number of
// forecasts scored.
type IntervalScore struct {
	Level    float64 `json:"level"`
	Coverage float64 `json:"coverage"`
	Width    float64 `json:"width"`
	Pinball  float64 `json:"pinball"`
	N        int     `json:"n"`
}

// Summary aggregates per-fold scores: Mean and Std are the mean and sample
// standard deviation (n−1 denominator; NaN for one fold) over folds of each
// fold score. Interval entries average over the folds that have intervals.
type Summary struct {
	Folds      int     `json:"folds"`
	Mean       Scores  `json:"mean"`
	Std        Scores  `json:"std"`
	FitSeconds float64 `json:"fit_seconds"`
	// WallSeconds is the wall time from the start of the model's first
	// fold, over every series of the run, to the end of its last: folds
	// run in parallel, so it is less than FitSeconds, their sum.
	WallSeconds float64 `json:"wall_seconds"`
}

// Ranked returns the models ordered best first: by mean MASE, then mean
// MAE, then mean sMAPE, then name. A score that is not finite for every
// model (MASE is 0/0 or x/0 when a fold's history is constant, so the only
// imperfect model would get +Inf and the perfect ones NaN) is skipped for
// all of them rather than putting NaN last, so such a run is ranked by MAE.
// The result points into r.
func (r *Result) Ranked() []*ModelResult {
	out := make([]*ModelResult, len(r.Models))
	for i := range r.Models {
		out[i] = &r.Models[i]
	}
	keys := rankKeys(out, []func(*ModelResult) float64{
		func(m *ModelResult) float64 { return m.Summary.Mean.MASE },
		func(m *ModelResult) float64 { return m.Summary.Mean.MAE },
		func(m *ModelResult) float64 { return m.Summary.Mean.SMAPE },
	})
	slices.SortStableFunc(out, func(a, b *ModelResult) int {
		for _, k := range keys {
			if c := cmpNaNLast(k(a), k(b)); c != 0 {
				return c
			}
		}
		return cmp.Compare(a.Model, b.Model)
	})
	return out
}

// rankKeys returns the keys that are finite for every item, in order, or
// the last key alone when none is (so that at least one score ranks, NaN
// last). Skipping a key for all items keeps the comparison a strict weak
// order, which mixing keys per pair would not.
func rankKeys[T any](items []T, keys []func(T) float64) []func(T) float64 {
	var out []func(T) float64
	for _, k := range keys {
		ok := true
		for _, it := range items {
			if v := k(it); math.IsNaN(v) || math.IsInf(v, 0) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, k)
		}
	}
	if len(out) == 0 {
		out = keys[len(keys)-1:]
	}
	return out
}

// Model returns the result of the model called name, or nil.
func (r *Result) Model(name string) *ModelResult {
	for i := range r.Models {
		if r.Models[i].Model == name {
			return &r.Models[i]
		}
	}
	return nil
}

func cmpNaNLast(a, b float64) int {
	an, bn := math.IsNaN(a), math.IsNaN(b)
	switch {
	case an && bn:
		return 0
	case an:
		return 1
	case bn:
		return -1
	}
	return cmp.Compare(a, b)
}

// MultiResult holds a walk-forward run of several models on many series,
// with M4-style summaries across the series.
type MultiResult struct {
	// Horizon is the number of steps forecast from each origin.
	Horizon int `json:"horizon"`
	// Reference is the model OWA is relative to, or "" when OWA was not
	// computed (see [Backtest.Reference]).
	Reference string `json:"reference"`
	// Levels are the interval levels in percent.
	Levels []float64 `json:"levels"`
	// Series holds the per-series results in input order.
	Series []*Result `json:"series"`
	// Models holds one cross-series summary per model, in model order.
	Models []MultiSummary `json:"models"`
}

// MultiSummary aggregates one model over many series as the M4 competition
// does: each series is first scored by the mean over its folds, then the
// scores are averaged over the series. OWA is computed from these averages
// ([OWA]) and is NaN without a reference model.
type MultiSummary struct {
	Model  string  `json:"model"`
	Series int     `json:"series"`
	MAE    float64 `json:"mae"`
	RMSE   float64 `json:"rmse"`
	MAPE   float64 `json:"mape"`
	SMAPE  float64 `json:"smape"`
	MASE   float64 `json:"mase"`
	Bias   float64 `json:"bias"`
	OWA    float64 `json:"owa"`
	// Intervals holds per-level interval scores averaged over the series
	// that have intervals.
	Intervals []IntervalScore `json:"intervals,omitempty"`
	// Steps holds the error at each horizon step: Steps[i] averages the
	// series' step-(i+1) scores ([ModelResult.Steps]) over the series.
	// Interval scores are left out here.
	Steps []Scores `json:"steps"`
	// Best and Worst name the series with the lowest and highest sMAPE
	// (see [MultiResult.WorstSeries]).
	Best  string `json:"best"`
	Worst string `json:"worst"`
	// PerSeries holds each series' scores in input order.
	PerSeries []SeriesScore `json:"per_series"`
	// FitSeconds is the total fit and predict time over all folds.
	FitSeconds float64 `json:"fit_seconds"`
	// WallSeconds is the wall time of the model's folds over all series
	// (see [Summary].WallSeconds).
	WallSeconds float64 `json:"wall_seconds"`
}

// SeriesScore is one series' mean fold scores for one model.
type SeriesScore struct {
	Series string  `json:"series"`
	SMAPE  float64 `json:"smape"`
	MASE   float64 `json:"mase"`
}

// Ranked returns the model summaries ordered best first: by OWA, then
// MASE, then sMAPE, then name. As in [Result.Ranked], a score that is not
// finite for every model (OWA without a reference, say) is skipped for all
// of them. The result points into r.
func (r *MultiResult) Ranked() []*MultiSummary {
	out := make([]*MultiSummary, len(r.Models))
	for i := range r.Models {
		out[i] = &r.Models[i]
	}
	keys := rankKeys(out, []func(*MultiSummary) float64{
		func(m *MultiSummary) float64 { return m.OWA },
		func(m *MultiSummary) float64 { return m.MASE },
		func(m *MultiSummary) float64 { return m.SMAPE },
	})
	slices.SortStableFunc(out, func(a, b *MultiSummary) int {
		for _, k := range keys {
			if c := cmpNaNLast(k(a), k(b)); c != 0 {
				return c
			}
		}
		return cmp.Compare(a.Model, b.Model)
	})
	return out
}

// Model returns the summary of the model called name, or nil.
func (r *MultiResult) Model(name string) *MultiSummary {
	for i := range r.Models {
		if r.Models[i].Model == name {
			return &r.Models[i]
		}
	}
	return nil
}

// WorstSeries returns up to n series IDs for model, worst sMAPE (mean
// over folds) first, NaN first as the least trustworthy, for charts of
// the hardest series. sMAPE, being relative to the level, ranks series as
// the eye sees their charts; MASE, relative to a series' own in-sample
// changes, puts near-perfect smooth series first, whose tiny in-sample
// changes make any error large.
func (r *MultiResult) WorstSeries(model string, n int) []string {
	return r.rankSeries(model, n, true)
}

// BestSeries returns up to n series IDs for model, best sMAPE first.
func (r *MultiResult) BestSeries(model string, n int) []string {
	return r.rankSeries(model, n, false)
}

func (r *MultiResult) rankSeries(model string, n int, worst bool) []string {
	ms := r.Model(model)
	if ms == nil {
		return nil
	}
	ps := slices.Clone(ms.PerSeries)
	slices.SortStableFunc(ps, func(a, b SeriesScore) int {
		if worst {
			an, bn := math.IsNaN(a.SMAPE), math.IsNaN(b.SMAPE)
			switch {
			case an && bn:
				return 0
			case an:
				return -1
			case bn:
				return 1
			}
			return cmp.Compare(b.SMAPE, a.SMAPE)
		}
		return cmpNaNLast(a.SMAPE, b.SMAPE)
	})
	n = min(n, len(ps))
	out := make([]string, n)
	for i := range out {
		out[i] = ps[i].Series
	}
	return out
}
