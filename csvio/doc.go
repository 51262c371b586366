// Package csvio reads time series from CSV files into [forecast.Series]
// (package forecast holds the types; this package holds the files).
//
// # Layouts
//
// [Read] and [ReadFile] load one CSV file into a [Dataset]. Three layouts
// are understood, detected from the header unless [LoadOptions].Layout
// says otherwise:
//
//   - single: an optional time column and one or more numeric columns, one
//     row per timestamp (airline-passengers.csv, ETTh1.csv). The target is
//     chosen by name; by default it is the only numeric column, or the one
//     named y, value or target, and several numeric columns without one
//     of those names are an error ([ErrTarget]) naming them.
//   - long: an id column, a time column and a value column, many series
//     stacked (unique_id,ds,y as in statsforecast; id/series/item_id,
//     timestamp/date/time, value/target are recognised too).
//
// Other columns of a single or long file are covariates only when
// [LoadOptions].Covariates names them (or AllCovariates asks for all):
// a covariate is used because it was asked for, never by default.
// [Dataset].Unused names the numeric columns left out, and
// [LoadOptions].Ignore keeps text columns out of AllCovariates. Values
// of covariates known in advance over the forecast horizon are read from
// a second file with [ReadFuture].
//   - wide: one series per row, the id first and the values after it,
//     shorter series ending in empty fields, header V1..Vn or v1..vn (the
//     M4 competition files). There are no timestamps, so Freq is Step unless
//     [LoadOptions].Freq names one (M4 Hourly as "hourly", say, so that
//     models find the 24-step season).
//
// Timestamps are parsed in one format per file: "2006-01",
// "2006-01-02", "2006-01-02 15:04:05", RFC 3339 and a few close variants
// are detected from the first timestamp, or [LoadOptions].TimeLayout gives
// a time.Parse layout. The frequency (minutely to yearly) is inferred from
// the smallest spacing and every timestamp must lie on its calendar grid;
// month-end series (Jan 31, Feb 29, Mar 31) are on the monthly grid.
//
// # Gaps and missing values
//
// A gap is a run of timestamps missing from the grid (daily data without
// 1984-12-31); a missing value is an empty, NA, NaN or ±Inf field. Both
// are listed in [Dataset].Report. Under the default policy MissingError
// either one is an error that names the line and lists the first gaps;
// MissingInterpolate and MissingFFill insert the missing timestamps and
// fill the values, and the report says what was filled. A tool that only
// inspects a file (tsforecast inspect) reads it with MissingInterpolate
// and prints the report. Gaps may add at most n+1000 values to a series of
// n observations: a mistyped year is an error, not decades of made-up
// values.
//
// # Text
//
// A file is UTF-8 (with or without a byte order mark) or UTF-16 with a
// byte order mark, with LF, CRLF or CR-only line ends. The delimiter is ','
// unless [LoadOptions].Comma says otherwise; a header of one field holding
// ';' or a tab is an error that names the likely delimiter. With
// [LoadOptions].DecimalComma numbers are written "1,5" (and the default
// delimiter is ';'). A NUL byte is an error ([ErrEncoding]): the input is
// binary, or UTF-16 without a byte order mark.
//
// # Memory and limits
//
// Every layout is streamed with encoding/csv: each row is parsed as it is
// read into the []float64 and []time.Time of its series, so a load holds
// the numbers (8 bytes per value, 24 per timestamp) and never the text.
// A field longer than [LoadOptions].MaxFieldBytes (1 MiB), a record longer
// than MaxRecordBytes (64 MiB) or more than MaxValues values in the file
// (2^27) is an error ([ErrLimit]) raised as soon as it is read, so input
// without line ends (/dev/zero) or without end (yes 1) cannot exhaust
// memory. [ReadContext] and [ReadFileContext] stop when their context is
// done, checking it every few thousand rows.
//
// # Invariants
//
// Every series a loader returns has finite values and covariates, and
// strictly increasing timestamps (or none), aligned with the values;
// [forecast.Series.Validate] checks the same for series built by hand.
// Loading never turns a stray token into a NaN or a column into text: each
// field is parsed with strconv, and one that is not a finite number is
// either a reported missing value or an error naming its line and column.
//
// # Errors
//
// Bad data never panics. It returns a [*ParseError] whose message names
// the file, the line as an editor shows it (the header is line 1) and the
// column:
//
//	airline.csv:3: column "Passengers": invalid number "12x"
//
// It wraps a sentinel ([ErrSyntax], [ErrOrder], [ErrMissing], ...,
// [forecast.ErrTooShort]) for errors.Is. Tokens echoed in a message are
// cut to 40 characters and "…", so a message stays one short line
// whatever the file holds. An unterminated quoted field is reported on
// the line where its quote opens. Panics are kept for programmer errors,
// such as an undefined [Layout] value, and their messages start with
// "csvio:".
package csvio
