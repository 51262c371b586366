package safefile

import (
	"errors"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
)

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

func readString(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// names returns the entries of dir.
func names(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	return out
}

func TestWriteFileRegular(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	if err := WriteFile(path, writeString("one\n")); err != nil {
		t.Fatalf("WriteFile(new): %v", err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("new file mode %v (%v), want 0644", fi.Mode(), err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, writeString("two\n")); err != nil {
		t.Fatalf("WriteFile(replace): %v", err)
	}
	if got := readString(t, path); got != "two\n" {
		t.Errorf("after replace the file holds %q, want %q", got, "two\n")
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("replaced file mode %v, want the old 0600", fi.Mode())
	}
	boom := errors.New("boom")
	if err := WriteFile(path, func(w io.Writer) error { io.WriteString(w, "partial"); return boom }); !errors.Is(err, boom) {
		t.Errorf("WriteFile(failing writer) = %v, want %v", err, boom)
	}
	func() {
		defer func() { recover() }()
		WriteFile(path, func(io.Writer) error { panic("writer bug") })
	}()
	if got := readString(t, path); got != "two\n" {
		t.Errorf("after failed writes the file holds %q, want %q", got, "two\n")
	}
	if got := names(t, dir); len(got) != 1 {
		t.Errorf("directory holds %v, want only out.csv", got)
	}
	err := WriteFile(filepath.Join(dir, "no", "such.csv"), writeString("x"))
	var pe *fs.PathError
	if !errors.As(err, &pe) || pe.Path != filepath.Join(dir, "no", "such.csv") {
		t.Errorf("WriteFile into a missing directory = %v, want a *PathError naming the path", err)
	}
	if err := WriteFile(dir, writeString("x")); err == nil {
		t.Errorf("WriteFile over a directory succeeded")
	}
}

// TestWriteFileSymlink: a link stays a link and its target is written
// (issue 15, item 2: the link became a regular file and the target kept
// its old contents).
func TestWriteFileSymlink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.csv")
	if err := os.WriteFile(real, []byte("old\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.csv")
	if err := os.Symlink("real.csv", link); err != nil {
		t.Fatal(err)
	}
	// A chain of links through a linked directory, with relative targets.
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../link.csv", filepath.Join(sub, "up.csv")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("sub", filepath.Join(dir, "alias")); err != nil {
		t.Fatal(err)
	}
	for i, path := range []string{link, filepath.Join(dir, "alias", "up.csv")} {
		want := "new " + strconv.Itoa(i) + "\n"
		if err := WriteFile(path, writeString(want)); err != nil {
			t.Fatalf("WriteFile(%s): %v", path, err)
		}
		if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("WriteFile(%s): link.csv is no longer a symlink (%v, %v)", path, fi.Mode(), err)
		}
		if got := readString(t, real); got != want {
			t.Errorf("WriteFile(%s): target holds %q, want %q", path, got, want)
		}
		if fi, _ := os.Stat(real); fi.Mode().Perm() != 0o640 {
			t.Errorf("WriteFile(%s): target mode %v, want the old 0640", path, fi.Mode())
		}
	}
	if got := names(t, dir); len(got) != 4 {
		t.Errorf("directory holds %v, want alias, link.csv, real.csv, sub", got)
	}
}

func TestWriteFileDanglingSymlink(t *testing.T) {
	dir := t.TempDir()
	link := filepath.Join(dir, "link.csv")
	if err := os.Symlink("made.csv", link); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(link, writeString("x\n")); err != nil {
		t.Fatalf("WriteFile(dangling link): %v", err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("dangling link.csv is no longer a symlink (%v)", err)
	}
	if got := readString(t, filepath.Join(dir, "made.csv")); got != "x\n" {
		t.Errorf("link target holds %q, want %q", got, "x\n")
	}
	// A loop is an error, not a hang.
	loop := filepath.Join(dir, "loop")
	if err := os.Symlink("loop", loop); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(loop, writeString("x")); !errors.Is(err, errLoop) {
		t.Errorf("WriteFile(link loop) = %v, want %v", err, errLoop)
	}
}

// TestWriteFileDevNull: /dev/null is written, not replaced by a file
// (issue 15, item 2: as root, atomic writes replaced device nodes).
func TestWriteFileDevNull(t *testing.T) {
	before, err := os.Lstat("/dev/null")
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteFile("/dev/null", writeString("discarded\n")); err != nil {
		t.Fatalf("WriteFile(/dev/null): %v", err)
	}
	after, err := os.Lstat("/dev/null")
	if err != nil || after.Mode()&fs.ModeCharDevice == 0 || !os.SameFile(before, after) {
		t.Errorf("/dev/null after WriteFile: mode %v (%v), same node %v; want the same character device", after.Mode(), err, os.SameFile(before, after))
	}
}

func TestWriteFileFIFO(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	got := make(chan string, 1)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- err.Error()
			return
		}
		b, _ := io.ReadAll(f)
		f.Close()
		got <- string(b)
	}()
	if err := WriteFile(fifo, writeString("through the pipe\n")); err != nil {
		t.Fatalf("WriteFile(fifo): %v", err)
	}
	select {
	case s := <-got:
		if s != "through the pipe\n" {
			t.Errorf("reader of the FIFO got %q", s)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("reader of the FIFO got nothing")
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("FIFO after WriteFile: %v (%v), want a named pipe", fi.Mode(), err)
	}
	if got := names(t, dir); len(got) != 1 {
		t.Errorf("directory holds %v, want only the pipe", got)
	}
}

// TestWriteFileDescriptor writes through /proc/self/fd/N, as /dev/stdout
// resolves: the open file is appended to, not replaced.
func TestWriteFileDescriptor(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "stdout.txt")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString("before\n"); err != nil {
		t.Fatal(err)
	}
	before, _ := f.Stat()
	fdPath := "/dev/fd/" + strconv.Itoa(int(f.Fd()))
	if _, err := os.Stat(fdPath); err != nil {
		t.Fatalf("this test needs /dev/fd: %v", err)
	}
	if err := WriteFile(fdPath, writeString("forecast\n")); err != nil {
		t.Fatalf("WriteFile(%s): %v", fdPath, err)
	}
	after, err := os.Stat(path)
	if err != nil || !os.SameFile(before, after) {
		t.Errorf("WriteFile(%s) replaced the open file (%v)", fdPath, err)
	}
	if got := readString(t, path); got != "before\nforecast\n" {
		t.Errorf("file behind %s holds %q, want %q", fdPath, got, "before\nforecast\n")
	}
	if got := names(t, dir); len(got) != 1 {
		t.Errorf("directory holds %v, want only stdout.txt", got)
	}
}

// TestWriteFileReadOnlyDir: a directory that cannot take the temporary
// file is an error naming the path, and leaves nothing behind. Root
// ignores permission bits, so as root the directory is /proc, which no one
// can create files in.
func TestWriteFileReadOnlyDir(t *testing.T) {
	dir := "/proc"
	if os.Geteuid() != 0 {
		dir = t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "out.csv"), []byte("old\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		defer os.Chmod(dir, 0o755)
	}
	before := names(t, dir)
	path := filepath.Join(dir, "out.csv")
	err := WriteFile(path, writeString("new\n"))
	var pe *fs.PathError
	if !errors.As(err, &pe) || pe.Path != path {
		t.Fatalf("WriteFile into read-only %s = %v, want a *PathError naming %s", dir, err, path)
	}
	if after := names(t, dir); dir != "/proc" && len(after) != len(before) {
		t.Errorf("read-only directory holds %v after a failed write, want %v", after, before)
	}
	if dir != "/proc" {
		if got := readString(t, path); got != "old\n" {
			t.Errorf("out.csv holds %q after a failed write, want %q", got, "old\n")
		}
	} else if _, err := os.Lstat(path); err == nil {
		t.Errorf("%s exists after a failed write", path)
	}
}

func TestWriteFileSocket(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s")
	l, err := net.Listen("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if err := WriteFile(path, writeString("x")); !errors.Is(err, errIrregular) {
		t.Errorf("WriteFile(socket) = %v, want %v", err, errIrregular)
	}
}
