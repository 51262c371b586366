package plots

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/tsforecast/tsforecast/features"
	"github.com/tsforecast/tsforecast/forecast"
)

// SeriesChart draws a series as one looks at it before forecasting: the
// series over time, its autocorrelation function with the ±1.96/√n
// white-noise bounds and the seasonal period's multiples marked, and,
// when Components is set, its decomposition into trend, one panel per
// seasonal cycle and remainder (as Prophet's component plots do).
type SeriesChart struct {
	// ID names the series in the title; YLabel labels its axis (empty:
	// "value").
	ID, YLabel string
	// Values holds the series; Times one timestamp per value, or nil for
	// step numbers; Freq its frequency.
	Values []float64
	Times  []time.Time
	Freq   forecast.Freq
	// Season is the period marked on the ACF (1 or 0 for none).
	Season int
	// Components is a decomposition (features.MSTL) of Values or, for a
	// long series, of its last values; or nil.
	Components *features.MSTLDecomposition
}

// MaxAnalysed bounds the values of a [SeriesChart] that its
// autocorrelation panel reads (the last MaxAnalysed), and that a caller
// should decompose for its Components: enough for any period to show,
// and a bound on the cost of charting a series of millions of values.
const MaxAnalysed = 100000

func (c *SeriesChart) validate() error {
	const name = "series"
	n := len(c.Values)
	if n < 2 {
		return dataErr(name, "Values", "%d value(s): nothing to plot", n)
	}
	if c.Times != nil && len(c.Times) != n {
		return dataErr(name, "Times", "%d timestamps for %d values", len(c.Times), n)
	}
	if err := checkTimes(name, c.Times); err != nil {
		return err
	}
	if err := checkFinite(name, "Values", c.Values); err != nil {
		return err
	}
	if d := c.Components; d != nil {
		m := len(d.Trend)
		if m < 2 || m > n || len(d.Remainder) != m || len(d.Seasonal) != len(d.Periods) || len(d.Periods) == 0 {
			return dataErr(name, "Components", "a decomposition of %d values with %d seasons for %d values and %d periods", m, len(d.Seasonal), n, len(d.Periods))
		}
		for i, s := range d.Seasonal {
			if len(s) != m {
				return dataErr(name, fmt.Sprintf("Components.Seasonal[%d]", i), "%d values for %d", len(s), m)
			}
		}
	}
	return nil
}

// defaultSize is 10 in wide and tall enough for every panel.
func (c *SeriesChart) defaultSize() Size {
	h := 7 * vg.Inch
	if d := c.Components; d != nil {
		h += vg.Length(2+len(d.Seasonal)) * 1.6 * vg.Inch
	}
	return Size{Width: 10 * vg.Inch, Height: h, DPI: 96}
}

// Draw draws the chart on dc. It implements [Chart].
func (c *SeriesChart) Draw(dc draw.Canvas) error {
	if err := c.validate(); err != nil {
		return err
	}
	ps := c.plots()
	rows := make([][]*plot.Plot, len(ps))
	for i, p := range ps {
		rows[i] = []*plot.Plot{p}
	}
	tiles := draw.Tiles{Rows: len(ps), Cols: 1, PadY: vg.Points(14), PadTop: vg.Points(4), PadBottom: vg.Points(4), PadLeft: vg.Points(4), PadRight: vg.Points(14)}
	cs := plot.Align(rows, tiles, dc)
	for i, p := range ps {
		p.Draw(cs[i][0])
	}
	return nil
}

func (c *SeriesChart) plots() []*plot.Plot {
	n := len(c.Values)
	tl := timeline{times: c.Times, freq: c.Freq}
	// line draws v[from:], whose last value is the series' last.
	line := func(title, ylabel string, v []float64, col, zero bool, from int) *plot.Plot {
		p := newPlot(title, "", ylabel)
		tl.apply(p, 8)
		off := n - len(v)
		xy := make(plotter.XYs, 0, len(v)-from)
		for i := from; i < len(v); i++ {
			xy = append(xy, plotter.XY{X: tl.x(off + i), Y: v[i]})
		}
		xy = minMaxDownsample(xy, maxDrawn)
		if zero {
			p.Add(hline{Y: 0, LineStyle: lineStyle(grey, 1, vg.Points(4), vg.Points(3))})
		}
		colour := Black
		if col {
			colour = Blue
		}
		p.Add(newLine(xy, lineStyle(colour, 1.2)))
		padY(p)
		return p
	}
	title := fmt.Sprintf("%d %s values", n, c.Freq)
	if c.ID != "" {
		title = c.ID + ": " + title
	}
	out := []*plot.Plot{line(title, yLabel(c.YLabel), c.Values, false, false, 0)}
	out = append(out, c.acf())
	if d := c.Components; d != nil {
		ps := make([]string, len(d.Periods))
		for i, p := range d.Periods {
			ps[i] = strconv.Itoa(p)
		}
		m := len(d.Trend)
		t := "trend (MSTL, periods " + strings.Join(ps, ", ") + ")"
		if m < n {
			t = fmt.Sprintf("trend (MSTL of the last %d values, periods %s)", m, strings.Join(ps, ", "))
		}
		out = append(out, line(t, "trend", d.Trend, true, false, 0))
		// Seasons over the last four cycles of the longest, where their
		// shapes can be seen; the whole series when it is not much longer.
		from, longest := 0, d.Periods[len(d.Periods)-1]
		if m > 8*longest {
			from = m - 4*longest
		}
		for i, p := range d.Periods {
			t := fmt.Sprintf("season of period %d", p)
			if from > 0 {
				t += fmt.Sprintf(" (the last %d values)", m-from)
			}
			out = append(out, line(t, "season", d.Seasonal[i], true, true, from))
		}
		out = append(out, line("remainder", "remainder", d.Remainder, true, true, 0))
	}
	return out
}

// acf is the autocorrelation panel.
func (c *SeriesChart) acf() *plot.Plot {
	v := c.Values[max(0, len(c.Values)-MaxAnalysed):]
	n := len(v)
	lags := min(n-1, max(3*c.Season, 40))
	acf := features.ACF(nil, v, lags)
	bound := 1.96 / math.Sqrt(float64(n))
	title := "autocorrelation"
	if n < len(c.Values) {
		title += fmt.Sprintf(" of the last %d values", n)
	}
	if c.Season > 1 {
		title += fmt.Sprintf(" (multiples of the season %d in vermillion)", c.Season)
	}
	ac := newPlot(title, "lag", "ACF")
	ac.X.Tick.Marker = niceTicker{want: 10, integer: true}
	ac.Add(hline{Y: 0, LineStyle: lineStyle(Black, 0.8)})
	band := &plotter.Polygon{
		XYs:   []plotter.XYs{{{X: 0.5, Y: -bound}, {X: float64(lags) + 0.5, Y: -bound}, {X: float64(lags) + 0.5, Y: bound}, {X: 0.5, Y: bound}}},
		Color: tint(SkyBlue, 0.65),
	}
	ac.Add(band)
	for k := 1; k <= lags; k++ {
		v := acf[k]
		if math.IsNaN(v) {
			continue
		}
		col := Blue
		if c.Season > 1 && k%c.Season == 0 {
			col = Vermillion
		}
		ac.Add(newLine(plotter.XYs{{X: float64(k), Y: 0}, {X: float64(k), Y: v}}, lineStyle(col, 2)))
	}
	ac.X.Min, ac.X.Max = 0.5, float64(lags)+0.5
	ac.Y.Min, ac.Y.Max = -1, 1
	return ac
}

// maxDrawn bounds the points of a line: about two per pixel column of a
// default-size chart. Longer series are drawn from the minimum and maximum
// of each of maxDrawn/2 equal stretches, which look the same on screen.
const maxDrawn = 2000

// minMaxDownsample returns xy, or when it has more than max points the
// minimum and maximum (in time order) of each of max/2 consecutive
// stretches of it.
func minMaxDownsample(xy plotter.XYs, max int) plotter.XYs {
	if len(xy) <= max {
		return xy
	}
	buckets := max / 2
	out := make(plotter.XYs, 0, 2*buckets)
	for b := range buckets {
		lo, hi := b*len(xy)/buckets, (b+1)*len(xy)/buckets
		mi, ma := lo, lo
		for i := lo; i < hi; i++ {
			if xy[i].Y < xy[mi].Y {
				mi = i
			}
			if xy[i].Y > xy[ma].Y {
				ma = i
			}
		}
		if mi > ma {
			mi, ma = ma, mi
		}
		out = append(out, xy[mi])
		if ma != mi {
			out = append(out, xy[ma])
		}
	}
	return out
}
