package eval_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tsforecast/tsforecast/forecast"
)

// sharedData is the shared data directory beside the repository.
var sharedData = filepath.Join("..", "..", "shared", "data")

// loadShared reads a file of the shared data set with the forecast loader,
// skipping the test when the file is absent.
func loadShared(t testing.TB, name string) []*forecast.Series {
	t.Helper()
	path := filepath.Join(sharedData, name)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("shared data %s not available: %v", path, err)
	}
	ds, err := forecast.ReadFile(path, nil)
	if err != nil {
		t.Fatalf("ReadFile(%s): %v", path, err)
	}
	return ds.Series
}
