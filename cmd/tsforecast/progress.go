package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/tsforecast/tsforecast/seq2one"
	"github.com/urfave/cli/v2"
)

// progress draws one progress line on stderr for the whole command: the
// stage it is in, what is done of what, the elapsed time and an estimate
// of the time left. It draws only when stderr is a terminal and --quiet is
// off, so it never ends up in files or pipes, and it never writes to
// stdout. Notes (one-line facts such as a detected season) go to stderr
// whenever --quiet is off.
type progress struct {
	mu      sync.Mutex
	w       io.Writer
	draw    bool // stderr is a terminal and not quiet
	quiet   bool
	now     func() time.Time
	began   time.Time // the command's start
	last    time.Time // the last draw
	drawn   int       // width of the line on screen
	label   string
	started time.Time // the stage's start
	rate    float64   // smoothed units per second of the stage
	epochs  epochTracker
	// The last message shown, its estimate of the time left and when it
	// was made: the line is redrawn every second from them (see tick),
	// so a stage that reports nothing for a while does not look frozen.
	msg    string
	left   time.Duration
	eta    bool
	leftAt time.Time
}

// redraw is the interval at which a line not updated is redrawn.
const redraw = time.Second

// newProgress returns the progress display for the command in cCtx.
func newProgress(cCtx *cli.Context) *progress {
	quiet := cCtx.Bool("quiet")
	w := cCtx.App.ErrWriter
	p := &progress{w: w, quiet: quiet, draw: !quiet && isTerminal(w), now: time.Now}
	p.began = p.now()
	if p.draw {
		// Lives as long as the process: a command draws one line.
		go func() {
			for range time.Tick(redraw / 4) {
				p.tick()
			}
		}()
	}
	return p
}

// tick redraws the line when nothing has drawn it for a second, with the
// time left counted down from its last estimate.
func (p *progress) tick() {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	if p.drawn == 0 || now.Sub(p.last) < redraw {
		return
	}
	p.drawLocked(now)
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

// Start begins a new stage shown with the given label.
func (p *progress) Start(label string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.label = label
	p.started = p.now()
	p.last = time.Time{}
	p.rate = 0
	p.epochs = epochTracker{}
	p.msg, p.eta = "", false
	if p.draw {
		p.drawLocked(p.started)
	}
}

// Epoch shows the training of a network: which of the ensemble's members,
// which epoch, the losses, and an estimate of the time left for the whole
// ensemble (see epochTracker).
func (p *progress) Epoch(st seq2one.EpochStats, members, maxEpochs, patience int) {
	if !p.draw {
		return
	}
	p.mu.Lock()
	now := p.now()
	t := &p.epochs
	t.members, t.maxEpochs, t.patience = members, maxEpochs, patience
	t.observe(now, st)
	left, ok := t.remaining()
	p.mu.Unlock()
	net := fmt.Sprintf("network %d", st.Member+1)
	if members > 0 {
		net += fmt.Sprintf(" of %d", members)
	}
	msg := fmt.Sprintf("%s  epoch %d (at most %d)  loss %.4g", net, st.Epoch, maxEpochs, st.TrainLoss)
	if st.ValLoss == st.ValLoss && st.ValLoss != 0 { // not NaN
		msg += fmt.Sprintf("  val %.4g", st.ValLoss)
	}
	p.show(msg, left, ok, false)
}

// Step shows progress through done of total units (folds, series), with
// an ETA from the smoothed rate of units since the stage started.
func (p *progress) Step(done, total int, unit string) {
	p.step("", done, total, unit)
}

// step is Step, for the stage label only unless label is empty.
func (p *progress) step(label string, done, total int, unit string) {
	if !p.draw {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if label != "" && label != p.label {
		return
	}
	now := p.now()
	el := now.Sub(p.started).Seconds()
	var left time.Duration
	ok := false
	if done > 0 && el > 0 {
		r := float64(done) / el
		if p.rate == 0 {
			p.rate = r
		} else {
			p.rate = 0.8*p.rate + 0.2*r
		}
		left = time.Duration(float64(total-done) / p.rate * float64(time.Second))
		ok = done >= 2 || el >= 2
	}
	p.showLocked(now, fmt.Sprintf("%d/%d %s", done, total, unit), left, ok, done == total)
}

// StageStep is Step for the stage label only: the report of a stage
// that has ended (a model's last fits running beside the next model's
// first) is dropped.
func (p *progress) StageStep(label string, done, total int, unit string) {
	p.step(label, done, total, unit)
}

func (p *progress) show(msg string, left time.Duration, eta, force bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.showLocked(p.now(), msg, left, eta, force)
}

func (p *progress) showLocked(now time.Time, msg string, left time.Duration, eta, force bool) {
	p.msg, p.left, p.eta, p.leftAt = msg, left, eta, now
	if !force && now.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.drawLocked(now)
}

// drawLocked draws the stage, the last message, the time left as
// estimated at leftAt less the time since, and the elapsed time.
func (p *progress) drawLocked(now time.Time) {
	p.last = now
	line := p.label
	if p.msg != "" {
		if line != "" {
			line += "  "
		}
		line += p.msg
	}
	if p.eta {
		line += "  ETA " + fmtDuration(max(0, p.left-now.Sub(p.leftAt)))
	}
	if line != "" {
		line += "  "
	}
	line += "elapsed " + fmtDuration(now.Sub(p.began))
	pad := ""
	if n := p.drawn - len(line); n > 0 {
		pad = strings.Repeat(" ", n)
	}
	fmt.Fprintf(p.w, "\r%s%s", line, pad)
	p.drawn = len(line)
}

// Done clears the progress line; the line is drawn again by the next
// stage, message or note.
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

// epochTracker estimates the time left to train an ensemble of networks
// with early stopping, whose length is not known in advance: a member
// stops patience epochs after its best one, or at maxEpochs. A member
// whose best epoch is b at epoch e is expected to run to b+patience epochs
// (at least e+1), and while it is still improving (b = e) to at least a
// typical length: the mean length of the members that finished, or
// 4·patience before any has; never beyond maxEpochs. Members not started
// are expected to run a typical length. The
// time of an epoch is the mean so far. Early in the first member the
// estimate rests on the 4·patience prior; from the first finished member
// on, on measured lengths, so it does not jump by orders of magnitude as
// an estimate from maxEpochs would.
type epochTracker struct {
	members, maxEpochs, patience int

	member, epoch, best int
	finished            []int // lengths of the members done
	epochs              int   // epochs trained in all
	start               time.Time
	last                time.Time
}

// observe records the epoch st, ending at now.
func (t *epochTracker) observe(now time.Time, st seq2one.EpochStats) {
	if t.start.IsZero() {
		t.start = now.Add(-st.Elapsed)
	}
	if st.Member != t.member && t.epoch > 0 {
		t.finished = append(t.finished, t.epoch)
		t.best = 0
	}
	t.member, t.epoch = st.Member, st.Epoch
	if st.Best {
		t.best = st.Epoch
	}
	t.epochs++
	t.last = now
}

// typical returns the expected length of a member.
func (t *epochTracker) typical() float64 {
	if len(t.finished) > 0 {
		s := 0
		for _, n := range t.finished {
			s += n
		}
		return float64(s) / float64(len(t.finished))
	}
	return float64(min(t.maxEpochs, 4*t.patience))
}

// remaining returns the estimated time left, and whether there is one.
func (t *epochTracker) remaining() (time.Duration, bool) {
	if t.epochs == 0 || t.maxEpochs == 0 {
		return 0, false
	}
	typ := t.typical()
	cur := max(float64(t.epoch+1), float64(t.best+t.patience))
	if t.best == t.epoch {
		cur = max(cur, typ) // still improving: as long as a typical member
	}
	cur = min(cur, float64(t.maxEpochs))
	left := cur - float64(t.epoch)
	if t.members > 0 {
		left += float64(max(0, t.members-t.member-1)) * typ
	}
	per := t.last.Sub(t.start).Seconds() / float64(t.epochs)
	return time.Duration(left * per * float64(time.Second)), true
}
