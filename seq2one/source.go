package seq2one

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// seriesSource serves the windows of one transformed series z: window i
// reads z[i : i+Steps], and its targets are the Horizon values after it,
// each taken relative to the window's baseline and divided by Scale.
//
// Windows from valFrom on are validation windows: their targets before
// time cut are NaN, which the validation loss skips, so they score only
// the forecasts of the held-out tail z[cut:] from origins before it.
type seriesSource struct {
	p       *pipe
	z       []float64 // transformed target
	cov     []float64 // n×nc standardised covariates
	kidx    []int     // positions of the known covariates
	valFrom int       // first validation window (Len() when none)
	cut     int       // first held-out time (len(z) when none)
}

func newSeriesSource(p *pipe, z, cov []float64) *seriesSource {
	s := &seriesSource{p: p, z: z, cov: cov, kidx: knownIdx(p.CovKnown)}
	s.valFrom, s.cut = s.Len(), len(z)
	return s
}

// Len returns the number of windows: every origin with a full window
// before it and a full horizon after it.
func (s *seriesSource) Len() int { return len(s.z) - s.p.Steps - s.p.outs() + 1 }

// Window writes the inputs of window i to x and returns its first target.
func (s *seriesSource) Window(i int, x []float64) float64 {
	var y [1]float64
	s.inputs(i, x)
	s.targets(i, y[:])
	return y[0]
}

// WindowTo writes the inputs of window i to x, then the values of the
// known covariates at its Horizon target times (covariate-major), and its
// Horizon targets to y.
func (s *seriesSource) WindowTo(i int, x, y []float64) {
	s.inputs(i, x)
	if kidx := s.kidx; len(kidx) > 0 {
		L, nc, O := s.p.Steps, len(s.p.CovNames), s.p.outs()
		kn := x[L*s.p.Inputs:]
		for k, c := range kidx {
			for j := 0; j < O; j++ {
				kn[k*O+j] = s.cov[(i+L+j)*nc+c]
			}
		}
	}
	s.targets(i, y)
}

func (s *seriesSource) inputs(i int, x []float64) {
	L := s.p.Steps
	nc := len(s.p.CovNames)
	s.p.fillInputs(x, s.z[i:i+L], i, func(j int) []float64 {
		return s.cov[(i+j)*nc : (i+j+1)*nc]
	})
}

// targets writes the first len(y) targets of window i to y.
func (s *seriesSource) targets(i int, y []float64) {
	L := s.p.Steps
	s.p.baseline(y, s.z[i:i+L])
	inv := 1 / s.p.Scale
	for k := range y {
		t := i + L + k
		if i >= s.valFrom && t < s.cut {
			y[k] = math.NaN()
			continue
		}
		y[k] = (s.z[t] - y[k]) * inv
	}
}

// outs returns the number of outputs of the head (at least 1).
func (p *pipe) outs() int { return max(1, p.Horizon) }

// split returns the training and validation windows for the setting vf
// of Config.ValFraction and masks the validation targets. The last V
// values of the series are held out: V = Horizon by default, when that
// leaves at least minAutoTrain training windows, else none; round(vf·n)
// (at least 1) when vf > 0; none when vf < 0. V is at most what leaves one
// training window. Training windows have every target before the tail;
// the validation windows are the V origins whose targets reach into it,
// scored on the targets in the tail only.
func (s *seriesSource) split(vf float64) (trainIdx, valIdx []int) {
	n := len(s.z)
	nw := s.Len()
	V := 0
	switch {
	case vf > 0:
		V = max(1, int(math.Round(float64(n)*vf)))
	case vf == 0:
		if H := s.p.outs(); nw-H >= minAutoTrain {
			V = H
		}
	}
	V = max(0, min(V, nw-1))
	nTrain := nw - V
	s.valFrom, s.cut = nTrain, n-V
	trainIdx = make([]int, nTrain)
	for i := range trainIdx {
		trainIdx[i] = i
	}
	for i := nTrain; i < nw; i++ {
		valIdx = append(valIdx, i)
	}
	return trainIdx, valIdx
}

// maxKnownInit is the most known covariates whose head weights
// knownHead estimates; with more the weights start at zero.
const maxKnownInit = 8

// knownHead returns starting weights of the head for the known
// covariates (known×Horizon, as views.wk): for each target step j, the
// ridge regression without intercept of the windows' scaled targets of
// step j (the corrections of the baseline) on the known covariates at
// that step, over the windows idx. It returns nil without known
// covariates, with more than maxKnownInit of them, or when a system is
// singular. A network whose recurrent head is zero then forecasts the
// baseline plus the covariates' linear effect, which early stopping
// compares with what training gives (epoch 0): the head would otherwise
// have to grow these weights from zero at the learning rate's pace.
func (s *seriesSource) knownHead(idx []int) []float64 {
	kidx := knownIdx(s.p.CovKnown)
	k := len(kidx)
	if k == 0 || k > maxKnownInit {
		return nil
	}
	L, nc, O := s.p.Steps, len(s.p.CovNames), s.p.outs()
	ata := make([]float64, O*k*k)
	aty := make([]float64, O*k)
	y := make([]float64, O)
	for _, i := range idx {
		s.targets(i, y)
		for j, yj := range y {
			row := (i + L + j) * nc
			a := ata[j*k*k : (j+1)*k*k]
			b := aty[j*k : (j+1)*k]
			for p, cp := range kidx {
				vp := s.cov[row+cp]
				b[p] += vp * yj
				for q, cq := range kidx {
					a[p*k+q] += vp * s.cov[row+cq]
				}
			}
		}
	}
	wk := make([]float64, k*O)
	var chol mat.Cholesky
	w := mat.NewVecDense(k, nil)
	for j := 0; j < O; j++ {
		a := mat.NewSymDense(k, append([]float64(nil), ata[j*k*k:(j+1)*k*k]...))
		tr := 0.0
		for p := 0; p < k; p++ {
			tr += a.At(p, p)
		}
		lambda := 1e-3*tr/float64(k) + 1e-12
		for p := 0; p < k; p++ {
			a.SetSym(p, p, a.At(p, p)+lambda)
		}
		if !chol.Factorize(a) {
			return nil
		}
		if err := chol.SolveVecTo(w, mat.NewVecDense(k, append([]float64(nil), aty[j*k:(j+1)*k]...))); err != nil {
			return nil
		}
		for p := 0; p < k; p++ {
			wk[p*O+j] = w.AtVec(p)
		}
	}
	return wk
}
