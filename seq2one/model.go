package seq2one

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/internal/kern"
)

// errNotFitted is returned by Predict, Update and Save before Fit (or
// after a failed one).
var errNotFitted = fmt.Errorf("seq2one: %w", forecast.ErrNotFitted)

// Model is a recurrent forecaster of one series. Create it with [New],
// train it with [Model.Fit] and forecast with [Model.Predict]. It
// implements [forecast.Forecaster] and [forecast.Updater].
//
// A Model is not safe for concurrent use; Fit itself uses Config.Workers
// goroutines.
type Model struct {
	cfg Config
	pipe
	ens  []engine // ensemble members, nil before Fit
	hist []EpochStats

	// Predict buffers.
	row  []float64 // inputs of one step
	crow []float64 // covariates of one step
	kn   []float64 // known covariates of the head
	zwin []float64 // the window, on the transformed scale
	y    []float64 // one member's outputs, then the baseline
	acc  []float64 // sum of the members' outputs
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

// Horizon returns the number of steps the fitted model forecasts at once
// (the outputs of its direct head), or 0 before Fit.
func (m *Model) Horizon() int { return m.pipe.Horizon }

// History returns a copy of the per-epoch statistics of the last Fit, for
// every ensemble member in turn (EpochStats.Member); within a member, the
// epoch whose weights were kept is the last with Best set (epoch 0: the
// untrained network, which forecasts the baseline).
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
	p, z, cov, err := fitPipe(&cfg, s)
	if err != nil {
		return err
	}
	ens, hist, err := m.train(ctx, &p, z, cov, t0)
	m.hist = hist
	if ens == nil {
		return err
	}
	n := len(z)
	p.N = n
	p.LastZ = append([]float64(nil), z[n-p.Steps:]...)
	p.setCovariates(s, n)
	m.pipe = p
	m.ens = ens
	m.alloc()
	return err
}

// train trains the ensemble on the windows of z, holding the end of the
// history out for early stopping (see Config.ValFraction). Every member
// starts from a network that forecasts the baseline, so early stopping
// can keep it untrained.
func (m *Model) train(ctx context.Context, p *pipe, z, cov []float64, t0 time.Time) ([]engine, []EpochStats, error) {
	cfg := m.cfg
	src := newSeriesSource(p, z, cov)
	trainIdx, valIdx := src.split(cfg.ValFraction)
	members := cfg.Ensemble
	if members == 0 {
		members = 1
		if src.Len() < smallData {
			members = defSmallEnsemble
		}
	}
	sh := p.shape(cfg)
	wk := src.knownHead(trainIdx)
	return trainEnsemble(ctx, members, func(k int) member {
		e := newEngine(sh, p.Steps, cfg, k)
		e.startAtBaseline()
		if wk != nil {
			e.setKnownHead(wk)
		}
		return member{eng: e, src: src}
	}, trainIdx, valIdx, t0)
}

// Freq returns the frequency of the series the model was fitted on
// (forecast.Step before Fit).
func (m *Model) Freq() forecast.Freq { return m.pipe.Freq }

func (m *Model) alloc() {
	m.row = make([]float64, m.Inputs)
	m.crow = make([]float64, len(m.CovNames))
	m.kn = make([]float64, m.numKnown()*m.outs())
	m.zwin = make([]float64, m.Steps)
	m.y = make([]float64, m.outs())
	m.acc = make([]float64, m.outs())
}

// Predict writes forecasts of the next h values, in the units of the
// series, to dst (allocated when nil or too short) and returns dst[:h].
// The networks forecast Horizon steps at once, as corrections of the
// baseline, and the ensemble averages them; longer horizons feed those
// forecasts back into the window, one block at a time.
//
// Past covariates are read over the window only, so a model that reads
// them forecasts at most Horizon steps: beyond, Predict returns an error
// wrapping [ErrPastCovariates]. Known covariates need their values at
// the h steps ahead (from the series given to Fit or Update); without
// them it returns an error wrapping forecast.ErrFutureMissing.
//
// It returns ErrNotFitted before Fit and an error if a forecast is not
// finite (which a fitted model with finite weights cannot produce short
// of overflow in the inverse log transform). It does not allocate when
// dst has room for h values.
func (m *Model) Predict(dst []float64, h int) ([]float64, error) {
	if m.ens == nil {
		return nil, errNotFitted
	}
	if h < 0 {
		return nil, fmt.Errorf("seq2one: negative horizon %d", h)
	}
	p := &m.pipe
	L := p.Steps
	H := p.outs()
	nc := len(p.CovNames)
	nk := p.numKnown()
	if h > H && hasPast(normKnown(p.CovKnown, nc)) {
		return nil, fmt.Errorf("%w: it forecasts %d steps at most, %d asked", ErrPastCovariates, H, h)
	}
	if F := p.futureLen(); nk > 0 && h > F {
		return nil, p.futureError(F, h)
	}
	if cap(dst) < h {
		dst = make([]float64, h)
	}
	dst = dst[:h]
	copy(m.zwin, p.LastZ)
	for done := 0; done < h; done += H {
		// The members read the window in step, one step of state each.
		level := p.level(m.zwin)
		for _, e := range m.ens {
			e.reset()
		}
		for j, zv := range m.zwin {
			p.fillRow(m.row, zv, level, p.N-L+done+j, p.covAt(m.crow, done+j))
			for _, e := range m.ens {
				e.step(m.row)
			}
		}
		p.headKnown(m.kn, done)
		clear(m.acc)
		for _, e := range m.ens {
			e.output(m.kn, m.y)
			for k, v := range m.y {
				m.acc[k] += v
			}
		}
		p.baseline(m.y, m.zwin)
		sc := p.Scale / float64(len(m.ens))
		for k := range m.acc {
			m.acc[k] = m.y[k] + m.acc[k]*sc
		}
		for k := 0; k < H && done+k < h; k++ {
			v := p.inverse(m.acc[k], p.N+done+k)
			if !finite(v) {
				return nil, fmt.Errorf("seq2one: forecast %d of %d is %v (overflow in the inverse transform)", done+k+1, h, v)
			}
			dst[done+k] = v
		}
		// The block's forecasts continue the window.
		if H < L {
			copy(m.zwin, m.zwin[H:])
			copy(m.zwin[L-H:], m.acc)
		} else {
			copy(m.zwin, m.acc[H-L:])
		}
	}
	return dst, nil
}

// covAt returns the standardised covariates at step j of the window that
// ends d steps after the last observation (j = 0 … Steps−1), in buf: the
// observed ones, or after the last observation the future values of the
// known ones (past ones are never needed there; see Predict).
func (p *pipe) covAt(buf []float64, j int) []float64 {
	nc := len(p.CovNames)
	L := p.Steps
	if j < L {
		return p.LastCov[j*nc : (j+1)*nc]
	}
	nk := p.numKnown()
	f := j - L // steps after the last observation
	k := 0
	for c, known := range p.CovKnown {
		if known {
			buf[c] = p.Future[f*nk+k]
			k++
		}
	}
	return buf
}

// headKnown writes to kn the known covariates of the head for the block
// starting done steps after the last observation (covariate-major);
// steps beyond the future values given (outputs that a forecast of h
// steps discards) read 0, the covariate's mean.
func (p *pipe) headKnown(kn []float64, done int) {
	nk := p.numKnown()
	if nk == 0 {
		return
	}
	O := p.outs()
	F := p.futureLen()
	for k := 0; k < nk; k++ {
		for j := 0; j < O; j++ {
			v := 0.0
			if f := done + j; f < F {
				v = p.Future[f*nk+k]
			}
			kn[k*O+j] = v
		}
	}
}

// futureError is the error of a forecast of h steps when the known
// covariates have values for F steps.
func (p *pipe) futureError(F, h int) error {
	var names []string
	for _, c := range knownIdx(p.CovKnown) {
		names = append(names, p.CovNames[c])
	}
	return futureError(p.ID, names, F, h, func(k int) (time.Time, bool) {
		if p.FirstTime.IsZero() || p.Freq == forecast.Step {
			return time.Time{}, false
		}
		return p.timeAt(p.N + k - 1), true
	})
}

// Update conditions the fitted model on a new history s without changing
// its weights or its fitted transforms: later forecasts start after the
// last value of s. s must have the covariates the model was fitted with
// and at least Window values. s is not modified.
//
// Seasonal phases and calendar features follow the timestamps: a history
// with timestamps may start at any step of the grid of the fitted
// history's frequency (a rolling file that drops its oldest rows as new
// ones come), and its value at index t takes the phase of grid step k+t,
// k the grid step of its first timestamp. A history that starts off that
// grid gets a [*PhaseError], one of another frequency an error naming
// both. A history without timestamps (or a model fitted on one) is taken
// to start where the fitted history started.
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
	start, err := p.gridStart(s)
	if err != nil {
		return err
	}
	if err := sameCovariates(s, p.CovNames, p.CovKnown, m.cfg.NoCovariates); err != nil {
		return fmt.Errorf("seq2one: Update: %w", err)
	}
	next := *p
	next.Start = start
	z := make([]float64, p.Steps)
	for j := range z {
		t := n - p.Steps + j
		v := s.Values[t]
		if p.LogT && v <= 0 {
			return fmt.Errorf("seq2one: Update: series %q: value %v at index %d is not positive (the model uses a log transform)", s.ID, v, t)
		}
		z[j] = next.transform(v, t)
	}
	next.setCovariates(s, n)
	next.ID = s.ID
	next.N = n
	next.LastZ = z
	*p = next
	return nil
}

// PhaseError is returned by [Model.Update] for a history whose first
// timestamp is not a step of the calendar grid of the fitted history, so
// that its seasonal phases and calendar features cannot be aligned.
type PhaseError struct {
	// Start is the first timestamp of the new history, Fitted that of the
	// history the model was fitted on.
	Start, Fitted time.Time
	// Freq is the frequency of the fitted history.
	Freq forecast.Freq
}

func (e *PhaseError) Error() string {
	return fmt.Sprintf("seq2one: Update: the history starts at %s, which is not a whole number of %s steps from the start of the fitted history (%s); seasonal phases would not align",
		e.Start.Format(time.RFC3339Nano), e.Freq, e.Fitted.Format(time.RFC3339Nano))
}

// gridStart returns the grid step of the first timestamp of s on the grid
// of the fitted history (see Model.Update).
func (p *pipe) gridStart(s *forecast.Series) (int, error) {
	if p.FirstTime.IsZero() || len(s.Times) == 0 {
		return 0, nil
	}
	if s.Freq != p.Freq {
		return 0, fmt.Errorf("seq2one: Update: series %q is %s data, the model was fitted on %s data", s.ID, s.Freq, p.Freq)
	}
	t0 := s.Times[0]
	if p.Freq == forecast.Step {
		// Timestamps off any calendar grid: only the fitted start aligns.
		if !t0.Equal(p.FirstTime) {
			return 0, &PhaseError{Start: t0, Fitted: p.FirstTime, Freq: p.Freq}
		}
		return 0, nil
	}
	k, ok := p.Freq.GridIndex(p.FirstTime, t0)
	if !ok || k < -maxHistory || k > maxHistory {
		return 0, &PhaseError{Start: t0, Fitted: p.FirstTime, Freq: p.Freq}
	}
	return int(k), nil
}

// engine is a trained network, in float32 or float64.
type engine interface {
	train(ctx context.Context, src windowSource, trainIdx, valIdx []int, t0 time.Time) ([]EpochStats, error)
	// startAtBaseline zeroes the head, so the untrained network outputs
	// zero, and makes it a candidate of early stopping (epoch 0).
	startAtBaseline()
	// setKnownHead sets the head's weights of the known covariates
	// (known×outs).
	setKnownHead(wk []float64)
	// reset starts a window, step feeds the inputs of its next step and
	// output writes the outputs for the steps fed, given the known
	// covariates of the head (nil without them): a forecast holds one
	// step of state, not the window's.
	reset()
	step(x []float64)
	output(kn, y []float64)
	// predictTo writes the outputs for the window x (steps×inputs) to y.
	predictTo(x, kn, y []float64)
	writeParams(w io.Writer) error
	float64s() bool
}

// netEngine is a network: its weights, the trainer that fits them (nil
// once trained, or for a loaded network) and the state of a forecast.
type netEngine[T kern.Float] struct {
	s      shape
	params []T
	pv     views[T]
	tr     *trainer[T]
	inf    *infer[T]
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
	return &netEngine[T]{s: s, params: tr.params, pv: tr.pv, tr: tr, inf: newInfer[T](s)}
}

func (e *netEngine[T]) train(ctx context.Context, src windowSource, trainIdx, valIdx []int, t0 time.Time) ([]EpochStats, error) {
	h, err := e.tr.train(ctx, src, trainIdx, valIdx, t0)
	// The best weights are in e.params; the optimiser's state is not
	// needed any more.
	e.tr = nil
	return h, err
}

func (e *netEngine[T]) startAtBaseline() {
	clear(e.pv.wy)
	clear(e.pv.by)
	clear(e.pv.wk)
	e.tr.evalInit = true
}

// setKnownHead sets the head's weights of the known covariates.
func (e *netEngine[T]) setKnownHead(wk []float64) {
	for i, v := range wk {
		e.pv.wk[i] = T(v)
	}
}

func (e *netEngine[T]) reset()           { e.inf.reset() }
func (e *netEngine[T]) step(x []float64) { e.inf.step(e.pv, x) }
func (e *netEngine[T]) output(kn, y []float64) {
	e.inf.output(e.pv, kn, y)
}

func (e *netEngine[T]) predictTo(x, kn, y []float64) {
	in := e.s.in
	e.inf.reset()
	for t := 0; t+in <= len(x); t += in {
		e.inf.step(e.pv, x[t:t+in])
	}
	e.inf.output(e.pv, kn, y)
}

func (e *netEngine[T]) float64s() bool {
	var z T
	_, ok := any(z).(float64)
	return ok
}
