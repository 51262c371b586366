package safefile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// CheckWritable reports, before any work, whether [WriteFile] could write
// path: it resolves path as WriteFile does and, for a regular file or a
// new one, creates and removes a temporary file in the target's directory.
// A character device, named pipe or open descriptor is not opened (a pipe
// would wait for a reader) and passes. Errors are *fs.PathError values
// naming path: a missing or read-only directory, a directory, socket or
// block device at path, a link loop.
func CheckWritable(path string) error {
	t, err := resolve(path)
	if err != nil {
		return err
	}
	if t.info != nil {
		m := t.info.Mode()
		switch {
		case m.IsDir():
			return &fs.PathError{Op: "write", Path: path, Err: errIsDir}
		case t.fd || stream(m):
			return nil
		case !m.IsRegular():
			return &fs.PathError{Op: "write", Path: path, Err: errIrregular}
		}
	}
	return probe(path, filepath.Dir(t.path))
}

// CheckWritableDir reports, before any work, whether files can be written
// into the directory dir, or into the nearest existing parent that
// os.MkdirAll would create it in. Errors are *fs.PathError values naming
// dir.
func CheckWritableDir(dir string) error {
	d := dir
	for {
		fi, err := os.Stat(d)
		if err == nil {
			if !fi.IsDir() {
				return &fs.PathError{Op: "write", Path: dir, Err: errors.New("not a directory")}
			}
			return probe(dir, d)
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return rename(err, dir)
		}
		parent := filepath.Dir(d)
		if parent == d {
			return rename(err, dir)
		}
		d = parent
	}
}

// probe creates and removes a temporary file in dir.
func probe(path, dir string) error {
	f, err := os.CreateTemp(dir, ".tsforecast-probe*")
	if err != nil {
		return rename(err, path)
	}
	name := f.Name()
	f.Close()
	return rename(os.Remove(name), path)
}
