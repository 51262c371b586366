package seq2one

import (
	"bytes"
	"errors"
	"slices"
	"testing"
)

// savedWeights returns the weights-only file of the model of savedGlobal.
func savedWeights(t testing.TB) []byte {
	g, err := LoadGlobal(bytes.NewReader(savedGlobal(t)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := g.WeightsOnly().Save(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestLoadGlobalVersions: files of version 2 (before weights-only files)
// still load and forecast as the same file of version 3; a weights-only
// file is version 3 and loads with no series; the same file claiming
// version 2 is refused as corrupt.
func TestLoadGlobalVersions(t *testing.T) {
	b := savedGlobal(t)
	want, err := LoadGlobal(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	f := parseFile(t, b)
	if f.version != 3 {
		t.Errorf("Global.Save wrote version %d, want 3", f.version)
	}
	f.version = 2
	got, err := LoadGlobal(bytes.NewReader(f.bytes(t)))
	if err != nil {
		t.Fatalf("LoadGlobal(version 2): %v", err)
	}
	a, _ := want.Predict(nil, 9)
	c, _ := got.Predict(nil, 9)
	for i := range a {
		if !slices.Equal(a[i], c[i]) {
			t.Errorf("series %d: version 2 forecast %v, version 3 %v", i, c[i], a[i])
		}
	}
	w := savedWeights(t)
	g, err := LoadGlobal(bytes.NewReader(w))
	if err != nil || g.Len() != 0 {
		t.Fatalf("LoadGlobal(weights only): %d series, error %v; want 0, nil", g.Len(), err)
	}
	f = parseFile(t, w)
	f.version = 2
	if _, err := LoadGlobal(bytes.NewReader(f.bytes(t))); !errors.Is(err, ErrCorrupt) {
		t.Errorf("LoadGlobal(version 2 without series): error %v, want ErrCorrupt", err)
	}
}

// FuzzLoadGlobalWeights fuzzes LoadGlobal (through LoadEither) from a
// weights-only file.
func FuzzLoadGlobalWeights(f *testing.F) {
	b := savedWeights(f)
	f.Add(b)
	f.Add(b[:len(b)/2])
	f.Fuzz(fuzzLoad)
}
