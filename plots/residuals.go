package plots

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/tsforecast/tsforecast/features"
	"github.com/tsforecast/tsforecast/forecast"
	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// ResidualChart draws three diagnostics of a model's residuals (actual minus
// forecast): the residuals over time with a zero line, their histogram with
// the normal density of the same mean and standard deviation, and their
// autocorrelation function with the ±1.96/√n bounds inside which about 95%
// of the autocorrelations of white noise fall. Residuals that are centred,
// bell-shaped and uncorrelated mean the model left no structure behind.
type ResidualChart struct {
	// ID and Model start the title.
	ID, Model string
	// Residuals are actual minus forecast, in time order; at least 3.
	Residuals []float64
	// Times holds one timestamp per residual, or nil for step numbers.
	Times []time.Time
	// Freq is the sampling frequency of Times.
	Freq forecast.Freq
	// Lags is the largest ACF lag drawn. Zero means min(n/2, max(2·season,
	// 10·log10(n))), as commonly used (statsmodels' default is 10·log10(n)).
	Lags int
	// Bins is the number of histogram bins. Zero means Sturges' rule
	// ⌈log2 n⌉+1, at least 5.
	Bins int
}

// defaultSize gives the three panels room: 10×7 in.
func (c *ResidualChart) defaultSize() Size {
	return Size{Width: 10 * vg.Inch, Height: 7 * vg.Inch, DPI: 96}
}

func (c *ResidualChart) validate() error {
	const name = "residual"
	n := len(c.Residuals)
	if n < 3 {
		return dataErr(name, "Residuals", "%d values, need at least 3", n)
	}
	if c.Times != nil && len(c.Times) != n {
		return dataErr(name, "Times", "%d timestamps for %d residuals", len(c.Times), n)
	}
	if err := checkTimes(name, c.Times); err != nil {
		return err
	}
	if c.Lags < 0 || c.Bins < 0 {
		return dataErr(name, "", "negative Lags (%d) or Bins (%d)", c.Lags, c.Bins)
	}
	return checkFinite(name, "Residuals", c.Residuals)
}

func (c *ResidualChart) lags() int {
	n := len(c.Residuals)
	l := c.Lags
	if l == 0 {
		l = max(2*c.Freq.Season(), int(math.Ceil(10*math.Log10(float64(n)))))
		l = min(l, n/2)
	}
	return max(1, min(l, n-1))
}

// Draw draws the chart on dc. It implements [Chart].
func (c *ResidualChart) Draw(dc draw.Canvas) error {
	if err := c.validate(); err != nil {
		return err
	}
	ts, hist, ac := c.plots()
	top := draw.Crop(dc, 0, 0, (dc.Max.Y-dc.Min.Y)*0.5, 0)
	bottom := draw.Crop(dc, 0, 0, 0, -(dc.Max.Y-dc.Min.Y)*0.5)
	ts.Draw(top)
	tiles := draw.Tiles{Rows: 1, Cols: 2, PadX: vg.Points(24), PadTop: vg.Points(8)}
	cs := plot.Align([][]*plot.Plot{{hist, ac}}, tiles, bottom)
	hist.Draw(cs[0][0])
	ac.Draw(cs[0][1])
	return nil
}

func (c *ResidualChart) plots() (ts, hist, ac *plot.Plot) {
	r := c.Residuals
	n := len(r)
	mean, sd := meanStdDev(r)
	tl := timeline{times: c.Times, freq: c.Freq}

	title := headline(c.ID, c.Model, nil)
	if title != "" {
		title += " — "
	}
	// The bias of the metric tables is forecast − actual, the residuals'
	// mean with the sign turned; the title gives it as the tables do.
	title += fmt.Sprintf("residuals (n = %d, bias %+.4g, sd %.4g)", n, -mean, sd)
	ts = newPlot(title, "", "actual − forecast")
	tl.apply(ts, 8)
	xy := make(plotter.XYs, n)
	for i, v := range r {
		xy[i] = plotter.XY{X: tl.x(i), Y: v}
	}
	ts.Add(hline{Y: 0, LineStyle: lineStyle(grey, 1, vg.Points(4), vg.Points(3))})
	ts.Add(newLine(xy, lineStyle(Blue, 1.2)))
	if n <= 200 {
		ts.Add(newScatter(xy, Blue, 1.8, draw.CircleGlyph{}))
	}

	// Histogram with the matching normal density, both as counts.
	hist = newPlot("distribution", "residual", "count")
	bins := c.Bins
	if bins == 0 {
		bins = max(5, int(math.Ceil(math.Log2(float64(n))))+1)
	}
	lo, hi := minMax(r)
	if hi-lo == 0 {
		// A constant: one bin of unit width around it.
		w := math.Max(math.Abs(lo)*1e-3, 0.5)
		lo, hi, bins = lo-w, lo+w, 1
	}
	width := (hi - lo) / float64(bins)
	hb := make([]plotter.HistogramBin, bins)
	for i := range hb {
		hb[i].Min = lo + float64(i)*width
		hb[i].Max = lo + float64(i+1)*width
	}
	hb[bins-1].Max = hi
	for _, v := range r {
		k := int((v - lo) / width)
		k = max(0, min(k, bins-1))
		hb[k].Weight++
	}
	h := &plotter.Histogram{Bins: hb, Width: width, FillColor: tint(Blue, 0.55), LineStyle: lineStyle(Blue, 0.8)}
	hist.Add(h)
	hist.Legend.Add("residuals", h)
	if sd > 0 {
		norm := plotter.NewFunction(func(x float64) float64 {
			z := (x - mean) / sd
			return float64(n) * width * math.Exp(-z*z/2) / (sd * math.Sqrt(2*math.Pi))
		})
		norm.LineStyle = lineStyle(Vermillion, 2)
		norm.Samples = 200
		hist.Add(norm)
		hist.Legend.Add("normal", norm)
	}
	hist.X.Min, hist.X.Max = lo, hi
	hist.Y.Min = 0
	hist.Y.Tick.Marker = niceTicker{want: 6, integer: true}
	// Headroom for the legend at the top right.
	hist.Y.Max *= 1.25
	hist.Legend.Left = false
	hist.Legend.XOffs = -vg.Points(6)

	// Autocorrelation with white-noise bounds.
	lags := c.lags()
	// features.ACF is the biased estimator of statsmodels' and R's acf;
	// it rescales values whose squares would overflow.
	acf := features.ACF(nil, r, lags)
	flat := slices.Min(r) == slices.Max(r) // ACF undefined: no stems
	bound := 1.96 / math.Sqrt(float64(n))
	ac = newPlot("autocorrelation", "lag", "ACF")
	ac.X.Tick.Marker = niceTicker{want: 8, integer: true}
	ac.Add(hline{Y: 0, LineStyle: lineStyle(Black, 0.8)})
	band := &plotter.Polygon{
		XYs:   []plotter.XYs{{{X: 0.5, Y: -bound}, {X: float64(lags) + 0.5, Y: -bound}, {X: float64(lags) + 0.5, Y: bound}, {X: 0.5, Y: bound}}},
		Color: tint(SkyBlue, 0.65),
	}
	ac.Add(band)
	ac.Add(hline{Y: bound, LineStyle: lineStyle(Blue, 1, vg.Points(4), vg.Points(3))})
	ac.Add(hline{Y: -bound, LineStyle: lineStyle(Blue, 1, vg.Points(4), vg.Points(3))})
	stems := make(plotter.XYs, 0, lags)
	for k := 1; k <= lags && !flat; k++ {
		v := acf[k]
		col := Black
		if math.Abs(v) > bound {
			col = Vermillion
		}
		ac.Add(newLine(plotter.XYs{{X: float64(k), Y: 0}, {X: float64(k), Y: v}}, lineStyle(col, 2)))
		stems = append(stems, plotter.XY{X: float64(k), Y: v})
	}
	if len(stems) > 0 {
		ac.Add(newScatter(stems, Black, 2, draw.CircleGlyph{}))
	} else {
		ac.Title.Text = "autocorrelation (undefined: constant residuals)"
	}
	ac.X.Min, ac.X.Max = 0.5, float64(lags)+0.5
	ac.Y.Min = math.Min(-1.3*bound, ac.Y.Min)
	ac.Y.Max = math.Max(1.3*bound, ac.Y.Max)
	ac.Y.Max += 0.2 * (ac.Y.Max - ac.Y.Min) // headroom for the legend
	ac.Legend.Add("±1.96/√n", band)
	ac.Legend.Left = false
	ac.Legend.XOffs = -vg.Points(6)
	return ts, hist, ac
}

// meanStdDev is stat.MeanStdDev computed on x scaled by its largest
// magnitude, so that squares of huge residuals do not overflow.
func meanStdDev(x []float64) (mean, sd float64) {
	scale := 0.0
	for _, v := range x {
		scale = math.Max(scale, math.Abs(v))
	}
	if scale == 0 {
		return 0, 0
	}
	y := make([]float64, len(x))
	for i, v := range x {
		y[i] = v / scale
	}
	mean, sd = stat.MeanStdDev(y, nil)
	return mean * scale, sd * scale
}

func minMax(v []float64) (lo, hi float64) {
	lo, hi = v[0], v[0]
	for _, x := range v[1:] {
		lo = math.Min(lo, x)
		hi = math.Max(hi, x)
	}
	return lo, hi
}
