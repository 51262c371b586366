package plots

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/tsforecast/tsforecast/forecast"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Metric is one named headline number, such as {"MAE", 12.3}.
type Metric struct {
	Name  string
	Value float64
}

// ForecastChart draws one forecast against what happened: the tail of the
// history, the observed values over the horizon when known, the point
// forecast, its prediction-interval bands (wider levels lighter) and a dashed
// line at the forecast origin (the last observation the model saw). The title
// carries the series id, the model and the headline metrics.
//
// The x axis shows calendar dates formatted for the data's frequency when
// Times is set, and step numbers (observation indices) otherwise.
type ForecastChart struct {
	// ID names the series; it starts the title.
	ID string
	// YLabel labels the y axis (the series' target name, say); empty
	// means "value".
	YLabel string
	// Model names the forecaster; it follows the id in the title.
	Model string
	// Metrics are shown in the title, in order, with 4 significant digits.
	Metrics []Metric

	// History holds the observations up to and including the origin. It
	// must not be empty.
	History []float64
	// Forecast holds the point forecasts for steps 1..h after the origin;
	// h = len(Forecast) must be at least 1.
	Forecast []float64
	// Actual holds the observed values over the horizon; nil when they are
	// not known yet, otherwise len(Forecast) values.
	Actual []float64
	// Bands holds prediction intervals (levels in percent), each with
	// len(Forecast) bounds.
	Bands []forecast.Interval

	// Times holds timestamps for History, optionally followed by those of
	// the horizon (len(History) or len(History)+h entries). Nil means the
	// series has none and the x axis counts steps. Missing horizon stamps
	// are generated with Freq.
	Times []time.Time
	// Freq is the sampling frequency, used to extend Times over the horizon.
	Freq forecast.Freq

	// Tail is how many history observations to show. Zero means
	// max(4h, 3 seasons of Freq, 24), capped at len(History).
	Tail int
}

func (c *ForecastChart) validate() error {
	const name = "forecast"
	if len(c.History) == 0 {
		return dataErr(name, "History", "empty")
	}
	h := len(c.Forecast)
	if h == 0 {
		return dataErr(name, "Forecast", "empty: the horizon must be at least 1")
	}
	if c.Actual != nil && len(c.Actual) != h {
		return dataErr(name, "Actual", "%d values for a horizon of %d", len(c.Actual), h)
	}
	if c.Times != nil && len(c.Times) != len(c.History) && len(c.Times) != len(c.History)+h {
		return dataErr(name, "Times", "%d timestamps for %d history values and horizon %d", len(c.Times), len(c.History), h)
	}
	if err := checkTimes(name, c.Times); err != nil {
		return err
	}
	if c.Tail < 0 {
		return dataErr(name, "Tail", "negative (%d)", c.Tail)
	}
	for _, f := range []struct {
		name string
		v    []float64
	}{{"History", c.History}, {"Forecast", c.Forecast}, {"Actual", c.Actual}} {
		if err := checkFinite(name, f.name, f.v); err != nil {
			return err
		}
	}
	for i, b := range c.Bands {
		field := fmt.Sprintf("Bands[%d]", i)
		if !forecast.ValidLevel(b.Level) {
			return dataErr(name, field+".Level", "%v is not a percentage in (0, 100)", b.Level)
		}
		if len(b.Lo) != h || len(b.Hi) != h {
			return dataErr(name, field, "%d lower and %d upper bounds for a horizon of %d", len(b.Lo), len(b.Hi), h)
		}
		if err := checkFinite(name, field+".Lo", b.Lo); err != nil {
			return err
		}
		if err := checkFinite(name, field+".Hi", b.Hi); err != nil {
			return err
		}
		for j := range b.Lo {
			if b.Lo[j] > b.Hi[j] {
				return &DataError{Chart: name, Field: field, Index: j, Msg: fmt.Sprintf("lower bound %g above upper bound %g", b.Lo[j], b.Hi[j])}
			}
		}
	}
	return nil
}

func (c *ForecastChart) tail() int {
	n, h := len(c.History), len(c.Forecast)
	t := c.Tail
	if t == 0 {
		t = max(4*h, 3*c.Freq.Season(), 24)
	}
	return min(t, n)
}

func (c *ForecastChart) timeline() timeline {
	if len(c.Times) == 0 {
		return timeline{}
	}
	return timeline{times: c.Times, freq: c.Freq}
}

// Title returns the chart title: id, model and headline metrics.
func (c *ForecastChart) Title() string {
	return headline(c.ID, c.Model, c.Metrics)
}

func headline(id, model string, metrics []Metric) string {
	var parts []string
	if id != "" {
		parts = append(parts, id)
	}
	if model != "" {
		parts = append(parts, model)
	}
	s := strings.Join(parts, " — ")
	var ms []string
	for _, m := range metrics {
		ms = append(ms, fmt.Sprintf("%s %.4g", m.Name, m.Value))
	}
	if len(ms) > 0 {
		if s != "" {
			s += "    "
		}
		s += strings.Join(ms, " · ")
	}
	return s
}

// Plot returns the chart as a gonum plot for further customisation. Its
// legend is drawn inside the data area; Draw places it outside when the
// chart is crowded.
func (c *ForecastChart) Plot() (*plot.Plot, error) {
	if err := c.validate(); err != nil {
		return nil, err
	}
	return c.plot(7, true), nil
}

// Draw draws the chart on dc. It implements [Chart].
func (c *ForecastChart) Draw(dc draw.Canvas) error {
	if err := c.validate(); err != nil {
		return err
	}
	p := c.plot(7, true)
	drawPlot(dc, p, true)
	return nil
}

// plot builds the plot; legend adds legend entries.
func (c *ForecastChart) plot(maxTicks int, legend bool) *plot.Plot {
	tl := c.timeline()
	n, h := len(c.History), len(c.Forecast)
	start := n - c.tail()

	p := newPlot(c.Title(), "", yLabel(c.YLabel))
	tl.apply(p, maxTicks)
	defer padY(p)

	// Bands, widest (lightest) first so narrower ones stay visible on top.
	bands := slices.Clone(c.Bands)
	slices.SortStableFunc(bands, func(a, b forecast.Interval) int {
		switch {
		case a.Level > b.Level:
			return -1
		case a.Level < b.Level:
			return 1
		}
		return 0
	})
	for k, b := range bands {
		// Lightest tint for the widest band; narrower levels darker.
		f := 0.82 - 0.5*float64(k)/float64(max(len(bands), 2))
		if len(bands) == 1 {
			f = 0.7
		}
		poly := bandPolygon(tl, n, b.Lo, b.Hi)
		poly.Color = tint(Blue, f)
		poly.LineStyle.Width = 0
		p.Add(poly)
		if legend {
			p.Legend.Add(fmt.Sprintf("%.4g%% interval", b.Level), poly)
		}
	}

	// Observed: history tail, continued by the actual values when known.
	obs := make(plotter.XYs, 0, n-start+len(c.Actual))
	for i := start; i < n; i++ {
		obs = append(obs, plotter.XY{X: tl.x(i), Y: c.History[i]})
	}
	for i, v := range c.Actual {
		obs = append(obs, plotter.XY{X: tl.x(n + i), Y: v})
	}
	obsLine := newLine(obs, lineStyle(Black, 1.5))
	p.Add(obsLine)

	fc := make(plotter.XYs, h)
	for i, v := range c.Forecast {
		fc[i] = plotter.XY{X: tl.x(n + i), Y: v}
	}
	fcLine := newLine(fc, lineStyle(Vermillion, 2))
	p.Add(fcLine)
	var fcPts *plotter.Scatter
	if h <= 60 {
		fcPts = newScatter(fc, Vermillion, 2.5, draw.CircleGlyph{})
		p.Add(fcPts)
	}
	// Actual values as rings over the forecast, so that neither hides the
	// other where they meet.
	var actPts *plotter.Scatter
	if len(c.Actual) > 0 && h <= 60 {
		act := obs[len(obs)-h:]
		actPts = newScatter(act, Black, 2.5, draw.RingGlyph{})
		p.Add(actPts)
	}

	origin := vline{X: tl.x(n - 1), LineStyle: lineStyle(grey, 1.2, vg.Points(5), vg.Points(3))}
	p.Add(origin)

	// Keep a little room right of the last forecast so its marker is whole.
	if h == 1 {
		hs := tl.halfStep(n)
		p.X.Max = math.Max(p.X.Max, tl.x(n)+hs)
	}

	if legend {
		lab := "observed"
		if actPts != nil {
			p.Legend.Add(lab, obsLine, actPts)
		} else {
			p.Legend.Add(lab, obsLine)
		}
		if fcPts != nil {
			p.Legend.Add("forecast", fcLine, fcPts)
		} else {
			p.Legend.Add("forecast", fcLine)
		}
		p.Legend.Add("origin", origin)
	}
	return p
}

// bandPolygon returns the band as a closed polygon over the horizon; a
// horizon of one step becomes a box one step wide so it stays visible.
func bandPolygon(tl timeline, n int, lo, hi []float64) *plotter.Polygon {
	h := len(lo)
	ring := make(plotter.XYs, 0, 2*h+2)
	if h == 1 {
		x := tl.x(n)
		hs := tl.halfStep(n) / 2
		ring = append(ring,
			plotter.XY{X: x - hs, Y: lo[0]}, plotter.XY{X: x + hs, Y: lo[0]},
			plotter.XY{X: x + hs, Y: hi[0]}, plotter.XY{X: x - hs, Y: hi[0]})
	} else {
		for i := range h {
			ring = append(ring, plotter.XY{X: tl.x(n + i), Y: lo[i]})
		}
		for i := h - 1; i >= 0; i-- {
			ring = append(ring, plotter.XY{X: tl.x(n + i), Y: hi[i]})
		}
	}
	poly, err := plotter.NewPolygon(ring)
	if err != nil {
		panic("plots: " + err.Error())
	}
	return poly
}
