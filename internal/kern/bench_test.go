package kern

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

// benchShapes are the LSTM's GEMMs for hidden sizes 64 and 128: forward
// [x,h]·W (NN), dW = [x,h]ᵀ·dG (TN) and d[x,h] = dG·Wᵀ (NT), with a batch
// of 64 or a 32-row shard.
var benchShapes = []struct {
	name    string
	tA, tB  bool
	m, n, k int
}{
	{"fwd/b64-h64", false, false, 64, 256, 65},
	{"fwd/b32-h128", false, false, 32, 512, 129},
	{"fwd/b128-h128-i16", false, false, 128, 512, 144},
	{"dW/b64-h64", true, false, 65, 256, 64},
	{"dW/b128-h128-i16", true, false, 144, 512, 128},
	{"dXH/b64-h64", false, true, 64, 65, 256},
	{"dXH/b128-h128-i16", false, true, 128, 144, 512},
	// seq2one's 16-row shards, hidden 64, window 48.
	{"fwd/s16-h64", false, false, 16, 256, 64},
	{"dW/s16-h64-t47", true, false, 64, 256, 752},
	{"dH/s16-h64", false, true, 16, 64, 256},
	// hidden 128, window 168: dW over 167 steps of a 16-row shard.
	{"dW/s16-h128-t167", true, false, 128, 512, 2672},
}

func BenchmarkSgemm(b *testing.B) { benchGemm[float32](b) }
func BenchmarkDgemm(b *testing.B) { benchGemm[float64](b) }

func benchGemm[T Float](b *testing.B) {
	rnd := rand.New(rand.NewPCG(1, 1))
	impl := gonum.Implementation{}
	for _, s := range benchShapes {
		ar, ac := s.m, s.k
		if s.tA {
			ar, ac = s.k, s.m
		}
		br, bc := s.k, s.n
		if s.tB {
			br, bc = s.n, s.k
		}
		x := randSlice[T](rnd, ar*ac)
		y := randSlice[T](rnd, br*bc)
		c := make([]T, s.m*s.n)
		flop := 2 * float64(s.m*s.n*s.k)
		report := func(b *testing.B) {
			b.ReportMetric(flop*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		}
		b.Run(s.name+"/impl=kern", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Gemm(s.tA, s.tB, s.m, s.n, s.k, 1, x, ac, y, bc, 1, c, s.n)
			}
			report(b)
		})
		b.Run(s.name+"/impl=portable", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				gemmGeneric(s.tA, s.tB, s.m, s.n, s.k, 1, x, ac, y, bc, 1, c, s.n)
			}
			report(b)
		})
		tA, tB := blas.NoTrans, blas.NoTrans
		if s.tA {
			tA = blas.Trans
		}
		if s.tB {
			tB = blas.Trans
		}
		b.Run(s.name+"/impl=gonum", func(b *testing.B) {
			b.ReportAllocs()
			switch any(x).(type) {
			case []float32:
				x, y, c := f32(x), f32(y), f32(c)
				for b.Loop() {
					impl.Sgemm(tA, tB, s.m, s.n, s.k, 1, x, ac, y, bc, 1, c, s.n)
				}
			case []float64:
				x, y, c := f64(x), f64(y), f64(c)
				for b.Loop() {
					impl.Dgemm(tA, tB, s.m, s.n, s.k, 1, x, ac, y, bc, 1, c, s.n)
				}
			}
			report(b)
		})
	}
}

func BenchmarkActivation(b *testing.B) {
	for _, n := range []int{256, 4096} {
		rnd := rand.New(rand.NewPCG(1, 1))
		x := randSlice[float32](rnd, n)
		for i := range x {
			x[i] *= 8
		}
		dst := make([]float32, n)
		x64 := make([]float64, n)
		for i := range x {
			x64[i] = float64(x[i])
		}
		dst64 := make([]float64, n)
		perElem := func(b *testing.B) {
			b.ReportMetric(b.Elapsed().Seconds()*1e9/float64(b.N)/float64(n), "ns/elem")
		}
		b.Run(fmt.Sprintf("Tanh/float32/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Tanh(dst, x)
			}
			perElem(b)
		})
		b.Run(fmt.Sprintf("Sigmoid/float32/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Sigmoid(dst, x)
			}
			perElem(b)
		})
		b.Run(fmt.Sprintf("Tanh/float32-portable/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				tanh32Generic(dst, x, false)
			}
			perElem(b)
		})
		b.Run(fmt.Sprintf("Tanh/float64/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Tanh(dst64, x64)
			}
			perElem(b)
		})
	}
}

func BenchmarkLSTMCell(b *testing.B) {
	for _, h := range []int{64, 128} {
		const n = 16
		rnd := rand.New(rand.NewPCG(1, 1))
		z0 := randSlice[float32](rnd, n*4*h)
		z := make([]float32, len(z0))
		c, tc, ho := make([]float32, n*h), make([]float32, n*h), make([]float32, n*h)
		cp, dh, dc := randSlice[float32](rnd, n*h), randSlice[float32](rnd, n*h), make([]float32, n*h)
		dz := make([]float32, n*4*h)
		perUnit := func(b *testing.B) {
			b.ReportMetric(b.Elapsed().Seconds()*1e9/float64(b.N)/float64(n*h), "ns/unit")
		}
		b.Run(fmt.Sprintf("forward/n=%d/h=%d", n, h), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				copy(z, z0)
				LSTMCell(z, c, tc, ho, cp, n, h)
			}
			perUnit(b)
		})
		b.Run(fmt.Sprintf("backward/n=%d/h=%d", n, h), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				LSTMCellBackward(dz, dc, z, tc, cp, dh, n, h)
			}
			perUnit(b)
		})
		b.Run(fmt.Sprintf("backward-portable/n=%d/h=%d", n, h), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				lstmBackwardGeneric(dz, dc, z, tc, cp, dh, 0, n, h)
			}
			perUnit(b)
		})
	}
}

func BenchmarkAddRows(b *testing.B) {
	const rows, cols = 768, 256 // bias gradient of a 16-row shard over 48 steps, hidden 64
	rnd := rand.New(rand.NewPCG(1, 1))
	a := randSlice[float32](rnd, rows*cols)
	dst := make([]float32, cols)
	b.Run("kern", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			AddRows(dst, a, rows, cols)
		}
	})
	b.Run("loop", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for r := range rows {
				row := a[r*cols : (r+1)*cols]
				for j, v := range row {
					dst[j] += v
				}
			}
		}
	})
}
