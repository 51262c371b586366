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

// Scale chooses the y scale of a TrainingChart.
type Scale int

const (
	// AutoScale uses a log scale when every loss is positive and the largest
	// is at least 100 times the smallest (two decades), linear otherwise.
	AutoScale Scale = iota
	// Linear forces a linear scale.
	Linear
	// Log forces a log scale; it is an error if a loss is not positive.
	Log
)

// TrainingChart draws the training and validation loss per epoch of a
// network, with the epoch early stopping kept marked.
type TrainingChart struct {
	// Title is the chart title; empty means "training loss".
	Title string
	// Loss names the loss on the y axis, e.g. "MSE (scaled)"; empty means
	// "loss".
	Loss string
	// Train holds the training loss of epochs 1..len(Train); at least one.
	Train []float64
	// Val holds the validation loss per epoch: nil, or len(Train) values.
	Val []float64
	// BestEpoch is the 1-based epoch whose weights were kept (the
	// early-stopping epoch); 0 means none is marked.
	BestEpoch int
	// Scale chooses the y scale; the zero value is AutoScale.
	Scale Scale
}

func (c *TrainingChart) validate() error {
	const name = "training"
	if len(c.Train) == 0 {
		return dataErr(name, "Train", "no epochs")
	}
	if c.Val != nil && len(c.Val) != len(c.Train) {
		return dataErr(name, "Val", "%d epochs, Train has %d", len(c.Val), len(c.Train))
	}
	if c.BestEpoch < 0 || c.BestEpoch > len(c.Train) {
		return dataErr(name, "BestEpoch", "%d outside 0..%d", c.BestEpoch, len(c.Train))
	}
	if c.Scale < AutoScale || c.Scale > Log {
		panic("plots: unknown Scale")
	}
	if err := checkFinite(name, "Train", c.Train); err != nil {
		return err
	}
	if err := checkFinite(name, "Val", c.Val); err != nil {
		return err
	}
	if c.Scale == Log {
		for _, f := range []struct {
			n string
			v []float64
		}{{"Train", c.Train}, {"Val", c.Val}} {
			for i, v := range f.v {
				if v <= 0 {
					return &DataError{Chart: name, Field: f.n, Index: i, Msg: fmt.Sprintf("loss %g not positive on a log scale", v)}
				}
			}
		}
	}
	return nil
}

// logScale reports whether the chart uses a log y axis.
func (c *TrainingChart) logScale() bool {
	switch c.Scale {
	case Linear:
		return false
	case Log:
		return true
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range append(c.Train[:len(c.Train):len(c.Train)], c.Val...) {
		if v <= 0 {
			return false
		}
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	return hi/lo >= 100
}

// Draw draws the chart on dc. It implements [Chart].
func (c *TrainingChart) Draw(dc draw.Canvas) error {
	if err := c.validate(); err != nil {
		return err
	}
	drawPlot(dc, c.plot(), true)
	return nil
}

func (c *TrainingChart) plot() *plot.Plot {
	title := c.Title
	if title == "" {
		title = "training loss"
	}
	loss := c.Loss
	if loss == "" {
		loss = "loss"
	}
	logY := c.logScale()
	if logY {
		loss += " (log scale)"
	}
	p := newPlot(title, "epoch", loss)
	p.X.Tick.Marker = niceTicker{want: 10, integer: true}
	// On a log scale the losses are drawn as log10 values on a linear axis
	// whose ticks are labelled 10^v: plot.LogScale misplaces the y label's
	// glyph box (it takes the arithmetic midpoint of the range) and squashes
	// the data area when the range spans many decades.
	if logY {
		p.Y.Tick.Marker = log10Ticker{}
	}
	yv := func(v float64) float64 {
		if logY {
			return math.Log10(v)
		}
		return v
	}
	n := len(c.Train)
	pts := func(v []float64) plotter.XYs {
		xy := make(plotter.XYs, len(v))
		for i, y := range v {
			xy[i] = plotter.XY{X: float64(i + 1), Y: yv(y)}
		}
		return xy
	}
	tr := pts(c.Train)
	trLine := newLine(tr, lineStyle(Blue, 2))
	p.Add(trLine)
	trThumbs := []plot.Thumbnailer{trLine}
	if n <= 50 {
		s := newScatter(tr, Blue, 2.2, draw.CircleGlyph{})
		p.Add(s)
		trThumbs = append(trThumbs, s)
	}
	p.Legend.Add("train", trThumbs...)
	if c.Val != nil {
		va := pts(c.Val)
		vaLine := newLine(va, lineStyle(Vermillion, 2))
		p.Add(vaLine)
		vaThumbs := []plot.Thumbnailer{vaLine}
		if n <= 50 {
			s := newScatter(va, Vermillion, 2.2, draw.SquareGlyph{})
			p.Add(s)
			vaThumbs = append(vaThumbs, s)
		}
		p.Legend.Add("validation", vaThumbs...)
	}
	if c.BestEpoch > 0 {
		b := c.BestEpoch
		mark := vline{X: float64(b), LineStyle: lineStyle(grey, 1.4, vg.Points(5), vg.Points(3))}
		p.Add(mark)
		lab := fmt.Sprintf("kept epoch %d", b)
		v := c.Train[b-1]
		if c.Val != nil {
			v = c.Val[b-1]
			lab += fmt.Sprintf(" (val %.4g)", v)
		} else {
			lab += fmt.Sprintf(" (train %.4g)", v)
		}
		star := newScatter(plotter.XYs{{X: float64(b), Y: yv(v)}}, Black, 5, draw.RingGlyph{})
		star.GlyphStyle.Color = Black
		p.Add(star)
		p.Legend.Add(lab, mark, star)
	}
	if !logY && p.Y.Min > 0 {
		p.Y.Min = 0 // losses are non-negative: show their true proportions
	}
	if n == 1 {
		p.X.Min, p.X.Max = 0.5, 1.5
	} else {
		p.X.Min, p.X.Max = 1, float64(n)
	}
	p.X.Padding = vg.Points(8)
	return p
}

// logTicker labels powers of ten (every k-th decade when the range spans
// many, so at most about 8 labels) and, when the range spans fewer than
// three decades, also 2× and 5× multiples, so a log axis always shows a few
// labelled ticks.
type logTicker struct{}

// log10Ticker labels an axis of log10 values with logTicker's ticks.
type log10Ticker struct{}

func (log10Ticker) Ticks(min, max float64) []plot.Tick {
	ticks := logTicker{}.Ticks(math.Pow(10, min), math.Pow(10, max))
	for i := range ticks {
		ticks[i].Value = math.Log10(ticks[i].Value)
	}
	return ticks
}

func (logTicker) Ticks(min, max float64) []plot.Tick {
	if min <= 0 || !(max > min) {
		return niceTicker{}.Ticks(min, max)
	}
	lo := math.Floor(math.Log10(min))
	hi := math.Ceil(math.Log10(max))
	decades := hi - lo
	stride := math.Max(1, math.Ceil(decades/8))
	mults := []float64{1}
	if decades < 3 {
		mults = []float64{1, 2, 5}
	}
	var ticks []plot.Tick
	for e := lo; e <= hi; e++ {
		p := math.Pow(10, e)
		labelled := math.Mod(e-lo, stride) == 0
		for m := 1.0; m < 10; m++ {
			if stride > 1 && m > 1 {
				break // minor ticks only within single-decade strides
			}
			v := m * p
			if v < min || v > max {
				continue
			}
			t := plot.Tick{Value: v}
			if labelled && slices.Contains(mults, m) {
				t.Label = formatTick(v, int(math.Max(-e, 0)))
			}
			ticks = append(ticks, t)
		}
	}
	return ticks
}
