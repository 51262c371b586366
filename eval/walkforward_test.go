package eval_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/tsforecast/tsforecast/eval"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/internal/sample"
	"github.com/tsforecast/tsforecast/models"
)

// spy is a model that records what it was shown: its forecast at every
// step is the largest value it has ever seen, and it counts its fits.
type spy struct {
	maxSeen float64
	start   float64
	fits    int
	updates int
	update  bool
}

func (s *spy) see(x *forecast.Series) {
	s.start = x.Values[0]
	for _, v := range x.Values {
		s.maxSeen = max(s.maxSeen, v)
	}
	// Reading past the end through the capacity must be impossible.
	if cap(x.Values) != len(x.Values) {
		s.maxSeen = math.Inf(1)
	}
}

func (s *spy) Fit(_ context.Context, x *forecast.Series) error {
	s.fits++
	s.see(x)
	return nil
}

func (s *spy) Predict(dst []float64, h int) ([]float64, error) {
	dst = slices.Grow(dst[:0], h)[:h]
	for i := range dst {
		dst[i] = s.maxSeen + float64(s.fits)/1000 + float64(s.updates)/1e6
	}
	return dst, nil
}

type spyUpdater struct{ spy }

func (s *spyUpdater) Update(x *forecast.Series) error {
	s.updates++
	s.see(x)
	return nil
}

// ramp returns a series whose value at index i is i.
func ramp(n int) *forecast.Series {
	v := make([]float64, n)
	for i := range v {
		v[i] = float64(i)
	}
	return &forecast.Series{ID: "ramp", Values: v}
}

func TestWalkForwardFolds(t *testing.T) {
	for _, test := range []struct {
		name       string
		cfg        eval.Backtest
		n          int
		origins    []int
		trainStart []int
		refit      []bool
	}{
		{"3 origins tile the end", eval.Backtest{Horizon: 12, Origins: 3, Refit: 1}, 144,
			[]int{108, 120, 132}, []int{0, 0, 0}, []bool{true, true, true}},
		{"step 1", eval.Backtest{Horizon: 3, Step: 1, Origins: 4, Refit: 1}, 20,
			[]int{14, 15, 16, 17}, []int{0, 0, 0, 0}, []bool{true, true, true, true}},
		{"initial train", eval.Backtest{Horizon: 4, Step: 5, InitialTrain: 10, Refit: 1}, 30,
			[]int{10, 15, 20, 25}, []int{0, 0, 0, 0}, []bool{true, true, true, true}},
		{"sliding default size", eval.Backtest{Horizon: 5, Origins: 3, Window: eval.Sliding, Refit: 1}, 30,
			[]int{15, 20, 25}, []int{0, 5, 10}, []bool{true, true, true}},
		{"sliding size", eval.Backtest{Horizon: 5, Origins: 3, Window: eval.Sliding, SlidingSize: 8, Refit: 1}, 30,
			[]int{15, 20, 25}, []int{7, 12, 17}, []bool{true, true, true}},
		{"refit every 2", eval.Backtest{Horizon: 2, Origins: 5, Refit: 2}, 30,
			[]int{20, 22, 24, 26, 28}, []int{0, 0, 0, 0, 0}, []bool{true, false, true, false, true}},
		{"fit once", eval.Backtest{Horizon: 2, Origins: 4}, 30,
			[]int{22, 24, 26, 28}, []int{0, 0, 0, 0}, []bool{true, false, false, false}},
	} {
		t.Run(test.name, func(t *testing.T) {
			s := ramp(test.n)
			models := []eval.Model{
				{Name: "spy", New: func() forecast.Forecaster { return &spyUpdater{} }},
				{Name: "plain", New: func() forecast.Forecaster { return &spy{} }},
			}
			res, err := eval.WalkForward(context.Background(), s, models, &test.cfg)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(res.Origins, test.origins) {
				t.Fatalf("origins = %v, want %v", res.Origins, test.origins)
			}
			for mi, mr := range res.Models {
				for k, fd := range mr.Folds {
					if fd.Origin != test.origins[k] || fd.TrainStart != test.trainStart[k] {
						t.Errorf("%s fold %d: origin %d start %d, want %d %d", mr.Model, k, fd.Origin, fd.TrainStart, test.origins[k], test.trainStart[k])
					}
					// The spy's forecast reveals the largest value it saw:
					// exactly the one before the origin, never a later one.
					if got, want := math.Floor(fd.Forecast[0]), float64(fd.Origin-1); got != want {
						t.Errorf("%s fold %d: saw values up to %v, want %v", mr.Model, k, got, want)
					}
					wantRefit := test.refit[k] || mi == 1 // models without Update are refitted
					if fd.Refit != wantRefit {
						t.Errorf("%s fold %d: refit %v, want %v", mr.Model, k, fd.Refit, wantRefit)
					}
					for i, a := range fd.Actual {
						if a != float64(fd.Origin+i) {
							t.Errorf("%s fold %d: actual[%d] = %v, want %d", mr.Model, k, i, a, fd.Origin+i)
						}
					}
				}
			}
		})
	}
}

// TestWalkForwardNoLeakage poisons everything after each origin with NaN
// and checks that the forecasts of the fold at that origin are unchanged,
// for every baseline with the windows and refit policies a user can pick.
// Any model that read a poisoned value would fail (Fit rejects NaN) or
// forecast differently.
func TestWalkForwardNoLeakage(t *testing.T) {
	s := sample.Airline(t)
	models := baselines(12)
	for _, cfg := range []eval.Backtest{
		{Horizon: 12, Origins: 3, Refit: 1},
		{Horizon: 6, Step: 3, Origins: 4, Window: eval.Sliding, SlidingSize: 60, Refit: 1},
		{Horizon: 12, Step: 6, Origins: 3, Refit: 0},
		{Horizon: 12, Step: 6, Origins: 3, Refit: 0, Window: eval.Sliding},
	} {
		clean, err := eval.WalkForward(context.Background(), s, models, &cfg)
		if err != nil {
			t.Fatal(err)
		}
		// Evaluate the fold at origin o alone on a series that ends in NaN
		// after o: a 1-origin backtest on the series cut at o+h, padded
		// with NaN to the full length is not possible (the last fold ends
		// at the end), so poison s[o:] and keep the length by placing the
		// fold last: cut at o+h and poison the h actuals.
		for k, o := range clean.Origins {
			v := slices.Clone(s.Values[:o+cfg.Horizon])
			for i := o; i < len(v); i++ {
				v[i] = math.NaN()
			}
			p := &forecast.Series{ID: s.ID, Values: v, Times: s.Times[:len(v)], Freq: s.Freq}
			one := cfg
			one.Origins, one.Step = 1, 0
			if cfg.Window == eval.Sliding {
				one.SlidingSize = cfg.SlidingSize
			}
			if cfg.Refit == 0 && k > 0 {
				// Fit-once runs condition later folds via Update; the
				// single-fold run refits instead, so compare only models
				// whose Update equals a refit.
				continue
			}
			res, err := eval.WalkForward(context.Background(), p, models, &one)
			if err != nil {
				t.Fatalf("fold at origin %d on the poisoned series: %v", o, err)
			}
			for mi, mr := range res.Models {
				want := clean.Models[mi].Folds[k].Forecast
				if got := mr.Folds[0].Forecast; !slices.Equal(got, want) {
					t.Errorf("%+v: %s at origin %d: forecast with poisoned future %v, clean %v", cfg, mr.Model, o, got, want)
				}
			}
		}
	}
}

// TestWalkForwardDeterministic runs the same backtest with 1 and 4 workers
// and checks identical results (timings aside).
func TestWalkForwardDeterministic(t *testing.T) {
	s := sample.Airline(t)
	run := func(workers int) *eval.Result {
		cfg := &eval.Backtest{Horizon: 12, Step: 4, Origins: 12, Refit: 2, Levels: []float64{80}, Workers: workers}
		res, err := eval.WalkForward(context.Background(), s, baselines(0), cfg)
		if err != nil {
			t.Fatal(err)
		}
		for mi := range res.Models {
			mr := &res.Models[mi]
			mr.Summary.FitSeconds, mr.Summary.WallSeconds = 0, 0
			for k := range mr.Folds {
				mr.Folds[k].FitSeconds = 0
			}
		}
		return res
	}
	a, b := run(1), run(4)
	if !reflect.DeepEqual(a, b) {
		t.Error("walk-forward results differ between 1 and 4 workers")
	}
	// Holt-Winters has no intervals of its own, so they are conformal:
	// with origins 88+4k and horizon 12, fold j's horizon has ended by
	// fold k's origin when j ≤ k−3, so fold k has k−2 calibration folds
	// and the 4 that 80 % needs from fold 6 on. The other baselines give
	// their own intervals on every fold.
	for _, mr := range a.Models {
		for k, fd := range mr.Folds {
			want := mr.Model != "hw" || k >= 6
			if has := fd.Intervals != nil; has != want {
				t.Errorf("%s fold %d: has intervals %v, want %v", mr.Model, k, has, want)
			}
		}
	}
}

func TestWalkForwardErrors(t *testing.T) {
	s := ramp(30)
	ok := []eval.Model{{Name: "naive", New: func() forecast.Forecaster { return &models.Naive{} }}}
	for _, test := range []struct {
		name   string
		s      *forecast.Series
		models []eval.Model
		cfg    *eval.Backtest
		want   string
	}{
		{"nil config", s, ok, nil, "nil backtest"},
		{"no horizon", s, ok, &eval.Backtest{Origins: 1}, "horizon"},
		{"no origins", s, ok, &eval.Backtest{Horizon: 1}, "origins"},
		{"too short", s, ok, &eval.Backtest{Horizon: 10, Origins: 3}, "need at least 31"},
		{"bad level", s, ok, &eval.Backtest{Horizon: 1, Origins: 1, Levels: []float64{95, 100}}, "level"},
		{"no models", s, nil, &eval.Backtest{Horizon: 1, Origins: 1}, "no models"},
		{"duplicate", s, append(ok, ok...), &eval.Backtest{Horizon: 1, Origins: 1}, "twice"},
		{"fit error", &forecast.Series{ID: "x", Values: []float64{1, math.NaN(), 3, 4}}, ok,
			&eval.Backtest{Horizon: 1, Origins: 1}, `series "x", model "naive", origin 3`},
	} {
		_, err := eval.WalkForward(context.Background(), test.s, test.models, test.cfg)
		if err == nil || !strings.Contains(err.Error(), test.want) {
			t.Errorf("%s: WalkForward error = %v, want one containing %q", test.name, err, test.want)
		}
	}
	// With many failing series the error is the first series' for any
	// number of workers, and the runs after it are skipped.
	var many []*forecast.Series
	for i := range 40 {
		v := ramp(30).Values
		if i%10 == 3 {
			v[5] = math.NaN()
		}
		many = append(many, &forecast.Series{ID: fmt.Sprintf("s%d", i), Values: v})
	}
	for _, workers := range []int{1, 2, 4} {
		var news atomic.Int64
		counting := []eval.Model{{Name: "naive", New: func() forecast.Forecaster { news.Add(1); return &models.Naive{} }}}
		_, err := eval.WalkForwardMany(context.Background(), many, counting, &eval.Backtest{Horizon: 1, Origins: 1, Workers: workers})
		if err == nil || !strings.Contains(err.Error(), `series "s3"`) {
			t.Errorf("WalkForwardMany with %d workers: error %v, want the one of series s3", workers, err)
		}
		if n := news.Load(); n >= 40 {
			t.Errorf("WalkForwardMany with %d workers fitted %d of 40 series after the failure of the 4th", workers, n)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := eval.WalkForward(ctx, s, ok, &eval.Backtest{Horizon: 1, Origins: 3}); !errors.Is(err, context.Canceled) {
		t.Errorf("WalkForward with a cancelled context: %v, want context.Canceled", err)
	}
}

func TestResultWriters(t *testing.T) {
	s := sample.Airline(t)
	cfg := &eval.Backtest{Horizon: 3, Step: 1, Origins: 8, Refit: 1, Levels: []float64{80}}
	res, err := eval.WalkForward(context.Background(), s, baselines(12)[:2], cfg)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := res.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if want := 1 + 2*8*3; len(lines) != want {
		t.Errorf("WriteCSV wrote %d lines, want %d", len(lines), want)
	}
	if want := "series,model,fold,origin,time,train_start,refit,step,actual,forecast,lo_80,hi_80"; lines[0] != want {
		t.Errorf("WriteCSV header %q, want %q", lines[0], want)
	}
	// The last row: seasonal naive, last fold, step 3 = the last value
	// (432 passengers in 1960-12) against the value 12 months before it
	// counted from the fold origin.
	if !strings.HasPrefix(lines[len(lines)-1], "Passengers,snaive,7,141,1960-12-01T00:00:00Z,0,true,3,432,") {
		t.Errorf("WriteCSV last row %q", lines[len(lines)-1])
	}
	// Per-step scores: one row per model and step, intervals filled where
	// folds had them (8 folds, 4 needed for 80 %: folds 5..7 do).
	buf.Reset()
	if err := res.WriteStepsCSV(&buf); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatalf("WriteStepsCSV output does not parse: %v", err)
	}
	if want := "model,step,mae,rmse,mape,smape,mase,bias,coverage_80,width_80"; strings.Join(rows[0], ",") != want {
		t.Errorf("WriteStepsCSV header %q, want %q", strings.Join(rows[0], ","), want)
	}
	if len(rows) != 1+2*3 {
		t.Fatalf("WriteStepsCSV wrote %d rows, want %d", len(rows), 1+2*3)
	}
	for i, row := range rows[1:] {
		mr, step := res.Models[i/3], i%3
		if row[0] != mr.Model || row[1] != strconv.Itoa(step+1) {
			t.Errorf("WriteStepsCSV row %d starts %v, want %s,%d", i+1, row[:2], mr.Model, step+1)
		}
		if got, err := strconv.ParseFloat(row[2], 64); err != nil || got != mr.Steps[step].MAE {
			t.Errorf("WriteStepsCSV row %d MAE %q, want %v", i+1, row[2], mr.Steps[step].MAE)
		}
		if cov, err := strconv.ParseFloat(row[8], 64); err != nil || cov != mr.Steps[step].Intervals[0].Coverage {
			t.Errorf("WriteStepsCSV row %d coverage %q, want %v", i+1, row[8], mr.Steps[step].Intervals[0].Coverage)
		}
	}
	buf.Reset()
	res.Models[0].Summary.Std.MAE = math.NaN() // JSON has no NaN: written as null
	res.Models[0].Summary.Std.RMSE = math.Inf(1)
	if err := res.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"mae": null`) || !strings.Contains(buf.String(), `"rmse": null`) {
		t.Error("WriteJSON did not write non-finite numbers as null")
	}
	var back map[string]any
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatalf("WriteJSON output does not parse: %v", err)
	}
	if back["horizon"].(float64) != 3 || len(back["models"].([]any)) != 2 {
		t.Errorf("WriteJSON: horizon %v, %d models", back["horizon"], len(back["models"].([]any)))
	}
	buf.Reset()
	if err := res.WriteSummary(&buf); err != nil {
		t.Fatal(err)
	}
	t.Logf("summary:\n%s", buf.String())
	if !strings.Contains(buf.String(), "snaive") {
		t.Errorf("WriteSummary output lacks the models:\n%s", buf.String())
	}
}

// TestWalkForwardManyDeterministic runs a many-series backtest with 1 and
// 3 workers and checks identical results, and that OWA is relative to the
// named reference.
func TestWalkForwardManyDeterministic(t *testing.T) {
	series := sample.M4HourlySample(t)
	run := func(workers int) *eval.MultiResult {
		cfg := &eval.Backtest{Horizon: 48, Origins: 2, Season: 24, Refit: 1, Workers: workers, Reference: "snaive"}
		res, err := eval.WalkForwardMany(context.Background(), series, baselines(24), cfg)
		if err != nil {
			t.Fatal(err)
		}
		for mi := range res.Models {
			res.Models[mi].FitSeconds, res.Models[mi].WallSeconds = 0, 0
		}
		for _, r := range res.Series {
			for mi := range r.Models {
				mr := &r.Models[mi]
				mr.Summary.FitSeconds, mr.Summary.WallSeconds = 0, 0
				for k := range mr.Folds {
					mr.Folds[k].FitSeconds = 0
				}
			}
		}
		return res
	}
	a, b := run(1), run(3)
	if !reflect.DeepEqual(a, b) {
		t.Error("WalkForwardMany results differ between 1 and 3 workers")
	}
	if got := a.Model("snaive").OWA; got != 1 {
		t.Errorf("OWA of the reference = %v, want 1", got)
	}
	if a.Reference != "snaive" || len(a.Series) != 12 || a.Model("naive").Series != 12 {
		t.Errorf("reference %q, %d series", a.Reference, len(a.Series))
	}
	worst := a.WorstSeries("naive", 3)
	best := a.BestSeries("naive", 1)
	if len(worst) != 3 || worst[0] != a.Model("naive").Worst || best[0] != a.Model("naive").Best {
		t.Errorf("worst %v best %v, summary worst %s best %s", worst, best, a.Model("naive").Worst, a.Model("naive").Best)
	}
	var buf bytes.Buffer
	if err := a.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(buf.String(), "\n"); n != 1+12*6 {
		t.Errorf("MultiResult.WriteCSV wrote %d lines, want %d", n, 1+12*6)
	}
	buf.Reset()
	if err := a.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	if !json.Valid(buf.Bytes()) {
		t.Error("MultiResult.WriteJSON output is not valid JSON")
	}
	cfg := &eval.Backtest{Horizon: 48, Origins: 1, Reference: "nope"}
	if _, err := eval.WalkForwardMany(context.Background(), series, baselines(24), cfg); err == nil {
		t.Error("WalkForwardMany with an unknown reference did not fail")
	}
}

// TestRankedDegenerateScale ranks models on a constant series, where every
// fold's MASE scale is zero: the perfect naive forecast gets MASE 0/0 = NaN
// and the imperfect spy x/0 = +Inf. Ranking must fall back to MAE and put
// the perfect model first, not the imperfect one (NaN last would).
func TestRankedDegenerateScale(t *testing.T) {
	v := make([]float64, 30)
	for i := range v {
		v[i] = 5
	}
	s := &forecast.Series{ID: "flat", Values: v}
	models := []eval.Model{
		{Name: "spy", New: func() forecast.Forecaster { return &spy{} }},
		{Name: "naive", New: func() forecast.Forecaster { return &models.Naive{} }},
	}
	res, err := eval.WalkForward(context.Background(), s, models, &eval.Backtest{Horizon: 2, Origins: 2, Refit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if m := res.Model("spy").Summary.Mean.MASE; !math.IsInf(m, 1) {
		t.Fatalf("spy MASE on a constant series = %v, want +Inf (premise of the test)", m)
	}
	if m := res.Model("naive").Summary.Mean.MASE; !math.IsNaN(m) {
		t.Fatalf("naive MASE on a constant series = %v, want NaN (premise of the test)", m)
	}
	if got := res.Ranked()[0].Model; got != "naive" {
		t.Errorf("Ranked()[0] on a constant series = %s, want naive (MAE 0)", got)
	}
	// Many series: OWA without a reference is NaN for every model and is
	// skipped; MASE is not finite either, so sMAPE ranks.
	many, err := eval.WalkForwardMany(context.Background(), []*forecast.Series{s}, models, &eval.Backtest{Horizon: 2, Origins: 2, Refit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if got := many.Ranked()[0].Model; got != "naive" {
		t.Errorf("MultiResult.Ranked()[0] on a constant series = %s, want naive", got)
	}
}
