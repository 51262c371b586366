package seq2one

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"

	"github.com/tsforecast/tsforecast/forecast"
)

// Global model files have the layout of single-series model files (see the
// package documentation) under their own magic.
const globalMagic = "TSFGLOB\n"

// globalHeader is the JSON part of a global model file.
type globalHeader struct {
	Config    Config
	Precision string
	Params    int
	Members   int
	Pipe      globalPipe
}

func (p *globalPipe) shape(cfg Config) shape {
	return shape{cell: cfg.Cell, in: p.Chunk, hidden: cfg.Hidden, layers: cfg.Layers, out: p.Horizon}
}

// Save writes the fitted model to w: configuration, the per-series
// normalisation and last windows, and the weights of every member. It
// returns ErrNotFitted before Fit.
func (g *Global) Save(w io.Writer) error {
	if g.ens == nil {
		return ErrNotFitted
	}
	h := globalHeader{Config: g.cfg, Pipe: g.gp, Precision: "float32", Members: len(g.ens)}
	h.Config.Callback = nil
	if g.ens[0].float64s() {
		h.Precision = "float64"
	}
	h.Params = g.gp.shape(g.cfg).numParams()
	js, err := json.Marshal(&h)
	if err != nil {
		return fmt.Errorf("seq2one: encoding model header: %w", err)
	}
	var buf bytes.Buffer
	buf.WriteString(globalMagic)
	var b4 [4]byte
	binary.LittleEndian.PutUint32(b4[:], fileVersion)
	buf.Write(b4[:])
	binary.LittleEndian.PutUint32(b4[:], uint32(len(js)))
	buf.Write(b4[:])
	buf.Write(js)
	for _, e := range g.ens {
		if err := e.writeParams(&buf); err != nil {
			return err
		}
	}
	binary.LittleEndian.PutUint32(b4[:], crc32.ChecksumIEEE(buf.Bytes()))
	buf.Write(b4[:])
	_, err = w.Write(buf.Bytes())
	return err
}

// SaveFile writes the model to path atomically (temporary file in the same
// directory, synced, renamed).
func (g *Global) SaveFile(path string) error {
	if g.ens == nil {
		return ErrNotFitted
	}
	if err := forecast.WriteFileAtomic(path, g.Save); err != nil {
		return fmt.Errorf("seq2one: saving model to %s: %w", path, err)
	}
	return nil
}

// ErrSingleModel is returned by [LoadGlobal] for a single-series model
// file, which [Load] reads.
var ErrSingleModel = errors.New("seq2one: a single-series model file, not a global one (use Load)")

// LoadGlobal reads a model written by [Global.Save]; the loaded model
// forecasts exactly as the saved one. It returns an error wrapping
// ErrNotModel, ErrSingleModel, ErrTruncated or ErrCorrupt, or a
// [*VersionError], for data it cannot use.
func LoadGlobal(r io.Reader) (*Global, error) {
	var pre [16]byte
	n, err := io.ReadFull(r, pre[:])
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("seq2one: reading model: %w", err)
	}
	if n >= len(fileMagic) && string(pre[:len(fileMagic)]) == fileMagic {
		return nil, ErrSingleModel
	}
	if n < len(globalMagic) || string(pre[:len(globalMagic)]) != globalMagic {
		if n > 0 && n < len(globalMagic) && string(pre[:n]) == globalMagic[:n] {
			return nil, ErrTruncated
		}
		return nil, ErrNotModel
	}
	if n < 16 {
		return nil, ErrTruncated
	}
	if v := binary.LittleEndian.Uint32(pre[8:12]); v != fileVersion {
		return nil, &VersionError{Version: v}
	}
	hlen := binary.LittleEndian.Uint32(pre[12:16])
	if hlen > maxHeader {
		return nil, fmt.Errorf("%w: header length %d", ErrCorrupt, hlen)
	}
	js := make([]byte, hlen)
	if _, err := io.ReadFull(r, js); err != nil {
		return nil, truncErr(err)
	}
	var h globalHeader
	if err := json.Unmarshal(js, &h); err != nil {
		return nil, fmt.Errorf("%w: header: %v", ErrCorrupt, err)
	}
	cfg := h.Config
	if err := cfg.validate(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	p := h.Pipe
	if err := p.check(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	sh := p.shape(cfg)
	if h.Params != sh.numParams() {
		return nil, fmt.Errorf("%w: %d parameters, the architecture has %d", ErrCorrupt, h.Params, sh.numParams())
	}
	if h.Members < 1 || h.Members > maxMembers {
		return nil, fmt.Errorf("%w: %d ensemble members", ErrCorrupt, h.Members)
	}
	if p.Raw != nil && len(p.Raw) != h.Members {
		return nil, fmt.Errorf("%w: %d member views for %d members", ErrCorrupt, len(p.Raw), h.Members)
	}
	switch h.Precision {
	case "float32":
		cfg.Float64 = false
	case "float64":
		cfg.Float64 = true
	default:
		return nil, fmt.Errorf("%w: unknown precision %q", ErrCorrupt, h.Precision)
	}
	var body bytes.Buffer
	body.Write(pre[:])
	body.Write(js)
	tee := io.TeeReader(r, &body)
	ens := make([]engine, h.Members)
	for k := range ens {
		if cfg.Float64 {
			ens[k] = newNetEngine[float64](sh, p.Steps, cfg, k)
		} else {
			ens[k] = newNetEngine[float32](sh, p.Steps, cfg, k)
		}
		if err := ens[k].readParams(tee); err != nil {
			return nil, err
		}
	}
	sum := crc32.ChecksumIEEE(body.Bytes())
	var b4 [4]byte
	if _, err := io.ReadFull(r, b4[:]); err != nil {
		return nil, truncErr(err)
	}
	if binary.LittleEndian.Uint32(b4[:]) != sum {
		return nil, fmt.Errorf("%w: checksum mismatch", ErrCorrupt)
	}
	g := &Global{cfg: cfg, gp: p, ens: ens}
	g.alloc()
	return g, nil
}

// LoadGlobalFile reads a model file written by [Global.SaveFile].
func LoadGlobalFile(path string) (*Global, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("seq2one: %w", err)
	}
	defer f.Close()
	g, err := LoadGlobal(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return g, nil
}

// check validates a decoded global pipeline.
func (p *globalPipe) check() error {
	switch {
	case p.Season < 1:
		return fmt.Errorf("season %d", p.Season)
	case p.Chunk < 1 || p.Chunk > maxChunk || (p.Chunk != 1 && p.Chunk != p.Season):
		return fmt.Errorf("chunk %d for season %d", p.Chunk, p.Season)
	case p.Steps < 1:
		return fmt.Errorf("%d steps", p.Steps)
	case p.Horizon < 1:
		return fmt.Errorf("horizon %d", p.Horizon)
	case len(p.Series) == 0:
		return errors.New("no series")
	}
	if len(p.Calib) != 0 && len(p.Calib) != p.Horizon {
		return fmt.Errorf("%d calibration steps for horizon %d", len(p.Calib), p.Horizon)
	}
	for _, c := range p.Calib {
		for _, v := range c {
			if !(v >= 0) || !finite(v) {
				return errors.New("bad calibration error")
			}
		}
	}
	W := p.window()
	for i := range p.Series {
		s := &p.Series[i]
		switch {
		case s.N < 2:
			return fmt.Errorf("series %q: history length %d", s.ID, s.N)
		case !(s.Scale > 0) || !finite(s.Scale):
			return fmt.Errorf("series %q: scale %v", s.ID, s.Scale)
		case s.Indices != nil && len(s.Indices) != p.Season:
			return fmt.Errorf("series %q: %d seasonal indices for season %d", s.ID, len(s.Indices), p.Season)
		case len(s.Last) != W:
			return fmt.Errorf("series %q: last window has %d values, want %d", s.ID, len(s.Last), W)
		}
		for _, v := range s.Last {
			if !finite(v) {
				return fmt.Errorf("series %q: non-finite value in the last window", s.ID)
			}
		}
		for _, v := range s.Indices {
			if !finite(v) {
				return fmt.Errorf("series %q: non-finite seasonal index", s.ID)
			}
		}
	}
	return nil
}
