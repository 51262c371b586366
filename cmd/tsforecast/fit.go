package main

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/tsforecast/tsforecast/csvio"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/models"
	"github.com/tsforecast/tsforecast/seq2one"
	"github.com/urfave/cli/v2"
)

// fitted is a model fitted on the series of a file.
type fitted struct {
	entry  *models.Entry
	label  string // as notes name it: "lstm", "global lstm"
	model  forecast.MultiForecaster
	series []*forecast.Series
}

// fitModel fits the model e with settings s on series, showing progress on
// prog (training epochs, or series done), and notes how a network's
// training went.
func fitModel(cCtx *cli.Context, e *models.Entry, s *models.Settings, series []*forecast.Series, prog *progress) (*fitted, error) {
	n := len(series)
	f := &fitted{entry: e, label: modelLabel(e, s, n), series: series}
	showEpochs(prog, e, s, n)
	s.OnStage = prog.Start
	if n > 1 {
		s.OnSeries = func(done, total int) { prog.Step(done, total, "series") }
	}
	f.model = e.Multi(s, n)
	switch {
	case e.Global(s, n):
		prog.Start(fmt.Sprintf("training %s on %d series", f.label, n))
	case n > 1:
		prog.Start("forecasting")
	default:
		prog.Start("training " + e.Name)
	}
	err := f.model.Fit(cCtx.Context, series)
	prog.Done()
	if err != nil {
		return nil, err
	}
	if h, ok := f.model.(historian); ok {
		noteTraining(prog, f.label, h.History())
	}
	f.noteFits(prog)
	return f, nil
}

// seriesDescriber is a multi-series model that says what each series'
// model became and why a fallback stood in (models.Local).
type seriesDescriber interface {
	DescribeSeries(i int) (desc, fallback string)
}

// description returns what the model of series i became, or "", and why
// a fallback stood in, or "".
func (f *fitted) description(i int) (desc, fallback string) {
	if d, ok := f.model.(seriesDescriber); ok {
		return d.DescribeSeries(i)
	}
	return "", ""
}

// noteFits notes what the models became: for one series, the spec chosen
// or the fallback and why; for several, how many series got each spec,
// and one line counting the series that fell back.
func (f *fitted) noteFits(prog *progress) {
	n := len(f.series)
	specs, fell := map[string]int{}, map[string]int{}
	nfell := 0
	for i := range f.series {
		d, why := f.description(i)
		switch {
		case why != "":
			fell[d+" ("+why+")"]++
			nfell++
		case d != "":
			specs[d]++
		}
	}
	if n == 1 {
		d, why := f.description(0)
		switch {
		case why != "":
			prog.Notef("%s: %s, forecast by %s instead", f.label, why, d)
		case d != "":
			prog.Notef("%s: %s", f.label, d)
		}
		return
	}
	if len(specs) > 0 {
		prog.Notef("%s: %s", f.label, countList(specs, n))
	}
	if nfell > 0 {
		prog.Notef("%s: %d of %d series forecast by a fallback: %s", f.label, nfell, n, countList(fell, n))
	}
}

// countList lists the keys of count by decreasing count (then name) as
// "a (3 of 10), b (1 of 10)".
func countList(count map[string]int, total int) string {
	keys := make([]string, 0, len(count))
	for k := range count {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if c := cmp.Compare(count[b], count[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s (%d of %d)", k, count[k], total)
	}
	return strings.Join(parts, ", ")
}

// forecasts returns the h-step forecast of every series, with intervals at
// levels; the forecasts and bounds of a series without negative values
// are clipped at 0 unless allowNegative.
func (f *fitted) forecasts(h int, levels []float64, allowNegative bool) ([]seriesForecast, error) {
	out := make([]seriesForecast, len(f.series))
	for i, s := range f.series {
		p, err := f.model.PredictSeries(nil, i, h)
		if err != nil {
			return nil, f.seriesErr(s, err)
		}
		out[i] = seriesForecast{Forecast: csvio.Forecast{ID: s.ID, TimeLayout: timeLayoutOf(s), Times: s.FutureTimes(h), Point: slices.Clone(p[:h])}}
		out[i].Fitted, _ = f.description(i)
		if len(levels) > 0 {
			iv, ok := f.model.(forecast.Intervaler)
			if !ok {
				return nil, fmt.Errorf("%s gives no prediction intervals", f.label)
			}
			if out[i].Intervals, err = iv.PredictIntervals(i, h, levels); err != nil {
				return nil, f.seriesErr(s, err)
			}
		}
		if !allowNegative && forecast.NonNegative(s.Values) {
			forecast.ClipNonNegative(out[i].Point, out[i].Intervals)
		}
		if err := checkFinite(f.entry.Name, &out[i].Forecast); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (f *fitted) seriesErr(s *forecast.Series, err error) error {
	return seriesErr(len(f.series), s.ID, err)
}

// seriesErr names the series id in err when there are n > 1 series.
func seriesErr(n int, id string, err error) error {
	if errors.Is(err, seq2one.ErrPastCovariates) {
		err = &cliError{msg: err.Error() + " (predict no further than the horizon the model was trained for, train it with a longer --horizon, or name covariates known in advance with --known and give their future with --future)", err: err}
	}
	if n == 1 {
		return err
	}
	return fmt.Errorf("series %q: %w", id, err)
}

// save writes the fitted model to path atomically, or to stdout for "-".
func (f *fitted) save(cCtx *cli.Context, path string) error {
	sv, ok := f.model.(forecast.Saver)
	if !ok {
		return fmt.Errorf("a fitted %s cannot be saved", f.label)
	}
	if g, ok := sv.(*seq2one.Global); ok {
		// predict computes each series' state from its history in the
		// file it reads, so the training series' states would only make
		// the file grow with their number.
		sv = g.WeightsOnly()
	}
	return writeOutput(cCtx, path, sv.Save)
}
