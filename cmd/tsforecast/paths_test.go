package main

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tsforecast/tsforecast/plots"
)

// absAirline is the absolute path of the airline file, for tests that
// change the working directory.
func absAirline(t *testing.T) string {
	t.Helper()
	p, err := filepath.Abs(airline)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// copyAirline copies the airline file to dir/name and returns its path.
func copyAirline(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(airline)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestOutputConflicts: an output that is the same file as an input or as
// another output is refused before any work, in every command, naming both
// flags as given; the input survives (issue 15, item 1).
func TestOutputConflicts(t *testing.T) {
	dir := t.TempDir()
	orig := readFile(t, copyAirline(t, dir, "s.csv"))
	copyAirline(t, dir, "rep/metrics.csv")
	t.Chdir(dir)
	if err := os.Symlink("s.csv", "link.csv"); err != nil {
		t.Fatal(err)
	}
	if err := os.Link("s.csv", "hard.csv"); err != nil {
		t.Fatal(err)
	}
	net := []string{"--model", "lstm", "--epochs", "1", "--hidden", "2"}
	for _, test := range []struct {
		args []string
		want string
	}{
		{[]string{"forecast", "--input", "s.csv", "--horizon", "3", "--model", "naive", "--output", "s.csv"}, "--output s.csv is the same file as --input s.csv"},
		{append([]string{"forecast", "--input", "s.csv", "--horizon", "3", "--save", "s.csv"}, net...), "--save s.csv is the same file as --input s.csv"},
		{[]string{"forecast", "--input", "s.csv", "--horizon", "3", "--model", "naive", "--plot", "s.csv"}, "--plot s.csv is the same file as --input s.csv"},
		{[]string{"forecast", "--input", "s.csv", "--horizon", "3", "--model", "naive", "--output", "link.csv"}, "--output link.csv is the same file as --input s.csv (" + filepath.Join(dir, "s.csv") + ")"},
		{[]string{"forecast", "--input", "link.csv", "--horizon", "3", "--model", "naive", "--output", "./s.csv"}, "--output ./s.csv is the same file as --input link.csv"},
		{[]string{"forecast", "--input", "s.csv", "--horizon", "3", "--model", "naive", "--output", "hard.csv"}, "--output hard.csv is the same file as --input s.csv"},
		{append([]string{"forecast", "--input", "s.csv", "--horizon", "3", "--save", "X", "--output", "X", "--plot", "X"}, net...), "--plot X is the same file as --output X"},
		{[]string{"forecast", "--input", "s.csv", "--horizon", "3", "--model", "naive", "--plot", "-"}, "the forecasts and --plot - both write to stdout"},
		{append([]string{"train", "--input", "s.csv", "--save", "s.csv"}, net[2:]...), "--save s.csv is the same file as --input s.csv"},
		{[]string{"train", "--input", "s.csv", "--save", "-", "--json"}, "the JSON summary and --save - both write to stdout"},
		{[]string{"predict", "--model-file", "m", "--input", "s.csv", "--horizon", "3", "--output", "link.csv"}, "--output link.csv is the same file as --input s.csv"},
		{[]string{"predict", "--model-file", "s.csv", "--input", "x.csv", "--horizon", "3", "--plot", "s.csv"}, "--plot s.csv is the same file as --model-file s.csv"},
		{[]string{"predict", "--model-file", "-", "--input", "-", "--horizon", "3"}, "--input - and --model-file - cannot both read stdin"},
		{[]string{"backtest", "--input", "s.csv", "--horizon", "3", "--cv-output", "s.csv"}, "--cv-output s.csv is the same file as --input s.csv"},
		{[]string{"backtest", "--input", "s.csv", "--horizon", "3", "--cv-output", "-"}, "the results table and --cv-output - both write to stdout"},
		{[]string{"backtest", "--input", "rep/metrics.csv", "--horizon", "3", "--report", "rep"}, "--report rep (its file metrics.csv) is the same file as --input rep/metrics.csv"},
		{[]string{"report", "--input", "rep/metrics.csv", "--horizon", "3", "--out", "rep"}, "--out rep (its file metrics.csv) is the same file as --input rep/metrics.csv"},
		{[]string{"report", "--input", "rep/metrics.csv", "--horizon", "3", "--out", "rep", "--force"}, "--out rep (its file metrics.csv) is the same file as --input rep/metrics.csv"},
		{[]string{"inspect", "--input", "s.csv", "--plot", "link.csv"}, "--plot link.csv is the same file as --input s.csv"},
	} {
		r := run(t, "", test.args...)
		if r.code != exitUsage || !strings.Contains(r.stderr, test.want) || strings.Count(r.stderr, "\n") != 1 || r.stdout != "" {
			t.Errorf("tsforecast %s: exit %d, stdout %q, stderr %q; want exit %d and only %q",
				strings.Join(test.args, " "), r.code, r.stdout, r.stderr, exitUsage, test.want)
		}
	}
	if got := readFile(t, "s.csv"); got != orig {
		t.Errorf("s.csv changed")
	}
	if fi, err := os.Lstat("link.csv"); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("link.csv is no longer a link (%v)", err)
	}
}

// TestOutputsThroughLinksAndDevices: an output through a symbolic link
// updates its target and keeps the link, /dev/null takes any output,
// "-" and /dev/stdout write the command's stdout, and a model saved to
// stdout reads back from stdin (issue 15, items 2 and 12).
func TestOutputsThroughLinksAndDevices(t *testing.T) {
	airline := absAirline(t)
	t.Chdir(t.TempDir())
	if err := os.WriteFile("target.csv", []byte("old\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("target.csv", "link.csv"); err != nil {
		t.Fatal(err)
	}
	want := mustRun(t, "", "forecast", "--input", airline, "--horizon", "3", "--model", "naive", "--quiet").stdout
	mustRun(t, "", "forecast", "--input", airline, "--horizon", "3", "--model", "naive", "--output", "link.csv", "--quiet")
	if fi, err := os.Lstat("link.csv"); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("--output link.csv replaced the link (%v)", err)
	}
	if got := readFile(t, "target.csv"); got != want {
		t.Errorf("--output link.csv: target.csv holds %q, want %q", got, want)
	}
	if fi, _ := os.Stat("target.csv"); fi.Mode().Perm() != 0o600 {
		t.Errorf("--output link.csv: target.csv has mode %v, want its own 0600", fi.Mode().Perm())
	}
	for _, args := range [][]string{
		{"--output", "/dev/null", "--plot", "/dev/null"},
		{"--output", "-"},
		{"--output", "/dev/stdout"},
	} {
		r := mustRun(t, "", append([]string{"forecast", "--input", airline, "--horizon", "3", "--model", "naive", "--quiet"}, args...)...)
		w := want
		if args[1] == "/dev/null" {
			w = ""
		}
		if r.stdout != w {
			t.Errorf("forecast %v: stdout %q, want %q", args, r.stdout, w)
		}
	}
	r := mustRun(t, "", "forecast", "--input", airline, "--horizon", "3", "--model", "naive", "--output", "o.csv", "--plot", "-", "--quiet")
	if _, err := png.DecodeConfig(strings.NewReader(r.stdout)); err != nil {
		t.Errorf("--plot - wrote no PNG on stdout: %v", err)
	}
	ents, _ := os.ReadDir(".")
	if len(ents) != 3 { // target.csv, link.csv, o.csv
		t.Errorf("files left: %v, want target.csv, link.csv and o.csv", ents)
	}
	// A model through a pipe: train --save - | predict --model-file -.
	m := mustRun(t, "", append([]string{"train", "--input", airline, "--save", "-", "--horizon", "3", "--quiet"}, tinyNet...)...)
	fc := mustRun(t, m.stdout, "predict", "--model-file", "-", "--input", airline, "--horizon", "3", "--quiet")
	direct := mustRun(t, "", append([]string{"forecast", "--input", airline, "--model", "lstm", "--horizon", "3", "--quiet"}, tinyNet...)...)
	if fc.stdout != direct.stdout {
		t.Errorf("predict --model-file - gave\n%s\nforecast gave\n%s", fc.stdout, direct.stdout)
	}
}

// TestOutputsWritableFirst: an output that cannot be created fails the
// command before it loads or trains anything (a single error line, no
// note of the season or the training), naming the flag and the path as
// given, never a temporary file (issue 15, item 13).
func TestOutputsWritableFirst(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	ro := filepath.Join(dir, "ro")
	if err := os.Mkdir(ro, 0o555); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(ro, "probe"), nil, 0o644); err == nil {
		// Permissions do not bind root: use a folder no one can write.
		ro = "/sys"
	}
	big := append([]string{"--model", "lstm", "--epochs", "100000"}, "--quiet")
	for _, test := range []struct {
		args []string
		want string
	}{
		{append([]string{"train", "--input", airline, "--save", filepath.Join(ro, "m")}, big[2:]...), "cannot write --save " + filepath.Join(ro, "m") + ": permission denied"},
		{append([]string{"forecast", "--input", airline, "--horizon", "3", "--output", filepath.Join(file, "x.csv")}, big...), "cannot write --output " + filepath.Join(file, "x.csv") + ": not a directory"},
		{append([]string{"report", "--input", airline, "--horizon", "3", "--out", filepath.Join(ro, "rep")}, big...), "cannot write --out " + filepath.Join(ro, "rep") + ": permission denied"},
		{[]string{"inspect", "--input", airline, "--plot", filepath.Join(dir, "x.jpg")}, "invalid --plot " + filepath.Join(dir, "x.jpg") + ": want a .png or .svg file name"},
	} {
		r := run(t, "", test.args...)
		if r.code == exitOK || !strings.Contains(r.stderr, test.want) || strings.Count(r.stderr, "\n") != 1 || strings.Contains(r.stderr, ".tmp") {
			t.Errorf("tsforecast %s: exit %d, stderr %q; want one error line %q", strings.Join(test.args, " "), r.code, r.stderr, test.want)
		}
	}
}

// TestPlotSVG: --plot x.svg writes SVG, not PNG bytes (issue 15, item 16c).
func TestPlotSVG(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"forecast", "--input", airline, "--horizon", "3", "--model", "naive", "--quiet", "--output", filepath.Join(dir, "f.csv")},
		{"inspect", "--input", airline},
	} {
		p := filepath.Join(dir, args[0]+".svg")
		mustRun(t, "", append(args, "--plot", p)...)
		b, _ := os.ReadFile(p)
		if !bytes.Contains(b[:min(len(b), 512)], []byte("<svg")) {
			t.Errorf("%s --plot %s wrote %.40q, want an SVG document", args[0], p, b)
		}
	}
	if f, err := plots.FormatFor("x.png"); err != nil || f != plots.FormatPNG {
		t.Errorf("plots.FormatFor(x.png) = %q, %v", f, err)
	}
}

// TestReportForce: a report into a folder that holds the user's files is
// refused with a pointer to --force and leaves them alone; --force writes
// the report beside them (issue 15, item 3).
func TestReportForce(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "rep")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	mine := filepath.Join(dir, "forecast.png") // the README quick start's own chart
	if err := os.WriteFile(mine, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"report", "--input", airline, "--horizon", "3", "--out", dir, "--model", "naive", "--models", "naive", "--quiet"}
	r := run(t, "", args...)
	if want := "--out " + dir + ": folder " + dir + " is not empty and holds no earlier report (it has forecast.png); write into a new or empty folder, or use --force"; r.code != exitFailure || !strings.Contains(r.stderr, want) {
		t.Errorf("report into a folder with forecast.png: exit %d, stderr %q; want %q", r.code, r.stderr, want)
	}
	if got := readFile(t, mine); got != "mine" {
		t.Errorf("refused report changed forecast.png to %.20q", got)
	}
	mustRun(t, "", append(args, "--force")...)
	if _, err := os.Stat(filepath.Join(dir, "index.md")); err != nil {
		t.Errorf("report --force: %v", err)
	}
	r = run(t, "", "backtest", "--input", airline, "--horizon", "3", "--models", "naive", "--report", t.TempDir(), "--quiet")
	if r.code != exitOK {
		t.Errorf("backtest --report into an empty folder: exit %d, stderr %q", r.code, r.stderr)
	}
}
