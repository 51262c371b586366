package csvio

import (
	"io"
	"math"
	"slices"
	"strings"
)

// firstRow reads the first data row of a single or long file and
// resolves the columns of layout with it (the time column's parser
// included), as Read and a RecordReader both start.
func (ld *loader) firstRow(layout Layout) ([]string, int, error) {
	rec, line, err := ld.next()
	if err == io.EOF {
		return nil, 0, perr(ld.file, ld.hline, "", ErrNoData, "header without data rows")
	}
	if err != nil {
		return nil, 0, err
	}
	if len(rec) != len(ld.header) {
		return nil, 0, perr(ld.file, line, "", ErrSyntax, "row has %d fields, the header has %d", len(rec), len(ld.header))
	}
	if err := ld.resolve(layout, rec); err != nil {
		return nil, 0, err
	}
	if ld.timeCol >= 0 {
		name := ld.header[ld.timeCol]
		ld.tp = &timeParser{file: ld.file, col: name, layout: ld.opt.TimeLayout, user: ld.opt.TimeLayout != "",
			years: strings.EqualFold(name, "year"), fast: fastLayouts[ld.opt.TimeLayout]}
	}
	return rec, line, nil
}

// readTable streams a single or long file with encoding/csv: each row is
// parsed as it is read, its values appended to the []float64 and
// []time.Time of its series, so memory holds the numbers and never the
// text. A field that is not a finite number is either a missing value,
// reported with its line and column, or an error naming them.
//
// The rows do not go through gota: a gota frame holds every record as text
// and then boxes every cell, many times the memory of the numbers, and
// finds each column by a linear search of the names, quadratic in the
// columns (bench/bigcsv.sh measures this loader on a 1 GB file).
func (ld *loader) readTable(layout Layout) ([]*rawSeries, error) {
	rec, line, err := ld.firstRow(layout)
	if err != nil {
		return nil, err
	}
	perRow := len(ld.vals)
	if ld.timeCol >= 0 {
		perRow++
	}
	start := ld.cr.InputOffset()

	var raws []*rawSeries
	var byID map[string]*rawSeries
	if ld.idCol >= 0 {
		byID = make(map[string]*rawSeries)
	}
	var cur *rawSeries // the series of the previous row
	presized := false
	for {
		var rs *rawSeries
		if ld.idCol < 0 {
			if cur == nil {
				cur = ld.newSeries(ld.header[ld.vals[0]])
				raws = append(raws, cur)
			}
			rs = cur
		} else {
			id := rec[ld.idCol]
			if id == "" {
				return nil, perr(ld.file, line, ld.header[ld.idCol], ErrSyntax, "empty series id")
			}
			if cur != nil && cur.id == id {
				rs = cur
			} else if rs = byID[id]; rs == nil {
				rs = ld.newSeries(strings.Clone(id))
				byID[rs.id] = rs
				raws = append(raws, rs)
			}
			cur = rs
		}
		if err := ld.count(perRow, line); err != nil {
			return nil, err
		}
		if err := ld.addRow(rs, rec, line); err != nil {
			return nil, err
		}
		if err := ld.tick(); err != nil {
			return nil, err
		}
		if !presized && ld.idCol < 0 && ld.rows == 4096 {
			presized = true
			ld.presize(rs, ld.cr.InputOffset()-start)
		}

		rec, line, err = ld.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if len(rec) != len(ld.header) {
			return nil, perr(ld.file, line, "", ErrSyntax, "row has %d fields, the header has %d", len(rec), len(ld.header))
		}
	}
	return raws, nil
}

func (ld *loader) newSeries(id string) *rawSeries {
	return &rawSeries{id: id, cols: make([][]float64, len(ld.vals))}
}

// addRow appends the timestamp and values of one row to rs.
func (ld *loader) addRow(rs *rawSeries, rec []string, line int) error {
	n := len(rs.cols[0])
	if tp := ld.tp; tp != nil {
		stamp := rec[ld.timeCol]
		t, err := tp.parse(stamp, line)
		if err != nil {
			return err
		}
		if n > 0 && !t.After(rs.times[n-1]) {
			prev := rs.lines.at(n - 1)
			if t.Equal(rs.times[n-1]) {
				return perr(ld.file, line, tp.col, ErrOrder, "duplicate timestamp %s%s (also on line %d)", q(stamp), ld.ofSeries(rs.id), prev)
			}
			return perr(ld.file, line, tp.col, ErrOrder, "timestamp %s%s is before %s on line %d (timestamps must increase)", q(stamp), ld.ofSeries(rs.id), q(rs.prevStamp), prev)
		}
		if n == 0 {
			rs.stamp0 = strings.Clone(stamp)
		}
		rs.times = append(rs.times, t)
		rs.prevStamp = stamp // a substring of this record's own string
	}
	rs.lines.add(n, line)
	for k, j := range ld.vals {
		tok := rec[j]
		v, ok := ld.value(tok)
		if !ok {
			col := ld.header[j]
			if err := ld.classify(tok, line, col); err != nil {
				return err
			}
			v = math.NaN()
			rs.missing = append(rs.missing, MissingValue{Series: rs.id, Line: line, Column: col, Token: strings.Clone(tok)})
		}
		rs.cols[k] = append(rs.cols[k], v)
	}
	return nil
}

// maxPresize bounds the rows presize reserves, so that a huge or sparse
// file cannot make it reserve more memory than the reading would use
// before failing.
const maxPresize = 1 << 26

// presize reserves room for the rows of a single-series file that remain,
// estimated from the bytes read so far (read, for the rows so far) and the
// size of the input, so that its slices do not grow by copying (a copy of
// a 34M-row []time.Time is 0.8 GB of garbage).
func (ld *loader) presize(rs *rawSeries, read int64) {
	if ld.sizeHint <= 0 || read <= 0 {
		return
	}
	n := len(rs.cols[0])
	perRow := float64(read) / float64(n)
	rows := int64(float64(ld.sizeHint)/perRow*1.02) + 1024
	rows = min(rows, maxPresize, ld.maxValues/int64(len(rs.cols)+1))
	if rows <= int64(n) {
		return
	}
	extra := int(rows) - n
	if rs.times != nil {
		rs.times = slices.Grow(rs.times, extra)
	}
	for k := range rs.cols {
		rs.cols[k] = slices.Grow(rs.cols[k], extra)
	}
}

func (ld *loader) ofSeries(id string) string {
	if ld.idCol < 0 {
		return ""
	}
	return " of series " + q(id)
}

// stamp returns timestamp i of rs as written (the first) or as formatted
// in the file's layout (the others, which are not kept as text).
func (ld *loader) stamp(rs *rawSeries, i int) string {
	if i == 0 {
		return rs.stamp0
	}
	return rs.times[i].Format(ld.tp.layout)
}
