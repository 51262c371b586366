package features_test

import (
	"fmt"
	"time"

	"github.com/tsforecast/tsforecast/features"
)

// airline holds the monthly international airline passengers (thousands),
// January 1949 to December 1960 (Box & Jenkins), as in
// examples/data/airline-passengers.csv.
var airline = []float64{
	112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118, 115, 126, 141,
	135, 125, 149, 170, 170, 158, 133, 114, 140, 145, 150, 178, 163, 172, 178,
	199, 199, 184, 162, 146, 166, 171, 180, 193, 181, 183, 218, 230, 242, 209,
	191, 172, 194, 196, 196, 236, 235, 229, 243, 264, 272, 237, 211, 180, 201,
	204, 188, 235, 227, 234, 264, 302, 293, 259, 229, 203, 229, 242, 233, 267,
	269, 270, 315, 364, 347, 312, 274, 237, 278, 284, 277, 317, 313, 318, 374,
	413, 405, 355, 306, 271, 306, 315, 301, 356, 348, 355, 422, 465, 467, 404,
	347, 305, 336, 340, 318, 362, 348, 363, 435, 491, 505, 404, 359, 310, 337,
	360, 342, 406, 396, 420, 472, 548, 559, 463, 407, 362, 405, 417, 391, 419,
	461, 472, 535, 622, 606, 508, 461, 390, 432,
}

func ExampleDetectPeriods() {
	fmt.Println(features.DetectPeriods(airline, 48))
	// Output:
	// [12]
}

func ExampleACF() {
	r := features.ACF(nil, airline, 12)
	fmt.Printf("r(1) = %.4g, r(6) = %.4g, r(12) = %.4g\n", r[1], r[6], r[12])
	fmt.Println("seasonal at 12:", features.SeasonalityTest(airline, 12))
	// Output:
	// r(1) = 0.948, r(6) = 0.6817, r(12) = 0.7604
	// seasonal at 12: true
}

func ExampleDecompose() {
	d, err := features.Decompose(airline, 12, features.Multiplicative)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("July index %.4g, November index %.4g\n", d.Indices[6], d.Indices[10])
	// Seasonal indices for the first three months after the data (1961).
	n := len(airline)
	fmt.Printf("%.4g %.4g %.4g\n", d.SeasonalAt(n), d.SeasonalAt(n+1), d.SeasonalAt(n+2))
	// Remove the seasonality from the last year and put it back.
	last := airline[n-12:]
	adj := d.DeseasonalizeTo(nil, last, n-12)
	back := d.ReseasonalizeTo(nil, adj, n-12)
	fmt.Printf("July 1960: %.4g, adjusted %.4g, restored %.4g\n", last[6], adj[6], back[6])
	// Output:
	// July index 1.227, November index 0.8012
	// 0.9102 0.8836 1.007
	// July 1960: 622, adjusted 507.1, restored 622
}

func ExampleStandard() {
	train, test := airline[:132], airline[132:]
	var s features.Standard
	if err := s.Fit(train); err != nil { // training data only
		fmt.Println(err)
		return
	}
	z := s.TransformTo(nil, test)
	back := s.InverseTo(nil, z)
	fmt.Printf("mean %.4g std %.4g\n", s.Mean, s.Std)
	fmt.Printf("Jan 1960 %.4g -> %.4g -> %.4g\n", test[0], z[0], back[0])
	// Output:
	// mean 262.5 std 106.2
	// Jan 1960 417 -> 1.455 -> 417
}

func ExampleDiff() {
	x := airline[:15]
	d := features.Diff(nil, x, 12) // seasonal differences
	fmt.Println(d)
	// Undo with the 12 values that precede the differences.
	fmt.Println(features.Undiff(nil, d, x[:12], 12))
	// Output:
	// [3 8 9]
	// [115 126 141]
}

func ExampleWindows() {
	target := []float64{1, 2, 3, 4, 5, 6, 7, 8}
	temp := []float64{10, 20, 30, 40, 50, 60, 70, 80} // a covariate
	// Observation 5 was interpolated; keep it out of every window.
	mask := make([]bool, len(target))
	mask[5] = true
	w, err := features.NewWindows(target, [][]float64{temp}, features.WindowConfig{Window: 2, Mask: mask})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("starts:", w.Starts)
	x := make([]float64, w.Window*w.Features()) // reused for every window
	y := make([]float64, w.Horizon)
	for i := range w.Len() {
		w.Fill(x, y, i)
		fmt.Println(x, "->", y)
	}
	// Output:
	// starts: [0 1 2]
	// [1 10 2 20] -> [3]
	// [2 20 3 30] -> [4]
	// [3 30 4 40] -> [5]
}

func ExampleCalendar() {
	feats := []features.CalendarFeature{features.HourOfDay, features.DayOfWeek}
	fmt.Println(feats)
	t := time.Date(2016, 7, 1, 6, 0, 0, 0, time.UTC) // a Friday
	v := features.Calendar(nil, t, feats)
	fmt.Printf("%.4g\n", v)
	// Output:
	// [hour_of_day day_of_week]
	// [1 6.123e-17 -0.9749 -0.2225]
}

func ExampleFourier() {
	// Yearly terms for daily data, two harmonics, on day 91 of a series.
	fmt.Printf("%.4g\n", features.Fourier(nil, 91, 365.25, 2))
	// Output:
	// [1 0.005376 0.01075 -0.9999]
}
