package plots

import (
	"bytes"
	"fmt"
	"image/color"
	"io"
	"path/filepath"
	"strings"

	"github.com/tsforecast/tsforecast/forecast"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Image formats of [Save] and [Write].
const (
	FormatPNG = "png" // raster, at Size.DPI
	FormatSVG = "svg" // vector; text uses the Liberation font names without embedding the fonts
)

// FormatFor returns the image format [Save] writes to path, from its
// extension (case-insensitive): FormatSVG for .svg, FormatPNG for .png and
// for a name without an extension (a device such as /dev/null, or "-").
// Any other extension is an error, so that x.jpg or x.pdf never receives
// bytes of another format.
func FormatFor(path string) (string, error) {
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".svg":
		return FormatSVG, nil
	case ".png", "":
		return FormatPNG, nil
	default:
		return "", fmt.Errorf("plots: cannot write a %s image: want a .png or .svg file name", ext)
	}
}

// Write renders c in format (FormatPNG or FormatSVG) at size (zero fields
// take the chart's defaults) and writes it to w. Nothing is written when
// the chart's data are invalid or format is unknown.
func Write(w io.Writer, c Chart, size Size, format string) error {
	b, err := render(c, size, format)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// Save renders c at size in the format [FormatFor] gives for path and
// writes it to path with [forecast.WriteFileAtomic], so readers never see a
// partial image and an earlier file at path survives a failed render.
func Save(path string, c Chart, size Size) error {
	format, err := FormatFor(path)
	if err != nil {
		return err
	}
	b, err := render(c, size, format)
	if err != nil {
		return err
	}
	return forecast.WriteFileAtomic(path, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}

func render(c Chart, size Size, format string) ([]byte, error) {
	switch format {
	case FormatPNG:
		return renderPNG(c, size)
	case FormatSVG:
		return renderSVG(c, size)
	}
	return nil, fmt.Errorf("plots: unknown image format %q (want %s or %s)", format, FormatPNG, FormatSVG)
}

// renderSVG draws c on an SVG canvas with a white background, as
// renderPNG does on its image.
func renderSVG(c Chart, size Size) ([]byte, error) {
	def := DefaultSize
	if s, ok := c.(sizer); ok {
		def = s.defaultSize()
	}
	size = size.or(def)
	cv := vgsvg.New(size.Width, size.Height)
	cv.SetColor(color.White)
	var bg vg.Path
	bg.Move(vg.Point{})
	bg.Line(vg.Point{X: size.Width})
	bg.Line(vg.Point{X: size.Width, Y: size.Height})
	bg.Line(vg.Point{Y: size.Height})
	bg.Close()
	cv.Fill(bg)
	if err := c.Draw(draw.New(cv)); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := cv.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("plots: encoding svg: %w", err)
	}
	return buf.Bytes(), nil
}
