package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/urfave/cli/v2"
)

// progress draws a one-line progress display on stderr (epochs, loss, ETA
// for training; folds for backtests). It draws only when stderr is a
// terminal and --quiet is off, so it never ends up in files or pipes, and it
// never writes to stdout. Notes (one-line facts such as a detected season)
// go to stderr whenever --quiet is off.
type progress struct {
	mu      sync.Mutex
	w       io.Writer
	draw    bool // stderr is a terminal and not quiet
	quiet   bool
	last    time.Time
	drawn   int // width of the line on screen
	label   string
	started time.Time
}

// newProgress returns the progress display for the command in cCtx.
func newProgress(cCtx *cli.Context) *progress {
	quiet := cCtx.Bool("quiet")
	w := cCtx.App.ErrWriter
	return &progress{w: w, quiet: quiet, draw: !quiet && isTerminal(w)}
}

// isTerminal reports whether w is a character device such as a terminal.
// Pipes, regular files and in-memory buffers are not.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	if err != nil {
		return false
	}
	return fi.Mode()&os.ModeCharDevice != 0
}

// Notef writes a one-line note on stderr unless --quiet is set.
func (p *progress) Notef(format string, args ...any) {
	if p.quiet {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clearLocked()
	fmt.Fprintf(p.w, format+"\n", args...)
}

// Start begins a new task shown with the given label.
func (p *progress) Start(label string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.label = label
	p.started = time.Now()
	p.last = time.Time{}
}

// Epoch shows training progress: epoch of maxEpochs of ensemble member
// (from 0) with losses. maxEpochs is an upper bound (early stopping may end
// sooner), so the ETA, which is for the current network, is one too.
func (p *progress) Epoch(member, epoch, maxEpochs int, train, val float64) {
	if !p.draw {
		return
	}
	if epoch == 1 {
		p.mu.Lock()
		p.started = time.Now()
		p.mu.Unlock()
	}
	msg := fmt.Sprintf("net %d  epoch %d/%d  loss %.4g", member+1, epoch, maxEpochs, train)
	if val == val && val != 0 { // not NaN
		msg += fmt.Sprintf("  val %.4g", val)
	}
	p.show(msg, epoch, maxEpochs, epoch == maxEpochs)
}

// Step shows progress through done of total units (folds, series).
func (p *progress) Step(done, total int, unit string) {
	if !p.draw {
		return
	}
	p.show(fmt.Sprintf("%d/%d %s", done, total, unit), done, total, done == total)
}

func (p *progress) show(msg string, done, total int, force bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if !force && now.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last = now
	el := now.Sub(p.started)
	line := msg
	if p.label != "" {
		line = p.label + "  " + msg
	}
	if done > 0 && total > done {
		eta := time.Duration(float64(el) / float64(done) * float64(total-done))
		line += "  ETA " + fmtDuration(eta)
	}
	line += "  elapsed " + fmtDuration(el)
	pad := ""
	if n := p.drawn - len(line); n > 0 {
		pad = strings.Repeat(" ", n)
	}
	fmt.Fprintf(p.w, "\r%s%s", line, pad)
	p.drawn = len(line)
}

// Done clears the progress line.
func (p *progress) Done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clearLocked()
}

func (p *progress) clearLocked() {
	if p.drawn > 0 {
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", p.drawn))
		p.drawn = 0
	}
}

// fmtDuration formats d as 4.2s, or 3m07s from a minute on.
func fmtDuration(d time.Duration) string {
	if d < time.Minute {
		return fmt.Sprintf("%.1fs", d.Seconds())
	}
	d = d.Round(time.Second)
	return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
}
