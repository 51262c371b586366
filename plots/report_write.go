package plots

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/tsforecast/tsforecast/csvio"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/internal/safefile"
)

// WriteReport writes the report r into the directory dir (created if
// needed): one PNG per chart the inputs allow, metrics.csv (one row per
// model), summary.json (run settings, metrics, chart captions and the
// manifest of the files written) and index.md, which shows the charts with
// one-line captions and the metric table. File names are fixed (see
// FileIndex and the other File constants, and [ReportFiles]).
//
// All charts and tables are rendered in memory first, so invalid data
// leave dir untouched; each file is then written atomically (temporary file
// and rename).
//
// The folder must be new, empty or an earlier report: one whose
// summary.json carries the manifest. Files that the earlier manifest lists
// and this run does not produce are removed, so the folder always
// describes one run; no other file is ever removed. A folder holding other
// files and no manifest, or a report folder holding a file of a fixed name
// that its manifest does not list, is refused with an error wrapping
// [ErrNotReportFolder] unless r.Force is set, so a user's own forecast.png
// or index.md is never overwritten by accident. Writers of one folder are
// serialised by a lock on it ([safefile.LockDir]), so concurrent reports
// leave one whole report, never an index.md linking charts another run
// removed. Output depends only on the inputs: fit timings are left out.
func WriteReport(dir string, r *Report) error {
	if r == nil || (r.Backtest == nil && r.Forecast == nil && r.Training == nil && r.Many == nil && r.Components == nil) {
		return ErrNothingToReport
	}
	if (r.Backtest != nil || r.Forecast != nil) && r.Series == nil {
		return errors.New("plots: report: Series is required with Backtest or Forecast")
	}
	sum, charts, rows, cols, err := r.build()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("plots: report: %w", err)
	}
	unlock, err := safefile.LockDir(dir)
	if err != nil {
		return fmt.Errorf("plots: report: %w", err)
	}
	defer unlock()

	files := make([]string, 0, len(charts)+3)
	for _, c := range charts {
		files = append(files, c.File)
	}
	if sum.csv != nil {
		files = append(files, FileForecastCSV)
	}
	files = append(files, FileMetrics, FileSummary, FileIndex)
	owned, err := ownedFiles(dir, files, r.Force)
	if err != nil {
		return err
	}
	sum.Generator = reportGenerator
	writeSummary := func() error {
		return forecast.WriteFileAtomic(filepath.Join(dir, FileSummary), func(w io.Writer) error {
			enc := json.NewEncoder(w)
			enc.SetIndent("", "  ")
			return enc.Encode(sum)
		})
	}
	// First a manifest naming every file of both runs, so that a crash
	// part way leaves no file of ours unlisted; at the end, this run's.
	union := slices.Clone(files)
	for _, f := range ReportFiles() {
		if owned[f] && !slices.Contains(files, f) {
			union = append(union, f)
		}
	}
	if !allOwned(files, owned) {
		sum.Files = union
		if err := writeSummary(); err != nil {
			return err
		}
	}
	for _, c := range charts {
		if err := forecast.WriteFileAtomic(filepath.Join(dir, c.File), bytesWriter(c.png)); err != nil {
			return err
		}
	}
	if sum.csv != nil {
		if err := forecast.WriteFileAtomic(filepath.Join(dir, FileForecastCSV), bytesWriter(sum.csv)); err != nil {
			return err
		}
	}
	if err := forecast.WriteFileAtomic(filepath.Join(dir, FileMetrics), func(w io.Writer) error {
		return writeMetricsCSV(w, cols, rows)
	}); err != nil {
		return err
	}
	for _, f := range union[len(files):] {
		if err := os.Remove(filepath.Join(dir, f)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("plots: report: removing stale %s: %w", f, err)
		}
	}
	if err := forecast.WriteFileAtomic(filepath.Join(dir, FileIndex), func(w io.Writer) error {
		return writeIndex(w, sum, cols, rows)
	}); err != nil {
		return err
	}
	sum.Files = files
	return writeSummary()
}

func allOwned(files []string, owned map[string]bool) bool {
	for _, f := range files {
		if !owned[f] {
			return false
		}
	}
	return true
}

// maxManifest bounds the bytes of summary.json read for its manifest.
const maxManifest = 64 << 20

// ownedFiles returns the files of dir that an earlier report's manifest
// lists (only names WriteReport writes count, so a manifest cannot point
// elsewhere), after checking that writing files into dir overwrites
// nothing else unless force is set.
func ownedFiles(dir string, files []string, force bool) (map[string]bool, error) {
	owned := map[string]bool{}
	isReport := false
	if f, err := os.Open(filepath.Join(dir, FileSummary)); err == nil {
		var m struct {
			Generator string   `json:"generator"`
			Files     []string `json:"files"`
		}
		if json.NewDecoder(io.LimitReader(f, maxManifest)).Decode(&m) == nil && m.Generator == reportGenerator {
			isReport = true
			known := ReportFiles()
			for _, name := range m.Files {
				if slices.Contains(known, name) {
					owned[name] = true
				}
			}
		}
		f.Close()
	}
	if force {
		return owned, nil
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("plots: report: %w", err)
	}
	var clash []string
	for _, e := range ents {
		if n := e.Name(); !isReport || (!owned[n] && slices.Contains(files, n)) {
			clash = append(clash, n)
		}
	}
	if len(clash) == 0 {
		return owned, nil
	}
	const show = 5
	list := strings.Join(clash[:min(len(clash), show)], ", ")
	if len(clash) > show {
		list += fmt.Sprintf(", ... (%d files)", len(clash))
	}
	if !isReport {
		return nil, &folderError{fmt.Sprintf("plots: report: folder %s is not empty and holds no earlier report (it has %s); write into a new or empty folder, or set Force to write into it anyway", dir, list)}
	}
	return nil, &folderError{fmt.Sprintf("plots: report: folder %s holds %s, which the earlier report did not write; move them, or set Force to overwrite them", dir, list)}
}

// folderError is the error of ownedFiles; it wraps ErrNotReportFolder.
type folderError struct{ msg string }

func (e *folderError) Error() string { return e.msg }
func (e *folderError) Unwrap() error { return ErrNotReportFolder }

func bytesWriter(b []byte) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	}
}

// writeMetricsCSV writes metrics.csv through csvio.Writer, so that a
// model or series name a spreadsheet would run as a formula is text.
func writeMetricsCSV(w io.Writer, cols []string, rows []MetricRow) error {
	cw := csvio.NewWriter(w)
	if err := cw.Write(append([]string{"model", "baseline"}, cols...)); err != nil {
		return err
	}
	for _, r := range rows {
		rec := []string{r.Model, strconv.FormatBool(r.Baseline)}
		for _, c := range cols {
			rec = append(rec, strconv.FormatFloat(r.Values[c], 'g', -1, 64))
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	return cw.Flush()
}

func writeIndex(w io.Writer, sum *reportSummary, cols []string, rows []MetricRow) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# %s\n\n", mdEscape(sum.Title))
	var facts []string
	if sum.Series != "" {
		facts = append(facts, "series **"+mdEscape(sum.Series)+"**")
	}
	if sum.NSeries > 0 {
		facts = append(facts, fmt.Sprintf("%d series", sum.NSeries))
	}
	if sum.Model != "" {
		facts = append(facts, "model **"+mdEscape(sum.Model)+"**")
	}
	if sum.Horizon > 0 {
		facts = append(facts, fmt.Sprintf("horizon %d", sum.Horizon))
	}
	if sum.Folds > 0 {
		facts = append(facts, fmt.Sprintf("%d walk-forward folds", sum.Folds))
	}
	if sum.Season > 0 {
		facts = append(facts, fmt.Sprintf("MASE season %d", sum.Season))
	}
	if len(facts) > 0 {
		fmt.Fprintf(&b, "%s.\n\n", strings.Join(facts, ", "))
	}
	if len(rows) > 0 {
		b.WriteString("## Metrics\n\nMean over folds (per series, then over series for multi-series runs), best first; baselines marked *(b)*. Also in [metrics.csv](metrics.csv).\n\n")
		b.WriteString("| model |")
		for _, c := range cols {
			fmt.Fprintf(&b, " %s |", c)
		}
		b.WriteString("\n|---|")
		for range cols {
			b.WriteString("---:|")
		}
		b.WriteString("\n")
		for _, r := range rows {
			name := mdEscape(r.Model)
			if r.Baseline {
				name += " *(b)*"
			}
			if r.Model == sum.Model {
				name = "**" + name + "**"
			}
			fmt.Fprintf(&b, "| %s |", name)
			for _, c := range cols {
				fmt.Fprintf(&b, " %s |", formatCell(c, r.Values[c]))
			}
			b.WriteString("\n")
		}
		b.WriteString("\n")
	}
	if sum.ForecastCSV != "" {
		fmt.Fprintf(&b, "Forecasts: [%s](%s).\n\n", sum.ForecastCSV, sum.ForecastCSV)
	}
	b.WriteString("## Charts\n\n")
	for _, c := range sum.Charts {
		fmt.Fprintf(&b, "![%s](%s)\n\n*%s*\n\n", mdEscape(strings.TrimSuffix(c.File, ".png")), c.File, mdEscape(c.Caption))
	}
	for _, wn := range sum.Warnings {
		fmt.Fprintf(&b, "> Note: %s\n\n", mdEscape(wn))
	}
	_, err := w.Write(b.Bytes())
	return err
}

func formatCell(col string, v float64) string {
	switch {
	case math.IsNaN(v):
		return "–"
	case col == "folds" || col == "series":
		return strconv.FormatFloat(v, 'f', 0, 64)
	case strings.HasPrefix(col, "coverage_"):
		return strconv.FormatFloat(100*v, 'f', 1, 64) + "%"
	}
	return strconv.FormatFloat(v, 'g', 4, 64)
}

var mdReplacer = strings.NewReplacer("|", `\|`, "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", "&lt;", ">", "&gt;")

func mdEscape(s string) string { return mdReplacer.Replace(s) }
