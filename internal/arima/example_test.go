package arima_test

import (
	"fmt"
	"log"
	"math"

	"github.com/tsforecast/tsforecast/internal/arima"
)

// airline is R's AirPassengers: monthly airline passengers, 1949–1960.
var airline = []float64{
	112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118,
	115, 126, 141, 135, 125, 149, 170, 170, 158, 133, 114, 140,
	145, 150, 178, 163, 172, 178, 199, 199, 184, 162, 146, 166,
	171, 180, 193, 181, 183, 218, 230, 242, 209, 191, 172, 194,
	196, 196, 236, 235, 229, 243, 264, 272, 237, 211, 180, 201,
	204, 188, 235, 227, 234, 264, 302, 293, 259, 229, 203, 229,
	242, 233, 267, 269, 270, 315, 364, 347, 312, 274, 237, 278,
	284, 277, 317, 313, 318, 374, 413, 405, 355, 306, 271, 306,
	315, 301, 356, 348, 355, 422, 465, 467, 404, 347, 305, 336,
	340, 318, 362, 348, 363, 435, 491, 505, 404, 359, 310, 337,
	360, 342, 406, 396, 420, 472, 548, 559, 463, 407, 362, 405,
	417, 391, 419, 461, 472, 535, 622, 606, 508, 461, 390, 432,
}

func ExampleEstimate() {
	y := make([]float64, len(airline))
	for i, v := range airline {
		y[i] = math.Log(v)
	}
	// The airline model of Box & Jenkins.
	o := arima.Order{Q: 1, D: 1, SQ: 1, SD: 1, Period: 12}
	fit, err := arima.Estimate(y, nil, o, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(fit)
	fmt.Printf("ma1 %.4g sma1 %.4g sigma2 %.4g loglik %.4g\n",
		fit.Coef.MA[0], fit.Coef.SMA[0], fit.Sigma2ML, fit.LogLik)
	fc, err := fit.Forecast(3, nil)
	if err != nil {
		log.Fatal(err)
	}
	lo, hi := fc.Interval(nil, nil, 95)
	for h := range fc.Mean {
		fmt.Printf("%d: %.4g [%.4g, %.4g]\n", h+1, math.Exp(fc.Mean[h]), math.Exp(lo[h]), math.Exp(hi[h]))
	}
	// Output:
	// ARIMA(0,1,1)(0,1,1)[12]
	// ma1 -0.4018 sma1 -0.5569 sigma2 0.001348 loglik 244.7
	// 1: 450.4 [418.9, 484.3]
	// 2: 425.7 [391.2, 463.3]
	// 3: 479 [435.6, 526.7]
}

func ExampleAuto() {
	fit, err := arima.Auto(airline, nil, 12, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(fit)
	fmt.Printf("ar %.4g ma %.4g AICc %.6g\n", fit.Coef.AR, fit.Coef.MA, fit.AICc)
	// Output:
	// ARIMA(2,1,1)(0,1,0)[12]
	// ar [0.596 0.2143] ma [-0.9819] AICc 1018.17
}
