package models

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/optimize"

	"github.com/tsforecast/tsforecast/features"
	"github.com/tsforecast/tsforecast/forecast"
)

// SeasonKind says how the seasonal component of [HoltWinters] combines
// with the level.
type SeasonKind int

const (
	// Additive adds the seasonal effect: ŷ = level + season.
	Additive SeasonKind = iota
	// Multiplicative scales by it: ŷ = level · season. It needs positive
	// data.
	Multiplicative
)

// String returns "additive" or "multiplicative".
func (k SeasonKind) String() string {
	switch k {
	case Additive:
		return "additive"
	case Multiplicative:
		return "multiplicative"
	}
	return fmt.Sprintf("SeasonKind(%d)", int(k))
}

// Bounds of the smoothing parameters, as in statsmodels 0.13
// ExponentialSmoothing (phi in [0.8, 0.995]).
const (
	hwMinAlpha = 1e-4
	hwMinPhi   = 0.8
	hwMaxPhi   = 0.995
)

// HoltWinters is Holt-Winters exponential smoothing (Hyndman et al.,
// "Forecasting with Exponential Smoothing", 2008, §2.3 and §2.6), with an
// optional additive trend, optionally damped, and an additive or
// multiplicative season. For the damped additive trend with a
// multiplicative season the one-step forecast and updates are
//
//	ŷ_t = (ℓ_{t−1} + φ·b_{t−1}) · s_{t−m}
//	ℓ_t = α·y_t/s_{t−m} + (1−α)·(ℓ_{t−1} + φ·b_{t−1})
//	b_t = β·(ℓ_t − ℓ_{t−1}) + (1−β)·φ·b_{t−1}
//	s_t = γ·y_t/(ℓ_{t−1} + φ·b_{t−1}) + (1−γ)·s_{t−m}
//
// and the h-step forecast is (ℓ_n + (φ+φ²+…+φ^h)·b_n)·s_{n+h−m⌈h/m⌉};
// the additive season replaces products with sums and quotients with
// differences, no trend sets b = 0 and no damping sets φ = 1. These are
// statsmodels' recursions.
//
// # Fitting
//
// Fit starts from the initial states of the heuristic of Hyndman et al.
// §2.6 as statsmodels implements it (seasonal indices from a centred
// moving average over the first up to five seasons; level and trend from a
// line through the first ten deseasonalised values). A coarse grid over
// α, β, γ picks a starting point; then L-BFGS ([optimize.LBFGS]) minimises
// the in-sample sum of squared one-step errors jointly over α, β ≤ α,
// γ ≤ 1−α, φ ∈ [0.8, 0.995] (bounded through logistic transforms) and the
// initial level, trend and seasonal states, as statsmodels' default
// "estimated" initialisation does. The gradient is exact (forward-mode
// differentiation of the recursions), which is what makes fitting 414
// hourly series take seconds. Fit is deterministic. With HeuristicInit the
// initial states stay at the heuristic values.
//
// The error surface has local minima: like statsmodels, the damped
// multiplicative fit of airline-passengers up to 1958-12 settles at an SSE
// above that of the nested no-trend model. Comparing configurations by
// their in-sample fit is therefore unreliable; compare them by walk-forward
// error instead.
//
// Period is the seasonal period m: 0 means the series' frequency default
// ([forecast.Freq.Season]) and 1 means no season. A seasonal fit needs at
// least max(2m, 10+2⌊m/2⌋) values; a non-seasonal one at least 10. Fit
// fails on shorter series, on non-finite values, and on non-positive values
// with a multiplicative season. It panics if Period is negative or Seasonal
// is not Additive or Multiplicative.
//
// HoltWinters implements [forecast.Forecaster] and [forecast.Updater]:
// Update keeps the fitted α, β, γ, φ, re-initialises the states from the
// new history and runs the recursions over it.
type HoltWinters struct {
	// Period is the seasonal period; see above.
	Period int
	// Seasonal is Additive (the zero value) or Multiplicative.
	Seasonal SeasonKind
	// Trend adds an additive trend component.
	Trend bool
	// Damped damps the trend by φ (only with Trend).
	Damped bool
	// HeuristicInit keeps the initial states at the heuristic values
	// instead of optimising them with the smoothing parameters.
	HeuristicInit bool

	// Fitted parameters.
	alpha, beta, gamma, phi float64
	sse                     float64
	// States after the last observation; season[j] applies at time
	// n+j (mod m) where n is the history length.
	level, trend float64
	season       []float64
	m            int
	fitted       bool
	stale        bool // the last Update failed: the states are not for the current history

	// Workspace.
	y               []float64
	s0, work, gwork []float64
	l0, b0          float64
	// The fitted history and initial states, for Update.
	fitY, fitS0  []float64
	fitL0, fitB0 float64
}

// Params returns the fitted smoothing parameters α (level), β (trend),
// γ (season) and φ (damping), and the in-sample sum of squared one-step
// errors. β is 0 without a trend, γ without a season, and φ is 1 without
// damping. It returns NaN for all before a fit.
func (hw *HoltWinters) Params() (alpha, beta, gamma, phi, sse float64) {
	if !hw.fitted {
		n := math.NaN()
		return n, n, n, n, n
	}
	return hw.alpha, hw.beta, hw.gamma, hw.phi, hw.sse
}

// check validates s, sets hw.m (to fixedM when positive, else by the
// Period setting) and hw.y, and computes the heuristic initial states.
func (hw *HoltWinters) check(s *forecast.Series, fixedM int) error {
	if err := checkFinite(s, "hw"); err != nil {
		return err
	}
	if hw.Seasonal != Additive && hw.Seasonal != Multiplicative {
		panic(errSeasonKind)
	}
	if hw.Period < 0 {
		panic(errPeriod)
	}
	m := fixedM
	if m <= 0 {
		m = forecast.Season(hw.Period, s)
	}
	need := hwMinLength(m)
	if err := needLen(s, need, "hw"); err != nil {
		return err
	}
	if m > 1 && hw.Seasonal == Multiplicative {
		for i, v := range s.Values {
			if v <= 0 {
				return fmt.Errorf("models: %s: multiplicative season needs positive values; series %q value %d is %v", "hw", s.ID, i, v)
			}
		}
	}
	hw.m = m
	hw.y = append(hw.y[:0], s.Values...)
	return hw.initStates()
}

// initStates sets l0, b0 and s0 from hw.y with the heuristic of Hyndman
// et al. §2.6 as in statsmodels' _initialization_heuristic.
func (hw *HoltWinters) initStates() error {
	y, m := hw.y, hw.m
	hw.s0 = resize(hw.s0, m)
	adj := y
	if m > 1 {
		// Classical decomposition of the first k full seasons: its
		// indices are the initial seasonal states and its centred moving
		// average the deseasonalised series for the level and trend.
		minObs := 10 + 2*(m/2)
		k := min(5, len(y)/m)
		k = max(k, (minObs+m-1)/m)
		kind := features.Additive
		if hw.Seasonal == Multiplicative {
			kind = features.Multiplicative
		}
		d, err := features.Decompose(y[:m*k], m, kind)
		if err != nil {
			return fmt.Errorf("models: %s: initial states: %w", "hw", err)
		}
		copy(hw.s0, d.Indices)
		adj = adj[:0:0]
		for _, v := range d.Trend {
			if !math.IsNaN(v) {
				adj = append(adj, v)
			}
		}
		if len(adj) < 10 {
			return errors.New("models: holt-winters: too few values to initialise the states")
		}
	} else {
		hw.s0[0] = 0 // the non-seasonal recursions add a zero season
	}
	// Least-squares line through the first ten values at t = 1..10;
	// the level is its intercept at t = 0.
	var sy, sty float64
	for i := range 10 {
		sy += adj[i]
		sty += float64(i+1) * adj[i]
	}
	// Σt = 55, Σt² = 385, n = 10.
	slope := (10*sty - 55*sy) / (10*385 - 55*55)
	hw.l0 = (sy - slope*55) / 10
	hw.b0 = 0
	if hw.Trend {
		hw.b0 = slope
	}
	return nil
}

// filter runs the recursions over hw.y from the initial states l, b and
// s0 and returns the sum of squared one-step errors (MaxFloat64 when it is
// not finite). When keep is true it leaves the final states in hw.level,
// hw.trend and hw.season. It does not allocate.
func (hw *HoltWinters) filter(alpha, beta, gamma, phi, l, b float64, s0 []float64, keep bool) float64 {
	m := hw.m
	s := hw.work[:m]
	copy(s, s0)
	mult := hw.Seasonal == Multiplicative && m > 1
	var sse float64
	j := 0
	for _, y := range hw.y {
		lb := l + phi*b
		si := s[j]
		var yhat, ln float64
		if mult {
			yhat = lb * si
			ln = alpha*(y/si) + (1-alpha)*lb
			s[j] = gamma*(y/lb) + (1-gamma)*si
		} else {
			yhat = lb + si
			ln = alpha*(y-si) + (1-alpha)*lb
			s[j] = gamma*(y-lb) + (1-gamma)*si
		}
		e := y - yhat
		sse += e * e
		b = beta*(ln-l) + (1-beta)*phi*b
		l = ln
		if j++; j == m {
			j = 0
		}
	}
	if keep {
		hw.level, hw.trend = l, b
		hw.season = resize(hw.season, m)
		for i := range m {
			hw.season[i] = s[(j+i)%m]
		}
	}
	if math.IsNaN(sse) || math.IsInf(sse, 0) {
		return math.MaxFloat64
	}
	return sse
}

// Indices of the natural parameters in gradients.
const (
	pAlpha = iota
	pBeta
	pGamma
	pPhi
	pLevel
	pTrend
	pSeason // first of m initial seasonal states
)

// filterGrad is filter with forward-mode differentiation: it returns the
// sum of squared one-step errors and sets g (length pSeason+m) to its
// gradient with respect to α, β, γ, φ, ℓ_0, b_0 and s_0..s_{m−1}. Entries
// of parameters the model does not have are zero. It does not allocate.
func (hw *HoltWinters) filterGrad(alpha, beta, gamma, phi, l, b float64, s0, g []float64) float64 {
	m := hw.m
	P := pSeason + m
	trend, damped := hw.Trend, hw.Trend && hw.Damped
	seasonal := m > 1
	mult := hw.Seasonal == Multiplicative && seasonal
	s := hw.work[:m]
	copy(s, s0)
	w := hw.gwork[:6*P+m*P]
	clear(w)
	dl, db, dlb, dln, dsn, dbn := w[:P], w[P:2*P], w[2*P:3*P], w[3*P:4*P], w[4*P:5*P], w[5*P:6*P]
	ds := w[6*P:]
	clear(g[:P])
	dl[pLevel] = 1
	if trend {
		db[pTrend] = 1
	}
	if seasonal {
		for j := range m {
			ds[j*P+pSeason+j] = 1
		}
	}
	var sse float64
	j := 0
	for _, y := range hw.y {
		dsi := ds[j*P : (j+1)*P]
		lb := l + phi*b
		for k := range dlb {
			dlb[k] = dl[k] + phi*db[k]
		}
		if damped {
			dlb[pPhi] += b
		}
		si := s[j]
		var e, ln, sn float64
		if mult {
			e = y - lb*si
			c := -2 * e
			for k := range g[:P] {
				g[k] += c * (si*dlb[k] + lb*dsi[k])
			}
			ln = alpha*(y/si) + (1-alpha)*lb
			sn = gamma*(y/lb) + (1-gamma)*si
			ca, cg := -alpha*y/(si*si), -gamma*y/(lb*lb)
			for k := range dln {
				dln[k] = ca*dsi[k] + (1-alpha)*dlb[k]
				dsn[k] = cg*dlb[k] + (1-gamma)*dsi[k]
			}
			dln[pAlpha] += y/si - lb
			dsn[pGamma] += y/lb - si
		} else {
			e = y - lb - si
			c := -2 * e
			for k := range g[:P] {
				g[k] += c * (dlb[k] + dsi[k])
			}
			ln = alpha*(y-si) + (1-alpha)*lb
			sn = gamma*(y-lb) + (1-gamma)*si
			for k := range dln {
				dln[k] = -alpha*dsi[k] + (1-alpha)*dlb[k]
				dsn[k] = -gamma*dlb[k] + (1-gamma)*dsi[k]
			}
			dln[pAlpha] += y - si - lb
			dsn[pGamma] += y - lb - si
		}
		sse += e * e
		if trend {
			bn := beta*(ln-l) + (1-beta)*phi*b
			for k := range dbn {
				dbn[k] = beta*(dln[k]-dl[k]) + (1-beta)*phi*db[k]
			}
			dbn[pBeta] += ln - l - phi*b
			if damped {
				dbn[pPhi] += (1 - beta) * b
			}
			b = bn
			copy(db, dbn)
		}
		if seasonal {
			s[j] = sn
			copy(dsi, dsn)
		}
		l = ln
		copy(dl, dln)
		if j++; j == m {
			j = 0
		}
	}
	return sse
}

func logistic(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

func logit(u float64) float64 { return math.Log(u / (1 - u)) }

// hwParams maps the unconstrained search vector x to the natural
// parameters: α, β = α·σ(x_β), γ = (1−α)·σ(x_γ) and φ through logistic
// transforms, and the initial states as offsets from the heuristic ones
// scaled to the data.
type hwParams struct {
	hw                      *HoltWinters
	iBeta, iGamma, iPhi, iL int // indices into x, -1 when absent
	iB, iS                  int
	scale, norm             float64
	s0                      []float64 // decoded initial seasons
	gnat                    []float64
	// cache of the last evaluation
	lastX      []float64
	lastF      float64
	lastG      []float64
	haveCached bool
}

func (p *hwParams) decode(x []float64) (alpha, beta, gamma, phi, l, b float64) {
	hw := p.hw
	alpha = hwMinAlpha + (1-2*hwMinAlpha)*logistic(x[0])
	phi = 1
	if p.iBeta >= 0 {
		beta = alpha * logistic(x[p.iBeta])
	}
	if p.iGamma >= 0 {
		gamma = (1 - alpha) * logistic(x[p.iGamma])
	}
	if p.iPhi >= 0 {
		phi = hwMinPhi + (hwMaxPhi-hwMinPhi)*logistic(x[p.iPhi])
	}
	l, b = hw.l0, hw.b0
	copy(p.s0, hw.s0)
	if p.iL >= 0 {
		l += p.scale * x[p.iL]
		if p.iB >= 0 {
			b += p.scale / float64(hw.m) * x[p.iB]
		}
		if p.iS >= 0 {
			ss := p.scale
			if hw.Seasonal == Multiplicative {
				ss = 1
			}
			for j := range hw.m {
				p.s0[j] += 0.1 * ss * x[p.iS+j]
			}
		}
	}
	return
}

func (p *hwParams) sse(x []float64) float64 {
	a, b, g, f, l0, b0 := p.decode(x)
	return p.hw.filter(a, b, g, f, l0, b0, p.s0, false) / p.norm
}

// eval computes the objective and its gradient at x, caching the result.
func (p *hwParams) eval(x []float64) {
	if p.haveCached && slices.Equal(x, p.lastX) {
		return
	}
	hw := p.hw
	a, b, g, f, l0, b0 := p.decode(x)
	sse := hw.filterGrad(a, b, g, f, l0, b0, p.s0, p.gnat)
	p.lastX = append(p.lastX[:0], x...)
	p.lastG = resize(p.lastG, len(x))
	p.haveCached = true
	if math.IsNaN(sse) || math.IsInf(sse, 0) {
		p.lastF = math.Inf(1)
		clear(p.lastG)
		return
	}
	p.lastF = sse / p.norm
	gn := p.gnat
	for i := range gn[:pSeason+hw.m] {
		gn[i] /= p.norm
	}
	gx := p.lastG
	clear(gx)
	sa := logistic(x[0])
	ja := (1 - 2*hwMinAlpha) * sa * (1 - sa)
	gx[0] = gn[pAlpha] * ja
	if p.iBeta >= 0 {
		sb := logistic(x[p.iBeta])
		gx[0] += gn[pBeta] * sb * ja
		gx[p.iBeta] = gn[pBeta] * a * sb * (1 - sb)
	}
	if p.iGamma >= 0 {
		sg := logistic(x[p.iGamma])
		gx[0] -= gn[pGamma] * sg * ja
		gx[p.iGamma] = gn[pGamma] * (1 - a) * sg * (1 - sg)
	}
	if p.iPhi >= 0 {
		sp := logistic(x[p.iPhi])
		gx[p.iPhi] = gn[pPhi] * (hwMaxPhi - hwMinPhi) * sp * (1 - sp)
	}
	if p.iL >= 0 {
		gx[p.iL] = gn[pLevel] * p.scale
		if p.iB >= 0 {
			gx[p.iB] = gn[pTrend] * p.scale / float64(hw.m)
		}
		if p.iS >= 0 {
			ss := p.scale
			if hw.Seasonal == Multiplicative {
				ss = 1
			}
			for j := range hw.m {
				gx[p.iS+j] = gn[pSeason+j] * 0.1 * ss
			}
		}
	}
}

// Fit estimates the parameters and states from s; see [HoltWinters].
func (hw *HoltWinters) Fit(ctx context.Context, s *forecast.Series) error {
	hw.fitted, hw.stale = false, false
	if err := hw.check(s, 0); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	m := hw.m
	P := pSeason + m
	hw.work = resize(hw.work, m)
	hw.gwork = resize(hw.gwork, 6*P+m*P)
	p := &hwParams{hw: hw, iBeta: -1, iGamma: -1, iPhi: -1, iL: -1, iB: -1, iS: -1,
		s0: make([]float64, m), gnat: make([]float64, P)}
	var scale float64
	for _, v := range hw.y {
		scale += math.Abs(v)
	}
	p.scale = scale / float64(len(hw.y))
	if p.scale == 0 {
		p.scale = 1
	}
	p.norm = float64(len(hw.y)) * p.scale * p.scale
	dim := 1
	if hw.Trend {
		p.iBeta = dim
		dim++
	}
	if m > 1 {
		p.iGamma = dim
		dim++
	}
	if hw.Trend && hw.Damped {
		p.iPhi = dim
		dim++
	}
	// Coarse grid over the smoothing parameters for a start.
	grid := []float64{logit(0.1), logit(0.3), logit(0.5), logit(0.7), logit(0.9)}
	sub := []float64{logit(0.05), logit(0.3), logit(0.7)}
	x := make([]float64, dim)
	best := make([]float64, dim)
	if p.iPhi >= 0 {
		x[p.iPhi] = logit(0.9) // φ ≈ 0.976
	}
	bestF := math.Inf(1)
	var walk func(d int)
	walk = func(d int) {
		if d == dim {
			if f := p.sse(x); f < bestF {
				bestF = f
				copy(best, x)
			}
			return
		}
		switch d {
		case 0:
			for _, v := range grid {
				x[0] = v
				walk(1)
			}
		case p.iPhi:
			walk(d + 1)
		default:
			for _, v := range sub {
				x[d] = v
				walk(d + 1)
			}
		}
	}
	walk(0)
	if !hw.HeuristicInit {
		p.iL = dim
		dim++
		if hw.Trend {
			p.iB = dim
			dim++
		}
		if m > 1 {
			p.iS = dim
			dim += m
		}
		best = append(best, make([]float64, dim-len(best))...)
	}
	prob := optimize.Problem{
		Func: func(x []float64) float64 { p.eval(x); return p.lastF },
		Grad: func(g, x []float64) { p.eval(x); copy(g, p.lastG) },
	}
	settings := &optimize.Settings{
		GradientThreshold: 1e-6,
		FuncEvaluations:   hwMaxEvals,
		Converger:         &optimize.FunctionConverge{Absolute: 1e-12, Relative: 1e-8, Iterations: 10},
	}
	xs := best
	res, err := optimize.Minimize(prob, best, settings, &optimize.LBFGS{})
	if res != nil && res.F <= bestF && !math.IsNaN(res.F) {
		xs = res.X
	} else if err != nil && res == nil {
		return fmt.Errorf("models: %s: series %q: %w", "hw", s.ID, err)
	}
	a, b, g, f, l0, b0 := p.decode(xs)
	hw.alpha, hw.beta, hw.gamma, hw.phi = a, b, g, f
	hw.l0, hw.b0 = l0, b0
	copy(hw.s0, p.s0)
	hw.sse = hw.filter(a, b, g, f, l0, b0, hw.s0, true)
	if hw.sse == math.MaxFloat64 {
		return fmt.Errorf("models: %s: series %q: the fit diverged", "hw", s.ID)
	}
	// Keep the fitted history and initial states for Update.
	hw.fitY = append(hw.fitY[:0], hw.y...)
	hw.fitL0, hw.fitB0 = l0, b0
	hw.fitS0 = append(hw.fitS0[:0], hw.s0...)
	hw.fitted = true
	return nil
}

// hwMaxEvals bounds the objective evaluations of one fit.
const hwMaxEvals = 2000

// Update conditions the fitted model on the history s with the same
// smoothing parameters and runs the recursions over s. When s extends the
// fitted history (same first values, as in an expanding window) the fitted
// initial states are kept, so Update on the fitted history itself
// reproduces the fit exactly; otherwise (a sliding window) the initial
// states are set by the heuristic on s. The period stays the fitted one.
// After a failed Update, Predict returns [forecast.ErrNotFitted] until an Update or
// Fit succeeds; the fitted parameters are kept.
func (hw *HoltWinters) Update(s *forecast.Series) error {
	if !hw.fitted {
		return forecast.ErrNotFitted
	}
	hw.stale = true
	if err := hw.check(s, hw.m); err != nil {
		return err
	}
	hw.work = resize(hw.work, hw.m)
	if len(hw.y) >= len(hw.fitY) && slices.Equal(hw.y[:len(hw.fitY)], hw.fitY) {
		// Same start as the fitted history (an expanding window): keep
		// the fitted initial states.
		hw.l0, hw.b0 = hw.fitL0, hw.fitB0
		copy(hw.s0, hw.fitS0)
	}
	if hw.filter(hw.alpha, hw.beta, hw.gamma, hw.phi, hw.l0, hw.b0, hw.s0, true) == math.MaxFloat64 {
		return fmt.Errorf("models: %s: series %q: the filter diverged", "hw", s.ID)
	}
	hw.stale = false
	return nil
}

// Predict writes the h-step forecasts into dst. It does not allocate when
// dst has room for h values.
func (hw *HoltWinters) Predict(dst []float64, h int) ([]float64, error) {
	if !hw.fitted || hw.stale {
		return nil, forecast.ErrNotFitted
	}
	dst, err := predictDst(dst, h)
	if err != nil {
		return nil, err
	}
	mult := hw.Seasonal == Multiplicative && hw.m > 1
	damp := 0.0
	pw := 1.0
	for i := range dst {
		pw *= hw.phi
		damp += pw
		lb := hw.level + damp*hw.trend
		si := hw.season[i%hw.m]
		if mult {
			dst[i] = lb * si
		} else {
			dst[i] = lb + si
		}
	}
	return dst, nil
}

// hwMinLength is the shortest series [HoltWinters] fits with season m: 10
// values without a season; with one, whole seasons for the initial-state
// heuristic's decomposition, at least two and enough to hold its
// 10+2·⌊m/2⌋ observations.
func hwMinLength(m int) int {
	if m <= 1 {
		return 10
	}
	return m * max(2, (10+2*(m/2)+m-1)/m)
}
