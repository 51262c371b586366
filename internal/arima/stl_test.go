package arima

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
)

// TestSTLStatsmodels compares stl with statsmodels 0.13.5 STL run with the
// settings of R's stl(x, s.window = 11) (script testdata/ref_arima.py):
// both translate the same netlib Fortran.
func TestSTLStatsmodels(t *testing.T) {
	ref := readRef(t)
	for _, c := range ref.STL {
		x := testSeries(t, c.Series)
		p := rStlParams(c.Period, c.SWindow)
		if p.twin != c.TWindow || p.lwin != c.LWindow {
			t.Errorf("rStlParams(%d, %d): windows %d, %d, want %d, %d", c.Period, c.SWindow, p.twin, p.lwin, c.TWindow, c.LWindow)
		}
		s, tr := stl(x, p)
		scale := 0.0
		for _, v := range x {
			scale = math.Max(scale, math.Abs(v))
		}
		for i := range x {
			if !scalar.EqualWithinAbs(s[i], c.Seasonal[i], 1e-12*scale) {
				t.Errorf("%s: seasonal[%d] = %.15g, want %.15g", c.Series, i, s[i], c.Seasonal[i])
			}
			if !scalar.EqualWithinAbs(tr[i], c.Trend[i], 1e-12*scale) {
				t.Errorf("%s: trend[%d] = %.15g, want %.15g", c.Series, i, tr[i], c.Trend[i])
			}
		}
		if got := SeasonalStrength(x, c.Period); !scalar.EqualWithinAbsOrRel(got, c.Strength, 1e-12, 1e-10) {
			t.Errorf("SeasonalStrength(%s, %d) = %.15g, want %.15g", c.Series, c.Period, got, c.Strength)
		}
		want := 0
		if c.Strength > seasThreshold {
			want = 1
		}
		if got := NSDiffs(x, c.Period, 1); got != want {
			t.Errorf("NSDiffs(%s, %d, 1) = %d, want %d (strength %v)", c.Series, c.Period, got, want, c.Strength)
		}
	}
}

// TestSeasonalStrengthLimits checks the strength on series whose answer is
// clear: a pure seasonal pattern with small noise, white noise, and
// series too short for STL.
func TestSeasonalStrengthLimits(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	n := 120
	seas := make([]float64, n)
	noise := make([]float64, n)
	for i := range seas {
		noise[i] = rng.NormFloat64()
		seas[i] = 10*math.Sin(2*math.Pi*float64(i)/12) + 0.1*noise[i]
	}
	if s := SeasonalStrength(seas, 12); !(s > 0.99) {
		t.Errorf("SeasonalStrength(sine + noise/100) = %v, want > 0.99", s)
	}
	if d := NSDiffs(seas, 12, 1); d != 1 {
		t.Errorf("NSDiffs(sine + noise/100) = %d, want 1", d)
	}
	if s := SeasonalStrength(noise, 12); !(s < seasThreshold) {
		t.Errorf("SeasonalStrength(white noise) = %v, want < %v", s, seasThreshold)
	}
	if d := NSDiffs(noise, 12, 1); d != 0 {
		t.Errorf("NSDiffs(white noise) = %d, want 0", d)
	}
	if s := SeasonalStrength(noise[:24], 12); !math.IsNaN(s) {
		t.Errorf("SeasonalStrength of two periods = %v, want NaN", s)
	}
	if d := NSDiffs(noise[:12], 12, 1); d != 0 {
		t.Errorf("NSDiffs of one period = %d, want 0", d)
	}
}
