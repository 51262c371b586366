package plots

import (
	"fmt"
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// GridChart draws several forecasts as small multiples, e.g. the 9 worst
// series of an M4 file in a 3×3 grid. Each panel is a compact
// [ForecastChart] titled with its id and first metric; a key above the grid
// explains the line styles once. Use [Worst], [Best] or [ByID] to choose the
// panels.
type GridChart struct {
	// Title is the figure title, e.g. "M4 Hourly: 9 worst series by MASE".
	Title string
	// Panels are drawn row by row; 1 to 36 panels.
	Panels []ForecastChart
	// Cols is the number of columns. Zero means 3 (or fewer when there are
	// fewer panels).
	Cols int
}

// MaxPanels is the largest number of panels a GridChart draws legibly.
const MaxPanels = 36

func (c *GridChart) cols() int {
	cols := c.Cols
	if cols <= 0 {
		cols = 3
	}
	return min(cols, len(c.Panels))
}

func (c *GridChart) rows() int {
	cols := c.cols()
	return (len(c.Panels) + cols - 1) / cols
}

// defaultSize is 4 in per column and 3 in per row plus the title, but at
// least the 10 in slide width.
func (c *GridChart) defaultSize() Size {
	if len(c.Panels) == 0 {
		return DefaultSize
	}
	w := math.Max(10, 4*float64(c.cols()))
	h := 3*float64(c.rows()) + 0.8
	return Size{Width: vg.Length(w) * vg.Inch, Height: vg.Length(h) * vg.Inch, DPI: 96}
}

func (c *GridChart) validate() error {
	if len(c.Panels) == 0 {
		return dataErr("grid", "Panels", "no panels")
	}
	if len(c.Panels) > MaxPanels {
		return dataErr("grid", "Panels", "%d panels, at most %d are legible", len(c.Panels), MaxPanels)
	}
	for i := range c.Panels {
		if err := c.Panels[i].validate(); err != nil {
			return fmt.Errorf("plots: grid panel %d (%s): %w", i, c.Panels[i].ID, err)
		}
	}
	return nil
}

// Draw draws the chart on dc. It implements [Chart].
func (c *GridChart) Draw(dc draw.Canvas) error {
	if err := c.validate(); err != nil {
		return err
	}
	rows, cols := c.rows(), c.cols()
	ps := make([][]*plot.Plot, rows)
	for r := range ps {
		ps[r] = make([]*plot.Plot, cols)
	}
	bands := map[float64]bool{}
	for i := range c.Panels {
		pc := &c.Panels[i]
		p := pc.plot(4, false)
		p.Title.Text = headline(pc.ID, "", pc.Metrics[:min(1, len(pc.Metrics))])
		p.Title.TextStyle.Font = font.From(sans, 12)
		ps[i/cols][i%cols] = p
		for _, b := range pc.Bands {
			bands[b.Level] = true
		}
	}

	// Header: title and a one-line key.
	hdr := textStyle(titleSize+2, ps[0][0])
	hdr.XAlign = draw.XCenter
	hdr.YAlign = draw.YTop
	top := dc.Max.Y - vg.Points(6)
	if c.Title != "" {
		dc.FillText(hdr, vg.Point{X: (dc.Min.X + dc.Max.X) / 2, Y: top}, c.Title)
		top -= hdr.Height(c.Title) + vg.Points(4)
	}
	key := textStyle(legendSize, ps[0][0])
	levels := make([]float64, 0, len(bands))
	for l := range bands {
		levels = append(levels, l)
	}
	slices.Sort(levels)
	top = drawKey(dc, key, top, levels)

	grid := dc
	grid.Max.Y = top - vg.Points(4)
	tiles := draw.Tiles{Rows: rows, Cols: cols, PadX: vg.Points(18), PadY: vg.Points(10), PadLeft: vg.Points(4), PadRight: vg.Points(8), PadBottom: vg.Points(4)}
	cs := plot.Align(ps, tiles, grid)
	for r := range ps {
		for k, p := range ps[r] {
			if p != nil {
				p.Draw(cs[r][k])
			}
		}
	}
	return nil
}

// drawKey draws a centred one-line key of the small multiples' styles below
// y and returns the y of its bottom edge.
func drawKey(dc draw.Canvas, sty text.Style, y vg.Length, levels []float64) vg.Length {
	type entry struct {
		label string
		thumb func(c draw.Canvas)
	}
	line := func(col color.Color, w float64, dashes ...vg.Length) func(c draw.Canvas) {
		return func(c draw.Canvas) {
			ym := (c.Min.Y + c.Max.Y) / 2
			c.StrokeLine2(lineStyle(col, w, dashes...), c.Min.X, ym, c.Max.X, ym)
		}
	}
	entries := []entry{{"observed", line(Black, 1.5)}, {"forecast", line(Vermillion, 2)}}
	for k := len(levels) - 1; k >= 0; k-- {
		f := 0.82 - 0.5*float64(len(levels)-1-k)/float64(max(len(levels), 2))
		if len(levels) == 1 {
			f = 0.7
		}
		col := tint(Blue, f)
		entries = append(entries, entry{fmt.Sprintf("%.4g%% interval", levels[k]), func(c draw.Canvas) {
			c.FillPolygon(col, []vg.Point{c.Min, {X: c.Max.X, Y: c.Min.Y}, c.Max, {X: c.Min.X, Y: c.Max.Y}})
		}})
	}
	entries = append(entries, entry{"origin", func(c draw.Canvas) {
		xm := (c.Min.X + c.Max.X) / 2
		c.StrokeLine2(lineStyle(grey, 1.5, vg.Points(4), vg.Points(2)), xm, c.Min.Y, xm, c.Max.Y)
	}})
	thumbW := vg.Points(22)
	gap := vg.Points(6)
	sep := vg.Points(18)
	h := sty.Height("M")
	var total vg.Length
	for i, e := range entries {
		total += thumbW + gap + sty.Width(e.label)
		if i > 0 {
			total += sep
		}
	}
	x := (dc.Min.X+dc.Max.X)/2 - total/2
	sty.XAlign = draw.XLeft
	sty.YAlign = draw.YBottom
	base := y - h
	for _, e := range entries {
		e.thumb(draw.Canvas{Canvas: dc.Canvas, Rectangle: vg.Rectangle{Min: vg.Point{X: x, Y: base - h*0.15}, Max: vg.Point{X: x + thumbW, Y: base + h*0.95}}})
		x += thumbW + gap
		dc.FillText(sty, vg.Point{X: x, Y: base}, e.label)
		x += sty.Width(e.label) + sep
	}
	return base - vg.Points(2)
}
