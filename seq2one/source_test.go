package seq2one

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"gonum.org/v1/gonum/floats/scalar"

	"github.com/tsforecast/tsforecast/forecast"
)

// testPipe returns a pipeline for a series without season or covariates,
// window L, horizon H, level span K and drift d.
func testPipe(L, H, K int, d float64) *pipe {
	return &pipe{Season: 1, Scale: 0.5, Steps: L, LevelSpan: K, Drift: d, Inputs: 1, Horizon: H}
}

// TestBaseline checks the baseline against its definition, written out
// directly: the one-step recursion that appends to the window the mean of
// its last K values plus d·(K−1)/2.
func TestBaseline(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	for _, test := range []struct{ L, H, K int }{
		{8, 5, 3}, {8, 12, 3}, {6, 4, 6}, {5, 9, 1}, {12, 24, 12},
	} {
		p := testPipe(test.L, test.H, test.K, 0.3)
		win := make([]float64, test.L)
		for i := range win {
			win[i] = float64(i) + rng.NormFloat64()
		}
		got := make([]float64, test.H)
		p.baseline(got, win)
		ext := append([]float64(nil), win...)
		for j := range got {
			var s float64
			for _, v := range ext[len(ext)-test.K:] {
				s += v
			}
			want := s/float64(test.K) + 0.3*float64(test.K-1)/2
			if !scalar.EqualWithinAbsOrRel(got[j], want, 1e-12, 1e-12) {
				t.Errorf("L=%d H=%d K=%d: baseline[%d] = %v, want %v", test.L, test.H, test.K, j, got[j], want)
			}
			ext = append(ext, want)
		}
		if got[0] != p.level(win) {
			t.Errorf("L=%d H=%d K=%d: baseline[0] = %v, want the window level %v", test.L, test.H, test.K, got[0], p.level(win))
		}
	}
}

// TestSeriesSourceSplit checks the windows of a single series: their
// count, the held-out tail (no training target in it, every tail value
// scored from every origin of a validation window before it up to H steps
// ahead), the targets relative to the baseline, and that serving a window
// does not allocate.
func TestSeriesSourceSplit(t *testing.T) {
	const n, L, H, K = 60, 10, 6, 4
	p := testPipe(L, H, K, 0.1)
	z := make([]float64, n)
	for i := range z {
		z[i] = math.Sin(float64(i)) + 0.1*float64(i)
	}
	for _, test := range []struct {
		vf float64
		V  int
	}{
		{0, H},     // default: the last Horizon values
		{0.25, 15}, // round(0.25·60)
		{-1, 0},    // none
	} {
		src := newSeriesSource(p, z, nil)
		nw := src.Len()
		if nw != n-L-H+1 {
			t.Fatalf("Len() = %d, want %d", nw, n-L-H+1)
		}
		trainIdx, valIdx := src.split(test.vf)
		if len(trainIdx) != nw-test.V || len(valIdx) != test.V {
			t.Fatalf("ValFraction %v: %d training and %d validation windows, want %d and %d", test.vf, len(trainIdx), len(valIdx), nw-test.V, test.V)
		}
		x := make([]float64, L)
		y := make([]float64, H)
		b := make([]float64, H)
		scored := make([]int, n) // forecasts of each time the validation scores
		for i := 0; i < nw; i++ {
			src.WindowTo(i, x, y)
			p.baseline(b, z[i:i+L])
			val := i >= len(trainIdx)
			for k, v := range y {
				tm := i + L + k
				switch {
				case math.IsNaN(v):
					if !val || tm >= n-test.V {
						t.Fatalf("ValFraction %v: window %d target %d (time %d) masked", test.vf, i, k, tm)
					}
				case !val && tm >= n-test.V:
					t.Fatalf("ValFraction %v: training window %d has a target at time %d in the held-out tail", test.vf, i, tm)
				case val && tm < n-test.V:
					t.Fatalf("ValFraction %v: validation window %d scores time %d before the tail", test.vf, i, tm)
				case !scalar.EqualWithinAbsOrRel(v, (z[tm]-b[k])/p.Scale, 1e-12, 1e-12):
					t.Fatalf("window %d target %d = %v, want %v", i, k, v, (z[tm]-b[k])/p.Scale)
				default:
					if val {
						scored[tm]++
					}
				}
			}
			if val && test.V <= H && i+L > n-test.V {
				t.Fatalf("validation window %d reads inputs from the held-out tail", i)
			}
		}
		// Time tm is forecast once from each validation origin T (window
		// T−L) with T ≤ tm ≤ T+H−1.
		lo, hi := len(trainIdx)+L, nw-1+L
		for tm := n - test.V; tm < n; tm++ {
			if want := min(tm, hi) - max(tm-H+1, lo) + 1; scored[tm] != want {
				t.Errorf("ValFraction %v: time %d scored %d times, want %d", test.vf, tm, scored[tm], want)
			}
		}
		if a := testing.AllocsPerRun(20, func() { src.WindowTo(nw-1, x, y) }); a != 0 {
			t.Errorf("WindowTo allocates %v times per call", a)
		}
	}
}

// TestMaskedLoss checks that NaN targets add nothing to the validation
// loss: it is the mean over the other terms.
func TestMaskedLoss(t *testing.T) {
	s := shape{cell: LSTM, in: 1, hidden: 2, layers: 1, out: 3}
	ws := newWorkspace[float64](s, 2, 1)
	copy(ws.y, []float64{1, 2, 3, 4, 5, 6})
	copy(ws.t, []float64{0, math.NaN(), 1, math.NaN(), math.NaN(), 3})
	for _, test := range []struct {
		loss Loss
		want float64 // mean over the terms 0, 2 and 5
	}{
		{MSE, (1 + 4 + 9) / 3.0},
		{MAE, (1 + 2 + 3) / 3.0},
		{Huber, (0.5 + 1.5 + 2.5) / 3.0},
	} {
		sum, rows := lossOnly(test.loss, ws, 2)
		if got := sum / rows; !scalar.EqualWithinAbsOrRel(got, test.want, 1e-12, 1e-12) {
			t.Errorf("%v: masked loss %v, want %v", test.loss, got, test.want)
		}
	}
}

// TestStartAtBaseline checks that a network started at the baseline
// outputs exactly zero, and that a model whose validation never improves
// on it (a learning rate too small to move the weights) keeps epoch 0 and
// forecasts the baseline.
func TestStartAtBaseline(t *testing.T) {
	sh := shape{cell: LSTM, in: 3, hidden: 8, layers: 2, out: 4}
	e := newEngine(sh, 5, (&Config{Seed: 3}).withDefaults(), 0)
	e.startAtBaseline()
	x := make([]float64, 5*3)
	for i := range x {
		x[i] = float64(i%7) - 3
	}
	y := make([]float64, 4)
	e.predictTo(x, nil, y)
	for k, v := range y {
		if v != 0 {
			t.Fatalf("output %d of a network started at the baseline = %v, want 0", k, v)
		}
	}

	n := 80
	s := syntheticSeries(n)
	m := New(&Config{Season: 12, LearningRate: 1e-300, Epochs: 3, Seed: 1})
	if err := m.Fit(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	zeros := 0
	for _, st := range m.History() {
		if st.Epoch == 0 {
			zeros++
		}
		if st.Epoch == 0 && (!st.Best || math.IsNaN(st.ValLoss)) {
			t.Fatalf("member %d: epoch 0 %+v, want a validation loss, marked Best", st.Member, st)
		}
		if st.Epoch > 0 && st.Best {
			t.Fatalf("member %d: epoch %d marked Best with a learning rate of 1e-300", st.Member, st.Epoch)
		}
	}
	if zeros != len(m.ens) {
		t.Fatalf("%d members report epoch 0, want all %d", zeros, len(m.ens))
	}
	fc, err := m.Predict(nil, 30)
	if err != nil {
		t.Fatal(err)
	}
	p := &m.pipe
	z := append([]float64(nil), p.LastZ...)
	b := make([]float64, p.Horizon)
	for done := 0; done < len(fc); done += p.Horizon {
		p.baseline(b, z[len(z)-p.Steps:])
		for k := 0; k < p.Horizon && done+k < len(fc); k++ {
			if want := p.inverse(b[k], p.N+done+k); !scalar.EqualWithinAbsOrRel(fc[done+k], want, 1e-12, 1e-12) {
				t.Fatalf("forecast %d = %v, want the baseline %v", done+k, fc[done+k], want)
			}
		}
		z = append(z, b...)
	}
}

// syntheticSeries returns a trending seasonal positive series of n monthly
// values.
func syntheticSeries(n int) *forecast.Series {
	rng := rand.New(rand.NewPCG(5, 5))
	v := make([]float64, n)
	for i := range v {
		v[i] = 100 * math.Exp(0.01*float64(i)+0.2*math.Sin(2*math.Pi*float64(i)/12)+0.03*rng.NormFloat64())
	}
	return &forecast.Series{ID: "s", Values: v}
}

// TestAverage checks the moving average of the weights: with weights that
// do not move it equals them (the bias correction of an average started
// at zero), and training with it is deterministic.
func TestAverage(t *testing.T) {
	cfg := (&Config{Hidden: 4, Average: 0.9, Seed: 1, Epochs: 6, Patience: 10}).withDefaults()
	tr := newTrainer[float64](shape{cell: LSTM, in: 2, hidden: 4, layers: 1}, 8, cfg)
	tr.avg = make([]float64, len(tr.params))
	tr.live = make([]float64, len(tr.params))
	tr.avgDecay = 1
	want := append([]float64(nil), tr.params...)
	for range 5 {
		b := cfg.Average
		tr.avgDecay *= b
		for i, p := range tr.params {
			tr.avg[i] = b*tr.avg[i] + (1-b)*p
		}
	}
	tr.swapInAverage()
	for i := range want {
		if !scalar.EqualWithinAbsOrRel(tr.params[i], want[i], 1e-14, 1e-12) {
			t.Fatalf("average of constant weights: param %d = %v, want %v", i, tr.params[i], want[i])
		}
	}

	run := func() ([]EpochStats, []float64) {
		src := newNoisySource(150, 8, 2)
		tr := newTrainer[float64](shape{cell: LSTM, in: 2, hidden: 4, layers: 1}, 8, cfg)
		h, err := tr.train(context.Background(), src, indices(0, 110), indices(110, src.Len()), time.Now())
		if err != nil {
			t.Fatal(err)
		}
		return h, tr.params
	}
	h1, p1 := run()
	h2, p2 := run()
	for i := range p1 {
		if p1[i] != p2[i] {
			t.Fatalf("two runs with averaging: param %d = %v and %v", i, p1[i], p2[i])
		}
	}
	for i := range h1 {
		if h1[i].ValLoss != h2[i].ValLoss || h1[i].Averaged != h2[i].Averaged {
			t.Fatalf("epoch %d differs between runs", h1[i].Epoch)
		}
	}
}
