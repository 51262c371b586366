package eval

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tsforecast/tsforecast/forecast"
)

// WalkForward evaluates models on s by rolling-origin validation as cfg
// says, every model on the same folds. Each fold hands a model only the
// training values before its origin (s.Slice(start, origin), whose
// capacity ends at the origin), so scalers, features and seasonality
// estimates are fitted inside the fold. Folds run in parallel on
// cfg.Workers goroutines, one model after the other; the result does not
// depend on their number or order except for the FitSeconds and
// WallSeconds timings.
//
// It returns an error for an invalid cfg, a series too short for the
// requested folds, and for any fold whose Fit, Update or Predict fails or
// whose forecast is not finite; the error names the series, model and
// origin. When several folds fail, the error is that of the first failing
// run of folds in model, series and fold order, whatever the number of
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
		return nil, invalidf("no series")
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
			return nil, invalidf("model %q has no constructor", m.Name)
		}
		if seen[m.Name] {
			return nil, invalidf("model name %q used twice", m.Name)
		}
		seen[m.Name] = true
	}
	results := make([]*Result, len(series))
	var tasks []task
	for si, s := range series {
		if s == nil {
			return nil, invalidf("series %d is nil", si)
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
		for mi, m := range models {
			r.Models[mi] = ModelResult{Model: m.Name, Folds: make([]Fold, len(orig))}
		}
	}
	// Model by model, so that each model's folds run together and its
	// wall time means something.
	for mi := range models {
		for si, r := range results {
			chunk := len(r.Origins)
			if cfg.Refit > 0 {
				chunk = cfg.Refit
			}
			for f := 0; f < len(r.Origins); f += chunk {
				tasks = append(tasks, task{si: si, mi: mi, first: f, end: min(f+chunk, len(r.Origins))})
			}
		}
	}
	spans := make([]span, len(models))

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
				t0 := time.Now()
				errs[ti] = runTask(ctx, series[t.si], models[t.mi], cfg, results[t.si], t)
				spans[t.mi].add(t0, time.Now())
				if errs[ti] != nil {
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
			r.Models[mi].Summary.WallSeconds = spans[mi].seconds()
		}
	}
	return results, nil
}

// span is the time from the start of a model's first task to the end of
// its last; tasks run model by model, so the spans of the models of a run
// overlap only where one model's last tasks meet the next one's first.
type span struct {
	mu         sync.Mutex
	start, end time.Time
}

func (s *span) add(start, end time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.start.IsZero() || start.Before(s.start) {
		s.start = start
	}
	if end.After(s.end) {
		s.end = end
	}
}

func (s *span) seconds() float64 {
	if s.start.IsZero() {
		return 0
	}
	return s.end.Sub(s.start).Seconds()
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
		op := "update"
		u, isUpdater := f.(forecast.Updater)
		if k == t.first || !isUpdater {
			f = m.New()
			if f == nil {
				return invalidf("model %q: constructor returned nil", m.Name)
			}
			fold.Refit = true
			op = "fit"
			err = f.Fit(ctx, train)
		} else {
			err = u.Update(train)
		}
		if err != nil {
			return &FoldError{Series: s.ID, Model: m.Name, Origin: o, Op: op, Err: err}
		}
		if d, ok := f.(forecast.Describer); ok {
			fold.Fitted = d.Describe()
		}
		if fb, ok := f.(forecast.Fallbacker); ok {
			fold.FellBack = fb.FellBack()
		}
		pred, err := f.Predict(nil, cfg.Horizon)
		if err == nil {
			err = checkForecast(pred, cfg.Horizon)
		}
		if err != nil {
			return &FoldError{Series: s.ID, Model: m.Name, Origin: o, Op: "predict", Err: err}
		}
		fold.FitSeconds = time.Since(t0).Seconds()
		if len(cfg.Levels) > 0 {
			if ip, ok := f.(forecast.IntervalPredictor); ok {
				// The model's own intervals; without them (or when it has
				// none for this history) conformal ones, in scoreModel.
				if ivs, err := ip.PredictIntervals(cfg.Horizon, cfg.Levels); err == nil && finiteIntervals(ivs, cfg.Horizon) {
					fold.Intervals = ivs
				}
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

// checkForecast returns a *ForecastError when pred does not hold h finite
// values.
func checkForecast(pred []float64, h int) error {
	if len(pred) != h {
		return &ForecastError{Got: len(pred), Want: h}
	}
	for i, v := range pred {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return &ForecastError{Got: h, Want: h, Step: i + 1, Value: v}
		}
	}
	return nil
}

// finiteIntervals reports whether every interval of ivs has h finite
// bounds.
func finiteIntervals(ivs []forecast.Interval, h int) bool {
	for _, iv := range ivs {
		if len(iv.Lo) != h || len(iv.Hi) != h {
			return false
		}
		for i := range iv.Lo {
			if math.IsNaN(iv.Lo[i]) || math.IsInf(iv.Lo[i], 0) || math.IsNaN(iv.Hi[i]) || math.IsInf(iv.Hi[i], 0) {
				return false
			}
		}
	}
	return true
}
