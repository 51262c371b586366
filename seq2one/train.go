package seq2one

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/tsforecast/tsforecast/internal/kern"
)

// windowSource supplies training windows to the trainer. Window must be safe
// for concurrent calls: the workers of a mini-batch call it at once.
//
// A single-series model uses one source over its own history; a global
// model over many series can map i to (series, offset) and normalise each
// series on the fly, so windows are never materialised all at once.
type windowSource interface {
	// Len returns the number of windows.
	Len() int
	// Window writes the inputs of window i (steps×inputs, row-major) to x
	// and returns the window's scaled target.
	Window(i int, x []float64) float64
}

// multiSource supplies windows with several targets each (the global
// model's direct multi-horizon head). A windowSource that also implements
// multiSource is read through WindowTo.
type multiSource interface {
	// WindowTo writes the inputs of window i to x (steps×inputs, then
	// the known covariates of the head, shape.headIn values) and its out
	// scaled targets to y. It must be safe for concurrent calls.
	WindowTo(i int, x, y []float64)
}

// shardRows is the number of rows of a mini-batch shard. The shard count of
// a batch depends only on the batch size, never on the number of workers,
// and shard gradients are summed in shard order, so results do not depend
// on Workers.
const (
	shardRows = 16
	maxShards = 64
)

func numShards(n int) int {
	s := (n + shardRows - 1) / shardRows
	return max(1, min(s, maxShards))
}

// trainer trains a network on a windowSource with Adam, global-norm
// clipping, early stopping and learning-rate decay on plateau.
type trainer[T kern.Float] struct {
	s      shape
	steps  int
	cfg    Config
	member int // ensemble member, reported in EpochStats

	params []T
	pv     views[T]
	pk     *packedW[T] // params packed for the products, refreshed per batch
	best   []T
	grad   []T

	shardG    [][]T
	shardV    []views[T]
	shardLoss []float64
	shardWt   []float64 // rows the unmasked validation terms are worth
	ws        []*workspace[T]
	xbuf      [][]float64

	m, v  []float64
	adamT int
	lr    float64

	// Moving average of the weights (Config.Average), started from zero:
	// avg/(1−avgDecay) is the average of the steps so far.
	avg      []float64
	avgDecay float64 // product of the decays so far
	live     []T     // the training weights while the average is scored

	// evalInit makes the initial weights a candidate of early stopping:
	// their validation loss is taken before the first epoch (reported as
	// epoch 0), and if no epoch beats it they are kept.
	evalInit bool

	// Mini-batch state read by the workers.
	src   windowSource
	msrc  multiSource // src as a multiSource, or nil
	batch []int
	grads bool // compute gradients (training) or only the loss (validation)

	start []chan struct{}
	done  chan struct{}
}

// newTrainer returns a trainer with weights initialised from a PCG source
// seeded by cfg.Seed. cfg must have its defaults applied.
func newTrainer[T kern.Float](s shape, steps int, cfg Config) *trainer[T] {
	np := s.numParams()
	tr := &trainer[T]{s: s, steps: steps, cfg: cfg,
		params: make([]T, np), best: make([]T, np), grad: make([]T, np),
		m: make([]float64, np), v: make([]float64, np), lr: cfg.LearningRate,
	}
	tr.pv = makeViews(s, tr.params)
	tr.pk = newPackedW[T](s)
	initParams(s, tr.pv, rand.New(rand.NewPCG(cfg.Seed, 0x5eed2013)))
	return tr
}

// initParams draws recurrent and head weights from U(−1/√H, 1/√H) (as
// PyTorch does), sets biases to zero and the LSTM forget-gate bias to 1.
func initParams[T kern.Float](s shape, p views[T], rng *rand.Rand) {
	k := 1 / math.Sqrt(float64(s.hidden))
	u := func() T { return T((2*rng.Float64() - 1) * k) }
	for l := range p.w {
		for i := range p.w[l] {
			p.w[l][i] = u()
		}
		clear(p.b[l])
		if s.cell == LSTM {
			H := s.hidden
			for j := H; j < 2*H; j++ {
				p.b[l][j] = 1
			}
		}
	}
	for i := range p.wy {
		p.wy[i] = u()
	}
	p.by[0] = 0
}

// alloc sizes the per-worker and per-shard buffers for batches of up to
// batch rows.
func (tr *trainer[T]) alloc(batch, workers int) {
	np := tr.s.numParams()
	S := numShards(batch)
	workers = max(1, min(workers, S))
	// The largest shard of any batch of up to batch rows.
	rows := max(min(batch, shardRows), (batch+maxShards-1)/maxShards)
	tr.shardG = make([][]T, S)
	tr.shardV = make([]views[T], S)
	tr.shardLoss = make([]float64, S)
	tr.shardWt = make([]float64, S)
	for i := range tr.shardG {
		tr.shardG[i] = make([]T, np)
		tr.shardV[i] = makeViews(tr.s, tr.shardG[i])
	}
	tr.ws = make([]*workspace[T], workers)
	tr.xbuf = make([][]float64, workers)
	for w := range tr.ws {
		tr.ws[w] = newWorkspace[T](tr.s, rows, tr.steps)
		tr.xbuf[w] = make([]float64, tr.steps*tr.s.in+tr.s.headIn()+tr.s.outs())
	}
}

// startWorkers launches the helper goroutines; stopWorkers ends them.
func (tr *trainer[T]) startWorkers() {
	W := len(tr.ws)
	tr.start = make([]chan struct{}, W)
	tr.done = make(chan struct{}, W)
	for w := 1; w < W; w++ {
		tr.start[w] = make(chan struct{})
		go func(w int) {
			for range tr.start[w] {
				tr.runShards(w)
				tr.done <- struct{}{}
			}
		}(w)
	}
}

func (tr *trainer[T]) stopWorkers() {
	for w := 1; w < len(tr.start); w++ {
		close(tr.start[w])
	}
	tr.start = nil
}

// runShards processes the shards of the current batch assigned to worker
// w: shards w, w+W, w+2W, ...
func (tr *trainer[T]) runShards(w int) {
	n := len(tr.batch)
	S := numShards(n)
	W := min(len(tr.ws), S)
	ws := tr.ws[w]
	xb := tr.xbuf[w]
	in := tr.s.in
	L := tr.steps
	O := tr.s.outs()
	K := tr.s.headIn()
	for sh := w; sh < S; sh += W {
		a, b := sh*n/S, (sh+1)*n/S
		rows := b - a
		for r := 0; r < rows; r++ {
			if tr.msrc != nil {
				// The window's inputs, then the head's known covariates,
				// then the targets.
				yb := xb[L*in+K : L*in+K+O]
				tr.msrc.WindowTo(tr.batch[a+r], xb[:L*in+K], yb)
				for k, v := range yb {
					ws.t[r*O+k] = T(v)
				}
				for k, v := range xb[L*in : L*in+K] {
					ws.kf[r*K+k] = T(v)
				}
			} else {
				ws.t[r] = T(tr.src.Window(tr.batch[a+r], xb))
			}
			for t := 0; t < L; t++ {
				dst := ws.x[(t*rows+r)*in : (t*rows+r+1)*in]
				for k, v := range xb[t*in : (t+1)*in] {
					dst[k] = T(v)
				}
			}
		}
		forward(tr.pv, tr.pk, ws, rows)
		if !tr.grads {
			tr.shardLoss[sh], tr.shardWt[sh] = lossOnly(tr.cfg.Loss, ws, rows)
			continue
		}
		tr.shardLoss[sh] = lossGrad(tr.cfg.Loss, ws, rows, n)
		clear(tr.shardG[sh])
		backward(tr.pv, tr.pk, tr.shardV[sh], ws, rows)
	}
}

// run processes the current batch on all workers and returns the loss
// summed over its rows and, without grads, the rows the unmasked targets
// are worth; with grads set, tr.grad holds the mean gradient.
func (tr *trainer[T]) run() (loss, rows float64) {
	S := numShards(len(tr.batch))
	W := min(len(tr.ws), S)
	// The weights change after every step (and on restores), so pack
	// them here, once per batch.
	tr.pk.pack(tr.s, tr.pv)
	for w := 1; w < W; w++ {
		tr.start[w] <- struct{}{}
	}
	tr.runShards(0)
	for w := 1; w < W; w++ {
		<-tr.done
	}
	for sh := 0; sh < S; sh++ {
		loss += tr.shardLoss[sh]
		rows += tr.shardWt[sh]
	}
	if tr.grads {
		copy(tr.grad, tr.shardG[0])
		for sh := 1; sh < S; sh++ {
			kern.AddRows(tr.grad, tr.shardG[sh], 1, len(tr.grad))
		}
	}
	return loss, rows
}

// step takes one Adam step on the windows batch. It returns the mean loss
// and the gradient norm before clipping; when either is not finite the
// weights are left unchanged.
func (tr *trainer[T]) step(batch []int) (loss, norm float64) {
	tr.batch = batch
	tr.grads = true
	loss, _ = tr.run()
	loss /= float64(len(batch))
	var ss float64
	for _, g := range tr.grad {
		ss += float64(g) * float64(g)
	}
	norm = math.Sqrt(ss)
	if math.IsNaN(loss) || math.IsInf(loss, 0) || math.IsNaN(norm) || math.IsInf(norm, 0) {
		return loss, norm
	}
	scale := 1.0
	if c := tr.cfg.ClipNorm; c > 0 && norm > c {
		scale = c / norm
	}
	const b1, b2, eps = 0.9, 0.999, 1e-8
	tr.adamT++
	c1 := 1 - math.Pow(b1, float64(tr.adamT))
	c2 := 1 - math.Pow(b2, float64(tr.adamT))
	lr := tr.lr
	wd := tr.cfg.WeightDecay
	for i, g := range tr.grad {
		gv := float64(g) * scale
		m := b1*tr.m[i] + (1-b1)*gv
		v := b2*tr.v[i] + (1-b2)*gv*gv
		tr.m[i], tr.v[i] = m, v
		p := float64(tr.params[i])
		tr.params[i] = T(p - lr*((m/c1)/(math.Sqrt(v/c2)+eps)+wd*p))
	}
	if tr.avg != nil {
		b := tr.cfg.Average
		tr.avgDecay *= b
		for i, p := range tr.params {
			tr.avg[i] = b*tr.avg[i] + (1-b)*float64(p)
		}
	}
	return loss, norm
}

// evalLoss returns the mean loss over the windows idx, in chunks of the
// batch size. Targets a source sets to NaN are masked: the loss is the
// mean over the others (NaN when every target is masked).
func (tr *trainer[T]) evalLoss(idx []int) float64 {
	tr.grads = false
	var sum, rows float64
	B := tr.cfg.Batch
	for i := 0; i < len(idx); i += B {
		tr.batch = idx[i:min(i+B, len(idx))]
		l, r := tr.run()
		sum += l
		rows += r
	}
	return sum / rows
}

// DivergenceError reports a training run that produced a NaN or Inf loss
// or gradient before any usable weights were learned.
type DivergenceError struct {
	// Epoch is the epoch (from 1) in which training diverged.
	Epoch int
}

func (e *DivergenceError) Error() string {
	return fmt.Sprintf("seq2one: training diverged in epoch %d (NaN or Inf loss or gradient) before any usable weights were learned; lower the learning rate or turn clipping on", e.Epoch)
}

const maxDivergences = 3

// train runs the epochs. trainIdx and valIdx index windows of src; valIdx
// may be empty. On return the best weights are in tr.params. It returns the
// per-epoch history and, on cancellation, ctx.Err() (the best weights so
// far are kept).
func (tr *trainer[T]) train(ctx context.Context, src windowSource, trainIdx, valIdx []int, t0 time.Time) ([]EpochStats, error) {
	cfg := &tr.cfg
	tr.src = src
	tr.msrc, _ = src.(multiSource)
	tr.alloc(min(cfg.Batch, max(len(trainIdx), len(valIdx))), cfg.Workers)
	tr.startWorkers()
	defer tr.stopWorkers()
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x5a11e))
	order := append([]int(nil), trainIdx...)
	hist := make([]EpochStats, 0, min(cfg.Epochs, 1024))
	bestLoss := math.Inf(1)
	haveBest := false
	trained := false // an epoch finished without diverging
	sinceBest, sinceDecay := 0, 0
	divergences := 0
	if cfg.Average > 0 {
		tr.avg = make([]float64, len(tr.params))
		tr.live = make([]T, len(tr.params))
		tr.avgDecay = 1
	}
	if tr.evalInit && len(valIdx) > 0 {
		st := EpochStats{Member: tr.member, Epoch: 0, LearningRate: tr.lr, TrainLoss: math.NaN(), GradNorm: math.NaN()}
		st.ValLoss = tr.evalLoss(valIdx)
		st.Elapsed = time.Since(t0)
		if finite(st.ValLoss) {
			bestLoss = st.ValLoss
			haveBest = true
			copy(tr.best, tr.params)
			st.Best = true
		}
		hist = append(hist, st)
		tr.callback(st)
	}
	for epoch := 1; epoch <= cfg.Epochs; epoch++ {
		if err := ctx.Err(); err != nil {
			tr.restore(haveBest)
			return hist, err
		}
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		st := EpochStats{Member: tr.member, Epoch: epoch, LearningRate: tr.lr, ValLoss: math.NaN()}
		var lossSum, normSum float64
		nb := 0
		for i := 0; i < len(order); i += cfg.Batch {
			if err := ctx.Err(); err != nil {
				tr.restore(haveBest)
				return hist, err
			}
			loss, norm := tr.step(order[i:min(i+cfg.Batch, len(order))])
			if !finite(loss) || !finite(norm) {
				st.Diverged = true
				break
			}
			lossSum += loss
			normSum += norm
			nb++
		}
		if nb > 0 {
			st.TrainLoss = lossSum / float64(nb)
			st.GradNorm = normSum / float64(nb)
		} else {
			st.TrainLoss, st.GradNorm = math.NaN(), math.NaN()
		}
		crit := st.TrainLoss
		averaged := false // tr.params hold the average, tr.live the weights
		if !st.Diverged && len(valIdx) > 0 {
			st.ValLoss = tr.evalLoss(valIdx)
			if tr.avg != nil && finite(st.ValLoss) {
				// The candidate of the epoch is the weights or their
				// average, whichever scores better.
				tr.swapInAverage()
				if l := tr.evalLoss(valIdx); l < st.ValLoss {
					st.ValLoss, st.Averaged, averaged = l, true, true
				} else {
					copy(tr.params, tr.live)
				}
			}
			crit = st.ValLoss
			if !finite(crit) {
				st.Diverged = true
			}
		}
		st.Elapsed = time.Since(t0)
		if st.Diverged {
			divergences++
			if !trained {
				hist = append(hist, st)
				tr.callback(st)
				return hist, &DivergenceError{Epoch: epoch}
			}
			copy(tr.params, tr.best)
			if tr.avg != nil {
				clear(tr.avg)
				tr.avgDecay = 1
			}
			clear(tr.m)
			clear(tr.v)
			tr.adamT = 0
			tr.lr /= 2
			hist = append(hist, st)
			tr.callback(st)
			if divergences >= maxDivergences {
				break
			}
			continue
		}
		trained = true
		if crit < bestLoss {
			bestLoss = crit
			haveBest = true
			copy(tr.best, tr.params)
			if averaged {
				copy(tr.params, tr.live)
			}
			st.Best = true
			sinceBest, sinceDecay = 0, 0
		} else {
			if averaged {
				copy(tr.params, tr.live)
			}
			sinceBest++
			sinceDecay++
			if sinceDecay >= max(1, cfg.Patience/2) {
				tr.lr /= 2
				sinceDecay = 0
			}
		}
		hist = append(hist, st)
		tr.callback(st)
		if sinceBest >= cfg.Patience {
			break
		}
	}
	tr.restore(haveBest)
	return hist, nil
}

// swapInAverage saves the weights in tr.live and replaces them with their
// moving average.
func (tr *trainer[T]) swapInAverage() {
	copy(tr.live, tr.params)
	c := 1 / (1 - tr.avgDecay) // the average started from zero
	for i, v := range tr.avg {
		tr.params[i] = T(v * c)
	}
}

func (tr *trainer[T]) restore(haveBest bool) {
	if haveBest {
		copy(tr.params, tr.best)
	}
}

func (tr *trainer[T]) callback(st EpochStats) {
	if tr.cfg.Callback != nil {
		tr.cfg.Callback(st)
	}
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
