package csvio

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"github.com/tsforecast/tsforecast/forecast"
)

// Future holds the values of future-known covariates read by
// [ReadFuture]: prices, promotions, planned capacity, holidays; anything
// known in advance over the forecast horizon.
type Future struct {
	// Name is the file name used in error messages.
	Name string
	// Columns names the covariates, in the order of the file.
	Columns []string
	ds      *Dataset
}

// ReadFuture reads a file of future covariate values, in the single or
// long layout of [Read] (a wide file has no columns to name them): one
// row per future step (and series, in a long file) with the time column
// and one column per covariate; every column other than the id and time
// columns (and those opt.Ignore names) is one. The target is not among
// them: its future is what is forecast. Only opt's Layout, IDColumn,
// TimeColumn, TimeLayout, Ignore, Comma, DecimalComma and limits apply;
// a missing value is an error, since a covariate's future must be known.
// [Future.Join] attaches the values to the series they extend.
func ReadFuture(ctx context.Context, r io.Reader, name string, opt *LoadOptions) (*Future, error) {
	var o LoadOptions
	if opt != nil {
		o = LoadOptions{Layout: opt.Layout, IDColumn: opt.IDColumn, TimeColumn: opt.TimeColumn, TimeLayout: opt.TimeLayout,
			Ignore: opt.Ignore, Comma: opt.Comma, DecimalComma: opt.DecimalComma,
			MaxFieldBytes: opt.MaxFieldBytes, MaxRecordBytes: opt.MaxRecordBytes, MaxValues: opt.MaxValues}
	}
	if o.Layout == LayoutWide {
		return nil, fmt.Errorf("csvio: %s: a file of future covariates has the single or long layout, not wide", name)
	}
	// The steps of a future file need not be many; "step" keeps its
	// timestamps without inferring a frequency from them, and Join checks
	// them against the series' own grid.
	o.Freq = "step"
	o.anyTarget = true
	ds, err := ReadContext(ctx, r, name, &o)
	if err != nil {
		return nil, err
	}
	if ds.Layout == LayoutWide {
		return nil, fmt.Errorf("csvio: %s: a file of future covariates has the single or long layout, not wide", ds.Name)
	}
	f := &Future{Name: ds.Name, ds: ds}
	s := ds.Series[0]
	f.Columns = append(f.Columns, s.Target)
	for _, c := range s.Covariates {
		f.Columns = append(f.Columns, c.Name)
	}
	return f, nil
}

// ReadFutureFile is [ReadFuture] on the named file.
func ReadFutureFile(ctx context.Context, path string, opt *LoadOptions) (*Future, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	return ReadFuture(ctx, fh, path, opt)
}

// Join extends the series of ds with the future values of f: each column
// of f must be a covariate of every series (read with
// LoadOptions.Covariates), and becomes a future-known one
// ([forecast.Covariate].Known) whose values go on past the last
// observation. The rows of f for a series (by id in a long file; its
// only series otherwise) are matched by timestamp: rows at or before the
// series' last observation are skipped, and those after it must be the
// steps [forecast.Series.FutureTimes] gives, in order and without a gap.
// Series without timestamps take the rows of f in order. The error of a
// missing row names the first step it lacks. Join changes nothing when
// it fails.
func (f *Future) Join(ds *Dataset) error {
	type ext struct {
		cov    int // index in s.Covariates
		values []float64
	}
	plan := make([][]ext, len(ds.Series))
	for i, s := range ds.Series {
		fs, err := f.rowsOf(ds, s)
		if err != nil {
			return err
		}
		from, err := f.align(s, fs)
		if err != nil {
			return err
		}
		for k, name := range f.Columns {
			if name == s.Target {
				return fmt.Errorf("csvio: %s: column %q is the target of %s; its future is what is forecast", f.Name, name, ds.Name)
			}
			j := slices.IndexFunc(s.Covariates, func(c forecast.Covariate) bool { return c.Name == name })
			if j < 0 {
				return fmt.Errorf("csvio: %s: covariate %q has no history: it is not a covariate read from %s", f.Name, name, ds.Name)
			}
			v := fs.Values
			if k > 0 {
				v = fs.Covariates[k-1].Values
			}
			plan[i] = append(plan[i], ext{cov: j, values: v[from:]})
		}
	}
	for i, s := range ds.Series {
		n := s.Len()
		for _, e := range plan[i] {
			c := &s.Covariates[e.cov]
			vals := make([]float64, n, n+len(e.values))
			copy(vals, c.Values[:n])
			c.Values = append(vals, e.values...)
			c.Known = true
		}
	}
	return nil
}

// rowsOf returns the rows of f for s.
func (f *Future) rowsOf(ds *Dataset, s *forecast.Series) (*forecast.Series, error) {
	if f.ds.IDColumn == "" {
		if len(ds.Series) > 1 {
			return nil, fmt.Errorf("csvio: %s has no id column, and %s holds %d series", f.Name, ds.Name, len(ds.Series))
		}
		return f.ds.Series[0], nil
	}
	fs, ok := f.ds.Lookup(s.ID)
	if !ok {
		return nil, fmt.Errorf("csvio: %s: no rows for series %q", f.Name, s.ID)
	}
	return fs, nil
}

// align returns the index of the first row of fs after the last
// observation of s, having checked that the rows from there on are the
// next steps of s.
func (f *Future) align(s, fs *forecast.Series) (int, error) {
	if len(s.Times) == 0 {
		if len(fs.Times) > 0 {
			return 0, fmt.Errorf("csvio: %s has timestamps but series %q has none", f.Name, s.ID)
		}
		return 0, nil
	}
	if len(fs.Times) == 0 {
		return 0, fmt.Errorf("csvio: %s has no time column; series %q has timestamps", f.Name, s.ID)
	}
	last := s.Times[len(s.Times)-1]
	from, _ := slices.BinarySearchFunc(fs.Times, last, func(t, last time.Time) int {
		if t.After(last) {
			return 1
		}
		return -1
	})
	rest := fs.Times[from:]
	if len(rest) == 0 {
		return 0, fmt.Errorf("csvio: %s: no rows for series %q after its last observation %s", f.Name, s.ID, formatTime(last))
	}
	want := s.FutureTimes(len(rest))
	if want == nil {
		return 0, fmt.Errorf("csvio: %s: series %q has no calendar frequency to place future rows on", f.Name, s.ID)
	}
	for k, t := range rest {
		if !t.Equal(want[k]) {
			return 0, fmt.Errorf("csvio: %s: series %q: no row for %s, the step after %s (found %s)", f.Name, s.ID, formatTime(want[k]), formatTime(prevTime(last, want, k)), formatTime(t))
		}
	}
	return from, nil
}

func prevTime(last time.Time, want []time.Time, k int) time.Time {
	if k == 0 {
		return last
	}
	return want[k-1]
}

// formatTime writes t for a message: its date alone at midnight UTC,
// RFC 3339 otherwise.
func formatTime(t time.Time) string {
	if t.Location() == time.UTC && t.Equal(t.Truncate(24*time.Hour)) {
		return t.Format(time.DateOnly)
	}
	return t.Format(time.RFC3339Nano)
}
