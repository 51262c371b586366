package plots

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tsforecast/tsforecast/eval"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/models"
)

// baselineModels returns the named models of the catalogue with season m.
func baselineModels(m int, names ...string) []eval.Model {
	var out []eval.Model
	for _, n := range names {
		e, err := models.Lookup(n)
		if err != nil {
			panic(err)
		}
		out = append(out, e.Model(&models.Settings{Season: m}, nil))
	}
	return out
}

func synthSeries(id string, n int) *forecast.Series {
	start := time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC)
	return &forecast.Series{ID: id, Target: "y", Values: synth(n, 12), Times: monthly(start, n), Freq: forecast.Monthly}
}

func backtest(t *testing.T, s *forecast.Series, cfg *eval.Backtest) *eval.Result {
	t.Helper()
	res, err := eval.WalkForward(context.Background(), s, baselineModels(12, "naive", "snaive", "drift"), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func readDir(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = b
	}
	return out
}

func TestWriteReport(t *testing.T) {
	s := synthSeries("synthetic", 144)
	cfg := &eval.Backtest{Horizon: 12, Step: 12, Origins: 6, Levels: []float64{80}, Calibration: 2}
	bt := backtest(t, s, cfg)
	dir := t.TempDir()
	r := &Report{Series: s, Backtest: bt, Training: &TrainingChart{Train: []float64{1, 0.5, 0.3}, Val: []float64{1.1, 0.6, 0.7}, BestEpoch: 2}}
	if err := WriteReport(dir, r); err != nil {
		t.Fatal(err)
	}
	files := readDir(t, dir)
	want := []string{FileIndex, FileMetrics, FileSummary, FileLastFold, FileWalkForward, FileHorizon, FileResiduals, FileTraining}
	for _, f := range want {
		if len(files[f]) == 0 {
			t.Errorf("WriteReport: %s missing or empty", f)
		}
	}
	if len(files) != len(want) {
		t.Errorf("WriteReport wrote %d files, want %d: %v", len(files), len(want), slices.Sorted(maps.Keys(files)))
	}
	index := string(files[FileIndex])
	for _, f := range want[3:] {
		if !strings.Contains(index, "]("+f+")") {
			t.Errorf("index.md does not link %s", f)
		}
	}
	// The focus model is the best ranked, and the table has every model.
	best := bt.Ranked()[0].Model
	if !strings.Contains(index, "model **"+mdEscape(best)+"**") {
		t.Errorf("index.md does not name the best model %q:\n%s", best, index)
	}
	recs, err := csv.NewReader(bytes.NewReader(files[FileMetrics])).ReadAll()
	if err != nil {
		t.Fatalf("metrics.csv: %v", err)
	}
	if len(recs) != 1+len(bt.Models) {
		t.Fatalf("metrics.csv has %d rows, want %d", len(recs), 1+len(bt.Models))
	}
	if recs[0][0] != "model" || !slices.Contains(recs[0], "mase") || !slices.Contains(recs[0], "coverage_80") {
		t.Errorf("metrics.csv header = %v", recs[0])
	}
	// The MAE column matches eval's summary of the first-ranked model.
	col := slices.Index(recs[0], "mae")
	if recs[1][0] != best {
		t.Errorf("metrics.csv first row model = %s, want %s", recs[1][0], best)
	}
	var got float64
	if err := json.Unmarshal([]byte(recs[1][col]), &got); err != nil || got != bt.Model(best).Summary.Mean.MAE {
		t.Errorf("metrics.csv mae = %s, want %v", recs[1][col], bt.Model(best).Summary.Mean.MAE)
	}
	var sum struct {
		Title  string
		Model  string
		Charts []struct{ File, Caption string }
	}
	if err := json.Unmarshal(files[FileSummary], &sum); err != nil {
		t.Fatalf("summary.json: %v", err)
	}
	if sum.Model != best || len(sum.Charts) != 5 {
		t.Errorf("summary.json model %q with %d charts, want %q with 5", sum.Model, len(sum.Charts), best)
	}
	for _, c := range sum.Charts {
		if c.Caption == "" {
			t.Errorf("summary.json: chart %s has no caption", c.File)
		}
	}

	// Re-running gives identical bytes.
	if err := WriteReport(dir, r); err != nil {
		t.Fatal(err)
	}
	again := readDir(t, dir)
	for f, b := range files {
		if !bytes.Equal(b, again[f]) {
			t.Errorf("second WriteReport changed %s", f)
		}
	}

	// A run without training removes the stale chart but leaves user files.
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	r.Training = nil
	if err := WriteReport(dir, r); err != nil {
		t.Fatal(err)
	}
	after := readDir(t, dir)
	if _, ok := after[FileTraining]; ok {
		t.Error("stale training.png survived a report without training")
	}
	if string(after["notes.txt"]) != "mine" {
		t.Error("WriteReport touched a file it does not own")
	}
	if strings.Contains(string(after[FileIndex]), FileTraining) {
		t.Error("index.md still links training.png")
	}

	// Bad data: nothing is written, the previous report stays whole.
	bad := synthSeries("bad", 144)
	bad.Values[3] = math.NaN()
	err = WriteReport(dir, &Report{Series: bad, Backtest: bt})
	var de *DataError
	if !errors.As(err, &de) || !errors.Is(err, ErrNotFinite) {
		t.Errorf("WriteReport(NaN series) error = %v, want a DataError wrapping ErrNotFinite", err)
	}
	final := readDir(t, dir)
	for f, b := range after {
		if !bytes.Equal(b, final[f]) {
			t.Errorf("failed WriteReport changed %s", f)
		}
	}
	for f := range final {
		if strings.HasSuffix(f, ".tmp") {
			t.Errorf("temporary file %s left behind", f)
		}
	}

	if err := WriteReport(t.TempDir(), &Report{}); !errors.Is(err, ErrNothingToReport) {
		t.Errorf("WriteReport(empty) error = %v, want ErrNothingToReport", err)
	}
}

func TestWriteReportMany(t *testing.T) {
	var series []*forecast.Series
	for k := range 12 {
		s := &forecast.Series{ID: "S" + string(rune('A'+k)), Values: synth(96, 12)}
		for i := range s.Values {
			s.Values[i] = s.Values[i]*float64(k+1) + 40*math.Sin(float64(i*k)/5)
		}
		series = append(series, s)
	}
	cfg := &eval.Backtest{Horizon: 12, Step: 12, Origins: 2, Season: 12}
	mr, err := eval.WalkForwardMany(context.Background(), series, baselineModels(12, "naive", "snaive"), cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, pick := range []string{"worst", "best", "SC,SA"} {
		dir := t.TempDir()
		r := &Report{Many: mr, ManySeries: series, GridPick: pick, GridSize: 4}
		if err := WriteReport(dir, r); err != nil {
			t.Fatalf("pick %s: %v", pick, err)
		}
		files := readDir(t, dir)
		if len(files[FileGrid]) == 0 || len(files[FileHorizon]) == 0 {
			t.Errorf("pick %s: grid.png %d bytes, horizon.png %d bytes", pick, len(files[FileGrid]), len(files[FileHorizon]))
		}
		recs, err := csv.NewReader(bytes.NewReader(files[FileMetrics])).ReadAll()
		if err != nil || len(recs) != 3 || !slices.Contains(recs[0], "owa") {
			t.Errorf("pick %s: metrics.csv = %v, %v", pick, recs, err)
		}
	}
	// The default draws both grids: the worst series and the best, which
	// differ (the series' errors differ by construction).
	dir := t.TempDir()
	if err := WriteReport(dir, &Report{Many: mr, ManySeries: series, GridSize: 2}); err != nil {
		t.Fatalf("default pick: %v", err)
	}
	files := readDir(t, dir)
	if len(files[FileGrid]) == 0 || len(files[FileGridBest]) == 0 {
		t.Errorf("default pick: grid.png %d bytes, grid_best.png %d bytes, want both", len(files[FileGrid]), len(files[FileGridBest]))
	} else if bytes.Equal(files[FileGrid], files[FileGridBest]) {
		t.Errorf("default pick: worst and best grids are identical")
	}
	if !bytes.Contains(files[FileIndex], []byte(FileGridBest)) {
		t.Errorf("default pick: index.md does not link %s", FileGridBest)
	}
	if err := WriteReport(t.TempDir(), &Report{Many: mr, ManySeries: series, GridPick: "SA,nope"}); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("WriteReport(unknown grid id) error = %v, want one naming the id", err)
	}
}

// TestWriteReportManyForecasts: forecasts past the end of many series
// give the forecast grid of the chosen (or first) series and the
// forecast CSV, which index.md links and the manifest lists.
func TestWriteReportManyForecasts(t *testing.T) {
	var series []*forecast.Series
	var fcs []*eval.Forecast
	for k := range 5 {
		s := &forecast.Series{ID: "S" + string(rune('A'+k)), Values: synth(60, 12)}
		series = append(series, s)
		point := synth(12, 12)
		fcs = append(fcs, &eval.Forecast{Model: "snaive", Point: point, Intervals: []forecast.Interval{forecast.IntervalAround(point, fill(12, 3), 80)}})
	}
	cfg := &eval.Backtest{Horizon: 12, Step: 12, Origins: 2, Season: 12}
	mr, err := eval.WalkForwardMany(context.Background(), series, baselineModels(12, "naive", "snaive"), cfg)
	if err != nil {
		t.Fatal(err)
	}
	csvOut := func(w io.Writer) error { _, err := io.WriteString(w, "id,step,forecast\nSA,1,1\n"); return err }
	for _, pick := range []string{"", "SD,SB"} {
		dir := t.TempDir()
		r := &Report{Title: "many", Many: mr, ManySeries: series, ManyForecasts: fcs, GridPick: pick, ForecastCSV: csvOut, Model: "snaive"}
		if err := WriteReport(dir, r); err != nil {
			t.Fatalf("pick %q: %v", pick, err)
		}
		files := readDir(t, dir)
		if len(files[FileForecasts]) == 0 || string(files[FileForecastCSV]) != "id,step,forecast\nSA,1,1\n" {
			t.Errorf("pick %q: forecasts.png %d bytes, forecast.csv %q", pick, len(files[FileForecasts]), files[FileForecastCSV])
		}
		if !bytes.Contains(files[FileIndex], []byte("[forecast.csv](forecast.csv)")) || !bytes.Contains(files[FileSummary], []byte(`"forecast.csv"`)) {
			t.Errorf("pick %q: index.md or summary.json does not name forecast.csv", pick)
		}
		want := "the first 5 of 5 series"
		if pick != "" {
			want = "the chosen 2 of 5 series"
		}
		if !bytes.Contains(files[FileIndex], []byte(want)) {
			t.Errorf("pick %q: index.md lacks %q", pick, want)
		}
	}
	// A failing CSV writer leaves the folder untouched.
	dir := t.TempDir()
	bad := func(io.Writer) error { return errors.New("disk on fire") }
	if err := WriteReport(dir, &Report{Many: mr, ManySeries: series, ManyForecasts: fcs, ForecastCSV: bad}); err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Errorf("WriteReport with a failing CSV: %v", err)
	}
	if len(readDir(t, dir)) != 0 {
		t.Error("a failed report wrote files")
	}
}
