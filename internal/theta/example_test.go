package theta_test

import (
	"fmt"

	"github.com/tsforecast/tsforecast/internal/theta"
)

func ExampleAuto() {
	m, err := theta.Auto(airline[:132], &theta.Settings{Period: 12})
	if err != nil {
		fmt.Println(err)
		return
	}
	p := m.Params()
	fmt.Printf("%v: α = %.3g, θ = %.3g, seasonally adjusted: %v\n", m.Method(), p.Alpha, p.Theta, m.Period() == 12)
	f := m.Forecast(nil, 3)
	lo, hi := m.Interval(nil, nil, 3, 95)
	for i := range f {
		fmt.Printf("1960-%02d: %.4g [%.4g, %.4g], actual %g\n", i+1, f[i], lo[i], hi[i], airline[132+i])
	}
	// Output:
	// OTM: α = 0.806, θ = 43, seasonally adjusted: true
	// 1960-01: 412.7 [397, 428.5], actual 417
	// 1960-02: 404.7 [385, 424.4], actual 391
	// 1960-03: 466.9 [440.2, 493.6], actual 419
}

func ExampleModel_Refilter() {
	// Fit on 11 years, then roll the origin forward by one year without
	// re-estimating.
	m, err := theta.Fit(airline[:132], theta.DOTM, &theta.Settings{Period: 12})
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := m.Refilter(airline)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("same α: %v; next January: %.4g\n", r.Params().Alpha == m.Params().Alpha, r.Forecast(nil, 1)[0])
	// Output:
	// same α: true; next January: 441.8
}
