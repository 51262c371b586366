package csvio

import (
	"bufio"
	"cmp"
	"context"
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
	"unicode/utf8"

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
	// TimeLayout is the time.Parse layout of the timestamps (detected, or
	// LoadOptions.TimeLayout), or empty without a time column.
	TimeLayout string
	// Series holds the series in the order of their first appearance.
	Series []*forecast.Series
	// Unused names the numeric columns of a single or long file that were
	// not read: neither the target nor a covariate named in LoadOptions.
	Unused []string
	// Columns lists the columns of a single or long file in file order,
	// with the role each took.
	Columns []Column
	// FirstTarget reports that LoadOptions.FirstTarget chose the target:
	// the file has several numeric columns and none was named.
	FirstTarget bool
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
	return ReadFileContext(context.Background(), path, opt)
}

// ReadFileContext is [ReadFile] under a context; see [ReadContext].
func ReadFileContext(ctx context.Context, path string, opt *LoadOptions) (*Dataset, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadContext(ctx, f, path, opt)
}

// Read reads one CSV file from r. The name is used in error messages (pass
// "stdin" for standard input). A nil opt means the zero LoadOptions.
//
// The input may have CRLF, LF or CR-only line endings, a UTF-8 byte order
// mark or be UTF-16 with a byte order mark, quoted fields, and no final
// newline. Fields are trimmed of surrounding spaces. Data problems are
// returned as a [*ParseError] that names the file, line and column and
// wraps one of the Err sentinels. Every returned series satisfies the
// invariants of [forecast.Series].
//
// The file is streamed: memory grows with the values read (8 bytes per
// value and 24 per timestamp, plus the slack of growing slices), not with
// the text, and the limits of [LoadOptions] (MaxFieldBytes,
// MaxRecordBytes, MaxValues) bound it for input that never ends.
//
// It panics if opt.Layout or opt.Missing is not one of the defined
// constants.
func Read(r io.Reader, name string, opt *LoadOptions) (*Dataset, error) {
	return ReadContext(context.Background(), r, name, opt)
}

// ctxEvery is the number of rows read between checks of the context.
const ctxEvery = 4096

// ReadContext is [Read] under a context: it checks ctx every few thousand
// rows (and in the long loops after reading) and returns ctx.Err() once
// ctx is done. A read that blocks in r (a terminal, a pipe) returns only
// when r does.
func ReadContext(ctx context.Context, r io.Reader, name string, opt *LoadOptions) (*Dataset, error) {
	if opt == nil {
		opt = &LoadOptions{}
	}
	ld, err := openLoader(ctx, r, name, opt)
	if err != nil {
		return nil, err
	}
	name = ld.file

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
	ds := &Dataset{Name: name, Layout: layout, Unused: ld.unused, Columns: ld.columns, FirstTarget: ld.firstTarget}
	if layout == LayoutWide {
		ds.IDColumn = ld.header[0]
	}
	if ld.idCol >= 0 {
		ds.IDColumn = ld.header[ld.idCol]
	}
	if ld.timeCol >= 0 {
		ds.TimeColumn = ld.header[ld.timeCol]
		if ld.tp != nil {
			ds.TimeLayout = ld.tp.layout
		}
	}
	if err := ld.finish(ds, raws); err != nil {
		return nil, err
	}
	return ds, nil
}

// newLoader prepares to read r, and reads its header.
// openLoader checks the options (panicking on undefined values, as Read
// documents) and returns a loader past the header of r, whose delimiter
// it has checked: the start of Read and of a RecordReader.
func openLoader(ctx context.Context, r io.Reader, name string, opt *LoadOptions) (*loader, error) {
	if opt.Layout < LayoutAuto || opt.Layout > LayoutWide {
		panic("csvio: unknown layout")
	}
	if opt.Missing < MissingError || opt.Missing > MissingFFill {
		panic("csvio: unknown missing-value policy")
	}
	ld, err := newLoader(ctx, r, name, opt)
	if err != nil {
		return nil, err
	}
	if err := ld.checkDelimiter(); err != nil {
		return nil, err
	}
	return ld, nil
}

func newLoader(ctx context.Context, r io.Reader, name string, opt *LoadOptions) (*loader, error) {
	if name == "" {
		name = "input"
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ld := &loader{ctx: ctx, file: name, opt: opt, idCol: -1, timeCol: -1,
		maxValues: limit(opt.MaxValues, DefaultMaxValues), sizeHint: sizeHint(r)}
	if opt.Freq != "" {
		f, err := forecast.ParseFreq(strings.ToLower(opt.Freq))
		if err != nil {
			return nil, err
		}
		ld.freq, ld.freqSet = f, true
	}
	comma := opt.Comma
	if comma == 0 {
		comma = ','
		if opt.DecimalComma {
			comma = ';'
		}
	}
	if opt.DecimalComma && comma == ',' {
		return nil, errors.New("csvio: DecimalComma needs a delimiter other than ','")
	}
	if !validDelim(comma) {
		return nil, fmt.Errorf("csvio: invalid delimiter %q", comma)
	}
	ld.in = newInput(r, ld.sizeHint, name, comma, limit(opt.MaxFieldBytes, DefaultMaxFieldBytes), limit(opt.MaxRecordBytes, DefaultMaxRecordBytes))
	// encoding/csv adds a 4 KiB buffer of its own to a smaller one.
	cr := csv.NewReader(bufio.NewReaderSize(ld.in, bufSize(ld.sizeHint, 4096)))
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
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
	return ld, nil
}

// validDelim reports whether r can separate fields, as encoding/csv
// requires.
func validDelim(r rune) bool {
	return r != 0 && r != '"' && r != '\r' && r != '\n' && utf8.ValidRune(r) && r != utf8.RuneError
}

// sizeHint returns the number of bytes left in r when r can tell (a
// regular file, a bytes or strings reader), or 0.
func sizeHint(r io.Reader) int64 {
	switch r := r.(type) {
	case interface{ Len() int }:
		return int64(r.Len())
	case *os.File:
		fi, err := r.Stat()
		if err != nil || !fi.Mode().IsRegular() {
			return 0
		}
		off, err := r.Seek(0, io.SeekCurrent)
		if err != nil || off > fi.Size() {
			return 0
		}
		return fi.Size() - off
	}
	return 0
}

// checkDelimiter fails on a header of one field that holds ';' or a tab
// when the delimiter was left to its default: the file is most likely
// separated by that character, and every row would otherwise be one field
// ("invalid number "1949-01;112"").
func (ld *loader) checkDelimiter() error {
	if ld.opt.Comma != 0 || ld.opt.DecimalComma || len(ld.header) != 1 {
		return nil
	}
	h := ld.header[0]
	for _, d := range []struct {
		r             rune
		has, sep, set string
	}{{';', "';'", "';'", "';'"}, {'\t', "tabs", "tab", `'\t'`}} {
		if strings.ContainsRune(h, d.r) {
			return perr(ld.file, ld.hline, "", ErrSyntax, "the header %s has no ',' but has %s: the file looks %s-separated; set Comma to %s",
				q(h), d.has, d.sep, d.set)
		}
	}
	return nil
}

// Conventional column names, compared case-insensitively.
var (
	idNames    = []string{"unique_id", "id", "series_id", "series", "item_id"}
	timeNames  = []string{"ds", "timestamp", "date", "time", "datetime", "month", "year"}
	valueNames = []string{"y", "value", "target"}
)

// loader holds the state of one Read.
type loader struct {
	ctx     context.Context
	file    string
	opt     *LoadOptions
	in      *input
	cr      *csv.Reader
	header  []string
	byName  map[string]int // header name to column
	hline   int            // line of the header: 1 unless blank lines precede it
	freq    forecast.Freq
	freqSet bool
	tp      *timeParser // nil without a time column

	// unused lists the numeric value columns left unread; columns the
	// role of every column.
	unused      []string
	columns     []Column
	firstTarget bool
	// Column roles, -1 when absent; vals[0] is the target.
	timeCol, idCol int
	vals           []int

	rows      int   // data rows read
	values    int64 // values and timestamps read, against maxValues
	maxValues int64
	sizeHint  int64 // bytes left in the input after the header, or 0
}

// rawSeries is one series as read, before the grid checks and filling.
type rawSeries struct {
	id        string
	lines     lineRuns    // line of each observation
	stamp0    string      // first timestamp as written
	prevStamp string      // last timestamp as written
	times     []time.Time // parsed timestamps, nil without a time column
	cols      [][]float64 // target first, then covariates; NaN marks missing
	missing   []MissingValue
}

// lineRuns maps the observations 0, 1, 2, ... of a series to their lines,
// stored as the start of each run of consecutive lines, so that a file of
// millions of rows costs a few entries rather than one int per row.
type lineRuns []struct{ obs, line int }

// add records that observation i (the next one) is on line.
func (r *lineRuns) add(i, line int) {
	if n := len(*r); n > 0 {
		if last := (*r)[n-1]; last.line+i-last.obs == line {
			return
		}
	}
	*r = append(*r, struct{ obs, line int }{i, line})
}

// at returns the line of observation i.
func (r lineRuns) at(i int) int {
	k, _ := slices.BinarySearchFunc(r, i, func(e struct{ obs, line int }, i int) int { return cmp.Compare(e.obs, i) })
	if k == len(r) || r[k].obs > i {
		k--
	}
	return r[k].line + i - r[k].obs
}

// next reads one record, trims its fields and returns it with its line.
// The record is reused by the next call; its strings are not.
func (ld *loader) next() ([]string, int, error) {
	rec, err := ld.cr.Read()
	if err == io.EOF {
		return nil, 0, err
	}
	if err != nil {
		var pe *ParseError
		if errors.As(err, &pe) {
			return nil, 0, pe // a limit or encoding error of the input
		}
		var ce *csv.ParseError
		if errors.As(err, &ce) {
			if errors.Is(ce.Err, csv.ErrQuote) {
				if line, ok := ld.in.unterminated(); ok && ce.StartLine <= line && line <= ce.Line {
					return nil, 0, perr(ld.file, line, "", ErrSyntax, "%v: the quote that opens on this line is never closed", ce.Err)
				}
			}
			return nil, 0, perr(ld.file, ce.Line, "", ErrSyntax, "%v (byte %d of the line)", ce.Err, ce.Column)
		}
		return nil, 0, &ParseError{File: ld.file, Msg: err.Error(), Err: err}
	}
	line, _ := ld.cr.FieldPos(0)
	for i, f := range rec {
		rec[i] = strings.TrimSpace(f)
	}
	return rec, line, nil
}

func (ld *loader) setHeader(rec []string) error {
	h := slices.Clone(rec)
	ld.byName = make(map[string]int, len(h))
	for i, n := range h {
		if n == "" {
			// pandas writes an unnamed index column this way.
			n = "column" + strconv.Itoa(i+1)
			h[i] = n
		}
		if _, dup := ld.byName[n]; dup {
			return perr(ld.file, ld.hline, n, ErrColumn, "duplicate column name")
		}
		ld.byName[n] = i
	}
	ld.header = h
	return nil
}

// find returns the index of the column named name, or -1.
func (ld *loader) find(name string) int {
	if j, ok := ld.byName[name]; ok {
		return j
	}
	return -1
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

// isVHeader reports whether h is V1, V2, ..., Vn with n ≥ 2 (M4 files),
// in either case.
func isVHeader(h []string) bool {
	if len(h) < 2 {
		return false
	}
	for i, n := range h {
		if len(n) < 2 || (n[0] != 'V' && n[0] != 'v') || n[1:] != strconv.Itoa(i+1) {
			return false
		}
	}
	return true
}

// count adds k values to the tally of the file and fails beyond
// MaxValues.
func (ld *loader) count(k int, line int) error {
	ld.values += int64(k)
	if ld.values > ld.maxValues {
		return perr(ld.file, line, "", ErrLimit, "the file holds more than %d values; set MaxValues to read it", ld.maxValues)
	}
	return nil
}

// tick counts a data row and checks the context every ctxEvery rows.
func (ld *loader) tick() error {
	ld.rows++
	if ld.rows%ctxEvery == 0 {
		return ld.ctx.Err()
	}
	return nil
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
		out = append(out, q(x))
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

	ignored := make([]bool, len(ld.header))
	for _, c := range o.Ignore {
		j := ld.find(c)
		if j < 0 {
			return ld.unknown("ignored", c)
		}
		ignored[j] = true
	}
	roleCol := func(j int) bool { return j == ld.idCol || j == ld.timeCol }
	// The value columns: neither a role nor ignored; numeric ones look like
	// a number (or a missing value) on the first data row.
	var cands, numeric []int
	for j := range ld.header {
		if !roleCol(j) && !ignored[j] {
			cands = append(cands, j)
			if j < len(first) && looksNumeric(first[j], o.DecimalComma) {
				numeric = append(numeric, j)
			}
		}
	}

	target := -1
	name := o.Target
	if layout == LayoutLong && o.ValueColumn != "" {
		name = o.ValueColumn
	}
	switch {
	case name != "":
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
	case o.anyTarget && len(cands) > 0:
		target = cands[0]
	case layout == LayoutLong:
		if target = ld.findConventional(valueNames, ld.idCol, ld.timeCol); target < 0 && len(cands) > 0 {
			target = cands[0]
		}
	case len(numeric) == 1:
		target = numeric[0]
	case len(numeric) > 1:
		if target = ld.findConventional(valueNames, ld.idCol, ld.timeCol); o.FirstTarget && (target < 0 || ignored[target]) {
			target, ld.firstTarget = numeric[0], true
		} else if target < 0 || ignored[target] {
			return perr(ld.file, ld.hline, "", ErrTarget, "%d numeric columns (%s) and none named as the target; set Target", len(numeric), strings.Join(quoteAll(names(ld.header, numeric), 12), ", "))
		}
	case len(cands) > 0:
		target = cands[0] // not numeric: its first value's error says so
	}
	if target < 0 {
		return perr(ld.file, ld.hline, "", ErrColumn, "no value column (the header has %s)", strings.Join(quoteAll(ld.header, 12), ", "))
	}

	vals := []int{target}
	read := make([]bool, len(ld.header))
	read[target] = true
	add := func(j int) {
		if !read[j] {
			read[j] = true
			vals = append(vals, j)
		}
	}
	if o.AllCovariates || o.anyTarget {
		for _, j := range cands {
			add(j)
		}
	}
	for _, c := range o.Covariates {
		j := ld.find(c)
		if j < 0 {
			return ld.unknown("covariate", c)
		}
		if roleCol(j) {
			return perr(ld.file, ld.hline, c, ErrColumn, "named as a covariate but it is the id or time column")
		}
		if ignored[j] {
			return perr(ld.file, ld.hline, c, ErrColumn, "named both as a covariate and as ignored")
		}
		add(j)
	}
	ld.vals = vals
	ld.unused = ld.unused[:0]
	for _, j := range numeric {
		if !read[j] {
			ld.unused = append(ld.unused, ld.header[j])
		}
	}
	isNumeric := make([]bool, len(ld.header))
	for _, j := range numeric {
		isNumeric[j] = true
	}
	ld.columns = make([]Column, len(ld.header))
	for j, name := range ld.header {
		role := RoleText
		switch {
		case j == ld.idCol:
			role = RoleID
		case j == ld.timeCol:
			role = RoleTime
		case j == target:
			role = RoleTarget
		case read[j]:
			role = RoleCovariate
		case ignored[j]:
			role = RoleIgnored
		case isNumeric[j]:
			role = RoleUnused
		}
		ld.columns[j] = Column{Name: name, Role: role}
	}
	return nil
}

// Column is a column of a single or long file and the role it took.
type Column struct {
	Name string
	Role Role
}

// Role is the part a column plays in a [Dataset].
type Role int

// Roles of columns.
const (
	RoleTarget    Role = iota // the target (the value column of a long file)
	RoleTime                  // the timestamps
	RoleID                    // the series id of a long file
	RoleCovariate             // read as a covariate
	RoleUnused                // numeric, not read (LoadOptions.Covariates does not name it)
	RoleText                  // not numeric, not read
	RoleIgnored               // named in LoadOptions.Ignore
)

var roleNames = [...]string{"target", "time", "id", "covariate", "unused", "text", "ignored"}

// String returns the lowercase name of r.
func (r Role) String() string {
	if r < 0 || int(r) >= len(roleNames) {
		return fmt.Sprintf("Role(%d)", int(r))
	}
	return roleNames[r]
}

// looksNumeric reports whether a field of the first data row makes its
// column a candidate value column: a number or a missing value.
func looksNumeric(f string, decimalComma bool) bool {
	f = strings.TrimSpace(f)
	if isMissingToken(f) {
		return true
	}
	if decimalComma {
		f = strings.Replace(f, ",", ".", 1)
	}
	_, err := strconv.ParseFloat(f, 64)
	return err == nil
}

// names returns the header names of the columns cols.
func names(header []string, cols []int) []string {
	out := make([]string, len(cols))
	for i, j := range cols {
		out[i] = header[j]
	}
	return out
}

// isMissingToken reports whether a field denotes a missing value.
func isMissingToken(s string) bool {
	switch strings.ToLower(s) {
	case "", "na", "n/a", "nan", "null", "none":
		return true
	}
	return false
}

// errDot is the error of number for a '.' under DecimalComma.
var errDot = errors.New("csvio: '.' in a number under DecimalComma")

// number parses a numeric field, with a decimal comma under DecimalComma.
func (ld *loader) number(tok string) (float64, error) {
	if ld.opt.DecimalComma {
		if strings.IndexByte(tok, '.') >= 0 {
			return 0, errDot
		}
		if strings.IndexByte(tok, ',') >= 0 {
			tok = strings.Replace(tok, ",", ".", 1)
		}
	}
	return strconv.ParseFloat(tok, 64)
}

// value parses a numeric field and reports whether it is a finite number.
func (ld *loader) value(tok string) (float64, bool) {
	v, err := ld.number(tok)
	return v, err == nil && !math.IsInf(v, 0) && !math.IsNaN(v)
}

// classify interprets a numeric field that did not yield a finite number:
// it reports whether the field is a missing value, or returns the error for
// an invalid number.
func (ld *loader) classify(tok string, line int, col string) error {
	if isMissingToken(tok) {
		return nil
	}
	v, err := ld.number(tok)
	if err == nil && (math.IsInf(v, 0) || math.IsNaN(v)) {
		return nil // "Inf", "-Infinity": treated as missing
	}
	switch {
	case errors.Is(err, strconv.ErrRange):
		return perr(ld.file, line, col, ErrSyntax, "number %s out of range", q(tok))
	case err == errDot:
		return perr(ld.file, line, col, ErrSyntax, "invalid number %s: with DecimalComma a '.' is not allowed (a thousands separator?)", q(tok))
	}
	hint := ""
	if !ld.opt.DecimalComma && strings.Count(tok, ",") == 1 {
		if _, err := strconv.ParseFloat(strings.Replace(tok, ",", ".", 1), 64); err == nil {
			hint = " (a decimal comma? set DecimalComma)"
		}
	}
	return perr(ld.file, line, col, ErrSyntax, "invalid number %s%s", q(tok), hint)
}
