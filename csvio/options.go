package csvio

import (
	"fmt"
	"math"
	"strings"
)

// Layout is the shape of a CSV file.
type Layout int

// Layouts understood by [Read].
const (
	// LayoutAuto detects the layout from the header: V1..Vn is wide, a
	// recognised id column (or LoadOptions.IDColumn) is long, anything else
	// is single.
	LayoutAuto Layout = iota
	// LayoutSingle is one series: an optional time column and one or more
	// numeric columns, one row per timestamp.
	LayoutSingle
	// LayoutLong is many series stacked: id, timestamp and value columns,
	// one row per observation (the statsforecast unique_id,ds,y layout).
	LayoutLong
	// LayoutWide is one series per row: the id first, then the values, with
	// shorter rows ending in empty fields (the M4 competition files).
	LayoutWide
)

var layoutNames = [...]string{"auto", "single", "long", "wide"}

// String returns the lowercase name of l.
func (l Layout) String() string {
	if l < 0 || int(l) >= len(layoutNames) {
		return fmt.Sprintf("Layout(%d)", int(l))
	}
	return layoutNames[l]
}

// ParseLayout returns the Layout named s (as printed by [Layout.String],
// case-insensitive). The empty string is LayoutAuto.
func ParseLayout(s string) (Layout, error) {
	if s == "" {
		return LayoutAuto, nil
	}
	for i, n := range layoutNames {
		if strings.EqualFold(n, s) {
			return Layout(i), nil
		}
	}
	return 0, fmt.Errorf("csvio: unknown layout %q (want auto, single, long or wide)", s)
}

// MissingPolicy says what the loader does with gaps (timestamps missing
// from the regular grid of the inferred frequency) and missing values
// (empty fields, NA, NaN, ±Inf).
type MissingPolicy int

// Missing-value policies.
const (
	// MissingError fails on the first gap or missing value; the error
	// names the line and column and lists the first gaps. This is the
	// default, so no value is ever made up unless the caller asks.
	MissingError MissingPolicy = iota
	// MissingInterpolate inserts the missing timestamps and fills every
	// missing value linearly between its observed neighbours (in steps of
	// the frequency). Values before the first or after the last
	// observation of a column take the nearest observed value.
	// Gaps may add at most n+1000 values to a series of n observations.
	MissingInterpolate
	// MissingFFill inserts the missing timestamps and carries the last
	// observed value forward. Values before the first observation take
	// the first observed value.
	MissingFFill
)

var missingNames = [...]string{"error", "interpolate", "ffill"}

// String returns the lowercase name of p.
func (p MissingPolicy) String() string {
	if p < 0 || int(p) >= len(missingNames) {
		return fmt.Sprintf("MissingPolicy(%d)", int(p))
	}
	return missingNames[p]
}

// ParseMissingPolicy returns the policy named s (as printed by
// [MissingPolicy.String], case-insensitive). The empty string is
// MissingError.
func ParseMissingPolicy(s string) (MissingPolicy, error) {
	if s == "" {
		return MissingError, nil
	}
	for i, n := range missingNames {
		if strings.EqualFold(n, s) {
			return MissingPolicy(i), nil
		}
	}
	return 0, fmt.Errorf("csvio: unknown missing-value policy %q (want error, interpolate or ffill)", s)
}

// LoadOptions configures [Read] and [ReadFile]. The zero value, and a nil
// *LoadOptions, detect everything: the layout, the columns by their
// conventional names, the timestamp format and the frequency, and fail on
// gaps and missing values. Read never modifies the options. A wide file has
// no named target, time or value columns, so only Layout, Missing, Freq,
// Comma, DecimalComma, MinLength and the limits apply to it.
type LoadOptions struct {
	// Layout forces a layout. Default LayoutAuto.
	Layout Layout

	// Target names the target column of a single-series file. Default:
	// the only column whose first value is a number (or missing), other
	// than the time column and those ignored; when there are several,
	// the first of y, value, target (case-insensitive), and failing that
	// an error wrapping ErrTarget that names them. In a long file it is a
	// synonym for ValueColumn when that is empty.
	Target string

	// IDColumn names the series id column of a long file. Default: the
	// first of unique_id, id, series_id, series, item_id (case-insensitive).
	// Setting it implies LayoutLong under LayoutAuto.
	IDColumn string

	// TimeColumn names the timestamp column. Default: the first of ds,
	// timestamp, date, time, datetime, month, year (case-insensitive); in a
	// single-series file, failing that, the first column if its first
	// value parses as a timestamp. A file without a time column loads
	// with Times nil and Freq Step.
	TimeColumn string

	// ValueColumn names the value column of a long file. Default: Target,
	// then the first of y, value, target (case-insensitive), then the first
	// column that is neither the id nor the time column.
	ValueColumn string

	// FirstTarget takes the first numeric column as the target when
	// Target is empty and several qualify, instead of failing with
	// ErrTarget: a view of a file for describing it, not for
	// forecasting a column nobody chose.
	FirstTarget bool

	// Covariates names the covariate columns to read beside the target;
	// AllCovariates reads every column that is not the target, the id,
	// the time column or ignored. By default a file's other columns are
	// not read (Dataset.Unused names the numeric ones), so a covariate is
	// used only where it was asked for. Every column read must be numeric.
	Covariates    []string
	AllCovariates bool

	// Ignore names columns not to read at all (text columns, say), which
	// also keeps them out of AllCovariates and of the choice of target.
	Ignore []string

	// TimeLayout is a time.Parse layout for the timestamps. Default: the
	// first of "2006-01-02 15:04:05", RFC 3339, "2006-01-02T15:04:05",
	// "2006-01-02 15:04", "2006-01-02 15:04:05Z07:00", "2006-01-02" and
	// "2006-01" that parses the first timestamp (and "2006" in a column
	// named year). Every timestamp of a file must then have that format.
	// Timestamps without a zone are UTC. Fractional seconds
	// ("2020-01-01 00:00:00.250") are kept with any layout that has
	// seconds, as time.Parse keeps them.
	TimeLayout string

	// Missing is the gap and missing-value policy. Default MissingError.
	Missing MissingPolicy

	// Freq, when not empty, names the frequency (as [ParseFreq] accepts)
	// instead of inferring it. Timestamps must then lie on that frequency's
	// grid. "step" keeps the timestamps (strictly increasing) without a
	// calendar grid, which admits any spacing (15-minute data, say) but
	// finds no gaps. In a wide file it sets Series.Freq (for its seasonal
	// period) although the file has no timestamps.
	Freq string

	// Comma is the field delimiter. Default ',', or ';' with DecimalComma.
	// It must be a valid rune other than '"', '\r', '\n' and the Unicode
	// replacement character. When Comma is zero and the header has a
	// single field holding ';' or a tab, the error says so, since the
	// file is most likely separated by that character.
	Comma rune

	// DecimalComma reads numbers written with a decimal comma ("1,5" is
	// 1.5), as spreadsheets in many locales export them. A number holding
	// a '.' is then an error, since it could be a thousands separator.
	// The delimiter must not be ','. Default false.
	DecimalComma bool

	// MinLength, when positive, is the least number of values each series
	// must have after filling (a model's window plus horizon, say).
	MinLength int

	// MaxFieldBytes caps the length of one field, quotes included, so that
	// a stray quote or a file without line ends (/dev/zero) fails at once
	// with an error naming the line instead of filling memory. Default
	// 1 MiB (DefaultMaxFieldBytes); negative means no limit.
	MaxFieldBytes int

	// MaxRecordBytes caps the length of one record (one row, over several
	// lines if a quoted field spans them). Default 64 MiB
	// (DefaultMaxRecordBytes); negative means no limit.
	MaxRecordBytes int

	// MaxValues caps the number of values a file may hold: every field
	// read as a number, plus one per timestamp, over all rows. It bounds
	// the memory of a load (8 bytes per value and 24 per timestamp, up to
	// twice that while slices grow) when the input never ends
	// (yes 1 | tsforecast inspect --input -). Default 1<<27 = 134,217,728
	// (DefaultMaxValues): 67M rows of a timestamp and a value, twice the
	// 1 GB file of bench/bigcsv.sh. Negative means no limit.
	MaxValues int64

	// anyTarget, set by ReadFuture, takes the first value column as the
	// target and every other one as a covariate, without ErrTarget.
	anyTarget bool
}

// Default limits of [LoadOptions].
const (
	DefaultMaxFieldBytes  = 1 << 20
	DefaultMaxRecordBytes = 64 << 20
	DefaultMaxValues      = 1 << 27
)

// limit returns v, or def when v is 0, or no limit (max int64) when v is
// negative.
func limit[T int | int64](v, def T) int64 {
	switch {
	case v == 0:
		return int64(def)
	case v < 0:
		return math.MaxInt64
	}
	return int64(v)
}
