package seq2one_test

import (
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/tsforecast/tsforecast/forecast"
)

// sharedData is the shared data directory beside the repository.
var sharedData = filepath.Join("..", "..", "shared", "data")

// airline loads airline-passengers.csv (Box & Jenkins' AirPassengers) from
// the shared data directory, skipping the test when it is absent.
func airline(t testing.TB) *forecast.Series {
	t.Helper()
	f, err := os.Open(filepath.Join(sharedData, "airline-passengers.csv"))
	if os.IsNotExist(err) {
		t.Skip("shared data not present")
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	s := &forecast.Series{ID: "airline", Target: "Passengers", Freq: forecast.Monthly}
	for i, r := range recs[1:] {
		tm, err := time.Parse("2006-01", r[0])
		if err != nil {
			t.Fatalf("row %d: %v", i+2, err)
		}
		v, err := strconv.ParseFloat(r[1], 64)
		if err != nil {
			t.Fatalf("row %d: %v", i+2, err)
		}
		s.Times = append(s.Times, tm)
		s.Values = append(s.Values, v)
	}
	if len(s.Values) != 144 {
		t.Fatalf("airline has %d rows, want 144", len(s.Values))
	}
	return s
}

func rmse(got, want []float64) float64 {
	var ss float64
	for i := range got {
		d := got[i] - want[i]
		ss += d * d
	}
	return math.Sqrt(ss / float64(len(got)))
}
