package seq2one

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/tsforecast/tsforecast/features"
	"github.com/tsforecast/tsforecast/forecast"
)

// pipe is the fitted preprocessing pipeline and the last window: everything
// besides the weights that a forecast needs.
type pipe struct {
	ID        string    // the series' ID, for messages
	Season    int       // seasonal period, 1 for none
	LogT      bool      // log transform applied
	Indices   []float64 // seasonal indices on the (log) scale, nil when off
	Scale     float64   // divisor of the level-relative target
	CovNames  []string
	CovKnown  []bool // which covariates are known in advance (nil: none)
	CovScale  []features.Standard
	Fourier   int // sine/cosine pairs of the seasonal phase
	Calendar  []features.CalendarFeature
	Steps     int     // window length
	LevelSpan int     // values averaged for the window level
	Drift     float64 // mean one-step change of z in the training data
	Inputs    int     // inputs per step
	Horizon   int     // outputs of the direct head

	// State of the last window.
	N       int       // length of the history; its next value has index N
	LastZ   []float64 // transformed target at N-Steps..N-1
	LastCov []float64 // standardised covariates, Steps×len(CovNames)
	// Future holds the standardised values of the known covariates at the
	// steps after the last observation, step-major (F×known).
	Future    []float64
	FirstTime time.Time // first timestamp of the fitted history (zero if none)
	Freq      forecast.Freq
	// Start is the step of the current history's first value on the grid
	// of Freq anchored at FirstTime (0 after Fit; see Model.Update): the
	// value at index t of the history has seasonal phase (Start+t) mod
	// Season and the calendar time GridTime(FirstTime, Start+t).
	Start int
}

// shape returns the architecture of the networks of a pipeline.
func (p *pipe) shape(cfg Config) shape {
	return shape{cell: cfg.Cell, in: p.Inputs, hidden: cfg.Hidden, layers: cfg.Layers, out: p.Horizon, known: p.numKnown()}
}

// numKnown returns the number of known covariates.
func (p *pipe) numKnown() int { return countKnown(p.CovKnown) }

// futureLen returns the number of steps after the last observation that
// the known covariates have values for (0 without known covariates).
func (p *pipe) futureLen() int {
	if k := p.numKnown(); k > 0 {
		return len(p.Future) / k
	}
	return 0
}

// setCovariates sets LastCov and Future from the covariates of s, whose
// first n values are the history.
func (p *pipe) setCovariates(s *forecast.Series, n int) {
	nc := len(p.CovNames)
	p.LastCov = make([]float64, p.Steps*nc)
	kidx := knownIdx(p.CovKnown)
	F := 0
	for i, c := range kidx {
		f := len(s.Covariates[c].Values) - n
		if i == 0 || f < F {
			F = f
		}
	}
	F = min(F, maxHorizon)
	p.Future = make([]float64, F*len(kidx))
	for c := 0; c < nc; c++ {
		vals := s.Covariates[c].Values
		for j := 0; j < p.Steps; j++ {
			p.LastCov[j*nc+c] = p.CovScale[c].Transform(vals[n-p.Steps+j])
		}
	}
	for k, c := range kidx {
		vals := s.Covariates[c].Values
		for j := 0; j < F; j++ {
			p.Future[j*len(kidx)+k] = p.CovScale[c].Transform(vals[n+j])
		}
	}
}

// fitPipe fits the pipeline of cfg on s and returns it with the
// transformed series z and its standardised covariates (n×nc, row-major).
func fitPipe(cfg *Config, s *forecast.Series) (p pipe, z, cov []float64, err error) {
	y := s.Values
	n := len(y)
	p.ID = s.ID
	p.Freq = s.Freq
	if len(s.Times) > 0 {
		p.FirstTime = s.Times[0]
	}
	p.Season = forecast.Season(cfg.Season, s)
	if p.Season > maxSeason {
		return p, nil, nil, fmt.Errorf("seq2one: series %q: season %d, want at most %d", s.ID, p.Season, maxSeason)
	}
	if z, err = p.fitTransform(cfg, s); err != nil {
		return p, nil, nil, err
	}
	if err := p.fitWindow(cfg, n, s.ID); err != nil {
		return p, nil, nil, err
	}
	p.fitScale(z)
	if cov, err = p.fitCovariates(cfg, s); err != nil {
		return p, nil, nil, err
	}
	return p, z, cov, nil
}

// fitTransform chooses the log transform and the seasonal indices and
// returns the transformed series z.
func (p *pipe) fitTransform(cfg *Config, s *forecast.Series) ([]float64, error) {
	y := s.Values
	n := len(y)
	positive := true
	for _, v := range y {
		if v <= 0 {
			positive = false
			break
		}
	}
	switch cfg.Log {
	case On:
		if !positive {
			return nil, fmt.Errorf("seq2one: Log is On but series %q has a value ≤ 0", s.ID)
		}
		p.LogT = true
	case Auto:
		p.LogT = positive && multiplicative(y, p.Season)
	}
	z := make([]float64, n)
	for i, v := range y {
		if p.LogT {
			v = math.Log(v)
		}
		z[i] = v
	}

	useSN := false
	switch cfg.SeasonalNorm {
	case On:
		useSN = p.Season > 1
		if useSN && n < 2*p.Season {
			return nil, fmt.Errorf("seq2one: %w: SeasonalNorm needs two seasons (%d values), series %q has %d", forecast.ErrTooShort, 2*p.Season, s.ID, n)
		}
	case Auto:
		useSN = p.Season > 1 && n >= 2*p.Season && features.SeasonalityTest(z, p.Season)
	}
	if !useSN {
		return z, nil
	}
	// Estimate the indices from the most recent seasons only: seasonal
	// shapes drift, and the forecasts need the current one.
	st := 0
	if k := cfg.SeasonalSpan; k >= 0 {
		if k == 0 {
			k = defSeasonalSpan
		}
		st = max(0, n-max(k, 2)*p.Season)
	}
	d, err := features.Decompose(z[st:], p.Season, features.Additive)
	if err != nil {
		return nil, fmt.Errorf("seq2one: seasonal normalisation: %w", err)
	}
	idx := d.Indices
	if p.Season > longSeason {
		// Each of many indices averages a few noisy seasons: keep the
		// shape, not a season of noise (features.SmoothIndices).
		idx = features.SmoothIndices(nil, idx, remainderSD(d.Remainder)/math.Sqrt(float64(n-st)/float64(p.Season)))
	}
	p.Indices = make([]float64, p.Season)
	for i, v := range idx {
		p.Indices[(st+i)%p.Season] = v
	}
	for i := range z {
		z[i] -= p.Indices[i%p.Season]
	}
	return z, nil
}

// fitWindow sets the window length, the level span and the horizon of the
// direct head for a series of n values.
func (p *pipe) fitWindow(cfg *Config, n int, id string) error {
	p.Steps = cfg.Window
	if p.Steps == 0 {
		if p.Season > 1 {
			p.Steps = min(2*p.Season, max(p.Season+1, 200))
		} else {
			p.Steps = 12
		}
		p.Steps = max(2, min(p.Steps, n/3))
	}
	if n-p.Steps < 2 {
		return fmt.Errorf("seq2one: %w: series %q has %d values, window %d needs at least %d", forecast.ErrTooShort, id, n, p.Steps, p.Steps+2)
	}
	p.LevelSpan = cfg.LevelSpan
	if p.LevelSpan == 0 {
		p.LevelSpan = max(1, p.Season)
	}
	p.LevelSpan = min(p.LevelSpan, p.Steps)

	// The default horizon leaves room for minAutoTrain training windows
	// besides a validation tail of its own length; any horizon leaves at
	// least two windows.
	H := cfg.Horizon
	if H == 0 {
		H = min(defaultHorizon(p.Season), (n-p.Steps-minAutoTrain+1)/2)
	}
	p.Horizon = max(1, min(H, n-p.Steps-1))
	return nil
}

// defaultHorizon returns the default number of outputs of the direct head
// for season m: two seasons, at least 8 (and at most the cap).
func defaultHorizon(m int) int { return min(maxHorizon, max(8, 2*m)) }

// fitScale sets the drift and the scale: the mean and the standard
// deviation of the one-step changes of z.
func (p *pipe) fitScale(z []float64) {
	n := len(z)
	var ss, mean float64
	for i := 1; i < n; i++ {
		mean += z[i] - z[i-1]
	}
	mean /= float64(n - 1)
	for i := 1; i < n; i++ {
		d := z[i] - z[i-1] - mean
		ss += d * d
	}
	p.Drift = mean
	p.Scale = math.Sqrt(ss / float64(n-1))
	if !(p.Scale > 1e-12) || !finite(p.Scale) {
		p.Scale = 1
	}
}

// fitCovariates fits the covariate scalers and the phase inputs and
// returns the standardised covariates.
func (p *pipe) fitCovariates(cfg *Config, s *forecast.Series) ([]float64, error) {
	n := len(s.Values)
	var cov [][]float64
	if !cfg.NoCovariates {
		if len(s.Covariates) > maxCovariates {
			return nil, fmt.Errorf("seq2one: series %q has %d covariates, at most %d can be read", s.ID, len(s.Covariates), maxCovariates)
		}
		for _, c := range s.Covariates {
			// Scaled by the history: a known covariate's future values
			// do not move its scale.
			var st features.Standard
			if err := st.Fit(c.Values[:n]); err != nil {
				return nil, fmt.Errorf("seq2one: covariate %q: %w", c.Name, err)
			}
			p.CovNames = append(p.CovNames, c.Name)
			p.CovKnown = append(p.CovKnown, c.Known)
			p.CovScale = append(p.CovScale, st)
			cov = append(cov, c.Values[:n])
		}
		if !slices.Contains(p.CovKnown, true) {
			p.CovKnown = nil
		}
	}
	nc := len(p.CovNames)
	flat := make([]float64, n*nc)
	for j, c := range cov {
		for i, v := range c {
			flat[i*nc+j] = p.CovScale[j].Transform(v)
		}
	}

	p.Fourier = cfg.Fourier
	if p.Fourier == 0 && p.Season > 1 {
		p.Fourier = 1
	}
	p.Fourier = max(0, p.Fourier)
	if cfg.Calendar != Off && len(s.Times) > 0 && s.Freq != forecast.Step {
		for _, f := range s.Freq.Calendar() {
			if p.Fourier > 0 && calendarPeriod(f, s.Freq) == p.Season {
				continue // the Fourier terms already carry this phase
			}
			p.Calendar = append(p.Calendar, f)
		}
	}
	p.Inputs = 1 + nc + 2*p.Fourier + 2*len(p.Calendar)
	return flat, nil
}

// calendarPeriod returns the length in steps of freq of the cycle of f, or
// 0 when it is not a whole number of steps.
func calendarPeriod(f features.CalendarFeature, freq forecast.Freq) int {
	switch {
	case f == features.HourOfDay && freq == forecast.Hourly:
		return 24
	case f == features.DayOfWeek && freq == forecast.Hourly:
		return 168
	case f == features.DayOfWeek && freq == forecast.Daily:
		return 7
	case f == features.MinuteOfHour && freq == forecast.Minutely:
		return 60
	case f == features.MonthOfYear && freq == forecast.Monthly:
		return 12
	case f == features.MonthOfYear && freq == forecast.Quarterly:
		return 4
	}
	return 0
}

// checkSeries reports NaN/Inf values and mismatched covariates.
func checkSeries(s *forecast.Series, noCov bool) error {
	for i, v := range s.Values {
		if !finite(v) {
			return fmt.Errorf("seq2one: series %q: non-finite value %v at index %d", s.ID, v, i)
		}
	}
	if len(s.Times) != 0 && len(s.Times) != len(s.Values) {
		return fmt.Errorf("seq2one: series %q has %d times for %d values", s.ID, len(s.Times), len(s.Values))
	}
	if noCov {
		return nil
	}
	for _, c := range s.Covariates {
		if len(c.Values) != len(s.Values) && !(c.Known && len(c.Values) > len(s.Values)) {
			return fmt.Errorf("seq2one: series %q: covariate %q has %d values, want %d", s.ID, c.Name, len(c.Values), len(s.Values))
		}
		for i, v := range c.Values {
			if !finite(v) {
				return fmt.Errorf("seq2one: series %q: covariate %q: non-finite value %v at index %d", s.ID, c.Name, v, i)
			}
		}
	}
	return nil
}

// multiplicative reports whether a multiplicative classical decomposition
// of the positive series y with period m fits better (smaller sum of squared
// residuals y − trend·season, in the units of y) than an additive one
// (y − trend − season). It reports false without a season or when y is
// shorter than two seasons.
func multiplicative(y []float64, m int) bool {
	if m < 2 || len(y) < 2*m {
		return false
	}
	add, err := features.Decompose(y, m, features.Additive)
	if err != nil {
		return false
	}
	mul, err := features.Decompose(y, m, features.Multiplicative)
	if err != nil {
		return false
	}
	var sa, sm float64
	for i, v := range y {
		tr := add.Trend[i]
		if math.IsNaN(tr) {
			continue
		}
		ea := v - tr - add.Seasonal[i]
		em := v - mul.Trend[i]*mul.Seasonal[i]
		sa += ea * ea
		sm += em * em
	}
	return sm < sa
}

// fillInputs writes the network inputs of a window to x (Steps×Inputs):
// zwin holds the transformed target at times t0..t0+Steps-1, cov(j) the
// standardised covariates of step j.
func (p *pipe) fillInputs(x, zwin []float64, t0 int, cov func(j int) []float64) {
	I := p.Inputs
	level := p.level(zwin)
	for j, zv := range zwin {
		p.fillRow(x[j*I:(j+1)*I], zv, level, t0+j, cov(j))
	}
}

// fillRow writes the inputs of the step at time t to row (Inputs values):
// its transformed value zv relative to the window's level, its
// standardised covariates cov and the phases of the value that follows it,
// so the last step of a window carries the phases of the first forecast.
func (p *pipe) fillRow(row []float64, zv, level float64, t int, cov []float64) {
	inv := 1 / p.Scale
	nc := len(p.CovNames)
	row[0] = (zv - level) * inv
	copy(row[1:1+nc], cov)
	if p.Fourier > 0 {
		features.Fourier(row[1+nc:1+nc+2*p.Fourier], p.Start+t+1, float64(p.Season), p.Fourier)
	}
	if len(p.Calendar) > 0 {
		features.Calendar(row[1+nc+2*p.Fourier:], p.timeAt(t+1), p.Calendar)
	}
}

// timeAt returns the calendar time of index t of the current history.
func (p *pipe) timeAt(t int) time.Time {
	return p.Freq.GridTime(p.FirstTime, int64(p.Start+t))
}

// phase returns the seasonal phase of index t of the current history.
func (p *pipe) phase(t int) int {
	return ((p.Start+t)%p.Season + p.Season) % p.Season
}

// level returns the reference level of a window: the mean of its last
// LevelSpan values, moved forward by the drift over the (LevelSpan−1)/2
// steps the mean lags the window's end. Inputs are taken relative to it,
// so the network sees the same numbers at every level of a trending
// series.
func (p *pipe) level(zwin []float64) float64 {
	k := min(max(p.LevelSpan, 1), len(zwin))
	var s float64
	for _, v := range zwin[len(zwin)-k:] {
		s += v
	}
	return s/float64(k) + p.Drift*float64(k-1)/2
}

// baseline writes to b the forecasts that the network's outputs correct,
// for the window zwin: the window's level carried forward, each step the
// level of the window extended by the baseline so far,
//
//	b_k = mean(w_{L+k−K}, …, w_{L+k−1}) + d·(K−1)/2,   w_{L+j} = b_j,
//
// with K = LevelSpan and d the drift. A network that outputs zero
// forecasts b: a trend that fades as the extended window fills with its
// own values (the forecast of the one-step recursion of a network that
// outputs zero). It does not allocate.
func (p *pipe) baseline(b, zwin []float64) {
	L := len(zwin)
	K := min(max(p.LevelSpan, 1), L)
	var sum float64
	for _, v := range zwin[L-K:] {
		sum += v
	}
	lag := p.Drift * float64(K-1) / 2
	for k := range b {
		b[k] = sum/float64(K) + lag
		// The window slides: b_k enters, the oldest of the K leaves.
		out := 0.0
		if j := L - K + k; j < L {
			out = zwin[j]
		} else {
			out = b[k-K]
		}
		sum += b[k] - out
	}
}

// inverse maps a transformed value at time t back to the series' units.
func (p *pipe) inverse(z float64, t int) float64 {
	if p.Indices != nil {
		z += p.Indices[p.phase(t)]
	}
	if p.LogT {
		return math.Exp(z)
	}
	return z
}

// transform maps a value at time t to the network's scale.
func (p *pipe) transform(v float64, t int) float64 {
	if p.LogT {
		v = math.Log(v)
	}
	if p.Indices != nil {
		v -= p.Indices[p.phase(t)]
	}
	return v
}

// longSeason is the longest season whose seasonal indices are used as
// estimated; longer ones (a year of days, a week of hours) are smoothed.
// Up to it (hours of a day, months, quarters) the indices are left as they
// were validated on M4 Hourly and the tourism data.
const longSeason = 24

// remainderSD returns the standard deviation of the finite values of r
// (the remainder of a classical decomposition, NaN at its ends).
func remainderSD(r []float64) float64 {
	var n, s, ss float64
	for _, v := range r {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			n++
			s += v
			ss += v * v
		}
	}
	if n < 2 {
		return 0
	}
	mean := s / n
	return math.Sqrt(max(0, (ss-n*mean*mean)/(n-1)))
}
