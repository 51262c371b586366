package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCtx drives the app as run does, under ctx and with stdin read from r.
func runCtx(ctx context.Context, r io.Reader, args ...string) result {
	var out, errb bytes.Buffer
	app := newApp(&out, &errb)
	app.Reader = r
	err := app.RunContext(ctx, append([]string{"tsforecast"}, args...))
	code := reportError(&errb, err)
	return result{out.String(), errb.String(), code}
}

// writeTemp writes text to name in a new temporary folder and returns the
// path.
func writeTemp(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestDelimiterFlags: --delimiter and --decimal-comma read files that
// spreadsheets export with ';' or tabs and decimal commas, and the
// loader's hints name these flags (issue 15, item 15).
func TestDelimiterFlags(t *testing.T) {
	semi := writeTemp(t, "semi.csv", "Month;Passengers\n1949-01;112,5\n1949-02;118\n1949-03;132,25\n")
	tab := writeTemp(t, "tab.csv", "Month\tPassengers\n1949-01\t112.5\n1949-02\t118\n1949-03\t132.25\n")
	pipe := writeTemp(t, "pipe.csv", "Month|Passengers\n1949-01|112.5\n1949-02|118\n1949-03|132.25\n")
	for _, args := range [][]string{
		{"--input", semi, "--decimal-comma"},
		{"--input", semi, "--decimal-comma", "--delimiter", ";"},
		{"--input", tab, "--delimiter", "tab"},
		{"--input", tab, "--delimiter", `\t`},
		{"--input", tab, "--delimiter", "\t"},
		{"--input", pipe, "--delimiter", "|"},
	} {
		r := mustRun(t, "", append([]string{"inspect", "--json"}, args...)...)
		var in struct{ Stats stats }
		if err := json.Unmarshal([]byte(r.stdout), &in); err != nil {
			t.Fatalf("inspect %v: %v", args, err)
		}
		// 112.5 + 118 + 132.25 = 362.75, as written in the files.
		if in.Stats.N != 3 || in.Stats.Max != 132.25 || in.Stats.Mean*3 != 362.75 {
			t.Errorf("inspect %v: stats %+v, want 3 values 112.5, 118, 132.25", args, in.Stats)
		}
	}
	for _, test := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--input", semi}, exitFailure, "the file looks ';'-separated; use --delimiter ';'"},
		{[]string{"--input", tab}, exitFailure, "the file looks tab-separated; use --delimiter tab"},
		{[]string{"--input", semi, "--delimiter", ";"}, exitFailure, `invalid number "112,5" (a decimal comma? use --decimal-comma)`},
		{[]string{"--input", tab, "--delimiter", "tab", "--decimal-comma"}, exitFailure, "with --decimal-comma a '.' is not allowed"},
		{[]string{"--input", semi, "--delimiter", ";;"}, exitUsage, `invalid --delimiter ";;": want one character`},
		{[]string{"--input", semi, "--delimiter", `"`}, exitUsage, `invalid --delimiter "\"": want one character`},
		{[]string{"--input", semi, "--decimal-comma", "--delimiter", ","}, exitUsage, "--decimal-comma needs a --delimiter other than ','"},
	} {
		r := run(t, "", append([]string{"inspect"}, test.args...)...)
		if r.code != test.code || !strings.Contains(r.stderr, test.want) {
			t.Errorf("inspect %q: exit %d, stderr %q; want exit %d and %q", test.args, r.code, r.stderr, test.code, test.want)
		}
	}
	// Every command that reads a CSV takes them.
	for _, cmd := range []string{"inspect", "forecast", "backtest", "train", "predict", "report"} {
		r := run(t, "", cmd, "--help")
		if !strings.Contains(r.stdout, "--delimiter") || !strings.Contains(r.stdout, "--decimal-comma") {
			t.Errorf("%s --help lists no --delimiter or --decimal-comma", cmd)
		}
	}
}

// TestLimitHints: the loader's limits have no flags, so their messages say
// what the limit is instead of naming LoadOptions fields.
func TestLimitHints(t *testing.T) {
	long := writeTemp(t, "long.csv", "ds,y\n2020-01-01,"+strings.Repeat("1", 1<<20+1)+"\n")
	r := run(t, "", "inspect", "--input", long)
	if want := "tsforecast reads fields of at most 1 MiB"; r.code != exitFailure || !strings.Contains(r.stderr, want) || strings.Contains(r.stderr, "MaxFieldBytes") {
		t.Errorf("a 1 MiB field: exit %d, stderr %q; want %q", r.code, r.stderr, want)
	}
}

// cancelReader serves the rows of a series without end and cancels its
// context once it has served after bytes.
type cancelReader struct {
	cancel func()
	after  int
	n      int
	day    int // rows served
}

func (r *cancelReader) Read(p []byte) (int, error) {
	if r.n == 0 {
		k := copy(p, "y\n")
		r.n += k
		return k, nil
	}
	var b []byte
	for len(b) < len(p)-32 {
		b = fmt.Appendf(b, "%d\n", r.day%7)
		r.day++
	}
	k := copy(p, b)
	r.n += k
	if r.n > r.after {
		r.cancel()
	}
	return k, nil
}

// TestLoadCancelled: loading honours the command's context, cancelled by
// the first Ctrl-C, before and while the file is read, in inspect too,
// which reads nothing else (issue 15, item 7).
func TestLoadCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, args := range [][]string{
		{"inspect", "--input", airline},
		{"inspect", "--input", airline, "--plot", filepath.Join(t.TempDir(), "p.png")},
		{"forecast", "--input", airline, "--horizon", "3", "--model", "naive"},
	} {
		r := runCtx(ctx, strings.NewReader(""), args...)
		if r.code != exitFailure || r.stderr != "tsforecast: interrupted; no output was written\n" || r.stdout != "" {
			t.Errorf("%v under a cancelled context: exit %d, stdout %q, stderr %q; want 1 and 'interrupted'", args, r.code, r.stdout, r.stderr)
		}
	}
	// Cancelled after 1 MB of an endless stdin: the load stops within a few
	// thousand rows instead of reading to the value limit.
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	src := &cancelReader{cancel: cancel, after: 1 << 20}
	r := runCtx(ctx, src, "inspect", "--input", "-")
	if r.code != exitFailure || !strings.Contains(r.stderr, "interrupted") {
		t.Errorf("inspect cancelled while loading: exit %d, stderr %q; want 1 and 'interrupted'", r.code, r.stderr)
	}
	if src.n > 4<<20 {
		t.Errorf("inspect cancelled after 1 MB read %d bytes", src.n)
	}
}
