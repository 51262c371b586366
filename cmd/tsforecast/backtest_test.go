package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestFmtScore(t *testing.T) {
	for _, test := range []struct {
		v    float64
		want string
	}{
		{0, "0"},
		{0.012345, "0.01235"},
		{38.9871, "38.99"},
		{9999.4, "9999"},
		{12345.6, "12346"},
		{-703008.25, "-703008"},
		{9999999.4, "9999999"},
		{1e7, "1e+07"},
		{-12345678, "-1.235e+07"},
		{4.8243e299, "4.824e+299"},
		{-math.MaxFloat64, "-1.798e+308"},
		{math.NaN(), "NaN"},
		{math.Inf(1), "+Inf"},
		{math.Inf(-1), "-Inf"},
	} {
		if got := fmtScore(test.v); got != test.want {
			t.Errorf("fmtScore(%v) = %q, want %q", test.v, got, test.want)
		}
	}
}

// TestBacktestHugeValues backtests a series of values up to ±1e300: the
// table's scores stay short (they used to print with 300 digits) and its
// columns stay aligned.
func TestBacktestHugeValues(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	var b strings.Builder
	b.WriteString("date,y\n")
	day := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 60 {
		v := 1e300 * r.Float64()
		if r.IntN(2) == 0 {
			v = -v
		}
		fmt.Fprintf(&b, "%s,%g\n", day.AddDate(0, 0, i).Format(time.DateOnly), v)
	}
	path := filepath.Join(t.TempDir(), "huge.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	res := mustRun(t, "", "backtest", "--input", path, "--horizon", "4", "--origins", "2", "--models", "naive,snaive,mean,drift")
	lines := strings.Split(strings.TrimRight(res.stdout, "\n"), "\n")
	if len(lines) != 6 { // title, header, 4 models
		t.Fatalf("backtest printed %d lines, want 6:\n%s", len(lines), res.stdout)
	}
	table := lines[1:]
	for _, l := range table {
		if len(l) != len(table[0]) {
			t.Errorf("table rows of different widths (%d and %d):\n%s", len(l), len(table[0]), res.stdout)
			break
		}
		for _, cell := range strings.Fields(l) {
			if len(cell) > 11 {
				t.Errorf("cell %q longer than 11 characters:\n%s", cell, res.stdout)
			}
		}
	}
	if !strings.Contains(res.stdout, "e+299") {
		t.Errorf("no score printed with an exponent:\n%s", res.stdout)
	}
}
