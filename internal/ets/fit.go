package ets

import (
	"fmt"
	"math"
	"strconv"
)

// Criterion is an information criterion for Select.
type Criterion uint8

const (
	// AICc is the corrected Akaike information criterion (the default).
	AICc Criterion = iota
	// AIC is Akaike's information criterion.
	AIC
	// BIC is the Bayesian (Schwarz) information criterion.
	BIC
)

// Optimizer selects the maximum-likelihood search of Estimate and Select.
type Optimizer uint8

const (
	// MultiStart (the default) scores a grid of smoothing parameters
	// with two heuristic initial states and, from R's starting values
	// (seasonal specs) and the best grid points, runs a Gauss–Newton
	// refinement of the initial states, a short Nelder–Mead search and
	// Levenberg–Marquardt steps on all parameters with the exact
	// gradient; the best optimum wins. See the package documentation.
	MultiStart Optimizer = iota

	// NelderMead is R's Nelder–Mead from R's starting values, with
	// Gauss–Newton refinements of the initial states, restarts and a
	// second start at α = 0.5 (see Settings.MaxEval and
	// Settings.Restarts): this package's optimiser before MultiStart.
	NelderMead
)

// String returns the optimiser's name, "MultiStart" or "NelderMead".
func (o Optimizer) String() string {
	switch o {
	case MultiStart:
		return "MultiStart"
	case NelderMead:
		return "NelderMead"
	}
	return "Optimizer(" + strconv.Itoa(int(o)) + ")"
}

// Settings holds the options of Estimate and Select. The zero value, or a
// nil *Settings, gives the defaults stated for each field.
type Settings struct {
	// Optimizer is the maximum-likelihood search (default MultiStart).
	Optimizer Optimizer

	// MaxEval bounds the likelihood evaluations the NelderMead optimiser
	// spends on each model, over all restarts. Zero means 2000, R's
	// maxit. MultiStart does not use it.
	MaxEval int

	// Restarts is the number of times each search of the NelderMead
	// optimiser is started again from its best point with a fresh
	// simplex (while evaluations remain and the previous run improved
	// the likelihood). Zero means 1; a negative value means none, as in
	// R. MultiStart does not use it.
	Restarts int

	// Criterion is the information criterion Select minimises (default
	// AICc, as R's ets).
	Criterion Criterion

	// AdditiveOnly restricts Select to models without multiplicative
	// components.
	AdditiveOnly bool

	// Paths is the number of sample paths of simulated prediction
	// intervals. Zero means 5000, as R's forecast.ets.
	Paths int

	// Seed seeds the PCG generator of simulated prediction intervals; the
	// same seed gives the same intervals.
	Seed uint64
}

// resolve returns s with defaults filled in. It panics if the optimiser is
// unknown.
func (s *Settings) resolve() Settings {
	var r Settings
	if s != nil {
		r = *s
	}
	if r.Optimizer > NelderMead {
		panic(panicOptimizer)
	}
	if r.MaxEval <= 0 {
		r.MaxEval = 2000
	}
	if r.Restarts == 0 {
		r.Restarts = 1
	} else if r.Restarts < 0 {
		r.Restarts = 0
	}
	if r.Paths <= 0 {
		r.Paths = 5000
	}
	return r
}

// Fit is an estimated ETS model: its spec, period, parameters and initial
// state, the one-step fit over the estimation series, the final state from
// which it forecasts, and likelihood-based statistics as R's ets reports
// them.
type Fit struct {
	spec   Spec
	m      int
	params Params
	x0     []float64 // initial state (l, b, s[0..m-1])
	xn     []float64 // final state, same layout
	fitted []float64
	resid  []float64
	lik    float64 // R's lik
	sse    float64
	k      int // free parameters + 1
	set    Settings
}

// Spec returns the model's spec.
func (f *Fit) Spec() Spec { return f.spec }

// Period returns the seasonal period m (1 for a non-seasonal model).
func (f *Fit) Period() int { return f.m }

// Params returns the smoothing parameters (Beta 0 without a trend, Gamma 0
// without a season, Phi 1 without damping).
func (f *Fit) Params() Params { return f.params }

// Len returns the number of observations the model was fitted (or last
// refiltered) on.
func (f *Fit) Len() int { return len(f.resid) }

// NumParams returns k, the number of estimated parameters counted by the
// information criteria: the smoothing parameters, the free initial states
// (m−1 seasonal ones) and the error variance.
func (f *Fit) NumParams() int { return f.k }

// LogLik returns the log-likelihood as R's ets reports it, −lik/2 with
// lik = n·log(Σe²) (+ 2·Σlog|ŷ| for multiplicative errors). The full
// Gaussian log-likelihood with concentrated variance differs from it by a
// constant: it is LogLik − n/2·(log(2π/n) + 1).
func (f *Fit) LogLik() float64 { return -0.5 * f.lik }

// AIC returns −2·LogLik + 2k.
func (f *Fit) AIC() float64 { a, _, _ := infoCriteria(f.lik, f.Len(), f.k); return a }

// AICc returns AIC + 2k(k+1)/(n−k−1) (+Inf if n−k−1 <= 0).
func (f *Fit) AICc() float64 { _, a, _ := infoCriteria(f.lik, f.Len(), f.k); return a }

// BIC returns −2·LogLik + log(n)·k.
func (f *Fit) BIC() float64 { _, _, b := infoCriteria(f.lik, f.Len(), f.k); return b }

// criterion returns the value of c.
func (f *Fit) criterion(c Criterion) float64 {
	aic, aicc, bic := infoCriteria(f.lik, f.Len(), f.k)
	switch c {
	case AIC:
		return aic
	case BIC:
		return bic
	}
	return aicc
}

// Sigma2 returns the residual variance as R's ets: Σe²/(n − (k−1)), with e
// the additive errors or, for multiplicative errors, the relative errors
// (y−ŷ)/ŷ. It is the variance of the innovations used by the prediction
// intervals.
func (f *Fit) Sigma2() float64 {
	d := f.Len() - (f.k - 1)
	if d <= 0 {
		return math.Inf(1)
	}
	return f.sse / float64(d)
}

// Fitted copies the one-step forecasts over the series into dst (allocated
// when nil) and returns it. It panics if dst is not nil and its length is
// not Len().
func (f *Fit) Fitted(dst []float64) []float64 { return copyTo(dst, f.fitted) }

// Residuals copies the errors e_t (y−ŷ, or (y−ŷ)/ŷ for multiplicative
// errors, as R's residuals.ets) into dst (allocated when nil) and returns
// it. It panics if dst is not nil and its length is not Len().
func (f *Fit) Residuals(dst []float64) []float64 { return copyTo(dst, f.resid) }

// InitialState copies the initial state (l, b, s[0], …, s[m−1]) into dst
// (allocated when nil) and returns it: b only with a trend, s only with a
// season, s[0] the most recent seasonal state and s[m−1] the one used for the
// first forecast (R's ets layout; additive indexes sum to 0, multiplicative
// ones to m). It panics if dst is not nil and has the wrong length.
func (f *Fit) InitialState(dst []float64) []float64 { return copyTo(dst, f.x0) }

// State copies the final state, after the last observation, into dst
// (allocated when nil), in the layout of InitialState. It panics if dst is
// not nil and has the wrong length.
func (f *Fit) State(dst []float64) []float64 { return copyTo(dst, f.xn) }

func copyTo(dst, src []float64) []float64 {
	if dst == nil {
		dst = make([]float64, len(src))
	}
	if len(dst) != len(src) {
		panic(panicLen)
	}
	copy(dst, src)
	return dst
}

// checkSeries returns an error if y holds a non-finite value, or a value
// <= 0 when positive is set.
func checkSeries(y []float64, positive bool) error {
	for i, v := range y {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("%w: y[%d] = %v", ErrNonFinite, i, v)
		}
		if positive && v <= 0 {
			return fmt.Errorf("%w: y[%d] = %v", ErrNonPositive, i, v)
		}
	}
	return nil
}

// Estimate fits the model sp with seasonal period m to y by maximum
// likelihood over the smoothing parameters and the initial states, as R's
// ets(y, model = sp) with the default bounds ("both"), and returns it. m is
// ignored for a non-seasonal spec. y is not modified.
//
// It returns an error wrapping ErrNonFinite for NaN or ±Inf in y,
// ErrNonPositive for a multiplicative spec and a value <= 0, ErrPeriod for
// a seasonal spec with m outside 2..24, ErrTooShort when len(y) < p+2 with
// p the number of free parameters (smoothing parameters plus 1 + [trend] +
// [m−1] initial states; R's rule), and ErrNoFit if the likelihood is not
// finite at the starting values. It panics if s names an unknown
// Optimizer.
func Estimate(y []float64, m int, sp Spec, s *Settings) (*Fit, error) {
	if err := sp.Validate(); err != nil {
		return nil, err
	}
	if err := checkSeries(y, sp.multiplicative()); err != nil {
		return nil, err
	}
	if sp.Season == None {
		m = 1
	} else if m < 2 || m > maxPeriod {
		return nil, fmt.Errorf("%w: m = %d for %v", ErrPeriod, m, sp)
	}
	set := s.resolve()
	var w work
	return w.estimate(y, m, sp, &set)
}

// work holds the buffers of estimation, reused across the candidates of
// Select.
type work struct {
	y      []float64
	sp     Spec
	m      int
	scale  float64 // divides the level, slope and additive seasonal states
	x0     []float64
	sc     []float64
	par    []float64
	best   []float64
	init   []float64
	init2  []float64 // initial states from the first localCycles seasons (MultiStart)
	nm     nelderMead
	objval func([]float64) float64
	par2   []float64
	res    []float64 // errors and Jacobian of refineStates
	trial  []float64
	gn     gnWork
	tan    tangents
	lm     lmWork
	cands  []float64 // grid starts of MultiStart, np values each
	candF  []float64 // their objective values
}

// estimate fits sp (validated, m resolved) to the checked series y.
func (w *work) estimate(y []float64, m int, sp Spec, set *Settings) (*Fit, error) {
	if err := w.setup(y, m, sp); err != nil {
		return nil, err
	}
	np := sp.nFree(m)
	w.par = resize(w.par, np)
	par := w.par
	var ok bool
	if set.Optimizer == NelderMead {
		ok = w.searchNM(par, set)
	} else {
		ok = w.searchMulti(par)
	}
	if !ok {
		return nil, fmt.Errorf("%w: %v", ErrNoFit, sp)
	}
	p, ok := w.unpack(par)
	if !ok {
		// Cannot happen: the searches return feasible points.
		return nil, fmt.Errorf("%w: %v: optimum outside the parameter region", ErrNoFit, sp)
	}
	fit := &Fit{spec: sp, m: m, params: p, x0: append([]float64(nil), w.x0...), k: np + 1, set: *set}
	fit.refilter(y, w.sc)
	return fit, nil
}

// searchNM writes to par the optimum of the NelderMead optimiser: R's
// starting values (initparam for the default bounds and the heuristic
// initial states) and, with more than one smoothing parameter, a second
// start at α = 0.5 sharing the budget; the better optimum wins. It reports
// false if the likelihood is not finite at R's start.
func (w *work) searchNM(par []float64, set *Settings) bool {
	np := len(par)
	w.startPoint(par, lowerSmooth+0.2*(upperSmooth-lowerSmooth)/float64(w.m), w.init)
	fmin := w.objective(par)
	if math.IsNaN(fmin) || math.IsInf(fmin, 0) {
		return false
	}
	ns := w.sp.nSmoothing()
	budget := set.MaxEval
	if ns > 1 {
		budget = int(float64(budget) * firstShare)
	}
	fmin, used := w.search(par, fmin, budget, set.Restarts)
	if ns > 1 {
		w.par2 = resize(w.par2, np)
		par2 := w.par2
		w.startPoint(par2, secondAlpha, w.init)
		if f2 := w.objective(par2); !math.IsInf(f2, 0) && !math.IsNaN(f2) {
			f2, _ = w.search(par2, f2, set.MaxEval-used, set.Restarts)
			if f2 < fmin {
				copy(par, par2)
			}
		}
	}
	return true
}

// Two-start search of NelderMead: the first start gets firstShare of
// Settings.MaxEval, the second (α = secondAlpha) the rest.
const (
	firstShare  = 0.6
	secondAlpha = 0.5
)

// setup checks the length of y for sp, computes the heuristic initial
// states and the scale, and sizes the buffers.
func (w *work) setup(y []float64, m int, sp Spec) error {
	n := len(y)
	np := sp.nFree(m)
	if n < np+2 {
		return fmt.Errorf("%w: %v with m = %d has %d free parameters and needs at least %d values, have %d",
			ErrTooShort, sp, m, np, np+2, n)
	}
	var err error
	w.init, err = initState(w.init, y, sp, m)
	if err != nil {
		return err
	}
	w.y, w.sp, w.m = y, sp, m
	if sp.Season != None && n > localCycles*m {
		w.init2, err = initState(w.init2, y[:localCycles*m], sp, m)
		if err != nil {
			return err
		}
	}
	w.x0 = resize(w.x0, sp.nStates(m))
	w.sc = resize(w.sc, m)
	w.scale = 0
	for _, v := range y {
		w.scale += math.Abs(v)
	}
	w.scale /= float64(n)
	if w.scale == 0 {
		w.scale = 1
	}
	if w.objval == nil {
		w.objval = w.objective
	}
	return nil
}

// startPoint fills par with the starting smoothing parameters of R's
// initparam for the default bounds, given alpha, and the initial states
// init (free states, unscaled) scaled.
func (w *work) startPoint(par []float64, alpha float64, init []float64) {
	sp := w.sp
	i := 0
	par[i] = alpha
	i++
	if sp.Trend != None {
		par[i] = lowerSmooth + 0.1*(math.Min(upperSmooth, alpha)-lowerSmooth)
		i++
	}
	if sp.Season != None {
		par[i] = lowerSmooth + 0.05*(math.Min(upperSmooth, 1-alpha)-lowerSmooth)
		i++
	}
	if sp.Damped {
		par[i] = lowerPhi + 0.99*(upperPhi-lowerPhi)
		i++
	}
	for j, v := range init {
		par[i+j] = v / w.stateScale(j)
	}
}

// search minimises the objective from par (where it is fcur) within
// maxEval evaluations: Gauss–Newton refinement of the initial states, then
// Nelder–Mead runs, each followed by a refinement, restarted up to restarts
// times while they improve. par receives the best point; it returns the
// objective there and the evaluations used.
func (w *work) search(par []float64, fmin float64, maxEval, restarts int) (float64, int) {
	used := 0
	fmin, u := w.refineStates(par, fmin, 3)
	used += u
	w.best = resize(w.best, len(par))
	for r := 0; r <= restarts && used < maxEval; r++ {
		copy(w.best, par)
		f, u := w.nm.minimize(w.objval, par, maxEval-used)
		used += u
		f, u = w.refineStates(par, f, 3)
		used += u
		if !(f < fmin) {
			copy(par, w.best)
			break
		}
		improved := fmin - f
		fmin = f
		if r > 0 && improved <= nmRelTol*(math.Abs(fmin)+nmRelTol) {
			break
		}
	}
	return fmin, used
}

// stateScale returns the factor dividing free initial state j in the
// optimiser's vector: the series' mean absolute value for the level, the
// slope and additive seasonal states, 1 for multiplicative indexes.
func (w *work) stateScale(j int) float64 {
	k := 1
	if w.sp.Trend != None {
		k = 2
	}
	if j >= k && w.sp.Season == Multiplicative {
		return 1
	}
	return w.scale
}

// unpack decodes the optimiser's vector into smoothing parameters and the
// full initial state w.x0 (the last seasonal state implied by
// normalisation: R's m·[multiplicative] − Σ of the others). It reports
// false if the parameters are outside R's "both" region or a multiplicative
// seasonal state is negative.
func (w *work) unpack(par []float64) (Params, bool) {
	sp, m := w.sp, w.m
	p := Params{Phi: 1}
	i := 0
	p.Alpha = par[i]
	i++
	if sp.Trend != None {
		p.Beta = par[i]
		i++
	}
	if sp.Season != None {
		p.Gamma = par[i]
		i++
	}
	if sp.Damped {
		p.Phi = par[i]
		i++
	}
	if !checkParams(sp, m, p) {
		return p, false
	}
	x0 := w.x0
	k := 1
	if sp.Trend != None {
		k = 2
	}
	for j := range k {
		x0[j] = par[i+j] * w.scale
	}
	if sp.Season != None {
		scale := w.scale
		last := 0.0
		if sp.Season == Multiplicative {
			scale = 1
			last = float64(m)
		}
		for j := 0; j < m-1; j++ {
			v := par[i+k+j] * scale
			x0[k+j] = v
			last -= v
		}
		x0[k+m-1] = last
		if sp.Season == Multiplicative {
			for _, v := range x0[k:] {
				if v < 0 {
					return p, false
				}
			}
		}
	}
	return p, true
}

// objective is R's etsTargetFunction for opt.crit = "lik": lik at the
// decoded parameters, +Inf outside the parameter region or when not a
// number, and at least −1e10 (R's guard against perfect fits).
func (w *work) objective(par []float64) float64 {
	p, ok := w.unpack(par)
	if !ok {
		return math.Inf(1)
	}
	lik := filter(w.y, w.sp, w.m, p, w.x0, w.sc, nil, nil, nil)
	if math.IsNaN(lik) {
		return math.Inf(1)
	}
	if lik < -1e10 {
		return -1e10
	}
	return lik
}

// refilter runs the recursion of f over y from f's initial state and
// stores the fitted values, residuals, final state and likelihood. sc is a
// workspace of length >= f.m (nil allocates).
func (f *Fit) refilter(y []float64, sc []float64) {
	n := len(y)
	f.fitted = resize(f.fitted, n)
	f.resid = resize(f.resid, n)
	f.xn = resize(f.xn, len(f.x0))
	sc = resize(sc, f.m)
	f.lik = filter(y, f.spec, f.m, f.params, f.x0, sc, f.resid, f.fitted, f.xn)
	f.sse = 0
	for _, e := range f.resid {
		f.sse += e * e
	}
}

// Refilter runs the fitted model, with its parameters and initial state
// unchanged, over y, typically the estimation series extended by new
// observations, as R's ets(y, model = fit, use.initial.values = TRUE). It
// replaces the fitted values, residuals, final state (so forecasts start
// after the end of y), likelihood and criteria, and Sigma2. y is not
// modified. It returns an error wrapping ErrNonFinite or ErrNonPositive (for
// a multiplicative model) and leaves f unchanged then.
func (f *Fit) Refilter(y []float64) error {
	if err := checkSeries(y, f.spec.multiplicative()); err != nil {
		return err
	}
	if len(y) == 0 {
		return fmt.Errorf("%w: empty series", ErrTooShort)
	}
	f.refilter(y, nil)
	return nil
}
