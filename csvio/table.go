package csvio

import (
	"io"
	"math"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
)

// readTable reads a single or long file: the records through encoding/csv
// (to know the line of each record and to check its field count, which
// gota's ReadCSV loses in csv.ReadAll), then the columns through gota with
// every type forced, so no stray token can turn a column into strings. A
// float that gota could not parse comes back as NaN; each NaN is traced to
// its field and becomes either a missing value or an error naming the line
// and column.
func (ld *loader) readTable(layout Layout) ([]*rawSeries, error) {
	records := [][]string{ld.header}
	var lines []int
	for {
		rec, line, err := ld.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if len(rec) != len(ld.header) {
			return nil, perr(ld.file, line, "", ErrSyntax, "row has %d fields, the header has %d", len(rec), len(ld.header))
		}
		records = append(records, rec)
		lines = append(lines, line)
	}
	if len(lines) == 0 {
		return nil, perr(ld.file, ld.hline, "", ErrNoData, "header without data rows")
	}
	if err := ld.resolve(layout, records[1]); err != nil {
		return nil, err
	}

	types := make(map[string]series.Type, len(ld.header))
	for _, h := range ld.header {
		types[h] = series.String
	}
	for _, j := range ld.vals {
		types[ld.header[j]] = series.Float
	}
	df := dataframe.LoadRecords(records,
		dataframe.HasHeader(true),
		dataframe.DetectTypes(false),
		dataframe.DefaultType(series.String),
		dataframe.NaNValues(nil),
		dataframe.WithTypes(types))
	if df.Err != nil {
		return nil, perr(ld.file, 0, "", ErrSyntax, "gota: %v", df.Err)
	}
	if r, c := df.Dims(); r != len(lines) || c != len(ld.header) {
		return nil, perr(ld.file, 0, "", ErrSyntax, "gota: read %d×%d, want %d×%d", r, c, len(lines), len(ld.header))
	}
	strCol := func(j int) ([]string, error) {
		if j < 0 {
			return nil, nil
		}
		c := df.Col(ld.header[j])
		if c.Err != nil {
			return nil, perr(ld.file, ld.hline, ld.header[j], ErrColumn, "gota: %v", c.Err)
		}
		return c.Records(), nil
	}
	ids, err := strCol(ld.idCol)
	if err != nil {
		return nil, err
	}
	stamps, err := strCol(ld.timeCol)
	if err != nil {
		return nil, err
	}
	vals := make([][]float64, len(ld.vals))
	for k, j := range ld.vals {
		c := df.Col(ld.header[j])
		if c.Err != nil {
			return nil, perr(ld.file, ld.hline, ld.header[j], ErrColumn, "gota: %v", c.Err)
		}
		if c.Type() != series.Float {
			return nil, perr(ld.file, ld.hline, ld.header[j], ErrColumn, "gota: column type %v, want float", c.Type())
		}
		vals[k] = c.Float()
	}

	// Row-major pass, so that the first error reported is the first in
	// the file.
	var tp *timeParser
	timeName := ""
	if ld.timeCol >= 0 {
		timeName = ld.header[ld.timeCol]
		tp = &timeParser{file: ld.file, col: timeName, layout: ld.opt.TimeLayout, user: ld.opt.TimeLayout != "",
			years: strings.EqualFold(timeName, "year")}
	}
	var raws []*rawSeries
	byID := make(map[string]*rawSeries)
	for i, line := range lines {
		id := ld.header[ld.vals[0]]
		if ids != nil {
			if id = ids[i]; id == "" {
				return nil, perr(ld.file, line, ld.header[ld.idCol], ErrSyntax, "empty series id")
			}
		}
		rs := byID[id]
		if rs == nil {
			rs = &rawSeries{id: id, cols: make([][]float64, len(ld.vals))}
			byID[id] = rs
			raws = append(raws, rs)
		}
		if tp != nil {
			t, err := tp.parse(stamps[i], line)
			if err != nil {
				return nil, err
			}
			if n := len(rs.times); n > 0 && !t.After(rs.times[n-1]) {
				prev := rs.lines[n-1]
				if t.Equal(rs.times[n-1]) {
					return nil, perr(ld.file, line, timeName, ErrOrder, "duplicate timestamp %q%s (also on line %d)", stamps[i], ld.ofSeries(id), prev)
				}
				return nil, perr(ld.file, line, timeName, ErrOrder, "timestamp %q%s is before %q on line %d (timestamps must increase)", stamps[i], ld.ofSeries(id), rs.stamps[n-1], prev)
			}
			rs.times = append(rs.times, t)
			rs.stamps = append(rs.stamps, stamps[i])
		}
		rs.lines = append(rs.lines, line)
		for k, j := range ld.vals {
			v := vals[k][i]
			if math.IsNaN(v) || math.IsInf(v, 0) {
				col := ld.header[j]
				tok := records[i+1][j] // gota keeps only NaN
				if err := ld.classify(tok, line, col); err != nil {
					return nil, err
				}
				v = math.NaN()
				rs.missing = append(rs.missing, MissingValue{Series: id, Line: line, Column: col, Token: tok})
			}
			rs.cols[k] = append(rs.cols[k], v)
		}
	}
	return raws, nil
}

func (ld *loader) ofSeries(id string) string {
	if ld.idCol < 0 {
		return ""
	}
	return " of series " + quote(id)
}

func quote(s string) string { return `"` + s + `"` }
