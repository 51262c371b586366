package main

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/tsforecast/tsforecast/csvio"
	"github.com/tsforecast/tsforecast/eval"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/models"
	"github.com/tsforecast/tsforecast/plots"
	"github.com/urfave/cli/v2"
)

func backtestCommand() *cli.Command {
	return &cli.Command{
		Name:      "backtest",
		Usage:     "walk-forward validation of several models; prints MAE, RMSE, sMAPE and MASE, best first",
		UsageText: "tsforecast backtest --input FILE --horizon H --origins K [--step S] [--models lstm,snaive,hw] [--report DIR]",
		Description: "The K origins are counted back from the end: the last fold's horizon ends at the last value.\n" +
			"Models are ranked best first by mean MASE over folds; on a multi-series file the scores\n" +
			"are averaged over series and, when " + models.Reference + " is among the models, ranked by OWA against it.\n\n" +
			"Example:\n   tsforecast backtest --input examples/data/airline-passengers.csv --horizon 12 --origins 3 --models auto,lstm,theta,ets,snaive",
		Flags: concat(inputFlags(), knownFlags(), []cli.Flag{
			horizonFlag(),
		}, walkForwardFlags(models.Comparison()...), []cli.Flag{
			seasonFlag(),
		}, netFlags(), []cli.Flag{
			localFlag(),
			&cli.StringFlag{Name: "report", EnvVars: env("REPORT"), TakesFile: true,
				Usage: "write the PNG report folder (charts, metrics.csv, summary.json, index.md) to DIR"},
			forceFlag(),
			levelFlag(),
			allowNegativeFlag(),
			&cli.StringFlag{Name: "cv-output", EnvVars: env("CV_OUTPUT"), TakesFile: true,
				Usage: "write every forecast of the backtest as a tidy CSV, one row per series, origin, step and model: id,timestamp (or step),origin,horizon_step,model,actual,forecast[,lo_L,hi_L]"},
			jsonFlag(), quietFlag(),
		}),
		Action: runBacktest,
	}
}

// walkForwardFlags are the backtest settings shared by backtest and report.
func walkForwardFlags(defaultModels ...string) []cli.Flag {
	return []cli.Flag{
		intFlag("origins", "number of forecast origins, counted back from the end", 3, false),
		intFlag("step", "steps between origins; 0 means the horizon", 0, true),
		&cli.StringSliceFlag{Name: "models", EnvVars: env("MODELS"), Value: cli.NewStringSlice(defaultModels...),
			Usage: "comma-separated models to compare: " + strings.Join(modelNames(), ", ")},
		&cli.StringFlag{Name: "window-type", Value: eval.Expanding.String(), EnvVars: env("WINDOW_TYPE"),
			Usage: "training window: expanding or sliding", Action: oneOf("window-type", eval.Expanding.String(), eval.Sliding.String())},
		intFlag("refit", "refit every N origins; 0 fits once at the first origin and then only moves the input window", 1, true),
	}
}

// backtestRun is a finished walk-forward run of one or many series.
type backtestRun struct {
	ds      *csvio.Dataset
	entries []*models.Entry // in --models order
	cfg     eval.Backtest
	season  seasonChoice
	single  *eval.Result      // one series
	many    *eval.MultiResult // several series
}

// backtestInput runs what backtest and report share: it loads --input
// (with known covariates for ahead steps after the end, for report's
// forecast), resolves the season and backtests the --models, and the
// models in also when they are not among them, with the walk-forward
// flags, showing progress on prog.
func backtestInput(cCtx *cli.Context, prog *progress, ahead int, also ...*models.Entry) (*backtestRun, error) {
	entries, err := parseModels(cCtx, cCtx.StringSlice("models"))
	if err != nil {
		return nil, err
	}
	for _, e := range also {
		if !slices.Contains(entries, e) {
			entries = append([]*models.Entry{e}, entries...)
		}
	}
	ds, err := loadInput(cCtx, ahead)
	if err != nil {
		return nil, err
	}
	noteCovariates(prog, ds, entries...)
	season := seasonFor(cCtx, ds, prog)
	return runWalkForward(cCtx, ds, entries, season, prog)
}

// backtestConfig reads the walk-forward flags (checked by their actions).
func backtestConfig(cCtx *cli.Context, season int) eval.Backtest {
	window, _ := eval.ParseWindow(cCtx.String("window-type"))
	cfg := eval.Backtest{
		Window:  window,
		Horizon: cCtx.Int("horizon"),
		Origins: cCtx.Int("origins"),
		Step:    cCtx.Int("step"),
		Refit:   cCtx.Int("refit"),
		Season:  season,
		Levels:  cCtx.Float64Slice("level"),
	}
	return cfg
}

// runWalkForward backtests the models on the series of ds as the
// walk-forward flags say. On several series, OWA is relative to the
// catalogue's reference model when it is among them.
func runWalkForward(cCtx *cli.Context, ds *csvio.Dataset, entries []*models.Entry, season seasonChoice, prog *progress) (*backtestRun, error) {
	cfg := backtestConfig(cCtx, season.Period)
	s := settingsFrom(cCtx, season.Period)
	s.Horizon = cfg.Horizon
	// The models run one after the other (eval.WalkForwardMany): the line
	// shows the one running and its fits, with an ETA from its own rate,
	// since models differ in cost by orders of magnitude. A global model
	// is fitted once per origin over all series, and counts origins.
	ms := make([]eval.Model, len(entries))
	for i, e := range entries {
		label := fmt.Sprintf("backtest: model %d of %d (%s)", i+1, len(entries), e.Name)
		n := &fitCounter{tick: func(n *fitCounter) {
			prog.StageStep(label, int(n.fits.Load()), len(ds.Series)*cfg.Origins, "fits")
		}}
		if e.Global(s, len(ds.Series)) {
			label = fmt.Sprintf("backtest: model %d of %d (%s, one fit over the %d series per origin)", i+1, len(entries), e.Name, len(ds.Series))
			n.tick = func(n *fitCounter) { prog.StageStep(label, int(n.origins.Load()), cfg.Origins, "origins") }
		}
		ms[i] = counted(e.Model(s, ds.Series), n, func() { prog.Start(label) }, cCtx.Bool("allow-negative"))
		if e.Name == models.Reference {
			cfg.Reference = models.Reference
		}
	}
	prog.Start("backtest")
	defer prog.Done()
	run := &backtestRun{ds: ds, entries: entries, cfg: cfg, season: season}
	var err error
	if len(ds.Series) == 1 {
		run.single, err = eval.WalkForward(cCtx.Context, ds.Series[0], ms, &cfg)
	} else {
		run.many, err = eval.WalkForwardMany(cCtx.Context, ds.Series, ms, &cfg)
	}
	if err != nil {
		return nil, err
	}
	return run, nil
}

func runBacktest(cCtx *cli.Context) error {
	if err := require(cCtx, "input", "horizon"); err != nil {
		return err
	}
	prog := newProgress(cCtx)
	run, err := backtestInput(cCtx, prog, 0)
	if err != nil {
		return err
	}
	ds := run.ds
	if dir := cCtx.String("report"); dir != "" {
		r := &plots.Report{Series: ds.Series[0], Backtest: run.single, Baseline: models.IsBaseline}
		if run.many != nil {
			r = &plots.Report{Title: "Backtest: " + ds.Name, Many: run.many, ManySeries: ds.Series, Baseline: models.IsBaseline}
		}
		if err := writeReport(cCtx, "report", dir, r); err != nil {
			return err
		}
		prog.Notef("report written to %s", dir)
	}
	if path := cCtx.String("cv-output"); path != "" {
		if err := writeOutput(cCtx, path, run.writeCV); err != nil {
			return err
		}
	}
	return run.write(cCtx)
}

// write prints the run: its JSON with --json, else the table.
func (r *backtestRun) write(cCtx *cli.Context) error {
	w := cCtx.App.Writer
	if cCtx.Bool("json") {
		if r.many != nil {
			return r.many.WriteJSON(w)
		}
		return r.single.WriteJSON(w)
	}
	return r.writeTable(w)
}

// fmtScore formats a score for the tables: four significant digits; whole
// numbers without an exponent from 1e4 up to fmtScoreExp, where an
// exponent takes over so that a huge score (a series of ±1e300) stays
// about ten characters wide instead of printing hundreds of digits.
func fmtScore(v float64) string {
	switch a := math.Abs(v); {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 0):
		return fmt.Sprint(v)
	case a >= 1e4 && a < fmtScoreExp:
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.4g", v)
}

// fmtScoreExp is the magnitude from which fmtScore uses an exponent.
const fmtScoreExp = 1e7

// writeTable prints the models ranked best first with their mean scores.
func (r *backtestRun) writeTable(w io.Writer) error {
	cfg, ds := r.cfg, r.ds
	step := cfg.Step
	if step == 0 {
		step = cfg.Horizon
	}
	window := cfg.Window.String()
	refit := "refit at every origin"
	switch {
	case cfg.Refit == 0:
		refit = "fitted once, then updated"
	case cfg.Refit > 1:
		refit = fmt.Sprintf("refit every %d origins", cfg.Refit)
	}
	origins := "1 origin"
	if cfg.Origins > 1 {
		origins = fmt.Sprintf("%d origins %d apart", cfg.Origins, step)
	}
	series := "1 series"
	if len(ds.Series) > 1 {
		series = fmt.Sprintf("%d series", len(ds.Series))
	}
	fmt.Fprintf(w, "%s: %s, %s, horizon %d, %s window, %s, season %d (%s)\n",
		ds.Name, series, origins, cfg.Horizon, window, refit, r.season.Period, r.season.Source)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	// Right-aligned numbers, left-aligned model names.
	width := len("model")
	for _, m := range r.models() {
		width = max(width, len(m))
	}
	pad := func(s string) string { return s + strings.Repeat(" ", width-len(s)) }
	ivHead := ""
	for _, l := range cfg.Levels {
		ivHead += fmt.Sprintf("cov %v\twidth %v\t", l, l)
	}
	if r.single != nil {
		fmt.Fprintln(tw, pad("model")+"\tMAE\tRMSE\tsMAPE\tMASE\tMASE sd\tbias\t"+ivHead+"wall s\t")
		for _, m := range r.single.Ranked() {
			mean := m.Summary.Mean
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s%.2f\t\n", pad(m.Model), fmtScore(mean.MAE), fmtScore(mean.RMSE),
				fmtScore(mean.SMAPE), fmtScore(mean.MASE), fmtScore(m.Summary.Std.MASE), fmtScore(mean.Bias),
				intervalCells(cfg.Levels, mean.Intervals), m.Summary.WallSeconds)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		return r.noteIntervals(w)
	}
	owa := r.many.Reference != ""
	head := pad("model") + "\tMAE\tRMSE\tsMAPE\tMASE\t"
	if owa {
		head += "OWA\t"
	}
	fmt.Fprintln(tw, head+ivHead+"best\tworst\twall s\t")
	for _, m := range r.many.Ranked() {
		row := []string{pad(m.Model), fmtScore(m.MAE), fmtScore(m.RMSE), fmtScore(m.SMAPE), fmtScore(m.MASE)}
		if owa {
			row = append(row, fmtScore(m.OWA))
		}
		if c := intervalCells(cfg.Levels, m.Intervals); c != "" {
			row = append(row, strings.TrimSuffix(c, "\t"))
		}
		row = append(row, m.Best, m.Worst, fmt.Sprintf("%.2f", m.WallSeconds))
		fmt.Fprintln(tw, strings.Join(row, "\t")+"\t")
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if owa {
		fmt.Fprintf(w, "scores are means over series of each series' mean over folds; OWA relative to %s\n", r.many.Reference)
	} else {
		fmt.Fprintf(w, "scores are means over series of each series' mean over folds (add %s to --models for OWA)\n", models.Reference)
	}
	return r.noteIntervals(w)
}

// intervalCells formats the coverage (percent) and mean width of each
// level as table cells, "—" where the model had no intervals.
func intervalCells(levels []float64, is []eval.IntervalScore) string {
	var b strings.Builder
	for _, l := range levels {
		cov, wid := "—", "—"
		for _, s := range is {
			if s.Level == l {
				cov, wid = fmt.Sprintf("%.1f%%", 100*s.Coverage), fmtScore(s.Width)
			}
		}
		b.WriteString(cov + "\t" + wid + "\t")
	}
	return b.String()
}

// noteIntervals says where the intervals of the table came from.
func (r *backtestRun) noteIntervals(w io.Writer) error {
	if len(r.cfg.Levels) == 0 {
		return nil
	}
	_, err := fmt.Fprintln(w, "intervals: the model's own where it has them, else conformal from the errors of earlier folds (— where too few)")
	return err
}

// results returns the per-series results of the run.
func (r *backtestRun) results() []*eval.Result {
	if r.single != nil {
		return []*eval.Result{r.single}
	}
	return r.many.Series
}

// writeCV writes every forecast of the run as a tidy CSV, as
// statsforecast's cross_validation does: one row per series, origin,
// step and model with the actual value and the forecast (and its
// interval bounds); origin is the last timestamp (or, without timestamps,
// the number of values) the model saw. Ids and timestamps are written as
// the forecast CSV writes them, with the input's column names.
func (r *backtestRun) writeCV(w io.Writer) error {
	f := csvio.FormatOf(r.ds)
	idCol, timeCol := f.IDColumn, f.TimeColumn
	if idCol == "" {
		idCol = "id"
	}
	byID := map[string]*forecast.Series{}
	for _, s := range r.ds.Series {
		byID[s.ID] = s
	}
	timed := len(r.ds.Series) > 0 && r.ds.Series[0].Times != nil
	switch {
	case !timed:
		timeCol = "step"
	case timeCol == "":
		timeCol = "timestamp"
	}
	cw := csvio.NewWriter(w)
	head := []string{idCol, timeCol, "origin", "horizon_step", "model", "actual", "forecast"}
	for _, l := range r.cfg.Levels {
		ls := strconv.FormatFloat(l, 'f', -1, 64)
		head = append(head, "lo_"+ls, "hi_"+ls)
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	for _, res := range r.results() {
		s := byID[res.Series]
		layout := timeLayoutOf(s)
		for _, m := range res.Models {
			for _, fd := range m.Folds {
				fc := &csvio.Forecast{ID: res.Series, Point: fd.Forecast, Intervals: fd.Intervals}
				if err := checkFinite(m.Model, fc); err != nil {
					return err
				}
				origin := strconv.Itoa(fd.Origin)
				if timed {
					origin = s.Times[fd.Origin-1].Format(layout)
				}
				for k := range fd.Forecast {
					at := strconv.Itoa(fd.Origin + k + 1)
					if timed {
						at = fd.Times[k].Format(layout)
					}
					rec := []string{res.Series, at, origin, strconv.Itoa(k + 1), m.Model,
						csvio.FormatValue(fd.Actual[k]), csvio.FormatValue(fd.Forecast[k])}
					for li := range r.cfg.Levels {
						lo, hi := "", ""
						if li < len(fd.Intervals) {
							lo, hi = csvio.FormatValue(fd.Intervals[li].Lo[k]), csvio.FormatValue(fd.Intervals[li].Hi[k])
						}
						rec = append(rec, lo, hi)
					}
					if err := cw.Write(rec); err != nil {
						return err
					}
				}
			}
		}
	}
	return cw.Flush()
}

func (r *backtestRun) models() []string {
	var out []string
	if r.single != nil {
		for _, m := range r.single.Models {
			out = append(out, m.Model)
		}
	} else {
		for _, m := range r.many.Models {
			out = append(out, m.Model)
		}
	}
	return out
}
