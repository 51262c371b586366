package kern

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkSgemmPacked compares Gemm with GemmPacked (B packed once, as
// seq2one packs its weights once per mini-batch) on the per-step products
// of a 16-row shard: the forward [x_t, h_{t−1}, 1]·[Wx; Wh; b] and the
// recurrent gradient dZ_t·Whᵀ, which Gemm runs with its transposed-B dot
// kernel and GemmPacked with the broadcast kernel on the packed transpose.
//
//	go test -run '^$' -bench SgemmPacked ./internal/kern
func BenchmarkSgemmPacked(b *testing.B) {
	rnd := rand.New(rand.NewPCG(1, 1))
	for _, s := range []struct {
		name    string
		tB      bool
		m, n, k int
	}{
		{"fwd/s16-h64", false, 16, 256, 66},
		{"fwd/s16-h128-i16", false, 16, 512, 145},
		{"dH/s16-h64", true, 16, 64, 256},
		{"dH/s16-h128", true, 16, 128, 512},
	} {
		a := randSlice[float32](rnd, s.m*s.k)
		w := randSlice[float32](rnd, s.k*s.n) // op(B): k×n, or n×k when tB
		ldb := s.n
		if s.tB {
			ldb = s.k
		}
		bp := PackB(make([]float32, PackedLen[float32](s.k, s.n)), s.tB, s.k, s.n, w, ldb)
		c := make([]float32, s.m*s.n)
		flop := 2 * float64(s.m*s.n*s.k)
		b.Run(s.name+"/impl=gemm", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Gemm(false, s.tB, s.m, s.n, s.k, 1, a, s.k, w, ldb, 1, c, s.n)
			}
			b.ReportMetric(flop*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
		b.Run(s.name+"/impl=packed", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				GemmPacked(false, s.m, s.n, s.k, 1, a, s.k, bp, 1, c, s.n)
			}
			b.ReportMetric(flop*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
	}
}
