package main

import (
	"strings"
	"testing"
	"time"

	"github.com/tsforecast/tsforecast/seq2one"
)

// TestEpochETA simulates, with a fake clock of one second per epoch, the
// training of the global network on M4 Hourly as it ran (3 members, at
// most 40 epochs, patience 4; they improved until epochs 16, 16 and 12 and
// stopped at 20, 20 and 16), and checks that after the first two epochs
// the estimated time left is always within a factor 2 of the true one.
func TestEpochETA(t *testing.T) {
	stops := []struct{ best, last int }{{16, 20}, {16, 20}, {12, 16}}
	total := 0
	for _, s := range stops {
		total += s.last
	}
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var tr epochTracker
	tr.members, tr.maxEpochs, tr.patience = 3, 40, 4
	done := 0
	for m, s := range stops {
		for e := 1; e <= s.last; e++ {
			done++
			now := t0.Add(time.Duration(done) * time.Second)
			tr.observe(now, seq2one.EpochStats{Member: m, Epoch: e, Best: e <= s.best, Elapsed: time.Duration(done) * time.Second})
			if done <= 2 {
				continue
			}
			left, ok := tr.remaining()
			truth := time.Duration(total-done) * time.Second
			if !ok {
				t.Fatalf("member %d epoch %d: no estimate", m, e)
			}
			if truth == 0 {
				if left > 4*time.Second {
					t.Errorf("last epoch: %v left, want about nothing", left)
				}
				continue
			}
			if left > 2*truth || 2*left < truth {
				t.Errorf("member %d epoch %d: %v left, truly %v", m+1, e, left, truth)
			}
		}
	}
}

// TestProgressRedraw: a stage is drawn as it starts, and a line that no
// report updates is redrawn each second with the elapsed time moving and
// the time left counting down, so a long silent stage does not look
// frozen (issue 16, item 1).
func TestProgressRedraw(t *testing.T) {
	var buf strings.Builder
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	p := &progress{w: &buf, draw: true, now: func() time.Time { return now }, began: now}
	p.Start("auto: fitting linear (2 of 6)")
	if got := lastLine(buf.String()); got != "auto: fitting linear (2 of 6)  elapsed 0.0s" {
		t.Errorf("after Start: %q", got)
	}
	p.Step(1, 4, "series")
	drawn := buf.Len()
	now = now.Add(500 * time.Millisecond)
	p.tick()
	if buf.Len() != drawn {
		t.Errorf("redrawn within a second: %q", buf.String()[drawn:])
	}
	now = now.Add(2 * time.Second)
	p.Step(2, 4, "series") // 2 of 4 in 2.5 s: 2.5 s left
	now = now.Add(1500 * time.Millisecond)
	p.tick()
	if got := lastLine(buf.String()); got != "auto: fitting linear (2 of 6)  2/4 series  ETA 1.0s  elapsed 4.0s" {
		t.Errorf("after a silent 1.5 s: %q", got)
	}
	p.Done()
	now = now.Add(5 * time.Second)
	n := len(buf.String())
	p.tick()
	if len(buf.String()) != n {
		t.Errorf("redrawn after Done: %q", buf.String()[n:])
	}
}

// lastLine returns what a terminal shows after the last carriage return,
// without the padding.
func lastLine(s string) string {
	return strings.TrimRight(s[strings.LastIndex(s, "\r")+1:], " ")
}

// TestStageStep: a backtest model's last fits, finishing after the next
// model has started, neither show under the next model's name nor feed
// its rate (issue 16, item 1: an ETA of 0.0s for a 50 s network).
func TestStageStep(t *testing.T) {
	var buf strings.Builder
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	p := &progress{w: &buf, draw: true, now: func() time.Time { return now }, began: now}
	p.Start("model 1 of 2 (theta)")
	p.Start("model 2 of 2 (lstm)")
	now = now.Add(time.Second)
	p.StageStep("model 1 of 2 (theta)", 1242, 1242, "fits")
	if got := lastLine(buf.String()); got != "model 2 of 2 (lstm)  elapsed 0.0s" {
		t.Errorf("after the previous model's last fit: %q", got)
	}
	now = now.Add(9 * time.Second)
	p.StageStep("model 2 of 2 (lstm)", 1, 3, "origins")
	if got := lastLine(buf.String()); got != "model 2 of 2 (lstm)  1/3 origins  ETA 20.0s  elapsed 10.0s" {
		t.Errorf("after the first origin: %q", got)
	}
}
