package models

import (
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

// Load reads a model saved by a fitted model of the catalogue (the
// networks: one series' network, or a global network of many series) and
// returns it ready to be conditioned on new histories (Update) and to
// forecast, with the name its forecasts go under ("lstm", or "global lstm"
// for a global network). r is read once.
func Load(r io.Reader) (Saved, string, error) {
	m, g, err := seq2one.LoadEither(r)
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

// LoadFile reads the model file at path; see [Load].
func LoadFile(path string) (Saved, string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, "", fmt.Errorf("models: %w", err)
	}
	defer f.Close()
	s, name, err := Load(f)
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", path, err)
	}
	return s, name, nil
}
