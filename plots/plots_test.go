package plots

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"gonum.org/v1/plot"
)

func labels(ticks []plot.Tick) []string {
	var out []string
	for _, t := range ticks {
		if t.Label != "" {
			out = append(out, t.Label)
		}
	}
	return out
}

func TestNiceTicker(t *testing.T) {
	for _, test := range []struct {
		min, max float64
		integer  bool
		want     []string
	}{
		{0, 1000, false, []string{"0", "200", "400", "600", "800", "1000"}},
		{0, 12, false, []string{"0.0", "2.5", "5.0", "7.5", "10.0"}},
		{0, 12, true, []string{"0", "2", "4", "6", "8", "10", "12"}},
		{-0.5, 0.5, false, []string{"-0.4", "-0.2", "0.0", "0.2", "0.4"}},
		{0.00012, 0.00018, false, []string{"0.00012", "0.00014", "0.00016", "0.00018"}},
		{1e8, 5e8, false, []string{"1e+08", "2e+08", "3e+08", "4e+08", "5e+08"}},
		{3, 3, false, []string{"3"}},
	} {
		got := labels(niceTicker{integer: test.integer}.Ticks(test.min, test.max))
		if !slices.Equal(got, test.want) {
			t.Errorf("niceTicker{integer: %v}.Ticks(%v, %v) labels = %q, want %q", test.integer, test.min, test.max, got, test.want)
		}
	}
}

func TestTimeTicker(t *testing.T) {
	utc := time.UTC
	for _, test := range []struct {
		name     string
		from, to time.Time
		want     []string
	}{
		{"years", time.Date(1949, 1, 1, 0, 0, 0, 0, utc), time.Date(1960, 12, 1, 0, 0, 0, 0, utc), []string{"1950", "1952", "1954", "1956", "1958", "1960"}},
		{"months", time.Date(2017, 11, 15, 0, 0, 0, 0, utc), time.Date(2018, 5, 1, 0, 0, 0, 0, utc), []string{"Dec\n2017", "Jan\n2018", "Feb", "Mar", "Apr", "May"}},
		{"hours", time.Date(2018, 6, 25, 9, 0, 0, 0, utc), time.Date(2018, 6, 26, 19, 0, 0, 0, utc), []string{"12:00\nJun 25", "18:00", "00:00\nJun 26", "06:00", "12:00", "18:00"}},
		{"weeks", time.Date(2018, 5, 1, 0, 0, 0, 0, utc), time.Date(2018, 6, 26, 0, 0, 0, 0, utc), []string{"May 7\n2018", "May 21", "Jun 4", "Jun 18"}},
	} {
		ticks := timeTicker{loc: utc, max: 7}.Ticks(unixSeconds(test.from), unixSeconds(test.to))
		got := labels(ticks)
		if !slices.Equal(got, test.want) {
			t.Errorf("%s: timeTicker labels = %q, want %q", test.name, got, test.want)
		}
		for _, tk := range ticks {
			if tk.Value < unixSeconds(test.from) || tk.Value > unixSeconds(test.to) {
				t.Errorf("%s: tick %v outside the range", test.name, tk.Value)
			}
		}
	}
}

func TestTrainingScale(t *testing.T) {
	for _, test := range []struct {
		train, val []float64
		scale      Scale
		want       bool
	}{
		{[]float64{1, 0.1}, nil, AutoScale, false}, // one decade
		{[]float64{1, 0.01}, nil, AutoScale, true}, // two decades
		{[]float64{1, 0.5}, []float64{0.005}, AutoScale, true},
		{[]float64{1, 0}, nil, AutoScale, false}, // zero loss: linear
		{[]float64{1, 0.001}, nil, Linear, false},
		{[]float64{1, 0.9}, nil, Log, true},
	} {
		c := &TrainingChart{Train: test.train, Val: test.val, Scale: test.scale}
		if test.val != nil {
			c.Val = append(test.val, make([]float64, len(test.train)-len(test.val))...)
			for i := len(test.val); i < len(c.Val); i++ {
				c.Val[i] = test.train[i]
			}
		}
		if got := c.logScale(); got != test.want {
			t.Errorf("TrainingChart{Train: %v, Val: %v, Scale: %v}.logScale() = %v, want %v", c.Train, c.Val, test.scale, got, test.want)
		}
	}
}

func TestSaveAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "chart.png")
	good := &ForecastChart{History: synth(30, 12), Forecast: synth(6, 12)}
	if err := Save(path, good, Size{}); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	bad := &ForecastChart{History: []float64{math.NaN()}, Forecast: []float64{1}}
	if err := Save(path, bad, Size{}); !errors.Is(err, ErrNotFinite) {
		t.Errorf("Save(NaN) error = %v, want ErrNotFinite", err)
	}
	after, _ := os.ReadFile(path)
	if string(before) != string(after) {
		t.Error("a failed Save changed the existing file")
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("Save left %d files in the directory, want 1", len(ents))
	}
}
