package ets

import "math"

// Grid of the MultiStart optimiser: α, β as a fraction of α, γ as a
// fraction of 1−α, and φ (each only if the spec has it).
var (
	gridAlpha = [...]float64{0.01, 0.1, 0.3, 0.5, 0.8}
	gridBeta  = [...]float64{0.01, 0.2}
	gridGamma = [...]float64{0.01, 0.3, 0.8}
	gridPhi   = [...]float64{0.98, 0.9}
)

// Budgets of the MultiStart optimiser: the numbers of grid points searched
// from (besides R's start for seasonal specs; the non-seasonal specs are
// cheap), the likelihood evaluations of the state refinement and
// Nelder–Mead search from each start, and the Levenberg–Marquardt
// iterations (Jacobians) and absolute tolerance on lik that end the
// search from each.
const (
	seasonalStarts = 2
	plainStarts    = 5
	probeEval      = 64
	lmMaxIter      = 100
	lmTol          = 1e-3
)

// localCycles is the number of seasons whose decomposition gives the
// second heuristic initial state of MultiStart.
const localCycles = 5

// searchMulti writes to par the optimum of the MultiStart optimiser:
//
//  1. Score the grid of smoothing parameters (gridAlpha, …) with each
//     heuristic initial state: R's (w.init, from a decomposition of the
//     whole series) and, for seasonal specs of series longer than
//     localCycles seasons, one from the first localCycles seasons only
//     (w.init2), which suits series whose seasonal amplitude grows.
//  2. From each start — R's starting point (as NelderMead's first) for
//     seasonal specs, then the seasonalStarts (plainStarts without a
//     season) best grid points, ties to the earlier one — refine the
//     initial states by Gauss–Newton and run a short Nelder–Mead search
//     (probeEval evaluations in all), then Levenberg–Marquardt on all
//     parameters (levMar).
//  3. Keep the best optimum.
//
// It reports false if the likelihood is not finite at any start.
func (w *work) searchMulti(par []float64) bool {
	sp := w.sp
	np := len(par)
	nb, ng, nf := 1, 1, 1
	if sp.Trend != None {
		nb = len(gridBeta)
	}
	if sp.Season != None {
		ng = len(gridGamma)
	}
	if sp.Damped {
		nf = len(gridPhi)
	}
	inits := 1
	if sp.Season != None && len(w.y) > localCycles*w.m {
		inits = 2
	}
	total := inits * len(gridAlpha) * nb * ng * nf
	w.cands = resize(w.cands, total*np)
	w.candF = resize(w.candF, total)
	k := 0
	for s := range inits {
		init := w.init
		if s == 1 {
			init = w.init2
		}
		for _, a := range gridAlpha {
			for ib := range nb {
				for ig := range ng {
					for iphi := range nf {
						x := w.cands[k*np : (k+1)*np]
						w.startPoint(x, a, init)
						i := 1
						if sp.Trend != None {
							x[i] = lowerSmooth + gridBeta[ib]*(a-lowerSmooth)
							i++
						}
						if sp.Season != None {
							x[i] = lowerSmooth + gridGamma[ig]*(1-a-lowerSmooth)
							i++
						}
						if sp.Damped {
							x[i] = gridPhi[iphi]
						}
						w.candF[k] = w.objective(x)
						k++
					}
				}
			}
		}
	}
	best := math.Inf(1)
	// from searches x (objective f there) and keeps the better optimum.
	from := func(x []float64, f float64) {
		f, _ = w.search(x, f, probeEval, 0)
		f = w.levMar(x, f, lmMaxIter, lmTol)
		if f < best {
			best = f
			copy(par, x)
		}
	}
	starts := plainStarts
	if sp.Season != None {
		starts = seasonalStarts
		w.par2 = resize(w.par2, np)
		x := w.par2
		w.startPoint(x, lowerSmooth+0.2*(upperSmooth-lowerSmooth)/float64(w.m), w.init)
		if f := w.objective(x); f < math.Inf(1) {
			from(x, f)
		}
	}
	for range starts {
		// The best remaining grid point; used ones are marked +Inf.
		j := -1
		for i, f := range w.candF {
			if f < math.Inf(1) && (j < 0 || f < w.candF[j]) {
				j = i
			}
		}
		if j < 0 {
			break
		}
		f := w.candF[j]
		w.candF[j] = math.Inf(1)
		from(w.cands[j*np:(j+1)*np], f)
	}
	return best < math.Inf(1)
}
