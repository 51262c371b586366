package eval

import (
	"math"
	"slices"
)

func summarizeMany(rs []*Result, models []Model, cfg *Backtest) (*MultiResult, error) {
	ref := cfg.Reference
	if ref != "" && !slices.ContainsFunc(models, func(m Model) bool { return m.Name == ref }) {
		return nil, invalidf("reference model %q is not among the models", ref)
	}
	out := &MultiResult{Horizon: cfg.Horizon, Reference: ref, Levels: slices.Clone(cfg.Levels), Series: rs}
	out.Models = make([]MultiSummary, len(models))
	for mi, m := range models {
		ms := MultiSummary{Model: m.Name, Series: len(rs), PerSeries: make([]SeriesScore, len(rs))}
		var mae, rmse, mape, smape, mase, bias []float64
		for si, r := range rs {
			sm := r.Models[mi].Summary
			mae = append(mae, sm.Mean.MAE)
			rmse = append(rmse, sm.Mean.RMSE)
			mape = append(mape, sm.Mean.MAPE)
			smape = append(smape, sm.Mean.SMAPE)
			mase = append(mase, sm.Mean.MASE)
			bias = append(bias, sm.Mean.Bias)
			ms.PerSeries[si] = SeriesScore{Series: r.Series, SMAPE: sm.Mean.SMAPE, MASE: sm.Mean.MASE}
			ms.FitSeconds += sm.FitSeconds
			ms.WallSeconds = sm.WallSeconds
		}
		ms.MAE, _ = meanStd(mae)
		ms.RMSE, _ = meanStd(rmse)
		ms.MAPE, _ = meanStd(mape)
		ms.SMAPE, _ = meanStd(smape)
		ms.MASE, _ = meanStd(mase)
		ms.Bias, _ = meanStd(bias)
		for li, l := range cfg.Levels {
			var cov, wid, pin []float64
			n := 0
			for _, r := range rs {
				iv := r.Models[mi].Summary.Mean.Intervals
				if li < len(iv) {
					cov = append(cov, iv[li].Coverage)
					wid = append(wid, iv[li].Width)
					pin = append(pin, iv[li].Pinball)
					n += iv[li].N
				}
			}
			if len(cov) > 0 {
				is := IntervalScore{Level: l, N: n}
				is.Coverage, _ = meanStd(cov)
				is.Width, _ = meanStd(wid)
				is.Pinball, _ = meanStd(pin)
				ms.Intervals = append(ms.Intervals, is)
			}
		}
		ms.Steps = make([]Scores, cfg.Horizon)
		for i := range ms.Steps {
			per := make([]Scores, len(rs))
			for si, r := range rs {
				per[si] = r.Models[mi].Steps[i]
				per[si].Intervals = nil
			}
			ms.Steps[i], _ = meanStdScores(per, nil)
		}
		if best := bestWorst(ms.PerSeries); len(best) == 2 {
			ms.Best, ms.Worst = best[0], best[1]
		}
		ms.OWA = math.NaN()
		out.Models[mi] = ms
	}
	if ref != "" {
		rm := out.Model(ref)
		for i := range out.Models {
			ms := &out.Models[i]
			ms.OWA = OWA(ms.SMAPE, ms.MASE, rm.SMAPE, rm.MASE)
		}
	}
	return out, nil
}

// bestWorst returns the IDs of the series with the lowest and the highest
// finite sMAPE, or nil when none is finite.
func bestWorst(ps []SeriesScore) []string {
	bi, wi := -1, -1
	for i, p := range ps {
		if math.IsNaN(p.SMAPE) || math.IsInf(p.SMAPE, 0) {
			continue
		}
		if bi < 0 || p.SMAPE < ps[bi].SMAPE {
			bi = i
		}
		if wi < 0 || p.SMAPE > ps[wi].SMAPE {
			wi = i
		}
	}
	if bi < 0 {
		return nil
	}
	return []string{ps[bi].Series, ps[wi].Series}
}
