// Package linear fits direct multi-horizon linear forecasters by ridge
// regression in closed form: each of the next H values of a series is a
// linear function of its last L values, of the last values of its past
// covariates, and of its future-known covariates.
//
// # Model
//
// For a series y with future-known covariates x_1..x_k, the effect of the
// known covariates is estimated first, by least squares on first
// differences pooled over the series (Δy_t = Σ_j γ_j Δx_{j,t}, each
// series' rows divided by its scale so that every series weighs the
// same), as a regression with ARIMA errors differences its regressors.
// The rest, r = y − Σ_j γ_j x_j, is divided by its scale s (the mean
// absolute first difference of r) and forecast directly: for an origin t,
//
//	(r_{t+h} − r_t)/s = b_h + Σ_{i<L} w_{h,i} (r_{t−i} − r_t)/s + Σ_c Σ_{i<Lp} v_{h,c,i} z_{c,t−i}
//
// for h = 1..H, where z_c is past covariate c standardised by its mean
// and standard deviation over the series' history. Subtracting the last
// value makes the model level-free (NLinear of Zeng et al., "Are
// Transformers Effective for Time Series Forecasting?", AAAI 2023), and
// the ridge penalty shrinks it towards the naive forecast. All H outputs
// share one Gram matrix, so each penalty costs one Cholesky factorisation:
// W(λ) = (XᵀX + λI)⁻¹ XᵀY.
//
// # Selection
//
// The window length L (the season, or 4 without one, doubled up to a
// two thirds of the longest series) and the penalty
// λ (relative to the mean eigenvalue) are chosen by the mean squared error
// on the last windows of each series, after fitting on the windows whose
// targets end before them; the chosen model is then refitted on every
// window. Past covariates enter with Lp = min(L, PastWindow) lags.
package linear

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"

	"gonum.org/v1/gonum/mat"
)

// Series is one series to fit or forecast from.
type Series struct {
	// Y holds the values.
	Y []float64
	// Past holds the past covariates, len(Y) values each.
	Past [][]float64
	// Known holds the future-known covariates: len(Y) values each for a
	// fit, and len(Y)+h to forecast h steps.
	Known [][]float64
}

// Settings configure [Fit]. Zero values choose.
type Settings struct {
	// Horizon is the number of steps the model forecasts directly (H ≥ 1).
	Horizon int
	// Season is the seasonal period; candidate windows are multiples of
	// it (of 4 without a season).
	Season int
	// Window fixes L; 0 chooses it.
	Window int
	// PastWindow caps the lags of past covariates; 0 means
	// max(2·Season, 16).
	PastWindow int
	// Lambda fixes the relative penalty (the penalty over the mean
	// eigenvalue of the Gram matrix); 0 chooses it.
	Lambda float64
	// Transform chooses the scale the model is fitted on.
	Transform Transform
}

// Transform is the scale a model is fitted on.
type Transform int

const (
	// Both fits a model on each scale (Identity and Log) and forecasts
	// the mean of their forecasts: on validation splits of the tourism
	// data the mean was never far from the better scale, which differed
	// between frequencies and splits, while choosing one scale by the
	// errors on a held-out horizon picked the worse one as often as not.
	// Without Log (a value not above −μ) it is Identity.
	Both Transform = iota
	// Identity fits the values themselves.
	Identity
	// Log fits log(1 + y/μ), μ the mean absolute value of each series'
	// history: for values well above μ, seasonal and known-covariate
	// effects then multiply the level as on a log scale, and zeros stay
	// finite. Values must be above −μ. The forecast is transformed back
	// (a median forecast).
	Log
)

// Errors.
var (
	// ErrTooShort: no candidate window leaves enough windows to fit and
	// validate on.
	ErrTooShort = errors.New("linear: series too short")
	// ErrKnown: a future-known covariate lacks values over the horizon.
	ErrKnown = errors.New("linear: future values of a known covariate missing")
	// ErrNonPositive: a value not above zero under Settings.Log.
	ErrNonPositive = errors.New("linear: value too negative for a log model")
)

// Limits of the design.
const (
	// MaxWindow bounds L.
	MaxWindow = 1024
	// MaxFeatures bounds the columns of the design matrix.
	MaxFeatures = 4096
	// minWindows is the least number of windows to fit on.
	minWindows = 8
)

// lambdas are the relative penalties tried.
var lambdas = []float64{1e-4, 1e-3, 1e-2, 0.1, 1, 10}

// Model is a fitted linear forecaster: the mean of the forecasts of its
// fits on each scale.
type Model struct {
	// H is the horizon.
	H int
	// Scales holds the fit on each scale: one, or two for [Both].
	Scales []*Scale
}

// Scale is the model fitted on one scale.
type Scale struct {
	// H, L and Lp are the horizon, the window and the past covariates'
	// lags; Lambda the relative penalty; Log whether it models logs.
	H, L, Lp int
	Lambda   float64
	Log      bool
	// Gamma holds the effects of the known covariates.
	Gamma []float64
	// ValMSE is the validation mean squared error (on the scaled data) of
	// the chosen settings, or NaN when they were fixed.
	ValMSE float64

	nPast int
	w     *mat.Dense // p × H
	xMean []float64  // p
	yMean []float64  // H
}

// prepared is one series made ready for windows: the scaled remainder z
// and the standardised past covariates.
type prepared struct {
	z    []float64
	past [][]float64
	sc   float64
}

// Fit fits a model on series.
func Fit(series []Series, set Settings) (*Model, error) {
	if err := checkAll(series, set.Horizon); err != nil {
		return nil, err
	}
	m := &Model{H: set.Horizon}
	var scales []Transform
	switch set.Transform {
	case Both:
		scales = []Transform{Identity}
		if loggable(series) {
			scales = append(scales, Log)
		}
	case Identity, Log:
		scales = []Transform{set.Transform}
	default:
		panic("linear: unknown transform")
	}
	m.Scales = make([]*Scale, len(scales))
	errs := make([]error, len(scales))
	// The scales are independent fits, one per core.
	var wg sync.WaitGroup
	for i, t := range scales {
		set := set
		set.Transform = t
		wg.Go(func() { m.Scales[i], errs[i] = fitScale(series, set) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return m, nil
}

// Refit fits the model's scales, windows and penalties on series.
func (m *Model) Refit(series []Series) (*Model, error) {
	if err := checkAll(series, m.H); err != nil {
		return nil, err
	}
	out := &Model{H: m.H}
	for _, f := range m.Scales {
		t := Identity
		if f.Log {
			t = Log
		}
		g, err := fitScale(series, Settings{Horizon: m.H, Window: f.L, PastWindow: f.Lp, Lambda: f.Lambda, Transform: t})
		if err != nil {
			return nil, err
		}
		out.Scales = append(out.Scales, g)
	}
	return out, nil
}

// loggable reports whether every value is above −μ of its series, as
// [Log] needs.
func loggable(series []Series) bool {
	for _, s := range series {
		mu := logScale(s.Y)
		for _, v := range s.Y {
			if !(v > -mu) {
				return false
			}
		}
	}
	return true
}

// checkAll validates the series and settings of a fit.
func checkAll(series []Series, H int) error {
	if H < 1 {
		return fmt.Errorf("linear: horizon %d < 1", H)
	}
	if len(series) == 0 {
		return fmt.Errorf("%w: no series", ErrTooShort)
	}
	nPast, nKnown := len(series[0].Past), len(series[0].Known)
	for i, s := range series {
		if len(s.Past) != nPast || len(s.Known) != nKnown {
			return fmt.Errorf("linear: series %d has %d past and %d known covariates, series 0 %d and %d", i, len(s.Past), len(s.Known), nPast, nKnown)
		}
		if err := check(s, 0); err != nil {
			return fmt.Errorf("linear: series %d: %w", i, err)
		}
	}
	return nil
}

// fitScale fits the model on one scale, set.Transform.
func fitScale(series []Series, set Settings) (*Scale, error) {
	H, nPast := set.Horizon, len(series[0].Past)
	m := &Scale{H: H, nPast: nPast, ValMSE: math.NaN(), Log: set.Transform == Log}
	if m.Log {
		logs := make([]Series, len(series))
		for i, s := range series {
			y, _, err := logOf(s.Y)
			if err != nil {
				return nil, fmt.Errorf("linear: series %d: %w", i, err)
			}
			logs[i] = Series{Y: y, Past: s.Past, Known: s.Known}
		}
		series = logs
	}
	m.Gamma = knownEffects(series)
	ps := make([]prepared, len(series))
	for i, s := range series {
		ps[i] = m.prepare(s, len(s.Y))
	}

	season := max(set.Season, 1)
	base := season
	if base < 2 {
		base = 4
	}
	var windows []int
	if set.Window > 0 {
		windows = []int{min(set.Window, MaxWindow)}
	} else {
		// Windows up to two thirds of the longest series: longer ones
		// leave too few windows to tell them apart on.
		longest := 0
		for _, s := range series {
			longest = max(longest, len(s.Y))
		}
		most := min(MaxWindow, max(base, 2*longest/3))
		for L := base; L <= most; L *= 2 {
			windows = append(windows, L)
		}
	}
	pastCap := set.PastWindow
	if pastCap <= 0 {
		pastCap = max(2*season, 16)
	}
	var lams []float64
	if set.Lambda > 0 {
		lams = []float64{set.Lambda}
	} else {
		lams = lambdas
	}

	bestL, bestLam, bestErr := 0, 0.0, math.Inf(1)
	if len(windows) == 1 && len(lams) == 1 {
		bestL, bestLam = windows[0], lams[0]
		if nWindows(ps, bestL, H, 0) < minWindows {
			return nil, fmt.Errorf("%w: window %d and horizon %d leave fewer than %d windows", ErrTooShort, bestL, H, minWindows)
		}
	} else {
		for _, L := range windows {
			Lp := min(L, pastCap)
			if L+nPast*Lp > MaxFeatures {
				break
			}
			val := valWindows(ps, L, H)
			if val == 0 || nWindows(ps, L, H, val+H) < minWindows {
				continue
			}
			e, lam := m.validate(ps, L, Lp, val, lams)
			if e < bestErr {
				bestL, bestLam, bestErr = L, lam, e
			}
		}
		if bestL == 0 {
			return nil, fmt.Errorf("%w: no window of %v leaves %d windows to fit and some to validate on, for horizon %d", ErrTooShort, windows, minWindows, H)
		}
		m.ValMSE = bestErr
	}
	m.L, m.Lp, m.Lambda = bestL, min(bestL, pastCap), bestLam
	X, Y := m.design(ps, 0, 0)
	if err := m.solve(X, Y); err != nil {
		return nil, err
	}
	return m, nil
}

// logOf returns log(1 + y/μ) of y, with μ = [logScale](y), and μ; every
// value must be above −μ.
func logOf(y []float64) ([]float64, float64, error) {
	mu := logScale(y)
	out := make([]float64, len(y))
	for t, v := range y {
		if !(v > -mu) {
			return nil, 0, fmt.Errorf("%w: value %d is %v", ErrNonPositive, t, v)
		}
		out[t] = math.Log1p(v / mu)
	}
	return out, mu, nil
}

// logScale is the mean absolute value of y, or 1 when it is 0.
func logScale(y []float64) float64 {
	mu := 0.0
	for _, v := range y {
		mu += math.Abs(v)
	}
	mu /= float64(len(y))
	if mu == 0 || math.IsNaN(mu) {
		mu = 1
	}
	return mu
}

// check validates s for a fit (h = 0) or an h-step forecast.
func check(s Series, h int) error {
	n := len(s.Y)
	if n == 0 {
		return fmt.Errorf("%w: no values", ErrTooShort)
	}
	for _, p := range s.Past {
		if len(p) != n {
			return fmt.Errorf("linear: past covariate of %d values for %d", len(p), n)
		}
	}
	for _, k := range s.Known {
		if len(k) < n+h {
			if h == 0 {
				return fmt.Errorf("linear: known covariate of %d values for %d", len(k), n)
			}
			return fmt.Errorf("%w: %d future values for a horizon of %d", ErrKnown, len(k)-n, h)
		}
	}
	return nil
}

// knownEffects estimates γ by least squares on first differences pooled
// over the series, each series' rows divided by the mean absolute
// difference of its values, with a tiny ridge for columns that never
// change.
func knownEffects(series []Series) []float64 {
	k := len(series[0].Known)
	if k == 0 {
		return nil
	}
	a := mat.NewSymDense(k, nil)
	b := make([]float64, k)
	dx := make([]float64, k)
	for _, s := range series {
		n := len(s.Y)
		sc := meanAbsDiff(s.Y)
		if sc == 0 {
			sc = 1
		}
		for t := 1; t < n; t++ {
			dy := (s.Y[t] - s.Y[t-1]) / sc
			for j, x := range s.Known {
				dx[j] = (x[t] - x[t-1]) / sc
			}
			for i := range k {
				b[i] += dx[i] * dy
				for j := i; j < k; j++ {
					a.SetSym(i, j, a.At(i, j)+dx[i]*dx[j])
				}
			}
		}
	}
	tr := 0.0
	for i := range k {
		tr += a.At(i, i)
	}
	ridge := 1e-8*tr/float64(k) + 1e-12
	for i := range k {
		a.SetSym(i, i, a.At(i, i)+ridge)
	}
	var ch mat.Cholesky
	if !ch.Factorize(a) {
		return make([]float64, k)
	}
	g := mat.NewVecDense(k, nil)
	if err := ch.SolveVecTo(g, mat.NewVecDense(k, b)); err != nil {
		return make([]float64, k)
	}
	return g.RawVector().Data
}

// meanAbsDiff returns the mean absolute first difference of x, or 0.
func meanAbsDiff(x []float64) float64 {
	if len(x) < 2 {
		return 0
	}
	s := 0.0
	for t := 1; t < len(x); t++ {
		s += math.Abs(x[t] - x[t-1])
	}
	return s / float64(len(x)-1)
}

// prepare scales the first n values of s.
func (m *Scale) prepare(s Series, n int) prepared {
	r := make([]float64, n)
	copy(r, s.Y[:n])
	for j, x := range s.Known {
		for t := range r {
			r[t] -= m.Gamma[j] * x[t]
		}
	}
	sc := meanAbsDiff(r)
	if sc == 0 || math.IsNaN(sc) {
		sc = 1
	}
	p := prepared{z: r, sc: sc}
	for t := range r {
		r[t] /= sc
	}
	for _, c := range s.Past {
		mu, sd := meanSD(c[:n])
		z := make([]float64, n)
		for t := range z {
			z[t] = (c[t] - mu) / sd
		}
		p.past = append(p.past, z)
	}
	return p
}

// meanSD returns the mean and standard deviation of x (1 for a constant).
func meanSD(x []float64) (mu, sd float64) {
	for _, v := range x {
		mu += v
	}
	mu /= float64(len(x))
	for _, v := range x {
		sd += (v - mu) * (v - mu)
	}
	sd = math.Sqrt(sd / float64(len(x)))
	if sd == 0 || math.IsNaN(sd) {
		sd = 1
	}
	return mu, sd
}

// valWindows is the number of origins of each series held out for
// validation: a quarter of the windows of the median series, at most
// max(2H, minVal), at least 1 (0 when it has fewer than 2 windows).
// Shorter series give what they have.
func valWindows(ps []prepared, L, H int) int {
	counts := make([]int, len(ps))
	for i, p := range ps {
		counts[i] = len(p.z) - L - H + 1
	}
	slices.Sort(counts)
	med := counts[len(counts)/2]
	if med < 2 {
		return 0
	}
	return max(1, min(med/4, max(2*H, minVal)))
}

// minVal is the number of validation origins a long series gives at
// least: on the validation months of ETTh1 (bench/etth1) 1,000 origins
// instead of 2H chose windows and penalties whose validation MSE at
// horizon 96 was 0.091 instead of 0.107, and the same at 192.
const minVal = 1000

// nWindows counts the windows of length L with H targets of every
// series, leaving out the last skip origins of each.
func nWindows(ps []prepared, L, H, skip int) int {
	n := 0
	for _, p := range ps {
		n += max(0, len(p.z)-L-H+1-skip)
	}
	return n
}

// features writes the inputs of the window ending at t of p.
func (m *Scale) features(dst []float64, p *prepared, L, Lp, t int) {
	zt := p.z[t]
	for i := range L {
		dst[i] = p.z[t-L+1+i] - zt
	}
	k := L
	for _, c := range p.past {
		copy(dst[k:k+Lp], c[t-Lp+1:t+1])
		k += Lp
	}
}

// maxGram bounds the work of a Gram matrix, rows × columns²: beyond it
// the windows are thinned to every k-th origin, counted back from the
// last so that the newest is always in. Neighbouring windows overlap in
// all but one value, so thinning costs little information, and it keeps
// a fit of 17,000 hourly values with a window of 1,024 to seconds.
const maxGram = 2e9

// maxRows bounds the windows of a design the same way, so that its memory,
// rows × (inputs + horizon) values, stays near 100 MB however many series
// are fitted together (0.33M windows of 414 hourly series took 1.07 GB of
// RSS for the two scales' fits).
const maxRows = 200_000

// design returns the inputs and targets of the windows of every series,
// leaving out the last skip origins of each; from > 0 keeps only the last
// from origins (of those left).
func (m *Scale) design(ps []prepared, skip, from int) (*mat.Dense, *mat.Dense) {
	return m.designLp(ps, m.L, m.Lp, skip, from)
}

func (m *Scale) designLp(ps []prepared, L, Lp, skip, from int) (*mat.Dense, *mat.Dense) {
	H := m.H
	p := L + m.nPast*Lp
	count := func(q *prepared) int {
		k := max(0, len(q.z)-L-H+1-skip)
		if from > 0 {
			k = min(k, from)
		}
		return k
	}
	all := 0
	for qi := range ps {
		all += count(&ps[qi])
	}
	stride := max(1, int(math.Ceil(float64(all)*float64(p)*float64(p)/maxGram)), (all+maxRows-1)/maxRows)
	rows := 0
	for qi := range ps {
		rows += (count(&ps[qi]) + stride - 1) / stride
	}
	X := mat.NewDense(max(rows, 1), p, nil)
	Y := mat.NewDense(max(rows, 1), H, nil)
	r := 0
	for qi := range ps {
		q := &ps[qi]
		last := len(q.z) - H - 1 - skip // the last origin
		first := last - count(q) + 1
		for t := last; t >= first; t -= stride {
			m.features(X.RawRowView(r), q, L, Lp, t)
			y := Y.RawRowView(r)
			for h := range y {
				y[h] = q.z[t+1+h] - q.z[t]
			}
			r++
		}
	}
	return X, Y
}

// validate fits on the windows before the last val origins of each
// series (and whose targets end before them) and returns the lowest mean
// squared error on those origins over lams, and its λ.
func (m *Scale) validate(ps []prepared, L, Lp, val int, lams []float64) (float64, float64) {
	Xt, Yt := m.designLp(ps, L, Lp, val+m.H-1, 0)
	Xv, Yv := m.designLp(ps, L, Lp, 0, val)
	xm, ym := center(Xt, Yt)
	subMeans(Xv, xm)
	subMeans(Yv, ym)
	A, mean := gram(Xt)
	p := A.SymmetricDim()
	var B mat.Dense
	B.Mul(Xt.T(), Yt)
	best, bestLam := math.Inf(1), 0.0
	nv, H := Yv.Dims()
	pen := mat.NewSymDense(p, nil)
	var W, D mat.Dense
	var ch mat.Cholesky
	for _, lam := range lams {
		pen.CopySym(A)
		for i := range p {
			pen.SetSym(i, i, pen.At(i, i)+lam*mean)
		}
		if !ch.Factorize(pen) {
			continue
		}
		if err := ch.SolveTo(&W, &B); err != nil {
			continue
		}
		D.Mul(Xv, &W)
		D.Sub(&D, Yv)
		e := 0.0
		for _, v := range D.RawMatrix().Data {
			e += v * v
		}
		e /= float64(nv * H)
		if e < best {
			best, bestLam = e, lam
		}
	}
	return best, bestLam
}

// center subtracts the column means of X and Y and returns them.
func center(X, Y *mat.Dense) (xm, ym []float64) {
	return colMeans(X), colMeans(Y)
}

func colMeans(A *mat.Dense) []float64 {
	r, c := A.Dims()
	mu := make([]float64, c)
	for i := range r {
		for j, v := range A.RawRowView(i) {
			mu[j] += v
		}
	}
	for j := range mu {
		mu[j] /= float64(r)
	}
	subMeans(A, mu)
	return mu
}

func subMeans(A *mat.Dense, mu []float64) {
	r, _ := A.Dims()
	for i := range r {
		row := A.RawRowView(i)
		for j := range row {
			row[j] -= mu[j]
		}
	}
}

// gram returns XᵀX and its mean eigenvalue (the mean of its diagonal; 1
// when that is 0), the unit of the relative penalties.
func gram(X *mat.Dense) (*mat.SymDense, float64) {
	_, p := X.Dims()
	A := mat.NewSymDense(p, nil)
	A.SymOuterK(1, X.T())
	mean := 0.0
	for i := range p {
		mean += A.At(i, i)
	}
	mean /= float64(p)
	if mean == 0 {
		mean = 1
	}
	return A, mean
}

// solve fits the weights on X and Y with the chosen penalty.
func (m *Scale) solve(X, Y *mat.Dense) error {
	m.xMean, m.yMean = center(X, Y)
	A, mean := gram(X)
	p := A.SymmetricDim()
	for i := range p {
		A.SetSym(i, i, A.At(i, i)+m.Lambda*mean)
	}
	var ch mat.Cholesky
	if !ch.Factorize(A) {
		return errors.New("linear: the penalised Gram matrix is not positive definite")
	}
	var B mat.Dense
	B.Mul(X.T(), Y)
	m.w = mat.NewDense(p, m.H, nil)
	return ch.SolveTo(m.w, &B)
}

// Forecast writes the h-step forecast of s to dst (len h). Beyond the
// fitted horizon a model without past covariates forecasts recursively,
// from its own forecasts; one with past covariates fails, since their
// future is not known.
func (m *Model) Forecast(dst []float64, s Series, h int) error {
	if len(dst) != h {
		panic("linear: dst length differs from the horizon")
	}
	if err := m.Scales[0].forecast(dst, s, h); err != nil {
		return err
	}
	if len(m.Scales) == 1 {
		return nil
	}
	other := make([]float64, h)
	for _, f := range m.Scales[1:] {
		if err := f.forecast(other, s, h); err != nil {
			return err
		}
		for i, v := range other {
			dst[i] += v
		}
	}
	for i := range dst {
		dst[i] /= float64(len(m.Scales))
	}
	return nil
}

// forecast is Forecast on one scale.
func (m *Scale) forecast(dst []float64, s Series, h int) error {
	if len(s.Past) != m.nPast || len(s.Known) != len(m.Gamma) {
		return fmt.Errorf("linear: series has %d past and %d known covariates, the model %d and %d", len(s.Past), len(s.Known), m.nPast, len(m.Gamma))
	}
	if err := check(s, h); err != nil {
		return err
	}
	mu := 1.0
	if m.Log {
		y, scale, err := logOf(s.Y)
		if err != nil {
			return err
		}
		s.Y, mu = y, scale
	}
	n := len(s.Y)
	if h > m.H && m.nPast > 0 {
		return fmt.Errorf("linear: fitted for %d steps with past covariates, whose future is unknown: refit for %d", m.H, h)
	}
	p := m.prepare(s, n)
	if pad := m.L - n; pad > 0 {
		// A series shorter than the window (in a model fitted on many)
		// reads its first value before its start.
		p.z = append(slices.Repeat(p.z[:1], pad), p.z...)
		for c := range p.past {
			p.past[c] = append(slices.Repeat(p.past[c][:1], pad), p.past[c]...)
		}
		n = m.L
	}
	// Extend z by blocks of H forecasts.
	z := slices.Grow(p.z, h)
	x := make([]float64, m.L+m.nPast*m.Lp)
	yhat := make([]float64, m.H)
	out := z[n:n]
	for len(out) < h {
		t := len(z) - 1
		q := prepared{z: z, past: p.past}
		m.features(x, &q, m.L, m.Lp, t)
		for j := range x {
			x[j] -= m.xMean[j]
		}
		mat.NewVecDense(m.H, yhat).MulVec(m.w.T(), mat.NewVecDense(len(x), x))
		zt := z[t]
		for k := 0; k < m.H && len(out) < h; k++ {
			z = append(z, zt+yhat[k]+m.yMean[k])
			out = z[n:]
		}
	}
	n0 := len(s.Y)
	for k := range dst {
		v := out[k] * p.sc
		for j, xk := range s.Known {
			v += m.Gamma[j] * xk[n0+k]
		}
		if m.Log {
			v = mu * math.Expm1(v)
		}
		dst[k] = v
	}
	return nil
}
