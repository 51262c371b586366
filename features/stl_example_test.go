package features_test

import (
	"fmt"
	"math"

	"github.com/tsforecast/tsforecast/features"
)

func ExampleSTL() {
	d, err := features.STL(nil, airline, 12, nil) // statsmodels defaults
	if err != nil {
		fmt.Println(err)
		return
	}
	n := len(airline)
	fmt.Printf("Dec 1960: %.4g = trend %.4g + seasonal %.4g + remainder %.4g\n",
		airline[n-1], d.Trend[n-1], d.Seasonal[n-1], d.Remainder[n-1])
	// Output:
	// Dec 1960: 432 = trend 495.5 + seasonal -60.94 + remainder -2.599
}

func ExampleMSTL() {
	// Four weeks of hourly values with a daily and a weekly cycle.
	x := make([]float64, 24*7*4)
	for t := range x {
		x[t] = 100 + 0.01*float64(t) +
			5*math.Sin(2*math.Pi*float64(t)/24) + 10*math.Sin(2*math.Pi*float64(t)/168)
	}
	d, err := features.MSTL(nil, x, []float64{168, 24}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("periods:", d.Periods)
	t := 24*7*2 + 6
	fmt.Printf("daily %.3g (true %.3g), weekly %.3g (true %.3g), trend %.4g (true %.4g)\n",
		d.Seasonal[0][t], 5*math.Sin(2*math.Pi*float64(t)/24),
		d.Seasonal[1][t], 10*math.Sin(2*math.Pi*float64(t)/168),
		d.Trend[t], 100+0.01*float64(t))
	// Output:
	// periods: [24 168]
	// daily 4.99 (true 5), weekly 2.24 (true 2.23), trend 103.4 (true 103.4)
}
