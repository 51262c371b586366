package seq2one

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/tsforecast/tsforecast/features"
	"github.com/tsforecast/tsforecast/forecast"
)

// Global defaults, used where the Config field is zero; see [NewGlobal].
const (
	defGlobalHidden     = 64
	defGlobalBatch      = 64
	defGlobalEpochs     = 40
	defGlobalPatience   = 4
	defGlobalLR         = 0.002
	defGlobalSeasons    = 7
	defGlobalWindows    = 24000
	defGlobalEnsemble   = 3
	defGlobalIndexSpans = 4
	maxChunk            = 64
)

// Global is one network trained on windows of many series at once (a
// global model, as in the M4 winners): each series is normalised by its
// own log, level and seasonal indices, so series of any scale share the
// same weights, and a direct multi-output head forecasts a whole horizon
// in one pass. See the package documentation, "Global model".
type Global struct {
	cfg  Config
	gp   globalPipe
	ens  []engine
	hist []EpochStats
	x    []float64 // input window
	y    []float64 // network output
	acc  []float64 // ensemble sum
	zbuf []float64 // working window for forecasts beyond the horizon
}

// globalPipe is the fitted, serialisable state of a Global model.
type globalPipe struct {
	Season  int // m
	Chunk   int // values per network step (m when 2 ≤ m ≤ 64, else 1)
	Steps   int // network steps; the window is Steps·Chunk values
	Horizon int // outputs of the head
	Series  []globalSeries
	// Calib holds, per horizon step, the sorted scaled absolute
	// validation errors over the series (see [Global.Radius]).
	Calib [][]float64
	// Raw marks the ensemble members trained on windows with the seasonal
	// indices left in (see Config.SeasonalNorm); nil means none.
	Raw []bool
}

// raw reports whether member k reads windows with the seasonal indices
// left in.
func (p *globalPipe) raw(k int) bool { return k < len(p.Raw) && p.Raw[k] }

func (p *globalPipe) window() int { return p.Steps * p.Chunk }

// globalSeries is the per-series normalisation and forecast state.
type globalSeries struct {
	ID      string
	Log     bool      // z = log(y); otherwise z = y/Scale
	Scale   float64   // divisor of a series with non-positive values
	Indices []float64 // additive seasonal offsets of z by phase t mod Season, or nil
	N       int       // history length: the next value has phase N mod Season
	Last    []float64 // the last window of z, oldest first (padded for short series)
	// ErrScale is the MASE scale of the history (mean |y_t − y_{t−m}|),
	// which scales the series' intervals.
	ErrScale float64
}

// NewGlobal returns an unfitted global model with the settings of cfg (nil
// means all defaults); cfg is copied. The fields it reads, with the
// defaults used when they are zero:
//
//   - Season: the most common season of the series (the frequency's
//     conventional period, or the strongest one found by
//     [features.DetectPeriods]).
//   - Horizon: outputs of the direct head, 2·Season (at least 8). Longer
//     forecasts are built block by block.
//   - Window: 7 seasons, fewer for short series (at least one season),
//     rounded up to a whole number of seasons. The network reads it one
//     season per step (Season inputs per step, for seasons up to 64).
//   - Hidden 64, Layers 1, Cell LSTM; Batch 64, LearningRate 0.002,
//     Epochs 40 (at most), Patience 4, ClipNorm 1, WeightDecay 0.
//   - MaxWindows 24000: training windows per epoch, spread evenly over
//     the series and their histories.
//   - Ensemble 3: members trained with seeds Seed, Seed+1, … and averaged
//     on the normalised scale.
//   - Log Auto: log of each series whose values are all positive.
//   - SeasonalNorm: which windows the members read. Seasonal indices are
//     estimated for each series that passes [features.SeasonalityTest] (On:
//     for every series). With Auto, even members (0, 2, …) read windows
//     with the indices removed and odd members windows that keep the
//     seasonal pattern, so an ensemble averages two views of the data
//     whose errors differ; with On every member reads deseasonalised
//     windows, with Off none does.
//
// The loss is always MAE on the normalised scale, where it approximates
// half the sMAPE of the M4 competition. Other fields of Config (Fourier,
// Calendar, LevelSpan, ValFraction) do not apply to the global model.
func NewGlobal(cfg *Config) *Global {
	var c Config
	if cfg != nil {
		c = *cfg
	}
	if c.Hidden == 0 {
		c.Hidden = defGlobalHidden
	}
	if c.Batch == 0 {
		c.Batch = defGlobalBatch
	}
	if c.Epochs == 0 {
		c.Epochs = defGlobalEpochs
	}
	if c.Patience == 0 {
		c.Patience = defGlobalPatience
	}
	if c.LearningRate == 0 {
		c.LearningRate = defGlobalLR
	}
	if c.MaxWindows == 0 {
		c.MaxWindows = defGlobalWindows
	}
	if c.Ensemble == 0 {
		c.Ensemble = defGlobalEnsemble
	}
	c.Loss = MAE
	return &Global{cfg: c.withDefaults()}
}

// Config returns the settings of the model, defaults applied.
func (g *Global) Config() Config { return g.cfg }

// Season returns the season used (0 before Fit).
func (g *Global) Season() int { return g.gp.Season }

// Window returns the input window length in values (0 before Fit).
func (g *Global) Window() int { return g.gp.window() }

// Horizon returns the number of outputs of the direct head (0 before Fit).
func (g *Global) Horizon() int { return g.gp.Horizon }

// Len returns the number of series the model forecasts (0 before Fit).
func (g *Global) Len() int { return len(g.gp.Series) }

// IDs returns the IDs of the fitted series, in the order of Fit.
func (g *Global) IDs() []string {
	ids := make([]string, len(g.gp.Series))
	for i, s := range g.gp.Series {
		ids[i] = s.ID
	}
	return ids
}

// History returns the per-epoch statistics of the last Fit, members in
// turn.
func (g *Global) History() []EpochStats { return append([]EpochStats(nil), g.hist...) }

// ErrNoSeries is returned by [Global.Fit] for an empty list of series.
var ErrNoSeries = errors.New("seq2one: no series to fit")

// Fit trains the model on all series at once. The last Horizon values of
// every series long enough are held out for early stopping; windows are
// drawn from the rest on the fly, never materialised. Each series needs at
// least 2 values; series too short to give a training window are still
// forecast from what they have. On cancellation Fit returns ctx.Err() and
// keeps the best weights so far, as [Model.Fit] does.
func (g *Global) Fit(ctx context.Context, series []*forecast.Series) error {
	if len(series) == 0 {
		return ErrNoSeries
	}
	cfg := g.cfg
	if err := cfg.validate(); err != nil {
		return err
	}
	for _, s := range series {
		if s == nil {
			return errors.New("seq2one: nil series")
		}
		if err := checkSeries(s, true); err != nil {
			return fmt.Errorf("seq2one: series %q: %w", s.ID, err)
		}
		if len(s.Values) < 2 {
			return fmt.Errorf("seq2one: series %q has %d values, want at least 2", s.ID, len(s.Values))
		}
	}
	t0 := time.Now()
	m := cfg.Season
	if m == 0 {
		m = commonSeason(series)
	}
	m = max(1, m)
	H := cfg.Horizon
	if H == 0 {
		H = max(8, 2*m)
	}
	chunk := 1
	if m >= 2 && m <= maxChunk {
		chunk = m
	}
	lens := make([]int, len(series))
	for i, s := range series {
		lens[i] = len(s.Values)
	}
	slices.Sort(lens)
	med := lens[len(lens)/2]
	W := cfg.Window
	if W == 0 {
		per := max(m, 1)
		k := defGlobalSeasons
		if m == 1 {
			per, k = 1, 4*H
		}
		// At most half of what a typical series has left after the
		// validation and one forecast horizon.
		k = max(1, min(k, (med-2*H)/(2*per)))
		W = k * per
	}
	W = max(chunk, (W+chunk-1)/chunk*chunk)
	gp := globalPipe{Season: m, Chunk: chunk, Steps: W / chunk, Horizon: H}

	src := &globalSource{gp: &gp, H: H, W: W}
	src.z = make([][]float64, len(series))
	src.idx = make([][]float64, len(series))
	gp.Series = make([]globalSeries, len(series))
	for i, s := range series {
		gs, z := normalise(s, m, cfg.Log, cfg.SeasonalNorm)
		gs.Last = lastWindow(z, W, m)
		gp.Series[i] = gs
		src.z[i] = z
		// Seasonal indices for training are estimated without the
		// validation tail.
		n := len(z)
		if n-H >= 2 {
			src.idx[i] = seasonalIndices(z[:n-H], s.Values[:n-H], m, cfg.SeasonalNorm)
		} else {
			src.idx[i] = gs.Indices
		}
	}
	src.plan(cfg.MaxWindows, cfg.Seed)
	if src.nTrain == 0 {
		return fmt.Errorf("seq2one: no series is long enough for a training window (window %d + 2·horizon %d values)", chunk, H)
	}
	trainIdx := make([]int, src.nTrain)
	for i := range trainIdx {
		trainIdx[i] = i
	}
	valIdx := make([]int, src.nVal)
	for i := range valIdx {
		valIdx[i] = src.nTrain + i
	}

	sh := shape{cell: cfg.Cell, in: chunk, hidden: cfg.Hidden, layers: cfg.Layers, out: H}
	ens := make([]engine, cfg.Ensemble)
	rawSrc := *src
	rawSrc.raw = true
	if cfg.SeasonalNorm == Auto && m >= 2 {
		// Odd members see the seasonal pattern, even ones the
		// deseasonalised windows: two views whose errors differ.
		gp.Raw = make([]bool, len(ens))
		for k := range gp.Raw {
			gp.Raw[k] = k%2 == 1
		}
	}
	var hist []EpochStats
	for k := range ens {
		c := cfg
		c.Seed = cfg.Seed + uint64(k)
		if cfg.Float64 {
			ens[k] = newNetEngine[float64](sh, gp.Steps, c, k)
		} else {
			ens[k] = newNetEngine[float32](sh, gp.Steps, c, k)
		}
		var ws windowSource = src
		if gp.raw(k) {
			ws = &rawSrc
		}
		h, err := ens[k].train(ctx, ws, trainIdx, valIdx, t0)
		hist = append(hist, h...)
		if err != nil {
			if ctx.Err() == nil {
				return err
			}
			// Cancelled: keep the members that learned something.
			if !slices.ContainsFunc(h, func(st EpochStats) bool { return st.Best }) {
				ens = ens[:k]
			} else {
				ens = ens[:k+1]
			}
			if gp.Raw != nil {
				gp.Raw = gp.Raw[:len(ens)]
			}
			if len(ens) == 0 {
				return err
			}
			break
		}
	}
	g.gp = gp
	g.ens = ens
	g.hist = hist
	g.alloc()
	g.calibrate(src, series)
	return ctx.Err()
}

// calibrate stores, for each step of the horizon, the sorted absolute
// errors of the fitted model on the validation window of every series,
// each divided by its series' error scale, and each series' error scale
// over its whole history, for [Global.Radius].
func (g *Global) calibrate(src *globalSource, series []*forecast.Series) {
	p := &g.gp
	H, W := p.Horizon, p.window()
	p.Calib = make([][]float64, H)
	x := make([]float64, W)
	for _, sr := range src.val {
		y := series[sr].Values
		n := len(y)
		sc := errScale(y[:n-H], p.Season)
		if !(sc > 0) || !finite(sc) {
			continue
		}
		z := src.z[sr]
		gs := &p.Series[sr]
		clear(g.acc)
		for e, net := range g.ens {
			idx := src.idx[sr]
			if p.raw(e) {
				idx = nil
			}
			level := fillWindow(x, z, idx, n-H, p.Season)
			net.predictTo(x, g.y)
			for k, v := range g.y {
				g.acc[k] += v + level + seasonAt(idx, n-H+k)
			}
		}
		for k := range H {
			zv := g.acc[k] / float64(len(g.ens))
			v := zv * gs.Scale
			if gs.Log {
				v = math.Exp(zv)
			}
			if e := math.Abs(y[n-H+k]-v) / sc; finite(e) {
				p.Calib[k] = append(p.Calib[k], e)
			}
		}
	}
	for k := range p.Calib {
		slices.Sort(p.Calib[k])
	}
	for i, s := range series {
		p.Series[i].ErrScale = errScale(s.Values, p.Season)
	}
}

// errScale returns the mean absolute seasonal difference of y (the MASE
// scale) with period m, or with period 1 when y is too short for m.
func errScale(y []float64, m int) float64 {
	if len(y) <= m {
		m = 1
	}
	if len(y) <= m {
		return math.NaN()
	}
	var s float64
	for t := m; t < len(y); t++ {
		s += math.Abs(y[t] - y[t-m])
	}
	return s / float64(len(y)-m)
}

// ErrNoCalibration is returned by [Global.Radius] when the fitted series
// gave no validation errors to calibrate intervals on (every series too
// short for a validation window) or too few for the level.
var ErrNoCalibration = errors.New("seq2one: too few validation errors to calibrate intervals of that level")

// Radius writes to dst (allocated when nil or too short) the half-widths
// of split-conformal prediction intervals at level percent (in (0, 100))
// around the forecasts of series i, steps 1..h, and returns dst[:h].
//
// At fit time every series' last horizon is held out (for early stopping);
// the fitted model's absolute errors there, each divided by its series'
// MASE scale (mean |y_t − y_{t−m}|), are pooled over the series per
// horizon step. The radius at step k is the ⌈(n+1)·level/100⌉-th smallest
// of the n scaled errors of step k (the last step's beyond the horizon),
// times series i's own scale. When there are too few series for the level,
// the errors of all steps are pooled instead (one width for every step);
// when even those are too few it returns ErrNoCalibration. The errors come from the windows that also
// chose the early-stopping epoch, so coverage may fall a little short of
// the level. It panics if i is out of range.
func (g *Global) Radius(dst []float64, i, h int, level float64) ([]float64, error) {
	if g.ens == nil {
		return dst, ErrNotFitted
	}
	if i < 0 || i >= len(g.gp.Series) {
		panic("seq2one: series index out of range")
	}
	if !(level > 0 && level < 100) {
		return dst, fmt.Errorf("seq2one: interval level %v, want a percentage in (0, 100)", level)
	}
	if h < 1 {
		return dst, fmt.Errorf("seq2one: horizon %d, want ≥ 1", h)
	}
	if cap(dst) < h {
		dst = make([]float64, h)
	}
	dst = dst[:h]
	sc := g.gp.Series[i].ErrScale
	if !(sc >= 0) || !finite(sc) {
		return dst, fmt.Errorf("seq2one: series %q: no error scale for intervals", g.gp.Series[i].ID)
	}
	if len(g.gp.Calib) == 0 {
		return dst, ErrNoCalibration
	}
	var pooled []float64
	for k := range dst {
		c := g.gp.Calib[min(k, len(g.gp.Calib)-1)]
		q, ok := conformalQuantile(c, level)
		if !ok {
			// Too few series for the level: pool the errors of all steps.
			if pooled == nil {
				for _, c := range g.gp.Calib {
					pooled = append(pooled, c...)
				}
				slices.Sort(pooled)
			}
			if q, ok = conformalQuantile(pooled, level); !ok {
				return dst, ErrNoCalibration
			}
		}
		dst[k] = q * sc
	}
	return dst, nil
}

// conformalQuantile returns the ⌈(n+1)·level/100⌉-th smallest of the n
// sorted values c, and false when n is too small for the level.
func conformalQuantile(c []float64, level float64) (float64, bool) {
	j := int(math.Ceil(float64(len(c)+1)*level/100)) - 1
	if len(c) == 0 || j >= len(c) {
		return 0, false
	}
	return c[max(j, 0)], true
}

func (g *Global) alloc() {
	g.x = make([]float64, g.gp.window())
	g.y = make([]float64, g.gp.Horizon)
	g.acc = make([]float64, g.gp.Horizon)
	g.zbuf = make([]float64, 0, g.gp.window()+g.gp.Horizon)
}

// commonSeason returns the most common season of the series, the smallest
// on ties.
func commonSeason(series []*forecast.Series) int {
	count := map[int]int{}
	for _, s := range series {
		count[detectSeason(s)]++
	}
	best, bc := 1, 0
	for p, c := range count {
		if c > bc || c == bc && p < best {
			best, bc = p, c
		}
	}
	return best
}

// normalise returns the per-series state and the transformed history z:
// log y when every value is positive (and log is not Off), else y over its
// mean absolute value.
func normalise(s *forecast.Series, m int, logT, seas Toggle) (globalSeries, []float64) {
	y := s.Values
	n := len(y)
	pos := true
	var mabs float64
	for _, v := range y {
		if !(v > 0) {
			pos = false
		}
		mabs += math.Abs(v)
	}
	mabs /= float64(n)
	gs := globalSeries{ID: s.ID, N: n, Scale: 1}
	z := make([]float64, n)
	if pos && logT != Off {
		gs.Log = true
		for i, v := range y {
			z[i] = math.Log(v)
		}
	} else {
		if mabs > 0 {
			gs.Scale = mabs
		}
		for i, v := range y {
			z[i] = v / gs.Scale
		}
	}
	gs.Indices = seasonalIndices(z, y, m, seas)
	return gs, z
}

// seasonalIndices returns additive seasonal offsets of z by phase t mod m,
// averaged over the last (up to 4) complete seasons, each season taken
// relative to its own mean; nil when m < 2, the toggle is Off, or (Auto)
// the series fails the M4 seasonality test.
func seasonalIndices(z, y []float64, m int, seas Toggle) []float64 {
	n := len(z)
	if m < 2 || seas == Off || n < m {
		return nil
	}
	if seas == Auto && !features.SeasonalityTest(y, m) {
		return nil
	}
	k := min(defGlobalIndexSpans, n/m)
	idx := make([]float64, m)
	for b := 0; b < k; b++ {
		start := n - (b+1)*m
		var mean float64
		for _, v := range z[start : start+m] {
			mean += v
		}
		mean /= float64(m)
		for t := start; t < start+m; t++ {
			idx[t%m] += (z[t] - mean) / float64(k)
		}
	}
	return idx
}

// globalSource serves the windows of all series: index i < nTrain is a
// training window, nTrain ≤ i < nTrain+nVal the validation window of a
// series (its last H values as targets).
type globalSource struct {
	gp   *globalPipe
	H, W int
	z    [][]float64 // transformed histories
	idx  [][]float64 // per-series training seasonal indices (or nil)
	raw  bool        // ignore idx: windows keep their seasonal pattern

	// Training windows of series s have targets starting at
	// first[s] + stride[s]·j for j < cum[s+1]−cum[s].
	cum    []int
	first  []int
	stride []int
	nTrain int
	val    []int // series with a validation window
	nVal   int
}

// plan chooses the training windows: for each series the forecast origins
// T with a full window and horizon inside the history before its
// validation tail, spaced so that all series together give at most max
// windows, each series' grid shifted by a seeded offset so that the
// windows cover every phase of the season.
func (s *globalSource) plan(maxWin int, seed uint64) {
	ns := len(s.z)
	H, W := s.H, s.W
	lo := make([]int, ns)
	cnt := make([]int, ns)
	total := 0
	for i, z := range s.z {
		n := len(z)
		// Origins T with T+H ≤ n−H; at least one chunk of real inputs.
		hi := n - 2*H
		l := min(W, hi)
		if hi < s.gp.Chunk || l > hi {
			continue
		}
		lo[i] = l
		cnt[i] = hi - l + 1
		total += cnt[i]
	}
	stride := 1
	if maxWin > 0 && total > maxWin {
		stride = (total + maxWin - 1) / maxWin
	}
	rng := rand.New(rand.NewPCG(seed, 0x910ba1))
	s.cum = make([]int, ns+1)
	s.first = make([]int, ns)
	s.stride = make([]int, ns)
	for i := range s.z {
		c := 0
		if cnt[i] > 0 {
			off := rng.IntN(min(stride, cnt[i]))
			c = (cnt[i] - off + stride - 1) / stride
			s.first[i] = lo[i] + off
		}
		s.stride[i] = stride
		s.cum[i+1] = s.cum[i] + c
	}
	s.nTrain = s.cum[ns]
	for i, z := range s.z {
		if len(z)-s.H >= s.gp.Chunk && cnt[i] > 0 {
			s.val = append(s.val, i)
		}
	}
	s.nVal = len(s.val)
}

func (s *globalSource) Len() int { return s.nTrain + s.nVal }

func (s *globalSource) Window(int, []float64) float64 {
	panic("seq2one: single-output window of the global model's source")
}

func (s *globalSource) WindowTo(i int, x, y []float64) {
	var sr, T int
	if i < s.nTrain {
		sr = sort.SearchInts(s.cum, i+1) - 1
		T = s.first[sr] + s.stride[sr]*(i-s.cum[sr])
	} else {
		sr = s.val[i-s.nTrain]
		T = len(s.z[sr]) - s.H
	}
	z := s.z[sr]
	idx := s.idx[sr]
	if s.raw {
		idx = nil
	}
	level := fillWindow(x, z, idx, T, s.gp.Season)
	for k := range y {
		y[k] = z[T+k] - seasonAt(idx, T+k) - level
	}
}

// seasonAt returns the seasonal offset at time t (0 without indices).
func seasonAt(idx []float64, t int) float64 {
	if idx == nil {
		return 0
	}
	m := len(idx)
	return idx[((t%m)+m)%m]
}

// fillWindow writes the normalised window of z before origin T to x
// (len(x) values, oldest first) and returns its level. Values before the
// start of z repeat the first season (or the first value). The
// deseasonalised window is taken relative to its level, the mean of its
// last season (its last value when m < 2).
func fillWindow(x, z, idx []float64, T, m int) float64 {
	W := len(x)
	for j := range x {
		t := T - W + j
		var v float64
		switch {
		case t >= 0:
			v = z[t]
		case m >= 2 && len(z) >= m:
			v = z[((t%m)+m)%m]
		default:
			v = z[0]
		}
		x[j] = v - seasonAt(idx, t)
	}
	return subtractLevel(x, m)
}

// Predict writes forecasts of the next h values of every fitted series,
// in the units of the series, to dst[i] (reused when it has room) and
// returns dst. Forecasts beyond the model's horizon feed earlier ones back,
// one horizon block at a time. It returns ErrNotFitted before Fit.
func (g *Global) Predict(dst [][]float64, h int) ([][]float64, error) {
	if g.ens == nil {
		return dst, ErrNotFitted
	}
	if h < 1 {
		return dst, fmt.Errorf("seq2one: horizon %d, want ≥ 1", h)
	}
	if cap(dst) < len(g.gp.Series) {
		dst = append(dst[:cap(dst)], make([][]float64, len(g.gp.Series)-cap(dst))...)
	}
	dst = dst[:len(g.gp.Series)]
	for i := range g.gp.Series {
		var err error
		if dst[i], err = g.PredictSeries(dst[i], i, h); err != nil {
			return dst, err
		}
	}
	return dst, nil
}

// PredictSeries writes forecasts of the next h values of fitted series i
// to dst (allocated when nil or too short) and returns dst[:h]. It does
// not allocate when dst has room and h ≤ Horizon. It panics if i is out of
// range.
func (g *Global) PredictSeries(dst []float64, i, h int) ([]float64, error) {
	if g.ens == nil {
		return dst, ErrNotFitted
	}
	if i < 0 || i >= len(g.gp.Series) {
		panic("seq2one: series index out of range")
	}
	if h < 1 {
		return dst, fmt.Errorf("seq2one: horizon %d, want ≥ 1", h)
	}
	if cap(dst) < h {
		dst = make([]float64, h)
	}
	dst = dst[:h]
	gs := &g.gp.Series[i]
	m := g.gp.Season
	W := g.gp.window()
	H := g.gp.Horizon
	// z holds the last window, then each forecast block in turn; its
	// element j is time N−W+j.
	z := append(g.zbuf[:0], gs.Last...)
	for done := 0; done < h; done += H {
		base := gs.N + done // time of the first value of this block
		clear(g.acc)
		for e, net := range g.ens {
			idx := gs.Indices
			if g.gp.raw(e) {
				idx = nil
			}
			level := fillWindowTail(g.x, z[len(z)-W:], idx, base, m)
			net.predictTo(g.x, g.y)
			for k, v := range g.y {
				g.acc[k] += v + level + seasonAt(idx, base+k)
			}
		}
		inv := 1 / float64(len(g.ens))
		for k := 0; k < H && done+k < h; k++ {
			zv := g.acc[k] * inv
			v := zv * gs.Scale
			if gs.Log {
				v = math.Exp(zv)
			}
			if !finite(v) {
				return dst, fmt.Errorf("seq2one: series %q: forecast %d is not finite", gs.ID, done+k+1)
			}
			dst[done+k] = v
		}
		if done+H < h {
			for k := 0; k < H; k++ {
				z = append(z, g.acc[k]*inv)
			}
		}
	}
	g.zbuf = z[:0]
	return dst, nil
}

// fillWindowTail is fillWindow for a window zw that ends just before time
// T (zw already holds every value, padding included).
func fillWindowTail(x, zw, idx []float64, T, m int) float64 {
	W := len(x)
	for j, v := range zw {
		x[j] = v - seasonAt(idx, T-W+j)
	}
	return subtractLevel(x, m)
}

// lastWindow returns the last W values of z, padded at the front as
// fillWindow pads.
func lastWindow(z []float64, W, m int) []float64 {
	out := make([]float64, W)
	n := len(z)
	for j := range out {
		t := n - W + j
		switch {
		case t >= 0:
			out[j] = z[t]
		case m >= 2 && n >= m:
			out[j] = z[((t%m)+m)%m]
		default:
			out[j] = z[0]
		}
	}
	return out
}

// predictTo writes the network outputs for one window to y.
func (e *netEngine[T]) predictTo(x, y []float64) {
	for i, v := range x {
		e.ws.x[i] = T(v)
	}
	forward(e.tr.pv, nil, e.ws, 1)
	for k := range y {
		y[k] = float64(e.ws.y[k])
	}
}

// Panel adapts a global model to per-series evaluation such as
// eval.WalkForwardMany, which fits one forecaster per series and fold:
// the forecasters of [Panel.Forecaster] share one [Global] model per
// forecast origin, fitted on every series of the panel cut at the same
// number of values before its end. A forecaster fitted on the first n
// values of a panel series with N values asks for the model of cut N−n;
// the first such request fits it (the others wait), later ones reuse it.
// Series are matched by ID. A Panel is safe for concurrent use.
type Panel struct {
	cfg    Config
	series []*forecast.Series
	byID   map[string]int
	mu     sync.Mutex
	fits   map[int]*panelFit
}

type panelFit struct {
	once sync.Once
	g    *Global
	err  error
}

// NewPanel returns a Panel over series with the settings of cfg (nil means
// defaults; see [NewGlobal]). Neither is modified.
func NewPanel(cfg *Config, series []*forecast.Series) *Panel {
	p := &Panel{series: series, byID: make(map[string]int, len(series)), fits: map[int]*panelFit{}}
	if cfg != nil {
		p.cfg = *cfg
	}
	for i, s := range series {
		p.byID[s.ID] = i
	}
	return p
}

// Forecaster returns a forecaster for one series of the panel.
func (p *Panel) Forecaster() forecast.Forecaster { return &panelMember{p: p} }

// model returns the global model fitted with every series cut by cut
// values.
func (p *Panel) model(ctx context.Context, cut int) (*Global, error) {
	p.mu.Lock()
	f := p.fits[cut]
	if f == nil {
		f = &panelFit{}
		p.fits[cut] = f
	}
	p.mu.Unlock()
	f.once.Do(func() {
		cutSeries := make([]*forecast.Series, len(p.series))
		for i, s := range p.series {
			n := len(s.Values) - cut
			if n < 2 {
				f.err = fmt.Errorf("seq2one: series %q has %d values, too few for an origin %d values before the end", s.ID, len(s.Values), cut)
				return
			}
			cutSeries[i] = s.Head(n)
		}
		g := NewGlobal(&p.cfg)
		f.err = g.Fit(ctx, cutSeries)
		f.g = g
	})
	return f.g, f.err
}

// panelMember is one series' view of a Panel.
type panelMember struct {
	p *Panel
	g *Global
	i int
}

func (m *panelMember) Fit(ctx context.Context, s *forecast.Series) error {
	i, ok := m.p.byID[s.ID]
	if !ok {
		return fmt.Errorf("seq2one: series %q is not in the panel", s.ID)
	}
	cut := len(m.p.series[i].Values) - len(s.Values)
	if cut < 0 {
		return fmt.Errorf("seq2one: series %q has %d values, the panel's has %d", s.ID, len(s.Values), len(m.p.series[i].Values))
	}
	g, err := m.p.model(ctx, cut)
	if err != nil {
		return err
	}
	m.g, m.i = g, i
	return nil
}

func (m *panelMember) Predict(dst []float64, h int) ([]float64, error) {
	if m.g == nil {
		return dst, ErrNotFitted
	}
	// Global's buffers are shared by its series: one forecast at a time.
	m.p.mu.Lock()
	defer m.p.mu.Unlock()
	return m.g.PredictSeries(dst, m.i, h)
}

// Update conditions the fitted model on new histories of some of its
// series, matched by ID, without changing the weights: each series' last
// window, length, seasonal indices and error scale are taken from the new
// history (its log or scale transform stays the fitted one), so a model
// trained last month forecasts from this month's data. Series of the
// model that are not given keep their state. It returns ErrNotFitted
// before Fit and an error for an unknown ID, a history with non-finite
// values or fewer than 2 of them, or non-positive values in a series the
// model takes logs of; on error no series is changed.
func (g *Global) Update(series []*forecast.Series) error {
	if g.ens == nil {
		return ErrNotFitted
	}
	byID := make(map[string]int, len(g.gp.Series))
	for i, s := range g.gp.Series {
		byID[s.ID] = i
	}
	m := g.gp.Season
	W := g.gp.window()
	next := make(map[int]globalSeries, len(series))
	for _, s := range series {
		i, ok := byID[s.ID]
		if !ok {
			return fmt.Errorf("seq2one: series %q is not one the model was fitted on", s.ID)
		}
		if err := checkSeries(s, true); err != nil {
			return fmt.Errorf("seq2one: series %q: %w", s.ID, err)
		}
		if len(s.Values) < 2 {
			return fmt.Errorf("seq2one: series %q has %d values, want at least 2", s.ID, len(s.Values))
		}
		gs := g.gp.Series[i]
		z := make([]float64, len(s.Values))
		for t, v := range s.Values {
			if gs.Log {
				if !(v > 0) {
					return fmt.Errorf("seq2one: series %q: value %v at %d, but the model takes logs of this series", s.ID, v, t)
				}
				z[t] = math.Log(v)
			} else {
				z[t] = v / gs.Scale
			}
		}
		if gs.Indices != nil || g.cfg.SeasonalNorm == On {
			// Re-estimated: the phases follow the new history's start.
			gs.Indices = seasonalIndices(z, s.Values, m, On)
		}
		gs.N = len(z)
		gs.Last = lastWindow(z, W, m)
		gs.ErrScale = errScale(s.Values, m)
		next[i] = gs
	}
	for i, gs := range next {
		g.gp.Series[i] = gs
	}
	return nil
}

// subtractLevel subtracts from the window x its level, the mean of its last
// season of m values (all of x when shorter), and returns the level.
func subtractLevel(x []float64, m int) float64 {
	W := len(x)
	k := max(1, min(m, W))
	var level float64
	for _, v := range x[W-k:] {
		level += v
	}
	level /= float64(k)
	for j := range x {
		x[j] -= level
	}
	return level
}
