package tsfbeam

import (
	"fmt"
	"time"

	"github.com/tsforecast/tsforecast/csvio"
	"github.com/tsforecast/tsforecast/forecast"
)

// gather collects the rows of one series, sorted by time.
func gather(id string, rows func(*Row) bool) []csvio.LongRow {
	var out []csvio.LongRow
	var r Row
	for rows(&r) {
		out = append(out, r.longRow())
	}
	return out
}

// spacingFn emits the smallest spacing of consecutive timestamps of a
// series, for the frequency of a long input.
type spacingFn struct{}

func (*spacingFn) ProcessElement(id string, rows func(*Row) bool) Spacing {
	rs := gather(id, rows)
	sortRows(rs)
	best := Spacing{}
	for i := 1; i < len(rs); i++ {
		d := rs[i].Time.Sub(rs[i-1].Time)
		if d <= 0 {
			continue // a duplicate, reported when the series is built
		}
		if c := (Spacing{Nanos: int64(d), File: rs[i].File, Line: rs[i].Line}); c.less(best) {
			best = c
		}
	}
	return best
}

// minSpacingFn combines spacings into the smallest.
type minSpacingFn struct{}

func (*minSpacingFn) CreateAccumulator() Spacing { return Spacing{} }

func (*minSpacingFn) AddInput(a, b Spacing) Spacing { return minSpacing(a, b) }

func (*minSpacingFn) MergeAccumulators(a, b Spacing) Spacing { return minSpacing(a, b) }

func minSpacing(a, b Spacing) Spacing {
	if b.less(a) {
		return b
	}
	return a
}

// sortRows sorts rows by time, then file and line.
func sortRows(rows []csvio.LongRow) {
	// Format.LongSeries sorts the same way; this copy of the order serves
	// the spacing, which needs it before the frequency is known.
	for i := 1; i < len(rows); i++ {
		for j := i; j > 0 && rowLess(rows[j], rows[j-1]); j-- {
			rows[j], rows[j-1] = rows[j-1], rows[j]
		}
	}
}

func rowLess(a, b csvio.LongRow) bool {
	if c := a.Time.Compare(b.Time); c != 0 {
		return c < 0
	}
	if a.File != b.File {
		return a.File < b.File
	}
	return a.Line < b.Line
}

// longSeriesFn builds the series of a long input from its rows, with a
// frequency given by Freq or, when Freq is empty, read from a side input
// of the smallest spacing.
type longSeriesFn struct {
	Load   LoadOptions
	Format csvio.Format
}

func build(f csvio.Format, lo LoadOptions, id string, rows func(*Row) bool, freqOf func(first csvio.LongRow) (forecast.Freq, error), emit func(Series)) error {
	rs := gather(id, rows)
	freq, err := freqOf(rs[0])
	if err != nil {
		return err
	}
	s, err := f.LongSeries(rs, freq, lo.csvio())
	if err != nil {
		return err
	}
	emit(toSeries(s, rs[0].File, rs[0].Line))
	return nil
}

func (f *longSeriesFn) ProcessElement(id string, rows func(*Row) bool, emit func(Series)) error {
	return build(f.Format, f.Load, id, rows, func(csvio.LongRow) (forecast.Freq, error) {
		if f.Format.TimeColumn == "" {
			return forecast.Step, nil
		}
		freq, err := forecast.ParseFreq(f.Load.Freq)
		if err != nil {
			return 0, fmt.Errorf("tsfbeam: %w", err)
		}
		return freq, nil
	}, emit)
}

// longSeriesSideFn is longSeriesFn with the frequency inferred from the
// smallest spacing of the whole input.
type longSeriesSideFn struct {
	Load   LoadOptions
	Format csvio.Format
}

func (f *longSeriesSideFn) ProcessElement(id string, rows func(*Row) bool, sp Spacing, emit func(Series)) error {
	return build(f.Format, f.Load, id, rows, func(first csvio.LongRow) (forecast.Freq, error) {
		switch {
		case f.Format.TimeColumn == "":
			return forecast.Step, nil
		case sp.Nanos == 0:
			return 0, &csvio.ParseError{File: first.File, Line: first.Line, Column: f.Format.TimeColumn, Err: csvio.ErrIrregular,
				Msg: "cannot infer the frequency from a single timestamp per series; set --freq"}
		}
		return csvio.FreqOfSpacing(time.Duration(sp.Nanos), sp.File, sp.Line, f.Format.TimeColumn)
	}, emit)
}
