package safefile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestCheckOutputs covers issue 15, item 1: an output onto the input, or
// onto another output, directly or through links, must be refused.
func TestCheckOutputs(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "s.csv")
	if err := os.WriteFile(in, []byte("ds,y\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Symlink("s.csv", filepath.Join(dir, "link.csv")))
	must(os.Link(in, filepath.Join(dir, "hard.csv")))
	must(os.Mkdir(filepath.Join(dir, "real"), 0o755))
	must(os.Symlink("real", filepath.Join(dir, "alias")))
	must(os.Symlink(filepath.Join(dir, "real", "new.csv"), filepath.Join(dir, "dangling.csv")))
	must(os.Symlink(dir, filepath.Join(dir, "self")))
	rel, err := filepath.Rel(mustGetwd(t), in)
	must(err)
	p := func(name string) string { return filepath.Join(dir, name) }

	for _, test := range []struct {
		name         string
		inputs, outs []string
		output       string // the conflicting output, "" for none
		other        string
		input        bool
	}{
		{"distinct", []string{in}, []string{p("out.csv"), p("model.tsf"), p("plot.png")}, "", "", false},
		{"output is the input", []string{in}, []string{in}, in, in, true},
		{"relative and absolute", []string{rel}, []string{in}, in, rel, true},
		{"through a link", []string{in}, []string{p("link.csv")}, p("link.csv"), in, true},
		{"input is a link", []string{p("link.csv")}, []string{in}, in, p("link.csv"), true},
		{"hard link", []string{in}, []string{p("hard.csv")}, p("hard.csv"), in, true},
		{"through a linked directory", []string{in}, []string{p("self/s.csv")}, p("self/s.csv"), in, true},
		{"second output", []string{in}, []string{p("out.csv"), p("model.tsf"), p("out.csv")}, p("out.csv"), p("out.csv"), false},
		{"new outputs through a linked directory", nil, []string{p("real/new.csv"), p("alias/new.csv")}, p("alias/new.csv"), p("real/new.csv"), false},
		{"dangling link and its target", nil, []string{p("dangling.csv"), p("real/new.csv")}, p("real/new.csv"), p("dangling.csv"), false},
		{"dot segments", nil, []string{dir + "/real/../x.csv", p("x.csv")}, p("x.csv"), dir + "/real/../x.csv", false},
		// self links to dir, so self/.. is the parent of dir, not dir.
		{"dot segments after a link", nil, []string{dir + "/self/../x.csv", p("x.csv")}, "", "", false},
		{"dot segments after a link, same file", nil, []string{dir + "/self/../x.csv", filepath.Dir(dir) + "/x.csv"}, filepath.Dir(dir) + "/x.csv", dir + "/self/../x.csv", false},
		{"stdout twice", []string{"-"}, []string{"-", "", "-"}, "-", "-", false},
		{"stdin and stdout", []string{"-"}, []string{"-"}, "", "", false},
		{"devices twice", []string{in}, []string{"/dev/null", "/dev/null"}, "", "", false},
	} {
		t.Run(test.name, func(t *testing.T) {
			err := CheckOutputs(test.inputs, test.outs)
			if test.output == "" {
				if err != nil {
					t.Errorf("CheckOutputs(%q, %q) = %v, want nil", test.inputs, test.outs, err)
				}
				return
			}
			var ce *ConflictError
			if !errors.As(err, &ce) {
				t.Fatalf("CheckOutputs(%q, %q) = %v, want a *ConflictError", test.inputs, test.outs, err)
			}
			if ce.Output != test.output || ce.Other != test.other || ce.Input != test.input {
				t.Errorf("CheckOutputs(%q, %q) = %+v, want output %s, other %s, input %v", test.inputs, test.outs, *ce, test.output, test.other, test.input)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "safefile: ") || !strings.Contains(msg, test.output) || !strings.Contains(msg, test.other) {
				t.Errorf("CheckOutputs error %q does not name %s and %s", msg, test.output, test.other)
			}
		})
	}
	// The error of a path that cannot be resolved comes back.
	must(os.Symlink("loop", p("loop")))
	if err := CheckOutputs(nil, []string{p("loop")}); !errors.Is(err, errLoop) {
		t.Errorf("CheckOutputs(link loop) = %v, want %v", err, errLoop)
	}
}

func mustGetwd(t *testing.T) string {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return wd
}

func TestLockDir(t *testing.T) {
	dir := t.TempDir()
	unlock, err := LockDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan struct{})
	go func() {
		u, err := LockDir(dir)
		if err != nil {
			t.Error(err)
		} else {
			u()
		}
		close(got)
	}()
	select {
	case <-got:
		t.Fatal("a second LockDir returned while the first held the lock")
	case <-time.After(100 * time.Millisecond):
	}
	unlock()
	select {
	case <-got:
	case <-time.After(10 * time.Second):
		t.Fatal("a second LockDir did not return after the first released the lock")
	}
	if n := names(t, dir); len(n) != 0 {
		t.Errorf("LockDir left files in the directory: %v", n)
	}
	if _, err := LockDir(filepath.Join(dir, "missing")); err == nil {
		t.Error("LockDir of a missing directory succeeded")
	}
}
