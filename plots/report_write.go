package plots

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/tsforecast/tsforecast/forecast"
)

// WriteReport writes the report r into the directory dir (created if
// needed): one PNG per chart the inputs allow, metrics.csv (one row per
// model), summary.json (run settings, metrics and chart captions) and
// index.md, which shows the charts with one-line captions and the metric
// table. File names are fixed (see FileIndex and the other File constants).
//
// All charts and tables are rendered in memory first, so invalid data
// leave dir untouched; each file is then written atomically (temporary file
// and rename). Chart files of an earlier run that this run does not produce
// are removed, so the folder always describes one run; no other file is
// touched. Output depends only on the inputs: fit timings are left out.
func WriteReport(dir string, r *Report) error {
	if r == nil || (r.Backtest == nil && r.Forecast == nil && r.Training == nil && r.Many == nil) {
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
	written := map[string]bool{}
	for _, c := range charts {
		if err := forecast.WriteFileAtomic(filepath.Join(dir, c.File), bytesWriter(c.png)); err != nil {
			return err
		}
		written[c.File] = true
	}
	for _, f := range chartFiles {
		if !written[f] {
			if err := os.Remove(filepath.Join(dir, f)); err != nil && !errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("plots: report: removing stale %s: %w", f, err)
			}
		}
	}
	if err := forecast.WriteFileAtomic(filepath.Join(dir, FileMetrics), func(w io.Writer) error {
		return writeMetricsCSV(w, cols, rows)
	}); err != nil {
		return err
	}
	if err := forecast.WriteFileAtomic(filepath.Join(dir, FileSummary), func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(sum)
	}); err != nil {
		return err
	}
	return forecast.WriteFileAtomic(filepath.Join(dir, FileIndex), func(w io.Writer) error {
		return writeIndex(w, sum, cols, rows)
	})
}

func bytesWriter(b []byte) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	}
}

// build renders every chart and assembles the tables.

func writeMetricsCSV(w io.Writer, cols []string, rows []MetricRow) error {
	cw := csv.NewWriter(w)
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
	cw.Flush()
	return cw.Error()
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
