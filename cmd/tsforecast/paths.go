package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/tsforecast/tsforecast/internal/safefile"
	"github.com/tsforecast/tsforecast/plots"
	"github.com/urfave/cli/v2"
)

// The flags that name files and folders, by role. "-" is stdin for an
// input and stdout for an output file; a folder flag names a report
// folder, whose files are plots.ReportFiles.
var (
	inputPathFlags  = []string{"input", "model-file"}
	outputFileFlags = []string{"output", "plot", "save", "cv-output"}
	outputDirFlags  = []string{"out", "report"}
)

// chartFlags are the output flags that write a chart, whose format their
// extension chooses (plots.FormatFor).
var chartFlags = []string{"plot"}

// stdoutUse says what a command prints on stdout when it does, for
// messages about two outputs on stdout.
func stdoutUse(cCtx *cli.Context) string {
	switch cCtx.Command.Name {
	case "forecast", "predict":
		if cCtx.String("output") == "" {
			return "the forecasts"
		}
	case "train":
		if cCtx.Bool("json") {
			return "the JSON summary"
		}
	case "backtest", "report":
		return "the results table"
	case "inspect":
		return "the description"
	}
	return ""
}

// hasFlag reports whether the running command defines the flag name.
func hasFlag(cCtx *cli.Context, name string) bool {
	if cCtx.Command == nil {
		return false
	}
	for _, f := range cCtx.Command.Flags {
		if slices.Contains(f.Names(), name) {
			return true
		}
	}
	return false
}

// modelFile returns predict's --model-file, or its old name --model, and
// the flag it came from.
func modelFile(cCtx *cli.Context) (path, flag string) {
	if cCtx.Command.Name != "predict" {
		return "", ""
	}
	if cCtx.IsSet("model-file") || !cCtx.IsSet("model") {
		return cCtx.String("model-file"), "model-file"
	}
	return cCtx.String("model"), "model"
}

// ioPath is a path the command reads or writes, with the flag that named
// it.
type ioPath struct {
	flag string // without dashes; "" for the command's own stdout
	path string // as given; "-" for stdin or stdout
	dir  string // the report folder as given, when path is one of its files
}

// String names the path as the user gave it: "--output out.csv", "--out
// rep (its file index.md)", or what the command prints on stdout.
func (p ioPath) String() string {
	switch {
	case p.flag == "":
		return p.path // the stdout use
	case p.dir != "":
		return fmt.Sprintf("--%s %s (its file %s)", p.flag, p.dir, filepath.Base(p.path))
	}
	return fmt.Sprintf("--%s %s", p.flag, p.path)
}

// paths returns the input and output paths of the running command.
func paths(cCtx *cli.Context) (ins, outs []ioPath) {
	for _, name := range inputPathFlags {
		if name == "model-file" {
			if p, flag := modelFile(cCtx); p != "" {
				ins = append(ins, ioPath{flag: flag, path: p})
			}
			continue
		}
		if hasFlag(cCtx, name) && cCtx.String(name) != "" {
			ins = append(ins, ioPath{flag: name, path: cCtx.String(name)})
		}
	}
	if use := stdoutUse(cCtx); use != "" {
		outs = append(outs, ioPath{path: use})
	}
	for _, name := range outputFileFlags {
		if hasFlag(cCtx, name) && cCtx.String(name) != "" {
			outs = append(outs, ioPath{flag: name, path: cCtx.String(name)})
		}
	}
	for _, name := range outputDirFlags {
		if dir := cCtx.String(name); hasFlag(cCtx, name) && dir != "" {
			for _, f := range plots.ReportFiles() {
				outs = append(outs, ioPath{flag: name, path: filepath.Join(dir, f), dir: dir})
			}
		}
	}
	return ins, outs
}

// checkPaths fails before any work when the paths of the command cannot
// work out: a path flag given empty, two inputs on stdin, an output that
// is the same file as an input or as another output (after links; two
// outputs on stdout included), a chart name of an unknown image format,
// or an output that cannot be created. The first three are usage errors
// naming the flags as given.
func checkPaths(cCtx *cli.Context) error {
	for _, f := range cCtx.Command.Flags {
		for _, name := range f.Names() {
			isPath := slices.Contains(inputPathFlags, name) || slices.Contains(outputFileFlags, name) ||
				slices.Contains(outputDirFlags, name) || name == "model" && cCtx.Command.Name == "predict"
			if isPath && cCtx.IsSet(name) && cCtx.String(name) == "" {
				return usagef(cCtx, "--%s is empty: give a file name", name)
			}
		}
	}
	ins, outs := paths(cCtx)
	if len(ins) == 2 && ins[0].path == "-" && ins[1].path == "-" {
		return usagef(cCtx, "%s and %s cannot both read stdin", ins[0], ins[1])
	}
	if err := checkConflicts(cCtx, ins, outs); err != nil {
		return err
	}
	for _, o := range outs {
		if o.flag == "" || o.path == "-" || o.dir != "" {
			continue
		}
		if slices.Contains(chartFlags, o.flag) {
			if _, err := plots.FormatFor(o.path); err != nil {
				return usagef(cCtx, "invalid --%s %s: want a .png or .svg file name", o.flag, o.path)
			}
		}
		if err := writable(o.flag, o.path, false); err != nil {
			return err
		}
	}
	for _, name := range outputDirFlags {
		if dir := cCtx.String(name); hasFlag(cCtx, name) && dir != "" {
			if err := writable(name, dir, true); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkConflicts returns a usage error naming the first output that is
// the same file as an input or as an earlier output (safefile.CheckOutputs),
// with the flags that named both.
func checkConflicts(cCtx *cli.Context, ins, outs []ioPath) error {
	inPaths := make([]string, len(ins))
	for i, in := range ins {
		inPaths[i] = in.path
		if err := safefile.CheckOutputs(inPaths[:i+1], nil); err != nil {
			return fmt.Errorf("cannot read --%s %s: %w", in.flag, in.path, pathReason(err))
		}
	}
	outPaths := make([]string, 0, len(outs))
	for i, o := range outs {
		p := o.path
		if o.flag == "" || ownFD(p) == 1 {
			p = "-" // the command's own stdout
		}
		outPaths = append(outPaths, p)
		err := safefile.CheckOutputs(inPaths, outPaths)
		var ce *safefile.ConflictError
		if !errors.As(err, &ce) {
			if err != nil { // resolving the path failed: say why as writable does
				target, dir := o.path, false
				if o.dir != "" {
					target, dir = o.dir, true
				}
				if werr := writable(o.flag, target, dir); werr != nil {
					return werr
				}
				return fmt.Errorf("cannot write --%s %s: %w", o.flag, target, pathReason(err))
			}
			continue
		}
		var other ioPath
		if ce.Input {
			other = ins[slices.Index(inPaths, ce.Other)]
		} else {
			other = outs[slices.Index(outPaths[:i], ce.Other)]
		}
		if p == "-" {
			return usagef(cCtx, "%s and %s both write to stdout", other, o)
		}
		msg := fmt.Sprintf("%s is the same file as %s", o, other)
		if ce.Target != "" {
			msg += " (" + ce.Target + ")"
		}
		return usagef(cCtx, "%s", msg)
	}
	return nil
}

// writable returns an error naming the flag and path as given when the
// file (or, with dir, the folder) cannot be created (safefile.CheckWritable,
// CheckWritableDir), or nil.
func writable(flag, path string, dir bool) error {
	var err error
	if dir {
		err = safefile.CheckWritableDir(path)
	} else {
		err = safefile.CheckWritable(path)
	}
	if err == nil {
		return nil
	}
	reason := pathReason(err).Error()
	fi, serr := os.Stat(path)
	_, derr := os.Stat(filepath.Dir(path))
	switch {
	case dir && serr == nil && !fi.IsDir():
		reason = "it is a file, not a directory"
	case !dir && serr == nil && fi.IsDir():
		reason = "it is a directory"
	case !dir && errors.Is(derr, fs.ErrNotExist):
		reason = "directory " + filepath.Dir(path) + " does not exist"
	}
	return fmt.Errorf("cannot write --%s %s: %s", flag, path, reason)
}

// pathReason returns the reason of a *fs.PathError, which names a path the
// message names already, or err.
func pathReason(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// fdPath matches the paths that name an open descriptor of this process.
var fdPath = regexp.MustCompile(`^/(?:dev/fd|proc/self/fd|proc/thread-self/fd)/([0-9]+)$`)

// ownFD returns N when path names this process's open descriptor N
// (/dev/stdout, /dev/fd/N, /proc/self/fd/N, after links other than the
// descriptor's own), or -1. Such a path is written through the
// descriptor, whose file offset the shell shares: reopening it
// (safefile.WriteFile appends through a new open file) would leave the
// shell's offset behind, and its next write, "> out" style, would
// overwrite ours.
func ownFD(path string) int {
	if !strings.HasPrefix(path, "/") {
		return -1
	}
	pid := fmt.Sprintf("/proc/%d/fd/", os.Getpid())
	for range 40 {
		if rest, ok := strings.CutPrefix(path, pid); ok {
			path = "/proc/self/fd/" + rest
		}
		if m := fdPath.FindStringSubmatch(path); m != nil {
			n, err := strconv.Atoi(m[1])
			if err != nil {
				return -1
			}
			return n
		}
		link, err := os.Readlink(path)
		if err != nil {
			return -1
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(path), link)
		}
		path = link
	}
	return -1
}
