package safefile

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ConflictError reports an output that is the same file as an input or as
// another output, as [CheckOutputs] finds it.
type ConflictError struct {
	// Output is the output path as given.
	Output string
	// Other is the input or the earlier output path, as given.
	Other string
	// Input reports whether Other is an input.
	Input bool
	// Target is the file both paths name, after links, when it differs
	// from both paths as given.
	Target string
}

func (e *ConflictError) Error() string {
	var s string
	if e.Input {
		s = fmt.Sprintf("safefile: output %s is the same file as input %s", e.Output, e.Other)
	} else if e.Output == e.Other {
		s = fmt.Sprintf("safefile: output %s is given twice", e.Output)
	} else {
		s = fmt.Sprintf("safefile: outputs %s and %s are the same file", e.Other, e.Output)
	}
	if e.Target != "" {
		s += " (" + e.Target + ")"
	}
	return s
}

// file is one path of CheckOutputs, resolved.
type file struct {
	path  string      // as given
	canon string      // absolute, free of links (the parent's, when absent)
	info  fs.FileInfo // nil when the file does not exist yet
}

func (f *file) special() bool {
	return f.info != nil && !f.info.Mode().IsRegular() && !f.info.IsDir()
}

func inspect(path string) (file, error) {
	f := file{path: path}
	t, err := resolve(path)
	if err != nil {
		return f, err
	}
	f.canon, f.info = t.path, t.info
	return f, nil
}

// same reports whether a and b name one file.
func same(a, b *file) bool {
	if a.info != nil && b.info != nil {
		return os.SameFile(a.info, b.info)
	}
	return a.info == nil && b.info == nil && a.canon == b.canon
}

// CheckOutputs returns a [*ConflictError] if an output path names the same
// file as an input or as another output, after every symbolic link (of the
// file and of its directories) is followed, or nil. Existing files are
// compared with os.SameFile, so hard links and bind mounts are caught too;
// outputs that do not exist yet are compared by their resolved absolute
// paths. Empty paths are skipped, "-" stands for standard input among the
// inputs and for standard output among the outputs (so two "-" outputs
// conflict), and character devices and named pipes (/dev/null,
// /dev/stdout on a terminal) may appear more than once. An error resolving
// a path (a link loop, a permission problem) is returned as it is.
//
// CheckOutputs reads only file metadata, so a command can call it before
// any work; a file created between the check and the write escapes it.
func CheckOutputs(inputs, outputs []string) error {
	var ins, outs []file
	for _, p := range inputs {
		if p == "" || p == "-" {
			continue
		}
		f, err := inspect(p)
		if err != nil {
			return err
		}
		ins = append(ins, f)
	}
	stdout := ""
	for _, p := range outputs {
		if p == "" {
			continue
		}
		if p == "-" {
			if stdout != "" {
				return &ConflictError{Output: p, Other: stdout}
			}
			stdout = p
			continue
		}
		o, err := inspect(p)
		if err != nil {
			return err
		}
		if !o.special() {
			for i := range ins {
				if in := &ins[i]; same(&o, in) {
					return conflict(&o, in, true)
				}
			}
			for i := range outs {
				if prev := &outs[i]; same(&o, prev) {
					return conflict(&o, prev, false)
				}
			}
		}
		outs = append(outs, o)
	}
	return nil
}

func conflict(o, other *file, input bool) *ConflictError {
	e := &ConflictError{Output: o.path, Other: other.path, Input: input}
	if abs, err := filepath.Abs(o.path); err == nil && abs != o.canon {
		e.Target = o.canon
	}
	return e
}
