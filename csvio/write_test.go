package csvio_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/tsforecast/tsforecast/csvio"
	"github.com/tsforecast/tsforecast/forecast"
)

func TestWriteForecasts(t *testing.T) {
	t0 := time.Date(1961, 1, 1, 0, 0, 0, 0, time.UTC)
	monthly := csvio.Forecast{ID: "Passengers", TimeLayout: "2006-01",
		Times: []time.Time{t0, t0.AddDate(0, 1, 0)}, Point: []float64{450.5, 430.25},
		Intervals: []forecast.Interval{{Level: 80, Lo: []float64{440, 420}, Hi: []float64{461, 441.5}}, {Level: 95, Lo: []float64{430, 410}, Hi: []float64{470, 450}}}}
	hourly := csvio.Forecast{ID: "s1", TimeLayout: "2006-01-02 15:04:05",
		Times: []time.Time{t0, t0.Add(time.Hour)}, Point: []float64{1, 2}}
	steps := []csvio.Forecast{{ID: "H1", Point: []float64{605, 586, 1e-7}}, {ID: "H2", Point: []float64{3, 4, 5}}}
	for _, test := range []struct {
		name   string
		layout csvio.Layout
		fcs    []csvio.Forecast
		want   string
	}{
		{"single with intervals", csvio.LayoutSingle, []csvio.Forecast{monthly},
			"timestamp,forecast,lo_80,hi_80,lo_95,hi_95\n1961-01,450.5,440,461,430,470\n1961-02,430.25,420,441.5,410,450\n"},
		{"long hourly", csvio.LayoutLong, []csvio.Forecast{hourly, hourly},
			"id,timestamp,forecast\ns1,1961-01-01 00:00:00,1\ns1,1961-01-01 01:00:00,2\ns1,1961-01-01 00:00:00,1\ns1,1961-01-01 01:00:00,2\n"},
		{"long without timestamps", csvio.LayoutLong, steps,
			"id,step,forecast\nH1,1,605\nH1,2,586\nH1,3,0.0000001\nH2,1,3\nH2,2,4\nH2,3,5\n"},
		{"wide", csvio.LayoutWide, steps, "id,1,2,3\nH1,605,586,0.0000001\nH2,3,4,5\n"},
	} {
		var buf bytes.Buffer
		if err := csvio.WriteForecasts(&buf, test.layout, test.fcs); err != nil {
			t.Fatalf("%s: writeForecastCSV: %v", test.name, err)
		}
		if got := buf.String(); got != test.want {
			t.Errorf("%s: writeForecastCSV wrote\n%s\nwant\n%s", test.name, got, test.want)
		}
	}
	var buf bytes.Buffer
	err := csvio.WriteForecasts(&buf, csvio.LayoutWide, []csvio.Forecast{monthly})
	if !errors.Is(err, csvio.ErrWideIntervals) {
		t.Errorf("csvio.WriteForecasts(wide, with intervals) error = %v, want one about the wide layout", err)
	}
}

func TestFormatValue(t *testing.T) {
	for _, test := range []struct {
		v    float64
		want string
	}{
		{0, "0"},
		{432, "432"},
		{432.12345678912345, "432.1234568"},
		{-0.000123456789012, "-0.000123456789"},
		{703008.25, "703008.25"},
		{1.5e12, "1500000000000"},
		{9.87654321e20, "987654321000000000000"},
		{-1e21, "-1e+21"},
		{1.2345678901234e300, "1.23456789e+300"},
		{-math.MaxFloat64, "-1.797693135e+308"},
	} {
		if got := csvio.FormatValue(test.v); got != test.want {
			t.Errorf("csvio.FormatValue(%v) = %q, want %q", test.v, got, test.want)
		}
	}
}

func TestTimeLayoutFor(t *testing.T) {
	d := func(y int, m time.Month, day, h int) time.Time { return time.Date(y, m, day, h, 0, 0, 0, time.UTC) }
	for _, test := range []struct {
		name string
		freq forecast.Freq
		ts   []time.Time
		want string
	}{
		{"monthly on the 1st", forecast.Monthly, []time.Time{d(2020, 1, 1, 0), d(2020, 2, 1, 0)}, "2006-01"},
		{"monthly month ends", forecast.Monthly, []time.Time{d(2020, 1, 31, 0), d(2020, 2, 29, 0)}, "2006-01-02"},
		{"daily", forecast.Daily, []time.Time{d(2020, 1, 1, 0), d(2020, 1, 2, 0)}, "2006-01-02"},
		{"hourly", forecast.Hourly, []time.Time{d(2020, 1, 1, 0), d(2020, 1, 1, 1)}, "2006-01-02 15:04:05"},
		{"zone", forecast.Daily, []time.Time{time.Date(2020, 1, 1, 0, 0, 0, 0, time.FixedZone("X", 3600))}, time.RFC3339},
	} {
		if got := csvio.TimeLayoutFor(test.freq, test.ts); got != test.want {
			t.Errorf("csvio.TimeLayoutFor(%s) = %q, want %q", test.name, got, test.want)
		}
	}
}

// TestTimeLayoutForFractions: fractional seconds are kept, with as many
// digits as they need (issue 15, item 14).
func TestTimeLayoutForFractions(t *testing.T) {
	ms := time.Date(2020, 1, 1, 0, 0, 0, 250_000_000, time.UTC)
	for _, test := range []struct {
		ts   []time.Time
		want string
	}{
		{[]time.Time{ms.Add(-250 * time.Millisecond), ms}, "2020-01-01 00:00:00.25"},
		{[]time.Time{ms.Add(time.Nanosecond)}, "2020-01-01 00:00:00.250000001"},
		{[]time.Time{ms.In(time.FixedZone("", 3600))}, "2020-01-01T01:00:00.25+01:00"},
	} {
		layout := csvio.TimeLayoutFor(forecast.Step, test.ts)
		if got := test.ts[len(test.ts)-1].Format(layout); got != test.want {
			t.Errorf("TimeLayoutFor(%v) = %q, which prints %q, want %q", test.ts, layout, got, test.want)
		}
		back, err := time.Parse(layout, test.want)
		if err != nil || !back.Equal(test.ts[len(test.ts)-1]) {
			t.Errorf("%q does not parse back with %q: %v, %v", test.want, layout, back, err)
		}
	}
}

// TestWriterFormulas: fields a spreadsheet would run as formulas are
// written as quoted text with a leading quote (OWASP, CSV Injection);
// numbers and other fields are written as encoding/csv writes them
// (issue 15, item 16e).
func TestWriterFormulas(t *testing.T) {
	rec := []string{"=1+2", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx", "=\"q\"", "-1", "+2.5e3", "-Inf", "-0x1p3", "a,b", `say "hi"`, " lead", "", "plain", "-"}
	var buf bytes.Buffer
	w := csvio.NewWriter(&buf)
	if err := w.Write(rec); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	want := `"'=1+2","'+cmd","'-2+3","'@SUM(A1)","'` + "\tx" + `","'` + "\rx" + `","'=""q""",-1,+2.5e3,-Inf,"'-0x1p3","a,b","say ""hi"""," lead",,plain,"'-"` + "\n"
	if buf.String() != want {
		t.Errorf("Writer wrote\n%q\nwant\n%q", buf.String(), want)
	}
	// The escaped fields read back as the text with its leading quote.
	back, err := csv.NewReader(&buf).Read()
	if err != nil || len(back) != len(rec) || back[0] != "'=1+2" || back[7] != "-1" || back[12] != `say "hi"` {
		t.Errorf("read back %q (%v)", back, err)
	}
	// Other fields are written byte for byte as encoding/csv writes them.
	plain := []string{"-1", "+2.5e3", "-Inf", "a,b", `say "hi"`, " lead", "", "plain", `\.`, "a\nb", "é", "1.5"}
	var ours, std bytes.Buffer
	w = csvio.NewWriter(&ours)
	cw := csv.NewWriter(&std)
	for i := range plain {
		w.Write(plain[i:])
		cw.Write(plain[i:])
	}
	w.Flush()
	cw.Flush()
	if ours.String() != std.String() {
		t.Errorf("Writer wrote\n%q\nencoding/csv\n%q", ours.String(), std.String())
	}
	// WriteForecasts escapes ids; numbers stay numbers.
	buf.Reset()
	err = csvio.WriteForecasts(&buf, csvio.LayoutLong, []csvio.Forecast{{ID: "=HYPERLINK(\"http://x\")", Point: []float64{-1}}})
	if want := "id,step,forecast\n\"'=HYPERLINK(\"\"http://x\"\")\",1,-1\n"; err != nil || buf.String() != want {
		t.Errorf("WriteForecasts with a formula id wrote %q (%v), want %q", buf.String(), err, want)
	}
}
