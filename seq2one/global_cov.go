package seq2one

import (
	"fmt"

	"github.com/tsforecast/tsforecast/features"
	"github.com/tsforecast/tsforecast/forecast"
)

// Covariates of the global model: the window's step of Chunk values
// carries, after them, Chunk values of each covariate at the same times;
// the head reads the known covariates at the Horizon target steps. They
// are standardised with the mean and deviation of each covariate over
// every series' history, so that a value means the same in every series.

func (p *globalPipe) nc() int { return len(p.CovNames) }
func (p *globalPipe) nk() int { return countKnown(p.CovKnown) }

// stepIn returns the inputs per network step.
func (p *globalPipe) stepIn() int { return p.Chunk * (1 + p.nc()) }

// fitGlobalCovariates checks that every series has the covariates of the
// first, fits their pooled scalers and returns each series' standardised
// history of them (n×nc, row-major).
func (p *globalPipe) fitCovariates(series []*forecast.Series, noCov bool) ([][]float64, error) {
	spec := specOf(series[0], noCov)
	if len(spec.names) > maxCovariates {
		return nil, fmt.Errorf("seq2one: %d covariates, at most %d can be read", len(spec.names), maxCovariates)
	}
	for _, s := range series[1:] {
		if err := sameCovariates(s, spec.names, spec.known, noCov); err != nil {
			return nil, fmt.Errorf("%w (all series of a global model need the same covariates)", err)
		}
	}
	nc := len(spec.names)
	if nc == 0 {
		return nil, nil
	}
	p.CovNames = spec.names
	if countKnown(spec.known) > 0 {
		p.CovKnown = spec.known
	}
	p.CovScale = make([]features.Standard, nc)
	for c := range nc {
		var all []float64
		for _, s := range series {
			all = append(all, s.Covariates[c].Values[:len(s.Values)]...)
		}
		if err := p.CovScale[c].Fit(all); err != nil {
			return nil, fmt.Errorf("seq2one: covariate %q: %w", spec.names[c], err)
		}
	}
	out := make([][]float64, len(series))
	for i, s := range series {
		out[i] = p.standardise(s)
	}
	return out, nil
}

// standardise returns the history of the covariates of s, n×nc.
func (p *globalPipe) standardise(s *forecast.Series) []float64 {
	nc, n := p.nc(), len(s.Values)
	cov := make([]float64, n*nc)
	for c := range nc {
		for t, v := range s.Covariates[c].Values[:n] {
			cov[t*nc+c] = p.CovScale[c].Transform(v)
		}
	}
	return cov
}

// setCovariates sets the last window of covariates (padded as the
// target's) and the future values of the known ones of series gs from s
// and its standardised history cov.
func (p *globalPipe) setCovariates(gs *globalSeries, s *forecast.Series, cov []float64) {
	nc, nk := p.nc(), p.nk()
	if nc == 0 {
		return
	}
	W, n := p.window(), len(s.Values)
	gs.LastCov = make([]float64, W*nc)
	for j := range W {
		t := padIndex(n-W+j, n, p.Season)
		copy(gs.LastCov[j*nc:(j+1)*nc], cov[t*nc:(t+1)*nc])
	}
	F := 0
	if nk > 0 {
		F = maxHorizon
		for c, known := range p.CovKnown {
			if known {
				F = min(F, len(s.Covariates[c].Values)-n)
			}
		}
	}
	gs.Future = make([]float64, F*nk)
	k := 0
	for c, known := range p.CovKnown {
		if !known {
			continue
		}
		for f := range F {
			gs.Future[f*nk+k] = p.CovScale[c].Transform(s.Covariates[c].Values[n+f])
		}
		k++
	}
}

// padIndex returns the index of the value that stands for time t of a
// history of n values: t itself, or before the start the same phase of
// the first season (the first value without a season), as fillWindow
// pads.
func padIndex(t, n, m int) int {
	switch {
	case t >= 0:
		return t
	case m >= 2 && n >= m:
		return ((t % m) + m) % m
	}
	return 0
}

// interleave turns the window x, whose target values (W of them, from
// time T−W) sit at x[W·nc:], into the network's layout: per step its
// Chunk target values, then Chunk values of each covariate, cov(t, c)
// being covariate c at time t. It works in place (each step's values are
// moved before the step's inputs are written over them).
func (p *globalPipe) interleave(x []float64, T int, cov func(t, c int) float64) {
	C, nc := p.Chunk, p.nc()
	W := p.window()
	in := p.stepIn()
	for s := range p.Steps {
		copy(x[s*in:s*in+C], x[W*nc+s*C:W*nc+(s+1)*C])
		for c := range nc {
			for q := range C {
				x[s*in+C+c*C+q] = cov(T-W+s*C+q, c)
			}
		}
	}
}
