package seq2one_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/tsforecast/tsforecast/eval"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/seq2one"
)

// fitPanel fits a small global model to k series of panel (seed 3), for
// 2 epochs at most.
func fitPanel(t testing.TB, k int) (*seq2one.Global, []*forecast.Series) {
	return fitPanelEpochs(t, k, 2)
}

func fitPanelEpochs(t testing.TB, k, epochs int) (*seq2one.Global, []*forecast.Series) {
	train, _ := panel(k, 600, 24, 3)
	cfg := smallGlobal(1, 1)
	cfg.Epochs = epochs
	g := seq2one.NewGlobal(cfg)
	if err := g.Fit(context.Background(), train); err != nil {
		t.Fatal(err)
	}
	return g, train
}

// unseen returns k series of the panel's kind the model of fitPanel
// never saw (another seed, IDs U0, U1, …), of n values, and the h values
// that follow each.
func unseen(k, n, h int) ([]*forecast.Series, [][]float64) {
	train, test := panel(k, n+h, h, 9)
	for i, s := range train {
		s.ID = fmt.Sprintf("U%d", i)
	}
	return train, test
}

// TestGlobalStateMatchesFit: the state State computes from the history a
// series was fitted on forecasts, through a Predictor, exactly what the
// fitted model forecasts for it (within and beyond the head's horizon),
// and gives the same interval radius: State and Fit apply one rule.
func TestGlobalStateMatchesFit(t *testing.T) {
	g, train := fitPanel(t, 4)
	p := g.NewPredictor()
	for i, s := range train {
		st, err := g.State(s)
		if err != nil {
			t.Fatal(err)
		}
		if st.ID() != s.ID {
			t.Errorf("State(%s).ID() = %s", s.ID, st.ID())
		}
		for _, h := range []int{24, 60} {
			want, err := g.PredictSeries(nil, i, h)
			if err != nil {
				t.Fatal(err)
			}
			got, err := p.Predict(nil, st, h)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, want) {
				t.Errorf("series %s, h %d: Predictor.Predict(State) = %v…, PredictSeries = %v…", s.ID, h, got[:3], want[:3])
			}
		}
		want, err := g.Radius(nil, i, 24, 80)
		if err != nil {
			t.Fatal(err)
		}
		got, err := p.Radius(nil, st, 24, 80)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("series %s: Predictor.Radius(State) = %v…, Radius = %v…", s.ID, got[:3], want[:3])
		}
	}
}

// TestGlobalUnseen: Update adds series the model was not fitted on (Len
// grows, Index finds them) and forecasts them as a Predictor does from
// their State, also with the weights alone saved and loaded; the file of
// the weights alone does not grow with the series the model holds.
// Series of the same kind as the training ones are forecast better than
// by the seasonal naive method (mean sMAPE).
func TestGlobalUnseen(t *testing.T) {
	g, train := fitPanelEpochs(t, 8, 12)
	save := func(m *seq2one.Global) []byte {
		var buf bytes.Buffer
		if err := m.Save(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	wfile := save(g.WeightsOnly())
	back, err := seq2one.LoadGlobal(bytes.NewReader(wfile))
	if err != nil {
		t.Fatalf("LoadGlobal(weights only): %v", err)
	}
	if back.Len() != 0 {
		t.Errorf("weights only: Len() = %d, want 0", back.Len())
	}
	if out, err := back.Predict(nil, 24); err != nil || len(out) != 0 {
		t.Errorf("weights only: Predict = %d forecasts, error %v; want none, no error", len(out), err)
	}
	others, test := unseen(6, 300, 24)
	if err := g.Update(others); err != nil {
		t.Fatalf("Update with unseen series: %v", err)
	}
	if g.Len() != len(train)+len(others) {
		t.Errorf("Len() after Update with %d unseen series = %d, want %d", len(others), g.Len(), len(train)+len(others))
	}
	if n := len(save(g.WeightsOnly())); n != len(wfile) {
		t.Errorf("weights-only file of a model holding %d series: %d bytes, of one holding %d: %d", g.Len(), n, len(train), len(wfile))
	}
	if n := len(save(g)); n <= len(wfile) {
		t.Errorf("full file of %d series: %d bytes, want more than the weights' %d", g.Len(), n, len(wfile))
	}
	p := back.NewPredictor()
	var sm, sn float64
	for k, s := range others {
		i, ok := g.Index(s.ID)
		if !ok || i != len(train)+k {
			t.Fatalf("Index(%s) = %d, %v; want %d, true", s.ID, i, ok, len(train)+k)
		}
		want, err := g.PredictSeries(nil, i, 24)
		if err != nil {
			t.Fatal(err)
		}
		st, err := back.State(s)
		if err != nil {
			t.Fatal(err)
		}
		got, err := p.Predict(nil, st, 24)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("unseen %s: loaded weights forecast %v…, Update+PredictSeries %v…", s.ID, got[:3], want[:3])
		}
		sm += eval.SMAPE(test[k], got) / float64(len(others))
		sn += eval.SMAPE(test[k], s.Values[len(s.Values)-24:]) / float64(len(others))
	}
	t.Logf("unseen series: global sMAPE %.2f, seasonal naive %.2f", sm, sn)
	if !(sm < sn) {
		t.Errorf("unseen series: global sMAPE %.2f, want below seasonal naive %.2f", sm, sn)
	}
	// Update replaces a series it has, by ID.
	if err := g.Update(others[:1]); err != nil || g.Len() != len(train)+len(others) {
		t.Errorf("Update with a series it has: Len %d, error %v; want %d, nil", g.Len(), err, len(train)+len(others))
	}
}

// TestPredictorConcurrent: Predictors of one model used from several
// goroutines at once give exactly the forecasts of one Predictor used in
// turn (run with -race to check that they share nothing they write).
func TestPredictorConcurrent(t *testing.T) {
	g, _ := fitPanel(t, 4)
	others, _ := unseen(24, 300, 0)
	states := make([]*seq2one.SeriesState, len(others))
	want := make([][]float64, len(others))
	p := g.NewPredictor()
	for i, s := range others {
		var err error
		if states[i], err = g.State(s); err != nil {
			t.Fatal(err)
		}
		if want[i], err = p.Predict(nil, states[i], 50); err != nil {
			t.Fatal(err)
		}
	}
	const workers = 4
	got := make([][][]float64, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			p := g.NewPredictor()
			got[w] = make([][]float64, len(states))
			for k := range states {
				i := (k + 7*w) % len(states) // each worker in its own order
				got[w][i], _ = p.Predict(nil, states[i], 50)
			}
		})
	}
	wg.Wait()
	for w := range got {
		for i := range want {
			if !slices.Equal(got[w][i], want[i]) {
				t.Fatalf("worker %d, series %d: %v…, sequential %v…", w, i, got[w][i][:3], want[i][:3])
			}
		}
	}
}

// TestPredictorAllocs: Predict does not allocate when dst has room and
// h is within the horizon, without and with known covariates.
func TestPredictorAllocs(t *testing.T) {
	g, train := fitPanel(t, 2)
	st, err := g.State(train[0])
	if err != nil {
		t.Fatal(err)
	}
	gc, with := fitPromo(t)
	stc, err := gc.State(with[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		g    *seq2one.Global
		st   *seq2one.SeriesState
		h    int
	}{{"no covariates", g, st, 24}, {"known covariate", gc, stc, 14}} {
		p := c.g.NewPredictor()
		dst := make([]float64, c.h)
		if n := testing.AllocsPerRun(20, func() { _, _ = p.Predict(dst, c.st, c.h) }); n != 0 {
			t.Errorf("%s: Predict allocates %v times per call, want 0", c.name, n)
		}
	}
}

// fitPromo fits a small global model to series with a known promotion
// covariate (promoSeries), with 14 future values each.
func fitPromo(t testing.TB) (*seq2one.Global, []*forecast.Series) {
	const k, n, h = 3, 120, 14
	r := rand.New(rand.NewPCG(7, 8))
	var with []*forecast.Series
	for i := range k {
		y, promo := promoSeries(r, n+h, 10)
		with = append(with, &forecast.Series{ID: fmt.Sprint(i), Freq: forecast.Daily, Times: daily(n), Values: y[:n],
			Covariates: []forecast.Covariate{{Name: "promo", Values: promo, Known: true}}})
	}
	g := seq2one.NewGlobal(&seq2one.Config{Seed: 1, Season: 7, Horizon: h, Hidden: 8, Epochs: 1, Ensemble: 2, Workers: 1})
	if err := g.Fit(context.Background(), with); err != nil {
		t.Fatal(err)
	}
	return g, with
}

// TestGlobalStateCovariates: with a known covariate, the state of a
// fitted history forecasts what the model does, and carries the future
// values given with the series (no more).
func TestGlobalStateCovariates(t *testing.T) {
	g, with := fitPromo(t)
	want, err := g.Predict(nil, 14)
	if err != nil {
		t.Fatal(err)
	}
	p := g.NewPredictor()
	for i, s := range with {
		st, err := g.State(s)
		if err != nil {
			t.Fatal(err)
		}
		got, err := p.Predict(nil, st, 14)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want[i]) {
			t.Errorf("series %s: Predictor.Predict(State) = %v…, Predict = %v…", s.ID, got[:3], want[i][:3])
		}
		if _, err := p.Predict(nil, st, 15); !errors.Is(err, forecast.ErrFutureMissing) {
			t.Errorf("series %s: Predict(15) with 14 future values: error %v, want ErrFutureMissing", s.ID, err)
		}
	}
	if _, err := g.State(&forecast.Series{ID: "x", Freq: forecast.Daily, Times: daily(30), Values: with[0].Values[:30]}); err == nil {
		t.Error("State of a series without the model's covariate succeeded")
	}
}

// TestGlobalStateErrors: State refuses what Fit would, before Fit and
// for bad histories; NewPredictor and WeightsOnly panic before Fit, and
// Predict panics on a state of another model's shape.
func TestGlobalStateErrors(t *testing.T) {
	u := seq2one.NewGlobal(nil)
	if _, err := u.State(&forecast.Series{ID: "a", Values: []float64{1, 2, 3}}); !errors.Is(err, forecast.ErrNotFitted) {
		t.Errorf("State before Fit: error %v, want ErrNotFitted", err)
	}
	if !panics(func() { u.NewPredictor() }) {
		t.Error("NewPredictor before Fit did not panic")
	}
	if !panics(func() { u.WeightsOnly() }) {
		t.Error("WeightsOnly before Fit did not panic")
	}
	g, _ := fitPanel(t, 2)
	hourly := func(n int) []time.Time {
		ts := make([]time.Time, n)
		for i := range ts {
			ts[i] = time.Date(2024, 1, 1, i, 0, 0, 0, time.UTC)
		}
		return ts
	}
	for name, s := range map[string]*forecast.Series{
		"nil":      nil,
		"NaN":      {ID: "a", Values: []float64{1, math.NaN(), 3}},
		"1 value":  {ID: "a", Values: []float64{1}},
		"no value": {ID: "a"},
		"covariate": {ID: "a", Values: []float64{1, 2, 3},
			Covariates: []forecast.Covariate{{Name: "c", Values: []float64{1, 2, 3}}}},
	} {
		if _, err := g.State(s); err == nil {
			t.Errorf("State(%s) succeeded", name)
		}
	}
	// The model was fitted on series without timestamps (forecast.Step):
	// any frequency goes.
	if _, err := g.State(&forecast.Series{ID: "h", Freq: forecast.Hourly, Times: hourly(5), Values: []float64{1, 2, 3, 4, 5}}); err != nil {
		t.Errorf("State of hourly data for a model of series without timestamps: %v", err)
	}
	gc, _ := fitPromo(t)
	stc, err := gc.State(&forecast.Series{ID: "d", Freq: forecast.Daily, Times: daily(30), Values: make([]float64, 30),
		Covariates: []forecast.Covariate{{Name: "promo", Values: make([]float64, 40), Known: true}}})
	if err != nil {
		t.Fatal(err)
	}
	if !panics(func() { _, _ = g.NewPredictor().Predict(nil, stc, 1) }) {
		t.Error("Predict with a state of another model's shape did not panic")
	}
	if _, err := gc.State(&forecast.Series{ID: "m", Freq: forecast.Monthly, Times: daily(30), Values: make([]float64, 30),
		Covariates: []forecast.Covariate{{Name: "promo", Values: make([]float64, 40), Known: true}}}); err == nil {
		t.Error("State of monthly data for a model fitted on daily data succeeded")
	}
}

// panics reports whether f panics.
func panics(f func()) (p bool) {
	defer func() {
		if recover() != nil {
			p = true
		}
	}()
	f()
	return false
}
