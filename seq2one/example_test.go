package seq2one_test

import (
	"context"
	"fmt"
	"log"
	"math"
	"math/rand/v2"
	"path/filepath"
	"time"

	"github.com/tsforecast/tsforecast/csvio"
	"github.com/tsforecast/tsforecast/eval"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/seq2one"
)

// Example fits the default LSTM to the airline passengers of 1949–1959 and
// forecasts 1960, the classic test year. The exact numbers depend on the
// seed and float32 rounding, so the example prints what must hold for any
// sane model: the forecast peaks in the summer holidays, as every year of
// the data does, and it is more accurate than repeating 1959.
func Example() {
	ds, err := csvio.ReadFile(filepath.Join("..", "examples", "data", "airline-passengers.csv"), nil)
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

// ExampleGlobal fits one network to twelve series that share a daily
// shape at scales from 1 to 10⁴ (the situation of many stores or sensors)
// and forecasts a day of each. The exact numbers depend on float32
// rounding, so the example prints what must hold: every forecast is in the
// units of its own series, and the global model beats repeating the last
// day. The window is 6 days, not the default 7: with 376 values a series
// keeps room for training windows.
func ExampleGlobal() {
	rng := rand.New(rand.NewPCG(1, 1))
	var train []*forecast.Series
	var test [][]float64
	for i := range 12 {
		scale := math.Pow(10, float64(i)/3)
		v := make([]float64, 400)
		for t := range v {
			day := 0.5 * math.Sin(2*math.Pi*float64(t+i)/24)
			v[t] = scale * math.Exp(day+0.03*rng.NormFloat64())
		}
		train = append(train, &forecast.Series{ID: fmt.Sprint("S", i), Values: v[:376]})
		test = append(test, v[376:])
	}
	g := seq2one.NewGlobal(&seq2one.Config{Seed: 1, Season: 24, Horizon: 24, Hidden: 16, MaxWindows: 2000})
	if err := g.Fit(context.Background(), train); err != nil {
		log.Fatal(err)
	}
	fc, err := g.Predict(nil, 24)
	if err != nil {
		log.Fatal(err)
	}
	var model, naive float64
	for i := range fc {
		model += eval.SMAPE(test[i], fc[i]) / 12
		naive += eval.SMAPE(test[i], train[i].Values[352:]) / 12
	}
	fmt.Printf("window %d, horizon %d, %d series\n", g.Window(), g.Horizon(), g.Len())
	fmt.Println("largest series forecast above 5000:", fc[11][0] > 5000)
	fmt.Println("beats seasonal naive:", model < naive)
	// Output:
	// window 144, horizon 24, 12 series
	// largest series forecast above 5000: true
	// beats seasonal naive: true
}
