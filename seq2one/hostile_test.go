package seq2one

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/tsforecast/tsforecast/features"
	"github.com/tsforecast/tsforecast/forecast"
)

// Tests of the loaders against crafted and damaged model files (issue 15,
// items 4 and 5): a file is data, so no file may make a loader (or the
// loaded model's Predict) panic, or allocate much more than the file
// holds. Each crafted header below is a finding of that issue; the
// comment on each case says what the loaders did with it before.

// hostileSeries returns n monthly values with timestamps from 2000-01,
// so that a model fitted on them has Fourier and calendar inputs.
func hostileSeries(n int, seed uint64) *forecast.Series {
	r := rand.New(rand.NewPCG(seed, 9))
	s := &forecast.Series{ID: "m", Freq: forecast.Monthly, Values: make([]float64, n), Times: make([]time.Time, n)}
	for i := range s.Values {
		s.Times[i] = time.Date(2000, time.Month(1+i), 1, 0, 0, 0, 0, time.UTC)
		s.Values[i] = 100 + 10*math.Sin(2*math.Pi*float64(i)/12) + 0.5*float64(i) + r.NormFloat64()
	}
	return s
}

// savedModel returns the file of a small fitted single-series model.
func savedModel(t testing.TB) []byte {
	m := New(&Config{Seed: 1, Hidden: 4, Epochs: 1, Ensemble: 1, Workers: 1})
	if err := m.Fit(context.Background(), hostileSeries(60, 1)); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// savedGlobal returns the file of a small fitted global model of season 4
// (so its network reads 4 values a step).
func savedGlobal(t testing.TB) []byte {
	var series []*forecast.Series
	for i := range 3 {
		s := hostileSeries(60, uint64(i))
		s.ID = strconv.Itoa(i)
		series = append(series, s)
	}
	g := NewGlobal(&Config{Seed: 1, Season: 4, Horizon: 4, Hidden: 4, Epochs: 1, Ensemble: 2, Workers: 1})
	if err := g.Fit(context.Background(), series); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := g.Save(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// modelFile is a model file taken apart: its JSON header, decoded with
// numbers kept as written, and its weights.
type modelFile struct {
	magic   string
	version uint32
	hdr     map[string]any
	weights []byte
}

func parseFile(t testing.TB, b []byte) *modelFile {
	hlen := binary.LittleEndian.Uint32(b[12:16])
	f := &modelFile{magic: string(b[:8]), version: binary.LittleEndian.Uint32(b[8:12])}
	d := json.NewDecoder(bytes.NewReader(b[16 : 16+hlen]))
	d.UseNumber()
	if err := d.Decode(&f.hdr); err != nil {
		t.Fatal(err)
	}
	f.weights = b[16+hlen : len(b)-4]
	return f
}

// bytes assembles the file with a correct checksum.
func (f *modelFile) bytes(t testing.TB) []byte {
	js, err := json.Marshal(f.hdr)
	if err != nil {
		t.Fatal(err)
	}
	var b []byte
	b = append(b, f.magic...)
	b = binary.LittleEndian.AppendUint32(b, f.version)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(js)))
	b = append(b, js...)
	b = append(b, f.weights...)
	return binary.LittleEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
}

func (f *modelFile) config() map[string]any { return f.hdr["Config"].(map[string]any) }
func (f *modelFile) pipe() map[string]any   { return f.hdr["Pipe"].(map[string]any) }

func num(v any) json.Number { return json.Number(fmt.Sprint(v)) }

func zeros(n int) []json.Number {
	z := make([]json.Number, n)
	for i := range z {
		z[i] = "0"
	}
	return z
}

// wrappedParams sets the header's parameter count to what the formula
// gives for the hidden size h, wrapped as int arithmetic wraps, so that
// only a cap on h can stop the file.
func (f *modelFile) wrappedParams(h int, in, out int) {
	f.config()["Hidden"] = num(h)
	f.hdr["Params"] = num(shape{cell: LSTM, in: in, hidden: h, layers: 1, out: out}.numParams())
}

// addInputs adds k inputs per step to a single-series model's header and
// gives it zero weights of the size that needs, so that only the checks
// of what the inputs are can refuse it.
func (f *modelFile) addInputs(t testing.TB, k int) {
	c, p := f.config(), f.pipe()
	in := atoi(t, p["Inputs"]) + k
	p["Inputs"] = num(in)
	sh := shape{cell: LSTM, in: in, hidden: atoi(t, c["Hidden"]), layers: atoi(t, c["Layers"]), out: atoi(t, p["Horizon"])}
	f.hdr["Params"] = num(sh.numParams())
	f.weights = make([]byte, 4*sh.numParams()*atoi(t, f.hdr["Members"]))
}

func atoi(t testing.TB, v any) int {
	n, err := strconv.Atoi(string(v.(json.Number)))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// loadAny loads b with the loader of its kind and, when that succeeds,
// forecasts with the model, turning a panic into an error.
func loadAny(b []byte) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	m, g, err := LoadEither(bytes.NewReader(b))
	if err != nil {
		return err
	}
	if m != nil {
		for _, h := range []int{1, m.Horizon() + 2} {
			if _, err := m.Predict(nil, h); err != nil {
				return err
			}
		}
		return nil
	}
	for _, h := range []int{1, g.Horizon() + 2} {
		if _, err := g.Predict(nil, h); err != nil {
			return err
		}
	}
	// A series the model never saw, through State and a Predictor (a
	// model with covariates refuses it, which is fine).
	st, err := g.State(hostileSeries(30, 9))
	if err != nil {
		return nil
	}
	p := g.NewPredictor()
	for _, h := range []int{1, g.Horizon() + 2} {
		if _, err := p.Predict(nil, st, h); err != nil {
			return err
		}
	}
	return nil
}

// TestLoadCrafted loads crafted headers whose checksums are right: each
// must be refused as corrupt, without a panic.
func TestLoadCrafted(t *testing.T) {
	single, global := savedModel(t), savedGlobal(t)
	for _, test := range []struct {
		name  string
		file  []byte
		craft func(f *modelFile)
	}{{
		// Before: the parameter count wrapped and the trainer's make
		// panicked (makeslice: len out of range).
		name: "hidden 1e12 wraps the parameter count", file: single,
		craft: func(f *modelFile) {
			p := f.pipe()
			f.wrappedParams(1e12, atoi(t, p["Inputs"]), atoi(t, p["Horizon"]))
		},
	}, {
		// Before: a parameter count so large that the trainer's
		// allocations ran out of memory (fatal error: runtime: out of
		// memory).
		name: "hidden 3037000500 makes the parameter count negative", file: single,
		craft: func(f *modelFile) {
			p := f.pipe()
			f.wrappedParams(3037000500, atoi(t, p["Inputs"]), atoi(t, p["Horizon"]))
		},
	}, {
		// Before: Steps·Chunk wrapped to 0, matching an empty last
		// window, and the workspace of 2⁶² steps panicked.
		name: "global steps × chunk wraps to 0", file: global,
		craft: func(f *modelFile) {
			p := f.pipe()
			p["Steps"] = num(int64(1) << 62)
			for _, s := range p["Series"].([]any) {
				s.(map[string]any)["Last"] = []json.Number{}
			}
		},
	}, {
		// Before: loaded, and Predict panicked in forecast.Freq.Add
		// ("Add on a frequency without calendar steps").
		name: "calendar feature with an unknown frequency", file: single,
		craft: func(f *modelFile) {
			f.pipe()["Calendar"] = []json.Number{num(int(features.MonthOfYear))}
			f.pipe()["Freq"] = num(42)
			f.addInputs(t, 2)
		},
	}, {
		// Before: loaded, and forecast with the hour of day of monthly
		// timestamps.
		name: "calendar feature of another frequency", file: single,
		craft: func(f *modelFile) {
			f.pipe()["Calendar"] = []json.Number{num(int(features.HourOfDay))}
			f.addInputs(t, 2)
		},
	}, {
		// Before: loaded (the field did not exist); now the grid step of
		// the history's start, which phases are computed from.
		name: "negative history start", file: single,
		craft: func(f *modelFile) { f.pipe()["Start"] = num(int64(-1) << 50) },
	}, {
		// Before: loaded (the field did not exist).
		name: "global: unknown frequency", file: global,
		craft: func(f *modelFile) { f.pipe()["Freq"] = num(-3) },
	}, {
		// The cases below were refused before too; they guard the checks.
		name: "negative ensemble", file: single,
		craft: func(f *modelFile) { f.hdr["Members"] = num(-1) },
	}, {
		name: "window beyond the cap", file: single,
		craft: func(f *modelFile) {
			f.pipe()["Steps"] = num(MaxWindow + 1)
			f.pipe()["LastZ"] = zeros(MaxWindow + 1)
		},
	}, {
		name: "non-finite covariate scaler", file: single,
		craft: func(f *modelFile) {
			p := f.pipe()
			p["CovNames"] = []string{"c"}
			p["CovScale"] = []map[string]any{{"Mean": 0, "Std": 0}}
			p["Inputs"] = num(atoi(t, p["Inputs"]) + 1)
			p["LastCov"] = zeros(atoi(t, p["Steps"]))
		},
	}} {
		t.Run(test.name, func(t *testing.T) {
			f := parseFile(t, test.file)
			test.craft(f)
			if err := loadAny(f.bytes(t)); !errors.Is(err, ErrCorrupt) {
				t.Errorf("error %v, want one wrapping ErrCorrupt", err)
			}
		})
	}
}

// allocs returns the bytes allocated by f.
func allocs(f func()) uint64 {
	var a, b runtime.MemStats
	runtime.ReadMemStats(&a)
	f()
	runtime.ReadMemStats(&b)
	return b.TotalAlloc - a.TotalAlloc
}

// allocBound is the most a loader may allocate for a file of n bytes.
func allocBound(n int) uint64 { return 256<<10 + 32*uint64(n) }

// TestLoadAllocBounded loads small files whose headers declare huge
// sizes: the bytes allocated must stay within a small multiple of the
// file's size (allocBound), whether the file is refused or loaded.
func TestLoadAllocBounded(t *testing.T) {
	single := savedModel(t)
	var cases []struct {
		name string
		file []byte
	}
	add := func(name string, b []byte) {
		cases = append(cases, struct {
			name string
			file []byte
		}{name, b})
	}
	// Before: make([]byte, 64 MiB) for a file of 16 bytes.
	head := append([]byte(fileMagic), 2, 0, 0, 0, 0, 0, 0, 4)
	add("header length 64 MiB, no header", head)

	// Before: the trainer of member 0 (weights, gradient, Adam's moments,
	// 235 MB) was allocated before the weights were read.
	f := parseFile(t, single)
	f.config()["Hidden"] = num(1024)
	p := f.pipe()
	p["Horizon"] = num(4096)
	in := atoi(t, p["Inputs"])
	f.hdr["Params"] = num(shape{cell: LSTM, in: in, hidden: 1024, layers: 1, out: 4096}.numParams())
	f.weights = nil
	add("hidden 1024, horizon 4096, no weights", f.bytes(t))

	f.hdr["Members"] = num(1024)
	add("1024 members of 8 M parameters, no weights", f.bytes(t))

	// Before: the workspace of a 16384-step window (and its backward
	// buffers) was allocated at load: 20 MB for a file of 40 KB.
	f = parseFile(t, single)
	p = f.pipe()
	p["Steps"], p["N"] = num(MaxWindow), num(MaxWindow)
	p["LastZ"] = zeros(MaxWindow)
	add("window of 16384 steps", f.bytes(t))

	for _, c := range cases {
		var err error
		got := allocs(func() { _, _, err = LoadEither(bytes.NewReader(c.file)) })
		if want := allocBound(len(c.file)); got > want {
			t.Errorf("%s: loading a file of %d bytes allocated %d bytes, want at most %d (err %v)", c.name, len(c.file), got, want, err)
		}
	}
}

// fuzzLoad is the body of the loaders' fuzz targets: loading data, and
// data with its checksum made right (so that damage to the header
// reaches the checks behind it, and the model's Predict), must never
// panic nor allocate beyond allocBound.
func fuzzLoad(t *testing.T, data []byte) {
	fixed := bytes.Clone(data)
	if len(fixed) >= 4 {
		binary.LittleEndian.PutUint32(fixed[len(fixed)-4:], crc32.ChecksumIEEE(fixed[:len(fixed)-4]))
	}
	for _, b := range [][]byte{data, fixed} {
		var err error
		got := allocs(func() { _, _, err = LoadEither(bytes.NewReader(b)) })
		if want := allocBound(len(b)); got > want {
			t.Fatalf("loading %d bytes allocated %d, want at most %d (err %v)", len(b), got, want, err)
		}
		if err := loadAny(b); err != nil && bytes.HasPrefix([]byte(err.Error()), []byte("panic")) {
			t.Fatal(err)
		}
	}
}

// FuzzLoadModel fuzzes Load (through LoadEither) from a saved model.
func FuzzLoadModel(f *testing.F) {
	b := savedModel(f)
	f.Add(b)
	f.Add(b[:len(b)/2])
	f.Fuzz(fuzzLoad)
}

// FuzzLoadGlobal fuzzes LoadGlobal (through LoadEither) from a saved
// global model.
func FuzzLoadGlobal(f *testing.F) {
	b := savedGlobal(f)
	f.Add(b)
	f.Add(b[:len(b)/2])
	f.Fuzz(fuzzLoad)
}

// TestGlobalFreq: a global model records the frequency of its series and
// keeps it through Save and Load (issue 15, item 12; before, Global had
// no Freq and its files did not record one), and a file of the version
// before the frequency is refused with a VersionError.
func TestGlobalFreq(t *testing.T) {
	b := savedGlobal(t)
	g, err := LoadGlobal(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if g.Freq() != forecast.Monthly {
		t.Errorf("Freq() of a loaded global model of monthly series = %v, want monthly", g.Freq())
	}
	f := parseFile(t, b)
	f.version = 1
	var ve *VersionError
	if _, err := LoadGlobal(bytes.NewReader(f.bytes(t))); !errors.As(err, &ve) || ve.Version != 1 || ve.Want != globalVersion {
		t.Errorf("LoadGlobal(version 1) error %v, want a *VersionError", err)
	}
	m, err := Load(bytes.NewReader(savedModel(t)))
	if err != nil {
		t.Fatal(err)
	}
	if m.Freq() != forecast.Monthly {
		t.Errorf("Freq() of a loaded model of a monthly series = %v, want monthly", m.Freq())
	}
}

// TestLoadVersion2: a file of version 2 (before known covariates) is read
// as one of version 3 without them, and forecasts as the same file of
// version 3 does.
func TestLoadVersion2(t *testing.T) {
	b := savedModel(t)
	want, err := Load(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	f := parseFile(t, b)
	f.version = 2
	for _, k := range []string{"CovKnown", "Future"} {
		delete(f.pipe(), k)
	}
	got, err := Load(bytes.NewReader(f.bytes(t)))
	if err != nil {
		t.Fatalf("Load(version 2): %v", err)
	}
	a, _ := want.Predict(nil, 30)
	c, _ := got.Predict(nil, 30)
	if !slices.Equal(a, c) {
		t.Errorf("version 2 forecast %v, version 3 %v", c, a)
	}
}
