package seq2one

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// The benchmarks below mirror ../../shared/bench/torch_lstm.py, the PyTorch
// reference of issue 7: a one-layer LSTM with a linear head on the last
// hidden state, MSE, Adam, clipping at norm 1 (the trainer's default), on
// synthetic noisy multi-sine windows, 16 fixed mini-batches cycled in order.
// BenchmarkTrain times one training step (forward, backward, clipping,
// Adam) per mini-batch; BenchmarkPredict times the forward pass of a
// mini-batch (the trainer's loss-only path), as torch's no_grad inference
// does. Both report samples/s. bench/compare.sh runs them beside torch.

var benchConfigs = []struct{ in, hidden, window, batch int }{
	{1, 64, 48, 64},
	{1, 128, 168, 64},
	{16, 128, 168, 256},
}

// sineSource serves windows of the multi-sine series of torch_lstm.py:
// input k at time t is sin(0.05·t·(k+1)) + 0.1·N(0,1); the target is input
// 0 one step after the window.
type sineSource struct {
	in, steps int
	series    []float64 // (n+steps+1)×in
	n         int
}

func newSineSource(in, steps, n int) *sineSource {
	rng := rand.New(rand.NewPCG(1, 1))
	s := &sineSource{in: in, steps: steps, n: n, series: make([]float64, (n+steps+1)*in)}
	for t := 0; t < n+steps+1; t++ {
		for k := 0; k < in; k++ {
			s.series[t*in+k] = math.Sin(0.05*float64(t)*float64(k+1)) + 0.1*rng.NormFloat64()
		}
	}
	return s
}

func (s *sineSource) Len() int { return s.n }

func (s *sineSource) Window(i int, x []float64) float64 {
	copy(x[:s.steps*s.in], s.series[i*s.in:(i+s.steps)*s.in])
	return s.series[(i+s.steps)*s.in]
}

// benchTrainer returns a float32 trainer for one configuration with its
// workers started, and the shuffled window indices of 16 mini-batches.
func benchTrainer(b *testing.B, in, hidden, window, batch int) (*trainer[float32], []int) {
	b.Helper()
	const nb = 16
	cfg := (&Config{Hidden: hidden, Window: window, Batch: batch, Seed: 1, LearningRate: 1e-3}).withDefaults()
	tr := newTrainer[float32](shape{cell: LSTM, in: in, hidden: hidden, layers: 1}, window, cfg)
	tr.src = newSineSource(in, window, nb*batch)
	tr.alloc(batch, cfg.Workers)
	tr.startWorkers()
	b.Cleanup(tr.stopWorkers)
	idx := rand.New(rand.NewPCG(2, 2)).Perm(nb * batch)
	return tr, idx
}

func benchName(in, hidden, window, batch int) string {
	return fmt.Sprintf("I=%d/H=%d/T=%d/B=%d", in, hidden, window, batch)
}

func BenchmarkTrain(b *testing.B) {
	for _, c := range benchConfigs {
		b.Run(benchName(c.in, c.hidden, c.window, c.batch), func(b *testing.B) {
			tr, idx := benchTrainer(b, c.in, c.hidden, c.window, c.batch)
			nb := len(idx) / c.batch
			for i := range 3 { // warm up
				tr.step(idx[i*c.batch : (i+1)*c.batch])
			}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				j := i % nb * c.batch
				if loss, norm := tr.step(idx[j : j+c.batch]); !finite(loss) || !finite(norm) {
					b.Fatalf("step %d: loss %v, gradient norm %v", i, loss, norm)
				}
				i++
			}
			b.ReportMetric(float64(i*c.batch)/b.Elapsed().Seconds(), "samples/s")
		})
	}
}

func BenchmarkPredict(b *testing.B) {
	for _, c := range benchConfigs {
		b.Run(benchName(c.in, c.hidden, c.window, c.batch), func(b *testing.B) {
			tr, idx := benchTrainer(b, c.in, c.hidden, c.window, c.batch)
			nb := len(idx) / c.batch
			tr.evalLoss(idx[:c.batch])
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				j := i % nb * c.batch
				if loss := tr.evalLoss(idx[j : j+c.batch]); !finite(loss) {
					b.Fatalf("batch %d: loss %v", i, loss)
				}
				i++
			}
			b.ReportMetric(float64(i*c.batch)/b.Elapsed().Seconds(), "samples/s")
		})
	}
}
