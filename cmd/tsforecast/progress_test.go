package main

import (
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
