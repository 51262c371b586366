package csvio_test

import (
	"errors"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/tsforecast/tsforecast/csvio"
	"github.com/tsforecast/tsforecast/forecast"
)

// readRecords reads every series of in with a RecordReader: the series
// of a wide file row by row, the rows of a long file shuffled and
// gathered by id, then built with LongSeries (frequency inferred from
// the smallest spacing, as Read does, unless opt.Freq names one).
func readRecords(t *testing.T, in string, opt *csvio.LoadOptions) ([]*forecast.Series, error) {
	t.Helper()
	rr, err := csvio.NewRecordReader(strings.NewReader(in), "test.csv", opt)
	if err != nil {
		return nil, err
	}
	var out []*forecast.Series
	if rr.Layout() == csvio.LayoutWide {
		for {
			s, _, err := rr.NextWide()
			if err == io.EOF {
				return out, nil
			}
			if err != nil {
				return nil, err
			}
			out = append(out, s)
		}
	}
	byID := map[string][]csvio.LongRow{}
	var ids []string
	for {
		row, err := rr.NextLong()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if byID[row.ID] == nil {
			ids = append(ids, row.ID)
		}
		byID[row.ID] = append(byID[row.ID], row)
	}
	f := rr.Format()
	freq := forecast.Step
	if opt != nil && opt.Freq != "" {
		freq, _ = forecast.ParseFreq(opt.Freq)
	} else if f.TimeColumn != "" {
		var best time.Duration
		var at csvio.LongRow
		for _, rows := range byID {
			for i := 1; i < len(rows); i++ {
				if d := rows[i].Time.Sub(rows[i-1].Time); d > 0 && (best == 0 || d < best) {
					best, at = d, rows[i]
				}
			}
		}
		if freq, err = csvio.FreqOfSpacing(best, at.File, at.Line, f.TimeColumn); err != nil {
			return nil, err
		}
	}
	r := rand.New(rand.NewPCG(1, 1))
	for _, id := range ids {
		rows := byID[id]
		r.Shuffle(len(rows), func(i, j int) { rows[i], rows[j] = rows[j], rows[i] })
		s, err := f.LongSeries(rows, freq, opt)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

func sameSeries(t *testing.T, name string, got, want []*forecast.Series) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d series, Read gives %d", name, len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.ID != w.ID || g.Target != w.Target || g.Freq != w.Freq || !equalValues(g.Values, w.Values) || len(g.Times) != len(w.Times) {
			t.Errorf("%s: series %d = %+v, Read gives %+v", name, i, g, w)
			continue
		}
		for k := range w.Times {
			if !g.Times[k].Equal(w.Times[k]) {
				t.Errorf("%s: series %q time %d = %v, Read gives %v", name, w.ID, k, g.Times[k], w.Times[k])
			}
		}
	}
}

// TestRecordReaderMatchesRead reads files of every kind the record
// reader takes with it and with Read (the reference: the command line's
// loader) and compares the series.
func TestRecordReaderMatchesRead(t *testing.T) {
	for _, test := range []struct {
		name, in string
		opt      *csvio.LoadOptions
	}{
		{"wide", "V1,V2,V3,V4,V5\nH1,1,2,3,4\nH2,5,6,,\nH3,7,8,9,\n", nil},
		{"wide hourly", "V1,V2,V3,V4\nA,1,2,3\nB,4,5,6\n", &csvio.LoadOptions{Freq: "hourly"}},
		{"wide interpolate", "V1,V2,V3,V4,V5\nH1,1,NA,3,4\nH2,5,,7,\n", &csvio.LoadOptions{Missing: csvio.MissingInterpolate}},
		{"long", "unique_id,ds,y\na,2020-01-01,1\na,2020-01-02,2\nb,2020-01-01,3\na,2020-01-03,4\nb,2020-01-02,5\n", nil},
		{"long monthly covariate", "id,month,value,x\nA,1949-01,112,1\nA,1949-02,118,2\nA,1949-03,132,3\nB,1949-02,5,4\nB,1949-03,6,5\n", nil},
		{"long gaps interpolate", "id,date,value\nA,2020-01-01,1\nA,2020-01-04,4\nB,2020-01-01,3\nB,2020-01-02,5\n", &csvio.LoadOptions{Missing: csvio.MissingInterpolate}},
		{"long missing ffill", "id,date,value\nA,2020-01-01,1\nA,2020-01-02,NA\nA,2020-01-03,3\n", &csvio.LoadOptions{Missing: csvio.MissingFFill}},
		{"long hours", "id,timestamp,value\nA,2020-01-01 00:00:00,1\nA,2020-01-01 01:00:00,2\nA,2020-01-01 02:00:00,3\n", nil},
		{"long step freq", "id,timestamp,value\nA,2020-01-01 00:00:00,1\nA,2020-01-01 00:15:00,2\nA,2020-01-01 00:45:00,3\n", &csvio.LoadOptions{Freq: "step"}},
	} {
		ds, err := csvio.Read(strings.NewReader(test.in), "test.csv", test.opt)
		if err != nil {
			t.Fatalf("%s: Read: %v", test.name, err)
		}
		got, err := readRecords(t, test.in, test.opt)
		if err != nil {
			t.Fatalf("%s: RecordReader: %v", test.name, err)
		}
		sameSeries(t, test.name, got, ds.Series)
	}
}

// TestRecordReaderErrors: a bad record fails with the error Read gives
// for it, naming the same file, line and column.
func TestRecordReaderErrors(t *testing.T) {
	for _, test := range []struct {
		name, in string
		opt      *csvio.LoadOptions
	}{
		{"wide bad number", "V1,V2,V3\nA,1,2\nB,1,x2\n", nil},
		{"wide missing", "V1,V2,V3,V4\nA,1,2,3\nB,1,NA,3\n", nil},
		{"wide empty id", "V1,V2,V3\nA,1,2\n,1,2\n", nil},
		{"wide too many fields", "V1,V2,V3\nA,1,2\nB,1,2,3,4\n", nil},
		{"wide no values", "V1,V2,V3\nA,1,2\nB,,\n", nil},
		{"wide too short", "V1,V2,V3,V4\nA,1,2,3\nB,1\n", &csvio.LoadOptions{MinLength: 2}},
		{"wide unterminated quote", "V1,V2,V3\nA,1,2\nB,\"1,2\n", nil},
		{"header only", "V1,V2,V3\n", nil},
		{"long bad number", "id,date,value\nA,2020-01-01,1\nA,2020-01-02,1.5.2\n", nil},
		{"long bad timestamp", "id,date,value\nA,2020-01-01,1\nA,2020/01/02,2\n", nil},
		{"long bad covariate", "id,date,value,x\nA,2020-01-01,1,1\nA,2020-01-02,2,y\n", &csvio.LoadOptions{Covariates: []string{"x"}}},
		{"long duplicate", "id,date,value\nA,2020-01-01,1\nA,2020-01-02,2\nA,2020-01-02,3\n", nil},
		{"long gap", "id,date,value\nA,2020-01-01,1\nA,2020-01-02,2\nA,2020-01-05,3\n", nil},
		{"long missing", "id,date,value\nA,2020-01-01,1\nA,2020-01-02,\nA,2020-01-03,3\n", nil},
		{"long off grid", "id,month,value\nA,2020-01-01,1\nA,2020-02-01,2\nA,2020-03-15,3\n", &csvio.LoadOptions{Freq: "monthly"}},
		{"long empty id", "id,date,value\nA,2020-01-01,1\n,2020-01-02,2\n", nil},
	} {
		_, want := csvio.Read(strings.NewReader(test.in), "test.csv", test.opt)
		var wpe *csvio.ParseError
		if !errors.As(want, &wpe) {
			t.Fatalf("%s: Read error %v, want a *ParseError", test.name, want)
		}
		_, got := readRecords(t, test.in, test.opt)
		var gpe *csvio.ParseError
		if !errors.As(got, &gpe) {
			t.Errorf("%s: RecordReader error %v, want a *ParseError like Read's %q", test.name, got, want)
			continue
		}
		if gpe.File != wpe.File || gpe.Line != wpe.Line || gpe.Column != wpe.Column || !errors.Is(got, wpe.Err) {
			t.Errorf("%s: RecordReader error %q, Read gives %q", test.name, got, want)
		}
	}
}

// TestLongSeriesFiles: the rows of one series may come from several
// files; an error names the file of the row at fault.
func TestLongSeriesFiles(t *testing.T) {
	f := csvio.Format{Layout: csvio.LayoutLong, IDColumn: "id", TimeColumn: "date", ValueColumn: "value", TimeLayout: "2006-01-02"}
	d := func(day int) time.Time { return time.Date(2020, 1, day, 0, 0, 0, 0, time.UTC) }
	rows := []csvio.LongRow{
		{ID: "A", Time: d(3), Value: 3, File: "b.csv", Line: 2},
		{ID: "A", Time: d(1), Value: 1, File: "a.csv", Line: 2},
		{ID: "A", Time: d(2), Value: 2, File: "a.csv", Line: 3},
	}
	s, err := f.LongSeries(rows, forecast.Daily, nil)
	if err != nil {
		t.Fatalf("LongSeries: %v", err)
	}
	if want := []float64{1, 2, 3}; !equalValues(s.Values, want) {
		t.Errorf("LongSeries values = %v, want %v", s.Values, want)
	}
	rows = append(rows, csvio.LongRow{ID: "A", Time: d(7), Value: 7, File: "c.csv", Line: 9})
	_, err = f.LongSeries(rows, forecast.Daily, nil)
	var pe *csvio.ParseError
	if !errors.As(err, &pe) || pe.File != "c.csv" || pe.Line != 9 || !errors.Is(err, csvio.ErrMissing) {
		t.Errorf("LongSeries with a gap before c.csv:9: error %v, want a gap error naming c.csv:9", err)
	}
	rows = append(rows[:3], csvio.LongRow{ID: "A", Time: d(2), Value: 2, File: "c.csv", Line: 4})
	_, err = f.LongSeries(rows, forecast.Daily, nil)
	if !errors.As(err, &pe) || !errors.Is(err, csvio.ErrOrder) || !strings.Contains(err.Error(), "a.csv:3") {
		t.Errorf("LongSeries with a duplicate day: error %v, want a duplicate error naming both rows", err)
	}
}

// TestFreqOfSpacing: the spacings of the supported frequencies, and an
// error naming the row for any other.
func TestFreqOfSpacing(t *testing.T) {
	for d, want := range map[time.Duration]forecast.Freq{
		time.Hour: forecast.Hourly, 24 * time.Hour: forecast.Daily, 31 * 24 * time.Hour: forecast.Monthly,
	} {
		if got, err := csvio.FreqOfSpacing(d, "f.csv", 3, "ds"); err != nil || got != want {
			t.Errorf("FreqOfSpacing(%v) = %v, %v, want %v", d, got, err, want)
		}
	}
	_, err := csvio.FreqOfSpacing(2*time.Hour, "f.csv", 3, "ds")
	if err == nil || !strings.HasPrefix(err.Error(), "f.csv:3: ") || !errors.Is(err, csvio.ErrIrregular) {
		t.Errorf("FreqOfSpacing(2h) error %v, want one naming f.csv:3", err)
	}
}
