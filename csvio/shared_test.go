//go:build shared

// The tests of this file read the real files of ../shared/data; they are
// built with -tags shared (see the README).

package csvio_test

import (
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/floats/scalar"

	"github.com/tsforecast/tsforecast/csvio"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/internal/sample"
)

// sharedData returns the path of a file in ../shared/data.
func sharedData(tb testing.TB, name string) string {
	tb.Helper()
	return sample.SharedPath(tb, name)
}

func readShared(t *testing.T, name string, opt *csvio.LoadOptions) *csvio.Dataset {
	t.Helper()
	ds, err := csvio.ReadFile(sharedData(t, name), opt)
	if err != nil {
		t.Fatalf("ReadFile(%s): %v", name, err)
	}
	return ds
}

func checkEnds(t *testing.T, s *forecast.Series, first, last time.Time, v0, vn float64) {
	t.Helper()
	n := s.Len()
	if !s.Times[0].Equal(first) || !s.Times[n-1].Equal(last) {
		t.Errorf("series %q spans %v..%v, want %v..%v", s.ID, s.Times[0], s.Times[n-1], first, last)
	}
	if !scalar.EqualWithinAbsOrRel(s.Values[0], v0, 1e-12, 1e-12) || !scalar.EqualWithinAbsOrRel(s.Values[n-1], vn, 1e-12, 1e-12) {
		t.Errorf("series %q = %v..%v, want %v..%v", s.ID, s.Values[0], s.Values[n-1], v0, vn)
	}
}

// Reference values in these tests come from the files themselves, read
// with awk and grep (sums, first and last rows), and from SOURCES.md
// (counts, gaps, the M4 length split).

func TestSharedAirline(t *testing.T) {
	ds := readShared(t, "airline-passengers.csv", nil)
	if len(ds.Series) != 1 || ds.Layout != csvio.LayoutSingle {
		t.Fatalf("airline: %d series, layout %v", len(ds.Series), ds.Layout)
	}
	s := ds.Series[0]
	if s.Len() != 144 || s.Freq != forecast.Monthly || s.Target != "Passengers" || len(s.Covariates) != 0 {
		t.Errorf("airline: %d values, freq %v, target %q, %d covariates; want 144 monthly Passengers 0", s.Len(), s.Freq, s.Target, len(s.Covariates))
	}
	checkEnds(t, s, date(1949, 1, 1), date(1960, 12, 1), 112, 432)
	// awk -F, 'NR>1{s+=$2}END{print s}' gives 40363, the sum of R's AirPassengers.
	if got := floats.Sum(s.Values); got != 40363 {
		t.Errorf("airline: sum %v, want 40363", got)
	}
}

func TestSharedDailyMinTemperatures(t *testing.T) {
	p := sharedData(t, "daily-min-temperatures.csv")
	_, err := csvio.ReadFile(p, nil)
	var pe *csvio.ParseError
	if !errors.As(err, &pe) || !errors.Is(err, csvio.ErrMissing) {
		t.Fatalf("daily-min-temperatures under MissingError: %v, want a *ParseError wrapping ErrMissing", err)
	}
	if pe.Line != 1462 || pe.Column != "Date" ||
		!strings.Contains(pe.Msg, "1984-12-31 (1 step) before line 1462") || !strings.Contains(pe.Msg, "1988-12-31 (1 step) before line 2922") {
		t.Errorf("daily-min-temperatures error %q, want line 1462 column Date listing 1984-12-31 and 1988-12-31", err)
	}

	for _, test := range []struct {
		p      csvio.MissingPolicy
		filled [2]float64
	}{
		// grep: 1984-12-30 is 16.4 and 1985-01-01 is 13.3; 1988-12-30 is
		// 14.1 and 1989-01-01 is 14.3.
		{csvio.MissingInterpolate, [2]float64{(16.4 + 13.3) / 2, (14.1 + 14.3) / 2}},
		{csvio.MissingFFill, [2]float64{16.4, 14.1}},
	} {
		ds, err := csvio.ReadFile(p, &csvio.LoadOptions{Missing: test.p})
		if err != nil {
			t.Fatalf("ReadFile(%s, %v): %v", p, test.p, err)
		}
		s := ds.Series[0]
		if s.Len() != 3652 || s.Freq != forecast.Daily {
			t.Errorf("daily-min-temperatures %v: %d values, freq %v; want 3652 daily", test.p, s.Len(), s.Freq)
		}
		checkEnds(t, s, date(1981, 1, 1), date(1990, 12, 31), 20.7, 13.0)
		want := []csvio.Gap{
			{Series: "Temp", Line: 1462, Start: date(1984, 12, 31), Steps: 1},
			{Series: "Temp", Line: 2922, Start: date(1988, 12, 31), Steps: 1},
		}
		if len(ds.Report.Gaps) != 2 || ds.Report.Gaps[0] != want[0] || ds.Report.Gaps[1] != want[1] || len(ds.Report.Missing) != 0 {
			t.Errorf("daily-min-temperatures %v: report %+v, want gaps %+v", test.p, ds.Report, want)
		}
		for i, d := range []time.Time{date(1984, 12, 31), date(1988, 12, 31)} {
			k := int(d.Sub(s.Times[0]) / (24 * time.Hour))
			if !s.Times[k].Equal(d) || !scalar.EqualWithinAbsOrRel(s.Values[k], test.filled[i], 1e-12, 1e-12) {
				t.Errorf("daily-min-temperatures %v: %v = %v, want %v = %v", test.p, s.Times[k], s.Values[k], d, test.filled[i])
			}
		}
	}
}

func TestSharedSunspots(t *testing.T) {
	s := readShared(t, "monthly-sunspots.csv", nil).Series[0]
	if s.Len() != 2820 || s.Freq != forecast.Monthly || s.Target != "Sunspots" {
		t.Errorf("sunspots: %d values, freq %v, target %q; want 2820 monthly Sunspots", s.Len(), s.Freq, s.Target)
	}
	checkEnds(t, s, date(1749, 1, 1), date(1983, 12, 1), 58.0, 33.4)
	// awk: sum of column 2 is 144570.0.
	if got := floats.Sum(s.Values); !scalar.EqualWithinAbsOrRel(got, 144570, 1e-9, 1e-12) {
		t.Errorf("sunspots: sum %v, want 144570", got)
	}
}

func TestSharedETTh1(t *testing.T) {
	ds := readShared(t, "ETTh1.csv", nil)
	s := ds.Series[0]
	names := []string{"HUFL", "HULL", "MUFL", "MULL", "LUFL", "LULL", "OT"}
	if s.Len() != 17420 || s.Freq != forecast.Hourly || s.Target != names[0] || len(s.Covariates) != 6 {
		t.Errorf("ETTh1: %d rows, freq %v, target %q, %d covariates; want 17420 hourly HUFL 6", s.Len(), s.Freq, s.Target, len(s.Covariates))
	}

	ds = readShared(t, "ETTh1.csv", &csvio.LoadOptions{Target: "OT"})
	s = ds.Series[0]
	if s.Target != "OT" || s.ID != "OT" || len(s.Covariates) != 6 {
		t.Fatalf("ETTh1 with Target OT: target %q, %d covariates", s.Target, len(s.Covariates))
	}
	for i, c := range s.Covariates {
		if c.Name != names[i] || len(c.Values) != 17420 {
			t.Errorf("ETTh1 covariate %d = %q with %d values, want %q with 17420", i, c.Name, len(c.Values), names[i])
		}
	}
	checkEnds(t, s, time.Date(2016, 7, 1, 0, 0, 0, 0, time.UTC), time.Date(2018, 6, 26, 19, 0, 0, 0, time.UTC), 30.5310001373291, 9.56700038909912)
	// awk -F, 'NR>1{s+=$8}' gives 232115.779096 (printed to 6 decimals).
	if got := floats.Sum(s.Values); !scalar.EqualWithinAbsOrRel(got, 232115.779096, 1e-5, 1e-12) {
		t.Errorf("ETTh1: sum of OT %v, want 232115.779096", got)
	}
}

func TestSharedM4Hourly(t *testing.T) {
	ds := readShared(t, "Hourly-train.csv", nil)
	if ds.Layout != csvio.LayoutWide || len(ds.Series) != 414 {
		t.Fatalf("Hourly-train: layout %v, %d series; want wide, 414", ds.Layout, len(ds.Series))
	}
	var n700, n960, total int
	lo, hi := ds.Series[0].Values[0], ds.Series[0].Values[0]
	for i, s := range ds.Series {
		switch s.Len() {
		case 700:
			n700++
		case 960:
			n960++
		default:
			t.Errorf("Hourly-train: series %q has %d values, want 700 or 960", s.ID, s.Len())
		}
		if want := "H" + strconv.Itoa(i+1); s.ID != want || s.Times != nil || s.Freq != forecast.Step {
			t.Errorf("Hourly-train: series %d is %q (times %v, freq %v), want %q without timestamps", i, s.ID, s.Times != nil, s.Freq, want)
		}
		total += s.Len()
		lo, hi = min(lo, floats.Min(s.Values)), max(hi, floats.Max(s.Values))
	}
	if n700 != 169 || n960 != 245 || total != 353500 || lo != 10 || hi != 703008 {
		t.Errorf("Hourly-train: %d of 700, %d of 960, %d values in [%v, %v]; want 169, 245, 353500 in [10, 703008]", n700, n960, total, lo, hi)
	}
	if h1, ok := ds.Lookup("H1"); !ok || h1.Values[0] != 605 {
		t.Errorf("Hourly-train: H1 starts with %v, want 605", h1.Values[0])
	}
}

func BenchmarkReadShared(b *testing.B) {
	for _, name := range []string{"airline-passengers.csv", "ETTh1.csv", "Hourly-train.csv"} {
		b.Run(name, func(b *testing.B) {
			raw, err := os.ReadFile(sharedData(b, name))
			if err != nil {
				b.Fatal(err)
			}
			data := string(raw)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := csvio.Read(strings.NewReader(data), name, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
