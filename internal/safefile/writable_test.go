package safefile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestCheckWritable: outputs that cannot be written are found before the
// work (issue 15, item 13: a read-only --save folder failed after 24 s of
// training, naming the temporary file).
func TestCheckWritable(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "f.csv")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("nowhere/x.csv", filepath.Join(dir, "broken")); err != nil {
		t.Fatal(err)
	}
	for _, test := range []struct {
		path string
		ok   bool
	}{
		{file, true},
		{filepath.Join(dir, "new.csv"), true},
		{"/dev/null", true},
		{dir, false},
		{filepath.Join(dir, "missing", "x.csv"), false},
		{filepath.Join(dir, "broken"), false},
		{"/proc/x.csv", false}, // no one, not even root, creates files there
	} {
		err := CheckWritable(test.path)
		if (err == nil) != test.ok {
			t.Errorf("CheckWritable(%s) = %v, want ok %v", test.path, err, test.ok)
		}
		var pe *fs.PathError
		if err != nil && (!errors.As(err, &pe) || pe.Path != test.path) {
			t.Errorf("CheckWritable(%s) error %v does not name the path", test.path, err)
		}
	}
	for _, test := range []struct {
		dir string
		ok  bool
	}{
		{dir, true},
		{filepath.Join(dir, "a", "b"), true},
		{file, false},
		{filepath.Join(file, "sub"), false},
		{"/proc/report", false},
	} {
		if err := CheckWritableDir(test.dir); (err == nil) != test.ok {
			t.Errorf("CheckWritableDir(%s) = %v, want ok %v", test.dir, err, test.ok)
		}
	}
	if n := names(t, dir); len(n) != 2 {
		t.Errorf("the checks left files behind: %v", n)
	}
}
