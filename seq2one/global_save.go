package seq2one

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/tsforecast/tsforecast/forecast"
)

// Global model files have the layout of single-series model files (see the
// package documentation) under their own magic.
const (
	globalMagic = "TSFGLOB\n"
	// globalVersion is the version of global model files. Version 2
	// records the frequency of the training data (Global.Freq); version 1
	// files cannot be read. Version 3 files may hold no series (the
	// weights only, see Global.WeightsOnly); version 2 files read as
	// version 3 files.
	globalVersion    = 3
	minGlobalVersion = 2
)

// globalHeader is the JSON part of a global model file.
type globalHeader struct {
	fileHeader
	Pipe globalPipe
}

func (p *globalPipe) shape(cfg Config) shape {
	return shape{cell: cfg.Cell, in: p.stepIn(), hidden: cfg.Hidden, layers: cfg.Layers, out: p.Horizon, known: p.nk()}
}

// Save writes the fitted model to w: configuration, the per-series
// normalisation and last windows, and the weights of every member. It
// returns ErrNotFitted before Fit. The per-series state (a few KB of JSON
// per series) is what makes a file grow with the number of series; save
// g.WeightsOnly() for a file that holds the weights and calibration only.
func (g *Global) Save(w io.Writer) error {
	if g.ens == nil {
		return errNotFitted
	}
	h := &globalHeader{fileHeader: newFileHeader(g.cfg, g.gp.shape(g.cfg), g.ens), Pipe: g.gp}
	return writeModel(w, globalMagic, globalVersion, h, g.ens)
}

// SaveFile writes the model to path atomically (temporary file in the same
// directory, synced, renamed).
func (g *Global) SaveFile(path string) error {
	if g.ens == nil {
		return errNotFitted
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
	var h globalHeader
	body, err := readHeader(r, globalMagic, minGlobalVersion, globalVersion, fileMagic, ErrSingleModel, &h)
	if err != nil {
		return nil, err
	}
	p := h.Pipe
	if len(p.Series) == 0 && binary.LittleEndian.Uint32(body.Bytes()[8:12]) < 3 {
		return nil, fmt.Errorf("%w: a version 2 file without series", ErrCorrupt)
	}
	if err := p.check(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	sh := p.shape(h.Config)
	cfg, err := h.config(sh)
	if err != nil {
		return nil, err
	}
	if p.Raw != nil && len(p.Raw) != h.Members {
		return nil, fmt.Errorf("%w: %d member views for %d members", ErrCorrupt, len(p.Raw), h.Members)
	}
	ens, err := readMembers(r, body, sh, cfg, h.Members)
	if err != nil {
		return nil, err
	}
	g := &Global{cfg: cfg, gp: p, ens: ens}
	g.alloc()
	return g, nil
}

// WeightsOnly returns a model with the settings, weights and interval
// calibration of the fitted model g but no series: Len is 0 until Update
// adds some, and [Global.State] and [Predictor] forecast any series with
// it. Saved, it makes a file whose size does not grow with the number of
// series g was fitted on, for workers that compute each series' state
// from its own history. The two models share the weights, which neither
// changes (a later Fit of either gives it new ones). It panics if g is
// not fitted.
func (g *Global) WeightsOnly() *Global {
	if g.ens == nil {
		panic("seq2one: WeightsOnly of an unfitted model")
	}
	w := &Global{cfg: g.cfg, gp: g.gp, ens: g.ens}
	w.gp.Series = nil
	w.alloc()
	return w
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
	case p.Season < 1 || p.Season > maxSeason:
		return fmt.Errorf("season %d", p.Season)
	case p.Chunk < 1 || p.Chunk > maxChunk || (p.Chunk != 1 && p.Chunk != p.Season):
		return fmt.Errorf("chunk %d for season %d", p.Chunk, p.Season)
	case p.Steps < 1 || p.Steps > MaxWindow/p.Chunk:
		return fmt.Errorf("%d steps of %d values", p.Steps, p.Chunk)
	case p.Horizon < 1 || p.Horizon > maxHorizon:
		return fmt.Errorf("horizon %d", p.Horizon)
	case len(p.Series) > maxSeries:
		return fmt.Errorf("%d series", len(p.Series))
	case !validFreq(p.Freq):
		return fmt.Errorf("unknown frequency %d", int(p.Freq))
	case p.nc() > maxCovariates || len(p.CovScale) != p.nc():
		return fmt.Errorf("%d covariates with %d scalers", p.nc(), len(p.CovScale))
	case p.CovKnown != nil && len(p.CovKnown) != p.nc():
		return fmt.Errorf("%d known flags for %d covariates", len(p.CovKnown), p.nc())
	}
	for _, st := range p.CovScale {
		if !finite(st.Mean) || !(st.Std > 0) || !finite(st.Std) {
			return fmt.Errorf("covariate scaler %+v", st)
		}
	}
	nc, nk := p.nc(), p.nk()
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
		case s.N < 2 || s.N > maxHistory:
			return fmt.Errorf("series %q: history length %d", s.ID, s.N)
		case !(s.Scale > 0) || !finite(s.Scale):
			return fmt.Errorf("series %q: scale %v", s.ID, s.Scale)
		case s.Indices != nil && len(s.Indices) != p.Season:
			return fmt.Errorf("series %q: %d seasonal indices for season %d", s.ID, len(s.Indices), p.Season)
		case len(s.Last) != W:
			return fmt.Errorf("series %q: last window has %d values, want %d", s.ID, len(s.Last), W)
		case len(s.LastCov) != W*nc:
			return fmt.Errorf("series %q: last covariate window has %d values, want %d", s.ID, len(s.LastCov), W*nc)
		case nk == 0 && len(s.Future) > 0, nk > 0 && (len(s.Future)%nk != 0 || len(s.Future)/nk > maxHorizon):
			return fmt.Errorf("series %q: %d future values of %d known covariates", s.ID, len(s.Future), nk)
		case !allFinite(s.LastCov) || !allFinite(s.Future):
			return fmt.Errorf("series %q: non-finite covariate", s.ID)
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

// LoadEither reads a model written by [Model.Save] or by [Global.Save],
// whichever r holds (r is read once, so it may be a pipe): exactly one of
// the returned models is not nil on success. Errors are as for [Load] and
// [LoadGlobal].
func LoadEither(r io.Reader) (*Model, *Global, error) {
	br := bufio.NewReader(r)
	if magic, _ := br.Peek(len(globalMagic)); string(magic) == globalMagic {
		g, err := LoadGlobal(br)
		return nil, g, err
	}
	m, err := Load(br)
	return m, nil, err
}
