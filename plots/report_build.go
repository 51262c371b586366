package plots

import (
	"bytes"
	"fmt"
	"math"

	"github.com/tsforecast/tsforecast/eval"
)

func (r *Report) build() (sum *reportSummary, charts []reportChart, rows []MetricRow, cols []string, err error) {
	sum = &reportSummary{Title: r.Title}
	add := func(file, caption string, c Chart) error {
		b, err := renderPNG(c, r.Size)
		if err != nil {
			return fmt.Errorf("plots: report %s: %w", file, err)
		}
		charts = append(charts, reportChart{File: file, Caption: caption, png: b})
		return nil
	}
	s := r.Series
	if s != nil {
		sum.Series = s.ID
		if err := checkFinite("report", "Series.Values", s.Values); err != nil {
			return nil, nil, nil, nil, err
		}
		if s.Times != nil && len(s.Times) != len(s.Values) {
			return nil, nil, nil, nil, fmt.Errorf("plots: report: series %s has %d times for %d values", s.ID, len(s.Times), len(s.Values))
		}
	}
	model := r.Model
	var mr *eval.ModelResult
	if bt := r.Backtest; bt != nil {
		if model == "" {
			if rk := bt.Ranked(); len(rk) > 0 {
				model = rk[0].Model
			}
		}
		mr = bt.Model(model)
		if mr == nil {
			return nil, nil, nil, nil, fmt.Errorf("plots: report: model %q not in the backtest", model)
		}
		sum.Horizon, sum.Season, sum.Levels, sum.Folds = bt.Horizon, bt.Season, bt.Levels, len(mr.Folds)
		cols, rows = r.backtestRows(bt)
	}
	if r.Many != nil {
		if model == "" {
			if rk := r.Many.Ranked(); len(rk) > 0 {
				model = rk[0].Model
			}
		}
		if r.Backtest == nil {
			cols, rows = r.manyRows(r.Many)
			sum.Horizon, sum.Levels = r.Many.Horizon, r.Many.Levels
		}
		sum.NSeries = len(r.Many.Series)
	}
	sum.Model = model
	if sum.Title == "" {
		switch {
		case s != nil:
			sum.Title = "Forecast report: " + s.ID
		case r.Many != nil:
			sum.Title = fmt.Sprintf("Forecast report: %d series", len(r.Many.Series))
		default:
			sum.Title = "Training report"
		}
	}

	if f := r.Forecast; f != nil {
		c := &ForecastChart{ID: s.ID, YLabel: s.Target, Model: f.Model, History: s.Values, Forecast: f.Point, Times: s.Times, Freq: s.Freq}
		c.Bands, sum.Warnings = finiteBands(f.Intervals, "forecast", sum.Warnings)
		if err := add(FileForecast, fmt.Sprintf("Forecast of %s by %s for the next %d steps after the data%s.", s.ID, f.Model, len(f.Point), bandsCaption(c.Bands)), c); err != nil {
			return nil, nil, nil, nil, err
		}
	}
	if len(r.ManyForecasts) > 0 {
		g, caption, err := r.forecastGrid()
		if err != nil {
			return nil, nil, nil, nil, err
		}
		if g != nil {
			if err := add(FileForecasts, caption, g); err != nil {
				return nil, nil, nil, nil, err
			}
		}
	}
	if mr != nil && len(mr.Folds) > 0 {
		last := mr.Folds[len(mr.Folds)-1]
		c := foldChart(s, model, &last)
		c.Bands, sum.Warnings = finiteBands(last.Intervals, "last fold", sum.Warnings)
		if err := add(FileLastFold, fmt.Sprintf("Last walk-forward fold: %s forecasts %d steps from origin %s against what happened%s.", model, len(last.Forecast), originLabel(timeline{times: s.Times, freq: s.Freq}, last.Origin-1), bandsCaption(c.Bands)), c); err != nil {
			return nil, nil, nil, nil, err
		}
		wf := &WalkForwardChart{ID: s.ID, YLabel: s.Target, Model: model, Values: s.Values, Times: s.Times, Freq: s.Freq, Metric: "MAE",
			Metrics: []Metric{{"mean MAE", mr.Summary.Mean.MAE}, {"MASE", mr.Summary.Mean.MASE}}}
		for _, f := range mr.Folds {
			wf.Folds = append(wf.Folds, Fold{Origin: f.Origin, Forecast: f.Forecast, Error: f.Scores.MAE})
		}
		if err := add(FileWalkForward, fmt.Sprintf("All %d walk-forward folds of %s drawn from their origins over the series; the worst fold by MAE is highlighted.", len(mr.Folds), model), wf); err != nil {
			return nil, nil, nil, nil, err
		}
		hc := &HorizonChart{Title: fmt.Sprintf("%s: MAE by horizon step over %d folds", s.ID, len(mr.Folds)), Metric: "MAE"}
		for _, m := range r.Backtest.Models {
			e := make([]float64, len(m.Steps))
			for i, st := range m.Steps {
				e[i] = st.MAE
			}
			hc.Models = append(hc.Models, HorizonErrors{Model: m.Model, Errors: e, Baseline: r.isBaseline(m.Model) && m.Model != model})
		}
		if err := add(FileHorizon, "Mean absolute error at each horizon step for every model; baselines dashed.", hc); err != nil {
			return nil, nil, nil, nil, err
		}
		if rc, how := residualChart(s, model, r.Backtest, mr); rc != nil {
			if err := add(FileResiduals, fmt.Sprintf("Out-of-sample residuals of %s (%s): over time, distribution and autocorrelation with ±1.96/√n bounds.", model, how), rc); err != nil {
				return nil, nil, nil, nil, err
			}
		} else {
			sum.Warnings = append(sum.Warnings, "residual diagnostics skipped: fewer than 3 out-of-sample residuals")
		}
	}
	if r.Training != nil {
		tc := *r.Training
		caption := fmt.Sprintf("Training and validation loss over %d epochs", len(tc.Train))
		switch {
		case tc.BestEpoch > 0 && tc.BestEpoch < len(tc.Train):
			caption += fmt.Sprintf("; early stopping kept the weights of epoch %d", tc.BestEpoch)
		case tc.BestEpoch > 0:
			caption += "; the last epoch was the best and was kept"
		}
		if err := add(FileTraining, caption+".", &tc); err != nil {
			return nil, nil, nil, nil, err
		}
	}
	if r.Many != nil && r.Backtest == nil {
		hc := &HorizonChart{Title: fmt.Sprintf("sMAPE by horizon step, mean over %d series", len(r.Many.Series)), Metric: "sMAPE (%)"}
		for _, m := range r.Many.Models {
			if len(m.Steps) == 0 {
				hc = nil
				break
			}
			e := make([]float64, len(m.Steps))
			for i, st := range m.Steps {
				e[i] = st.SMAPE
			}
			hc.Models = append(hc.Models, HorizonErrors{Model: m.Model, Errors: e, Baseline: r.isBaseline(m.Model) && m.Model != model})
		}
		if hc != nil && len(hc.Models) > 0 {
			if err := add(FileHorizon, "sMAPE at each horizon step, averaged over the series, for every model; baselines dashed.", hc); err != nil {
				return nil, nil, nil, nil, err
			}
		}
	}
	if r.Many != nil && len(r.ManySeries) > 0 {
		grids := []struct{ file, pick string }{{FileGrid, r.GridPick}}
		if r.GridPick == "" {
			grids = []struct{ file, pick string }{{FileGrid, "worst"}, {FileGridBest, "best"}}
		}
		for _, gr := range grids {
			g, caption, err := r.grid(model, gr.pick)
			if err != nil {
				return nil, nil, nil, nil, err
			}
			if g != nil {
				if err := add(gr.file, caption, g); err != nil {
					return nil, nil, nil, nil, err
				}
			}
		}
	}
	if c := r.Components; c != nil {
		caption := "The series, its autocorrelation and its MSTL decomposition into trend, seasonal cycles and remainder."
		if c.Components == nil {
			caption = "The series and its autocorrelation (too short for a decomposition)."
		}
		if err := add(FileComponents, caption, c); err != nil {
			return nil, nil, nil, nil, err
		}
	}
	if len(charts) == 0 {
		return nil, nil, nil, nil, ErrNothingToReport
	}
	if r.ForecastCSV != nil {
		var b bytes.Buffer
		if err := r.ForecastCSV(&b); err != nil {
			return nil, nil, nil, nil, fmt.Errorf("plots: report %s: %w", FileForecastCSV, err)
		}
		sum.ForecastCSV, sum.csv = FileForecastCSV, b.Bytes()
	}
	sum.Charts = charts
	sum.Columns = cols
	for _, row := range rows {
		jr := jsonRow{Model: row.Model, Baseline: row.Baseline, Values: map[string]*float64{}}
		for k, v := range row.Values {
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				jr.Values[k] = &v
			} else {
				jr.Values[k] = nil
			}
		}
		sum.Metrics = append(sum.Metrics, jr)
	}
	return sum, charts, rows, cols, nil
}
