package csvio

import "io"

// readWide reads a wide file (M4: one series per row, the id first, then
// the values, shorter series ending in empty fields). It streams the rows
// with encoding/csv, as readTable does; each row becomes one []float64
// right away (wideRow). (Measured on M4 Hourly, 414 rows × 961 columns, before the
// table loader was streamed too: gota's ReadCSV alone, with every column
// left as text, made 359,629 allocations and 30.7 MB per read in 105-180
// ms; this function, parsing every value, 4,255 allocations and 11.6 MB in
// 31-62 ms.)
func (ld *loader) readWide() ([]*rawSeries, error) {
	if len(ld.header) < 2 {
		return nil, perr(ld.file, ld.hline, "", ErrColumn, "a wide file needs an id column and at least one value column")
	}
	idName := ld.header[0]
	var raws []*rawSeries
	seen := make(map[string]int)
	for {
		rec, line, err := ld.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		// The duplicate check comes after the field count and the empty
		// id, which wideRow checks, as the order of the messages was.
		if id := rec[0]; len(rec) <= len(ld.header) && id != "" {
			if prev, ok := seen[id]; ok {
				return nil, perr(ld.file, line, idName, ErrSyntax, "duplicate series id %s (also on line %d)", q(id), prev)
			}
		}
		rs, err := ld.wideRow(rec, line)
		if err != nil {
			return nil, err
		}
		seen[rs.id] = line
		raws = append(raws, rs)
		if err := ld.tick(); err != nil {
			return nil, err
		}
	}
	if len(raws) == 0 {
		return nil, perr(ld.file, ld.hline, "", ErrNoData, "header without data rows")
	}
	return raws, nil
}
