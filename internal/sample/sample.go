// Package sample gives the tests of every package the data they need:
// small real series kept in the repository (the airline passengers, an
// excerpt of M4 Hourly) and, for the opt-in tests built with the tag
// "shared", the large files of ../shared/data beside the repository.
package sample

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/tsforecast/tsforecast/csvio"
	"github.com/tsforecast/tsforecast/forecast"
)

// root is the repository's top directory.
var root = func() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}()

// Path returns the path of a file given relative to the repository's top
// directory.
func Path(rel string) string { return filepath.Join(root, rel) }

// AirlinePath is the path of the bundled airline-passengers file.
var AirlinePath = Path("examples/data/airline-passengers.csv")

// M4HourlySamplePath is the path of the M4 Hourly excerpt: series H1–H6
// (700 values) and H170–H175 (960 values) of the training file, unchanged.
var M4HourlySamplePath = Path("internal/sample/m4-hourly-sample.csv")

// Airline returns the 144 monthly airline-passengers values (1949-01 to
// 1960-12) of examples/data.
func Airline(tb testing.TB) *forecast.Series {
	tb.Helper()
	return Load(tb, AirlinePath, nil)[0]
}

// M4HourlySample returns the 12 series of the M4 Hourly excerpt, with
// Freq Step as the CLI reads a wide file.
func M4HourlySample(tb testing.TB) []*forecast.Series {
	tb.Helper()
	return Load(tb, M4HourlySamplePath, nil)
}

// Load reads a CSV file with csvio, failing the test on any error.
func Load(tb testing.TB, path string, opt *csvio.LoadOptions) []*forecast.Series {
	tb.Helper()
	ds, err := csvio.ReadFile(path, opt)
	if err != nil {
		tb.Fatalf("ReadFile(%s): %v", path, err)
	}
	return ds.Series
}

// SharedPath returns the path of a file of the shared data directory
// (../shared/data beside the repository, or $TSFORECAST_SHARED_DATA), for
// the opt-in tests built with -tags shared. It fails the test when the
// file is missing: asking for those tests means having the data.
func SharedPath(tb testing.TB, name string) string {
	tb.Helper()
	dir := os.Getenv("TSFORECAST_SHARED_DATA")
	if dir == "" {
		dir = filepath.Join(root, "..", "shared", "data")
	}
	p := filepath.Join(dir, name)
	if _, err := os.Stat(p); err != nil {
		tb.Fatalf("shared data file %s: %v (the tests built with -tags shared need ../shared/data or $TSFORECAST_SHARED_DATA)", name, err)
	}
	return p
}

// Shared reads a file of the shared data directory; see [SharedPath].
func Shared(tb testing.TB, name string, opt *csvio.LoadOptions) []*forecast.Series {
	tb.Helper()
	return Load(tb, SharedPath(tb, name), opt)
}
