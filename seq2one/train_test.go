package seq2one

import (
	"context"
	"math"
	"math/rand/v2"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tsforecast/tsforecast/features"
	"github.com/tsforecast/tsforecast/forecast"
)

// noisySource serves windows of a random walk; when poison is set, the
// target of every window is NaN.
type noisySource struct {
	x      []float64
	steps  int
	in     int
	poison atomic.Bool
}

func newNoisySource(n, steps, in int) *noisySource {
	rng := rand.New(rand.NewPCG(1, 1))
	s := &noisySource{x: make([]float64, n*in), steps: steps, in: in}
	for i := range s.x {
		s.x[i] = rng.NormFloat64()
	}
	return s
}

func (s *noisySource) Len() int { return len(s.x)/s.in - s.steps }

func (s *noisySource) Window(i int, x []float64) float64 {
	copy(x, s.x[i*s.in:(i+s.steps)*s.in])
	if s.poison.Load() {
		return math.NaN()
	}
	return 0.5*s.x[(i+s.steps-1)*s.in] + 0.1
}

func indices(a, b int) []int {
	out := make([]int, b-a)
	for i := range out {
		out[i] = a + i
	}
	return out
}

// TestTrainStepAllocs checks that a training step (forward, backward,
// gradient reduction, clipping, Adam, the moving average of the weights)
// does not allocate, with one and two workers.
func TestTrainStepAllocs(t *testing.T) {
	for _, workers := range []int{1, 2} {
		cfg := (&Config{Hidden: 16, Layers: 2, Batch: 32, Workers: workers, Average: 0.99}).withDefaults()
		src := newNoisySource(200, 12, 3)
		tr := newTrainer[float32](shape{cell: LSTM, in: 3, hidden: 16, layers: 2}, 12, cfg)
		tr.avg = make([]float64, len(tr.params))
		tr.avgDecay = 1
		tr.src = src
		tr.alloc(32, workers)
		tr.startWorkers()
		batch := indices(0, 32)
		tr.step(batch)
		allocs := testing.AllocsPerRun(10, func() { tr.step(batch) })
		val := indices(100, 150)
		vallocs := testing.AllocsPerRun(10, func() { tr.evalLoss(val) })
		tr.stopWorkers()
		if allocs != 0 || vallocs != 0 {
			t.Errorf("workers=%d: training step allocates %v times, validation %v, want 0", workers, allocs, vallocs)
		}
	}
}

// TestDivergenceRecovery poisons the targets from epoch 4 on: every later
// epoch must be reported as diverged, the best weights (from before the
// poison) restored, the learning rate halved each time, and training must
// stop after maxDivergences such epochs without an error.
func TestDivergenceRecovery(t *testing.T) {
	src := newNoisySource(120, 8, 2)
	var hist []EpochStats
	cfg := (&Config{Hidden: 8, Epochs: 50, Patience: 50, Seed: 1}).withDefaults()
	cfg.Callback = func(st EpochStats) {
		hist = append(hist, st)
		if st.Epoch == 3 {
			src.poison.Store(true)
		}
	}
	tr := newTrainer[float64](shape{cell: LSTM, in: 2, hidden: 8, layers: 1}, 8, cfg)
	_, err := tr.train(context.Background(), src, indices(0, 90), indices(90, src.Len()), time.Now())
	if err != nil {
		t.Fatalf("train: %v", err)
	}
	if len(hist) != 3+maxDivergences {
		t.Fatalf("%d epochs ran, want %d", len(hist), 3+maxDivergences)
	}
	for i, st := range hist {
		if st.Diverged != (i >= 3) {
			t.Errorf("epoch %d: Diverged = %v", st.Epoch, st.Diverged)
		}
	}
	if hist[5].LearningRate != hist[2].LearningRate/4 {
		t.Errorf("learning rate after two divergences %v, want %v", hist[5].LearningRate, hist[2].LearningRate/4)
	}
	for i := range tr.params {
		if tr.params[i] != tr.best[i] || math.IsNaN(tr.params[i]) {
			t.Fatalf("params[%d] = %v, best %v: best weights not restored", i, tr.params[i], tr.best[i])
		}
	}
}

// TestWindowAllocs checks that drawing a training window of a series with
// covariates, Fourier and calendar features does not allocate.
func TestWindowAllocs(t *testing.T) {
	p := &pipe{Season: 24, Scale: 2, Fourier: 2, Steps: 48, LevelSpan: 1,
		CovNames: []string{"c"}, CovScale: make([]features.Standard, 1),
		Calendar: []features.CalendarFeature{features.DayOfWeek},
		Freq:     forecast.Hourly, FirstTime: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	p.Inputs = 1 + 1 + 2*p.Fourier + 2
	src := &seriesSource{p: p, z: make([]float64, 200), cov: make([]float64, 200)}
	x := make([]float64, p.Steps*p.Inputs)
	if a := testing.AllocsPerRun(10, func() { src.Window(17, x) }); a != 0 {
		t.Errorf("Window allocates %v times, want 0", a)
	}
}
