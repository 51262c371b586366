package csvio

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tsforecast/tsforecast/forecast"
)

// Dataset is the result of reading one file: its series and a report of
// the gaps and missing values found in it.
type Dataset struct {
	// Name is the file name used in error messages.
	Name string
	// Layout is the layout the file was read as (never LayoutAuto).
	Layout Layout
	// IDColumn and TimeColumn name the id and time columns of the file,
	// or are empty when it has none, so that output can mirror the input.
	IDColumn, TimeColumn string
	// Series holds the series in the order of their first appearance.
	Series []*forecast.Series
	// Report lists what the loader found missing and, under
	// MissingInterpolate or MissingFFill, filled.
	Report Report
}

// Lookup returns the series with the given ID and whether there is one.
func (d *Dataset) Lookup(id string) (*forecast.Series, bool) {
	for _, s := range d.Series {
		if s.ID == id {
			return s, true
		}
	}
	return nil, false
}

// Report lists the gaps and missing values of a file, sorted by line. Under
// MissingError a non-empty report is an error, so a returned Dataset
// always has an empty one; under the other policies every listed item has
// been filled. A tool that only inspects a file reads it with
// MissingInterpolate and prints the report.
type Report struct {
	Gaps    []Gap
	Missing []MissingValue
}

// Empty reports whether r lists no gap and no missing value.
func (r *Report) Empty() bool { return len(r.Gaps) == 0 && len(r.Missing) == 0 }

// MissingSteps returns the number of timestamps missing from all gaps.
func (r *Report) MissingSteps() int {
	n := 0
	for _, g := range r.Gaps {
		n += g.Steps
	}
	return n
}

// Gap is a run of timestamps missing from the regular grid of a series.
type Gap struct {
	// Series is the ID of the series.
	Series string
	// Line is the line of the first observation after the gap.
	Line int
	// Start is the first missing timestamp.
	Start time.Time
	// Steps is the number of missing timestamps.
	Steps int
}

// MissingValue is one field that held no usable number.
type MissingValue struct {
	// Series is the ID of the series.
	Series string
	// Line is the 1-based line of the field.
	Line int
	// Column is the header name of the field's column.
	Column string
	// Token is the field as written: "", "NA", "NaN", "Inf", ...
	Token string
}

// ReadFile reads the CSV file at path; see [Read]. Errors name the file by
// path.
func ReadFile(path string, opt *LoadOptions) (*Dataset, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Read(f, path, opt)
}

// Read reads one CSV file from r. The name is used in error messages (pass
// "stdin" for standard input). A nil opt means the zero LoadOptions.
//
// The input may have CRLF or LF line endings, a UTF-8 byte order mark,
// quoted fields, and no final newline. Fields are trimmed of surrounding
// spaces. Data problems are returned as a [*ParseError] that names the
// file, line and column and wraps one of the Err sentinels. Every returned
// series satisfies the invariants of [Series].
//
// It panics if opt.Layout or opt.Missing is not one of the defined
// constants.
func Read(r io.Reader, name string, opt *LoadOptions) (*Dataset, error) {
	if opt == nil {
		opt = &LoadOptions{}
	}
	if opt.Layout < LayoutAuto || opt.Layout > LayoutWide {
		panic("csvio: unknown layout")
	}
	if opt.Missing < MissingError || opt.Missing > MissingFFill {
		panic("csvio: unknown missing-value policy")
	}
	if name == "" {
		name = "input"
	}
	ld := &loader{file: name, opt: opt, idCol: -1, timeCol: -1}
	if opt.Freq != "" {
		f, err := forecast.ParseFreq(strings.ToLower(opt.Freq))
		if err != nil {
			return nil, err
		}
		ld.freq, ld.freqSet = f, true
	}

	br := bufio.NewReaderSize(r, 64<<10)
	if b, err := br.Peek(3); err == nil && string(b) == "\uFEFF" {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	if opt.Comma != 0 {
		cr.Comma = opt.Comma
	}
	cr.FieldsPerRecord = -1
	ld.cr = cr

	header, hline, err := ld.next()
	if err == io.EOF {
		return nil, perr(name, 1, "", ErrNoData, "empty file (want a header line and data rows)")
	}
	if err != nil {
		return nil, err
	}
	ld.hline = hline
	if err := ld.setHeader(header); err != nil {
		return nil, err
	}

	layout := opt.Layout
	if layout == LayoutAuto {
		layout = ld.detectLayout()
	}
	var raws []*rawSeries
	switch layout {
	case LayoutWide:
		raws, err = ld.readWide()
	default:
		raws, err = ld.readTable(layout)
	}
	if err != nil {
		return nil, err
	}
	ds := &Dataset{Name: name, Layout: layout}
	if layout == LayoutWide {
		ds.IDColumn = ld.header[0]
	}
	if ld.idCol >= 0 {
		ds.IDColumn = ld.header[ld.idCol]
	}
	if ld.timeCol >= 0 {
		ds.TimeColumn = ld.header[ld.timeCol]
	}
	if err := ld.finish(ds, raws); err != nil {
		return nil, err
	}
	return ds, nil
}

// Conventional column names, compared case-insensitively.
var (
	idNames    = []string{"unique_id", "id", "series_id", "series", "item_id"}
	timeNames  = []string{"ds", "timestamp", "date", "time", "datetime", "month", "year"}
	valueNames = []string{"y", "value", "target"}
)

// loader holds the state of one Read.
type loader struct {
	file    string
	opt     *LoadOptions
	cr      *csv.Reader
	header  []string
	hline   int // line of the header: 1 unless blank lines precede it
	freq    forecast.Freq
	freqSet bool

	// Column roles, -1 when absent; vals[0] is the target.
	timeCol, idCol int
	vals           []int
}

// rawSeries is one series as read, before the grid checks and filling.
type rawSeries struct {
	id      string
	lines   []int       // line of each observation
	stamps  []string    // timestamps as written, nil without a time column
	times   []time.Time // parsed stamps
	cols    [][]float64 // target first, then covariates; NaN marks missing
	missing []MissingValue
}

// next reads one record, trims its fields and returns it with its line.
func (ld *loader) next() ([]string, int, error) {
	rec, err := ld.cr.Read()
	if err == io.EOF {
		return nil, 0, err
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, 0, perr(ld.file, pe.Line, "", ErrSyntax, "%v (byte %d of the line)", pe.Err, pe.Column)
		}
		return nil, 0, &ParseError{File: ld.file, Msg: err.Error(), Err: err}
	}
	line, _ := ld.cr.FieldPos(0)
	for i, f := range rec {
		rec[i] = strings.TrimSpace(f)
	}
	return rec, line, nil
}

func (ld *loader) setHeader(h []string) error {
	seen := make(map[string]bool, len(h))
	for i, n := range h {
		if n == "" {
			// pandas writes an unnamed index column this way.
			n = "column" + strconv.Itoa(i+1)
			h[i] = n
		}
		if seen[n] {
			return perr(ld.file, ld.hline, n, ErrColumn, "duplicate column name")
		}
		seen[n] = true
	}
	ld.header = h
	return nil
}

// find returns the index of the column named name, or -1.
func (ld *loader) find(name string) int {
	return slices.Index(ld.header, name)
}

// findConventional returns the first column whose name is one of names,
// case-insensitively, skipping the columns in skip; or -1.
func (ld *loader) findConventional(names []string, skip ...int) int {
	for _, n := range names {
		for j, h := range ld.header {
			if strings.EqualFold(h, n) && !slices.Contains(skip, j) {
				return j
			}
		}
	}
	return -1
}

func (ld *loader) detectLayout() Layout {
	if isVHeader(ld.header) {
		return LayoutWide
	}
	if ld.opt.IDColumn != "" || ld.findConventional(idNames) >= 0 {
		return LayoutLong
	}
	return LayoutSingle
}

// isVHeader reports whether h is V1, V2, ..., Vn with n ≥ 2 (M4 files).
func isVHeader(h []string) bool {
	if len(h) < 2 {
		return false
	}
	for i, n := range h {
		if n != "V"+strconv.Itoa(i+1) {
			return false
		}
	}
	return true
}

func (ld *loader) unknown(role, name string) error {
	return perr(ld.file, ld.hline, name, ErrColumn, "unknown %s column (the header has %s)", role, strings.Join(quoteAll(ld.header, 12), ", "))
}

func quoteAll(s []string, max int) []string {
	out := make([]string, 0, min(len(s), max)+1)
	for i, x := range s {
		if i == max {
			out = append(out, fmt.Sprintf("... (%d columns)", len(s)))
			break
		}
		out = append(out, strconv.Quote(x))
	}
	return out
}

// resolve assigns the column roles of a single or long file. first is the
// first data record, used to recognise an unnamed time column.
func (ld *loader) resolve(layout Layout, first []string) error {
	o := ld.opt
	ld.idCol, ld.timeCol = -1, -1
	if layout == LayoutLong {
		if o.IDColumn != "" {
			if ld.idCol = ld.find(o.IDColumn); ld.idCol < 0 {
				return ld.unknown("id", o.IDColumn)
			}
		} else if ld.idCol = ld.findConventional(idNames); ld.idCol < 0 {
			return perr(ld.file, ld.hline, "", ErrColumn, "no id column for the long layout (want one of unique_id, id, series_id, series, item_id, or set IDColumn)")
		}
	}
	if o.TimeColumn != "" {
		if ld.timeCol = ld.find(o.TimeColumn); ld.timeCol < 0 {
			return ld.unknown("time", o.TimeColumn)
		}
	} else if ld.timeCol = ld.findConventional(timeNames, ld.idCol); ld.timeCol < 0 && layout == LayoutSingle {
		if o.TimeLayout != "" {
			ld.timeCol = 0 // a user layout says there are timestamps
		} else if _, ok := detectTimeLayout(first[0], false); ok {
			ld.timeCol = 0
		}
	}
	if ld.timeCol >= 0 && ld.timeCol == ld.idCol {
		return perr(ld.file, ld.hline, ld.header[ld.idCol], ErrColumn, "used both as the id and the time column")
	}

	roleCol := func(j int) bool { return j == ld.idCol || j == ld.timeCol }
	target := -1
	name := o.Target
	if layout == LayoutLong && o.ValueColumn != "" {
		name = o.ValueColumn
	}
	if name != "" {
		if target = ld.find(name); target < 0 {
			role := "target"
			if layout == LayoutLong {
				role = "value"
			}
			return ld.unknown(role, name)
		}
		if roleCol(target) {
			return perr(ld.file, ld.hline, name, ErrColumn, "the target cannot be the id or time column")
		}
	} else if layout == LayoutLong {
		target = ld.findConventional(valueNames, ld.idCol, ld.timeCol)
	}

	var vals []int
	if len(o.Columns) > 0 {
		for _, c := range o.Columns {
			j := ld.find(c)
			if j < 0 {
				return ld.unknown("value", c)
			}
			if roleCol(j) {
				return perr(ld.file, ld.hline, c, ErrColumn, "listed in Columns but it is the id or time column")
			}
			if !slices.Contains(vals, j) {
				vals = append(vals, j)
			}
		}
	} else {
		for j := range ld.header {
			if !roleCol(j) {
				vals = append(vals, j)
			}
		}
	}
	if target < 0 {
		if len(vals) == 0 {
			return perr(ld.file, ld.hline, "", ErrColumn, "no value column (the header has %s)", strings.Join(quoteAll(ld.header, 12), ", "))
		}
		target = vals[0]
	}
	if i := slices.Index(vals, target); i >= 0 {
		vals = slices.Delete(vals, i, i+1)
	}
	ld.vals = append([]int{target}, vals...)
	return nil
}

// isMissingToken reports whether a field denotes a missing value.
func isMissingToken(s string) bool {
	switch strings.ToLower(s) {
	case "", "na", "n/a", "nan", "null", "none":
		return true
	}
	return false
}

// classify interprets a numeric field that did not yield a finite number:
// it reports whether the field is a missing value, or returns the error for
// an invalid number.
func (ld *loader) classify(tok string, line int, col string) error {
	if isMissingToken(tok) {
		return nil
	}
	v, err := strconv.ParseFloat(tok, 64)
	if err == nil && (math.IsInf(v, 0) || math.IsNaN(v)) {
		return nil // "Inf", "-Infinity": treated as missing
	}
	if errors.Is(err, strconv.ErrRange) {
		return perr(ld.file, line, col, ErrSyntax, "number %q out of range", tok)
	}
	return perr(ld.file, line, col, ErrSyntax, "invalid number %q", tok)
}
