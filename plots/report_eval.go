package plots

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/tsforecast/tsforecast/eval"
	"github.com/tsforecast/tsforecast/forecast"
)

func bandsCaption(bands []forecast.Interval) string {
	if len(bands) == 0 {
		return ""
	}
	var ls []string
	for _, b := range bands {
		ls = append(ls, fmt.Sprintf("%.4g%%", b.Level))
	}
	return ", with " + strings.Join(ls, " and ") + " prediction intervals"
}

// foldChart draws fold f of model on s: history up to the origin, the
// actual values and the forecast with the fold's intervals.
func foldChart(s *forecast.Series, model string, f *eval.Fold) *ForecastChart {
	c := &ForecastChart{
		ID: s.ID, YLabel: s.Target, Model: model,
		Metrics: []Metric{{"MAE", f.Scores.MAE}, {"sMAPE", f.Scores.SMAPE}, {"MASE", f.Scores.MASE}},
		History: s.Values[:f.Origin], Forecast: f.Forecast, Actual: f.Actual, Freq: s.Freq,
	}
	c.Metrics = slices.DeleteFunc(c.Metrics, func(m Metric) bool { return math.IsNaN(m.Value) || math.IsInf(m.Value, 0) })
	if s.Times != nil {
		c.Times = s.Times[:f.Origin]
	}
	c.Bands, _ = finiteBands(f.Intervals, "", nil)
	return c
}

// finiteBands converts eval intervals (levels in percent) to bands, leaving
// out any interval with an unbounded or NaN bound (conformal intervals are
// infinite when too few folds calibrate them) and noting it in warnings.
func finiteBands(ivs []forecast.Interval, what string, warnings []string) ([]forecast.Interval, []string) {
	var bands []forecast.Interval
	for _, iv := range ivs {
		if checkFinite("", "", iv.Lo) != nil || checkFinite("", "", iv.Hi) != nil {
			if what != "" {
				warnings = append(warnings, fmt.Sprintf("%s: the %.4g%% interval is unbounded or undefined (too few calibration folds) and is not drawn", what, iv.Level))
			}
			continue
		}
		bands = append(bands, iv)
	}
	return bands, warnings
}

// residualChart collects the out-of-sample errors of mr. When the folds
// do not overlap (origins at least a horizon apart) every error is used in
// time order; otherwise only the one-step-ahead errors, one per fold, so no
// time point is counted twice.
func residualChart(s *forecast.Series, model string, bt *eval.Result, mr *eval.ModelResult) (*ResidualChart, string) {
	tiled := true
	for i := 1; i < len(mr.Folds); i++ {
		if mr.Folds[i].Origin-mr.Folds[i-1].Origin < len(mr.Folds[i-1].Forecast) {
			tiled = false
		}
	}
	rc := &ResidualChart{ID: s.ID, Model: model, Freq: s.Freq}
	timed := s.Times != nil
	for _, f := range mr.Folds {
		n := len(f.Forecast)
		if !tiled {
			n = min(n, 1)
		}
		for j := 0; j < n && j < len(f.Actual); j++ {
			rc.Residuals = append(rc.Residuals, f.Actual[j]-f.Forecast[j])
			if timed {
				idx := f.Origin + j
				if idx < len(s.Times) {
					rc.Times = append(rc.Times, s.Times[idx])
				} else {
					timed = false
				}
			}
		}
	}
	if !timed || len(rc.Times) != len(rc.Residuals) {
		rc.Times = nil
	}
	if len(rc.Residuals) < 3 {
		return nil, ""
	}
	how := "every step of non-overlapping folds"
	if !tiled {
		how = "one-step-ahead errors, one per fold"
	}
	return rc, how
}

// grid builds the small-multiples chart of the series that pick chooses
// (see Report.GridPick).
func (r *Report) grid(model, pick string) (*GridChart, string, error) {
	ms := r.Many.Model(model)
	if ms == nil {
		return nil, "", fmt.Errorf("plots: report: model %q not in the multi-series run", model)
	}
	n := r.GridSize
	if n <= 0 {
		n = 9
	}
	n = min(n, MaxPanels)
	byID := map[string]*forecast.Series{}
	for _, s := range r.ManySeries {
		byID[s.ID] = s
	}
	results := map[string]*eval.Result{}
	for _, res := range r.Many.Series {
		results[res.Series] = res
	}
	var ids []string
	switch pick {
	case "", "worst":
		pick = "worst"
		ids = r.Many.WorstSeries(model, n)
	case "best":
		ids = r.Many.BestSeries(model, n)
	default:
		var err error
		if ids, err = gridIDs(pick, func(id string) bool { return byID[id] != nil && results[id] != nil }); err != nil {
			return nil, "", err
		}
		pick = "chosen"
	}
	g := &GridChart{}
	for _, id := range ids {
		s, res := byID[id], results[id]
		if s == nil || res == nil {
			continue
		}
		m := res.Model(model)
		if m == nil || len(m.Folds) == 0 {
			continue
		}
		f := m.Folds[len(m.Folds)-1]
		c := foldChart(s, model, &f)
		c.Metrics = []Metric{{"sMAPE", m.Summary.Mean.SMAPE}}
		g.Panels = append(g.Panels, *c)
	}
	if len(g.Panels) == 0 {
		return nil, "", nil
	}
	g.Title = fmt.Sprintf("%s: the %d %s series by sMAPE, mean over folds (last fold drawn)", model, len(g.Panels), pick)
	if pick == "chosen" {
		g.Title = fmt.Sprintf("%s: %d chosen series (last fold drawn; sMAPE, mean over folds)", model, len(g.Panels))
	}
	caption := fmt.Sprintf("Last fold of the %d %s series of %d for %s; each title gives the series' sMAPE, the mean over its folds.", len(g.Panels), pick, len(r.Many.Series), model)
	return g, caption, nil
}

// gridIDs returns the ids that pick names (see Report.GridPick), checked
// against known, or nil when pick names none.
func gridIDs(pick string, known func(id string) bool) ([]string, error) {
	if pick == "" || pick == "worst" || pick == "best" {
		return nil, nil
	}
	var ids, missing []string
	for id := range strings.SplitSeq(pick, ",") {
		if id = strings.TrimSpace(id); id != "" {
			ids = append(ids, id)
			if !known(id) {
				missing = append(missing, id)
			}
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("plots: report grid: unknown series id(s): %s", strings.Join(missing, ", "))
	}
	if len(ids) > MaxPanels {
		return nil, fmt.Errorf("plots: report grid: %d ids, at most %d panels", len(ids), MaxPanels)
	}
	return ids, nil
}

// forecastGrid builds the small multiples of the forecasts past the end
// of the series GridPick names, or of the first GridSize series.
func (r *Report) forecastGrid() (*GridChart, string, error) {
	if len(r.ManyForecasts) != len(r.ManySeries) {
		return nil, "", fmt.Errorf("plots: report: %d forecasts for %d series", len(r.ManyForecasts), len(r.ManySeries))
	}
	index := map[string]int{}
	for i, s := range r.ManySeries {
		index[s.ID] = i
	}
	ids, err := gridIDs(r.GridPick, func(id string) bool { _, ok := index[id]; return ok })
	if err != nil {
		return nil, "", err
	}
	what := "chosen"
	if ids == nil {
		n := r.GridSize
		if n <= 0 {
			n = 9
		}
		for _, s := range r.ManySeries[:min(n, MaxPanels, len(r.ManySeries))] {
			ids = append(ids, s.ID)
		}
		what = "first"
	}
	g := &GridChart{}
	var model string
	for _, id := range ids {
		i := index[id]
		s, f := r.ManySeries[i], r.ManyForecasts[i]
		if f == nil {
			continue
		}
		c := ForecastChart{ID: s.ID, YLabel: s.Target, Model: f.Model, History: s.Values, Forecast: f.Point, Times: s.Times, Freq: s.Freq}
		c.Bands, _ = finiteBands(f.Intervals, "", nil)
		g.Panels = append(g.Panels, c)
		model = f.Model
	}
	if len(g.Panels) == 0 {
		return nil, "", nil
	}
	g.Title = fmt.Sprintf("%s forecasts of the %s %d of %d series", model, what, len(g.Panels), len(r.ManySeries))
	caption := fmt.Sprintf("Forecasts by %s past the end of the %s %d of %d series%s.", model, what, len(g.Panels), len(r.ManySeries), bandsCaption(g.Panels[0].Bands))
	return g, caption, nil
}

// backtestRows is one row per model of a single-series backtest, ranked
// best first.
func (r *Report) backtestRows(bt *eval.Result) ([]string, []MetricRow) {
	cols := []string{"folds", "mae", "rmse", "mape", "smape", "mase", "bias"}
	for _, l := range bt.Levels {
		ls := strconv.FormatFloat(l, 'g', -1, 64)
		cols = append(cols, "coverage_"+ls, "width_"+ls)
	}
	var rows []MetricRow
	for _, m := range bt.Ranked() {
		mean := m.Summary.Mean
		v := map[string]float64{"folds": float64(m.Summary.Folds), "mae": mean.MAE, "rmse": mean.RMSE, "mape": mean.MAPE, "smape": mean.SMAPE, "mase": mean.MASE, "bias": mean.Bias}
		for i, l := range bt.Levels {
			ls := strconv.FormatFloat(l, 'g', -1, 64)
			v["coverage_"+ls], v["width_"+ls] = math.NaN(), math.NaN()
			if i < len(mean.Intervals) {
				v["coverage_"+ls], v["width_"+ls] = mean.Intervals[i].Coverage, mean.Intervals[i].Width
			}
		}
		rows = append(rows, MetricRow{Model: m.Model, Baseline: r.isBaseline(m.Model), Values: v})
	}
	return cols, rows
}

// manyRows is one row per model of a multi-series run, ranked best first.
func (r *Report) manyRows(mr *eval.MultiResult) ([]string, []MetricRow) {
	cols := []string{"series", "mae", "rmse", "mape", "smape", "mase", "owa", "bias"}
	for _, l := range mr.Levels {
		ls := strconv.FormatFloat(l, 'g', -1, 64)
		cols = append(cols, "coverage_"+ls, "width_"+ls)
	}
	var rows []MetricRow
	for _, m := range mr.Ranked() {
		v := map[string]float64{"series": float64(m.Series), "mae": m.MAE, "rmse": m.RMSE, "mape": m.MAPE, "smape": m.SMAPE, "mase": m.MASE, "owa": m.OWA, "bias": m.Bias}
		for i, l := range mr.Levels {
			ls := strconv.FormatFloat(l, 'g', -1, 64)
			v["coverage_"+ls], v["width_"+ls] = math.NaN(), math.NaN()
			if i < len(m.Intervals) {
				v["coverage_"+ls], v["width_"+ls] = m.Intervals[i].Coverage, m.Intervals[i].Width
			}
		}
		rows = append(rows, MetricRow{Model: m.Model, Baseline: r.isBaseline(m.Model), Values: v})
	}
	return cols, rows
}

// writeMetricsCSV writes model,baseline,<cols...>; numbers in the shortest
// form that parses back exactly, non-finite values as NaN/+Inf/-Inf.
