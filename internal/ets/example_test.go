package ets_test

import (
	"fmt"

	"github.com/tsforecast/tsforecast/internal/ets"
)

func ExampleSelect() {
	// Quarterly series with trend and season.
	var y []float64
	season := []float64{10, -5, 3, -8}
	for t := range 40 {
		y = append(y, 100+0.5*float64(t)+season[t%4]+float64((t*7)%5)-2)
	}
	f, err := ets.Select(y, 4, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fc := f.Forecast(nil, 4)
	lo, hi := f.Interval(nil, nil, 4, 80)
	fmt.Println(f.Spec())
	fmt.Printf("%.4g\n%.4g\n%.4g\n", fc, lo, hi)
	// Output:
	// ETS(A,A,A)
	// [130.2 115.7 124.2 113.7]
	// [128.1 113.6 122.1 111.6]
	// [132.2 117.7 126.2 115.7]
}

func ExampleParseSpec() {
	sp, err := ets.ParseSpec("MAdM")
	fmt.Println(sp, sp.Class(), err)
	// Output: ETS(M,Ad,M) 3 <nil>
}
