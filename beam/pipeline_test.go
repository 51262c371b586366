package tsfbeam

import (
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/vet"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/tsforecast/tsforecast/seq2one"
)

// The pipelines of these tests run in this process on Prism (ptest.Main),
// without a JVM or Docker. Prism's log, which reports every failed bundle
// of the error tests, is shown with -v only.
func TestMain(m *testing.M) {
	flag.Parse()
	if !testing.Verbose() {
		slog.SetDefault(slog.New(slog.NewTextHandler(io.Discard, nil)))
	}
	os.Exit(ptest.MainRet(m))
}

var (
	cliOnce sync.Once
	cliPath string
	cliErr  error
)

// cli returns the tsforecast command of this checkout, built once: the
// reference every pipeline output is compared with.
func cli(t *testing.T) string {
	t.Helper()
	cliOnce.Do(func() {
		dir, err := os.MkdirTemp("", "tsfbeam-cli")
		if err != nil {
			cliErr = err
			return
		}
		cliPath = filepath.Join(dir, "tsforecast")
		// Built in the root module, as users build it.
		cmd := exec.Command("go", "build", "-o", cliPath, "./cmd/tsforecast")
		cmd.Dir = ".."
		out, err := cmd.CombinedOutput()
		if err != nil {
			cliErr = errors.New("building cmd/tsforecast: " + err.Error() + "\n" + string(out))
		}
	})
	if cliErr != nil {
		t.Fatal(cliErr)
	}
	return cliPath
}

// runCLI runs tsforecast with args and fails the test on an error.
func runCLI(t *testing.T, args ...string) {
	t.Helper()
	cmd := exec.Command(cli(t), args...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("tsforecast %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// runPipeline builds the pipeline of o and runs it on Prism.
func runPipeline(o Options) error {
	p, s := beam.NewPipelineWithRoot()
	if err := Build(context.Background(), s, o); err != nil {
		return err
	}
	return ptest.Run(p)
}

// readCSV returns the header and records of a CSV file.
func readCSV(t *testing.T, path string) ([]string, [][]string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(recs) == 0 {
		t.Fatalf("%s: empty", path)
	}
	return recs[0], recs[1:]
}

// byID sorts records by their first field (the series id), keeping the
// order of the records of one id (the steps of a long forecast).
func byID(recs [][]string) [][]string {
	out := slices.Clone(recs)
	slices.SortStableFunc(out, func(a, b []string) int { return strings.Compare(a[0], b[0]) })
	return out
}

// compareShards checks that the shards of prefix hold exactly the records
// of the CLI's output want, sorted by id: the same header in every shard,
// the same records (as text), each shard sorted by id and holding only
// the ids that hash to it.
func compareShards(t *testing.T, prefix string, shards int, want string) {
	t.Helper()
	wh, wrecs := readCSV(t, want)
	var got [][]string
	for i := range shards {
		name := ShardName(prefix, i, shards)
		if _, err := os.Stat(name); errors.Is(err, os.ErrNotExist) {
			continue // a shard no series hashes to
		}
		h, recs := readCSV(t, name)
		if !slices.Equal(h, wh) {
			t.Errorf("%s: header %q, tsforecast writes %q", name, h, wh)
		}
		if !slices.IsSortedFunc(recs, func(a, b []string) int { return strings.Compare(a[0], b[0]) }) {
			t.Errorf("%s: not sorted by id", name)
		}
		for _, r := range recs {
			if s := shardOf(r[0], shards); s != i {
				t.Errorf("%s: series %q belongs to shard %d", name, r[0], s)
			}
		}
		got = append(got, recs...)
	}
	got, wrecs = byID(got), byID(wrecs)
	if len(got) != len(wrecs) {
		t.Fatalf("%s: %d records in the shards, tsforecast writes %d", prefix, len(got), len(wrecs))
	}
	diffs := 0
	for i := range wrecs {
		if !slices.Equal(got[i], wrecs[i]) {
			if diffs < 3 {
				t.Errorf("%s: record %d = %q, tsforecast writes %q", prefix, i, got[i], wrecs[i])
			}
			diffs++
		}
	}
	if diffs > 0 {
		t.Errorf("%s: %d of %d records differ from tsforecast's", prefix, diffs, len(wrecs))
	}
}

// TestMatchesCLI runs the pipeline on the small files of testdata and
// compares its shards with the output of tsforecast forecast (the
// reference: the command line of this checkout) on the same file.
func TestMatchesCLI(t *testing.T) {
	dir := t.TempDir()
	for _, test := range []struct {
		name, input, model string
		horizon, season    int
		shards             int
		args               []string
	}{
		{name: "snaive wide", input: "testdata/small-wide.csv", model: "snaive", horizon: 48, shards: 3},
		{name: "hw wide", input: "testdata/small-wide.csv", model: "hw", horizon: 48, shards: 2},
		{name: "hw wide season", input: "testdata/small-wide.csv", model: "hw", horizon: 12, season: 12, shards: 1},
		{name: "snaive long", input: "testdata/small-long.csv", model: "snaive", horizon: 24, shards: 2},
		{name: "theta long", input: "testdata/small-long.csv", model: "theta", horizon: 24, shards: 1},
	} {
		t.Run(test.name, func(t *testing.T) {
			want := filepath.Join(dir, strings.ReplaceAll(test.name, " ", "-")+".csv")
			args := []string{"forecast", "--quiet", "--input", test.input, "--horizon", itoa(test.horizon), "--model", test.model, "--output", want}
			if test.season > 0 {
				args = append(args, "--season", itoa(test.season))
			}
			runCLI(t, args...)
			prefix := filepath.Join(dir, strings.ReplaceAll(test.name, " ", "-"))
			err := runPipeline(Options{Input: test.input, Output: prefix, Horizon: test.horizon, Model: test.model, Season: test.season, Shards: test.shards})
			if err != nil {
				t.Fatalf("pipeline: %v", err)
			}
			compareShards(t, prefix, test.shards, want)
		})
	}
}

// TestGlobalMatchesCLI trains a small global network with tsforecast
// forecast --save on the small wide file, then forecasts the same file
// with the saved network in the pipeline, and compares with both the
// command's forecasts and tsforecast predict --model-file.
func TestGlobalMatchesCLI(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "global.tsf")
	fcWant := filepath.Join(dir, "forecast.csv")
	predWant := filepath.Join(dir, "predict.csv")
	in := "testdata/small-wide.csv"
	runCLI(t, "forecast", "--quiet", "--input", in, "--horizon", "48", "--model", "lstm",
		"--epochs", "2", "--hidden", "8", "--save", model, "--output", fcWant)
	runCLI(t, "predict", "--quiet", "--model-file", model, "--input", in, "--horizon", "48", "--output", predWant)
	prefix := filepath.Join(dir, "beam")
	if err := runPipeline(Options{Input: in, Output: prefix, Horizon: 48, ModelFile: model, Shards: 2}); err != nil {
		t.Fatalf("pipeline: %v", err)
	}
	compareShards(t, prefix, 2, predWant)
	compareShards(t, prefix, 2, fcWant)
}

// TestGlobalUnseenMatchesCLI: series the saved network was not trained
// on (the small file's series under other ids and at 3 times their
// scale, one with negative values, one of 3 values) are forecast from
// their own histories exactly as tsforecast predict --model-file
// forecasts them, also with a file of the network's weights alone
// (seq2one.Global.WeightsOnly), beyond the network's horizon.
func TestGlobalUnseenMatchesCLI(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "global.tsf")
	runCLI(t, "forecast", "--quiet", "--input", "testdata/small-wide.csv", "--horizon", "12", "--model", "lstm",
		"--epochs", "1", "--hidden", "4", "--save", model, "--output", filepath.Join(dir, "f.csv"))
	g, err := seq2one.LoadGlobalFile(model)
	if err != nil {
		t.Fatal(err)
	}
	weights := filepath.Join(dir, "weights.tsf")
	if err := g.WeightsOnly().SaveFile(weights); err != nil {
		t.Fatal(err)
	}
	head, recs := readCSV(t, "testdata/small-wide.csv")
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Write(head)
	for k, r := range recs {
		out := []string{"NEW-" + r[0]}
		for _, v := range r[1:] {
			if v == "" {
				out = append(out, "")
				continue
			}
			x, err := strconv.ParseFloat(v, 64)
			if err != nil {
				t.Fatal(err)
			}
			if k == 0 {
				x -= 1000 // negative values: the scale transform, not logs
			}
			out = append(out, strconv.FormatFloat(3*x, 'g', -1, 64))
		}
		w.Write(out)
	}
	short := make([]string, len(head))
	short[0], short[1], short[2], short[3] = "SHORT", "5", "7", "6"
	w.Write(short)
	w.Flush()
	in := filepath.Join(dir, "unseen.csv")
	if err := os.WriteFile(in, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(dir, "predict.csv")
	runCLI(t, "predict", "--quiet", "--model-file", model, "--input", in, "--horizon", "30", "--output", want)
	for _, file := range []string{model, weights} {
		prefix := filepath.Join(dir, filepath.Base(file))
		if err := runPipeline(Options{Input: in, Output: prefix, Horizon: 30, ModelFile: file, Shards: 3}); err != nil {
			t.Fatalf("pipeline with %s: %v", filepath.Base(file), err)
		}
		compareShards(t, prefix, 3, want)
	}
}

// TestBadRowFailsJob: an invalid number fails the job with the file and
// line of its row, as tsforecast reports it.
func TestBadRowFailsJob(t *testing.T) {
	dir := t.TempDir()
	err := runPipeline(Options{Input: "testdata/bad-wide.csv", Output: filepath.Join(dir, "out"), Horizon: 2, Model: "naive"})
	if err == nil || !strings.Contains(err.Error(), `testdata/bad-wide.csv:4: column "V3": invalid number "x10"`) {
		t.Errorf("pipeline on bad-wide.csv: error %v, want the row's file, line and column", err)
	}
}

// TestDuplicateIDFailsJob: a series id found in two files fails the job
// naming both rows.
func TestDuplicateIDFailsJob(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile("testdata/small-wide.csv")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a.csv", "b.csv"} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	err = runPipeline(Options{Input: filepath.Join(dir, "*.csv"), Output: filepath.Join(dir, "out"), Horizon: 2, Model: "naive", Season: 1})
	if err == nil || !strings.Contains(err.Error(), "duplicate series id") || !strings.Contains(err.Error(), filepath.Join(dir, "a.csv")+":2") {
		t.Errorf("pipeline on two copies of a file: error %v, want a duplicate id naming a.csv:2", err)
	}
}

// TestNoMatchFails: a glob that matches nothing is an error, both when
// the pipeline is built and when the job lists the files.
func TestNoMatchFails(t *testing.T) {
	dir := t.TempDir()
	glob := filepath.Join(dir, "nothing-*.csv")
	err := runPipeline(Options{Input: glob, Output: filepath.Join(dir, "out"), Horizon: 2, Model: "naive"})
	if !errors.Is(err, ErrNoMatch) {
		t.Errorf("Build with a glob that matches nothing: error %v, want ErrNoMatch", err)
	}
	p, s := beam.NewPipelineWithRoot()
	beam.ParDo(s, &expandFn{}, beam.Create(s, glob))
	if err := ptest.Run(p); err == nil || !strings.Contains(err.Error(), "matches no file") {
		t.Errorf("a job listing a glob that matches nothing: error %v, want one saying so", err)
	}
}

// TestBadOptions: options wrong in themselves fail before any file is
// read, with ErrOptions.
func TestBadOptions(t *testing.T) {
	base := Options{Input: "testdata/small-wide.csv", Output: "out", Horizon: 2, Model: "naive"}
	for name, change := range map[string]func(*Options){
		"no input":        func(o *Options) { o.Input = "" },
		"no output":       func(o *Options) { o.Output = "" },
		"horizon 0":       func(o *Options) { o.Horizon = 0 },
		"no model":        func(o *Options) { o.Model = "" },
		"unknown model":   func(o *Options) { o.Model = "prophet" },
		"global model":    func(o *Options) { o.Model = "lstm" },
		"both models":     func(o *Options) { o.ModelFile = "m.tsf" },
		"negative season": func(o *Options) { o.Season = -1 },
	} {
		o := base
		change(&o)
		p, s := beam.NewPipelineWithRoot()
		_ = p
		if err := Build(context.Background(), s, o); !errors.Is(err, ErrOptions) {
			t.Errorf("%s: Build error %v, want ErrOptions", name, err)
		}
	}
}

// TestEveryDoFnRegistered builds the pipeline of every per-series model
// and of a saved network, on wide and long input, with and without a
// season (with and without side inputs), and checks with Beam's vet
// runner that every DoFn, combiner, emitter and iterator is registered,
// as workers in other processes need.
func TestEveryDoFnRegistered(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "global.tsf")
	runCLI(t, "forecast", "--quiet", "--input", "testdata/small-wide.csv", "--horizon", "4", "--model", "lstm",
		"--epochs", "1", "--hidden", "4", "--save", model, "--output", filepath.Join(dir, "f.csv"))
	var cases []Options
	for _, m := range PerSeriesModels() {
		for _, in := range []string{"testdata/small-wide.csv", "testdata/small-long.csv"} {
			for _, season := range []int{0, 24} {
				cases = append(cases, Options{Input: in, Model: m, Season: season})
			}
		}
	}
	cases = append(cases, Options{Input: "testdata/small-wide.csv", ModelFile: model},
		Options{Input: "testdata/small-long.csv", Model: "naive", Freq: "hourly"})
	// The control: vet fails a pipeline with a DoFn left unregistered.
	p, s := beam.NewPipelineWithRoot()
	beam.ParDo(s, unregistered, beam.Create(s, "x"))
	if _, err := beam.Run(context.Background(), "vet", p); err == nil {
		t.Fatal("the vet runner passed a pipeline with an unregistered DoFn")
	}
	for _, o := range cases {
		o.Output, o.Horizon = filepath.Join(dir, "out"), 4
		p, s := beam.NewPipelineWithRoot()
		if err := Build(context.Background(), s, o); err != nil {
			t.Fatalf("Build(%+v): %v", o, err)
		}
		if _, err := beam.Run(context.Background(), "vet", p); err != nil {
			t.Errorf("pipeline of %+v is not fully registered: %v", o, err)
		}
	}
}

// unregistered is a DoFn that is not registered, for the control of
// TestEveryDoFnRegistered.
func unregistered(x string) string { return x }

func itoa(n int) string { return strconv.Itoa(n) }
