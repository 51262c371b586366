package seq2one_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	"github.com/tsforecast/tsforecast/eval"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/models"
	"github.com/tsforecast/tsforecast/seq2one"
)

// panel returns k series sharing one daily shape (season 24) and a weekly
// modulation, each at its own scale (1 to 10⁴), level drift and phase, with
// multiplicative noise of σ 3 %: the situation a global model is for. The
// last h values of each series are returned apart as the test.
func panel(k, n, h int, seed uint64) (train []*forecast.Series, test [][]float64) {
	rng := rand.New(rand.NewPCG(seed, 2))
	for i := range k {
		scale := math.Pow(10, 4*float64(i)/float64(max(1, k-1)))
		phase := rng.IntN(24)
		drift := 0.0005 * rng.NormFloat64()
		v := make([]float64, n)
		for t := range v {
			tt := float64(t + phase)
			day := 0.5*math.Sin(2*math.Pi*tt/24) + 0.2*math.Cos(4*math.Pi*tt/24)
			week := 0.15 * math.Sin(2*math.Pi*tt/168)
			v[t] = scale * math.Exp(day+week+drift*float64(t)+0.03*rng.NormFloat64())
		}
		train = append(train, &forecast.Series{ID: fmt.Sprintf("S%d", i), Freq: forecast.Step, Values: v[:n-h]})
		test = append(test, v[n-h:])
	}
	return train, test
}

func smallGlobal(seed uint64, workers int) *seq2one.Config {
	return &seq2one.Config{Seed: seed, Season: 24, Horizon: 24, Hidden: 16, MaxWindows: 1500, Epochs: 12, Workers: workers}
}

// TestGlobalLearnsShared checks that one global network fitted to series of
// very different scales forecasts all of them better than seasonal naive
// does (mean sMAPE over the series), in the units of each series.
func TestGlobalLearnsShared(t *testing.T) {
	train, test := panel(8, 600, 24, 1)
	g := seq2one.NewGlobal(smallGlobal(1, 0))
	if err := g.Fit(context.Background(), train); err != nil {
		t.Fatal(err)
	}
	if g.Season() != 24 || g.Window() != 168 || g.Horizon() != 24 || g.Len() != 8 {
		t.Fatalf("season %d window %d horizon %d series %d, want 24, 168, 24, 8", g.Season(), g.Window(), g.Horizon(), g.Len())
	}
	fc, err := g.Predict(nil, 24)
	if err != nil {
		t.Fatal(err)
	}
	var sm, sn float64
	for i, s := range train {
		sm += eval.SMAPE(test[i], fc[i]) / float64(len(train))
		naive := s.Values[len(s.Values)-24:]
		sn += eval.SMAPE(test[i], naive) / float64(len(train))
	}
	t.Logf("global sMAPE %.3f, seasonal naive %.3f", sm, sn)
	// Noise alone gives seasonal naive about 200·E|e1−e2|/2 ≈ 3.4 % sMAPE
	// (e ~ N(0, 0.03²)) plus the weekly change; the ideal forecaster about
	// 2.4 %.
	if !(sm < sn) {
		t.Errorf("global sMAPE %.3f, want below seasonal naive %.3f", sm, sn)
	}
	if !(sm < 5) {
		t.Errorf("global sMAPE %.3f, want below 5 (noise level ~2.4)", sm)
	}
	// Longer horizons than the head are built block by block.
	long, err := g.PredictSeries(nil, 3, 60)
	if err != nil {
		t.Fatal(err)
	}
	for k := range 24 {
		if long[k] != fc[3][k] {
			t.Fatalf("PredictSeries(3, 60)[%d] = %v, want the 24-step forecast %v", k, long[k], fc[3][k])
		}
	}
	for k, v := range long {
		if !(v > 0) || math.IsInf(v, 0) {
			t.Fatalf("PredictSeries(3, 60)[%d] = %v", k, v)
		}
	}
}

// TestGlobalDeterministic checks that a fixed seed gives bit-identical
// forecasts, with one worker or two.
func TestGlobalDeterministic(t *testing.T) {
	train, _ := panel(4, 400, 24, 3)
	var ref [][]float64
	for _, workers := range []int{2, 1, 2} {
		g := seq2one.NewGlobal(smallGlobal(5, workers))
		if err := g.Fit(context.Background(), train); err != nil {
			t.Fatal(err)
		}
		fc, err := g.Predict(nil, 24)
		if err != nil {
			t.Fatal(err)
		}
		if ref == nil {
			ref = fc
			continue
		}
		for i := range fc {
			for k := range fc[i] {
				if fc[i][k] != ref[i][k] {
					t.Fatalf("workers %d: forecast[%d][%d] = %v, first run %v", workers, i, k, fc[i][k], ref[i][k])
				}
			}
		}
	}
}

// TestGlobalSaveLoad checks the round trip (identical forecasts), the
// atomic file variant, and the errors for files that are not global models.
func TestGlobalSaveLoad(t *testing.T) {
	train, _ := panel(3, 300, 24, 4)
	cfg := smallGlobal(2, 0)
	cfg.Epochs = 2
	cfg.Ensemble = 2
	g := seq2one.NewGlobal(cfg)
	if err := g.Save(&bytes.Buffer{}); !errors.Is(err, forecast.ErrNotFitted) {
		t.Errorf("Save before Fit: %v, want ErrNotFitted", err)
	}
	if err := g.Fit(context.Background(), train); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "g.model")
	if err := g.SaveFile(path); err != nil {
		t.Fatal(err)
	}
	h, err := seq2one.LoadGlobalFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := g.Predict(nil, 30)
	got, err := h.Predict(nil, 30)
	if err != nil {
		t.Fatal(err)
	}
	for i := range want {
		for k := range want[i] {
			if got[i][k] != want[i][k] {
				t.Fatalf("loaded forecast[%d][%d] = %v, saved model %v", i, k, got[i][k], want[i][k])
			}
		}
	}
	if ids := h.IDs(); len(ids) != 3 || ids[2] != "S2" {
		t.Errorf("loaded IDs %v", ids)
	}

	var buf bytes.Buffer
	if err := g.Save(&buf); err != nil {
		t.Fatal(err)
	}
	full := buf.Bytes()
	if _, err := seq2one.LoadGlobal(bytes.NewReader(full[:len(full)/2])); !errors.Is(err, seq2one.ErrTruncated) {
		t.Errorf("truncated file: %v, want ErrTruncated", err)
	}
	bad := bytes.Clone(full)
	bad[len(bad)-10] ^= 0xff
	if _, err := seq2one.LoadGlobal(bytes.NewReader(bad)); !errors.Is(err, seq2one.ErrCorrupt) {
		t.Errorf("flipped weight byte: %v, want ErrCorrupt", err)
	}
	if _, err := seq2one.LoadGlobal(bytes.NewReader([]byte("id,value\nA,1\n"))); !errors.Is(err, seq2one.ErrNotModel) {
		t.Errorf("CSV: %v, want ErrNotModel", err)
	}
	bad = bytes.Clone(full)
	bad[8] = 9
	var ve *seq2one.VersionError
	if _, err := seq2one.LoadGlobal(bytes.NewReader(bad)); !errors.As(err, &ve) || ve.Version != 9 {
		t.Errorf("version 9: %v, want a VersionError", err)
	}
	single := seq2one.New(&seq2one.Config{Seed: 1, Epochs: 1})
	if err := single.Fit(context.Background(), train[0]); err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	if err := single.Save(&buf); err != nil {
		t.Fatal(err)
	}
	if _, err := seq2one.LoadGlobal(&buf); !errors.Is(err, seq2one.ErrSingleModel) {
		t.Errorf("single-series model: %v, want ErrSingleModel", err)
	}
}

// TestGlobalPredictAllocs checks that a forecast within the head's horizon
// does not allocate.
func TestGlobalPredictAllocs(t *testing.T) {
	train, _ := panel(2, 300, 24, 6)
	cfg := smallGlobal(1, 0)
	cfg.Epochs = 1
	g := seq2one.NewGlobal(cfg)
	if err := g.Fit(context.Background(), train); err != nil {
		t.Fatal(err)
	}
	dst := make([]float64, 24)
	if a := testing.AllocsPerRun(20, func() { g.PredictSeries(dst, 1, 24) }); a != 0 {
		t.Errorf("PredictSeries allocates %v times per call", a)
	}
}

// TestGlobalBadInput checks the errors for data the model cannot use.
func TestGlobalBadInput(t *testing.T) {
	ok := &forecast.Series{ID: "ok", Values: make([]float64, 200)}
	for i := range ok.Values {
		ok.Values[i] = 1 + float64(i%24)
	}
	for _, test := range []struct {
		name   string
		series []*forecast.Series
	}{
		{"none", nil},
		{"nan", []*forecast.Series{ok, {ID: "bad", Values: []float64{1, math.NaN(), 3}}}},
		{"one value", []*forecast.Series{ok, {ID: "short", Values: []float64{1}}}},
		{"all too short", []*forecast.Series{{ID: "a", Values: []float64{1, 2, 3}}}},
	} {
		g := seq2one.NewGlobal(smallGlobal(1, 0))
		if err := g.Fit(context.Background(), test.series); err == nil {
			t.Errorf("%s: Fit succeeded, want an error", test.name)
		}
	}
	g := seq2one.NewGlobal(nil)
	if _, err := g.Predict(nil, 3); !errors.Is(err, forecast.ErrNotFitted) {
		t.Errorf("Predict before Fit: %v, want ErrNotFitted", err)
	}
}

// TestPanelWalkForward runs a global model through eval.WalkForwardMany
// with two origins: every series' fold must be forecast by the model
// fitted on the whole panel cut at that origin (so it matches a Global
// fitted by hand on the cut panel), and it must beat seasonal naive.
func TestPanelWalkForward(t *testing.T) {
	train, _ := panel(6, 500, 24, 8)
	cfg := smallGlobal(3, 0)
	p := eval.NewPanel(func() forecast.MultiForecaster { return seq2one.NewGlobal(cfg) }, train)
	res, err := eval.WalkForwardMany(context.Background(), train, []eval.Model{
		{Name: "global", New: p.Forecaster},
		{Name: "snaive", New: func() forecast.Forecaster { return &models.SeasonalNaive{Period: 24} }},
	}, &eval.Backtest{Horizon: 24, Origins: 2, Refit: 1, Season: 24})
	if err != nil {
		t.Fatal(err)
	}
	g, sn := res.Model("global"), res.Model("snaive")
	t.Logf("walk-forward sMAPE: global %.3f, seasonal naive %.3f", g.SMAPE, sn.SMAPE)
	if !(g.SMAPE < sn.SMAPE) {
		t.Errorf("global sMAPE %.3f, want below seasonal naive %.3f", g.SMAPE, sn.SMAPE)
	}
	// The last fold (origin 24 values before the end) by hand.
	cut := make([]*forecast.Series, len(train))
	for i, s := range train {
		cut[i] = s.Head(len(s.Values) - 24)
	}
	gl := seq2one.NewGlobal(cfg)
	if err := gl.Fit(context.Background(), cut); err != nil {
		t.Fatal(err)
	}
	want, err := gl.PredictSeries(nil, 2, 24)
	if err != nil {
		t.Fatal(err)
	}
	r := res.Series[2].Model("global")
	got := r.Folds[len(r.Folds)-1].Forecast
	for k := range want {
		if got[k] != want[k] {
			t.Fatalf("panel fold forecast[%d] = %v, global fitted on the cut panel %v", k, got[k], want[k])
		}
	}
}

// BenchmarkGlobalPredict times one 24-step forecast of one series by a
// global model of 3 members (hidden 16, window 168).
func BenchmarkGlobalPredict(b *testing.B) {
	train, _ := panel(4, 400, 24, 6)
	cfg := smallGlobal(1, 0)
	cfg.Epochs = 1
	g := seq2one.NewGlobal(cfg)
	if err := g.Fit(context.Background(), train); err != nil {
		b.Fatal(err)
	}
	dst := make([]float64, 24)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := g.PredictSeries(dst, 1, 24); err != nil {
			b.Fatal(err)
		}
	}
}

// TestGlobalRadius checks the pooled conformal intervals: on held-out
// data of the synthetic panel the 90 % intervals cover roughly 90 % of the
// values, widths scale with each series' level, the loaded model gives
// the same radii, and bad levels are errors.
func TestGlobalRadius(t *testing.T) {
	train, test := panel(12, 600, 24, 11)
	g := seq2one.NewGlobal(smallGlobal(1, 0))
	if err := g.Fit(context.Background(), train); err != nil {
		t.Fatal(err)
	}
	fc, err := g.Predict(nil, 24)
	if err != nil {
		t.Fatal(err)
	}
	var in, n int
	var r0, r11 float64
	for i := range fc {
		r, err := g.Radius(nil, i, 24, 90)
		if err != nil {
			t.Fatal(err)
		}
		for k, v := range test[i] {
			if !(r[k] > 0) {
				t.Fatalf("Radius(series %d, 90)[%d] = %v, want > 0", i, k, r[k])
			}
			if math.Abs(v-fc[i][k]) <= r[k] {
				in++
			}
			n++
		}
		switch i {
		case 0:
			r0 = r[0]
		case 11:
			r11 = r[0]
		}
	}
	cov := float64(in) / float64(n)
	t.Logf("90 %% interval coverage on the held-out day: %.3f", cov)
	// 288 values from 12 series with correlated errors: a wide band.
	if cov < 0.7 || cov > 0.995 {
		t.Errorf("coverage %.3f, want about 0.9", cov)
	}
	if !(r11 > 1000*r0) {
		t.Errorf("radius of the 10⁴-scale series %v, of the unit series %v: want them in proportion", r11, r0)
	}
	var buf bytes.Buffer
	if err := g.Save(&buf); err != nil {
		t.Fatal(err)
	}
	h, err := seq2one.LoadGlobal(&buf)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := g.Radius(nil, 5, 30, 80)
	got, err := h.Radius(nil, 5, 30, 80)
	if err != nil {
		t.Fatal(err)
	}
	for k := range want {
		if got[k] != want[k] {
			t.Fatalf("loaded Radius[%d] = %v, want %v", k, got[k], want[k])
		}
	}
	for _, l := range []float64{0, 100, -5, math.NaN()} {
		if _, err := g.Radius(nil, 0, 24, l); err == nil {
			t.Errorf("Radius(level %v) succeeded, want an error", l)
		}
	}
	// 12 series are too few for 95 % per step (⌈13·0.95⌉ = 13): the 288
	// errors of all steps are pooled into one width.
	r95, err := g.Radius(nil, 0, 24, 95)
	if err != nil {
		t.Fatal(err)
	}
	if r95[0] != r95[23] {
		t.Errorf("pooled 95 %% radius differs across steps: %v, %v", r95[0], r95[23])
	}
	if _, err := g.Radius(nil, 0, 24, 99.9); !errors.Is(err, seq2one.ErrNoCalibration) {
		t.Errorf("Radius(level 99.9) with 288 calibration errors: %v, want ErrNoCalibration", err)
	}
}

// TestGlobalUpdate checks that Update with the fitted histories changes
// no forecast, that a longer history of one series moves its forecast and
// leaves the others alone, that a series with non-positive values takes
// the scale transform whatever it had, and that a bad history changes
// nothing. (Update with series the model was not fitted on:
// TestGlobalUnseen.)
func TestGlobalUpdate(t *testing.T) {
	train, test := panel(4, 400, 24, 12)
	cfg := smallGlobal(1, 0)
	cfg.Epochs = 3
	g := seq2one.NewGlobal(cfg)
	if err := g.Fit(context.Background(), train); err != nil {
		t.Fatal(err)
	}
	want, _ := g.Predict(nil, 24)
	if err := g.Update(train); err != nil {
		t.Fatal(err)
	}
	got, _ := g.Predict(nil, 24)
	for i := range want {
		for k := range want[i] {
			if got[i][k] != want[i][k] {
				t.Fatalf("after Update with the fitted history: forecast[%d][%d] = %v, want %v", i, k, got[i][k], want[i][k])
			}
		}
	}
	longer := &forecast.Series{ID: train[1].ID, Values: append(append([]float64(nil), train[1].Values...), test[1]...)}
	if err := g.Update([]*forecast.Series{longer}); err != nil {
		t.Fatal(err)
	}
	moved, err := g.PredictSeries(nil, 1, 24)
	if err != nil {
		t.Fatal(err)
	}
	if moved[0] == want[1][0] {
		t.Errorf("forecast after a longer history equals the old one")
	}
	if again, _ := g.PredictSeries(nil, 0, 24); again[0] != want[0][0] {
		t.Errorf("series 0 changed after updating series 1 only")
	}
	// Before, a series fitted with logs kept them and Update refused a
	// non-positive value; now its state comes from the new history alone,
	// which is on the scale y/mean|y| (forecasts of a network trained on
	// positive series need not be good for it, only finite).
	signed := &forecast.Series{ID: train[2].ID, Values: slices.Clone(train[2].Values)}
	signed.Values[len(signed.Values)-30] = -1
	if err := g.Update([]*forecast.Series{signed}); err != nil {
		t.Errorf("Update with a non-positive value of a series fitted with logs: %v", err)
	}
	if _, err := g.PredictSeries(nil, 2, 24); err != nil {
		t.Errorf("forecast of a series with a non-positive value: %v", err)
	}
	before, _ := g.Predict(nil, 24)
	bad := []*forecast.Series{{ID: "new", Values: []float64{1, 2, 3}}, {ID: train[0].ID, Values: []float64{1, math.NaN(), 3}}}
	if err := g.Update(bad); err == nil {
		t.Error("Update with a NaN in a history succeeded")
	}
	after, _ := g.Predict(nil, 24)
	if g.Len() != len(train) || !slices.Equal(after[0], before[0]) {
		t.Errorf("a failed Update changed the model: %d series (want %d), forecast of series 0 %v, before %v", g.Len(), len(train), after[0][:2], before[0][:2])
	}
}
