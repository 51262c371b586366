package eval

import (
	"math"

	"github.com/tsforecast/tsforecast/forecast"
)

// scoreModel computes intervals, fold, step and summary scores of one
// model once all its folds are done.
func scoreModel(mr *ModelResult, s *forecast.Series, r *Result, cfg *Backtest) {
	h, m := cfg.Horizon, r.Season
	folds := mr.Folds
	scales := make([]float64, len(folds))
	for k := range folds {
		fd := &folds[k]
		scales[k] = MASEScale(s.Values[fd.TrainStart:fd.Origin], m)
	}
	// Conformal intervals from earlier folds whose horizon has ended, for
	// the folds without intervals of the model's own.
	if len(cfg.Levels) > 0 {
		norm := make([]float64, len(folds))
		for k := range norm {
			norm[k] = 1
		}
		if cfg.ScaledIntervals && validScales(scales) {
			copy(norm, scales)
		}
		need := cfg.minCalibration()
		var calib [][]float64
		next := 0 // folds[:next] have horizons ending at or before the origin
		radius := make([]float64, h)
		for k := range folds {
			fd := &folds[k]
			for next < k && folds[next].Origin+h <= fd.Origin {
				e := absErrors(folds[next].Actual, folds[next].Forecast)
				for i := range e {
					e[i] /= norm[next]
				}
				calib = append(calib, e)
				next++
			}
			if len(calib) < need || fd.Intervals != nil {
				continue // too few folds, or the model's own intervals
			}
			fd.Intervals = make([]forecast.Interval, len(cfg.Levels))
			for li, l := range cfg.Levels {
				ConformalRadius(radius, calib, l)
				for i := range radius {
					radius[i] *= norm[k]
				}
				fd.Intervals[li] = forecast.IntervalAround(fd.Forecast, radius, l)
			}
		}
	}
	for k := range folds {
		fd := &folds[k]
		fd.Scores = scoresOf(fd.Actual, fd.Forecast, scales[k], fd.Intervals)
	}
	// Per horizon step, across folds.
	mr.Steps = make([]Scores, h)
	y := make([]float64, len(folds))
	yh := make([]float64, len(folds))
	sc := make([]float64, len(folds))
	for i := range h {
		for k := range folds {
			y[k], yh[k], sc[k] = folds[k].Actual[i], folds[k].Forecast[i], scales[k]
		}
		st := Scores{
			MAE: MAE(y, yh), RMSE: RMSE(y, yh), MAPE: MAPE(y, yh),
			SMAPE: SMAPE(y, yh), Bias: Bias(y, yh), MASE: meanScaled(y, yh, sc),
		}
		for li, l := range cfg.Levels {
			var yy, lo, hi []float64
			for k := range folds {
				if iv := folds[k].Intervals; iv != nil {
					yy = append(yy, folds[k].Actual[i])
					lo = append(lo, iv[li].Lo[i])
					hi = append(hi, iv[li].Hi[i])
				}
			}
			if len(yy) > 0 {
				st.Intervals = append(st.Intervals, intervalScore(yy, lo, hi, l))
			}
		}
		mr.Steps[i] = st
	}
	// Summary over folds.
	sum := Summary{Folds: len(folds)}
	per := make([]Scores, len(folds))
	for k := range folds {
		per[k] = folds[k].Scores
		sum.FitSeconds += folds[k].FitSeconds
	}
	sum.Mean, sum.Std = meanStdScores(per, cfg.Levels)
	mr.Summary = sum
}

func absErrors(y, yhat []float64) []float64 {
	out := make([]float64, len(y))
	for i := range y {
		out[i] = math.Abs(y[i] - yhat[i])
	}
	return out
}

// meanScaled returns mean |y−ŷ|/scale, the MASE of forecasts with
// different scales.
func meanScaled(y, yhat, scale []float64) float64 {
	if len(y) == 0 {
		return math.NaN()
	}
	var s float64
	for i := range y {
		s += math.Abs(y[i]-yhat[i]) / scale[i]
	}
	return s / float64(len(y))
}

func scoresOf(y, yhat []float64, scale float64, iv []forecast.Interval) Scores {
	sc := Scores{
		MAE: MAE(y, yhat), RMSE: RMSE(y, yhat), MAPE: MAPE(y, yhat),
		SMAPE: SMAPE(y, yhat), Bias: Bias(y, yhat),
	}
	sc.MASE = sc.MAE / scale
	for _, in := range iv {
		sc.Intervals = append(sc.Intervals, intervalScore(y, in.Lo, in.Hi, in.Level))
	}
	return sc
}

func intervalScore(y, lo, hi []float64, level float64) IntervalScore {
	return IntervalScore{
		Level:    level,
		Coverage: Coverage(y, lo, hi),
		Width:    MeanWidth(lo, hi),
		Pinball:  IntervalPinball(y, lo, hi, level),
		N:        len(y),
	}
}

// meanStdScores returns the mean and sample standard deviation of each
// score over per; interval scores use the entries that have them.
func meanStdScores(per []Scores, levels []float64) (mean, std Scores) {
	get := []func(*Scores) *float64{
		func(s *Scores) *float64 { return &s.MAE },
		func(s *Scores) *float64 { return &s.RMSE },
		func(s *Scores) *float64 { return &s.MAPE },
		func(s *Scores) *float64 { return &s.SMAPE },
		func(s *Scores) *float64 { return &s.MASE },
		func(s *Scores) *float64 { return &s.Bias },
	}
	x := make([]float64, 0, len(per))
	for _, g := range get {
		x = x[:0]
		for k := range per {
			x = append(x, *g(&per[k]))
		}
		*g(&mean), *g(&std) = meanStd(x)
	}
	for li, l := range levels {
		var cov, wid, pin []float64
		n := 0
		for k := range per {
			if li < len(per[k].Intervals) {
				is := per[k].Intervals[li]
				cov = append(cov, is.Coverage)
				wid = append(wid, is.Width)
				pin = append(pin, is.Pinball)
				n += is.N
			}
		}
		if len(cov) == 0 {
			continue
		}
		var m, s IntervalScore
		m.Level, s.Level = l, l
		m.N, s.N = n, n
		m.Coverage, s.Coverage = meanStd(cov)
		m.Width, s.Width = meanStd(wid)
		m.Pinball, s.Pinball = meanStd(pin)
		mean.Intervals = append(mean.Intervals, m)
		std.Intervals = append(std.Intervals, s)
	}
	return mean, std
}

// meanStd returns the mean and the sample standard deviation (NaN for
// fewer than two values) of x.
func meanStd(x []float64) (mean, std float64) {
	if len(x) == 0 {
		return math.NaN(), math.NaN()
	}
	for _, v := range x {
		mean += v
	}
	mean /= float64(len(x))
	if len(x) < 2 {
		return mean, math.NaN()
	}
	var ss float64
	for _, v := range x {
		ss += (v - mean) * (v - mean)
	}
	return mean, math.Sqrt(ss / float64(len(x)-1))
}
