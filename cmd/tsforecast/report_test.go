package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReportMany: a report on a multi-series file has the forecasts (CSV
// and a grid of the --ids series), and a title with the file's base name.
func TestReportMany(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "rep")
	mustRun(t, "", "report", "--input", smallWide, "--horizon", "4", "--origins", "2", "--models", "snaive,naive2",
		"--model", "snaive", "--ids", "W1,W3", "--out", dir)
	csvb, err := os.ReadFile(filepath.Join(dir, "forecast.csv"))
	if err != nil {
		t.Fatal(err)
	}
	// A wide file's forecasts with intervals are written long.
	if !strings.HasPrefix(string(csvb), "id,step,forecast,lo_80,hi_80,lo_95,hi_95\nW1,1,") || strings.Count(string(csvb), "\n") != 1+3*4 {
		t.Errorf("forecast.csv:\n%s", csvb)
	}
	index, err := os.ReadFile(filepath.Join(dir, "index.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"# Forecast report: small-wide.csv\n", "![forecasts](forecasts.png)", "the chosen 2 of 3 series", "[forecast.csv](forecast.csv)"} {
		if !strings.Contains(string(index), want) {
			t.Errorf("index.md lacks %q:\n%s", want, index)
		}
	}
	r := run(t, "", "report", "--input", smallWide, "--horizon", "4", "--origins", "2", "--models", "snaive",
		"--model", "snaive", "--ids", "W1,nope", "--out", filepath.Join(t.TempDir(), "r2"))
	if r.code == exitOK || !strings.Contains(r.stderr, "nope") {
		t.Errorf("--ids with an unknown id: exit %d, stderr %q", r.code, r.stderr)
	}
}
