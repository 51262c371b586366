package models

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/tsforecast/tsforecast/eval"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/seq2one"
)

// Auto is the default model: for every series, a combination of the
// forecasts of several models of the catalogue (its members), with weights
// set from their errors on the last horizons of the series' own history.
//
// # Members
//
// Members names them; nil means the LSTM (one global network for several
// series, one network for one series), the linear model (global for
// several series) and the Theta method. On the validation splits of the
// tourism training files and M4 Hourly (BENCHMARKS.md) these three did at
// least as well as any larger set: ETS, ARIMA, MSTL and seasonal naive
// made the combination no better and cost most of its time.
//
// # Validation and weights
//
// Fit fits every member on the whole series, then scores each on the last
// Horizon values of every series long enough: a network member holds
// those values out of its own training (its early stopping watches them),
// so its forecast of them is read from the fitted network conditioned on
// the history before them (forecast.MultiUpdater), without a second
// training; the other members are fitted again without them. For few
// series (fewer than 40 held-out values) the Horizon before that is held
// out too, up to three origins, with every member fitted again. The rule
// of [combine] turns the errors into the members' weights.
//
// # Intervals
//
// Intervals at Settings.Levels are split-conformal: the absolute errors of
// the combination on the held-out values, each divided by its series'
// MASE scale, are pooled over the series at each horizon step (over all
// steps when a step has too few), and the radius at step k is their
// conformal quantile times the series' own scale.
//
// Auto implements [forecast.MultiForecaster] and [forecast.Intervaler].
type Auto struct {
	// Settings are those of the members; Horizon is the horizon held out
	// for validation (0: two seasons, at least 8), Levels the interval
	// levels Fit calibrates for.
	Settings Settings
	// Members names the models to combine; nil chooses them by the data.
	Members []string

	names   []string
	final   []forecast.MultiForecaster
	weights [][]float64 // [series][member]
	scales  []float64   // MASE scale of each series' whole history
	calib   [][]float64 // [step] sorted scaled errors of the combination
	pooled  []float64   // every step's errors, sorted
	h       int
}

// minCalibration is the number of validation errors of the combination
// Fit aims for, so that 95 % intervals need no pooling over steps.
const minCalibration = 40

// autoMembers are the members of Auto unless Members names others.
var autoMembers = []string{"lstm", "linear", "theta"}

// horizon returns the validation horizon for season m.
func (a *Auto) horizon(m int) int {
	if a.Settings.Horizon > 0 {
		return a.Settings.Horizon
	}
	return max(8, 2*m)
}

// Fit validates and fits the members on series, and sets the weights and
// intervals.
func (a *Auto) Fit(ctx context.Context, series []*forecast.Series) error {
	a.final, a.weights, a.calib, a.pooled = nil, nil, nil, nil
	if len(series) == 0 {
		return errors.New("models: auto: no series")
	}
	s := a.Settings
	m := forecast.CommonSeason(s.Season, series)
	s.Season = m
	h := a.horizon(m)
	s.Horizon, s.Levels = h, nil
	a.names = a.Members
	if a.names == nil {
		a.names = autoMembers
	}
	entries := make([]*Entry, len(a.names))
	for j, name := range a.names {
		e, err := Lookup(name)
		if err != nil {
			return fmt.Errorf("models: auto: %w", err)
		}
		if e.Kind == Combination {
			return fmt.Errorf("models: auto: %s cannot be a member", name)
		}
		entries[j] = e
	}
	fits := len(entries) * (origins(len(series), h) + 1)
	a.final = make([]forecast.MultiForecaster, len(entries))
	for j, e := range entries {
		a.stage(&s, "fitting", e.Name, j+1, fits)
		mf := e.Multi(&s, len(series))
		if err := mf.Fit(ctx, series); err != nil {
			return fmt.Errorf("models: auto: %s: %w", e.Name, err)
		}
		a.final[j] = mf
	}
	val, err := a.validate(ctx, entries, &s, series, h, fits)
	if err != nil {
		return err
	}
	a.weights = combine(val, entries, len(series))
	a.calibrate(val, series, m)
	a.h = h
	return nil
}

// validation holds the held-out forecasts of one origin: for each series
// that had one, its index, the actual values, the MASE scale of the part
// before them and each member's forecast.
type validation struct {
	series []int
	actual [][]float64
	scale  []float64
	fc     [][][]float64 // [member][k] forecasts of series[k]
}

// origins returns how many horizons Fit holds out: one when the series
// give enough errors, up to three when they are few.
func origins(nseries, h int) int {
	return min(3, max(1, (minCalibration+nseries*h-1)/(nseries*h)))
}

// validate collects the members' forecasts of each series' last k·h
// values, k = 1…origins, from its history before them: at k = 1 a
// network member's fitted model conditioned on that history, every other
// forecast from a member fitted on it.
func (a *Auto) validate(ctx context.Context, entries []*Entry, s *Settings, series []*forecast.Series, h, fits int) ([]validation, error) {
	var out []validation
	done := len(entries)
	for k := 1; k <= origins(len(series), h); k++ {
		var v validation
		var cut []*forecast.Series
		for i, sr := range series {
			n := sr.Len() - k*h
			if n < max(2*h, 8) { // too short to learn anything from
				continue
			}
			v.series = append(v.series, i)
			v.actual = append(v.actual, sr.Values[n:n+h])
			v.scale = append(v.scale, eval.MASEScale(sr.Values[:n], s.Season))
			cut = append(cut, sr.Slice(0, n))
		}
		if len(cut) == 0 {
			break
		}
		v.fc = make([][][]float64, len(entries))
		for j, e := range entries {
			var err error
			up, ok := a.final[j].(forecast.MultiUpdater)
			if ok && k == 1 && e.Kind == Network {
				v.fc[j], err = heldOut(up, a.final[j], cut, series, v.series, h)
				if err != nil {
					// The history before the held-out values is too
					// short for the network's window: fit it there.
					if err = up.Update(series); err != nil {
						return nil, fmt.Errorf("models: auto: %s: %w", e.Name, err)
					}
					ok = false
				}
			}
			if !ok || k > 1 || e.Kind != Network {
				done++
				a.stage(s, "validating", e.Name, done, fits)
				mf := e.Multi(s, len(cut))
				if err = mf.Fit(ctx, cut); err == nil {
					v.fc[j], err = forecasts(mf, len(cut), h)
				}
			}
			if err != nil {
				return nil, fmt.Errorf("models: auto: validating %s: %w", e.Name, err)
			}
		}
		out = append(out, v)
	}
	return out, nil
}

// heldOut returns the forecasts of the fitted model mf, conditioned on
// the histories cut (of the series at indices idx), of the h values after
// each, and conditions mf on the whole series again.
func heldOut(up forecast.MultiUpdater, mf forecast.MultiForecaster, cut, series []*forecast.Series, idx []int, h int) ([][]float64, error) {
	if err := up.Update(cut); err != nil {
		return nil, err
	}
	out := make([][]float64, len(cut))
	for q, c := range cut {
		i, ok := up.Index(c.ID)
		if !ok {
			i = idx[q]
		}
		f, err := mf.PredictSeries(nil, i, h)
		if err != nil {
			return nil, err
		}
		out[q] = slices.Clone(f[:h])
	}
	return out, up.Update(series)
}

// forecasts returns the h-step forecasts of the n series of mf.
func forecasts(mf forecast.MultiForecaster, n, h int) ([][]float64, error) {
	out := make([][]float64, n)
	for q := range n {
		f, err := mf.PredictSeries(nil, q, h)
		if err != nil {
			return nil, err
		}
		out[q] = slices.Clone(f[:h])
	}
	return out, nil
}

// The combination rule's constants, chosen on the validation splits of
// the tourism training files and M4 Hourly (BENCHMARKS.md): the prior
// weight of a network member, and the temperature of the evidence.
const (
	networkPrior = 0.8
	evidenceTemp = 0.15
)

// stage reports the start of a fit to s.OnStage.
func (a *Auto) stage(s *Settings, what, name string, k, n int) {
	if s.OnStage != nil {
		s.OnStage(fmt.Sprintf("auto: %s %s (%d of %d)", what, name, k, n))
	}
}

// combine returns the weights of the members for each of n series from
// the validation forecasts, by one rule for the whole file: member j has
// the prior weight networkPrior when it is a network (the rest shared
// equally by the others) and its validation error e_j — the mean of its
// mean sMAPE and mean MASE over the held-out values, each relative to the
// best member's — turns the prior into
//
//	w_j ∝ prior_j · exp(−(e_j/min e − 1)/evidenceTemp),
//
// so a member whose errors are much larger than the best one's loses its
// weight while close ones keep their prior: on the validation splits a
// fixed combination of the LSTM with Theta and seasonal naive was both
// better and steadier than choosing the member with the smallest error,
// whose ranking changed from one horizon to the next.
func combine(val []validation, entries []*Entry, n int) [][]float64 {
	k := len(entries)
	prior := make([]float64, k)
	nets := 0
	for _, e := range entries {
		if e.Kind == Network {
			nets++
		}
	}
	for j, e := range entries {
		switch {
		case nets == 0 || nets == k:
			prior[j] = 1 / float64(k)
		case e.Kind == Network:
			prior[j] = networkPrior / float64(nets)
		default:
			prior[j] = (1 - networkPrior) / float64(k-nets)
		}
	}
	w := slices.Clone(prior)
	if e := validationErrors(val, k); e != nil {
		best := slices.Min(e)
		var sum float64
		for j := range w {
			w[j] *= math.Exp(-(e[j]/best - 1) / evidenceTemp)
			sum += w[j]
		}
		for j := range w {
			w[j] /= sum
		}
	}
	out := make([][]float64, n)
	for i := range out {
		out[i] = w
	}
	return out
}

// validationErrors returns, for each of k members, the mean of its mean
// sMAPE and mean MASE over the validation forecasts, each relative to the
// smallest over the members, or nil when no forecast could be scored.
func validationErrors(val []validation, k int) []float64 {
	smape, mase := make([]float64, k), make([]float64, k)
	count := 0
	for _, v := range val {
		for q := range v.actual {
			if !(v.scale[q] > 0) || math.IsInf(v.scale[q], 0) {
				continue
			}
			count++
			for j := range k {
				smape[j] += eval.SMAPE(v.actual[q], v.fc[j][q])
				mase[j] += eval.MAE(v.actual[q], v.fc[j][q]) / v.scale[q]
			}
		}
	}
	if count == 0 {
		return nil
	}
	bs, bm := slices.Min(smape), slices.Min(mase)
	e := make([]float64, k)
	for j := range e {
		rs, rm := 1.0, 1.0
		if bs > 0 {
			rs = smape[j] / bs
		}
		if bm > 0 {
			rm = mase[j] / bm
		}
		e[j] = (rs + rm) / 2
		if math.IsNaN(e[j]) || math.IsInf(e[j], 0) {
			return nil
		}
	}
	return e
}

// calibrate pools the scaled absolute errors of the combination on the
// validation forecasts, per step, for the intervals.
func (a *Auto) calibrate(val []validation, series []*forecast.Series, m int) {
	h := 0
	for _, v := range val {
		if len(v.actual) > 0 {
			h = len(v.actual[0])
		}
	}
	a.calib = make([][]float64, h)
	for _, v := range val {
		for q, i := range v.series {
			if !(v.scale[q] > 0) || math.IsInf(v.scale[q], 0) {
				continue
			}
			for k := range h {
				var c float64
				for j := range v.fc {
					c += a.weights[i][j] * v.fc[j][q][k]
				}
				if e := math.Abs(v.actual[q][k]-c) / v.scale[q]; !math.IsNaN(e) && !math.IsInf(e, 0) {
					a.calib[k] = append(a.calib[k], e)
					a.pooled = append(a.pooled, e)
				}
			}
		}
	}
	for _, c := range a.calib {
		slices.Sort(c)
	}
	slices.Sort(a.pooled)
	a.scales = make([]float64, len(series))
	for i, s := range series {
		a.scales[i] = eval.MASEScale(s.Values, m)
	}
}

// PredictSeries writes the combined h-step forecast of series i to dst.
func (a *Auto) PredictSeries(dst []float64, i, h int) ([]float64, error) {
	if a.final == nil {
		return dst, fmt.Errorf("models: auto: %w", forecast.ErrNotFitted)
	}
	dst, err := predictDst(dst, h)
	if err != nil {
		return nil, err
	}
	clear(dst)
	for j, mf := range a.final {
		f, err := mf.PredictSeries(nil, i, h)
		if err != nil {
			return nil, fmt.Errorf("models: auto: %s: %w", a.names[j], err)
		}
		for k := range dst {
			dst[k] += a.weights[i][j] * f[k]
		}
	}
	return dst, nil
}

// PredictIntervals returns the conformal intervals at levels around the
// h-step forecast of series i.
func (a *Auto) PredictIntervals(i, h int, levels []float64) ([]forecast.Interval, error) {
	point, err := a.PredictSeries(nil, i, h)
	if err != nil {
		return nil, err
	}
	sc := a.scales[i]
	if !(sc >= 0) || math.IsInf(sc, 0) {
		return nil, fmt.Errorf("models: auto: %w: series %d has no error scale", forecast.ErrNoIntervals, i)
	}
	out := make([]forecast.Interval, len(levels))
	r := make([]float64, h)
	for l, level := range levels {
		if !forecast.ValidLevel(level) {
			return nil, fmt.Errorf("models: interval level %v not in (0, 100)", level)
		}
		for k := range r {
			var q float64
			ok := false
			if len(a.calib) > 0 {
				q, ok = forecast.ConformalQuantile(a.calib[min(k, len(a.calib)-1)], level)
			}
			if !ok {
				if q, ok = forecast.ConformalQuantile(a.pooled, level); !ok {
					return nil, fmt.Errorf("models: auto: %w: %d validation errors are too few for %v%% intervals", forecast.ErrNoIntervals, len(a.pooled), level)
				}
			}
			r[k] = q * sc
		}
		out[l] = forecast.IntervalAround(point, r, level)
	}
	return out, nil
}

// DescribeSeries says how series i is combined: each member and its
// weight, e.g. "theta 0.5, lstm 0.5".
func (a *Auto) DescribeSeries(i int) (desc, fallback string) {
	if a.weights == nil {
		return "", ""
	}
	parts := make([]string, 0, len(a.names))
	for j, name := range a.names {
		if w := a.weights[i][j]; w > 0 {
			parts = append(parts, name+" "+strconv.FormatFloat(w, 'f', 2, 64))
		}
	}
	return strings.Join(parts, ", "), ""
}

// autoSeries is Auto on one series, as a forecast.Forecaster.
type autoSeries struct{ a *Auto }

func (s *autoSeries) Fit(ctx context.Context, sr *forecast.Series) error {
	return s.a.Fit(ctx, []*forecast.Series{sr})
}

func (s *autoSeries) Predict(dst []float64, h int) ([]float64, error) {
	return s.a.PredictSeries(dst, 0, h)
}

func (s *autoSeries) PredictIntervals(h int, levels []float64) ([]forecast.Interval, error) {
	return s.a.PredictIntervals(0, h, levels)
}

func (s *autoSeries) History() []seq2one.EpochStats { return s.a.History() }

func (s *autoSeries) Describe() string {
	d, _ := s.a.DescribeSeries(0)
	return d
}

// History returns the training history of the network member's final fit,
// or nil when there is none.
func (a *Auto) History() []seq2one.EpochStats {
	for _, mf := range a.final {
		if h, ok := mf.(interface{ History() []seq2one.EpochStats }); ok {
			return h.History()
		}
	}
	return nil
}
