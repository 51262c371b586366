package main

import (
	"fmt"
	"math"

	"github.com/tsforecast/tsforecast/features"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/plots"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// savePNG renders c to path atomically at size (the zero Size is the
// plots package's default).
func savePNG(path string, c plots.Chart, size plots.Size) error {
	return writeError(path, plots.SavePNG(path, c, size))
}

// seriesACF is inspect's chart: the series over time above its
// autocorrelation function with the ±1.96/√n white-noise bounds and the
// chosen seasonal period marked.
type seriesACF struct {
	s      *forecast.Series
	season int
}

func seriesACFChart(s *forecast.Series, season int) plots.Chart {
	return &seriesACF{s: s, season: season}
}

func (c *seriesACF) Draw(dc draw.Canvas) error {
	s := c.s
	n := s.Len()
	if n < 2 {
		return fmt.Errorf("series %q has %d value(s): nothing to plot", s.ID, n)
	}
	top := plot.New()
	top.Title.Text = fmt.Sprintf("%s: %d %s values", s.ID, n, s.Freq)
	top.Title.TextStyle.Font.Size = vg.Points(14)
	top.Y.Label.Text = s.Target
	xy := make(plotter.XYs, n)
	for i, v := range s.Values {
		xy[i] = plotter.XY{X: float64(i), Y: v}
		if len(s.Times) == n {
			xy[i].X = float64(s.Times[i].Unix())
		}
	}
	if len(s.Times) == n {
		format := "2006-01-02"
		switch s.Freq {
		case forecast.Monthly, forecast.Quarterly, forecast.Yearly:
			format = "2006-01"
		case forecast.Hourly, forecast.Minutely:
			format = "2006-01-02 15h"
		}
		top.X.Tick.Marker = plot.TimeTicks{Format: format}
	} else {
		top.X.Label.Text = "step"
	}
	line, err := plotter.NewLine(xy)
	if err != nil {
		return err
	}
	line.Color = plots.Black
	top.Add(line, plotter.NewGrid())

	maxLag := min(n-1, max(3*c.season, 40))
	acf := features.ACF(nil, s.Values, maxLag)
	bottom := plot.New()
	bottom.Title.Text = "autocorrelation"
	if c.season > 1 {
		bottom.Title.Text += fmt.Sprintf(" (season %d marked)", c.season)
	}
	bottom.X.Label.Text = "lag"
	bottom.Y.Min, bottom.Y.Max = -1, 1
	stems := make(plotter.XYs, 0, 2*maxLag)
	for k := 1; k <= maxLag; k++ {
		stems = append(stems, plotter.XY{X: float64(k), Y: 0}, plotter.XY{X: float64(k), Y: acf[k]})
	}
	for i := 0; i < len(stems); i += 2 {
		l, err := plotter.NewLine(stems[i : i+2])
		if err != nil {
			return err
		}
		l.Color = plots.Blue
		l.Width = vg.Points(2)
		if c.season > 1 && int(stems[i].X)%c.season == 0 {
			l.Color = plots.Vermillion
		}
		bottom.Add(l)
	}
	bound := 1.96 / math.Sqrt(float64(n))
	for _, y := range []float64{bound, -bound} {
		l, err := plotter.NewLine(plotter.XYs{{X: 0, Y: y}, {X: float64(maxLag), Y: y}})
		if err != nil {
			return err
		}
		l.Color = plots.SkyBlue
		l.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
		bottom.Add(l)
	}
	bottom.Add(plotter.NewGrid())
	for _, p := range []*plot.Plot{top, bottom} {
		p.X.Label.TextStyle.Font.Size = vg.Points(12)
		p.Y.Label.TextStyle.Font.Size = vg.Points(12)
		p.X.Tick.Label.Font.Size = vg.Points(11)
		p.Y.Tick.Label.Font.Size = vg.Points(11)
	}
	tiles := draw.Tiles{Rows: 2, Cols: 1, PadY: vg.Points(12), PadTop: vg.Points(4), PadBottom: vg.Points(4), PadLeft: vg.Points(4), PadRight: vg.Points(12)}
	cs := plot.Align([][]*plot.Plot{{top}, {bottom}}, tiles, dc)
	top.Draw(cs[0][0])
	bottom.Draw(cs[1][0])
	return nil
}
