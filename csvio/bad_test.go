package csvio_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/tsforecast/tsforecast/csvio"
	"github.com/tsforecast/tsforecast/forecast"
)

// TestReadBadInput covers every bad input listed in issue 2, and a few
// more: each must return a *ParseError naming the file, the line an editor
// shows and the column, and wrapping the right sentinel.
func TestReadBadInput(t *testing.T) {
	const air = "\"Month\",\"Passengers\"\r\n\"1949-01\",112\r\n\"1949-02\",118\r\n"
	for _, test := range []struct {
		name   string
		in     string
		opt    *csvio.LoadOptions
		line   int
		col    string // "" when no column applies
		kind   error
		substr string
	}{
		{name: "empty file", in: "", line: 1, kind: csvio.ErrNoData, substr: "empty file"},
		{name: "only a BOM", in: "\uFEFF", line: 1, kind: csvio.ErrNoData, substr: "empty file"},
		{name: "header only", in: "\"Month\",\"Passengers\"\r\n", line: 1, kind: csvio.ErrNoData, substr: "without data rows"},
		{name: "header only wide", in: "V1,V2,V3\n", line: 1, kind: csvio.ErrNoData, substr: "without data rows"},
		{name: "non-numeric token", in: air + "1949-03,12x\r\n", line: 4, col: "Passengers", kind: csvio.ErrSyntax, substr: `invalid number "12x"`},
		{name: "non-numeric covariate", in: "ds,y,x\n2020-01-01,1,2\n2020-01-02,3,abc\n", opt: &csvio.LoadOptions{Covariates: []string{"x"}}, line: 3, col: "x", kind: csvio.ErrSyntax, substr: `invalid number "abc"`},
		{name: "number out of range", in: "ds,y\n2020-01-01,1\n2020-01-02,1e999\n", line: 3, col: "y", kind: csvio.ErrSyntax, substr: "out of range"},
		{name: "NaN value", in: air + "1949-03,NaN\r\n", line: 4, col: "Passengers", kind: csvio.ErrMissing, substr: `missing value "NaN"`},
		{name: "Inf value", in: air + "1949-03,Inf\r\n", line: 4, col: "Passengers", kind: csvio.ErrMissing, substr: `missing value "Inf"`},
		{name: "-Inf value", in: air + "1949-03,-Inf\r\n", line: 4, col: "Passengers", kind: csvio.ErrMissing, substr: `missing value "-Inf"`},
		{name: "empty value", in: air + "1949-03,\r\n1949-04,5\r\n", line: 4, col: "Passengers", kind: csvio.ErrMissing, substr: `missing value ""`},
		{name: "NA covariate", in: "ds,y,x\n2020-01-01,1,2\n2020-01-02,3,NA\n", opt: &csvio.LoadOptions{Covariates: []string{"x"}}, line: 3, col: "x", kind: csvio.ErrMissing, substr: `missing value "NA"`},
		{name: "duplicate timestamp", in: air + "1949-02,120\r\n", line: 4, col: "Month", kind: csvio.ErrOrder, substr: `duplicate timestamp "1949-02" (also on line 3)`},
		{name: "out of order", in: air + "1948-12,120\r\n", line: 4, col: "Month", kind: csvio.ErrOrder, substr: `"1948-12" is before "1949-02" on line 3`},
		{name: "format change mid-file", in: air + "1949-03-01,120\r\n", line: 4, col: "Month", kind: csvio.ErrSyntax, substr: `has format "2006-01-02" but line 2 has "2006-01"`},
		{name: "invalid timestamp", in: air + "March 1949,120\r\n", line: 4, col: "Month", kind: csvio.ErrSyntax, substr: `invalid timestamp "March 1949"`},
		{name: "empty timestamp", in: air + ",120\r\n", line: 4, col: "Month", kind: csvio.ErrSyntax, substr: "empty timestamp"},
		{name: "user layout mismatch", in: "date,y\n01/02/2020,1\n2020-01-03,2\n", opt: &csvio.LoadOptions{TimeLayout: "01/02/2006"},
			line: 3, col: "date", kind: csvio.ErrSyntax, substr: `want layout "01/02/2006"`},
		{name: "unknown target", in: air, opt: &csvio.LoadOptions{Target: "Pasengers"}, line: 1, col: "Pasengers", kind: csvio.ErrColumn, substr: "unknown target column"},
		{name: "unknown target below blank lines", in: "\n\nds,y\n2020-01-01,1\n", opt: &csvio.LoadOptions{Target: "z"}, line: 3, col: "z", kind: csvio.ErrColumn, substr: `unknown target column (the header has "ds", "y")`},
		{name: "unknown time column", in: air, opt: &csvio.LoadOptions{TimeColumn: "When"}, line: 1, col: "When", kind: csvio.ErrColumn, substr: "unknown time column"},
		{name: "unknown id column", in: air, opt: &csvio.LoadOptions{IDColumn: "sid"}, line: 1, col: "sid", kind: csvio.ErrColumn, substr: "unknown id column"},
		{name: "unknown listed column", in: air, opt: &csvio.LoadOptions{Covariates: []string{"Passengers", "Crew"}}, line: 1, col: "Crew", kind: csvio.ErrColumn, substr: "unknown covariate column"},
		{name: "duplicate column name", in: "ds,y,y\n2020-01-01,1,2\n", line: 1, col: "y", kind: csvio.ErrColumn, substr: "duplicate column name"},
		{name: "long without id", in: air, opt: &csvio.LoadOptions{Layout: csvio.LayoutLong}, line: 1, kind: csvio.ErrColumn, substr: "no id column"},
		{name: "wide empty id", in: "V1,V2,V3\nH1,1,2\n,3,4\n", line: 3, col: "V1", kind: csvio.ErrSyntax, substr: "empty series id"},
		{name: "wide quoted empty id", in: "\"V1\",\"V2\"\n\"H1\",\"1\"\n\"\",\"3\"\n", line: 3, col: "V1", kind: csvio.ErrSyntax, substr: "empty series id"},
		{name: "wide duplicate id", in: "V1,V2,V3\nH1,1,2\nH1,3,4\n", line: 3, col: "V1", kind: csvio.ErrSyntax, substr: `duplicate series id "H1" (also on line 2)`},
		{name: "wide bad token", in: "V1,V2,V3\nH1,1,2\nH2,3,x4\n", line: 3, col: "V3", kind: csvio.ErrSyntax, substr: `invalid number "x4"`},
		{name: "wide no values", in: "V1,V2,V3\nH1,1,2\nH2,,\n", line: 3, col: "V1", kind: csvio.ErrNoData, substr: `series "H2" has no values`},
		{name: "wide inner gap", in: "V1,V2,V3,V4\nH1,1,,2\n", line: 2, col: "V3", kind: csvio.ErrMissing, substr: `missing value ""`},
		{name: "wide long row", in: "V1,V2\nH1,1,2\n", line: 2, kind: csvio.ErrSyntax, substr: "row has 3 fields, the header has 2"},
		{name: "long empty id", in: "unique_id,ds,y\nA,2020-01-01,1\n,2020-01-02,2\n", line: 3, col: "unique_id", kind: csvio.ErrSyntax, substr: "empty series id"},
		{name: "long out of order", in: "unique_id,ds,y\nA,2020-01-02,1\nB,2020-01-01,2\nA,2020-01-01,2\n", line: 4, col: "ds", kind: csvio.ErrOrder, substr: `of series "A" is before "2020-01-02" on line 2`},
		{name: "short series", in: air + "1949-03,132\r\n", opt: &csvio.LoadOptions{MinLength: 24}, line: 2, col: "Passengers", kind: forecast.ErrTooShort, substr: "has 3 values, fewer than the 24 required"},
		{name: "short wide series", in: "V1,V2,V3,V4\nH1,1,2,3\nH2,1,,\n", opt: &csvio.LoadOptions{MinLength: 2}, line: 3, col: "V1", kind: forecast.ErrTooShort, substr: `"H2" has 1 values`},
		{name: "too few fields", in: air + "1949-03\r\n", line: 4, kind: csvio.ErrSyntax, substr: "row has 1 fields, the header has 2"},
		{name: "too many fields", in: air + "1949-03,1,2\r\n", line: 4, kind: csvio.ErrSyntax, substr: "row has 3 fields"},
		{name: "bare quote", in: air + "1949-03,1\"2\r\n", line: 4, kind: csvio.ErrSyntax, substr: "bare \""},
		{name: "unterminated quote", in: air + "\"1949-03,12\r\n", line: 4, kind: csvio.ErrSyntax, substr: "extraneous or missing \""},
		{name: "irregular spacing", in: "ds,y\n2020-01-01 00:00:00,1\n2020-01-01 00:15:00,2\n", line: 3, col: "ds", kind: csvio.ErrIrregular, substr: "15m0s after"},
		{name: "off grid", in: "ds,y\n2020-01-01,1\n2020-02-01,2\n2020-03-15,3\n", line: 4, col: "ds", kind: csvio.ErrIrregular, substr: `not on the monthly grid that starts at "2020-01-01" on line 2`},
		{name: "single timestamp", in: "ds,y\n2020-01-01,1\n", line: 2, col: "ds", kind: csvio.ErrIrregular, substr: "single timestamp"},
		{name: "gap", in: "ds,y\n2020-01-01,1\n2020-01-02,2\n2020-01-05,3\n", line: 4, col: "ds", kind: csvio.ErrMissing,
			substr: "1 gap in the daily timestamps (2 steps missing): 2020-01-03 (2 steps) before line 4"},
		{name: "gap off grid of forced freq", in: "ds,y\n2020-01-01,1\n2020-01-02,2\n", opt: &csvio.LoadOptions{Freq: "weekly"},
			line: 3, col: "ds", kind: csvio.ErrIrregular, substr: "weekly grid"},
		{name: "huge gap", in: "ds,y\n2020-01-01,1\n2020-01-02,2\n2090-01-02,3\n", opt: &csvio.LoadOptions{Missing: csvio.MissingInterpolate},
			line: 4, col: "ds", kind: csvio.ErrIrregular, substr: "check the timestamps"},
		{name: "all missing", in: "ds,y,x\n2020-01-01,1,\n2020-01-02,2,NA\n", opt: &csvio.LoadOptions{Missing: csvio.MissingFFill, AllCovariates: true},
			line: 2, col: "x", kind: csvio.ErrNoData, substr: "no values"},
		// Line numbers count physical lines: a quoted field spanning two
		// lines moves the following rows down by one.
		{name: "line after multi-line field", in: "ds,y,note\n2020-01-01,1,\"two\nlines\"\n2020-01-02,x,ok\n", opt: &csvio.LoadOptions{Target: "y"},
			line: 4, col: "y", kind: csvio.ErrSyntax, substr: `invalid number "x"`},
		{name: "BOM keeps line numbers", in: "\uFEFFds,y\n2020-01-01,1\n2020-01-02,?\n", line: 3, col: "y", kind: csvio.ErrSyntax, substr: `invalid number "?"`},
	} {
		t.Run(test.name, func(t *testing.T) {
			ds, err := csvio.Read(strings.NewReader(test.in), "bad.csv", test.opt)
			if err == nil {
				t.Fatalf("Read(%q) = %d series, want an error", test.in, len(ds.Series))
			}
			var pe *csvio.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Read(%q) error %T %v, want *ParseError", test.in, err, err)
			}
			msg := err.Error()
			if pe.File != "bad.csv" || pe.Line != test.line || pe.Column != test.col {
				t.Errorf("Read(%q) error at %s:%d column %q, want bad.csv:%d column %q (%s)", test.in, pe.File, pe.Line, pe.Column, test.line, test.col, msg)
			}
			prefix := fmt.Sprintf("bad.csv:%d: ", test.line)
			if test.col != "" {
				prefix += fmt.Sprintf("column %q: ", test.col)
			}
			if !strings.HasPrefix(msg, prefix) {
				t.Errorf("Read(%q) error %q, want prefix %q", test.in, msg, prefix)
			}
			if !strings.Contains(msg, test.substr) {
				t.Errorf("Read(%q) error %q, want it to contain %q", test.in, msg, test.substr)
			}
			if !errors.Is(err, test.kind) {
				t.Errorf("Read(%q) error %q is not %v", test.in, msg, test.kind)
			}
		})
	}
}

func TestReadBadOptions(t *testing.T) {
	if _, err := csvio.Read(strings.NewReader("ds,y\n2020-01-01,1\n"), "x", &csvio.LoadOptions{Freq: "fortnightly"}); err == nil {
		t.Errorf("Read with Freq %q succeeded, want an error", "fortnightly")
	}
	for _, opt := range []*csvio.LoadOptions{{Layout: 9}, {Missing: -1}} {
		if !panics(func() { csvio.Read(strings.NewReader("y\n1\n"), "x", opt) }) {
			t.Errorf("Read with %+v did not panic", *opt)
		}
	}
}

func panics(f func()) (panicked bool) {
	defer func() { panicked = recover() != nil }()
	f()
	return false
}
