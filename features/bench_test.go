package features_test

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/tsforecast/tsforecast/features"
)

func benchSeries(n int) []float64 {
	rng := rand.New(rand.NewPCG(1, 1))
	x := make([]float64, n)
	for i := range x {
		x[i] = 100 + 10*math.Sin(2*math.Pi*float64(i)/24) + 0.01*float64(i) + rng.NormFloat64()
	}
	return x
}

func BenchmarkACF(b *testing.B) {
	for _, size := range []struct{ n, lags int }{{700, 48}, {700, 400}, {17420, 800}} {
		x := benchSeries(size.n)
		dst := make([]float64, size.lags+1)
		b.Run("n="+strconv.Itoa(size.n)+"/lags="+strconv.Itoa(size.lags), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				features.ACF(dst, x, size.lags)
			}
		})
	}
}

func BenchmarkDetectPeriods(b *testing.B) {
	for _, size := range []struct{ n, maxPeriod int }{{144, 48}, {700, 200}, {17420, 400}} {
		x := benchSeries(size.n)
		b.Run("n="+strconv.Itoa(size.n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				features.DetectPeriods(x, size.maxPeriod)
			}
		})
	}
}

func BenchmarkDecompose(b *testing.B) {
	x := benchSeries(960)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := features.Decompose(x, 24, features.Multiplicative); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFillWindow(b *testing.B) {
	for _, size := range []struct{ window, covs int }{{24, 0}, {168, 6}} {
		target := benchSeries(17420)
		covs := make([][]float64, size.covs)
		for j := range covs {
			covs[j] = benchSeries(17420)
		}
		w, err := features.NewWindows(target, covs, features.WindowConfig{Window: size.window})
		if err != nil {
			b.Fatal(err)
		}
		x := make([]float64, w.Window*w.Features())
		y := make([]float64, w.Horizon)
		b.Run("window="+strconv.Itoa(size.window)+"/features="+strconv.Itoa(w.Features()), func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				w.Fill(x, y, i)
				i = (i + 7919) % w.Len()
			}
		})
	}
}

func BenchmarkCalendar(b *testing.B) {
	feats := []features.CalendarFeature{features.HourOfDay, features.DayOfWeek, features.DayOfYear}
	dst := make([]float64, 2*len(feats))
	t := time.Date(2016, 7, 1, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		features.Calendar(dst, t, feats)
		t = t.Add(time.Hour)
	}
}
