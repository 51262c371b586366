package seq2one_test

import (
	"context"
	"fmt"
	"log"
	"math"
	"path/filepath"
	"time"

	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/seq2one"
)

// Example fits the default LSTM to the airline passengers of 1949–1959 and
// forecasts 1960, the classic test year. The exact numbers depend on the
// seed and float32 rounding, so the example prints what must hold for any
// sane model: the forecast peaks in the summer holidays, as every year of
// the data does, and it is more accurate than repeating 1959.
func Example() {
	ds, err := forecast.ReadFile(filepath.Join("..", "examples", "data", "airline-passengers.csv"), nil)
	if err != nil {
		log.Fatal(err)
	}
	s := ds.Series[0]
	train, test := s.Head(132), s.Values[132:]

	m := seq2one.New(&seq2one.Config{Seed: 1})
	if err := m.Fit(context.Background(), train); err != nil {
		log.Fatal(err)
	}
	fc, err := m.Predict(nil, 12)
	if err != nil {
		log.Fatal(err)
	}

	peak := 0
	var mse, naive float64
	for i, v := range fc {
		if v > fc[peak] {
			peak = i
		}
		mse += (v - test[i]) * (v - test[i]) / 12
		naive += (train.Values[120+i] - test[i]) * (train.Values[120+i] - test[i]) / 12
	}
	month := train.Freq.Add(s.Times[131], peak+1).Month()
	fmt.Println("peaks in July or August:", month == time.July || month == time.August)
	fmt.Println("beats seasonal naive:", math.Sqrt(mse) < math.Sqrt(naive))
	// Output:
	// peaks in July or August: true
	// beats seasonal naive: true
}
