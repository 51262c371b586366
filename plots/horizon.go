package plots

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

var baselineDashes = [][]vg.Length{
	{vg.Points(6), vg.Points(3)},
	{vg.Points(2), vg.Points(2)},
	{vg.Points(9), vg.Points(3), vg.Points(2), vg.Points(3)},
	{vg.Points(12), vg.Points(4)},
}

// HorizonErrors is one model's error at each horizon step.
type HorizonErrors struct {
	// Model names the line in the legend.
	Model string
	// Errors[i] is the error at horizon step i+1, typically averaged over
	// the walk-forward folds.
	Errors []float64
	// Baseline marks reference models (naive, seasonal naive, ...); they are
	// drawn dashed so the models being judged stand out.
	Baseline bool
}

// HorizonChart draws error against horizon step for several models,
// baselines included, so one sees how fast each model degrades and where it
// stops beating the baselines. A baseline whose errors would squash the
// other lines (above twice the largest error of the models being judged)
// is cut at the top of the chart and its legend entry says "off scale" with
// its largest error.
type HorizonChart struct {
	// Title is the chart title; empty means "<Metric> by horizon step".
	Title string
	// Metric names the error on the y axis, e.g. "MAE" or "sMAPE (%)".
	Metric string
	// Models holds one line per model. All must have the same number of
	// steps (at least one).
	Models []HorizonErrors
}

func (c *HorizonChart) validate() error {
	const name = "horizon"
	if len(c.Models) == 0 {
		return dataErr(name, "Models", "no models")
	}
	h := len(c.Models[0].Errors)
	for i, m := range c.Models {
		field := fmt.Sprintf("Models[%d].Errors", i)
		if len(m.Errors) == 0 {
			return dataErr(name, field, "empty")
		}
		if len(m.Errors) != h {
			return dataErr(name, field, "%d steps, Models[0] has %d", len(m.Errors), h)
		}
		if err := checkFinite(name, field, m.Errors); err != nil {
			return err
		}
	}
	return nil
}

// Draw draws the chart on dc. It implements [Chart].
func (c *HorizonChart) Draw(dc draw.Canvas) error {
	if err := c.validate(); err != nil {
		return err
	}
	drawPlot(dc, c.plot(), true)
	return nil
}

func (c *HorizonChart) plot() *plot.Plot {
	metric := c.Metric
	if metric == "" {
		metric = "error"
	}
	title := c.Title
	if title == "" {
		title = metric + " by horizon step"
	}
	p := newPlot(title, "horizon step", metric)
	h := len(c.Models[0].Errors)
	p.X.Tick.Marker = niceTicker{want: 10, integer: true}
	nonneg := true
	// Models first in palette order, then baselines, so colours stay stable
	// when baselines are added or removed.
	order := make([]int, 0, len(c.Models))
	for i, m := range c.Models {
		if !m.Baseline {
			order = append(order, i)
		}
	}
	for i, m := range c.Models {
		if m.Baseline {
			order = append(order, i)
		}
	}
	shapes := []draw.GlyphDrawer{draw.CircleGlyph{}, draw.SquareGlyph{}, draw.TriangleGlyph{}, draw.PyramidGlyph{}, draw.RingGlyph{}, draw.BoxGlyph{}, draw.CrossGlyph{}, draw.PlusGlyph{}}
	// No observed data here, so black and grey may join the palette: more
	// lines keep distinct colours.
	colours := append(slices.Clone(Palette), Black, grey)
	top := c.scaleTop()
	nb := 0
	for k, i := range order {
		m := c.Models[i]
		xy := make(plotter.XYs, h)
		peak := math.Inf(-1)
		for j, v := range m.Errors {
			xy[j] = plotter.XY{X: float64(j + 1), Y: v}
			if v < 0 {
				nonneg = false
			}
			peak = max(peak, v)
		}
		col := colours[k%len(colours)]
		ls := lineStyle(col, 2)
		if m.Baseline {
			// Vary the dash pattern too, so baselines with equal errors
			// (naive and drift often coincide) stay distinguishable.
			ls = lineStyle(col, 1.6, baselineDashes[nb%len(baselineDashes)]...)
			nb++
		}
		l := newLine(xy, ls)
		p.Add(l)
		thumbs := []plot.Thumbnailer{l}
		if h <= 30 {
			var in plotter.XYs // markers only inside the frame
			for _, q := range xy {
				if q.Y <= top {
					in = append(in, q)
				}
			}
			s := newScatter(in, col, 2.5, shapes[k%len(shapes)])
			p.Add(s)
			thumbs = append(thumbs, s)
		}
		name := m.Model
		switch {
		case peak > top:
			name += fmt.Sprintf(" (baseline, off scale: up to %.4g)", peak)
		case m.Baseline:
			name += " (baseline)"
		}
		p.Legend.Add(name, thumbs...)
	}
	if nonneg {
		p.Y.Min = 0
	}
	if !math.IsInf(top, 1) {
		p.Y.Max = top
	}
	if h == 1 {
		p.X.Min, p.X.Max = 0.5, 1.5
	}
	return p
}

// scaleTop returns the top of the y axis: twice the largest error of the
// models being judged when a baseline goes above it, +Inf (no cut)
// otherwise or when every model is a baseline.
func (c *HorizonChart) scaleTop() float64 {
	judged, all := math.Inf(-1), math.Inf(-1)
	for _, m := range c.Models {
		for _, v := range m.Errors {
			all = max(all, v)
			if !m.Baseline {
				judged = max(judged, v)
			}
		}
	}
	if math.IsInf(judged, -1) || !(judged > 0) || all <= 2*judged {
		return math.Inf(1)
	}
	return 2 * judged
}
