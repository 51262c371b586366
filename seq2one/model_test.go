package seq2one_test

import (
	"bytes"
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/seq2one"
)

var (
	_ forecast.Forecaster = (*seq2one.Model)(nil)
	_ forecast.Updater    = (*seq2one.Model)(nil)
)

// synthetic returns n steps of 10 + 0.02t + 2 sin(2πt/24) + sin(2πt/10) +
// N(0, sigma²) noise, with a covariate that is a noisy copy of the faster
// sine, from a PCG source seeded with seed.
func synthetic(n int, sigma float64, seed uint64) *forecast.Series {
	rng := rand.New(rand.NewPCG(seed, 1))
	s := &forecast.Series{ID: "synthetic", Freq: forecast.Step, Values: make([]float64, n)}
	for i := range s.Values {
		t := float64(i)
		s.Values[i] = 10 + 0.02*t + 2*math.Sin(2*math.Pi*t/24) + math.Sin(2*math.Pi*t/10) + sigma*rng.NormFloat64()
	}
	return s
}

// TestSynthetic checks that a series of two sines (periods 24 and 10), a
// trend and Gaussian noise of σ 0.3 is learned to about the noise level,
// the RMSE of the ideal forecaster: trained on 1000 steps, the model's
// 24-step forecast and its one-step-ahead forecasts over the next 100 steps
// (conditioned on each new history with Update, weights fixed) must have an
// RMSE within 30 % of σ. A ridge regression on the same inputs gets 1.23σ
// one step ahead with 500 training steps, so most of the excess is the
// estimation error of any model with ~150 inputs.
func TestSynthetic(t *testing.T) {
	const (
		n     = 1100
		test  = 100
		sigma = 0.3
	)
	s := synthetic(n, sigma, 7)
	m := seq2one.New(&seq2one.Config{Seed: 1, Season: 24})
	start := time.Now()
	if err := m.Fit(context.Background(), s.Head(n-test)); err != nil {
		t.Fatal(err)
	}
	fit := time.Since(start)
	var one []float64
	dst := make([]float64, 1)
	for o := n - test; o < n; o++ {
		if err := m.Update(s.Head(o)); err != nil {
			t.Fatal(err)
		}
		fc, err := m.Predict(dst, 1)
		if err != nil {
			t.Fatal(err)
		}
		one = append(one, fc[0])
	}
	r1 := rmse(one, s.Values[n-test:])
	if err := m.Update(s.Head(n - test)); err != nil {
		t.Fatal(err)
	}
	fc, err := m.Predict(nil, 24)
	if err != nil {
		t.Fatal(err)
	}
	r24 := rmse(fc, s.Values[n-test:n-test+24])
	t.Logf("synthetic: fit %v over %d epochs, one-step RMSE %.3f (%.2fσ), 24-step RMSE %.3f (%.2fσ)", fit.Round(time.Millisecond), len(m.History()), r1, r1/sigma, r24, r24/sigma)
	if r1 > 1.3*sigma {
		t.Errorf("one-step RMSE %.3f, want ≤ 1.3·σ = %.3f", r1, 1.3*sigma)
	}
	if r24 > 1.3*sigma {
		t.Errorf("24-step RMSE %.3f, want ≤ 1.3·σ = %.3f", r24, 1.3*sigma)
	}
}

// TestDeterminism checks that the same data, settings and seed give
// bit-identical forecasts and model files, with 1 and 2 workers, for both
// cells and stacked layers with covariates.
func TestDeterminism(t *testing.T) {
	s := synthetic(300, 0.3, 3)
	cov := make([]float64, len(s.Values))
	for i := range cov {
		cov[i] = math.Cos(float64(i) / 5)
	}
	s.Covariates = []forecast.Covariate{{Name: "c", Values: cov}}
	for _, cell := range []seq2one.Cell{seq2one.LSTM, seq2one.RNN} {
		var files [][]byte
		var fcs [][]float64
		for _, workers := range []int{1, 2, 1} {
			cfg := seq2one.Config{Cell: cell, Layers: 2, Hidden: 12, Season: 24, Epochs: 5, Batch: 40, Seed: 42, Workers: workers}
			m := seq2one.New(&cfg)
			if err := m.Fit(context.Background(), s); err != nil {
				t.Fatal(err)
			}
			fc, err := m.Predict(nil, 30)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := m.Save(&buf); err != nil {
				t.Fatal(err)
			}
			files = append(files, buf.Bytes())
			fcs = append(fcs, fc)
		}
		for i := 1; i < len(files); i++ {
			for k := range fcs[0] {
				if fcs[i][k] != fcs[0][k] {
					t.Fatalf("%v: run %d forecast[%d] = %v, run 0 gave %v", cell, i, k, fcs[i][k], fcs[0][k])
				}
			}
			// The files hold the Workers setting; compare the weights,
			// which follow the header, by comparing everything but it.
			if !bytes.Equal(stripWorkers(files[i]), stripWorkers(files[0])) {
				t.Fatalf("%v: run %d saved different weights than run 0", cell, i)
			}
		}
		// A different seed must give different weights.
		m := seq2one.New(&seq2one.Config{Cell: cell, Layers: 2, Hidden: 12, Season: 24, Epochs: 5, Batch: 40, Seed: 43})
		if err := m.Fit(context.Background(), s); err != nil {
			t.Fatal(err)
		}
		fc, _ := m.Predict(nil, 30)
		if fc[29] == fcs[0][29] {
			t.Errorf("%v: seeds 42 and 43 gave the same forecast", cell)
		}
	}
}

// stripWorkers removes the JSON "Workers" field value from a model file so
// that files saved by runs with different worker counts can be compared.
func stripWorkers(b []byte) []byte {
	i := bytes.Index(b, []byte(`"Workers":`))
	if i < 0 {
		return b
	}
	j := i + len(`"Workers":`)
	for j < len(b) && b[j] >= '0' && b[j] <= '9' {
		j++
	}
	out := append([]byte(nil), b[:i]...)
	out = append(out, b[j:]...)
	// Drop the checksum, which covers the Workers value.
	return out[:len(out)-4]
}

// TestSaveLoad checks the round trip (a loaded model forecasts exactly as
// the saved one, also after Update) and the errors for files that are not
// models, truncated, corrupted or of an unknown version.
func TestSaveLoad(t *testing.T) {
	s := synthetic(200, 0.3, 5)
	cov := make([]float64, len(s.Values))
	for i := range cov {
		cov[i] = float64(i % 7)
	}
	s.Covariates = []forecast.Covariate{{Name: "dow", Values: cov}}
	// Hourly timestamps switch the day-of-week calendar features on.
	s.Freq = forecast.Hourly
	for i := range s.Values {
		s.Times = append(s.Times, time.Date(2024, 3, 1, i, 0, 0, 0, time.UTC))
	}
	for _, f64 := range []bool{false, true} {
		m := seq2one.New(&seq2one.Config{Season: 24, Epochs: 3, Hidden: 8, Layers: 2, Seed: 1, Float64: f64})
		if err := m.Fit(context.Background(), s.Head(180)); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "m.s2o")
		if err := m.SaveFile(path); err != nil {
			t.Fatal(err)
		}
		l, err := seq2one.LoadFile(path)
		if err != nil {
			t.Fatalf("LoadFile: %v", err)
		}
		for _, step := range []string{"fitted", "updated"} {
			want, _ := m.Predict(nil, 48)
			got, err := l.Predict(nil, 48)
			if err != nil {
				t.Fatal(err)
			}
			for i := range want {
				if got[i] != want[i] {
					t.Fatalf("Float64=%v %s: loaded forecast[%d] = %v, saved model gives %v", f64, step, i, got[i], want[i])
				}
			}
			if err := m.Update(s); err != nil {
				t.Fatal(err)
			}
			if err := l.Update(s); err != nil {
				t.Fatal(err)
			}
		}
	}

	m := seq2one.New(&seq2one.Config{Season: 24, Epochs: 2, Hidden: 4, Seed: 1})
	if err := m.Fit(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	badVersion := append([]byte(nil), good...)
	badVersion[8] = 99
	flipped := append([]byte(nil), good...)
	flipped[len(flipped)-10] ^= 0x40
	for _, test := range []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, seq2one.ErrNotModel},
		{"csv", []byte("Month,Passengers\n1949-01,112\n"), seq2one.ErrNotModel},
		{"magic only", good[:8], seq2one.ErrTruncated},
		{"half magic", good[:4], seq2one.ErrTruncated},
		{"header cut", good[:40], seq2one.ErrTruncated},
		{"weights cut", good[:len(good)-100], seq2one.ErrTruncated},
		{"checksum cut", good[:len(good)-2], seq2one.ErrTruncated},
		{"flipped bit", flipped, seq2one.ErrCorrupt},
	} {
		_, err := seq2one.Load(bytes.NewReader(test.data))
		if !errors.Is(err, test.want) {
			t.Errorf("Load(%s) error = %v, want %v", test.name, err, test.want)
		}
	}
	_, err := seq2one.Load(bytes.NewReader(badVersion))
	var ve *seq2one.VersionError
	if !errors.As(err, &ve) || ve.Version != 99 || ve.Want != 3 {
		t.Errorf("Load(version 99) error = %v, want *VersionError{99, 3}", err)
	}
	// Version 1 held the one-step model, whose networks this build cannot
	// run: such files must be refused with a clear error.
	v1 := append([]byte(nil), good...)
	v1[8] = 1
	_, err = seq2one.Load(bytes.NewReader(v1))
	if !errors.As(err, &ve) || ve.Version != 1 || !strings.Contains(err.Error(), "fit the model again") {
		t.Errorf("Load(version 1) error = %v, want a VersionError asking to fit again", err)
	}
	if _, err := seq2one.New(nil).Predict(nil, 3); !errors.Is(err, forecast.ErrNotFitted) {
		t.Errorf("Predict before Fit: error = %v, want ErrNotFitted", err)
	}
	if err := seq2one.New(nil).Save(&buf); !errors.Is(err, forecast.ErrNotFitted) {
		t.Errorf("Save before Fit: error = %v, want ErrNotFitted", err)
	}
}

// TestPredictAllocs checks that Predict does not allocate when dst has room.
func TestPredictAllocs(t *testing.T) {
	s := synthetic(200, 0.3, 5)
	s.Covariates = []forecast.Covariate{{Name: "c", Values: s.Values}}
	m := seq2one.New(&seq2one.Config{Season: 24, Epochs: 2, Hidden: 8, Layers: 2, Seed: 1})
	if err := m.Fit(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	dst := make([]float64, 24)
	allocs := testing.AllocsPerRun(20, func() {
		if _, err := m.Predict(dst, 24); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("Predict allocates %v times per call, want 0", allocs)
	}
}

// TestBadInput checks that bad data gives errors naming the problem.
func TestBadInput(t *testing.T) {
	ctx := context.Background()
	nan := synthetic(100, 0.1, 1)
	nan.Values[17] = math.NaN()
	short := synthetic(5, 0.1, 1)
	neg := synthetic(100, 0.1, 1)
	neg.Values[3] = -1
	badCov := synthetic(100, 0.1, 1)
	badCov.Covariates = []forecast.Covariate{{Name: "x", Values: make([]float64, 99)}}
	for _, test := range []struct {
		name string
		s    *forecast.Series
		cfg  seq2one.Config
		want string
	}{
		{"nil", nil, seq2one.Config{}, "empty series"},
		{"nan", nan, seq2one.Config{}, "index 17"},
		{"short", short, seq2one.Config{Window: 10}, "too short"},
		{"log of negative", neg, seq2one.Config{Log: seq2one.On}, "≤ 0"},
		{"covariate length", badCov, seq2one.Config{}, `covariate "x" has 99 values`},
		{"layers", synthetic(100, 0.1, 1), seq2one.Config{Layers: 4}, "4 layers"},
	} {
		err := seq2one.New(&test.cfg).Fit(ctx, test.s)
		if err == nil || !strings.Contains(err.Error(), test.want) {
			t.Errorf("Fit(%s) error = %v, want it to contain %q", test.name, err, test.want)
		}
	}
}

// TestDivergence checks that a learning rate that blows the weights up is
// reported as a DivergenceError naming the epoch, and that a model that
// learned something first keeps its best weights and forecasts finitely.
func TestDivergence(t *testing.T) {
	s := synthetic(200, 0.3, 1)
	m := seq2one.New(&seq2one.Config{Season: 24, LearningRate: 1e38, ClipNorm: -1, Seed: 1, Epochs: 5})
	err := m.Fit(context.Background(), s)
	var de *seq2one.DivergenceError
	if !errors.As(err, &de) || de.Epoch != 1 {
		t.Fatalf("Fit with learning rate 1e38: error = %v, want DivergenceError in epoch 1", err)
	}
	if _, err := m.Predict(nil, 3); !errors.Is(err, forecast.ErrNotFitted) {
		t.Errorf("Predict after failed Fit: error = %v, want ErrNotFitted", err)
	}

}

// TestCancel checks that cancelling the context stops training, returns
// the context's error and leaves a model that forecasts.
func TestCancel(t *testing.T) {
	s := synthetic(400, 0.3, 1)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var epochs int
	m := seq2one.New(&seq2one.Config{Season: 24, Seed: 1, Epochs: 1000, Patience: 1000, Callback: func(st seq2one.EpochStats) {
		epochs = st.Epoch
		if st.Epoch == 3 {
			cancel()
		}
	}})
	err := m.Fit(ctx, s)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Fit after cancel: error = %v, want context.Canceled", err)
	}
	// The history starts with epoch 0, the untrained network's validation
	// score, then the three epochs that ran.
	if h := m.History(); epochs != 3 || len(h) != 4 || h[0].Epoch != 0 || h[3].Epoch != 3 {
		t.Errorf("cancelled after epoch 3: %d epochs ran, history has %d entries", epochs, len(h))
	}
	if _, err := m.Predict(nil, 5); err != nil {
		t.Errorf("Predict after cancel: %v", err)
	}
}

// TestUpdate checks that Update with the fitted history reproduces the
// fitted forecasts exactly, that a longer history moves the forecast
// origin (and still forecasts the next year sensibly with the old weights),
// and that histories that do not line up with the fitted one are rejected.
func TestUpdate(t *testing.T) {
	s := airline(t)
	m := seq2one.New(&seq2one.Config{Seed: 1, Ensemble: 1})
	if err := m.Fit(context.Background(), s.Head(120)); err != nil {
		t.Fatal(err)
	}
	want, _ := m.Predict(nil, 12)
	if err := m.Update(s.Head(120)); err != nil {
		t.Fatal(err)
	}
	got, _ := m.Predict(nil, 12)
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("after Update with the fitted history: forecast[%d] = %v, want %v", i, got[i], want[i])
		}
	}
	if err := m.Update(s.Head(132)); err != nil {
		t.Fatal(err)
	}
	moved, _ := m.Predict(nil, 12)
	if r := rmse(moved, s.Values[132:144]); r > 60 {
		t.Errorf("forecast from origin 132 after Update: RMSE %.1f against 1960, want < 60", r)
	}
	if moved[0] == want[0] {
		t.Errorf("Update to a longer history did not move the forecast")
	}
	// A rolling history that starts 13 months later ends where s.Head(132)
	// does and aligns its phases by its timestamps: the same forecast.
	if err := m.Update(s.Slice(13, 132)); err != nil {
		t.Fatalf("Update with a history starting 13 months later: %v", err)
	}
	if rolled, _ := m.Predict(nil, 12); !slices.Equal(rolled, moved) {
		t.Errorf("forecast from a history starting 13 months later %v, from the whole history %v", rolled, moved)
	}
	off := *s.Slice(1, 132)
	off.Times = slices.Clone(off.Times)
	for i := range off.Times {
		off.Times[i] = off.Times[i].AddDate(0, 0, 1)
	}
	var pe *seq2one.PhaseError
	if err := m.Update(&off); !errors.As(err, &pe) || !pe.Start.Equal(off.Times[0]) || !pe.Fitted.Equal(s.Times[0]) {
		t.Errorf("Update with a history starting off the monthly grid: error = %v, want a *PhaseError naming %v and %v", err, off.Times[0], s.Times[0])
	}
	daily := *s.Head(132)
	daily.Freq = forecast.Daily
	if err := m.Update(&daily); err == nil || !strings.Contains(err.Error(), "daily") {
		t.Errorf("Update of a monthly model with daily data: error = %v, want one naming the frequencies", err)
	}
	if err := m.Update(s.Head(10)); !errors.Is(err, forecast.ErrTooShort) {
		t.Errorf("Update with 10 values: error = %v, want ErrTooShort", err)
	}
}

// TestModelHorizon checks the horizon of the direct head (the default of
// two seasons, shortened on short series so that validation leaves 8
// training windows; an explicit Horizon, capped to leave two windows) and
// that forecasts beyond it continue the first block: the first Horizon
// values of a longer forecast are the forecast of Horizon values.
func TestModelHorizon(t *testing.T) {
	s := airline(t)
	for _, test := range []struct {
		n, horizon int
		want       int
	}{
		{108, 0, 24},  // 2·12
		{60, 0, 16},   // (60 − window 20 − 8 + 1)/2
		{108, 12, 12}, // explicit
		{40, 30, 26},  // explicit, capped at 40 − window 13 − 1: two windows
	} {
		m := seq2one.New(&seq2one.Config{Seed: 1, Horizon: test.horizon, Epochs: 2, Ensemble: 1})
		if err := m.Fit(context.Background(), s.Head(test.n)); err != nil {
			t.Fatal(err)
		}
		if m.Horizon() != test.want {
			t.Errorf("%d values, Horizon %d: head of %d outputs, want %d", test.n, test.horizon, m.Horizon(), test.want)
		}
		long, err := m.Predict(nil, 3*m.Horizon()+1)
		if err != nil {
			t.Fatal(err)
		}
		short, _ := m.Predict(nil, m.Horizon())
		for k, v := range short {
			if long[k] != v {
				t.Fatalf("%d values: forecast %d of a long horizon %v, of one block %v", test.n, k, long[k], v)
			}
		}
	}
}
