package kern

import (
	"math"
	"math/rand/v2"
	"testing"
)

// checkPacked checks GemmPacked against Gemm on every case of gemmCases:
// with B packed as is (or, for tB, from an explicitly transposed copy) the
// two run the same kernels in the same order, so the results must be
// bit-identical; with B packed straight from its transpose by PackB the
// packed product must equal that too (packing only moves elements).
// Padding between rows of C must be left alone.
func checkPacked[T Float](t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 3))
	for _, tc := range gemmCases() {
		if tc.tA && tc.tB {
			continue
		}
		ar, ac := tc.m, tc.k
		if tc.tA {
			ar, ac = tc.k, tc.m
		}
		lda, ldc := max(1, ac+tc.pad), tc.n+tc.pad
		a := randSlice[T](rnd, max(0, (ar-1)*lda+ac))
		// b is k×n (row-major, stride ldb); bt is its transpose (n×k).
		ldb, ldbt := max(1, tc.n+tc.pad), max(1, tc.k+tc.pad)
		b := randSlice[T](rnd, max(0, (tc.k-1)*ldb+tc.n))
		bt := make([]T, max(0, (tc.n-1)*ldbt+tc.k))
		for p := 0; p < tc.k; p++ {
			for j := 0; j < tc.n; j++ {
				bt[j*ldbt+p] = b[p*ldb+j]
			}
		}
		c0 := randSlice[T](rnd, max(0, (tc.m-1)*ldc+tc.n))
		if tc.pad > 0 {
			for i := 0; i+1 < tc.m; i++ {
				for j := tc.n; j < ldc; j++ {
					c0[i*ldc+j] = T(math.NaN())
				}
			}
		}
		alpha, beta := T(tc.alpha), T(tc.beta)
		want := append([]T(nil), c0...)
		Gemm(tc.tA, false, tc.m, tc.n, tc.k, alpha, a, lda, b, ldb, beta, want, ldc)

		buf := make([]T, PackedLen[T](tc.k, tc.n)+5)
		for i := range buf {
			buf[i] = T(math.NaN()) // packing must overwrite the padding
		}
		for _, fromT := range []bool{false, true} {
			var bp []T
			if fromT {
				bp = PackB(buf, true, tc.k, tc.n, bt, ldbt)
			} else {
				bp = PackB(buf, false, tc.k, tc.n, b, ldb)
			}
			got := append([]T(nil), c0...)
			GemmPacked(tc.tA, tc.m, tc.n, tc.k, alpha, a, lda, bp, beta, got, ldc)
			for i := range got {
				if math.Float64bits(float64(got[i])) != math.Float64bits(float64(want[i])) {
					t.Errorf("%+v packed from transpose %v: c[%d] = %v, Gemm gives %v", tc, fromT, i, got[i], want[i])
					break
				}
			}
		}
	}
}

func TestGemmPacked(t *testing.T) {
	t.Run("float32", checkPacked[float32])
	t.Run("float64", checkPacked[float64])
	withPortable(t, func(t *testing.T) {
		t.Run("portable/float32", checkPacked[float32])
		t.Run("portable/float64", checkPacked[float64])
	})
}

// TestGemmPackedFastMatchesPortable compares the two paths of GemmPacked
// on the LSTM's shapes within the float32 rounding of a length-k sum.
func TestGemmPackedFastMatchesPortable(t *testing.T) {
	if !useAsm {
		t.Skip("no assembly kernels on this CPU or build")
	}
	rnd := rand.New(rand.NewPCG(4, 4))
	for _, s := range []struct {
		tA      bool
		m, n, k int
	}{
		{false, 16, 256, 66},   // forward step of a 16-row shard, 1/64
		{false, 16, 64, 256},   // recurrent gradient dZ·Whᵀ
		{true, 66, 256, 768},   // [X,H,1]ᵀ·dZ over 48 steps
		{false, 16, 512, 145},  // forward, 16/128
		{true, 145, 512, 2688}, // dW over 168 steps
	} {
		ar, ac := s.m, s.k
		if s.tA {
			ar, ac = s.k, s.m
		}
		a := randSlice[float32](rnd, ar*ac)
		b := randSlice[float32](rnd, s.k*s.n)
		bp := PackB(make([]float32, PackedLen[float32](s.k, s.n)), false, s.k, s.n, b, s.n)
		c0 := randSlice[float32](rnd, s.m*s.n)
		fast := append([]float32(nil), c0...)
		GemmPacked(s.tA, s.m, s.n, s.k, 1, a, ac, bp, 1, fast, s.n)
		useAsm = false
		slow := append([]float32(nil), c0...)
		GemmPacked(s.tA, s.m, s.n, s.k, 1, a, ac, bp, 1, slow, s.n)
		useAsm = true
		var maxDiff float64
		for i := range fast {
			maxDiff = max(maxDiff, math.Abs(float64(fast[i]-slow[i])))
		}
		if tol := 1e-5 * math.Sqrt(float64(s.k)); maxDiff > tol {
			t.Errorf("GemmPacked(%+v): fast and portable differ by %g, want ≤ %g", s, maxDiff, tol)
		}
	}
}

func TestGemmPackedPanics(t *testing.T) {
	a := make([]float32, 64)
	for _, tc := range []struct {
		name string
		f    func()
	}{
		{"negative k", func() { PackB(a, false, -1, 2, a, 2) }},
		{"short dst", func() { PackB(a[:16], false, 2, 2, a, 2) }},
		{"short b", func() { PackB(a, true, 2, 5, a[:8], 2) }},
		{"ldb < n", func() { PackB(a, false, 2, 3, a, 2) }},
		{"short packed", func() { GemmPacked(false, 2, 2, 3, 1, a, 3, a[:47], 0, a, 2) }},
		{"short a", func() { GemmPacked(true, 2, 2, 3, 1, a[:5], 2, a, 0, a, 2) }},
		{"short c", func() { GemmPacked(false, 2, 2, 2, 1, a, 2, a, 0, a[:3], 2) }},
	} {
		if !panics(tc.f) {
			t.Errorf("%s did not panic", tc.name)
		}
	}
}

func TestGemmPackedAllocs(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 1))
	a := randSlice[float32](rnd, 768*145)
	b := randSlice[float32](rnd, 145*512)
	bp := make([]float32, PackedLen[float32](768, 512))
	c := make([]float32, 145*512)
	if n := testing.AllocsPerRun(5, func() {
		PackB(bp, false, 145, 512, b, 512)
		GemmPacked(false, 16, 512, 145, 1, a, 145, bp, 0, c, 512)
		GemmPacked(true, 145, 512, 16, 1, a, 145, bp, 1, c, 512)
	}); n != 0 {
		t.Errorf("PackB and GemmPacked allocate %v times per call", n)
	}
}
