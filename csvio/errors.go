package csvio

import (
	"errors"
	"fmt"
	"strconv"
)

// Sentinel errors. A [ParseError] wraps one of them where one applies, so
// callers can test the kind of failure with errors.Is; a series shorter
// than [LoadOptions].MinLength wraps [forecast.ErrTooShort].
var (
	// ErrNoData: an empty file, a header without data rows, a series or
	// column without any value.
	ErrNoData = errors.New("csvio: no data")
	// ErrColumn: an unknown, duplicate or missing column.
	ErrColumn = errors.New("csvio: bad column")
	// ErrTarget: several numeric columns and no target named.
	ErrTarget = errors.New("csvio: target column not named")
	// ErrSyntax: a field that is not a number or timestamp, a row with the
	// wrong number of fields, malformed CSV quoting.
	ErrSyntax = errors.New("csvio: syntax error")
	// ErrOrder: a duplicate timestamp or timestamps out of order.
	ErrOrder = errors.New("csvio: timestamps not increasing")
	// ErrIrregular: timestamps that fit no supported frequency, or lie off
	// the grid of the inferred or given frequency.
	ErrIrregular = errors.New("csvio: irregular timestamps")
	// ErrMissing: gaps or missing values under MissingError.
	ErrMissing = errors.New("csvio: gaps or missing values")
	// ErrEncoding: input that is not UTF-8 text (NUL bytes, binary data,
	// UTF-16 without a byte order mark).
	ErrEncoding = errors.New("csvio: not UTF-8 text")
	// ErrLimit: a field, record or file beyond the limits of
	// [LoadOptions] (MaxFieldBytes, MaxRecordBytes, MaxValues).
	ErrLimit = errors.New("csvio: input too large")
)

// ParseError reports a problem with the data of a file. Its message reads
//
//	airline.csv:3: column "Passengers": invalid number "12x"
//
// with the parts that do not apply left out.
type ParseError struct {
	// File is the name given to Read, or the path given to ReadFile.
	File string
	// Line is the 1-based line as an editor shows it (the header is line
	// 1), or 0 when the problem concerns no particular line.
	Line int
	// Column is the header name of the column at fault, or empty.
	Column string
	// Msg describes the problem.
	Msg string
	// Err is the sentinel (ErrSyntax, ErrOrder, ...) or the underlying
	// I/O error, if any.
	Err error
}

func (e *ParseError) Error() string {
	b := make([]byte, 0, 64+len(e.Msg))
	b = append(b, e.File...)
	if e.Line > 0 {
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(e.Line), 10)
	}
	b = append(b, ": "...)
	if e.Column != "" {
		b = append(b, "column "...)
		b = strconv.AppendQuote(b, clip(e.Column))
		b = append(b, ": "...)
	}
	b = append(b, e.Msg...)
	return string(b)
}

// Unwrap returns e.Err.
func (e *ParseError) Unwrap() error { return e.Err }

// maxEcho is the number of characters of a token that error messages
// show; longer tokens are cut and end in "…".
const maxEcho = 40

// clip returns s, or its first maxEcho characters and "…" when it is
// longer, so that a message never echoes a huge field.
func clip(s string) string {
	if len(s) <= maxEcho {
		return s
	}
	n := 0
	for i := range s {
		if n == maxEcho {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// q quotes a token of the input for a message, clipped.
func q(s string) string { return strconv.Quote(clip(s)) }

func perr(file string, line int, col string, kind error, format string, args ...any) *ParseError {
	return &ParseError{File: file, Line: line, Column: col, Msg: fmt.Sprintf(format, args...), Err: kind}
}
