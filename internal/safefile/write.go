package safefile

import (
	"bufio"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// maxLinks bounds the symbolic links followed while resolving one path, as
// the kernel's ELOOP limit does.
const maxLinks = 40

var (
	errLoop      = errors.New("too many levels of symbolic links")
	errIsDir     = errors.New("is a directory")
	errIrregular = errors.New("not a regular file, character device or named pipe")
)

// target is a path resolved to the file it names.
type target struct {
	path string      // absolute, through every link
	info fs.FileInfo // of the file at path (following a descriptor link), nil if absent
	fd   bool        // path names an open file descriptor (/proc/self/fd/1)
}

// isFDDir reports whether dir, free of links, is a directory of open file
// descriptors (/proc/<pid>/fd, /proc/<pid>/task/<tid>/fd), whose entries are
// not links to paths but to open files.
func isFDDir(dir string) bool {
	return strings.HasPrefix(dir, "/proc/") && filepath.Base(dir) == "fd"
}

// resolve follows the symbolic links of path, one at a time, to the file
// they name. Each step resolves the parent directory before a relative
// link is joined to it, and ".." is never cleaned away lexically, so a
// link in a linked directory resolves as the kernel resolves it.
func resolve(path string) (target, error) {
	p := path
	if !filepath.IsAbs(p) {
		wd, err := os.Getwd()
		if err != nil {
			return target{}, err
		}
		p = wd + string(filepath.Separator) + p
	}
	for range maxLinks {
		dir, base := splitLast(p)
		if base == "" || base == "." || base == ".." {
			// A directory (or nothing): only its real path matters.
			real, err := filepath.EvalSymlinks(p)
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return target{path: filepath.Clean(p)}, nil
				}
				return target{}, err
			}
			fi, err := os.Stat(real)
			if err != nil {
				return target{}, err
			}
			return target{path: real, info: fi}, nil
		}
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			dir = real
		} else {
			dir = filepath.Clean(dir)
		}
		p = filepath.Join(dir, base)
		if isFDDir(dir) {
			fi, err := os.Stat(p)
			if err != nil {
				return target{}, err
			}
			return target{path: p, info: fi, fd: true}, nil
		}
		fi, err := os.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) {
			return target{path: p}, nil
		}
		if err != nil {
			return target{}, err
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			return target{path: p, info: fi}, nil
		}
		link, err := os.Readlink(p)
		if err != nil {
			return target{}, err
		}
		if !filepath.IsAbs(link) {
			link = dir + string(filepath.Separator) + link
		}
		p = link
	}
	return target{}, &fs.PathError{Op: "resolve", Path: path, Err: errLoop}
}

// splitLast splits p at its last separator, without cleaning either part.
func splitLast(p string) (dir, base string) {
	i := len(p) - 1
	for i >= 0 && !os.IsPathSeparator(p[i]) {
		i--
	}
	dir, base = p[:i+1], p[i+1:]
	if len(dir) > 1 {
		dir = dir[:len(dir)-1]
	}
	return dir, base
}

// stream reports whether a file of this mode is written in place: a
// character device or a named pipe.
func stream(m fs.FileMode) bool {
	return m&fs.ModeNamedPipe != 0 || (m&fs.ModeDevice != 0 && m&fs.ModeCharDevice != 0)
}

// WriteFile writes the file at path with write. Links are followed to the
// file they name; a regular file (or a new one) is replaced atomically, a
// character device or named pipe is written in place, and a path naming an
// open file descriptor (/dev/stdout) is appended to; see the package
// documentation. Errors are *fs.PathError values naming path, never the
// temporary file. A directory, socket or block device at path is an error.
// Opening a named pipe blocks until it has a reader.
func WriteFile(path string, write func(io.Writer) error) error {
	t, err := resolve(path)
	if err != nil {
		return err
	}
	if t.info != nil {
		m := t.info.Mode()
		switch {
		case m.IsDir():
			return &fs.PathError{Op: "write", Path: path, Err: errIsDir}
		case t.fd:
			return writeStream(path, t.path, os.O_WRONLY|os.O_APPEND, write)
		case stream(m):
			return writeStream(path, t.path, os.O_WRONLY, write)
		case !m.IsRegular():
			return &fs.PathError{Op: "write", Path: path, Err: errIrregular}
		}
	}
	return writeAtomic(path, t, write)
}

// writeStream opens name with flag and writes to it.
func writeStream(path, name string, flag int, write func(io.Writer) error) error {
	f, err := os.OpenFile(name, flag, 0)
	if err != nil {
		return rename(err, path)
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	if err := write(bw); err != nil {
		f.Close()
		return err
	}
	err = bw.Flush()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return rename(err, path)
}

// writeAtomic writes t.path (a regular file or none) through a temporary
// file in its directory.
func writeAtomic(path string, t target, write func(io.Writer) error) error {
	dir, base := filepath.Split(t.path)
	mode := fs.FileMode(0o644)
	if t.info != nil {
		mode = t.info.Mode().Perm()
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp*")
	if err != nil {
		return rename(err, path)
	}
	tmp := f.Name()
	done := false
	defer func() {
		if !done { // an error, or a panic in write
			f.Close()
			os.Remove(tmp)
		}
	}()
	bw := bufio.NewWriterSize(f, 64<<10)
	if err = write(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return rename(err, path)
	}
	if err = f.Chmod(mode); err != nil {
		return rename(err, path)
	}
	if err = f.Sync(); err != nil {
		return rename(err, path)
	}
	if err = f.Close(); err != nil {
		return rename(err, path)
	}
	if err = os.Rename(tmp, t.path); err != nil {
		return rename(err, path)
	}
	done = true
	// Make the rename itself durable; not every system can sync a
	// directory, and the file is in place either way.
	if d, derr := os.Open(dir); derr == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// rename returns err with the path of an *fs.PathError or *os.LinkError
// replaced by path, so that messages name the file the caller asked for
// rather than a temporary or resolved one. Other errors, such as those
// returned by the write function, are returned unchanged.
func rename(err error, path string) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return &fs.PathError{Op: "write", Path: path, Err: pe.Err}
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return &fs.PathError{Op: "write", Path: path, Err: le.Err}
	}
	return err
}
