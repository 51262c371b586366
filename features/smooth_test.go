package features_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/tsforecast/tsforecast/features"
)

// TestSmoothIndices: noisy estimates of a smooth annual shape (365
// indices, two harmonics, noise of standard deviation 1) come back close
// to the shape; indices of pure noise come back nearly flat; a sharp
// weekly shape of hourly data (168 indices, a square wave) estimated with
// little noise keeps its shape; without a noise level nothing changes.
func TestSmoothIndices(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	rms := func(a, b []float64) float64 {
		s := 0.0
		for i := range a {
			s += (a[i] - b[i]) * (a[i] - b[i])
		}
		return math.Sqrt(s / float64(len(a)))
	}
	for _, test := range []struct {
		name  string
		m     int
		shape func(j, m int) float64
		sd    float64
		max   float64 // largest RMS error to the shape
	}{
		{"annual", 365, func(j, m int) float64 {
			x := 2 * math.Pi * float64(j) / float64(m)
			return 5*math.Cos(x) + 1.5*math.Sin(2*x)
		}, 1, 0.15},
		{"noise", 365, func(int, int) float64 { return 0 }, 1, 0.1},
		{"square week", 168, func(j, m int) float64 {
			if j%24 < 12 {
				return 3
			}
			return -3
		}, 0.05, 0.03},
	} {
		truth := make([]float64, test.m)
		noisy := make([]float64, test.m)
		for j := range truth {
			truth[j] = test.shape(j, test.m)
			noisy[j] = truth[j] + test.sd*rng.NormFloat64()
		}
		got := features.SmoothIndices(nil, noisy, test.sd)
		raw, smooth := rms(noisy, truth), rms(got, truth)
		t.Logf("%s: RMS error %.3f raw, %.3f smoothed", test.name, raw, smooth)
		if smooth > test.max {
			t.Errorf("%s: RMS error of the smoothed indices %.3f (raw %.3f), want at most %.3f", test.name, smooth, raw, test.max)
		}
		if same := features.SmoothIndices(nil, noisy, 0); rms(same, noisy) != 0 {
			t.Errorf("%s: sd 0 changed the indices", test.name)
		}
	}
}
