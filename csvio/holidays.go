package csvio

import (
	"context"
	"io"
	"os"
	"strings"

	"github.com/tsforecast/tsforecast/features"
)

// MaxHolidayRows bounds the rows of a file of dates read by
// [ReadHolidays]: far more than a century of daily closing days.
const MaxHolidayRows = 1 << 20

var (
	holidayDateNames = []string{"ds", "date", "day", "holiday_date"}
	holidayNameNames = []string{"name", "holiday", "event"}
)

// ReadHolidays reads a CSV file of dates (public holidays, closing days,
// promotion days) for [forecast.AddCalendar]: a header, then one date per
// row in the column named ds, date, day or holiday_date (else the first
// column), in any of the timestamp formats [Read] detects (the first date
// fixes it) or opt.TimeLayout; a column named name, holiday or event, if
// any, names each date. Only opt's TimeLayout, Comma and limits apply.
// Errors name the file, line and column.
func ReadHolidays(ctx context.Context, r io.Reader, name string, opt *LoadOptions) (*features.Holidays, error) {
	var o LoadOptions
	if opt != nil {
		o = LoadOptions{TimeLayout: opt.TimeLayout, Comma: opt.Comma, MaxFieldBytes: opt.MaxFieldBytes, MaxRecordBytes: opt.MaxRecordBytes}
	}
	ld, err := newLoader(ctx, r, name, &o)
	if err != nil {
		return nil, err
	}
	dateCol := ld.findConventional(holidayDateNames)
	if dateCol < 0 {
		dateCol = 0
	}
	nameCol := ld.findConventional(holidayNameNames, dateCol)
	col := ld.header[dateCol]
	tp := &timeParser{file: ld.file, col: col, layout: o.TimeLayout, user: o.TimeLayout != "", fast: fastLayouts[o.TimeLayout]}
	h := &features.Holidays{}
	for rows := 0; ; rows++ {
		rec, line, err := ld.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if rows == MaxHolidayRows {
			return nil, perr(ld.file, line, "", ErrLimit, "more than %d dates", MaxHolidayRows)
		}
		if rows%ctxEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if len(rec) == 1 && rec[0] == "" {
			continue // a blank line
		}
		if dateCol >= len(rec) {
			return nil, perr(ld.file, line, "", ErrSyntax, "row has %d fields, the header has %d", len(rec), len(ld.header))
		}
		t, err := tp.parse(rec[dateCol], line)
		if err != nil {
			return nil, err
		}
		label := "holiday"
		if nameCol >= 0 && nameCol < len(rec) && rec[nameCol] != "" {
			label = strings.Clone(rec[nameCol])
		}
		h.Add(t, label)
	}
	if h.Len() == 0 {
		return nil, perr(ld.file, ld.hline, "", ErrNoData, "no dates")
	}
	return h, nil
}

// ReadHolidaysFile is [ReadHolidays] on the named file.
func ReadHolidaysFile(ctx context.Context, path string, opt *LoadOptions) (*features.Holidays, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadHolidays(ctx, f, path, opt)
}
