package models

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/tsforecast/tsforecast/forecast"
)

// TestLinearKnown: the Linear model reads a future-known covariate over
// the horizon from the series, and says which step it lacks.
func TestLinearKnown(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 9))
	const n, h = 200, 7
	y := make([]float64, n+h)
	promo := make([]float64, n+h)
	for i := range y {
		if r.Float64() < 0.25 {
			promo[i] = 1
		}
		y[i] = 50 + 10*math.Sin(2*math.Pi*float64(i)/7) + 20*promo[i] + r.NormFloat64()
	}
	s := &forecast.Series{ID: "shop", Values: y[:n], Covariates: []forecast.Covariate{{Name: "promo", Values: promo, Known: true}}}
	m := &Linear{Season: 7, Horizon: h}
	if err := m.Fit(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	fc, err := m.Predict(nil, h)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range fc {
		if math.Abs(v-y[n+k]) > 4 {
			t.Errorf("step %d: forecast %.2f, actual %.2f (promotion %v)", k+1, v, y[n+k], promo[n+k])
		}
	}
	if _, err := m.Predict(nil, h+1); !errors.Is(err, forecast.ErrFutureMissing) {
		t.Errorf("Predict(%d) = %v, want ErrFutureMissing", h+1, err)
	}
	if d := m.Describe(); d == "" || !strings.Contains(d, "1 known covariate") {
		t.Errorf("Describe() = %q", d)
	}
}

// TestLinearGlobalIntervals: on 300 series of a seasonal random walk, the
// global model's 80 % conformal intervals cover about 80 % of the next
// values.
func TestLinearGlobalIntervals(t *testing.T) {
	r := rand.New(rand.NewPCG(10, 11))
	const n, h = 120, 12
	var series []*forecast.Series
	var future [][]float64
	for i := range 300 {
		y := make([]float64, n+h)
		level, amp := 100+10*r.NormFloat64(), 5+5*r.Float64()
		for t := range y {
			level += r.NormFloat64()
			y[t] = level + amp*math.Sin(2*math.Pi*float64(t)/12) + r.NormFloat64()
		}
		series = append(series, &forecast.Series{ID: string(rune('a'+i%26)) + string(rune('0'+i/26)), Values: y[:n]})
		future = append(future, y[n:])
	}
	m := &LinearGlobal{Season: 12, Horizon: h, Levels: []float64{80}}
	if err := m.Fit(context.Background(), series); err != nil {
		t.Fatal(err)
	}
	in, total := 0, 0
	for i := range series {
		iv, err := m.PredictIntervals(i, h, []float64{80})
		if err != nil {
			t.Fatal(err)
		}
		for k, v := range future[i] {
			if iv[0].Lo[k] <= v && v <= iv[0].Hi[k] {
				in++
			}
			total++
		}
	}
	cov := float64(in) / float64(total)
	t.Logf("80 %% intervals cover %.3f", cov)
	if cov < 0.72 || cov > 0.88 {
		t.Errorf("80 %% intervals cover %.3f of %d values", cov, total)
	}
	if i, ok := m.Index(series[5].ID); !ok || i != 5 {
		t.Errorf("Index(%q) = %d, %v", series[5].ID, i, ok)
	}
	longer := &forecast.Series{ID: series[5].ID, Values: append(append([]float64(nil), series[5].Values...), future[5][:3]...)}
	if err := m.Update([]*forecast.Series{longer}); err != nil {
		t.Fatal(err)
	}
	if _, err := m.PredictSeries(nil, 5, h); err != nil {
		t.Errorf("PredictSeries after Update: %v", err)
	}
}
