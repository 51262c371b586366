package plots

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"math"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Okabe–Ito colours (Okabe & Ito, "Color Universal Design", 2002), the
// palette every chart draws from. They stay distinct under the common forms
// of colour-vision deficiency and in greyscale print.
var (
	Black         = color.NRGBA{0x00, 0x00, 0x00, 0xff}
	Orange        = color.NRGBA{0xe6, 0x9f, 0x00, 0xff}
	SkyBlue       = color.NRGBA{0x56, 0xb4, 0xe9, 0xff}
	BluishGreen   = color.NRGBA{0x00, 0x9e, 0x73, 0xff}
	Yellow        = color.NRGBA{0xf0, 0xe4, 0x42, 0xff}
	Blue          = color.NRGBA{0x00, 0x72, 0xb2, 0xff}
	Vermillion    = color.NRGBA{0xd5, 0x5e, 0x00, 0xff}
	ReddishPurple = color.NRGBA{0xcc, 0x79, 0xa7, 0xff}
	grey          = color.NRGBA{0x80, 0x80, 0x80, 0xff}
)

// Palette is the order in which charts give colours to models: the Okabe–Ito
// colours without black (kept for observed data) and yellow (too light on
// white for thin lines).
var Palette = []color.Color{Blue, Vermillion, BluishGreen, Orange, ReddishPurple, SkyBlue}

// tint mixes c with white: f = 0 gives c, f = 1 gives white. Bands are drawn
// with opaque tints rather than alpha so that overlapping bands keep their
// shade and renderings stay byte-stable.
func tint(c color.Color, f float64) color.Color {
	r, g, b, _ := c.RGBA()
	mix := func(v uint32) uint8 {
		x := float64(v>>8)*(1-f) + 255*f
		return uint8(math.Round(x))
	}
	return color.NRGBA{mix(r), mix(g), mix(b), 0xff}
}

// Size is the size of a rendered chart. The zero value means the default for
// the chart: 10×5 in at 96 dpi (960×480 px) for single-panel charts, which
// survives being pasted onto a slide with 11 pt text still readable.
type Size struct {
	// Width and Height of the image. Zero means the chart's default.
	Width, Height vg.Length
	// DPI is the raster resolution. Zero means 96.
	DPI int
}

// DefaultSize is the size of single-panel charts when Size is zero.
var DefaultSize = Size{Width: 10 * vg.Inch, Height: 5 * vg.Inch, DPI: 96}

func (s Size) or(def Size) Size {
	if s.Width <= 0 {
		s.Width = def.Width
	}
	if s.Height <= 0 {
		s.Height = def.Height
	}
	if s.DPI <= 0 {
		s.DPI = def.DPI
	}
	if s.DPI <= 0 {
		s.DPI = vgimg.DefaultDPI
	}
	return s
}

// Chart is a figure that draws itself onto a canvas. Every chart type of this
// package implements it; [Write] and [Save] render any Chart.
//
// Draw validates the chart's data before drawing anything and returns an
// error (and draws nothing) if the data cannot be charted, for example when a
// value is NaN or ±Inf.
type Chart interface {
	Draw(dc draw.Canvas) error
}

// sizer is implemented by charts whose default size differs from DefaultSize.
type sizer interface {
	defaultSize() Size
}

func renderPNG(c Chart, size Size) ([]byte, error) {
	def := DefaultSize
	if s, ok := c.(sizer); ok {
		def = s.defaultSize()
	}
	size = size.or(def)
	img := vgimg.NewWith(vgimg.UseWH(size.Width, size.Height), vgimg.UseDPI(size.DPI), vgimg.UseBackgroundColor(color.White))
	if err := c.Draw(draw.New(img)); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("plots: encoding png: %w", err)
	}
	return buf.Bytes(), nil
}

// Font sizes in points. Tick labels at 11 pt stay legible on a projected
// slide at the default size.
const (
	titleSize  = 14
	labelSize  = 12
	tickSize   = 11
	legendSize = 11
)

var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

func textStyle(size vg.Length, p *plot.Plot) text.Style {
	return text.Style{Color: color.Black, Font: font.From(sans, size), Handler: p.TextHandler}
}

// newPlot returns a plot in the house style: sans-serif text, 14 pt title,
// 12 pt axis labels, 11 pt tick labels and legend, legend at the top left.
func newPlot(title, xlabel, ylabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = font.From(sans, titleSize)
	p.Title.Padding = vg.Points(6)
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Label.TextStyle.Font = font.From(sans, labelSize)
		ax.Tick.Label.Font = font.From(sans, tickSize)
		ax.Padding = vg.Points(4)
	}
	p.Y.Tick.Marker = niceTicker{}
	p.X.Tick.Marker = niceTicker{}
	p.X.Label.Text = xlabel
	p.Y.Label.Text = ylabel
	p.Legend.TextStyle.Font = font.From(sans, legendSize)
	p.Legend.Top = true
	p.Legend.Left = true
	p.Legend.XOffs = vg.Points(6)
	p.Legend.YOffs = -vg.Points(4)
	p.Legend.ThumbnailWidth = vg.Points(24)
	return p
}

// drawPlot draws p on dc. When outside is true and p has a legend, the legend
// is drawn in a column to the right of the data area instead of over it.
func drawPlot(dc draw.Canvas, p *plot.Plot, outside bool) {
	if !outside {
		p.Draw(dc)
		return
	}
	leg := p.Legend
	r := leg.Rectangle(dc)
	w := r.Max.X - r.Min.X
	if w <= 0 {
		p.Draw(dc)
		return
	}
	gap := vg.Points(8)
	p.Legend = plot.NewLegend() // empty: nothing drawn inside
	p.Legend.TextStyle = leg.TextStyle
	left := draw.Crop(dc, 0, -(w + 2*gap), 0, 0)
	p.Draw(left)
	right := draw.Crop(dc, dc.Max.X-dc.Min.X-(w+gap), 0, 0, 0)
	// Align the legend's top with the top of the data area, below the title.
	right = draw.Crop(right, 0, 0, 0, -titleHeight(p))
	leg.Left = true
	leg.Top = true
	leg.XOffs, leg.YOffs = 0, 0
	leg.Draw(right)
	p.Legend = leg
}

// titleHeight is the vertical space taken by p's title and its padding.
func titleHeight(p *plot.Plot) vg.Length {
	if p.Title.Text == "" {
		return 0
	}
	return p.Title.TextStyle.Height(p.Title.Text) + p.Title.Padding
}

// vline draws a vertical line at data coordinate X across the whole data
// area. It does not take part in the axis ranges.
type vline struct {
	X float64
	draw.LineStyle
}

func (v vline) Plot(c draw.Canvas, p *plot.Plot) {
	tx, _ := p.Transforms(&c)
	x := tx(v.X)
	if x < c.Min.X || x > c.Max.X {
		return
	}
	c.StrokeLine2(v.LineStyle, x, c.Min.Y, x, c.Max.Y)
}

func (v vline) Thumbnail(c *draw.Canvas) {
	x := (c.Min.X + c.Max.X) / 2
	c.StrokeLine2(v.LineStyle, x, c.Min.Y, x, c.Max.Y)
}

// hline draws a horizontal line at data coordinate Y across the data area.
type hline struct {
	Y float64
	draw.LineStyle
}

func (h hline) Plot(c draw.Canvas, p *plot.Plot) {
	_, ty := p.Transforms(&c)
	y := ty(h.Y)
	if y < c.Min.Y || y > c.Max.Y {
		return
	}
	c.StrokeLine2(h.LineStyle, c.Min.X, y, c.Max.X, y)
}

func (h hline) Thumbnail(c *draw.Canvas) {
	y := (c.Min.Y + c.Max.Y) / 2
	c.StrokeLine2(h.LineStyle, c.Min.X, y, c.Max.X, y)
}

func lineStyle(c color.Color, width float64, dashes ...vg.Length) draw.LineStyle {
	return draw.LineStyle{Color: c, Width: vg.Points(width), Dashes: dashes}
}

// newLine returns a line plotter; it cannot fail on the finite data the
// charts validate beforehand, so an error here is a bug.
func newLine(xys plotter.XYs, ls draw.LineStyle) *plotter.Line {
	l, err := plotter.NewLine(xys)
	if err != nil {
		panic("plots: " + err.Error())
	}
	l.LineStyle = ls
	return l
}

func newScatter(xys plotter.XYs, c color.Color, radius float64, shape draw.GlyphDrawer) *plotter.Scatter {
	s, err := plotter.NewScatter(xys)
	if err != nil {
		panic("plots: " + err.Error())
	}
	s.GlyphStyle = draw.GlyphStyle{Color: c, Radius: vg.Points(radius), Shape: shape}
	return s
}

// ErrNotFinite is returned (wrapped in a [DataError]) when a value to be
// charted is NaN or ±Inf.
var ErrNotFinite = errors.New("value is not finite")

// DataError reports chart data that cannot be drawn. It names the chart, the
// field and the index of the offending value.
type DataError struct {
	Chart string // chart type, e.g. "forecast"
	Field string // field name, e.g. "Forecast" or "Bands[1].Lo"
	Index int    // index of the value, -1 when the problem is not one value
	Err   error  // underlying reason, e.g. ErrNotFinite
	Msg   string // description when Err is nil
}

func (e *DataError) Error() string {
	var what string
	if e.Err != nil {
		what = e.Err.Error()
	} else {
		what = e.Msg
	}
	if e.Index >= 0 {
		return fmt.Sprintf("plots: %s chart: %s[%d]: %s", e.Chart, e.Field, e.Index, what)
	}
	if e.Field != "" {
		return fmt.Sprintf("plots: %s chart: %s: %s", e.Chart, e.Field, what)
	}
	return fmt.Sprintf("plots: %s chart: %s", e.Chart, what)
}

func (e *DataError) Unwrap() error { return e.Err }

// checkFinite returns a DataError for the first non-finite value of v.
// Values whose magnitude is so large that differences between them overflow
// (beyond ±math.MaxFloat64/4) are rejected too, since no axis can span them.
func checkFinite(chart, field string, v []float64) error {
	for i, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return &DataError{Chart: chart, Field: field, Index: i, Err: ErrNotFinite}
		}
		if math.Abs(x) > math.MaxFloat64/4 {
			return &DataError{Chart: chart, Field: field, Index: i, Msg: fmt.Sprintf("magnitude %g too large to draw", x)}
		}
	}
	return nil
}

// checkTimes returns a DataError unless times is strictly increasing.
func checkTimes(chart string, times []time.Time) error {
	for i := 1; i < len(times); i++ {
		if !times[i].After(times[i-1]) {
			return &DataError{Chart: chart, Field: "Times", Index: i, Msg: fmt.Sprintf("%s not after %s", times[i].Format(time.RFC3339), times[i-1].Format(time.RFC3339))}
		}
	}
	return nil
}

func dataErr(chart, field, format string, args ...any) error {
	return &DataError{Chart: chart, Field: field, Index: -1, Msg: fmt.Sprintf(format, args...)}
}

// yLabel returns the y-axis label l, or "value" for an empty one.
func yLabel(l string) string {
	if l == "" {
		return "value"
	}
	return l
}

// padY widens the y range of p by 4 % at each end, so that lines and
// interval bands at the extremes stay inside the frame.
func padY(p *plot.Plot) {
	if d := p.Y.Max - p.Y.Min; d > 0 && !math.IsInf(d, 0) {
		p.Y.Min -= 0.04 * d
		p.Y.Max += 0.04 * d
	}
}
