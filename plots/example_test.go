package plots_test

import (
	"bytes"
	"fmt"
	"image/png"
	"math"
	"time"

	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/plots"
)

// Draw the last two years of a monthly series with a 6-month forecast and an
// 80% interval, and check the rendered image.
func ExampleForecastChart() {
	start := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)
	history := []float64{112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118,
		115, 126, 141, 135, 125, 149, 170, 170, 158, 133, 114, 140}
	times := make([]time.Time, len(history))
	for i := range times {
		times[i] = forecast.Monthly.Add(start, i)
	}
	fc := []float64{145, 150, 178, 163, 172, 178}
	chart := &plots.ForecastChart{
		ID: "passengers", Model: "seasonal naive",
		History: history, Forecast: fc, Actual: []float64{145, 150, 178, 163, 172, 178},
		Bands: []forecast.Interval{{Level: 80,
			Lo: []float64{131, 136, 164, 149, 158, 164},
			Hi: []float64{159, 164, 192, 177, 186, 192}}},
		Times: times, Freq: forecast.Monthly,
		Metrics: []plots.Metric{{Name: "MAE", Value: 0}},
	}
	fmt.Println(chart.Title())

	var buf bytes.Buffer
	if err := plots.Write(&buf, chart, plots.Size{}, plots.FormatPNG); err != nil {
		fmt.Println(err)
		return
	}
	cfg, err := png.DecodeConfig(&buf)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d×%d px\n", cfg.Width, cfg.Height)

	// A NaN is reported, not drawn.
	chart.Forecast[2] = math.NaN()
	fmt.Println(plots.Write(&buf, chart, plots.Size{}, plots.FormatPNG))
	// Output:
	// passengers — seasonal naive    MAE 0
	// 960×480 px
	// plots: forecast chart: Forecast[2]: value is not finite
}

// Pick the three worst series by score for a grid of small multiples.
