package csvio

import (
	"bufio"
	"errors"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/tsforecast/tsforecast/forecast"
)

// Forecast is the forecast of one series as [WriteForecasts] writes it.
type Forecast struct {
	ID string
	// Times holds the timestamps of the forecast steps, or nil when the
	// series has none (the steps are numbered 1..H then).
	Times []time.Time
	// TimeLayout is the time.Format layout of Times ([TimeLayoutFor]).
	TimeLayout string
	Point      []float64
	Intervals  []forecast.Interval
}

// ErrWideIntervals is returned by [WriteForecasts] for intervals in the
// wide layout, which has no room for them.
var ErrWideIntervals = errors.New("csvio: prediction intervals cannot be written in the wide layout")

// FormatValue formats a forecast value: 10 significant digits, no
// exponent below 1e21 (so spreadsheets and M4 tools read it), no trailing
// zeros. From 1e21 up it uses an exponent, as encoding/json does, rather
// than print up to 309 digits.
func FormatValue(v float64) string {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	if math.Abs(v) >= 1e21 {
		// Not through ParseFloat: rounding values near MaxFloat64 to 10
		// digits overflows to Inf.
		return strconv.FormatFloat(v, 'g', 10, 64)
	}
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 10, 64), 64)
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// TimeLayoutFor returns the layout that prints the timestamps ts of a
// series of frequency f without losing information: dates alone when
// every timestamp is at midnight (year-month when they are also all on the
// 1st of the month for monthly and coarser data), date and time otherwise,
// RFC 3339 when they carry a zone other than UTC, and fractional seconds
// (as many digits as they need, up to nanoseconds: "2006-01-02
// 15:04:05.999999999", or time.RFC3339Nano with a zone) when any
// timestamp has them.
func TimeLayoutFor(f forecast.Freq, ts []time.Time) string {
	midnight, firsts, zoned, frac := true, true, false, false
	for _, t := range ts {
		if t.Location() != time.UTC {
			zoned = true
		}
		if t.Nanosecond() != 0 {
			frac = true
		}
		if t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0 || t.Nanosecond() != 0 {
			midnight = false
		}
		if t.Day() != 1 {
			firsts = false
		}
	}
	switch {
	case zoned && frac:
		return time.RFC3339Nano
	case zoned:
		return time.RFC3339
	case frac:
		return "2006-01-02 15:04:05.999999999"
	case !midnight:
		return "2006-01-02 15:04:05"
	case firsts && (f == forecast.Monthly || f == forecast.Quarterly || f == forecast.Yearly):
		return "2006-01"
	}
	return "2006-01-02"
}

// Writer writes CSV records as encoding/csv's Writer does (fields
// separated by commas, quoted where RFC 4180 needs it, "\n" line ends),
// except for fields that a spreadsheet would run as a formula.
//
// # Formulas
//
// A field that begins with '=', '+', '-', '@', a tab or a carriage
// return and is not a number ("-1", "+2.5e3", "-Inf" are numbers) is
// written as text, as OWASP's "CSV Injection" page advises: prefixed with
// a single quote and enclosed in double quotes, so "=HYPERLINK(...)"
// becomes "'=HYPERLINK(...)". Spreadsheets then show the text and run
// nothing; a program that reads the file back gets the field with the
// quote in front. Every field is written this way: ids, column names and
// anything else a record holds.
type Writer struct {
	w   *bufio.Writer
	err error
}

// NewWriter returns a Writer that writes to w, buffered until Flush.
func NewWriter(w io.Writer) *Writer { return &Writer{w: bufio.NewWriter(w)} }

// Write writes one record. Errors are kept and returned by later calls
// and by Flush.
func (w *Writer) Write(record []string) error {
	if w.err != nil {
		return w.err
	}
	for i, f := range record {
		if i > 0 {
			w.w.WriteByte(',')
		}
		switch {
		case formula(f):
			w.quoted("'" + f)
		case needsQuotes(f):
			w.quoted(f)
		default:
			w.w.WriteString(f)
		}
	}
	_, w.err = w.w.WriteString("\n")
	return w.err
}

// Flush writes the buffered records to the underlying writer.
func (w *Writer) Flush() error {
	if w.err != nil {
		return w.err
	}
	w.err = w.w.Flush()
	return w.err
}

func (w *Writer) quoted(f string) {
	w.w.WriteByte('"')
	w.w.WriteString(strings.ReplaceAll(f, `"`, `""`))
	w.w.WriteByte('"')
}

// formula reports whether a spreadsheet would read f as a formula: it
// begins with one of = + - @ tab CR and is not a plain number.
func formula(f string) bool {
	if f == "" || !strings.ContainsRune("=+-@\t\r", rune(f[0])) {
		return false
	}
	if _, err := strconv.ParseFloat(f, 64); err == nil || errors.Is(err, strconv.ErrRange) {
		return strings.ContainsAny(f, "xX_") // Go's hexadecimal floats and digit separators are no spreadsheet numbers
	}
	return true
}

// needsQuotes reports whether encoding/csv would quote f: it holds a
// comma, quote or line end, begins with a space, or is \. (a line that
// ends a PostgreSQL COPY).
func needsQuotes(f string) bool {
	if f == "" {
		return false
	}
	if f == `\.` || strings.ContainsAny(f, ",\"\r\n") {
		return true
	}
	r, _ := utf8.DecodeRuneInString(f)
	return unicode.IsSpace(r)
}

func levelName(prefix string, l float64) string {
	return prefix + "_" + strconv.FormatFloat(l, 'f', -1, 64)
}

// WriteForecasts writes the forecasts fcs as CSV in the given layout,
// with the default column names; see [Format.WriteForecasts].
func WriteForecasts(w io.Writer, layout Layout, fcs []Forecast) error {
	return (&Format{Layout: layout}).WriteForecasts(w, fcs)
}

// FormatOf returns the format forecasts of ds are written in: its layout
// and, for a long file, its id and time column names (unique_id and ds in
// statsforecast's layout), so that the forecasts join it. Single files
// keep timestamp,forecast and wide files id,1..H.
func FormatOf(ds *Dataset) *Format {
	f := &Format{Layout: ds.Layout}
	if ds.Layout == LayoutLong {
		f.IDColumn, f.TimeColumn = ds.IDColumn, ds.TimeColumn
	}
	return f
}

// WriteForecasts writes the forecasts fcs as CSV in the layout of f, with
// its id and time column names, so that the forecasts join the file they
// were made from. Empty names mean "id", and "timestamp" (or "step" for
// forecasts without timestamps). The layouts are LayoutSingle
// (timestamp,forecast[,lo_80,hi_80,…]), LayoutLong
// (id,timestamp,forecast,…) or LayoutWide (id,1..H, one row per series,
// as the M4 files), with the format's column names. Single and long files
// label each step with its timestamp, or with the step number 1..H (column
// "step") when the input had no timestamps; intervals follow the point
// forecast as lo_L,hi_L pairs. Wide files cannot hold intervals, and
// WriteForecasts returns ErrWideIntervals for them. Every forecast must
// have the same horizon and levels. Fields that a spreadsheet would run as
// formulas (an id "=cmd|…") are written as text ([Writer]).
func (f *Format) WriteForecasts(w io.Writer, fcs []Forecast) error {
	layout := f.Layout
	idCol := f.IDColumn
	if idCol == "" {
		idCol = "id"
	}
	cw := NewWriter(w)
	if len(fcs) == 0 {
		return errors.New("csvio: no forecasts to write")
	}
	h := len(fcs[0].Point)
	timed := fcs[0].Times != nil
	var rec []string
	switch layout {
	case LayoutWide:
		if len(fcs[0].Intervals) > 0 {
			return ErrWideIntervals
		}
		rec = append(rec, idCol)
		for i := 1; i <= h; i++ {
			rec = append(rec, strconv.Itoa(i))
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
		for _, fc := range fcs {
			rec = append(rec[:0], fc.ID)
			for _, v := range fc.Point {
				rec = append(rec, FormatValue(v))
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	default:
		if layout == LayoutLong {
			rec = append(rec, idCol)
		}
		switch {
		case timed && f.TimeColumn != "":
			rec = append(rec, f.TimeColumn)
		case timed:
			rec = append(rec, "timestamp")
		default:
			rec = append(rec, "step")
		}
		rec = append(rec, "forecast")
		for _, b := range fcs[0].Intervals {
			rec = append(rec, levelName("lo", b.Level), levelName("hi", b.Level))
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
		for _, fc := range fcs {
			for i, v := range fc.Point {
				rec = rec[:0]
				if layout == LayoutLong {
					rec = append(rec, fc.ID)
				}
				if fc.Times != nil {
					rec = append(rec, fc.Times[i].Format(fc.TimeLayout))
				} else {
					rec = append(rec, strconv.Itoa(i+1))
				}
				rec = append(rec, FormatValue(v))
				for _, b := range fc.Intervals {
					rec = append(rec, FormatValue(b.Lo[i]), FormatValue(b.Hi[i]))
				}
				if err := cw.Write(rec); err != nil {
					return err
				}
			}
		}
	}
	return cw.Flush()
}
