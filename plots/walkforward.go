package plots

import (
	"fmt"
	"image/color"
	"time"

	"github.com/tsforecast/tsforecast/forecast"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Fold is one walk-forward (rolling-origin) forecast.
type Fold struct {
	// Origin is the number of observations the model saw: the fold's
	// forecasts are for observations Origin, Origin+1, ... of the series.
	Origin int
	// Forecast holds the fold's point forecasts (at least one).
	Forecast []float64
	// Error is the fold's error under the chart's metric, used to pick the
	// worst fold. It is ignored when the chart's Metric is empty.
	Error float64
}

// WalkForwardChart draws a whole series with every walk-forward fold's
// forecast drawn from its origin, so that one can see where a model fails.
// Folds alternate between two blues; when Metric is set, the fold with the
// largest Error is drawn in vermillion and named in the legend.
type WalkForwardChart struct {
	// ID, Model and Metrics make up the title as in ForecastChart.
	ID, Model string
	Metrics   []Metric
	// YLabel labels the y axis; empty means "value".
	YLabel string
	// Values is the whole observed series.
	Values []float64
	// Times holds a timestamp per value, or nil for step numbers.
	Times []time.Time
	// Freq extends Times when a fold forecasts past the last observation.
	Freq forecast.Freq
	// Folds holds the forecasts, in any order.
	Folds []Fold
	// Metric names Fold.Error (e.g. "MAE"); empty means folds carry none.
	Metric string
}

func (c *WalkForwardChart) validate() error {
	const name = "walk-forward"
	if len(c.Values) == 0 {
		return dataErr(name, "Values", "empty")
	}
	if c.Times != nil && len(c.Times) != len(c.Values) {
		return dataErr(name, "Times", "%d timestamps for %d values", len(c.Times), len(c.Values))
	}
	if err := checkTimes(name, c.Times); err != nil {
		return err
	}
	if err := checkFinite(name, "Values", c.Values); err != nil {
		return err
	}
	if len(c.Folds) == 0 {
		return dataErr(name, "Folds", "no folds")
	}
	for i, f := range c.Folds {
		field := fmt.Sprintf("Folds[%d]", i)
		if f.Origin < 1 || f.Origin > len(c.Values) {
			return dataErr(name, field+".Origin", "%d outside 1..%d", f.Origin, len(c.Values))
		}
		if len(f.Forecast) == 0 {
			return dataErr(name, field+".Forecast", "empty")
		}
		if len(c.Times) > 0 && c.Freq == forecast.Step && f.Origin+len(f.Forecast) > len(c.Values) && len(c.Times) < 2 {
			return dataErr(name, field, "forecasts past the data need a frequency or two timestamps")
		}
		if err := checkFinite(name, field+".Forecast", f.Forecast); err != nil {
			return err
		}
		if c.Metric != "" {
			if err := checkFinite(name, field+".Error", []float64{f.Error}); err != nil {
				return err
			}
		}
	}
	return nil
}

// Draw draws the chart on dc. It implements [Chart].
func (c *WalkForwardChart) Draw(dc draw.Canvas) error {
	if err := c.validate(); err != nil {
		return err
	}
	drawPlot(dc, c.plot(), true)
	return nil
}

func (c *WalkForwardChart) plot() *plot.Plot {
	tl := timeline{times: c.Times, freq: c.Freq}
	title := headline(c.ID, c.Model, c.Metrics)
	if title == "" {
		title = "walk-forward"
	}
	p := newPlot(fmt.Sprintf("%s    (%d folds)", title, len(c.Folds)), "", yLabel(c.YLabel))
	tl.apply(p, 8)
	defer padY(p)

	start := c.start()
	obs := make(plotter.XYs, 0, len(c.Values)-start)
	for i := start; i < len(c.Values); i++ {
		obs = append(obs, plotter.XY{X: tl.x(i), Y: c.Values[i]})
	}
	obsLine := newLine(obs, lineStyle(Black, 1))
	p.Add(obsLine)

	worst := -1
	if c.Metric != "" {
		for i, f := range c.Folds {
			if worst < 0 || f.Error > c.Folds[worst].Error {
				worst = i
			}
		}
	}
	dense := len(c.Values) > 400
	width := 1.8
	if dense {
		width = 1.2
	}
	colors := []color.Color{Blue, SkyBlue}
	var foldLine, worstLine *plotter.Line
	var originPts plotter.XYs
	for i, f := range c.Folds {
		xy := make(plotter.XYs, 0, len(f.Forecast)+1)
		// Start at the last observation the model saw so each fold reads as a
		// branch off the series.
		xy = append(xy, plotter.XY{X: tl.x(f.Origin - 1), Y: c.Values[f.Origin-1]})
		for j, v := range f.Forecast {
			xy = append(xy, plotter.XY{X: tl.x(f.Origin + j), Y: v})
		}
		originPts = append(originPts, xy[0])
		if i == worst {
			continue
		}
		l := newLine(xy, lineStyle(colors[i%2], width))
		p.Add(l)
		if foldLine == nil {
			foldLine = l
		}
	}
	if worst >= 0 {
		f := c.Folds[worst]
		xy := plotter.XYs{{X: tl.x(f.Origin - 1), Y: c.Values[f.Origin-1]}}
		for j, v := range f.Forecast {
			xy = append(xy, plotter.XY{X: tl.x(f.Origin + j), Y: v})
		}
		worstLine = newLine(xy, lineStyle(Vermillion, width+0.7))
		p.Add(worstLine)
	}
	origins := newScatter(originPts, Black, 2.2, draw.CircleGlyph{})
	if len(c.Folds) > 60 {
		origins.GlyphStyle.Radius = vg.Points(1.4)
	}
	p.Add(origins)

	p.Legend.Add("observed", obsLine)
	if foldLine != nil {
		p.Legend.Add("fold forecasts", foldLine)
	}
	if worstLine != nil {
		f := c.Folds[worst]
		p.Legend.Add(fmt.Sprintf("worst fold, %s: %s %.4g", originLabel(tl, f.Origin-1), c.Metric, f.Error), worstLine)
	}
	p.Legend.Add("fold origins", origins)
	return p
}

// start returns the first observation drawn: the whole series, or when
// the folds cover less than a third of it, the stretch before the first
// origin as long as the folds' span (at least two horizons), so that short
// folds at the end of a long history are seen.
func (c *WalkForwardChart) start() int {
	first, end, h := len(c.Values), 0, 0
	for _, f := range c.Folds {
		first = min(first, f.Origin)
		end = max(end, f.Origin+len(f.Forecast))
		h = max(h, len(f.Forecast))
	}
	span := end - first
	if len(c.Folds) == 0 || 3*span >= len(c.Values) {
		return 0
	}
	return max(0, first-max(span, 2*h))
}

// originLabel names observation i: its date when timed, else its step.
func originLabel(tl timeline, i int) string {
	if !tl.timed() {
		return fmt.Sprintf("step %d", i)
	}
	t := tl.at(i)
	switch tl.freq {
	case forecast.Monthly, forecast.Quarterly:
		return t.Format("Jan 2006")
	case forecast.Yearly:
		return t.Format("2006")
	case forecast.Daily, forecast.Weekly:
		return t.Format("2006-01-02")
	}
	return t.Format("2006-01-02 15:04")
}
