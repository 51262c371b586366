package eval

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tsforecast/tsforecast/forecast"
)

// Model names a forecaster and says how to make a fresh, unfitted one.
// New is called once per fold (or per run of folds between refits) and
// must return an independent value each time, so that folds can run in
// parallel; a model with randomness should seed itself from its config so
// that every call behaves the same.
type Model struct {
	Name string
	New  func() forecast.Forecaster
}

// Window is the kind of training window of a walk-forward run.
type Window int

const (
	// Expanding trains each fold on all values before its origin.
	Expanding Window = iota
	// Sliding trains each fold on a fixed number of values before its
	// origin ([Backtest.SlidingSize]).
	Sliding
)

// String returns "expanding" or "sliding".
func (w Window) String() string {
	switch w {
	case Expanding:
		return "expanding"
	case Sliding:
		return "sliding"
	}
	return fmt.Sprintf("Window(%d)", int(w))
}

// ParseWindow returns the Window named s, as printed by [Window.String].
func ParseWindow(s string) (Window, error) {
	switch s {
	case "expanding":
		return Expanding, nil
	case "sliding":
		return Sliding, nil
	}
	return 0, fmt.Errorf("eval: unknown window %q (want expanding or sliding)", s)
}

// Backtest configures a walk-forward (rolling-origin) evaluation. A nil
// *Backtest is invalid because Horizon has no default; other fields work at
// their zero value as stated. WalkForward never modifies the Backtest.
type Backtest struct {
	// Horizon is the number of steps forecast from each origin. Required.
	Horizon int
	// Step is the distance between consecutive origins; 0 means Horizon,
	// so that the test windows tile the end of the series.
	Step int
	// Origins is the number of forecast origins, counted back from the
	// end: the last fold's horizon ends at the last value. For example 3
	// origins with Step 12 and Horizon 12 test the last 36 values. When
	// Origins is 0, InitialTrain is used instead.
	Origins int
	// InitialTrain is the first origin (the training size of the first
	// fold) when Origins is 0; origins then advance by Step while a full
	// horizon remains. One of Origins and InitialTrain must be positive.
	InitialTrain int
	// Window is Expanding (the default) or Sliding.
	Window Window
	// SlidingSize is the number of training values per fold with a
	// Sliding window; 0 means the first origin, so every fold trains on as
	// many values as the first.
	SlidingSize int
	// Refit says how often models are fitted: 1 at every origin, k at
	// every k-th origin, and 0 only at the first origin. Between refits a
	// model that implements [forecast.Updater] is given the fold's training
	// data with Update (same parameters, new history); any other model is
	// refitted. Folds between two refits run in order; separate runs of
	// folds run in parallel.
	Refit int
	// Season is the seasonal period m used by MASE; 0 means the series'
	// frequency default ([forecast.Freq.Season], 1 for Step data).
	Season int
	// Levels lists prediction interval levels in percent, each in
	// (0, 100), e.g. {80, 95}. When non-empty, folds get conformal
	// intervals and interval scores; see Calibration.
	Levels []float64
	// Calibration is the smallest number of earlier folds whose absolute
	// errors calibrate a fold's intervals. Only folds whose horizons end
	// at or before the origin are used, so no future value leaks in. 0
	// means the least number for which every level has a finite conformal
	// quantile: ⌈l/(1−l)⌉ for the highest level l (19 for 95 %, 4 for 80 %).
	Calibration int
	// ScaledIntervals calibrates intervals on scaled errors: each fold's
	// absolute errors are divided by the in-sample MAE of the seasonal
	// naive forecast on its training data (the MASE scale, with Season),
	// and the conformal radius is multiplied by the current fold's scale,
	// so interval widths follow changes in the series' level and
	// volatility. When a fold's scale is zero or undefined, plain absolute
	// errors are used for the whole series.
	ScaledIntervals bool
	// Reference names the model OWA is computed against in [WalkForwardMany];
	// "" means the model named [NameNaive2] when present, else no OWA.
	Reference string
	// Workers bounds the number of folds fitted at once; 0 means
	// runtime.GOMAXPROCS(0). Results do not depend on it.
	Workers int
}

func (c *Backtest) step() int {
	if c.Step > 0 {
		return c.Step
	}
	return c.Horizon
}

func (c *Backtest) validate(nModels int) error {
	switch {
	case c == nil:
		return errors.New("eval: nil backtest config")
	case c.Horizon < 1:
		return fmt.Errorf("eval: horizon must be at least 1, got %d", c.Horizon)
	case c.Step < 0:
		return fmt.Errorf("eval: step must not be negative, got %d", c.Step)
	case c.Origins < 0 || c.InitialTrain < 0:
		return fmt.Errorf("eval: origins (%d) and initial train size (%d) must not be negative", c.Origins, c.InitialTrain)
	case c.Origins == 0 && c.InitialTrain == 0:
		return errors.New("eval: set the number of origins or the initial training size")
	case c.Window != Expanding && c.Window != Sliding:
		return fmt.Errorf("eval: unknown window %d", int(c.Window))
	case c.SlidingSize < 0 || c.Refit < 0 || c.Season < 0 || c.Calibration < 0 || c.Workers < 0:
		return errors.New("eval: sliding size, refit, season, calibration and workers must not be negative")
	case nModels == 0:
		return errors.New("eval: no models")
	}
	for _, l := range c.Levels {
		if !(l > 0 && l < 100) {
			return fmt.Errorf("eval: interval level %v not in (0, 100)", l)
		}
	}
	return nil
}

// minCalibration returns the number of calibration folds to require.
func (c *Backtest) minCalibration() int {
	if c.Calibration > 0 {
		return c.Calibration
	}
	n := 1
	for _, l := range c.Levels {
		n = max(n, MinCalibration(l))
	}
	return n
}

// origins returns the fold origins for a series of n values.
func (c *Backtest) origins(n int) ([]int, error) {
	h, st := c.Horizon, c.step()
	var out []int
	if c.Origins > 0 {
		first := n - h - (c.Origins-1)*st
		if first < 1 {
			return nil, fmt.Errorf("%d values are too few for %d origins %d apart with horizon %d (need at least %d)",
				n, c.Origins, st, h, h+(c.Origins-1)*st+1)
		}
		for k := range c.Origins {
			out = append(out, first+k*st)
		}
		return out, nil
	}
	for o := c.InitialTrain; o+h <= n; o += st {
		out = append(out, o)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%d values are too few for initial training size %d and horizon %d", n, c.InitialTrain, h)
	}
	return out, nil
}

// trainStart returns the first training index of the fold at origin o.
func (c *Backtest) trainStart(o, first int) int {
	if c.Window != Sliding {
		return 0
	}
	size := c.SlidingSize
	if size == 0 {
		size = first
	}
	return max(0, o-size)
}

func (c *Backtest) season(s *forecast.Series) int {
	if c.Season > 0 {
		return c.Season
	}
	return max(1, s.Freq.Season())
}

// WalkForward evaluates models on s by rolling-origin validation as cfg
// says, every model on the same folds. Each fold hands a model only the
// training values before its origin (s.Slice(start, origin), whose
// capacity ends at the origin), so scalers, features and seasonality
// estimates are fitted inside the fold. Folds run in parallel on
// cfg.Workers goroutines; the result does not depend on their number or
// order except for the FitSeconds timings.
//
// It returns an error for an invalid cfg, a series too short for the
// requested folds, and for any fold whose Fit, Update or Predict fails or
// whose forecast is not finite; the error names the series, model and
// origin. When several folds fail, the error is that of the first failing
// run of folds in series, model and fold order, whatever the number of
// workers; runs after it are not started.
func WalkForward(ctx context.Context, s *forecast.Series, models []Model, cfg *Backtest) (*Result, error) {
	rs, err := runMany(ctx, []*forecast.Series{s}, models, cfg)
	if err != nil {
		return nil, err
	}
	return rs[0], nil
}

// WalkForwardMany runs [WalkForward] with the same cfg on every series, in
// parallel across series and folds, and summarises each model across the
// series as the M4 competition does (see [MultiSummary]): OWA is relative
// to cfg.Reference.
func WalkForwardMany(ctx context.Context, series []*forecast.Series, models []Model, cfg *Backtest) (*MultiResult, error) {
	if len(series) == 0 {
		return nil, errors.New("eval: no series")
	}
	rs, err := runMany(ctx, series, models, cfg)
	if err != nil {
		return nil, err
	}
	return summarizeMany(rs, models, cfg)
}

// task is a run of consecutive folds of one model on one series: the
// first is fitted, the others updated (or refitted).
type task struct {
	si, mi     int
	first, end int // fold indices [first, end)
}

func runMany(ctx context.Context, series []*forecast.Series, models []Model, cfg *Backtest) ([]*Result, error) {
	if err := cfg.validate(len(models)); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, m := range models {
		if m.New == nil {
			return nil, fmt.Errorf("eval: model %q has no constructor", m.Name)
		}
		if seen[m.Name] {
			return nil, fmt.Errorf("eval: model name %q used twice", m.Name)
		}
		seen[m.Name] = true
	}
	results := make([]*Result, len(series))
	var tasks []task
	for si, s := range series {
		if s == nil {
			return nil, fmt.Errorf("eval: series %d is nil", si)
		}
		orig, err := cfg.origins(s.Len())
		if err != nil {
			return nil, fmt.Errorf("eval: series %q: %w", s.ID, err)
		}
		r := &Result{
			Series:  s.ID,
			Horizon: cfg.Horizon,
			Season:  cfg.season(s),
			Levels:  slices.Clone(cfg.Levels),
			Origins: orig,
			Models:  make([]ModelResult, len(models)),
		}
		results[si] = r
		chunk := len(orig)
		if cfg.Refit > 0 {
			chunk = cfg.Refit
		}
		for mi, m := range models {
			r.Models[mi] = ModelResult{Model: m.Name, Folds: make([]Fold, len(orig))}
			for f := 0; f < len(orig); f += chunk {
				tasks = append(tasks, task{si: si, mi: mi, first: f, end: min(f+chunk, len(orig))})
			}
		}
	}

	workers := cfg.Workers
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, len(tasks))
	errs := make([]error, len(tasks))
	// firstFailed is the lowest index of a failed task so far. Tasks after
	// it are skipped, as their errors could not be the one reported; tasks
	// before it still run, so the error returned (the failing task with the
	// lowest index) does not depend on scheduling.
	var firstFailed atomic.Int64
	firstFailed.Store(math.MaxInt64)
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ti := range next {
				if int64(ti) > firstFailed.Load() {
					continue
				}
				t := tasks[ti]
				if errs[ti] = runTask(ctx, series[t.si], models[t.mi], cfg, results[t.si], t); errs[ti] != nil {
					for {
						cur := firstFailed.Load()
						if int64(ti) >= cur || firstFailed.CompareAndSwap(cur, int64(ti)) {
							break
						}
					}
				}
			}
		}()
	}
	for ti := range tasks {
		if ctx.Err() != nil || int64(ti) > firstFailed.Load() {
			break
		}
		next <- ti
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	for si, r := range results {
		for mi := range r.Models {
			scoreModel(&r.Models[mi], series[si], r, cfg)
		}
	}
	return results, nil
}

// runTask fits the first fold of t and updates the model for the others.
func runTask(ctx context.Context, s *forecast.Series, m Model, cfg *Backtest, r *Result, t task) error {
	var f forecast.Forecaster
	for k := t.first; k < t.end; k++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		o := r.Origins[k]
		start := cfg.trainStart(o, r.Origins[0])
		train := s.Slice(start, o)
		fold := &r.Models[t.mi].Folds[k]
		fold.Origin, fold.TrainStart = o, start
		t0 := time.Now()
		var err error
		u, isUpdater := f.(forecast.Updater)
		if k == t.first || !isUpdater {
			f = m.New()
			if f == nil {
				return fmt.Errorf("eval: model %q: constructor returned nil", m.Name)
			}
			fold.Refit = true
			err = f.Fit(ctx, train)
		} else {
			err = u.Update(train)
		}
		if err != nil {
			return fmt.Errorf("eval: series %q, model %q, origin %d: %w", s.ID, m.Name, o, err)
		}
		pred, err := f.Predict(nil, cfg.Horizon)
		if err != nil {
			return fmt.Errorf("eval: series %q, model %q, origin %d: predict: %w", s.ID, m.Name, o, err)
		}
		fold.FitSeconds = time.Since(t0).Seconds()
		if len(pred) != cfg.Horizon {
			return fmt.Errorf("eval: series %q, model %q, origin %d: predict returned %d values, want %d", s.ID, m.Name, o, len(pred), cfg.Horizon)
		}
		for i, v := range pred {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("eval: series %q, model %q, origin %d: forecast %d steps ahead is %v", s.ID, m.Name, o, i+1, v)
			}
		}
		fold.Forecast = slices.Clone(pred[:cfg.Horizon])
		fold.Actual = slices.Clone(s.Values[o : o+cfg.Horizon])
		if s.Times != nil {
			fold.Times = slices.Clone(s.Times[o : o+cfg.Horizon])
		}
	}
	return nil
}

// scoreModel computes intervals, fold, step and summary scores of one
// model once all its folds are done.
func scoreModel(mr *ModelResult, s *forecast.Series, r *Result, cfg *Backtest) {
	h, m := cfg.Horizon, r.Season
	folds := mr.Folds
	scales := make([]float64, len(folds))
	for k := range folds {
		fd := &folds[k]
		scales[k] = MASEScale(s.Values[fd.TrainStart:fd.Origin], m)
	}
	// Conformal intervals from earlier folds whose horizon has ended.
	if len(cfg.Levels) > 0 {
		norm := make([]float64, len(folds))
		for k := range norm {
			norm[k] = 1
		}
		if cfg.ScaledIntervals && validScales(scales) {
			copy(norm, scales)
		}
		need := cfg.minCalibration()
		var calib [][]float64
		next := 0 // folds[:next] have horizons ending at or before the origin
		radius := make([]float64, h)
		for k := range folds {
			fd := &folds[k]
			for next < k && folds[next].Origin+h <= fd.Origin {
				e := absErrors(folds[next].Actual, folds[next].Forecast)
				for i := range e {
					e[i] /= norm[next]
				}
				calib = append(calib, e)
				next++
			}
			if len(calib) < need {
				continue
			}
			fd.Intervals = make([]Interval, len(cfg.Levels))
			for li, l := range cfg.Levels {
				ConformalRadius(radius, calib, l)
				for i := range radius {
					radius[i] *= norm[k]
				}
				fd.Intervals[li] = intervalAround(fd.Forecast, radius, l)
			}
		}
	}
	for k := range folds {
		fd := &folds[k]
		fd.Scores = scoresOf(fd.Actual, fd.Forecast, scales[k], fd.Intervals)
	}
	// Per horizon step, across folds.
	mr.Steps = make([]Scores, h)
	y := make([]float64, len(folds))
	yh := make([]float64, len(folds))
	sc := make([]float64, len(folds))
	for i := range h {
		for k := range folds {
			y[k], yh[k], sc[k] = folds[k].Actual[i], folds[k].Forecast[i], scales[k]
		}
		st := Scores{
			MAE: MAE(y, yh), RMSE: RMSE(y, yh), MAPE: MAPE(y, yh),
			SMAPE: SMAPE(y, yh), Bias: Bias(y, yh), MASE: meanScaled(y, yh, sc),
		}
		for li, l := range cfg.Levels {
			var yy, lo, hi []float64
			for k := range folds {
				if iv := folds[k].Intervals; iv != nil {
					yy = append(yy, folds[k].Actual[i])
					lo = append(lo, iv[li].Lo[i])
					hi = append(hi, iv[li].Hi[i])
				}
			}
			if len(yy) > 0 {
				st.Intervals = append(st.Intervals, intervalScore(yy, lo, hi, l))
			}
		}
		mr.Steps[i] = st
	}
	// Summary over folds.
	sum := Summary{Folds: len(folds)}
	per := make([]Scores, len(folds))
	for k := range folds {
		per[k] = folds[k].Scores
		sum.FitSeconds += folds[k].FitSeconds
	}
	sum.Mean, sum.Std = meanStdScores(per, cfg.Levels)
	mr.Summary = sum
}

// validScales reports whether every scale is finite and positive.
func validScales(sc []float64) bool {
	for _, v := range sc {
		if !(v > 0) || math.IsInf(v, 1) {
			return false
		}
	}
	return true
}

func absErrors(y, yhat []float64) []float64 {
	out := make([]float64, len(y))
	for i := range y {
		out[i] = math.Abs(y[i] - yhat[i])
	}
	return out
}

// meanScaled returns mean |y−ŷ|/scale, the MASE of forecasts with
// different scales.
func meanScaled(y, yhat, scale []float64) float64 {
	if len(y) == 0 {
		return math.NaN()
	}
	var s float64
	for i := range y {
		s += math.Abs(y[i]-yhat[i]) / scale[i]
	}
	return s / float64(len(y))
}

func scoresOf(y, yhat []float64, scale float64, iv []Interval) Scores {
	sc := Scores{
		MAE: MAE(y, yhat), RMSE: RMSE(y, yhat), MAPE: MAPE(y, yhat),
		SMAPE: SMAPE(y, yhat), Bias: Bias(y, yhat),
	}
	sc.MASE = sc.MAE / scale
	for _, in := range iv {
		sc.Intervals = append(sc.Intervals, intervalScore(y, in.Lo, in.Hi, in.Level))
	}
	return sc
}

func intervalScore(y, lo, hi []float64, level float64) IntervalScore {
	return IntervalScore{
		Level:    level,
		Coverage: Coverage(y, lo, hi),
		Width:    MeanWidth(lo, hi),
		Pinball:  IntervalPinball(y, lo, hi, level),
		N:        len(y),
	}
}

// meanStdScores returns the mean and sample standard deviation of each
// score over per; interval scores use the entries that have them.
func meanStdScores(per []Scores, levels []float64) (mean, std Scores) {
	get := []func(*Scores) *float64{
		func(s *Scores) *float64 { return &s.MAE },
		func(s *Scores) *float64 { return &s.RMSE },
		func(s *Scores) *float64 { return &s.MAPE },
		func(s *Scores) *float64 { return &s.SMAPE },
		func(s *Scores) *float64 { return &s.MASE },
		func(s *Scores) *float64 { return &s.Bias },
	}
	x := make([]float64, 0, len(per))
	for _, g := range get {
		x = x[:0]
		for k := range per {
			x = append(x, *g(&per[k]))
		}
		*g(&mean), *g(&std) = meanStd(x)
	}
	for li, l := range levels {
		var cov, wid, pin []float64
		n := 0
		for k := range per {
			if li < len(per[k].Intervals) {
				is := per[k].Intervals[li]
				cov = append(cov, is.Coverage)
				wid = append(wid, is.Width)
				pin = append(pin, is.Pinball)
				n += is.N
			}
		}
		if len(cov) == 0 {
			continue
		}
		var m, s IntervalScore
		m.Level, s.Level = l, l
		m.N, s.N = n, n
		m.Coverage, s.Coverage = meanStd(cov)
		m.Width, s.Width = meanStd(wid)
		m.Pinball, s.Pinball = meanStd(pin)
		mean.Intervals = append(mean.Intervals, m)
		std.Intervals = append(std.Intervals, s)
	}
	return mean, std
}

// meanStd returns the mean and the sample standard deviation (NaN for
// fewer than two values) of x.
func meanStd(x []float64) (mean, std float64) {
	if len(x) == 0 {
		return math.NaN(), math.NaN()
	}
	for _, v := range x {
		mean += v
	}
	mean /= float64(len(x))
	if len(x) < 2 {
		return mean, math.NaN()
	}
	var ss float64
	for _, v := range x {
		ss += (v - mean) * (v - mean)
	}
	return mean, math.Sqrt(ss / float64(len(x)-1))
}

func summarizeMany(rs []*Result, models []Model, cfg *Backtest) (*MultiResult, error) {
	ref := cfg.Reference
	if ref == "" {
		for _, m := range models {
			if m.Name == NameNaive2 {
				ref = NameNaive2
			}
		}
	} else if !slices.ContainsFunc(models, func(m Model) bool { return m.Name == ref }) {
		return nil, fmt.Errorf("eval: reference model %q is not among the models", ref)
	}
	out := &MultiResult{Horizon: cfg.Horizon, Reference: ref, Levels: slices.Clone(cfg.Levels), Series: rs}
	out.Models = make([]MultiSummary, len(models))
	for mi, m := range models {
		ms := MultiSummary{Model: m.Name, Series: len(rs), PerSeries: make([]SeriesScore, len(rs))}
		var mae, rmse, mape, smape, mase, bias []float64
		for si, r := range rs {
			sm := r.Models[mi].Summary
			mae = append(mae, sm.Mean.MAE)
			rmse = append(rmse, sm.Mean.RMSE)
			mape = append(mape, sm.Mean.MAPE)
			smape = append(smape, sm.Mean.SMAPE)
			mase = append(mase, sm.Mean.MASE)
			bias = append(bias, sm.Mean.Bias)
			ms.PerSeries[si] = SeriesScore{Series: r.Series, SMAPE: sm.Mean.SMAPE, MASE: sm.Mean.MASE}
			ms.FitSeconds += sm.FitSeconds
		}
		ms.MAE, _ = meanStd(mae)
		ms.RMSE, _ = meanStd(rmse)
		ms.MAPE, _ = meanStd(mape)
		ms.SMAPE, _ = meanStd(smape)
		ms.MASE, _ = meanStd(mase)
		ms.Bias, _ = meanStd(bias)
		for li, l := range cfg.Levels {
			var cov, wid, pin []float64
			n := 0
			for _, r := range rs {
				iv := r.Models[mi].Summary.Mean.Intervals
				if li < len(iv) {
					cov = append(cov, iv[li].Coverage)
					wid = append(wid, iv[li].Width)
					pin = append(pin, iv[li].Pinball)
					n += iv[li].N
				}
			}
			if len(cov) > 0 {
				is := IntervalScore{Level: l, N: n}
				is.Coverage, _ = meanStd(cov)
				is.Width, _ = meanStd(wid)
				is.Pinball, _ = meanStd(pin)
				ms.Intervals = append(ms.Intervals, is)
			}
		}
		ms.Steps = make([]Scores, cfg.Horizon)
		for i := range ms.Steps {
			per := make([]Scores, len(rs))
			for si, r := range rs {
				per[si] = r.Models[mi].Steps[i]
				per[si].Intervals = nil
			}
			ms.Steps[i], _ = meanStdScores(per, nil)
		}
		if best := bestWorst(ms.PerSeries); len(best) == 2 {
			ms.Best, ms.Worst = best[0], best[1]
		}
		ms.OWA = math.NaN()
		out.Models[mi] = ms
	}
	if ref != "" {
		rm := out.Model(ref)
		for i := range out.Models {
			ms := &out.Models[i]
			ms.OWA = OWA(ms.SMAPE, ms.MASE, rm.SMAPE, rm.MASE)
		}
	}
	return out, nil
}

// bestWorst returns the IDs of the series with the lowest and the highest
// finite MASE, or nil when none is finite.
func bestWorst(ps []SeriesScore) []string {
	bi, wi := -1, -1
	for i, p := range ps {
		if math.IsNaN(p.MASE) || math.IsInf(p.MASE, 0) {
			continue
		}
		if bi < 0 || p.MASE < ps[bi].MASE {
			bi = i
		}
		if wi < 0 || p.MASE > ps[wi].MASE {
			wi = i
		}
	}
	if bi < 0 {
		return nil
	}
	return []string{ps[bi].Series, ps[wi].Series}
}
