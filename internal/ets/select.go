package ets

import (
	"errors"
	"fmt"
	"math"
)

// MinLen is the shortest series Select fits: R's ets fits no model by
// maximum likelihood to n <= 6 values with automatic selection (it falls
// back to HoltWinters there).
const MinLen = 7

// Candidates returns the specs Select considers for a series of n values
// with seasonal period m, positive reporting whether every value is > 0, in
// the order R's ets tries them (error A, M; trend N, A; season N, A, M;
// damped before undamped). It follows R's defaults: seasonal models only
// for 2 <= m <= 24 and n > m; no multiplicative trend; restrict = TRUE
// (no additive error with a multiplicative season); multiplicative
// components only for positive data (none with additiveOnly); and only
// specs whose number of free parameters p satisfies n >= p+3, so that AICc
// is finite (R tries n = p+2 but its AICc is then infinite).
func Candidates(n, m int, positive, additiveOnly bool) []Spec {
	seasonal := m >= 2 && m <= maxPeriod && n > m
	var out []Spec
	for _, e := range []Component{Additive, Multiplicative} {
		if e == Multiplicative && (!positive || additiveOnly) {
			continue
		}
		for _, t := range []Component{None, Additive} {
			for _, s := range []Component{None, Additive, Multiplicative} {
				if s != None && !seasonal {
					continue
				}
				if s == Multiplicative && (e == Additive || additiveOnly) {
					continue
				}
				for _, d := range []bool{true, false} {
					if d && t == None {
						continue
					}
					sp := Spec{Error: e, Trend: t, Season: s, Damped: d}
					mm := m
					if s == None {
						mm = 1
					}
					if n < sp.nFree(mm)+3 {
						continue
					}
					out = append(out, sp)
				}
			}
		}
	}
	return out
}

// Select fits every spec of [Candidates] to y with seasonal period m (1 or
// less for non-seasonal data) by maximum likelihood and returns the one with
// the lowest information criterion (Settings.Criterion, AICc by default;
// ties go to the earlier candidate), as R's ets(y) with its defaults.
// y is not modified.
//
// A constant series gets, as in R, simple exponential smoothing (ETS(A,N,N))
// with α = 0.9999 and l0 = y[0]; its residuals are zero, so its LogLik is
// +Inf.
//
// It returns an error wrapping ErrNonFinite for NaN or ±Inf in y, and one
// wrapping ErrTooShort when len(y) < MinLen or no candidate has enough
// values (ETS(A,N,N) needs 5: two free parameters plus 3).
// It panics if s names an unknown Optimizer.
func Select(y []float64, m int, s *Settings) (*Fit, error) {
	if err := checkSeries(y, false); err != nil {
		return nil, err
	}
	n := len(y)
	if n < MinLen {
		return nil, fmt.Errorf("%w: Select needs at least %d values, have %d", ErrTooShort, MinLen, n)
	}
	set := s.resolve()
	if isConstant(y) {
		return constantFit(y, &set), nil
	}
	positive := true
	for _, v := range y {
		if v <= 0 {
			positive = false
			break
		}
	}
	cands := Candidates(n, m, positive, set.AdditiveOnly)
	if len(cands) == 0 {
		return nil, fmt.Errorf("%w: no ETS model fits %d values", ErrTooShort, n)
	}
	var w work
	var best *Fit
	bestIC := math.Inf(1)
	var errs []error
	for _, sp := range cands {
		mm := m
		if sp.Season == None {
			mm = 1
		}
		fit, err := w.estimate(y, mm, sp, &set)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ic := fit.criterion(set.Criterion)
		if ic < bestIC {
			best, bestIC = fit, ic
		}
	}
	if best == nil {
		return nil, fmt.Errorf("ets: no model could be fitted: %w", errors.Join(errs...))
	}
	return best, nil
}

// isConstant reports whether all values of y are equal.
func isConstant(y []float64) bool {
	for _, v := range y[1:] {
		if v != y[0] {
			return false
		}
	}
	return true
}

// constantFit returns ETS(A,N,N) with α = 0.9999 and l0 = y[0] run over y.
func constantFit(y []float64, set *Settings) *Fit {
	sp := Spec{Error: Additive, Trend: None, Season: None}
	f := &Fit{spec: sp, m: 1, params: Params{Alpha: upperSmooth, Phi: 1}, x0: []float64{y[0]}, k: sp.nFree(1) + 1, set: *set}
	f.refilter(y, nil)
	return f
}
