package seq2one

import (
	"math/rand/v2"
	"sort"
)

// globalSource serves the windows of all series: index i < nTrain is a
// training window, nTrain ≤ i < nTrain+nVal the validation window of a
// series (its last H values as targets).
type globalSource struct {
	gp   *globalPipe
	H, W int
	z    [][]float64 // transformed histories
	idx  [][]float64 // per-series training seasonal indices (or nil)
	raw  bool        // ignore idx: windows keep their seasonal pattern
	cov  [][]float64 // per-series standardised covariates (n×nc), or nil
	kidx []int       // positions of the known covariates

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
	idx := s.idx[sr]
	if s.raw {
		idx = nil
	}
	level := s.fill(x, sr, T, idx)
	z := s.z[sr]
	for k := range y {
		y[k] = z[T+k] - seasonAt(idx, T+k) - level
	}
}

// fill writes the inputs of the window of series sr before origin T to x
// (the window, then the known covariates of the head) and returns its
// level.
func (s *globalSource) fill(x []float64, sr, T int, idx []float64) float64 {
	p := s.gp
	nc := p.nc()
	z := s.z[sr]
	if nc == 0 {
		return fillWindow(x[:s.W], z, idx, T, p.Season)
	}
	level := fillWindow(x[s.W*nc:s.W*nc+s.W], z, idx, T, p.Season)
	cov := s.cov[sr]
	n := len(z)
	p.interleave(x, T, func(t, c int) float64 { return cov[padIndex(t, n, p.Season)*nc+c] })
	kn := x[p.Steps*p.stepIn():]
	for k, c := range s.kidx {
		for j := 0; j < s.H; j++ {
			kn[k*s.H+j] = cov[(T+j)*nc+c]
		}
	}
	return level
}
