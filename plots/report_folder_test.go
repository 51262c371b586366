package plots

import (
	"bytes"
	"encoding/json"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sync"
	"testing"

	"github.com/tsforecast/tsforecast/eval"
)

// Two cheap reports with different charts: a training history alone
// (training.png), and a forecast alone (forecast.png).
func trainingReport() *Report {
	return &Report{Training: &TrainingChart{Train: []float64{1, 0.5, 0.3}, Val: []float64{1.1, 0.6, 0.7}, BestEpoch: 2}}
}

func forecastReport() *Report {
	s := synthSeries("synthetic", 36)
	return &Report{Series: s, Forecast: &eval.Forecast{Model: "naive", Point: []float64{1, 2, 3}}}
}

func manifest(t *testing.T, dir string) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, FileSummary))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Generator string
		Files     []string
	}
	if err := json.Unmarshal(b, &m); err != nil || m.Generator != reportGenerator {
		t.Fatalf("summary.json is no manifest (%v): %s", err, b)
	}
	return m.Files
}

// TestWriteReportForeignFolder: a folder that is not empty and holds no
// report is refused, and left as it was (issue 15, item 3: the user's
// forecast.png from the quick start was overwritten); Force writes into
// it and still removes nothing.
func TestWriteReportForeignFolder(t *testing.T) {
	dir := t.TempDir()
	mine := map[string][]byte{FileForecast: []byte("my own chart"), FileIndex: []byte("# my notes\n"), "data.csv": []byte("ds,y\n")}
	for f, b := range mine {
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	err := WriteReport(dir, trainingReport())
	if !errors.Is(err, ErrNotReportFolder) {
		t.Fatalf("WriteReport(folder of user files) = %v, want ErrNotReportFolder", err)
	}
	if got := readDir(t, dir); !maps.EqualFunc(got, mine, bytes.Equal) {
		t.Errorf("refused WriteReport changed the folder: %v", slices.Sorted(maps.Keys(got)))
	}
	r := trainingReport()
	r.Force = true
	if err := WriteReport(dir, r); err != nil {
		t.Fatalf("WriteReport(Force): %v", err)
	}
	got := readDir(t, dir)
	if !bytes.Equal(got[FileForecast], mine[FileForecast]) || !bytes.Equal(got["data.csv"], mine["data.csv"]) {
		t.Errorf("WriteReport(Force) removed or changed a file it did not write")
	}
	if want := []string{FileTraining, FileMetrics, FileSummary, FileIndex}; !slices.Equal(manifest(t, dir), want) {
		t.Errorf("manifest %v, want %v", manifest(t, dir), want)
	}
	// A summary.json of another program is no manifest.
	other := t.TempDir()
	if err := os.WriteFile(filepath.Join(other, FileSummary), []byte(`{"files": ["x"]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteReport(other, trainingReport()); !errors.Is(err, ErrNotReportFolder) {
		t.Errorf("WriteReport(folder with a foreign summary.json) = %v, want ErrNotReportFolder", err)
	}
}

// TestWriteReportManifest: only files the earlier manifest lists are
// removed; a user's file of a fixed name in a report folder is neither
// removed (issue 15, item 3: stale-chart cleanup removed every fixed
// name) nor overwritten without Force.
func TestWriteReportManifest(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "rep")
	if err := WriteReport(dir, trainingReport()); err != nil {
		t.Fatal(err)
	}
	if got, want := manifest(t, dir), []string{FileTraining, FileMetrics, FileSummary, FileIndex}; !slices.Equal(got, want) {
		t.Errorf("manifest %v, want %v", got, want)
	}
	// The user drops their own forecast.png into the report folder.
	user := []byte("user chart")
	if err := os.WriteFile(filepath.Join(dir, FileForecast), user, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteReport(dir, trainingReport()); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, FileForecast)); err != nil || !bytes.Equal(b, user) {
		t.Errorf("WriteReport removed or changed the user's %s (%v)", FileForecast, err)
	}
	// A report that would overwrite it is refused, the folder unchanged.
	before := readDir(t, dir)
	if err := WriteReport(dir, forecastReport()); !errors.Is(err, ErrNotReportFolder) {
		t.Errorf("WriteReport over an unlisted %s = %v, want ErrNotReportFolder", FileForecast, err)
	}
	if after := readDir(t, dir); !maps.EqualFunc(before, after, bytes.Equal) {
		t.Errorf("refused WriteReport changed the folder")
	}
	// Once the user's file is gone, the forecast report replaces the
	// training report, whose chart it removes.
	os.Remove(filepath.Join(dir, FileForecast))
	if err := WriteReport(dir, forecastReport()); err != nil {
		t.Fatal(err)
	}
	files := readDir(t, dir)
	if _, ok := files[FileTraining]; ok {
		t.Errorf("stale %s survived", FileTraining)
	}
	if got, want := slices.Sorted(maps.Keys(files)), slices.Sorted(slices.Values(manifest(t, dir))); !slices.Equal(got, want) {
		t.Errorf("folder holds %v, manifest lists %v", got, want)
	}

	// A crafted manifest cannot make WriteReport remove other files.
	victim := filepath.Join(filepath.Dir(dir), "victim.txt")
	if err := os.WriteFile(victim, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	crafted := `{"generator": "` + reportGenerator + `", "files": ["../victim.txt", "notes.txt", "` + victim + `", "index.md", "summary.json", "metrics.csv", "forecast.png"]}`
	if err := os.WriteFile(filepath.Join(dir, FileSummary), []byte(crafted), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteReport(dir, trainingReport()); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{victim, filepath.Join(dir, "notes.txt")} {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("WriteReport with a crafted manifest removed %s", f)
		}
	}
}

var linkRE = regexp.MustCompile(`\]\(([^)]+\.png)\)`)

// TestWriteReportConcurrent: reports written at once into one folder leave
// one whole report: index.md links only charts that exist, and the folder
// holds the files of the manifest (issue 15, item 3).
func TestWriteReportConcurrent(t *testing.T) {
	dir := t.TempDir()
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for g := range 2 {
		wg.Go(func() {
			for i := range 6 {
				r := trainingReport()
				if (g+i)%2 == 1 {
					r = forecastReport()
				}
				if err := WriteReport(dir, r); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("concurrent WriteReport: %v", err)
	}
	files := readDir(t, dir)
	for _, m := range linkRE.FindAllSubmatch(files[FileIndex], -1) {
		if _, ok := files[string(m[1])]; !ok {
			t.Errorf("index.md links %s, which is not in the folder", m[1])
		}
	}
	if got, want := slices.Sorted(maps.Keys(files)), slices.Sorted(slices.Values(manifest(t, dir))); !slices.Equal(got, want) {
		t.Errorf("folder holds %v, manifest lists %v", got, want)
	}
}

func TestReportFiles(t *testing.T) {
	got := ReportFiles()
	for _, f := range []string{FileIndex, FileMetrics, FileSummary, FileForecast, FileGridBest} {
		if !slices.Contains(got, f) {
			t.Errorf("ReportFiles() = %v, missing %s", got, f)
		}
	}
	got[0] = "changed"
	if ReportFiles()[0] == "changed" {
		t.Error("ReportFiles returns a shared slice")
	}
}
