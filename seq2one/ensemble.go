package seq2one

import (
	"context"
	"slices"
	"time"
)

// member is one network of an ensemble and the windows it trains on.
type member struct {
	eng engine
	src windowSource
}

// trainEnsemble trains n networks in turn, member k built by newMember(k)
// (seeded Seed+k), on the windows trainIdx with early stopping on valIdx,
// and returns them with their epoch statistics. It is the one rule of
// both [Model] and [Global]:
//
//   - a member that fails (training diverged before any usable epoch)
//     fails the whole fit: no member is returned, and the model is left
//     unfitted rather than keeping a previous fit;
//   - on cancellation the members trained so far are kept, the current
//     one too if it finished at least one epoch with a validation loss
//     better than none, and ctx.Err() is returned with them; with no such
//     member the fit fails.
func trainEnsemble(ctx context.Context, n int, newMember func(k int) member, trainIdx, valIdx []int, t0 time.Time) ([]engine, []EpochStats, error) {
	var ens []engine
	var hist []EpochStats
	for k := range n {
		mb := newMember(k)
		h, err := mb.eng.train(ctx, mb.src, trainIdx, valIdx, t0)
		hist = append(hist, h...)
		if err == nil {
			ens = append(ens, mb.eng)
			continue
		}
		if ctx.Err() == nil {
			return nil, hist, err
		}
		if slices.ContainsFunc(h, func(st EpochStats) bool { return st.Best }) {
			ens = append(ens, mb.eng)
		}
		if len(ens) == 0 {
			return nil, hist, err
		}
		return ens, hist, ctx.Err()
	}
	return ens, hist, nil
}
