package models

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"github.com/tsforecast/tsforecast/eval"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/seq2one"
)

// Saved is a model read back from a file written by its Save method.
type Saved interface {
	forecast.MultiForecaster
	forecast.MultiUpdater
}

// MaxModelBytes is the largest model file [Load] and [LoadFile] read: 1
// GiB, far beyond any network of the catalogue (a global LSTM of 4096
// hidden units holds about 0.5 GB of float32 weights).
const MaxModelBytes = 1 << 30

// ErrModelTooLarge is returned for a model file over [MaxModelBytes].
var ErrModelTooLarge = fmt.Errorf("models: model file larger than %d bytes", MaxModelBytes)

// Load reads a model saved by a fitted model of the catalogue (the
// networks: one series' network, or a global network of many series) and
// returns it ready to be conditioned on new histories (Update) and to
// forecast, with the name its forecasts go under ("lstm", or "global lstm"
// for a global network). r is read once, to its end or to MaxModelBytes,
// before the model is decoded from memory, so r may be a pipe; a longer r
// is an error wrapping ErrModelTooLarge.
func Load(r io.Reader) (Saved, string, error) {
	return load(r, MaxModelBytes)
}

// load is Load with a limit of max bytes.
func load(r io.Reader, max int64) (Saved, string, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, "", fmt.Errorf("models: reading model: %w", err)
	}
	if int64(len(b)) > max {
		return nil, "", tooLarge(max)
	}
	m, g, err := seq2one.LoadEither(bytes.NewReader(b))
	if err != nil {
		return nil, "", err
	}
	if g != nil {
		return g, "global " + g.Config().Cell.String(), nil
	}
	name := m.Config().Cell.String()
	l := &Local{Model: eval.Model{Name: name}, fitted: []forecast.Forecaster{m}}
	l.setIDs([]*forecast.Series{{}})
	return l, name, nil
}

func tooLarge(max int64) error {
	if max == MaxModelBytes {
		return ErrModelTooLarge
	}
	return fmt.Errorf("%w (limit %d)", ErrModelTooLarge, max)
}

// LoadFile reads the model file at path; see [Load]. A regular file over
// MaxModelBytes is refused before it is read.
func LoadFile(path string) (Saved, string, error) {
	return loadFile(path, MaxModelBytes)
}

func loadFile(path string, max int64) (Saved, string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, "", fmt.Errorf("models: %w", err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > max {
		return nil, "", fmt.Errorf("%s: %w", path, tooLarge(max))
	}
	s, name, err := load(f, max)
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", path, err)
	}
	return s, name, nil
}

// SavedFreq returns the frequency of the data the saved model s was
// fitted on, and whether s records it: a network that implements
// Freq() forecast.Freq (directly, or as the one model of a loaded
// single-series file) does.
func SavedFreq(s Saved) (forecast.Freq, bool) {
	var m any = s
	if l, ok := s.(*Local); ok && len(l.fitted) == 1 {
		m = l.fitted[0]
	}
	f, ok := m.(interface{ Freq() forecast.Freq })
	if !ok {
		return 0, false
	}
	return f.Freq(), true
}
