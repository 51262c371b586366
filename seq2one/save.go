package seq2one

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"

	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/internal/kern"
)

// File format constants; see the package documentation.
const (
	fileMagic = "TSF2ONE\n"
	// fileVersion is the version of single-series model files. Version 2
	// (direct multi-horizon head, outputs relative to the baseline) replaced
	// version 1 (one-step head, outputs relative to the window level), whose
	// networks this build cannot run. Version 3 adds known covariates
	// (their flags, future values and head weights); version 2 files read
	// as version 3 files without them.
	fileVersion    = 3
	minFileVersion = 2
	maxHeader      = 64 << 20
	maxMembers     = 1024
)

// Errors returned by [Load].
var (
	// ErrNotModel reports data that does not start with the model file magic.
	ErrNotModel = errors.New("seq2one: not a seq2one model file")
	// ErrTruncated reports a model file that ends early.
	ErrTruncated = errors.New("seq2one: truncated model file")
	// ErrCorrupt reports a model file whose checksum or contents are wrong.
	ErrCorrupt = errors.New("seq2one: corrupt model file")
)

// VersionError reports a model file of a version this build cannot read.
type VersionError struct {
	// Version is the version of the file.
	Version uint32
	// Want is the version this build reads for the file's kind of model.
	Want uint32
}

func (e *VersionError) Error() string {
	return fmt.Sprintf("seq2one: model file version %d is not supported (this build reads version %d); fit the model again", e.Version, e.Want)
}

// header is the JSON part of a model file.
type header struct {
	fileHeader
	Pipe pipe
}

// Save writes the fitted model to w in the versioned format described in
// the package documentation. It returns ErrNotFitted before Fit.
func (m *Model) Save(w io.Writer) error {
	if m.ens == nil {
		return errNotFitted
	}
	sh := m.pipe.shape(m.cfg)
	return writeModel(w, fileMagic, fileVersion, &header{fileHeader: newFileHeader(m.cfg, sh, m.ens), Pipe: m.pipe}, m.ens)
}

// SaveFile writes the model to path atomically: to a temporary file in the
// same directory, synced, then renamed over path.
func (m *Model) SaveFile(path string) error {
	if m.ens == nil {
		return errNotFitted
	}
	if err := forecast.WriteFileAtomic(path, m.Save); err != nil {
		return fmt.Errorf("seq2one: saving model to %s: %w", path, err)
	}
	return nil
}

// Load reads a model written by [Model.Save]. The loaded model forecasts
// exactly as the saved one. It returns an error wrapping ErrNotModel,
// ErrTruncated or ErrCorrupt, or a [*VersionError], for data it cannot use.
func Load(r io.Reader) (*Model, error) {
	var h header
	body, err := readHeader(r, fileMagic, minFileVersion, fileVersion, "", nil, &h)
	if err != nil {
		return nil, err
	}
	p := h.Pipe
	if err := p.check(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	sh := p.shape(h.Config)
	cfg, err := h.config(sh)
	if err != nil {
		return nil, err
	}
	ens, err := readMembers(r, body, sh, cfg, h.Members)
	if err != nil {
		return nil, err
	}
	m := &Model{cfg: cfg, pipe: p, ens: ens}
	m.alloc()
	return m, nil
}

// LoadFile reads a model file written by [Model.SaveFile].
func LoadFile(path string) (*Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("seq2one: %w", err)
	}
	defer f.Close()
	m, err := Load(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

func truncErr(err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return ErrTruncated
	}
	return fmt.Errorf("seq2one: reading model: %w", err)
}

// check validates a decoded pipeline: every dimension within its cap
// and consistent with the others, every value finite, every calendar
// feature one of its frequency's, so that nothing a forecast does with
// it can panic or allocate beyond what the file holds.
func (p *pipe) check() error {
	nc := len(p.CovNames)
	switch {
	case p.Season < 1 || p.Season > maxSeason:
		return fmt.Errorf("season %d", p.Season)
	case p.Steps < 1 || p.Steps > MaxWindow:
		return fmt.Errorf("window %d", p.Steps)
	case p.LevelSpan < 1 || p.LevelSpan > p.Steps:
		return fmt.Errorf("level span %d", p.LevelSpan)
	case p.Horizon < 1 || p.Horizon > maxHorizon:
		return fmt.Errorf("horizon %d", p.Horizon)
	case p.Fourier < 0 || p.Fourier > maxFourier:
		return fmt.Errorf("fourier %d", p.Fourier)
	case nc > maxCovariates:
		return fmt.Errorf("%d covariates", nc)
	case !validFreq(p.Freq):
		return fmt.Errorf("unknown frequency %d", int(p.Freq))
	case len(p.Calendar) > 0 && (p.Freq == forecast.Step || p.FirstTime.IsZero()):
		return fmt.Errorf("calendar features without timestamps")
	case p.Inputs != 1+nc+2*p.Fourier+2*len(p.Calendar):
		return fmt.Errorf("%d inputs for %d covariates, %d Fourier pairs and %d calendar features", p.Inputs, nc, p.Fourier, len(p.Calendar))
	case p.CovKnown != nil && len(p.CovKnown) != nc:
		return fmt.Errorf("%d known flags for %d covariates", len(p.CovKnown), nc)
	case p.numKnown() == 0 && len(p.Future) > 0,
		p.numKnown() > 0 && (len(p.Future)%p.numKnown() != 0 || p.futureLen() > maxHorizon):
		return fmt.Errorf("%d future values of %d known covariates", len(p.Future), p.numKnown())
	case len(p.CovScale) != nc:
		return fmt.Errorf("%d covariate scalers for %d covariates", len(p.CovScale), nc)
	case p.Indices != nil && len(p.Indices) != p.Season:
		return fmt.Errorf("%d seasonal indices for season %d", len(p.Indices), p.Season)
	case len(p.LastZ) != p.Steps:
		return fmt.Errorf("last window has %d values, want %d", len(p.LastZ), p.Steps)
	case len(p.LastCov) != p.Steps*nc:
		return fmt.Errorf("last covariate window has %d values, want %d", len(p.LastCov), p.Steps*nc)
	case p.N < p.Steps || p.N > maxHistory:
		return fmt.Errorf("history length %d for window %d", p.N, p.Steps)
	case p.Start < -maxHistory || p.Start > maxHistory:
		return fmt.Errorf("history start %d", p.Start)
	case !(p.Scale > 0) || !finite(p.Scale):
		return fmt.Errorf("scale %v", p.Scale)
	case !finite(p.Drift):
		return fmt.Errorf("drift %v", p.Drift)
	}
	allowed := p.Freq.Calendar()
	for i, f := range p.Calendar {
		if !slices.Contains(allowed, f) || slices.Contains(p.Calendar[:i], f) {
			return fmt.Errorf("calendar feature %d for %s data", int(f), p.Freq)
		}
	}
	for _, st := range p.CovScale {
		if !finite(st.Mean) || !(st.Std > 0) || !finite(st.Std) {
			return fmt.Errorf("covariate scaler %+v", st)
		}
	}
	for _, v := range [][]float64{p.LastZ, p.LastCov, p.Indices, p.Future} {
		if !allFinite(v) {
			return fmt.Errorf("non-finite value in the last window or the seasonal indices")
		}
	}
	return nil
}

// validFreq reports whether f is one of the frequencies of package
// forecast.
func validFreq(f forecast.Freq) bool { return f >= forecast.Step && f <= forecast.Yearly }

// allFinite reports whether every value of x is finite.
func allFinite(x []float64) bool {
	for _, v := range x {
		if !finite(v) {
			return false
		}
	}
	return true
}

func (e *netEngine[T]) writeParams(w io.Writer) error {
	return binary.Write(w, binary.LittleEndian, e.params)
}

// loadEngine returns a network of shape sh with the little-endian
// weights raw (numParams values of T), ready to forecast; it has no
// trainer.
func loadEngine[T kern.Float](sh shape, raw []byte) (*netEngine[T], error) {
	params := make([]T, sh.numParams())
	if err := binary.Read(bytes.NewReader(raw), binary.LittleEndian, params); err != nil {
		return nil, truncErr(err)
	}
	for _, v := range params {
		if f := float64(v); math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, fmt.Errorf("%w: non-finite weight", ErrCorrupt)
		}
	}
	return &netEngine[T]{s: sh, params: params, pv: makeViews(sh, params), inf: newInfer[T](sh)}, nil
}
