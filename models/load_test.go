package models

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/internal/sample"
)

// savedModel fits a tiny network of the catalogue (a global one on two
// series) and returns its saved bytes.
func savedModel(t *testing.T, global bool) []byte {
	t.Helper()
	s := sample.Airline(t)
	series := []*forecast.Series{s}
	if global {
		s2 := *s
		s2.ID = "other"
		series = append(series, &s2)
	}
	e, _ := Lookup("lstm")
	m := e.Multi(&Settings{Hidden: 2, Epochs: 1, Seed: 1}, len(series))
	if err := m.Fit(context.Background(), series); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.(forecast.Saver).Save(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// oneByte reads one byte per call, like a slow pipe, and cannot seek.
type oneByte struct{ b []byte }

func (r *oneByte) Read(p []byte) (int, error) {
	if len(r.b) == 0 {
		return 0, io.EOF
	}
	if len(p) == 0 {
		return 0, nil
	}
	p[0] = r.b[0]
	r.b = r.b[1:]
	return 1, nil
}

// TestLoadOnce: single and global model files load from a reader that is
// read once, a byte at a time (a pipe), and from a file; a file over the
// size limit is refused before its model is decoded (issue 15, item 12).
func TestLoadOnce(t *testing.T) {
	for _, global := range []bool{false, true} {
		b := savedModel(t, global)
		want := "lstm"
		if global {
			want = "global lstm"
		}
		if _, name, err := Load(&oneByte{b}); err != nil || name != want {
			t.Errorf("Load(pipe) of a %s model: %q, %v", want, name, err)
		}
		p := filepath.Join(t.TempDir(), "m")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, name, err := LoadFile(p); err != nil || name != want {
			t.Errorf("LoadFile of a %s model: %q, %v", want, name, err)
		}
		max := int64(len(b) - 1)
		if _, _, err := load(&oneByte{b}, max); !errors.Is(err, ErrModelTooLarge) {
			t.Errorf("load of %d bytes with limit %d: %v, want ErrModelTooLarge", len(b), max, err)
		}
		if _, _, err := loadFile(p, max); !errors.Is(err, ErrModelTooLarge) {
			t.Errorf("loadFile of %d bytes with limit %d: %v, want ErrModelTooLarge", len(b), max, err)
		}
		if _, _, err := load(bytes.NewReader(b), int64(len(b))); err != nil {
			t.Errorf("load of %d bytes with limit %d: %v", len(b), len(b), err)
		}
	}
}

// freqModel is a forecaster that records the frequency it was fitted on,
// as SavedFreq asks.
type freqModel struct {
	forecast.Forecaster
	freq forecast.Freq
}

func (m freqModel) Freq() forecast.Freq { return m.freq }

// TestSavedFreq: SavedFreq finds the frequency of a loaded single model
// wrapped in Local, and reports false for models that do not record one.
func TestSavedFreq(t *testing.T) {
	l := &Local{fitted: []forecast.Forecaster{freqModel{freq: forecast.Monthly}}}
	if f, ok := SavedFreq(l); !ok || f != forecast.Monthly {
		t.Errorf("SavedFreq(Local{monthly}) = %v, %v; want monthly, true", f, ok)
	}
	l = &Local{fitted: []forecast.Forecaster{&Naive{}}}
	if f, ok := SavedFreq(l); ok {
		t.Errorf("SavedFreq(Local{naive}) = %v, true; want false", f)
	}
}
