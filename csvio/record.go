package csvio

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/tsforecast/tsforecast/forecast"
)

// RecordReader reads the data rows of one CSV file one at a time, with
// the text handling, parsing and errors of [Read], for programs that
// spread the rows of many files over many workers (a Beam pipeline) and
// so cannot hold a whole file: a row of a wide file becomes its series
// at once ([RecordReader.NextWide]); a row of a long file becomes a
// [LongRow], and the rows of one series, wherever they were read, become
// the series with [Format.LongSeries].
//
// Read of the same file gives the same series, values and errors (file,
// line and column), except where a whole file is needed: duplicate
// series ids (wide) and the order of the rows of a series (long) are
// checked by whoever gathers the series, and the frequency of a long
// file without [LoadOptions].Freq is inferred from the smallest spacing
// that gatherer finds ([FreqOfSpacing]).
type RecordReader struct {
	ld     *loader
	layout Layout
	first  []string // first data row of a long file, read ahead to resolve its columns
	fline  int
	peeked bool
	rs     rawSeries // scratch series of one long row
}

// NewRecordReader reads the header of the CSV file r (named name in
// errors) and returns a reader of its data rows, in the layout opt.Layout
// or, under LayoutAuto, the layout the header shows. A nil opt means the
// zero LoadOptions. It panics as [Read] does for undefined option values.
func NewRecordReader(r io.Reader, name string, opt *LoadOptions) (*RecordReader, error) {
	return NewRecordReaderContext(context.Background(), r, name, opt)
}

// NewRecordReaderContext is [NewRecordReader] under a context, checked
// every few thousand rows as [ReadContext] does.
func NewRecordReaderContext(ctx context.Context, r io.Reader, name string, opt *LoadOptions) (*RecordReader, error) {
	if opt == nil {
		opt = &LoadOptions{}
	}
	ld, err := openLoader(ctx, r, name, opt)
	if err != nil {
		return nil, err
	}
	rr := &RecordReader{ld: ld, layout: opt.Layout}
	if rr.layout == LayoutAuto {
		rr.layout = ld.detectLayout()
	}
	switch rr.layout {
	case LayoutWide:
		if len(ld.header) < 2 {
			return nil, perr(ld.file, ld.hline, "", ErrColumn, "a wide file needs an id column and at least one value column")
		}
	case LayoutLong:
		// The columns are resolved with the first data row, as Read does.
		rec, line, err := ld.firstRow(LayoutLong)
		if err != nil {
			return nil, err
		}
		rr.first, rr.fline, rr.peeked = slices.Clone(rec), line, true
		rr.rs.cols = make([][]float64, len(ld.vals))
	default:
		return nil, perr(ld.file, ld.hline, "", ErrColumn, "a %s file cannot be read row by row (want the wide or long layout)", rr.layout)
	}
	return rr, nil
}

// Layout returns the layout of the file, LayoutWide or LayoutLong.
func (rr *RecordReader) Layout() Layout { return rr.layout }

// NextWide returns the series of the next row of a wide file and its
// line, checked and filled as [Read] does (missing values under
// opt.Missing, MinLength), or io.EOF after the last row; a file without
// data rows is an error. It panics if the file is not wide.
func (rr *RecordReader) NextWide() (*forecast.Series, int, error) {
	ld := rr.ld
	if rr.layout != LayoutWide {
		panic("csvio: NextWide of a " + rr.layout.String() + " file")
	}
	rec, line, err := ld.next()
	if err == io.EOF {
		if ld.rows == 0 {
			return nil, 0, perr(ld.file, ld.hline, "", ErrNoData, "header without data rows")
		}
		return nil, 0, io.EOF
	}
	if err != nil {
		return nil, 0, err
	}
	if err := ld.tick(); err != nil {
		return nil, 0, err
	}
	rs, err := ld.wideRow(rec, line)
	if err != nil {
		return nil, 0, err
	}
	ds := &Dataset{Name: ld.file, Layout: LayoutWide}
	if err := ld.finish(ds, []*rawSeries{rs}); err != nil {
		return nil, 0, err
	}
	return ds.Series[0], line, nil
}

// wideRow parses one row of a wide file into a raw series, as readWide
// does for each of its rows.
func (ld *loader) wideRow(rec []string, line int) (*rawSeries, error) {
	idName := ld.header[0]
	if len(rec) > len(ld.header) {
		return nil, perr(ld.file, line, "", ErrSyntax, "row has %d fields, the header has %d", len(rec), len(ld.header))
	}
	id := rec[0]
	if id == "" {
		return nil, perr(ld.file, line, idName, ErrSyntax, "empty series id")
	}
	id = strings.Clone(id)
	last := len(rec) - 1
	for last > 0 && rec[last] == "" {
		last--
	}
	if last == 0 {
		return nil, perr(ld.file, line, idName, ErrNoData, "series %s has no values", q(id))
	}
	if err := ld.count(last, line); err != nil {
		return nil, err
	}
	vals := make([]float64, last)
	rs := &rawSeries{id: id, cols: [][]float64{vals}}
	rs.lines.add(0, line)
	for j := 1; j <= last; j++ {
		tok := rec[j]
		v, ok := ld.value(tok)
		if !ok {
			if err := ld.classify(tok, line, ld.header[j]); err != nil {
				return nil, err
			}
			v = math.NaN()
			rs.missing = append(rs.missing, MissingValue{Series: id, Line: line, Column: ld.header[j], Token: strings.Clone(tok)})
		}
		vals[j-1] = v
	}
	return rs, nil
}

// LongRow is one row of a long file: the observation of series ID at
// Time (the zero time when the file has no time column). Value is the
// target, NaN for a missing value, whose field is then Token; the other
// value columns are parsed (a bad number in them is an error, as in
// [Read]) but not kept.
type LongRow struct {
	ID      string
	Time    time.Time
	Value   float64
	Missing bool
	Token   string
	File    string
	Line    int
}

// NextLong returns the next row of a long file, or io.EOF after the last
// one. It panics if the file is not long.
func (rr *RecordReader) NextLong() (LongRow, error) {
	ld := rr.ld
	if rr.layout != LayoutLong {
		panic("csvio: NextLong of a " + rr.layout.String() + " file")
	}
	var rec []string
	var line int
	if rr.peeked {
		rec, line, rr.peeked = rr.first, rr.fline, false
		rr.first = nil
	} else {
		var err error
		rec, line, err = ld.next()
		if err != nil {
			return LongRow{}, err
		}
		if len(rec) != len(ld.header) {
			return LongRow{}, perr(ld.file, line, "", ErrSyntax, "row has %d fields, the header has %d", len(rec), len(ld.header))
		}
	}
	id := rec[ld.idCol]
	if id == "" {
		return LongRow{}, perr(ld.file, line, ld.header[ld.idCol], ErrSyntax, "empty series id")
	}
	perRow := len(ld.vals)
	if ld.tp != nil {
		perRow++
	}
	if err := ld.count(perRow, line); err != nil {
		return LongRow{}, err
	}
	rs := &rr.rs
	rs.id = id
	rs.times, rs.missing, rs.lines = rs.times[:0], rs.missing[:0], rs.lines[:0]
	for k := range rs.cols {
		rs.cols[k] = rs.cols[k][:0]
	}
	if err := ld.addRow(rs, rec, line); err != nil {
		return LongRow{}, err
	}
	if err := ld.tick(); err != nil {
		return LongRow{}, err
	}
	row := LongRow{ID: strings.Clone(id), Value: rs.cols[0][0], File: ld.file, Line: line}
	if ld.tp != nil {
		row.Time = rs.times[0]
	}
	for _, m := range rs.missing {
		if m.Column == ld.header[ld.vals[0]] {
			row.Missing, row.Token = true, m.Token
		}
	}
	return row, nil
}

// Format returns what [Format.LongSeries] needs to know of the file: its
// layout and the names of its columns, and the layout of its timestamps
// once a row has been read.
func (rr *RecordReader) Format() Format {
	ld := rr.ld
	f := Format{Layout: rr.layout, Header: slices.Clone(ld.header)}
	if rr.layout == LayoutWide {
		f.IDColumn = ld.header[0]
		return f
	}
	f.IDColumn = ld.header[ld.idCol]
	f.ValueColumn = ld.header[ld.vals[0]]
	if ld.tp != nil {
		f.TimeColumn = ld.tp.col
		f.TimeLayout = ld.tp.layout
		if f.TimeLayout == "" && rr.peeked {
			// The layout is fixed by the first timestamp, read ahead.
			if l, ok := detectTimeLayout(rr.first[ld.timeCol], ld.tp.years); ok {
				f.TimeLayout = l
			}
		}
	}
	return f
}

// Format describes the columns of a wide or long file, as
// [RecordReader.Format] reports them.
type Format struct {
	Layout Layout
	// Header is the header record, unnamed columns named "columnN".
	Header []string
	// IDColumn names the id column; TimeColumn and ValueColumn the time
	// (empty without one) and target columns of a long file.
	IDColumn, TimeColumn, ValueColumn string
	// TimeLayout is the time.Parse layout of the timestamps.
	TimeLayout string
}

// LongSeries returns the series of the rows of one series id of a long
// file (gathered from any number of files, in any order) with frequency
// freq, as [Read] builds it: the rows are sorted by time, and a
// duplicate timestamp, a timestamp off the grid of freq, a gap or a
// missing value (under MissingError), or a series shorter than
// opt.MinLength is an error naming the file and line of the row at fault.
// Without a time column the rows are taken in the order of their files
// (by name) and lines.
// Frequency Step keeps the timestamps without a grid. A nil opt means the
// zero LoadOptions. rows is sorted in place. It panics if rows is empty.
func (f *Format) LongSeries(rows []LongRow, freq forecast.Freq, opt *LoadOptions) (*forecast.Series, error) {
	if len(rows) == 0 {
		panic("csvio: LongSeries of no rows")
	}
	if opt == nil {
		opt = &LoadOptions{}
	}
	timed := f.TimeColumn != ""
	// By time, then in the order of the files (by name) and lines: the
	// order of the rows given makes no difference, and of two rows of one
	// timestamp the later one is at fault, as for Read.
	slices.SortFunc(rows, func(a, b LongRow) int {
		if timed {
			if c := a.Time.Compare(b.Time); c != 0 {
				return c
			}
		}
		if c := strings.Compare(a.File, b.File); c != 0 {
			return c
		}
		return a.Line - b.Line
	})
	ld := &loader{ctx: context.Background(), file: rows[0].File, opt: opt, freq: freq, freqSet: true,
		header: []string{f.ValueColumn}, vals: []int{0}}
	rs := &rawSeries{id: rows[0].ID, cols: [][]float64{make([]float64, len(rows))}}
	if timed {
		layout := f.TimeLayout
		if layout == "" {
			layout = time.RFC3339Nano
		}
		ld.tp = &timeParser{file: ld.file, col: f.TimeColumn, layout: layout}
		rs.times = make([]time.Time, len(rows))
		rs.stamp0 = rows[0].Time.Format(layout)
	}
	for i, r := range rows {
		if timed {
			if i > 0 && r.Time.Equal(rows[i-1].Time) {
				p := rows[i-1]
				return nil, perr(r.File, r.Line, f.TimeColumn, ErrOrder, "duplicate timestamp %s of series %s (also on %s)",
					q(r.Time.Format(ld.tp.layout)), q(r.ID), where(p, r.File))
			}
			rs.times[i] = r.Time
		}
		rs.cols[0][i] = r.Value
		rs.lines.add(i, r.Line)
		if r.Missing {
			rs.missing = append(rs.missing, MissingValue{Series: r.ID, Line: r.Line, Column: f.ValueColumn, Token: r.Token})
		}
	}
	// The ids of a long file are in its id column: finish reads
	// LayoutLong as a table with an id column.
	ld.idCol = 0
	ds := &Dataset{Name: ld.file, Layout: LayoutLong}
	if err := ld.finish(ds, []*rawSeries{rs}); err != nil {
		var pe *ParseError
		if errors.As(err, &pe) && pe.Line > 0 {
			// The line is one of the rows'; name the file it is in.
			for _, r := range rows {
				if r.Line == pe.Line {
					pe.File = r.File
					break
				}
			}
		}
		return nil, err
	}
	return ds.Series[0], nil
}

// where names the file and line of row p, the file left out when it is
// file.
func where(p LongRow, file string) string {
	if p.File == file {
		return fmt.Sprintf("line %d", p.Line)
	}
	return fmt.Sprintf("%s:%d", p.File, p.Line)
}

// FreqOfSpacing returns the frequency whose step is the smallest spacing
// d of consecutive timestamps in a long file, as [Read] infers it, or an
// error naming the row (file and line) at which that spacing ends.
func FreqOfSpacing(d time.Duration, file string, line int, col string) (forecast.Freq, error) {
	f, ok := classifyStep(d)
	if !ok {
		return 0, perr(file, line, col, ErrIrregular,
			"timestamps %v apart, which is no supported frequency (minutely, hourly, daily, weekly, monthly, quarterly, yearly); set Freq to name the frequency, or to \"step\" to keep the timestamps without a calendar grid", d)
	}
	return f, nil
}
