package features_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// dataFile returns the path of a data file of the tests: the bundled
// airline passengers, or a file of testdata (see testdata/SOURCES.md).
func dataFile(name string) string {
	if name == "airline-passengers.csv" {
		return filepath.Join("..", "examples", "data", name)
	}
	return filepath.Join("testdata", name)
}

// readColumn reads the numeric column col (0-based) of a headed CSV file
// (see dataFile).
func readColumn(t testing.TB, name string, col int) []float64 {
	t.Helper()
	recs := readCSV(t, name)
	out := make([]float64, 0, len(recs)-1)
	for i, r := range recs[1:] {
		v, err := strconv.ParseFloat(r[col], 64)
		if err != nil {
			t.Fatalf("%s line %d column %d: %v", name, i+2, col+1, err)
		}
		out = append(out, v)
	}
	return out
}

// readM4Row reads the series with the given id from a wide M4 file (see
// dataFile), dropping the trailing empty fields.
func readM4Row(t testing.TB, name, id string) []float64 {
	t.Helper()
	for i, r := range readCSV(t, name)[1:] {
		if r[0] != id {
			continue
		}
		var out []float64
		for j, f := range r[1:] {
			if f == "" {
				break
			}
			v, err := strconv.ParseFloat(f, 64)
			if err != nil {
				t.Fatalf("%s line %d column %d: %v", name, i+2, j+2, err)
			}
			out = append(out, v)
		}
		return out
	}
	t.Fatalf("%s: no series %q", name, id)
	return nil
}

func readCSV(t testing.TB, name string) [][]string {
	t.Helper()
	f, err := os.Open(dataFile(name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return recs
}
