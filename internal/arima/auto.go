package arima

import (
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/mat"
)

// IC is the information criterion that Auto minimises.
type IC int

const (
	AICc IC = iota // corrected AIC, the default of auto.arima
	AIC
	BIC
)

// Approximation selects how Auto evaluates candidate models.
type Approximation int

const (
	// ApproxAuto approximates when the series has more than 150 values or
	// the period exceeds 12, auto.arima's default.
	ApproxAuto Approximation = iota
	// ApproxOn fits candidates by conditional sum of squares and ranks
	// them by an approximate criterion; the chosen model is refitted by
	// CSS-ML.
	ApproxOn
	// ApproxOff fits every candidate by CSS-ML.
	ApproxOff
)

// Limits bound the orders Auto considers.
type Limits struct {
	P, Q   int // non-seasonal AR and MA orders
	SP, SQ int // seasonal AR and MA orders
	Order  int // p+q+P+Q, in the exhaustive search only (as auto.arima)
	D, SD  int // numbers of non-seasonal and seasonal differences
}

// DefaultLimits are auto.arima's defaults: max.p = max.q = 5,
// max.P = max.Q = 2, max.order = 5, max.d = 2, max.D = 1.
var DefaultLimits = Limits{P: 5, Q: 5, SP: 2, SQ: 2, Order: 5, D: 2, SD: 1}

// AutoSettings configure Auto. A nil *AutoSettings and the zero value give
// the defaults of R's forecast::auto.arima.
type AutoSettings struct {
	// Limits bounds the orders; nil means DefaultLimits.
	Limits *Limits
	// D and SD fix the numbers of differences; nil means chosen by the
	// KPSS test (d) and the seasonal strength (D).
	D, SD *int
	// IC is the selection criterion, AICc by default (AIC for series of
	// at most 3 values).
	IC IC
	// Approximation, ApproxAuto by default.
	Approximation Approximation
	// Exhaustive searches every model within Limits instead of the
	// stepwise search (auto.arima's stepwise = FALSE).
	Exhaustive bool
	// NonSeasonal ignores the period (seasonal = FALSE).
	NonSeasonal bool
	// Stationary restricts the search to d = D = 0.
	Stationary bool
	// NoDrift and NoMean forbid the drift and the non-zero mean.
	NoDrift, NoMean bool
	// NModels bounds the number of models of the stepwise search; zero
	// means auto.arima's 94.
	NModels int
}

// Auto selects and fits a seasonal ARIMA model for y (with regressors
// xreg, nil for none) at seasonal period m by the algorithm of Hyndman &
// Khandakar (2008) as the current sources of R's forecast::auto.arima
// implement it:
//
//   - a constant series gets ARIMA(0,0,0) with its mean;
//   - D (m > 1 only, and only with more than 2m values) is 1 when the
//     seasonal strength of an STL decomposition exceeds 0.64 (NSDiffs),
//     then d by repeated KPSS tests at level 0.05 (NDiffs); both are
//     computed on the residuals of the regression on xreg;
//   - if the differenced series is constant, a model without ARMA terms
//     is returned;
//   - otherwise the stepwise search starts from ARIMA(2,d,2)(1,D,1),
//     (0,d,0)(0,D,0), (1,d,0)(1,D,0), (0,d,1)(0,D,1) (and (0,d,0)(0,D,0)
//     without constant) and moves p, q, P, Q by ±1, alone and in pairs,
//     and toggles the constant, restarting from every improvement, for at
//     most NModels models; a drift is allowed when d+D = 1 and a mean when
//     d+D = 0;
//   - candidates are fitted by CSS-ML, or by CSS with an approximate
//     criterion offset + nObs·log σ²_CSS + 2k when approximating, in which
//     case the candidates are refitted by CSS-ML in increasing order of
//     the approximate criterion until one succeeds;
//   - candidates whose AR or MA polynomial has a root of modulus below
//     1.01, or whose coefficient variances from the numerical Hessian are
//     not all non-negative, are rejected.
//
// The maximal orders are reduced to len(y)/3 (and len(y)/(3m) for the
// seasonal ones), and to m-1 when seasonal terms are allowed.
//
// Auto returns an error wrapping ErrTooShort if y is empty or nothing is
// left after differencing, ErrNonFinite for NaN or infinite data and
// ErrNoModel if no candidate can be fitted and the fallback
// ARIMA(0,d,0)(0,D,0) fails too. Where auto.arima would stop with "No
// suitable ARIMA model found", Auto returns that fallback instead. It
// panics if a regressor does not have len(y) values.
func Auto(y []float64, xreg [][]float64, m int, s *AutoSettings) (*Fit, error) {
	if err := checkData(y, xreg); err != nil {
		return nil, err
	}
	var set AutoSettings
	if s != nil {
		set = *s
	}
	lim := DefaultLimits
	if set.Limits != nil {
		lim = *set.Limits
	}
	nmodels := set.NModels
	if nmodels <= 0 {
		nmodels = 94
	}
	n := len(y)
	if n == 0 {
		return nil, fmt.Errorf("%w: empty series", ErrTooShort)
	}
	if isConstant(y) {
		return constantFit(y, xreg, !set.NoMean)
	}
	ic := set.IC
	if n <= 3 {
		ic = AIC
	}
	freq := m
	if set.NonSeasonal || m < 1 {
		m = 1
	}
	a := &search{y: y, xreg: xreg, n: n, m: m, ic: ic, memo: map[candKey]*candidate{}}
	maxp := min(lim.P, n/3)
	maxq := min(lim.Q, n/3)
	maxP := min(lim.SP, n/3/m)
	maxQ := min(lim.SQ, n/3/m)

	// Regressors: drop constant columns and use the residuals of the
	// regression on the rest to choose the differences.
	var xregg [][]float64
	for _, c := range xreg {
		if !isConstant(c) {
			xregg = append(xregg, c)
		}
	}
	xx := y
	if len(xregg) > 0 {
		var err error
		if xx, err = regressionResiduals(y, xregg); err != nil {
			return nil, err
		}
	}

	// Seasonal differences.
	D := 0
	switch {
	case m == 1:
		maxP, maxQ = 0, 0
	case set.Stationary:
	case set.SD != nil:
		D = *set.SD
	case n <= 2*m:
	default:
		D = NSDiffs(xx, m, lim.SD)
		if D > 0 && anyConstant(xregg, 0, D, m) {
			D--
		}
	}
	work := make([]float64, n)
	dx := difference(nil, xx, 0, D, m, work)

	// Non-seasonal differences.
	d := 0
	switch {
	case set.Stationary:
	case set.D != nil:
		d = *set.D
	default:
		d = NDiffs(dx, lim.D)
		if d > 0 && anyConstant(xregg, d, D, m) {
			d--
		}
	}
	dx = difference(nil, dx, d, 0, 1, work)
	a.d, a.D = d, D
	if len(dx) == 0 {
		return nil, fmt.Errorf("%w: %d values, %d and %d seasonal differences", ErrTooShort, n, d, D)
	}
	if isConstant(dx) {
		return a.constantDiffFit(dx)
	}

	if m > 1 {
		if maxP > 0 {
			maxp = min(maxp, m-1)
		}
		if maxQ > 0 {
			maxq = min(maxq, m-1)
		}
	}
	a.maxp, a.maxq, a.maxP, a.maxQ = maxp, maxq, maxP, maxQ
	approx := set.Approximation == ApproxOn ||
		(set.Approximation == ApproxAuto && (n > 150 || freq > 12))
	if approx {
		// Offset of the approximate criterion, from the white-noise model
		// (with the mean when there is no difference, as stats::arima's
		// default include.mean).
		pr := newProblem(y, xreg, Order{D: d, SD: D, Period: m, Constant: d+D == 0})
		if raw, err := a.f.arima(pr, CSSML, nil); err == nil {
			a.offset = -2*raw.loglik - float64(n)*math.Log(raw.sigma2)
		}
	}
	allowDrift := !set.NoDrift && d+D == 1
	allowMean := !set.NoMean && d+D == 0

	var best *candidate
	if set.Exhaustive {
		best = a.exhaustive(lim.Order, allowDrift || allowMean, approx)
	} else {
		best = a.stepwise(allowDrift, allowMean, approx, nmodels)
	}
	if best == nil || best.raw == nil || math.IsInf(best.ic, 1) {
		return a.fallback()
	}
	return a.f.finalize(best.pr, best.raw)
}

// candKey identifies a candidate model of a search.
type candKey struct {
	p, q, sp, sq int
	constant     bool
	approx       bool
}

// candidate is a fitted candidate: its criterion and estimates.
type candidate struct {
	candKey
	ic  float64
	raw *rawFit
	pr  *problem
}

// search holds the state of one automatic selection.
type search struct {
	f                      fitter
	y                      []float64
	xreg                   [][]float64
	n, m, d, D             int
	maxp, maxq, maxP, maxQ int
	ic                     IC
	offset                 float64
	memo                   map[candKey]*candidate
}

// fit is forecast's myarima: it fits one candidate and computes its
// criterion, +Inf for a failed or rejected fit. Results are memoised.
func (a *search) fit(p, q, sp, sq int, constant, approx bool) *candidate {
	key := candKey{p, q, sp, sq, constant, approx}
	if c, ok := a.memo[key]; ok {
		return c
	}
	c := &candidate{candKey: key, ic: math.Inf(1)}
	a.memo[key] = c
	o := Order{P: p, D: a.d, Q: q, SP: sp, SD: a.D, SQ: sq, Period: a.m, Constant: constant}
	method := CSSML
	if approx {
		method = CSS
	}
	pr := newProblem(a.y, a.xreg, o)
	raw, err := a.f.arima(pr, method, nil)
	if err != nil {
		return c
	}
	c.raw, c.pr = raw, pr
	nstar := float64(a.n - a.d - a.D*a.m)
	npar := float64(raw.nfree + 1)
	aic := raw.aic
	if method == CSS {
		aic = math.NaN()
		if raw.sigma2 > 0 {
			aic = a.offset + nstar*math.Log(raw.sigma2) + 2*npar
		}
	}
	if math.IsNaN(aic) {
		return c
	}
	switch a.ic {
	case AIC:
		c.ic = aic
	case BIC:
		c.ic = aic + npar*(math.Log(nstar)-2)
	default:
		if den := nstar - npar - 1; den > 0 {
			c.ic = aic + 2*npar*(npar+1)/den
		}
	}
	// Reject roots of modulus below 1.01 and negative variances.
	phi := make([]float64, o.arLen())
	theta := make([]float64, o.maLen())
	expand(phi, theta, raw.coef, o)
	work := make([]float64, 2*max(len(phi), len(theta)))
	const rootLimit, trim = 1.01, 1e-8
	if !stationary(phi, 1, rootLimit, trim, work) || !stationary(theta, -1, rootLimit, trim, work) || !raw.varOK {
		c.ic = math.Inf(1)
	}
	return c
}

// stepwise is auto.arima's stepwise search: the start models, then the
// sixteen moves of the seasonal and non-seasonal orders and the constant
// toggle, restarting after every improvement.
func (a *search) stepwise(allowDrift, allowMean, approx bool, nmodels int) *candidate {
	constant := allowDrift || allowMean
	startP, startQ, startSP, startSQ := 2, 2, 1, 1
	if a.n < 10 {
		startP, startQ, startSP, startSQ = 1, 1, 0, 0
	}
	p, q := min(startP, a.maxp), min(startQ, a.maxq)
	P, Q := min(startSP, a.maxP), min(startSQ, a.maxQ)

	var results []*candidate
	add := func(c *candidate) { results = append(results, c) }
	best := a.fit(p, q, P, Q, constant, approx)
	add(best)
	if c := a.fit(0, 0, 0, 0, constant, approx); true {
		add(c)
		if c.ic < best.ic {
			best = c
			p, q, P, Q = 0, 0, 0, 0
		}
	}
	b2i := func(b bool) int {
		if b {
			return 1
		}
		return 0
	}
	if a.maxp > 0 || a.maxP > 0 {
		np, nP := b2i(a.maxp > 0), b2i(a.m > 1 && a.maxP > 0)
		c := a.fit(np, 0, nP, 0, constant, approx)
		add(c)
		if c.ic < best.ic {
			best = c
			p, P, q, Q = np, nP, 0, 0
		}
	}
	if a.maxq > 0 || a.maxQ > 0 {
		nq, nQ := b2i(a.maxq > 0), b2i(a.m > 1 && a.maxQ > 0)
		c := a.fit(0, nq, 0, nQ, constant, approx)
		add(c)
		if c.ic < best.ic {
			best = c
			p, P, q, Q = 0, 0, nq, nQ
		}
	}
	if constant {
		c := a.fit(0, 0, 0, 0, false, approx)
		add(c)
		if c.ic < best.ic {
			best = c
			p, q, P, Q = 0, 0, 0, 0
		}
	}
	newModel := func(p, q, P, Q int, c bool) bool {
		for _, r := range results {
			if r.p == p && r.q == q && r.sp == P && r.sq == Q && r.constant == c {
				return false
			}
		}
		return true
	}
	moves := [...][4]int{ // dp, dq, dP, dQ in auto.arima's order
		{0, 0, -1, 0}, {0, 0, 0, -1}, {0, 0, 1, 0}, {0, 0, 0, 1},
		{0, 0, -1, -1}, {0, 0, -1, 1}, {0, 0, 1, -1}, {0, 0, 1, 1},
		{-1, 0, 0, 0}, {0, -1, 0, 0}, {1, 0, 0, 0}, {0, 1, 0, 0},
		{-1, -1, 0, 0}, {-1, 1, 0, 0}, {1, -1, 0, 0}, {1, 1, 0, 0},
	}
	in := func(v, hi int) bool { return v >= 0 && v <= hi }
	k := len(results)
	startk := 0
	for startk < k && k < nmodels {
		startk = k
		moved := false
		for _, mv := range moves {
			np, nq, nP, nQ := p+mv[0], q+mv[1], P+mv[2], Q+mv[3]
			if !in(np, a.maxp) || !in(nq, a.maxq) || !in(nP, a.maxP) || !in(nQ, a.maxQ) ||
				!newModel(np, nq, nP, nQ, constant) {
				continue
			}
			k++
			if k > nmodels {
				moved = true
				break
			}
			c := a.fit(np, nq, nP, nQ, constant, approx)
			add(c)
			if c.ic < best.ic {
				best = c
				p, q, P, Q = np, nq, nP, nQ
				moved = true
				break
			}
		}
		if moved || !(allowDrift || allowMean) || !newModel(p, q, P, Q, !constant) {
			continue
		}
		k++
		if k > nmodels {
			continue
		}
		c := a.fit(p, q, P, Q, !constant, approx)
		add(c)
		if c.ic < best.ic {
			best = c
			constant = !constant
		}
	}
	if approx && best.raw != nil {
		order := append([]*candidate(nil), results...)
		sort.SliceStable(order, func(i, j int) bool { return order[i].ic < order[j].ic })
		for _, r := range order {
			c := a.fit(r.p, r.q, r.sp, r.sq, r.constant, false)
			if !math.IsInf(c.ic, 1) {
				return c
			}
		}
	}
	return best
}

// exhaustive is auto.arima's search.arima: every model with
// p+q+P+Q ≤ maxOrder within the limits, with and without constant.
func (a *search) exhaustive(maxOrder int, allowConst, approx bool) *candidate {
	maxK := 0
	if allowConst {
		maxK = 1
	}
	var best *candidate
	for p := 0; p <= a.maxp; p++ {
		for q := 0; q <= a.maxq; q++ {
			for P := 0; P <= a.maxP; P++ {
				for Q := 0; Q <= a.maxQ; Q++ {
					for K := 0; K <= maxK; K++ {
						if p+q+P+Q > maxOrder {
							continue
						}
						c := a.fit(p, q, P, Q, K == 1, approx)
						if best == nil || c.ic < best.ic {
							if !math.IsInf(c.ic, 1) {
								best = c
							}
						}
					}
				}
			}
		}
	}
	if best == nil || !approx {
		return best
	}
	c := a.fit(best.p, best.q, best.sp, best.sq, best.constant, false)
	if !math.IsInf(c.ic, 1) {
		return c
	}
	return a.exhaustive(maxOrder, allowConst, false)
}

// fallback fits ARIMA(0,d,0)(0,D,0) with the regressors, for when no
// candidate could be fitted (where auto.arima stops with an error).
func (a *search) fallback() (*Fit, error) {
	o := Order{D: a.d, SD: a.D, Period: a.m}
	fit, err := Estimate(a.y, a.xreg, o, nil)
	if err != nil {
		return nil, fmt.Errorf("%w: fallback %s: %w", ErrNoModel, o.core(), err)
	}
	return fit, nil
}

// constantDiffFit is auto.arima's model for a series whose differences
// are constant: no ARMA terms, with the constant fixed at the mean of the
// differences when d+D ≤ 1, or a regression on xreg.
func (a *search) constantDiffFit(dx []float64) (*Fit, error) {
	d, D, m := a.d, a.D, a.m
	if len(a.xreg) > 0 {
		return Estimate(a.y, a.xreg, Order{D: d, SD: D, Period: m, Constant: d+D == 0}, nil)
	}
	mean := 0.0
	for _, v := range dx {
		mean += v
	}
	mean /= float64(len(dx))
	switch {
	case D > 0 && d == 0:
		o := Order{SD: D, Period: m, Constant: D == 1}
		c := Coef{}
		if D == 1 {
			c.Drift = mean / float64(m)
		}
		return Filter(a.y, nil, o, c)
	case D > 0 || d == 2:
		return Filter(a.y, nil, Order{D: d, SD: D, Period: m}, Coef{})
	case d < 2:
		o := Order{D: d, Constant: true}
		c := Coef{Intercept: mean}
		if d == 1 {
			c = Coef{Drift: mean}
		}
		return Filter(a.y, nil, o, c)
	}
	return nil, fmt.Errorf("%w: the data follow a polynomial of degree %d", ErrNoModel, d)
}

// constantFit is auto.arima's model of a constant series: ARIMA(0,0,0)
// with the mean fixed at the value (or zero mean), and zero coefficients
// for any regressors.
func constantFit(y []float64, xreg [][]float64, mean bool) (*Fit, error) {
	c := Coef{Xreg: make([]float64, len(xreg))}
	if mean {
		for _, v := range y {
			c.Intercept += v
		}
		c.Intercept /= float64(len(y))
	}
	return Filter(y, xreg, Order{Constant: mean}, c)
}

// anyConstant reports whether a column of cols is constant after d
// differences at lag 1 and sd at lag m.
func anyConstant(cols [][]float64, d, sd, m int) bool {
	for _, c := range cols {
		w := difference(nil, c, d, sd, m, make([]float64, len(c)))
		if isConstant(w) {
			return true
		}
	}
	return false
}

// regressionResiduals returns the residuals of the least-squares
// regression of y on an intercept and cols, after auto.arima's check
// that min(sv)/sum(sv) of cbind(1, cols) is not below machine epsilon.
func regressionResiduals(y []float64, cols [][]float64) ([]float64, error) {
	n := len(y)
	ones := make([]float64, n)
	for i := range ones {
		ones[i] = 1
	}
	all := append([][]float64{ones}, cols...)
	x := mat.NewDense(n, len(all), nil)
	for j, c := range all {
		for i, v := range c {
			x.Set(i, j, v)
		}
	}
	var svd mat.SVD
	if !svd.Factorize(x, mat.SVDNone) {
		return nil, fmt.Errorf("%w: SVD of the regressors failed", ErrFit)
	}
	sv := svd.Values(nil)
	sum, lo := 0.0, math.Inf(1)
	for _, v := range sv {
		sum += v
		lo = math.Min(lo, v)
	}
	if len(sv) < len(all) || lo/sum < 2.220446049250313e-16 {
		return nil, fmt.Errorf("%w: xreg is rank deficient", ErrFit)
	}
	coef, _, rank := lsq(y, all)
	if rank < len(all) {
		return nil, fmt.Errorf("%w: xreg is rank deficient", ErrFit)
	}
	res := append([]float64(nil), y...)
	for j, c := range all {
		for i, v := range c {
			res[i] -= coef[j] * v
		}
	}
	return res, nil
}
