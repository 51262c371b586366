package seq2one

import (
	"context"
	"fmt"
	"io"
	"math"
	"time"

	"github.com/tsforecast/tsforecast/features"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/internal/kern"
)

// errNotFitted is returned by Predict, Update and Save before Fit (or
// after a failed one).
var errNotFitted = fmt.Errorf("seq2one: %w", forecast.ErrNotFitted)

// Model is a sequence-to-one recurrent forecaster. Create it with [New],
// train it with [Model.Fit] and forecast with [Model.Predict]. It implements
// [forecast.Forecaster] and [forecast.Updater].
//
// A Model is not safe for concurrent use; Fit itself uses Config.Workers
// goroutines.
type Model struct {
	cfg Config
	pipe
	ens  []engine // ensemble members, nil before Fit
	hist []EpochStats

	// Predict buffers.
	x    []float64
	zwin []float64
}

// pipe is the fitted preprocessing pipeline and the last window: everything
// besides the weights that a forecast needs.
type pipe struct {
	Season    int       // seasonal period, 1 for none
	LogT      bool      // log transform applied
	Indices   []float64 // seasonal indices on the (log) scale, nil when off
	Scale     float64   // divisor of the level-relative target
	CovNames  []string
	CovScale  []features.Standard
	Fourier   int // sine/cosine pairs of the seasonal phase
	Calendar  []features.CalendarFeature
	Steps     int     // window length
	LevelSpan int     // values averaged for the window level
	Drift     float64 // mean one-step change of z in the training data
	Inputs    int     // inputs per step

	// State of the last window.
	N         int       // length of the history; its next value has index N
	LastZ     []float64 // transformed target at N-Steps..N-1
	LastCov   []float64 // standardised covariates, Steps×len(CovNames)
	FirstTime time.Time // first timestamp of the history (zero if none)
	Freq      forecast.Freq
}

// New returns an unfitted model with the settings of cfg (nil means all
// defaults). cfg is copied.
func New(cfg *Config) *Model {
	return &Model{cfg: cfg.withDefaults()}
}

// Config returns the model's settings with defaults applied.
func (m *Model) Config() Config { return m.cfg }

// Season returns the seasonal period the fitted model uses (1 for none),
// or 0 before Fit.
func (m *Model) Season() int { return m.pipe.Season }

// Window returns the window length of the fitted model, or 0 before Fit.
func (m *Model) Window() int { return m.pipe.Steps }

// History returns a copy of the per-epoch statistics of the last Fit, for
// every ensemble member in turn (EpochStats.Member); within a member, the
// epoch whose weights were kept is the last with Best set.
func (m *Model) History() []EpochStats { return append([]EpochStats(nil), m.hist...) }

// Fit trains the model on s. It returns an error for a series with NaN or
// Inf values, one too short for the window, or training that diverged
// before learning anything usable ([*DivergenceError]). When ctx is
// cancelled Fit returns ctx.Err() and the model keeps the best weights so
// far, ready to forecast. s is not modified.
func (m *Model) Fit(ctx context.Context, s *forecast.Series) error {
	m.ens, m.hist = nil, nil
	cfg := m.cfg
	if err := cfg.validate(); err != nil {
		return err
	}
	if s == nil || len(s.Values) == 0 {
		return fmt.Errorf("seq2one: %w: empty series", forecast.ErrTooShort)
	}
	if err := checkSeries(s, cfg.NoCovariates); err != nil {
		return err
	}
	t0 := time.Now()
	y := s.Values
	n := len(y)
	var p pipe
	p.Freq = s.Freq
	if len(s.Times) > 0 {
		p.FirstTime = s.Times[0]
	}

	// Season.
	p.Season = forecast.Season(cfg.Season, s)

	// Log transform.
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
			return fmt.Errorf("seq2one: Log is On but series %q has a value ≤ 0", s.ID)
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

	// Seasonal normalisation.
	useSN := false
	switch cfg.SeasonalNorm {
	case On:
		useSN = p.Season > 1
		if useSN && n < 2*p.Season {
			return fmt.Errorf("seq2one: %w: SeasonalNorm needs two seasons (%d values), series %q has %d", forecast.ErrTooShort, 2*p.Season, s.ID, n)
		}
	case Auto:
		useSN = p.Season > 1 && n >= 2*p.Season && features.SeasonalityTest(z, p.Season)
	}
	if useSN {
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
			return fmt.Errorf("seq2one: seasonal normalisation: %w", err)
		}
		p.Indices = make([]float64, p.Season)
		for i, v := range d.Indices {
			p.Indices[(st+i)%p.Season] = v
		}
		for i := range z {
			z[i] -= p.Indices[i%p.Season]
		}
	}

	// Window.
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
		return fmt.Errorf("seq2one: %w: series %q has %d values, window %d needs at least %d", forecast.ErrTooShort, s.ID, n, p.Steps, p.Steps+2)
	}

	// Scale: standard deviation of the one-step changes of z.
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

	// Covariates.
	var cov [][]float64
	if !cfg.NoCovariates {
		for _, c := range s.Covariates {
			var st features.Standard
			if err := st.Fit(c.Values); err != nil {
				return fmt.Errorf("seq2one: covariate %q: %w", c.Name, err)
			}
			p.CovNames = append(p.CovNames, c.Name)
			p.CovScale = append(p.CovScale, st)
			cov = append(cov, c.Values)
		}
	}
	nc := len(p.CovNames)
	covFlat := make([]float64, n*nc)
	for j, c := range cov {
		for i, v := range c {
			covFlat[i*nc+j] = p.CovScale[j].Transform(v)
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
	p.LevelSpan = cfg.LevelSpan
	if p.LevelSpan == 0 {
		p.LevelSpan = max(1, p.Season)
	}
	p.LevelSpan = min(p.LevelSpan, p.Steps)

	// Windows: chronological split.
	nw := n - p.Steps
	nVal := 0
	switch vf := cfg.ValFraction; {
	case vf > 0:
		nVal = int(math.Round(float64(nw) * vf))
	case vf == 0:
		if k := int(math.Round(float64(nw) * defVal)); k >= minAutoVal {
			nVal = k
		}
	}
	nVal = min(nVal, nw-1)
	trainIdx := make([]int, nw-nVal)
	for i := range trainIdx {
		trainIdx[i] = i
	}
	valIdx := make([]int, nVal)
	for i := range valIdx {
		valIdx[i] = nw - nVal + i
	}
	src := &seriesSource{p: &p, z: z, cov: covFlat}

	sh := shape{cell: cfg.Cell, in: p.Inputs, hidden: cfg.Hidden, layers: cfg.Layers}
	members := cfg.Ensemble
	if members == 0 {
		members = 1
		if nw < smallData {
			members = defSmallEnsemble
		}
	}
	ens, hist, err := trainEnsemble(ctx, members, func(k int) member {
		return member{eng: newEngine(sh, p.Steps, cfg, k), src: src}
	}, trainIdx, valIdx, t0)
	m.hist = hist
	if ens == nil {
		return err
	}
	m.ens = ens
	p.N = n
	p.LastZ = append([]float64(nil), z[n-p.Steps:]...)
	p.LastCov = append([]float64(nil), covFlat[(n-p.Steps)*nc:]...)
	m.pipe = p
	m.x = make([]float64, p.Steps*p.Inputs)
	m.zwin = make([]float64, p.Steps)
	return err
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
		if len(c.Values) != len(s.Values) {
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
// zwin holds the transformed target at times t0..t0+Steps-1, cov the
// standardised covariates of those times (or of the last observed time),
// covRow(t) giving the row for time t.
func (p *pipe) fillInputs(x, zwin []float64, t0 int, cov func(i int) []float64) {
	I := p.Inputs
	level := p.level(zwin)
	inv := 1 / p.Scale
	nc := len(p.CovNames)
	for j, zv := range zwin {
		row := x[j*I : (j+1)*I]
		row[0] = (zv - level) * inv
		if nc > 0 {
			copy(row[1:1+nc], cov(j))
		}
		// Phases of the value that follows step j: the last step carries
		// the phase of the forecast target.
		if p.Fourier > 0 {
			features.Fourier(row[1+nc:1+nc+2*p.Fourier], t0+j+1, float64(p.Season), p.Fourier)
		}
		if len(p.Calendar) > 0 {
			features.Calendar(row[1+nc+2*p.Fourier:], p.Freq.Add(p.FirstTime, t0+j+1), p.Calendar)
		}
	}
}

// seriesSource serves the windows of one transformed series.
type seriesSource struct {
	p   *pipe
	z   []float64 // transformed target
	cov []float64 // n×nc standardised covariates
}

func (s *seriesSource) Len() int { return len(s.z) - s.p.Steps }

func (s *seriesSource) Window(i int, x []float64) float64 {
	L := s.p.Steps
	nc := len(s.p.CovNames)
	zwin := s.z[i : i+L]
	s.p.fillInputs(x, zwin, i, func(j int) []float64 {
		return s.cov[(i+j)*nc : (i+j+1)*nc]
	})
	return (s.z[i+L] - s.p.level(zwin)) / s.p.Scale
}

// level returns the reference level of a window: the mean of its last
// LevelSpan values. Inputs and target are taken relative to it, so the
// network sees the same numbers at every level of a trending series.
func (p *pipe) level(zwin []float64) float64 {
	k := min(max(p.LevelSpan, 1), len(zwin))
	var s float64
	for _, v := range zwin[len(zwin)-k:] {
		s += v
	}
	// The mean lags the last value by (k−1)/2 steps of the trend.
	return s/float64(k) + p.Drift*float64(k-1)/2
}

// Predict writes forecasts of the next h values, in the units of the
// series, to dst (allocated when nil or too short) and returns dst[:h].
// Steps beyond the first feed the forecasts back; covariates keep their last
// observed values. It returns ErrNotFitted before Fit and an error if a
// forecast is not finite (which a fitted model with finite weights cannot
// produce short of overflow in the inverse log transform). It does not
// allocate when dst has room for h values.
func (m *Model) Predict(dst []float64, h int) ([]float64, error) {
	if m.ens == nil {
		return nil, errNotFitted
	}
	if h < 0 {
		return nil, fmt.Errorf("seq2one: negative horizon %d", h)
	}
	if cap(dst) < h {
		dst = make([]float64, h)
	}
	dst = dst[:h]
	p := &m.pipe
	L := p.Steps
	nc := len(p.CovNames)
	copy(m.zwin, p.LastZ)
	for k := 0; k < h; k++ {
		t0 := p.N - L + k
		p.fillInputs(m.x, m.zwin, t0, func(j int) []float64 {
			r := min(j+k, L-1)
			return p.LastCov[r*nc : (r+1)*nc]
		})
		var out float64
		for _, e := range m.ens {
			out += e.predict(m.x)
		}
		out /= float64(len(m.ens))
		zn := p.level(m.zwin) + out*p.Scale
		copy(m.zwin, m.zwin[1:])
		m.zwin[L-1] = zn
		v := p.inverse(zn, p.N+k)
		if !finite(v) {
			return nil, fmt.Errorf("seq2one: forecast %d of %d is %v (overflow in the inverse transform)", k+1, h, v)
		}
		dst[k] = v
	}
	return dst, nil
}

// inverse maps a transformed value at time t back to the series' units.
func (p *pipe) inverse(z float64, t int) float64 {
	if p.Indices != nil {
		z += p.Indices[t%p.Season]
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
		v -= p.Indices[t%p.Season]
	}
	return v
}

// Update conditions the fitted model on a new history s without changing
// its weights or its fitted transforms: later forecasts start after the
// last value of s. s must start where the history given to Fit started (as
// in a walk-forward run), have the same covariates and at least Window
// values. s is not modified.
func (m *Model) Update(s *forecast.Series) error {
	if m.ens == nil {
		return errNotFitted
	}
	if s == nil {
		return fmt.Errorf("seq2one: Update with nil series")
	}
	p := &m.pipe
	if err := checkSeries(s, m.cfg.NoCovariates); err != nil {
		return err
	}
	n := len(s.Values)
	if n < p.Steps {
		return fmt.Errorf("seq2one: %w: Update: series %q has %d values, window is %d", forecast.ErrTooShort, s.ID, n, p.Steps)
	}
	if !p.FirstTime.IsZero() && len(s.Times) > 0 && !s.Times[0].Equal(p.FirstTime) {
		return fmt.Errorf("seq2one: Update: history starts at %v, the fitted one at %v; seasonal phases would not align", s.Times[0], p.FirstTime)
	}
	nc := len(p.CovNames)
	if !m.cfg.NoCovariates && len(s.Covariates) != nc {
		return fmt.Errorf("seq2one: Update: series %q has %d covariates, the model was fitted with %d", s.ID, len(s.Covariates), nc)
	}
	z := make([]float64, p.Steps)
	for j := range z {
		t := n - p.Steps + j
		v := s.Values[t]
		if p.LogT && v <= 0 {
			return fmt.Errorf("seq2one: Update: series %q: value %v at index %d is not positive (the model uses a log transform)", s.ID, v, t)
		}
		z[j] = p.transform(v, t)
	}
	cov := make([]float64, p.Steps*nc)
	for c := 0; c < nc; c++ {
		vals := s.Covariates[c].Values
		for j := 0; j < p.Steps; j++ {
			cov[j*nc+c] = p.CovScale[c].Transform(vals[n-p.Steps+j])
		}
	}
	p.N = n
	p.LastZ = z
	p.LastCov = cov
	return nil
}

// engine is the trained network behind a Model, in float32 or float64.
type engine interface {
	train(ctx context.Context, src windowSource, trainIdx, valIdx []int, t0 time.Time) ([]EpochStats, error)
	// predict returns the network output for one window (Steps×Inputs).
	predict(x []float64) float64
	// predictTo writes the outputs of a multi-output network to y.
	predictTo(x, y []float64)
	writeParams(w io.Writer) error
	readParams(r io.Reader) error
	float64s() bool
}

type netEngine[T kern.Float] struct {
	tr *trainer[T]
	ws *workspace[T]
}

// newEngine returns the network of ensemble member k (seeded cfg.Seed+k),
// in float64 when cfg.Float64 is set and float32 otherwise.
func newEngine(s shape, steps int, cfg Config, k int) engine {
	cfg.Seed += uint64(k)
	if cfg.Float64 {
		return newNetEngine[float64](s, steps, cfg, k)
	}
	return newNetEngine[float32](s, steps, cfg, k)
}

func newNetEngine[T kern.Float](s shape, steps int, cfg Config, member int) *netEngine[T] {
	tr := newTrainer[T](s, steps, cfg)
	tr.member = member
	return &netEngine[T]{tr: tr, ws: newWorkspace[T](s, 1, steps)}
}

func (e *netEngine[T]) train(ctx context.Context, src windowSource, trainIdx, valIdx []int, t0 time.Time) ([]EpochStats, error) {
	return e.tr.train(ctx, src, trainIdx, valIdx, t0)
}

func (e *netEngine[T]) predict(x []float64) float64 {
	for i, v := range x {
		e.ws.x[i] = T(v)
	}
	forward(e.tr.pv, nil, e.ws, 1)
	return float64(e.ws.y[0])
}

func (e *netEngine[T]) float64s() bool {
	var z T
	_, ok := any(z).(float64)
	return ok
}
