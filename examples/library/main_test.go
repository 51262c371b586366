package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
)

// TestMain_ runs the example from the repository's top directory, as the
// README does (go run ./examples/library), and checks what it prints: the
// two models ranked, then twelve monthly forecasts of 1961, each inside
// its 80 % interval.
func TestMain_(t *testing.T) {
	t.Chdir("../..")
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout := os.Stdout
	os.Stdout = w
	main()
	os.Stdout = stdout
	w.Close()
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 14 {
		t.Fatalf("the example printed %d lines, want 2 ranked models and 12 forecasts:\n%s", len(lines), out)
	}
	for _, l := range lines[:2] {
		if !strings.Contains(l, "RMSE") || !strings.Contains(l, "MASE") {
			t.Errorf("ranking line %q lacks RMSE or MASE", l)
		}
	}
	if !strings.HasPrefix(lines[2], "1961-01 ") || !strings.HasPrefix(lines[13], "1961-12 ") {
		t.Errorf("forecast lines run %q .. %q, want 1961-01 .. 1961-12", lines[2], lines[13])
	}
	for _, l := range lines[2:] {
		var month string
		var point, lo, hi float64
		if _, err := fmt.Sscanf(strings.NewReplacer("[", "", ",", "", "]", "").Replace(l), "%s %g %g %g", &month, &point, &lo, &hi); err != nil || !(lo < point && point < hi) {
			t.Errorf("forecast line %q: want a month, a forecast and an interval around it (%v)", l, err)
		}
	}
}
