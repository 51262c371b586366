package seq2one

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/tsforecast/tsforecast/features"
	"github.com/tsforecast/tsforecast/forecast"
)

// Global defaults, used where the Config field is zero; see [NewGlobal].
const (
	defGlobalHidden     = 64
	defGlobalBatch      = 64
	defGlobalEpochs     = 30
	defGlobalPatience   = 3
	defGlobalLR         = 0.002
	defGlobalSeasons    = 7
	defGlobalWindows    = 24000
	defGlobalEnsemble   = 3
	defGlobalIndexSpans = 4
	defGlobalAverage    = 0.995
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
	pr   *Predictor // of PredictSeries
	byID map[string]int
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
	// Freq is the frequency of the series fitted (Step when they differ).
	Freq forecast.Freq
	// The covariates every series has, which are known in advance (nil:
	// none) and their scalers, pooled over the series.
	CovNames []string
	CovKnown []bool
	CovScale []features.Standard
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
	// LastCov holds the standardised covariates of the last window
	// (W×covariates, padded as Last) and Future the standardised values
	// of the known ones after the last observation (F×known).
	LastCov []float64 `json:",omitempty"`
	Future  []float64 `json:",omitempty"`
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
//     Epochs 30 (at most), Patience 3, ClipNorm 1, WeightDecay 0.
//   - Average 0.995: a moving average of the weights is a candidate of
//     early stopping beside the weights themselves.
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
	if c.Average == 0 {
		c.Average = defGlobalAverage
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

// Freq returns the frequency of the series the model was fitted on:
// forecast.Step before Fit, for series without timestamps, and when the
// series had different frequencies.
func (g *Global) Freq() forecast.Freq { return g.gp.Freq }

// Len returns the number of series the model forecasts (0 before Fit).
func (g *Global) Len() int { return len(g.gp.Series) }

// IDs returns the IDs of the series of the model: those of Fit, in its
// order, then those Update added.
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
	g.ens, g.hist = nil, nil
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
		if err := checkSeries(s, cfg.NoCovariates); err != nil {
			return fmt.Errorf("seq2one: series %q: %w", s.ID, err)
		}
		if len(s.Values) < 2 {
			return fmt.Errorf("seq2one: series %q has %d values, want at least 2", s.ID, len(s.Values))
		}
	}
	t0 := time.Now()
	m := cfg.Season
	if m == 0 {
		m = forecast.CommonSeason(0, series)
	}
	m = max(1, m)
	if m > maxSeason {
		return fmt.Errorf("seq2one: season %d, want at most %d", m, maxSeason)
	}
	H := cfg.Horizon
	if H == 0 {
		H = defaultHorizon(m)
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
	if W > MaxWindow {
		W = MaxWindow / chunk * chunk
	}
	gp := globalPipe{Season: m, Chunk: chunk, Steps: W / chunk, Horizon: H, Freq: commonFreq(series)}

	cov, err := gp.fitCovariates(series, cfg.NoCovariates)
	if err != nil {
		return err
	}
	src := &globalSource{gp: &gp, H: H, W: W, cov: cov, kidx: knownIdx(gp.CovKnown)}
	src.z = make([][]float64, len(series))
	src.idx = make([][]float64, len(series))
	gp.Series = make([]globalSeries, len(series))
	for i, s := range series {
		var ci []float64
		if cov != nil {
			ci = cov[i]
		}
		gs, z := gp.newSeries(s, &cfg, ci)
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

	sh := gp.shape(cfg)
	rawSrc := *src
	rawSrc.raw = true
	if cfg.SeasonalNorm == Auto && m >= 2 {
		// Odd members see the seasonal pattern, even ones the
		// deseasonalised windows: two views whose errors differ.
		gp.Raw = make([]bool, cfg.Ensemble)
		for k := range gp.Raw {
			gp.Raw[k] = k%2 == 1
		}
	}
	ens, hist, err := trainEnsemble(ctx, cfg.Ensemble, func(k int) member {
		mb := member{eng: newEngine(sh, gp.Steps, cfg, k), src: src}
		if gp.raw(k) {
			mb.src = &rawSrc
		}
		return mb
	}, trainIdx, valIdx, t0)
	g.hist = hist
	if ens == nil {
		return err
	}
	if gp.Raw != nil {
		gp.Raw = gp.Raw[:len(ens)]
	}
	g.gp = gp
	g.ens = ens
	g.calibrate(src, series)
	g.alloc()
	return err
}

// commonFreq returns the frequency of the series when they all have
// the same, else forecast.Step.
func commonFreq(series []*forecast.Series) forecast.Freq {
	for _, s := range series[1:] {
		if s.Freq != series[0].Freq {
			return forecast.Step
		}
	}
	return series[0].Freq
}

func (g *Global) alloc() {
	g.byID = make(map[string]int, len(g.gp.Series))
	for i, s := range g.gp.Series {
		if _, dup := g.byID[s.ID]; !dup {
			g.byID[s.ID] = i
		}
	}
	g.pr = newPredictor(&g.gp, g.ens)
}
