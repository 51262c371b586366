package csvio_test

import (
	"errors"
	"io"
	"math"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"testing/iotest"
	"time"

	"gonum.org/v1/gonum/floats/scalar"

	"github.com/tsforecast/tsforecast/csvio"
	"github.com/tsforecast/tsforecast/forecast"
)

func mustRead(t *testing.T, in string, opt *csvio.LoadOptions) *csvio.Dataset {
	t.Helper()
	ds, err := csvio.Read(strings.NewReader(in), "test.csv", opt)
	if err != nil {
		t.Fatalf("Read(%q): %v", in, err)
	}
	for _, s := range ds.Series {
		if err := s.Validate(); err != nil {
			t.Fatalf("Read(%q) returned an invalid series: %v", in, err)
		}
	}
	return ds
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func equalValues(got, want []float64) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if !scalar.EqualWithinAbsOrRel(got[i], want[i], 1e-12, 1e-12) {
			return false
		}
	}
	return true
}

// TestReadEncodings reads one small file written in every way the issue
// lists: CRLF or LF, quoted or not, with a BOM, with or without a final
// newline, with spaces around fields. All must give the same series.
func TestReadEncodings(t *testing.T) {
	want := []float64{112, 118, 132}
	wantTimes := []time.Time{date(1949, 1, 1), date(1949, 2, 1), date(1949, 3, 1)}
	for name, in := range map[string]string{
		"lf":             "Month,Passengers\n1949-01,112\n1949-02,118\n1949-03,132\n",
		"crlf no final":  "\"Month\",\"Passengers\"\r\n\"1949-01\",112\r\n\"1949-02\",118\r\n\"1949-03\",132",
		"bom":            "\uFEFFMonth,Passengers\r\n1949-01,112\r\n1949-02,118\r\n1949-03,132\r\n",
		"quoted numbers": "\"Month\",\"Passengers\"\n\"1949-01\",\"112\"\n\"1949-02\",\"118\"\n\"1949-03\",\"132\"\n",
		"spaces":         "Month, Passengers\n1949-01, 112\n1949-02 ,118 \n 1949-03,132\n",
		"blank lines":    "Month,Passengers\n\n1949-01,112\n1949-02,118\n\n1949-03,132\n\n",
	} {
		t.Run(name, func(t *testing.T) {
			ds := mustRead(t, in, nil)
			if ds.IDColumn != "" || ds.TimeColumn != "Month" {
				t.Errorf("Read(%q) id column %q, time column %q; want none, Month", in, ds.IDColumn, ds.TimeColumn)
			}
			if len(ds.Series) != 1 || ds.Layout != csvio.LayoutSingle {
				t.Fatalf("Read(%q) = %d series, layout %v; want 1 single", in, len(ds.Series), ds.Layout)
			}
			s := ds.Series[0]
			if s.ID != "Passengers" || s.Target != "Passengers" || s.Freq != forecast.Monthly {
				t.Errorf("Read(%q) series ID %q target %q freq %v, want Passengers Passengers monthly", in, s.ID, s.Target, s.Freq)
			}
			if !equalValues(s.Values, want) || !slices.EqualFunc(s.Times, wantTimes, time.Time.Equal) {
				t.Errorf("Read(%q) = %v at %v, want %v at %v", in, s.Values, s.Times, want, wantTimes)
			}
		})
	}
}

func TestReadTimeFormats(t *testing.T) {
	for _, test := range []struct {
		in     string
		opt    *csvio.LoadOptions
		freq   forecast.Freq
		second time.Time
	}{
		{"t,y\n2020-01-01 00:00:00,1\n2020-01-01 01:00:00,2\n", nil, forecast.Hourly, time.Date(2020, 1, 1, 1, 0, 0, 0, time.UTC)},
		{"t,y\n2020-01-01T00:00:00Z,1\n2020-01-01T00:01:00Z,2\n", nil, forecast.Minutely, time.Date(2020, 1, 1, 0, 1, 0, 0, time.UTC)},
		{"t,y\n2020-01-01T00:00:00+02:00,1\n2020-01-02T00:00:00+02:00,2\n", nil, forecast.Daily, time.Date(2020, 1, 1, 22, 0, 0, 0, time.UTC)},
		{"t,y\n2020-01-01T00:00:00,1\n2020-01-08T00:00:00,2\n", nil, forecast.Weekly, date(2020, 1, 8)},
		{"t,y\n2020-01-01 00:00,1\n2020-04-01 00:00,2\n", nil, forecast.Quarterly, date(2020, 4, 1)},
		{"t,y\n2019-01-01,1\n2020-01-01,2\n", nil, forecast.Yearly, date(2020, 1, 1)},
		{"Year,y\n1990,1\n1991,2\n", nil, forecast.Yearly, date(1991, 1, 1)},
		{"t,y\n2020-01-01 00:00:00+00:00,1\n2020-01-01 01:00:00+00:00,2\n", nil, forecast.Hourly, time.Date(2020, 1, 1, 1, 0, 0, 0, time.UTC)},
		{"t,y\n31/01/2020,1\n29/02/2020,2\n", &csvio.LoadOptions{TimeLayout: "02/01/2006"}, forecast.Monthly, date(2020, 2, 29)},
		// A daily series across a change of UTC offset keeps its grid.
		{"t,y\n2020-03-28T00:00:00+01:00,1\n2020-03-29T00:00:00+01:00,2\n2020-03-30T00:00:00+02:00,3\n", nil, forecast.Daily, time.Date(2020, 3, 28, 23, 0, 0, 0, time.UTC)},
	} {
		ds := mustRead(t, test.in, test.opt)
		s := ds.Series[0]
		if s.Freq != test.freq || !s.Times[1].Equal(test.second) {
			t.Errorf("Read(%q) freq %v second time %v, want %v %v", test.in, s.Freq, s.Times[1], test.freq, test.second)
		}
	}
}

// Month-end data (pandas freq "M") is on the monthly grid; its gaps are
// filled with month ends and its future continues with month ends.
func TestReadMonthEnd(t *testing.T) {
	in := "date,y\n2020-01-31,1\n2020-02-29,2\n2020-04-30,4\n"
	if _, err := csvio.Read(strings.NewReader(in), "me.csv", nil); err == nil || !strings.Contains(err.Error(), "2020-03-31 (1 step) before line 4") {
		t.Errorf("Read(%q) error %v, want a gap at 2020-03-31 before line 4", in, err)
	}
	ds := mustRead(t, in, &csvio.LoadOptions{Missing: csvio.MissingInterpolate})
	s := ds.Series[0]
	want := []time.Time{date(2020, 1, 31), date(2020, 2, 29), date(2020, 3, 31), date(2020, 4, 30)}
	if !slices.EqualFunc(s.Times, want, time.Time.Equal) || !equalValues(s.Values, []float64{1, 2, 3, 4}) {
		t.Errorf("Read(%q) = %v at %v, want [1 2 3 4] at %v", in, s.Values, s.Times, want)
	}
	future := s.FutureTimes(3)
	wantFuture := []time.Time{date(2020, 5, 31), date(2020, 6, 30), date(2020, 7, 31)}
	if !slices.EqualFunc(future, wantFuture, time.Time.Equal) {
		t.Errorf("FutureTimes(3) = %v, want %v", future, wantFuture)
	}
}

func TestReadPolicies(t *testing.T) {
	// 2020-01-03 and 2020-01-04 are missing, and the value of 01-06 and
	// the x of 01-01 are missing. Hand-computed expectations: linear
	// interpolation over steps 1..4 from 2 to 8 gives 4, 6; over 4..6 from 8
	// to 12 gives 10; the leading x takes the first observed x.
	in := "ds,y,x\n2020-01-01,0,NA\n2020-01-02,2,1\n2020-01-05,8,1\n2020-01-06,,2\n2020-01-07,12,3\n"
	for _, test := range []struct {
		p     csvio.MissingPolicy
		y, x  []float64
		times int
	}{
		{csvio.MissingInterpolate, []float64{0, 2, 4, 6, 8, 10, 12}, []float64{1, 1, 1, 1, 1, 2, 3}, 7},
		{csvio.MissingFFill, []float64{0, 2, 2, 2, 8, 8, 12}, []float64{1, 1, 1, 1, 1, 2, 3}, 7},
	} {
		ds := mustRead(t, in, &csvio.LoadOptions{Missing: test.p, AllCovariates: true})
		s := ds.Series[0]
		if !equalValues(s.Values, test.y) || !equalValues(s.Covariates[0].Values, test.x) || len(s.Times) != test.times {
			t.Errorf("Read(%v) y %v x %v (%d times), want %v %v (%d)", test.p, s.Values, s.Covariates[0].Values, len(s.Times), test.y, test.x, test.times)
		}
		if !s.Times[2].Equal(date(2020, 1, 3)) || !s.Times[3].Equal(date(2020, 1, 4)) {
			t.Errorf("Read(%v) filled times %v, want 2020-01-03 and 2020-01-04", test.p, s.Times[2:4])
		}
		r := ds.Report
		wantGap := csvio.Gap{Series: "y", Line: 4, Start: date(2020, 1, 3), Steps: 2}
		if len(r.Gaps) != 1 || r.Gaps[0] != wantGap {
			t.Errorf("Read(%v) gaps %+v, want [%+v]", test.p, r.Gaps, wantGap)
		}
		wantMissing := []csvio.MissingValue{{"y", 2, "x", "NA"}, {"y", 5, "y", ""}}
		if !slices.Equal(r.Missing, wantMissing) {
			t.Errorf("Read(%v) missing %+v, want %+v", test.p, r.Missing, wantMissing)
		}
	}
}

func TestReadLong(t *testing.T) {
	// Interleaved ids keep their order of first appearance; an extra
	// numeric column named as a covariate becomes one of each series, and
	// is only listed as unused when it is not named.
	in := "unique_id,ds,y,price\nB,2020-01-01,1,10\nA,2020-01-01,5,20\nB,2020-01-02,2,11\nA,2020-01-02,6,21\nA,2020-01-03,7,22\n"
	if ds := mustRead(t, in, nil); len(ds.Series[0].Covariates) != 0 || !slices.Equal(ds.Unused, []string{"price"}) {
		t.Errorf("Read(%q) without covariates: %d covariates, unused %q; want none and [price]", in, len(ds.Series[0].Covariates), ds.Unused)
	}
	ds := mustRead(t, in, &csvio.LoadOptions{Covariates: []string{"price"}})
	if ds.IDColumn != "unique_id" || ds.TimeColumn != "ds" {
		t.Errorf("Read(%q) id column %q, time column %q; want unique_id, ds", in, ds.IDColumn, ds.TimeColumn)
	}
	if ds.Layout != csvio.LayoutLong || len(ds.Series) != 2 {
		t.Fatalf("Read(%q) layout %v with %d series, want long with 2", in, ds.Layout, len(ds.Series))
	}
	b, a := ds.Series[0], ds.Series[1]
	if b.ID != "B" || a.ID != "A" || b.Target != "y" {
		t.Errorf("Read(%q) ids %q %q target %q, want B A y", in, b.ID, a.ID, b.Target)
	}
	if !equalValues(a.Values, []float64{5, 6, 7}) || !equalValues(a.Covariates[0].Values, []float64{20, 21, 22}) || a.Covariates[0].Name != "price" {
		t.Errorf("series A = %v, covariate %+v; want [5 6 7], price [20 21 22]", a.Values, a.Covariates)
	}
	if a.Freq != forecast.Daily || len(b.Times) != 2 {
		t.Errorf("series A freq %v, B %d times; want daily, 2", a.Freq, len(b.Times))
	}
	if s, ok := ds.Lookup("A"); !ok || s != a {
		t.Errorf("Lookup(A) = %v, %v", s, ok)
	}
	if _, ok := ds.Lookup("C"); ok {
		t.Errorf("Lookup(C) found a series")
	}

	// Other names, set by option; one series of one row takes the
	// frequency of the others.
	in = "store;when;sales\ns1;2020-01;3\ns1;2020-02;4\ns2;2020-05;9\n"
	ds = mustRead(t, in, &csvio.LoadOptions{Comma: ';', IDColumn: "store", TimeColumn: "when", ValueColumn: "sales"})
	if len(ds.Series) != 2 || ds.Series[1].Freq != forecast.Monthly || ds.Series[1].Len() != 1 {
		t.Errorf("Read(%q) = %d series, second %+v", in, len(ds.Series), ds.Series[1])
	}
	// Recognised names, case-insensitively.
	ds = mustRead(t, "ID,Timestamp,Value\nx,2020-01-01 00:00:00,1\nx,2020-01-01 01:00:00,2\n", nil)
	if s := ds.Series[0]; ds.Layout != csvio.LayoutLong || s.ID != "x" || s.Target != "Value" || s.Freq != forecast.Hourly {
		t.Errorf("recognised long names: layout %v series %+v", ds.Layout, s)
	}
}

func TestReadSingleColumns(t *testing.T) {
	in := "date,HUFL,name,OT\n2016-07-01 00:00:00,5.8,a,30.5\n2016-07-01 01:00:00,5.6,b,27.7\n"
	ds := mustRead(t, in, &csvio.LoadOptions{Target: "OT", Covariates: []string{"HUFL"}})
	s := ds.Series[0]
	if s.Target != "OT" || s.ID != "OT" || !equalValues(s.Values, []float64{30.5, 27.7}) ||
		len(s.Covariates) != 1 || s.Covariates[0].Name != "HUFL" || !equalValues(s.Covariates[0].Values, []float64{5.8, 5.6}) {
		t.Errorf("Read(%q, Target OT, Columns HUFL) = %+v", in, s)
	}
	// A text column read as a covariate is an error, not a silent NaN;
	// Ignore keeps it out; unnamed, it is not read, and only the numeric
	// column left out is reported unused.
	if _, err := csvio.Read(strings.NewReader(in), "x.csv", &csvio.LoadOptions{Target: "OT", AllCovariates: true}); err == nil {
		t.Errorf("Read(%q) with a text column among all covariates succeeded, want an error", in)
	}
	if ds := mustRead(t, in, &csvio.LoadOptions{Target: "OT", AllCovariates: true, Ignore: []string{"name"}}); len(ds.Series[0].Covariates) != 1 {
		t.Errorf("Read(%q, all covariates, Ignore name): %d covariates, want 1", in, len(ds.Series[0].Covariates))
	}
	if ds := mustRead(t, in, &csvio.LoadOptions{Target: "OT"}); len(ds.Series[0].Covariates) != 0 || !slices.Equal(ds.Unused, []string{"HUFL"}) {
		t.Errorf("Read(%q, Target OT): %d covariates, unused %q; want none and [HUFL]", in, len(ds.Series[0].Covariates), ds.Unused)
	}
	// Without a target, two numeric columns are an error naming them, the
	// conventional name y picks one, and one numeric column is the target.
	if _, err := csvio.Read(strings.NewReader(in), "x.csv", nil); !errors.Is(err, csvio.ErrTarget) || !strings.Contains(err.Error(), `2 numeric columns ("HUFL", "OT")`) {
		t.Errorf("Read(%q) without a target: %v, want ErrTarget naming HUFL and OT", in, err)
	}
	if ds := mustRead(t, "ds,x,y\n2020-01-01,1,2\n2020-01-02,1,2\n", nil); ds.Series[0].Target != "y" {
		t.Errorf("target of ds,x,y = %q, want y", ds.Series[0].Target)
	}
	if ds := mustRead(t, "ds,note,sales\n2020-01-01,a,2\n2020-01-02,b,3\n", nil); ds.Series[0].Target != "sales" {
		t.Errorf("target of ds,note,sales = %q, want sales", ds.Series[0].Target)
	}
	// No time column: a plain list of numbers is a Step series.
	ds = mustRead(t, "y\n3\n1\n2", nil)
	if s := ds.Series[0]; s.Times != nil || s.Freq != forecast.Step || !equalValues(s.Values, []float64{3, 1, 2}) {
		t.Errorf("Read(y 3 1 2) = %+v", s)
	}
	// A constant series is valid.
	ds = mustRead(t, "ds,y\n2020-01,5\n2020-02,5\n2020-03,5\n", nil)
	if s := ds.Series[0]; !equalValues(s.Values, []float64{5, 5, 5}) {
		t.Errorf("constant series = %v", s.Values)
	}
	// pandas writes an unnamed index column; its timestamps are found.
	ds = mustRead(t, ",OT\n2020-01-01,1\n2020-01-02,2\n", nil)
	if s := ds.Series[0]; s.Target != "OT" || s.Freq != forecast.Daily {
		t.Errorf("unnamed time column: %+v", s)
	}
}

func TestReadFreqOverride(t *testing.T) {
	// 15-minute data has no calendar frequency here; "step" keeps it.
	in := "ds,y\n2020-01-01 00:00:00,1\n2020-01-01 00:15:00,2\n2020-01-01 00:45:00,3\n"
	ds := mustRead(t, in, &csvio.LoadOptions{Freq: "step"})
	if s := ds.Series[0]; s.Freq != forecast.Step || len(s.Times) != 3 || !ds.Report.Empty() {
		t.Errorf("Read(%q, Freq step) = %+v, report %+v", in, s, ds.Report)
	}
	// A named frequency on data with gaps: the gaps are measured on it.
	in = "ds,y\n2020-01-01,1\n2020-03-01,3\n"
	ds = mustRead(t, in, &csvio.LoadOptions{Freq: "Monthly", Missing: csvio.MissingInterpolate})
	if s := ds.Series[0]; s.Freq != forecast.Monthly || !equalValues(s.Values, []float64{1, 2, 3}) {
		t.Errorf("Read(%q, Freq monthly) = %+v", in, s)
	}
	// A wide file takes the named frequency for its seasonal period.
	ds = mustRead(t, "V1,V2,V3\nH1,1,2\n", &csvio.LoadOptions{Freq: "hourly"})
	if s := ds.Series[0]; s.Freq != forecast.Hourly || s.Times != nil || s.FutureTimes(2) != nil {
		t.Errorf("wide with Freq hourly = %+v", s)
	}
}

func TestReadWide(t *testing.T) {
	in := "\"V1\",\"V2\",\"V3\",\"V4\",\"V5\"\n\"H1\",\"1\",\"2\",\"3\",\"4\"\n\"H2\",\"5\",\"6\",\"\",\"\"\n\"H3\",\"7\",\"\",\"9\",\"\"\n"
	if _, err := csvio.Read(strings.NewReader(in), "w.csv", nil); err == nil {
		t.Errorf("Read(%q) accepted an inner empty field under MissingError", in)
	}
	ds := mustRead(t, in, &csvio.LoadOptions{Missing: csvio.MissingInterpolate})
	if ds.IDColumn != "V1" || ds.TimeColumn != "" {
		t.Errorf("Read(%q) id column %q, time column %q; want V1, none", in, ds.IDColumn, ds.TimeColumn)
	}
	if ds.Layout != csvio.LayoutWide || len(ds.Series) != 3 {
		t.Fatalf("Read(%q) layout %v, %d series", in, ds.Layout, len(ds.Series))
	}
	for i, want := range [][]float64{{1, 2, 3, 4}, {5, 6}, {7, 8, 9}} {
		s := ds.Series[i]
		if !equalValues(s.Values, want) || s.Times != nil || s.Freq != forecast.Step || s.Target != "" {
			t.Errorf("series %d = %+v, want values %v, no times, step", i, s, want)
		}
	}
	if want := []csvio.MissingValue{{"H3", 4, "V3", ""}}; !slices.Equal(ds.Report.Missing, want) {
		t.Errorf("report %+v, want %+v", ds.Report.Missing, want)
	}
	// Any header, when the layout is forced.
	ds = mustRead(t, "series,t1,t2\nA,1,2\n", &csvio.LoadOptions{Layout: csvio.LayoutWide})
	if s := ds.Series[0]; ds.Layout != csvio.LayoutWide || s.ID != "A" || !equalValues(s.Values, []float64{1, 2}) {
		t.Errorf("forced wide = %+v", s)
	}
	// Short rows (without the trailing commas) are accepted too.
	ds = mustRead(t, "V1,V2,V3\nH1,1,2\nH2,3\n", nil)
	if !equalValues(ds.Series[1].Values, []float64{3}) {
		t.Errorf("ragged row = %v", ds.Series[1].Values)
	}
}

func TestReadFileFS(t *testing.T) {
	// Loaders take any io.Reader, so an fs.FS works as well as a path.
	fsys := fstest.MapFS{"a.csv": {Data: []byte("ds,y\n2020-01-01,1\n2020-01-02,2\n")}}
	f, err := fsys.Open("a.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ds, err := csvio.Read(f, "a.csv", nil)
	if err != nil || ds.Series[0].Len() != 2 || ds.Name != "a.csv" {
		t.Errorf("Read(fs a.csv) = %+v, %v", ds, err)
	}
	if _, err := csvio.ReadFile("testdata/does-not-exist.csv", nil); err == nil {
		t.Errorf("ReadFile of a missing file succeeded")
	}
}

func TestParseEnums(t *testing.T) {
	for _, l := range []csvio.Layout{csvio.LayoutAuto, csvio.LayoutSingle, csvio.LayoutLong, csvio.LayoutWide} {
		if got, err := csvio.ParseLayout(l.String()); err != nil || got != l {
			t.Errorf("ParseLayout(%q) = %v, %v; want %v", l.String(), got, err, l)
		}
	}
	for _, p := range []csvio.MissingPolicy{csvio.MissingError, csvio.MissingInterpolate, csvio.MissingFFill} {
		if got, err := csvio.ParseMissingPolicy(strings.ToUpper(p.String())); err != nil || got != p {
			t.Errorf("ParseMissingPolicy(%q) = %v, %v; want %v", p.String(), got, err, p)
		}
	}
	if _, err := csvio.ParseLayout("tall"); err == nil {
		t.Errorf("ParseLayout(tall) succeeded")
	}
	if _, err := csvio.ParseMissingPolicy("zero"); err == nil {
		t.Errorf("ParseMissingPolicy(zero) succeeded")
	}
	if got := csvio.Layout(7).String(); got != "Layout(7)" {
		t.Errorf("Layout(7).String() = %q", got)
	}
}

func TestValidate(t *testing.T) {
	ts := []time.Time{date(2020, 1, 1), date(2020, 1, 2)}
	for _, test := range []struct {
		s  forecast.Series
		ok bool
	}{
		{forecast.Series{Values: []float64{1, 2}, Times: ts}, true},
		{forecast.Series{Values: []float64{1, 2}}, true},
		{forecast.Series{Values: []float64{1, math.NaN()}}, false},
		{forecast.Series{Values: []float64{1, math.Inf(1)}}, false},
		{forecast.Series{Values: []float64{1}, Times: ts}, false},
		{forecast.Series{Values: []float64{1, 2}, Times: []time.Time{ts[1], ts[0]}}, false},
		{forecast.Series{Values: []float64{1, 2}, Times: []time.Time{ts[0], ts[0]}}, false},
		{forecast.Series{Values: []float64{1, 2}, Covariates: []forecast.Covariate{{Name: "x", Values: []float64{1}}}}, false},
		{forecast.Series{Values: []float64{1, 2}, Covariates: []forecast.Covariate{{Name: "x", Values: []float64{1, math.NaN()}}}}, false},
	} {
		if err := test.s.Validate(); (err == nil) != test.ok {
			t.Errorf("Validate(%+v) = %v, want ok %v", test.s, err, test.ok)
		}
	}
}

func TestFutureTimes(t *testing.T) {
	for _, test := range []struct {
		times []time.Time
		freq  forecast.Freq
		want  []time.Time
	}{
		{[]time.Time{date(1960, 11, 1), date(1960, 12, 1)}, forecast.Monthly, []time.Time{date(1961, 1, 1), date(1961, 2, 1)}},
		{[]time.Time{date(2020, 1, 30), date(2020, 2, 29)}, forecast.Monthly, []time.Time{date(2020, 3, 30), date(2020, 4, 30)}},
		{[]time.Time{date(2019, 12, 31)}, forecast.Quarterly, []time.Time{date(2020, 3, 31), date(2020, 6, 30)}},
		{[]time.Time{date(2020, 2, 29)}, forecast.Yearly, []time.Time{date(2021, 2, 28), date(2022, 2, 28)}},
		{[]time.Time{date(2020, 12, 30)}, forecast.Weekly, []time.Time{date(2021, 1, 6), date(2021, 1, 13)}},
		{[]time.Time{time.Date(2020, 1, 1, 23, 0, 0, 0, time.UTC)}, forecast.Hourly, []time.Time{date(2020, 1, 2), time.Date(2020, 1, 2, 1, 0, 0, 0, time.UTC)}},
	} {
		s := &forecast.Series{Times: test.times, Values: make([]float64, len(test.times)), Freq: test.freq}
		if got := s.FutureTimes(len(test.want)); !slices.EqualFunc(got, test.want, time.Time.Equal) {
			t.Errorf("FutureTimes(%v, %v) = %v, want %v", test.times, test.freq, got, test.want)
		}
	}
}

func TestReadStreams(t *testing.T) {
	// stdin may deliver a byte at a time; the BOM is still recognised.
	in := "\uFEFFds\ty\n2020-01-01\t1\n2020-01-02\t2\n"
	ds, err := csvio.Read(iotest.OneByteReader(strings.NewReader(in)), "stdin", &csvio.LoadOptions{Comma: '\t'})
	if err != nil || !equalValues(ds.Series[0].Values, []float64{1, 2}) || ds.Series[0].Freq != forecast.Daily {
		t.Errorf("Read(one byte at a time, tab-separated) = %+v, %v", ds, err)
	}
	// An I/O error is returned with the file name and wrapped.
	boom := errors.New("disk on fire")
	_, err = csvio.Read(io.MultiReader(strings.NewReader("ds,y\n2020-01-01,1\n"), iotest.ErrReader(boom)), "stdin", nil)
	if !errors.Is(err, boom) || !strings.HasPrefix(err.Error(), "stdin: ") {
		t.Errorf("Read(failing reader) error %v, want %v prefixed with stdin", err, boom)
	}
}

func TestMissingErrorMessages(t *testing.T) {
	for _, test := range []struct {
		in, want string
	}{
		{"ds,y\n2020-01-01,1\n2020-01-02,NA\n2020-01-03,\n2020-01-04,nan\n2020-01-05,null\n2020-01-07,1\n",
			`test.csv:3: column "y": missing value "NA" (4 missing values in all, on lines 3, 4, 5, ...) and 1 gap in the timestamps; set Missing to interpolate or ffill`},
		{"ds,y\n2020-01-01 00:00:00,1\n2020-01-01 01:00:00,2\n2020-01-01 03:00:00,1\n2020-01-01 05:00:00,1\n2020-01-01 06:00:00,NaN\n2020-01-01 08:00:00,1\n2020-01-01 10:00:00,1\n",
			`test.csv:4: column "ds": 4 gaps in the hourly timestamps (4 steps missing): 2020-01-01 02:00:00 (1 step) before line 4, 2020-01-01 04:00:00 (1 step) before line 5, 2020-01-01 07:00:00 (1 step) before line 7, ...; also 1 missing value; set Missing to interpolate or ffill`},
		{"unique_id,ds,y\nA,2020-01,1\nA,2020-02,1\nA,2020-04,1\n",
			`test.csv:4: column "ds": 1 gap in the monthly timestamps (1 step missing): 2020-03-01 of series "A" (1 step) before line 4; set Missing to interpolate or ffill`},
		// The frequency is the smallest spacing: a lone pair two months
		// apart could be bimonthly data, so it is not guessed.
		{"unique_id,ds,y\nA,2020-01,1\nA,2020-03,1\n",
			`test.csv:3: column "ds": timestamp "2020-03" of series "A" is 1440h0m0s after "2020-01" on line 2, which is no supported frequency (minutely, hourly, daily, weekly, monthly, quarterly, yearly); set Freq to name the frequency, or to "step" to keep the timestamps without a calendar grid`},
	} {
		_, err := csvio.Read(strings.NewReader(test.in), "test.csv", nil)
		if err == nil || err.Error() != test.want {
			t.Errorf("Read(%q) error\n%v\nwant\n%s", test.in, err, test.want)
		}
	}
}

// TestReadColumnRoles: every column of a single-series file says the role
// it took.
func TestReadColumnRoles(t *testing.T) {
	in := "date,HUFL,name,OT,LULL,note\n2016-07-01 00:00:00,5.8,a,30.5,1,x\n2016-07-01 01:00:00,5.6,b,27.7,2,y\n"
	ds := mustRead(t, in, &csvio.LoadOptions{Target: "OT", Covariates: []string{"HUFL"}, Ignore: []string{"note"}})
	want := []string{"date:time", "HUFL:covariate", "name:text", "OT:target", "LULL:unused", "note:ignored"}
	var got []string
	for _, c := range ds.Columns {
		got = append(got, c.Name+":"+c.Role.String())
	}
	if !slices.Equal(got, want) {
		t.Errorf("Columns = %q, want %q", got, want)
	}
}
