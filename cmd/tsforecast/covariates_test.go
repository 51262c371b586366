package main

import (
	"encoding/csv"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// shopFiles writes a daily shop file of n days (sales driven by a weekly
// cycle and promotions; a temperature column and a text column beside)
// and a file of the promotions of the h days after it, and returns their
// paths and the promotions ahead.
func shopFiles(t *testing.T, n, h int) (input, future string, promoAhead []float64) {
	t.Helper()
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(31, 32))
	t0 := time.Date(2023, 1, 2, 0, 0, 0, 0, time.UTC)
	var in, fu strings.Builder
	in.WriteString("date,sales,promo,temp,note\n")
	fu.WriteString("date,promo\n")
	for i := range n + h {
		promo := 0.0
		if r.Float64() < 0.25 {
			promo = 1
		}
		day := t0.AddDate(0, 0, i).Format(time.DateOnly)
		if i >= n {
			fmt.Fprintf(&fu, "%s,%g\n", day, promo)
			promoAhead = append(promoAhead, promo)
			continue
		}
		sales := 100 + 10*math.Sin(2*math.Pi*float64(i)/7) + 40*promo + r.NormFloat64()
		fmt.Fprintf(&in, "%s,%.3f,%g,%.1f,x%d\n", day, sales, promo, 15+r.NormFloat64(), i)
	}
	input, future = filepath.Join(dir, "shop.csv"), filepath.Join(dir, "promo.csv")
	if err := os.WriteFile(input, []byte(in.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(future, []byte(fu.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return input, future, promoAhead
}

// TestCovariateSelection: several numeric columns need --target; the
// others are not read unless named, and a note says so.
func TestCovariateSelection(t *testing.T) {
	in, _, _ := shopFiles(t, 120, 7)
	r := run(t, "", "forecast", "--input", in, "--horizon", "7", "--model", "naive")
	if r.code == exitOK || !strings.Contains(r.stderr, `numeric columns ("sales", "promo", "temp") and none named as the target; use --target`) {
		t.Errorf("forecast without --target: exit %d, stderr %q", r.code, r.stderr)
	}
	r = mustRun(t, "", "forecast", "--input", in, "--target", "sales", "--horizon", "7", "--model", "naive")
	if !strings.Contains(r.stderr, "not read: promo, temp (numeric; --covariates names covariates, or all)") {
		t.Errorf("stderr %q lacks the note on unread columns", r.stderr)
	}
	r = mustRun(t, "", "forecast", "--input", in, "--target", "sales", "--covariates", "temp", "--horizon", "7", "--model", "theta")
	if !strings.Contains(r.stderr, "theta ignores the covariates") {
		t.Errorf("stderr %q lacks the note that theta ignores covariates", r.stderr)
	}
	r = run(t, "", "forecast", "--input", in, "--target", "sales", "--covariates", "all", "--horizon", "7", "--model", "naive")
	if r.code == exitOK || !strings.Contains(r.stderr, `"note"`) {
		t.Errorf("--covariates all with a text column: exit %d, stderr %q", r.code, r.stderr)
	}
	mustRun(t, "", "forecast", "--input", in, "--target", "sales", "--covariates", "all", "--ignore", "note", "--horizon", "7", "--model", "naive")
}

// TestFutureCovariates: promotions given with --future are read over the
// horizon by linear, whose forecasts then follow them; --known without
// --future is an error naming the first missing day.
func TestFutureCovariates(t *testing.T) {
	in, future, promo := shopFiles(t, 200, 7)
	r := run(t, "", "forecast", "--input", in, "--target", "sales", "--known", "promo", "--horizon", "7", "--model", "linear")
	if r.code == exitOK || !strings.Contains(r.stderr, `"promo" has values for 0 of the 7 forecast steps; the first missing is 2023-07-21`) {
		t.Errorf("--known without --future: exit %d, stderr %q", r.code, r.stderr)
	}
	r = mustRun(t, "", "forecast", "--input", in, "--target", "sales", "--future", future, "--horizon", "7", "--model", "linear")
	// A promotion adds 40: the days with one are forecast well above the
	// days without.
	if on, off := promoMeans(t, r.stdout, promo); on-off < 25 {
		t.Errorf("linear: mean forecast on promotion days %.1f, on other days %.1f (promotions %v)", on, off, promo)
	}
	// auto reads them through its members that do (the LSTM and linear).
	r = mustRun(t, "", "forecast", "--input", in, "--target", "sales", "--future", future, "--horizon", "7", "--model", "auto", "--epochs", "5")
	if strings.Contains(r.stderr, "ignores the covariates") {
		t.Errorf("auto with promotions: stderr %q says auto ignores them", r.stderr)
	}
	if on, off := promoMeans(t, r.stdout, promo); on-off < 25 {
		t.Errorf("auto: mean forecast on promotion days %.1f, on other days %.1f (promotions %v)", on, off, promo)
	}
	// A gap in the future file names the missing day.
	gap := filepath.Join(t.TempDir(), "gap.csv")
	b, _ := os.ReadFile(future)
	lines := strings.Split(string(b), "\n")
	os.WriteFile(gap, []byte(strings.Join(append(lines[:2], lines[3:]...), "\n")), 0o644)
	r = run(t, "", "forecast", "--input", in, "--target", "sales", "--future", gap, "--horizon", "7", "--model", "linear")
	if r.code == exitOK || !strings.Contains(r.stderr, "no row for 2023-07-22, the step after 2023-07-21") || !strings.Contains(r.stderr, "--future") {
		t.Errorf("--future with a gap: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestPastCovariatesBeyondHorizon: a saved network that reads a past
// covariate cannot forecast past its trained horizon, whose covariate
// values it never sees; predict says what to do instead.
func TestPastCovariatesBeyondHorizon(t *testing.T) {
	in, _, _ := shopFiles(t, 120, 7)
	model := filepath.Join(t.TempDir(), "m")
	mustRun(t, "", append([]string{"train", "--input", in, "--target", "sales", "--covariates", "temp", "--horizon", "7", "--save", model, "--quiet"}, tinyNet...)...)
	mustRun(t, "", "predict", "--model-file", model, "--input", in, "--target", "sales", "--covariates", "temp", "--horizon", "7")
	r := run(t, "", "predict", "--model-file", model, "--input", in, "--target", "sales", "--covariates", "temp", "--horizon", "10")
	if r.code != exitFailure || !strings.Contains(r.stderr, "7 steps at most, 10 asked") || !strings.Contains(r.stderr, "--future") {
		t.Errorf("predict 10 steps with a past covariate and a 7-step model: exit %d, stderr %q", r.code, r.stderr)
	}
}

// promoMeans returns the mean forecast of the CSV out on the days with a
// promotion and on the others.
func promoMeans(t *testing.T, out string, promo []float64) (on, off float64) {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) != len(promo)+1 {
		t.Fatalf("forecast CSV %q: %v", out, err)
	}
	var non, noff float64
	for k, row := range rows[1:] {
		v, err := strconv.ParseFloat(row[1], 64)
		if err != nil {
			t.Fatal(err)
		}
		if promo[k] == 1 {
			on, non = on+v, non+1
		} else {
			off, noff = off+v, noff+1
		}
	}
	if non == 0 || noff == 0 {
		t.Fatalf("promotions %v: want days with and without", promo)
	}
	return on / non, off / noff
}

// TestCalendarCovariates: --calendar and --holidays add known covariates
// on daily data, and are refused on data without timestamps.
func TestCalendarCovariates(t *testing.T) {
	in, _, _ := shopFiles(t, 120, 7)
	r := mustRun(t, "", "backtest", "--input", in, "--target", "sales", "--holidays", "US", "--horizon", "7", "--origins", "2", "--models", "linear,arima,snaive", "--json")
	if !strings.Contains(r.stdout, `"linear"`) || !strings.Contains(r.stderr, "snaive ignores the covariates") {
		t.Errorf("backtest --holidays: stdout %.200q, stderr %q", r.stdout, r.stderr)
	}
	r = run(t, "", "forecast", "--input", smallWide, "--calendar", "--horizon", "3", "--model", "linear")
	if r.code != exitUsage || !strings.Contains(r.stderr, "--calendar") || !strings.Contains(r.stderr, "no timestamps") {
		t.Errorf("--calendar on a wide file: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestInspectRoles: inspect lists each column with the role it would
// take, and says when it took the first numeric column as the target.
func TestInspectRoles(t *testing.T) {
	in, _, _ := shopFiles(t, 60, 7)
	r := mustRun(t, "", "inspect", "--input", in)
	if !strings.Contains(r.stdout, "date (time), sales (target), promo (numeric, not read), temp (numeric, not read), note (text)") ||
		!strings.Contains(r.stdout, "sales, the first numeric column: the other commands need --target") {
		t.Errorf("inspect:\n%s", r.stdout)
	}
	r = mustRun(t, "", "inspect", "--input", in, "--target", "sales", "--covariates", "temp", "--ignore", "note")
	if !strings.Contains(r.stdout, "date (time), sales (target), promo (numeric, not read), temp (covariate), note (ignored)") ||
		!strings.Contains(r.stdout, " sales\n") || !strings.Contains(r.stdout, "covariates  temp\n") {
		t.Errorf("inspect --target sales --covariates temp --ignore note:\n%s", r.stdout)
	}
}
