package plots

import (
	"bytes"
	"encoding/xml"
	"errors"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"

	"gonum.org/v1/plot/vg"
)

// TestSave: Save writes the format its file name asks for, PNG or SVG, and
// refuses any other extension without creating the file.
func TestSave(t *testing.T) {
	dir := t.TempDir()
	c := &ForecastChart{History: synth(30, 12), Forecast: synth(6, 12)}
	for _, name := range []string{"a.png", "a.PNG", "noext"} {
		p := filepath.Join(dir, name)
		if err := Save(p, c, Size{Width: 4 * vg.Inch, Height: 2 * vg.Inch, DPI: 50}); err != nil {
			t.Fatalf("Save(%s): %v", name, err)
		}
		b, _ := os.ReadFile(p)
		cfg, err := png.DecodeConfig(bytes.NewReader(b))
		if err != nil || cfg.Width != 200 || cfg.Height != 100 {
			t.Errorf("Save(%s) wrote %d×%d (%v), want a 200×100 PNG", name, cfg.Width, cfg.Height, err)
		}
	}
	for _, name := range []string{"a.svg", "a.SVG"} {
		p := filepath.Join(dir, name)
		if err := Save(p, c, Size{Width: 4 * vg.Inch, Height: 2 * vg.Inch}); err != nil {
			t.Fatalf("Save(%s): %v", name, err)
		}
		b, _ := os.ReadFile(p)
		var doc struct {
			XMLName xml.Name
			Width   string `xml:"width,attr"`
			Height  string `xml:"height,attr"`
		}
		if err := xml.Unmarshal(b, &doc); err != nil || doc.XMLName.Local != "svg" || doc.Width != "288pt" || doc.Height != "144pt" {
			t.Errorf("Save(%s) wrote <%s width=%q height=%q> (%v), want a 288pt×144pt SVG (4×2 inches)", name, doc.XMLName.Local, doc.Width, doc.Height, err)
		}
		if bytes.Contains(b, []byte("\x89PNG")) {
			t.Errorf("Save(%s) wrote PNG bytes", name)
		}
	}
	for _, name := range []string{"a.jpg", "a.pdf", "a.png.bak"} {
		p := filepath.Join(dir, name)
		if err := Save(p, c, Size{}); err == nil {
			t.Errorf("Save(%s) = nil, want an error", name)
		}
		if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("Save(%s) created the file", name)
		}
	}
	// Invalid data fail in SVG as in PNG, writing nothing.
	var buf bytes.Buffer
	bad := &ForecastChart{History: []float64{math.NaN()}, Forecast: []float64{1}}
	if err := Write(&buf, bad, Size{}, FormatSVG); !errors.Is(err, ErrNotFinite) || buf.Len() != 0 {
		t.Errorf("Write(NaN, svg) = %v with %d bytes, want ErrNotFinite and nothing", err, buf.Len())
	}
}
