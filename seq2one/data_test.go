package seq2one_test

import (
	"math"
	"testing"

	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/internal/sample"
)

// airline returns airline-passengers.csv (Box & Jenkins' AirPassengers)
// from examples/data.
func airline(t testing.TB) *forecast.Series {
	t.Helper()
	return sample.Airline(t)
}

func rmse(got, want []float64) float64 {
	var ss float64
	for i := range got {
		d := got[i] - want[i]
		ss += d * d
	}
	return math.Sqrt(ss / float64(len(got)))
}
