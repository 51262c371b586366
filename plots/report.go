package plots

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/tsforecast/tsforecast/eval"
	"github.com/tsforecast/tsforecast/forecast"
)

// Report gathers what [WriteReport] turns into a folder of charts and
// tables. Every field is optional, but there must be something to chart:
// at least one of Backtest, Forecast, Training and Many.
type Report struct {
	// Title heads index.md; empty means "Forecast report: <series id>".
	Title string
	// Series is the observed series the backtest and forecast were made
	// on. It is required with Backtest or Forecast.
	Series *forecast.Series
	// Model is the model the charts focus on; empty means the best-ranked
	// model of Backtest (eval.Result.Ranked), or of Many.
	Model string

	// Backtest is a walk-forward run on Series. It gives the metric table,
	// the last-fold and walk-forward charts, error by horizon step and the
	// residual diagnostics.
	Backtest *eval.Result
	// Forecast is a forecast past the end of Series, with its intervals.
	Forecast *eval.Forecast
	// Training is a network's training history.
	Training *TrainingChart

	// Many is a walk-forward run over many series; with ManySeries (the
	// same series, any order) it gives the small-multiples grid of the
	// worst series by MASE and the cross-series metric table.
	Many       *eval.MultiResult
	ManySeries []*forecast.Series
	// GridPick chooses the grid's series: "worst" or "best" by MASE, or a
	// comma-separated list of ids. Empty (the default) draws two grids: the
	// worst series in FileGrid and the best in FileGridBest.
	GridPick string
	// GridSize is the number of grid panels; 0 means 9.
	GridSize int

	// Size is the size of single-panel charts; zero fields use DefaultSize.
	Size Size

	// Baseline reports whether a model is a baseline, which the tables
	// mark and the horizon chart dashes; nil means none is.
	Baseline func(model string) bool
}

func (r *Report) isBaseline(model string) bool { return r.Baseline != nil && r.Baseline(model) }

// Report file names. They are fixed so that re-running a report overwrites
// the same files and links stay valid.
const (
	FileIndex       = "index.md"
	FileMetrics     = "metrics.csv"
	FileSummary     = "summary.json"
	FileForecast    = "forecast.png"
	FileLastFold    = "last_fold.png"
	FileWalkForward = "walkforward.png"
	FileHorizon     = "horizon.png"
	FileResiduals   = "residuals.png"
	FileTraining    = "training.png"
	FileGrid        = "grid.png"
	FileGridBest    = "grid_best.png"
)

// chartFiles lists every chart WriteReport may write, in index order.
var chartFiles = []string{FileForecast, FileLastFold, FileWalkForward, FileHorizon, FileResiduals, FileTraining, FileGrid, FileGridBest}

// ErrNothingToReport is returned by WriteReport when the Report has no
// results to chart.
var ErrNothingToReport = errors.New("plots: report has no backtest, forecast, training history or multi-series run")

type reportChart struct {
	File    string `json:"file"`
	Caption string `json:"caption"`
	png     []byte
}

// MetricRow is one row of metrics.csv and of the index table.
type MetricRow struct {
	Model    string             `json:"model"`
	Baseline bool               `json:"baseline"`
	Values   map[string]float64 `json:"metrics"`
}

// reportSummary is the content of summary.json.
type reportSummary struct {
	Title    string        `json:"title"`
	Series   string        `json:"series,omitempty"`
	Model    string        `json:"model,omitempty"`
	Horizon  int           `json:"horizon,omitempty"`
	Season   int           `json:"season,omitempty"`
	Levels   []float64     `json:"levels,omitempty"`
	Folds    int           `json:"folds,omitempty"`
	NSeries  int           `json:"n_series,omitempty"`
	Columns  []string      `json:"columns"`
	Metrics  []jsonRow     `json:"metrics"`
	Charts   []reportChart `json:"charts"`
	Warnings []string      `json:"warnings,omitempty"`
}

type jsonRow struct {
	Model    string              `json:"model"`
	Baseline bool                `json:"baseline"`
	Values   map[string]*float64 `json:"metrics"` // nil for NaN/Inf
}

// WriteReport writes the report r into the directory dir (created if
// needed): one PNG per chart the inputs allow, metrics.csv (one row per
// model), summary.json (run settings, metrics and chart captions) and
// index.md, which shows the charts with one-line captions and the metric
// table. File names are fixed (see FileIndex and the other File constants).
//
// All charts and tables are rendered in memory first, so invalid data
// leave dir untouched; each file is then written atomically (temporary file
// and rename). Chart files of an earlier run that this run does not produce
// are removed, so the folder always describes one run; no other file is
// touched. Output depends only on the inputs: fit timings are left out.
func WriteReport(dir string, r *Report) error {
	if r == nil || (r.Backtest == nil && r.Forecast == nil && r.Training == nil && r.Many == nil) {
		return ErrNothingToReport
	}
	if (r.Backtest != nil || r.Forecast != nil) && r.Series == nil {
		return errors.New("plots: report: Series is required with Backtest or Forecast")
	}
	sum, charts, rows, cols, err := r.build()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("plots: report: %w", err)
	}
	written := map[string]bool{}
	for _, c := range charts {
		if err := forecast.WriteFileAtomic(filepath.Join(dir, c.File), bytesWriter(c.png)); err != nil {
			return err
		}
		written[c.File] = true
	}
	for _, f := range chartFiles {
		if !written[f] {
			if err := os.Remove(filepath.Join(dir, f)); err != nil && !errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("plots: report: removing stale %s: %w", f, err)
			}
		}
	}
	if err := forecast.WriteFileAtomic(filepath.Join(dir, FileMetrics), func(w io.Writer) error {
		return writeMetricsCSV(w, cols, rows)
	}); err != nil {
		return err
	}
	if err := forecast.WriteFileAtomic(filepath.Join(dir, FileSummary), func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(sum)
	}); err != nil {
		return err
	}
	return forecast.WriteFileAtomic(filepath.Join(dir, FileIndex), func(w io.Writer) error {
		return writeIndex(w, sum, cols, rows)
	})
}

func bytesWriter(b []byte) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	}
}

// build renders every chart and assembles the tables.
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
		c := &ForecastChart{ID: s.ID, Model: f.Model, History: s.Values, Forecast: f.Point, Times: s.Times, Freq: s.Freq}
		c.Bands, sum.Warnings = finiteBands(f.Intervals, "forecast", sum.Warnings)
		if err := add(FileForecast, fmt.Sprintf("Forecast of %s by %s for the next %d steps after the data%s.", s.ID, f.Model, len(f.Point), bandsCaption(c.Bands)), c); err != nil {
			return nil, nil, nil, nil, err
		}
	}
	if mr != nil && len(mr.Folds) > 0 {
		last := mr.Folds[len(mr.Folds)-1]
		c := foldChart(s, model, &last)
		c.Bands, sum.Warnings = finiteBands(last.Intervals, "last fold", sum.Warnings)
		if err := add(FileLastFold, fmt.Sprintf("Last walk-forward fold: %s forecasts %d steps from origin %s against what happened%s.", model, len(last.Forecast), originLabel(timeline{times: s.Times, freq: s.Freq}, last.Origin-1), bandsCaption(c.Bands)), c); err != nil {
			return nil, nil, nil, nil, err
		}
		wf := &WalkForwardChart{ID: s.ID, Model: model, Values: s.Values, Times: s.Times, Freq: s.Freq, Metric: "MAE",
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
	if len(charts) == 0 {
		return nil, nil, nil, nil, ErrNothingToReport
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
		ID: s.ID, Model: model,
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
		for id := range strings.SplitSeq(pick, ",") {
			if id = strings.TrimSpace(id); id != "" {
				ids = append(ids, id)
			}
		}
		var missing []string
		for _, id := range ids {
			if byID[id] == nil || results[id] == nil {
				missing = append(missing, id)
			}
		}
		if len(missing) > 0 {
			return nil, "", fmt.Errorf("plots: report grid: unknown series id(s): %s", strings.Join(missing, ", "))
		}
		if len(ids) > MaxPanels {
			return nil, "", fmt.Errorf("plots: report grid: %d ids, at most %d panels", len(ids), MaxPanels)
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
		c.Metrics = []Metric{{"MASE", m.Summary.Mean.MASE}}
		g.Panels = append(g.Panels, *c)
	}
	if len(g.Panels) == 0 {
		return nil, "", nil
	}
	g.Title = fmt.Sprintf("%s: %d %s series by MASE (last fold)", model, len(g.Panels), pick)
	if pick == "chosen" {
		g.Title = fmt.Sprintf("%s: %d chosen series (last fold; MASE over folds)", model, len(g.Panels))
	}
	caption := fmt.Sprintf("Last fold of the %d %s series of %d for %s, MASE averaged over folds in each title.", len(g.Panels), pick, len(r.Many.Series), model)
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
func writeMetricsCSV(w io.Writer, cols []string, rows []MetricRow) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(append([]string{"model", "baseline"}, cols...)); err != nil {
		return err
	}
	for _, r := range rows {
		rec := []string{r.Model, strconv.FormatBool(r.Baseline)}
		for _, c := range cols {
			rec = append(rec, strconv.FormatFloat(r.Values[c], 'g', -1, 64))
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func writeIndex(w io.Writer, sum *reportSummary, cols []string, rows []MetricRow) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# %s\n\n", mdEscape(sum.Title))
	var facts []string
	if sum.Series != "" {
		facts = append(facts, "series **"+mdEscape(sum.Series)+"**")
	}
	if sum.NSeries > 0 {
		facts = append(facts, fmt.Sprintf("%d series", sum.NSeries))
	}
	if sum.Model != "" {
		facts = append(facts, "model **"+mdEscape(sum.Model)+"**")
	}
	if sum.Horizon > 0 {
		facts = append(facts, fmt.Sprintf("horizon %d", sum.Horizon))
	}
	if sum.Folds > 0 {
		facts = append(facts, fmt.Sprintf("%d walk-forward folds", sum.Folds))
	}
	if sum.Season > 0 {
		facts = append(facts, fmt.Sprintf("MASE season %d", sum.Season))
	}
	if len(facts) > 0 {
		fmt.Fprintf(&b, "%s.\n\n", strings.Join(facts, ", "))
	}
	if len(rows) > 0 {
		b.WriteString("## Metrics\n\nMean over folds (per series, then over series for multi-series runs), best first; baselines marked *(b)*. Also in [metrics.csv](metrics.csv).\n\n")
		b.WriteString("| model |")
		for _, c := range cols {
			fmt.Fprintf(&b, " %s |", c)
		}
		b.WriteString("\n|---|")
		for range cols {
			b.WriteString("---:|")
		}
		b.WriteString("\n")
		for _, r := range rows {
			name := mdEscape(r.Model)
			if r.Baseline {
				name += " *(b)*"
			}
			if r.Model == sum.Model {
				name = "**" + name + "**"
			}
			fmt.Fprintf(&b, "| %s |", name)
			for _, c := range cols {
				fmt.Fprintf(&b, " %s |", formatCell(c, r.Values[c]))
			}
			b.WriteString("\n")
		}
		b.WriteString("\n")
	}
	b.WriteString("## Charts\n\n")
	for _, c := range sum.Charts {
		fmt.Fprintf(&b, "![%s](%s)\n\n*%s*\n\n", mdEscape(strings.TrimSuffix(c.File, ".png")), c.File, mdEscape(c.Caption))
	}
	for _, wn := range sum.Warnings {
		fmt.Fprintf(&b, "> Note: %s\n\n", mdEscape(wn))
	}
	_, err := w.Write(b.Bytes())
	return err
}

func formatCell(col string, v float64) string {
	switch {
	case math.IsNaN(v):
		return "–"
	case col == "folds" || col == "series":
		return strconv.FormatFloat(v, 'f', 0, 64)
	case strings.HasPrefix(col, "coverage_"):
		return strconv.FormatFloat(100*v, 'f', 1, 64) + "%"
	}
	return strconv.FormatFloat(v, 'g', 4, 64)
}

var mdReplacer = strings.NewReplacer("|", `\|`, "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", "&lt;", ">", "&gt;")

func mdEscape(s string) string { return mdReplacer.Replace(s) }
