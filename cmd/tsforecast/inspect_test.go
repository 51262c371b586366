package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/tsforecast/tsforecast/csvio"
	"github.com/tsforecast/tsforecast/forecast"
)

// TestInspectManyCovariates: the text output names the first covariates
// and counts the rest, where it printed every name on one line; --json
// lists them all (issue 15, item 8).
func TestInspectManyCovariates(t *testing.T) {
	const n = 1200
	s := &forecast.Series{ID: "y", Target: "y", Values: []float64{1, 2, 3}}
	for i := 1; i <= n; i++ {
		s.Covariates = append(s.Covariates, forecast.Covariate{Name: fmt.Sprintf("c%d", i), Values: []float64{1, 1, 1}})
	}
	ds := &csvio.Dataset{Name: "f.csv", Layout: csvio.LayoutSingle, Series: []*forecast.Series{s}}
	in, err := inspect(context.Background(), ds, csvio.MissingError, 0)
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	if err := in.writeText(&text); err != nil {
		t.Fatal(err)
	}
	want := "c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, … and 1,190 more\n"
	if !strings.Contains(text.String(), want) || strings.Contains(text.String(), "c11,") {
		t.Errorf("inspect of %d covariates:\n%s\nwant the line to end %q", n, text.String(), want)
	}
	js, err := json.Marshal(in)
	if err != nil || !strings.Contains(string(js), `"c1200"`) {
		t.Errorf("inspect --json of %d covariates does not list c1200 (%v)", n, err)
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 99989: "99,989", 1234567: "1,234,567", -1234: "-1,234"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestInspectContext: inspect stops between series once its context is
// done (issue 15, item 7).
func TestInspectContext(t *testing.T) {
	ds, err := csvio.ReadFile(smallWide, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := inspect(ctx, ds, csvio.MissingError, 0); !errors.Is(err, context.Canceled) {
		t.Errorf("inspect under a cancelled context: %v, want context.Canceled", err)
	}
	if _, err := inspect(context.Background(), ds, csvio.MissingError, 0); err != nil {
		t.Errorf("inspect: %v", err)
	}
}
