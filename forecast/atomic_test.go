package forecast_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/tsforecast/tsforecast/forecast"
)

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	write := func(s string) func(io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
	}
	if err := forecast.WriteFileAtomic(path, write("one\n")); err != nil {
		t.Fatalf("WriteFileAtomic(new): %v", err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("new file mode %v (%v), want 0644", fi.Mode(), err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := forecast.WriteFileAtomic(path, write("two\n")); err != nil {
		t.Fatalf("WriteFileAtomic(replace): %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "two\n" {
		t.Errorf("after replace the file holds %q, want %q", b, "two\n")
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("replaced file mode %v, want the old 0600", fi.Mode())
	}

	// A failing writer leaves the old file and no temporary file.
	boom := errors.New("boom")
	err := forecast.WriteFileAtomic(path, func(w io.Writer) error {
		io.WriteString(w, "partial")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Errorf("WriteFileAtomic(failing writer) = %v, want %v", err, boom)
	}
	// So does a panicking one.
	func() {
		defer func() { recover() }()
		forecast.WriteFileAtomic(path, func(w io.Writer) error { panic("writer bug") })
	}()
	if b, _ := os.ReadFile(path); string(b) != "two\n" {
		t.Errorf("after failed writes the file holds %q, want %q", b, "two\n")
	}
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) != 1 {
		names := []string{}
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("directory holds %v (%v), want only out.csv", names, err)
	}

	// A missing directory is an error, not a panic.
	if err := forecast.WriteFileAtomic(filepath.Join(dir, "no", "such.csv"), write("x")); err == nil {
		t.Errorf("WriteFileAtomic into a missing directory succeeded")
	}
	// So is a path that is a directory.
	if err := forecast.WriteFileAtomic(dir, write("x")); err == nil {
		t.Errorf("WriteFileAtomic over a directory succeeded")
	}
}

// TestWriteFileAtomicLinks: a symlink stays a symlink and its target is
// written; /dev/null is written, not replaced (issue 15, item 2).
func TestWriteFileAtomicLinks(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target.csv")
	link := filepath.Join(dir, "link.csv")
	if err := os.Symlink("target.csv", link); err != nil {
		t.Fatal(err)
	}
	write := func(w io.Writer) error { _, err := io.WriteString(w, "x\n"); return err }
	if err := forecast.WriteFileAtomic(link, write); err != nil {
		t.Fatalf("WriteFileAtomic(link): %v", err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("WriteFileAtomic(link) replaced the link (%v)", err)
	}
	if b, err := os.ReadFile(target); err != nil || string(b) != "x\n" {
		t.Errorf("link target holds %q (%v), want %q", b, err, "x\n")
	}
	if err := forecast.WriteFileAtomic(os.DevNull, write); err != nil {
		t.Errorf("WriteFileAtomic(%s): %v", os.DevNull, err)
	}
	if fi, err := os.Lstat(os.DevNull); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		t.Errorf("%s is no longer a character device (%v)", os.DevNull, err)
	}
}
