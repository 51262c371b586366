package eval

import (
	"context"
	"fmt"
	"sync"

	"github.com/tsforecast/tsforecast/forecast"
)

// Panel adapts a multi-series model (a [forecast.MultiForecaster], such as
// one global network) to per-series evaluation such as [WalkForwardMany],
// which fits one forecaster per series and fold: the forecasters of
// [Panel.Forecaster] share one model per forecast origin, fitted on every
// series of the panel cut at the same number of values before its end. A
// forecaster fitted on the first n values of a panel series with N values
// asks for the model of cut N−n; the first such request fits it (the
// others wait), later ones reuse it. Series are matched by ID; forecasts
// are made one at a time, as a multi-series model need not be safe for
// concurrent use. A Panel is safe for concurrent use.
type Panel struct {
	newModel func() forecast.MultiForecaster
	series   []*forecast.Series
	byID     map[string]int
	mu       sync.Mutex
	fits     map[int]*panelFit
}

type panelFit struct {
	once sync.Once
	m    forecast.MultiForecaster
	err  error
}

// NewPanel returns a Panel over series whose models newModel makes, fresh
// and unfitted at each call. series is not modified.
func NewPanel(newModel func() forecast.MultiForecaster, series []*forecast.Series) *Panel {
	p := &Panel{newModel: newModel, series: series, byID: make(map[string]int, len(series)), fits: map[int]*panelFit{}}
	for i, s := range series {
		p.byID[s.ID] = i
	}
	return p
}

// Forecaster returns a forecaster for one series of the panel: it is
// [Model].New for a walk-forward run.
func (p *Panel) Forecaster() forecast.Forecaster { return &panelMember{p: p} }

// model returns the model fitted with every series cut by cut values.
func (p *Panel) model(ctx context.Context, cut int) (forecast.MultiForecaster, error) {
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
				f.err = fmt.Errorf("eval: %w: series %q has %d values, too few for an origin %d values before the end", forecast.ErrTooShort, s.ID, len(s.Values), cut)
				return
			}
			cutSeries[i] = s.Head(n)
		}
		f.m = p.newModel()
		f.err = f.m.Fit(ctx, cutSeries)
	})
	return f.m, f.err
}

// panelMember is one series' view of a Panel.
type panelMember struct {
	p *Panel
	m forecast.MultiForecaster
	i int
}

func (m *panelMember) Fit(ctx context.Context, s *forecast.Series) error {
	i, ok := m.p.byID[s.ID]
	if !ok {
		return fmt.Errorf("eval: series %q is not in the panel", s.ID)
	}
	cut := len(m.p.series[i].Values) - len(s.Values)
	if cut < 0 {
		return fmt.Errorf("eval: series %q has %d values, the panel's has %d", s.ID, len(s.Values), len(m.p.series[i].Values))
	}
	mf, err := m.p.model(ctx, cut)
	if err != nil {
		return err
	}
	m.m, m.i = mf, i
	return nil
}

func (m *panelMember) Predict(dst []float64, h int) ([]float64, error) {
	if m.m == nil {
		return dst, fmt.Errorf("eval: %w", forecast.ErrNotFitted)
	}
	m.p.mu.Lock()
	defer m.p.mu.Unlock()
	return m.m.PredictSeries(dst, m.i, h)
}

// PredictIntervals returns the intervals of the panel's model for this
// series when it gives them (forecast.Intervaler), and an error wrapping
// forecast.ErrNoIntervals otherwise.
func (m *panelMember) PredictIntervals(h int, levels []float64) ([]forecast.Interval, error) {
	if m.m == nil {
		return nil, fmt.Errorf("eval: %w", forecast.ErrNotFitted)
	}
	iv, ok := m.m.(forecast.Intervaler)
	if !ok {
		return nil, fmt.Errorf("eval: %w: the panel's model gives none", forecast.ErrNoIntervals)
	}
	m.p.mu.Lock()
	defer m.p.mu.Unlock()
	return iv.PredictIntervals(m.i, h, levels)
}
