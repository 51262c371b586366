package kern

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// refGemm computes alpha·op(A)·op(B) + beta·C exactly enough in float64 and,
// for each element, the magnitude |alpha|·Σ|a||b| + |beta·c| that bounds the
// rounding error of any summation order.
func refGemm[T Float](tA, tB bool, m, n, k int, alpha T, a []T, lda int, b []T, ldb int, beta T, c []T, ldc int) (want, mag []float64) {
	want = make([]float64, m*n)
	mag = make([]float64, m*n)
	for i := range m {
		for j := range n {
			var s, sa float64
			for l := range k {
				var av, bv T
				if tA {
					av = a[l*lda+i]
				} else {
					av = a[i*lda+l]
				}
				if tB {
					bv = b[j*ldb+l]
				} else {
					bv = b[l*ldb+j]
				}
				s += float64(av) * float64(bv)
				sa += math.Abs(float64(av) * float64(bv))
			}
			w := float64(alpha) * s
			mg := math.Abs(float64(alpha)) * sa
			if beta != 0 {
				w += float64(beta) * float64(c[i*ldc+j])
				mg += math.Abs(float64(beta) * float64(c[i*ldc+j]))
			}
			want[i*n+j], mag[i*n+j] = w, mg
		}
	}
	return want, mag
}

// kcTest is the k chunk of the assembly path (256), or smaller.
const kcTest = 256

func randSlice[T Float](rnd *rand.Rand, n int) []T {
	s := make([]T, n)
	for i := range s {
		s[i] = T(rnd.Float64()*2 - 1)
	}
	return s
}

type gemmCase struct {
	tA, tB      bool
	m, n, k     int
	pad         int
	alpha, beta float64
}

func gemmCases() []gemmCase {
	var cases []gemmCase
	dims := [][3]int{
		{1, 1, 1}, {1, 16, 1}, {6, 16, 1}, {6, 16, 8}, {5, 15, 7}, {7, 17, 9},
		{2, 3, 4}, {13, 33, 17}, {12, 32, 16}, {4, 3, 8}, {3, 40, 24}, {11, 7, 31},
		{64, 256, 65}, {65, 257, 33}, {32, 512, 144}, {31, 100, 129}, {64, 65, 256},
		{17, 9, 3}, {1, 300, 70}, {300, 1, 70}, {24, 24, 0}, {20, 40, 600}, {7, 17, 513},
	}
	for _, d := range dims {
		for _, tr := range [][2]bool{{false, false}, {true, false}, {false, true}, {true, true}} {
			for _, ab := range [][2]float64{{1, 0}, {1, 1}, {-0.5, 0.7}, {2, 0}, {0, 0.5}} {
				for _, pad := range []int{0, 3} {
					cases = append(cases, gemmCase{tr[0], tr[1], d[0], d[1], d[2], pad, ab[0], ab[1]})
				}
			}
		}
	}
	return cases
}

// checkGemmPath runs Gemm on every case and checks the result against a
// float64 reference within the worst-case summation error bound
// γ(k+2)·(|alpha|·Σ|a||b| + |beta·c|) (Higham, Accuracy and Stability of
// Numerical Algorithms, 2nd ed., §3.5), that padding between rows is left
// alone, and that a second call is bit-identical.
func checkGemmPath[T Float](t *testing.T, eps float64) {
	rnd := rand.New(rand.NewPCG(1, 1))
	for _, tc := range gemmCases() {
		ar, ac := tc.m, tc.k
		if tc.tA {
			ar, ac = tc.k, tc.m
		}
		br, bc := tc.k, tc.n
		if tc.tB {
			br, bc = tc.n, tc.k
		}
		lda, ldb, ldc := max(1, ac+tc.pad), max(1, bc+tc.pad), tc.n+tc.pad
		a := randSlice[T](rnd, max(1, ar*lda))
		b := randSlice[T](rnd, max(1, br*ldb))
		c0 := randSlice[T](rnd, tc.m*ldc)
		alpha, beta := T(tc.alpha), T(tc.beta)
		want, mag := refGemm(tc.tA, tc.tB, tc.m, tc.n, tc.k, alpha, a, lda, b, ldb, beta, c0, ldc)
		c := append([]T(nil), c0...)
		if beta == 0 {
			for i := range tc.m {
				c[i*ldc] = T(math.NaN()) // must not be read
			}
		}
		Gemm(tc.tA, tc.tB, tc.m, tc.n, tc.k, alpha, a, lda, b, ldb, beta, c, ldc)
		// Chunks of k (see kc) add two roundings each.
		nr := float64(tc.k + 2 + 2*((tc.k+kcTest-1)/kcTest))
		gamma := nr * eps / (1 - nr*eps)
		name := fmt.Sprintf("Gemm(tA=%v, tB=%v, m=%d, n=%d, k=%d, pad=%d, alpha=%v, beta=%v)", tc.tA, tc.tB, tc.m, tc.n, tc.k, tc.pad, tc.alpha, tc.beta)
		for i := range tc.m {
			for j := range ldc {
				got := float64(c[i*ldc+j])
				if j >= tc.n {
					if c[i*ldc+j] != c0[i*ldc+j] {
						t.Fatalf("%s wrote padding C[%d][%d]", name, i, j)
					}
					continue
				}
				w := want[i*tc.n+j]
				// The final rounding to T adds eps·|w|.
				if tol := gamma*mag[i*tc.n+j] + eps*math.Abs(w); !(math.Abs(got-w) <= tol) {
					t.Fatalf("%s: C[%d][%d] = %v, want %v ± %v", name, i, j, got, w, tol)
				}
			}
		}
		again := append([]T(nil), c0...)
		Gemm(tc.tA, tc.tB, tc.m, tc.n, tc.k, alpha, a, lda, b, ldb, beta, again, ldc)
		for i := range c {
			if again[i] != c[i] && !(c[i] != c[i] && again[i] != again[i]) {
				t.Fatalf("%s is not deterministic at %d: %v then %v", name, i, c[i], again[i])
			}
		}
	}
}

// withPortable runs f with the assembly kernels switched off.
func withPortable(t *testing.T, f func(t *testing.T)) {
	saved := useAsm
	useAsm = false
	defer func() { useAsm = saved }()
	f(t)
}

func TestGemm(t *testing.T) {
	t.Logf("assembly kernels: %v", useAsm)
	const eps32, eps64 = 0x1p-24, 0x1p-53
	t.Run("float32", func(t *testing.T) { checkGemmPath[float32](t, eps32) })
	t.Run("float64", func(t *testing.T) { checkGemmPath[float64](t, eps64) })
	t.Run("portable/float32", func(t *testing.T) { withPortable(t, func(t *testing.T) { checkGemmPath[float32](t, eps32) }) })
	t.Run("portable/float64", func(t *testing.T) { withPortable(t, func(t *testing.T) { checkGemmPath[float64](t, eps64) }) })
}

// TestGemmFastMatchesPortable compares the two paths directly on the
// LSTM's shapes.
func TestGemmFastMatchesPortable(t *testing.T) {
	if !useAsm {
		t.Skip("no assembly kernels on this CPU or build")
	}
	rnd := rand.New(rand.NewPCG(2, 2))
	for _, s := range []struct {
		tA, tB  bool
		m, n, k int
	}{
		{false, false, 64, 256, 65}, // forward, 1/64
		{true, false, 65, 256, 64},  // dW
		{false, true, 64, 65, 256},  // d[x,h]
		{false, false, 128, 512, 144},
		{true, false, 144, 512, 128},
		{false, true, 128, 144, 512},
	} {
		ar, ac := s.m, s.k
		if s.tA {
			ar, ac = s.k, s.m
		}
		br, bc := s.k, s.n
		if s.tB {
			br, bc = s.n, s.k
		}
		a := randSlice[float32](rnd, ar*ac)
		b := randSlice[float32](rnd, br*bc)
		c0 := randSlice[float32](rnd, s.m*s.n)
		fast := append([]float32(nil), c0...)
		slow := append([]float32(nil), c0...)
		Gemm(s.tA, s.tB, s.m, s.n, s.k, 1, a, ac, b, bc, 1, fast, s.n)
		gemmGeneric(s.tA, s.tB, s.m, s.n, s.k, 1, a, ac, b, bc, 1, slow, s.n)
		var maxDiff float64
		for i := range fast {
			maxDiff = max(maxDiff, math.Abs(float64(fast[i]-slow[i])))
		}
		// Entries are sums of k products of magnitude ≤ 1, typically of size
		// √k; two float32 summation orders differ by a few ulps of that.
		if tol := 1e-5 * math.Sqrt(float64(s.k)); maxDiff > tol {
			t.Errorf("Gemm(%+v): fast and portable differ by %g, want ≤ %g", s, maxDiff, tol)
		}
	}
}

func TestGemmPanics(t *testing.T) {
	a := make([]float32, 12)
	for _, tc := range []struct {
		name string
		f    func()
	}{
		{"negative m", func() { Gemm(false, false, -1, 2, 2, 1, a, 2, a, 2, 0, a, 2) }},
		{"lda < k", func() { Gemm(false, false, 2, 2, 3, 1, a, 2, a, 2, 0, a, 2) }},
		{"short a", func() { Gemm(false, false, 5, 2, 3, 1, a, 3, a, 2, 0, a[:2], 2) }},
		{"short b", func() { Gemm(false, true, 2, 5, 3, 1, a, 3, a, 3, 0, a, 5) }},
		{"short c", func() { Gemm(false, false, 2, 2, 2, 1, a, 2, a, 2, 0, a[:3], 2) }},
		{"ldc < n", func() { Gemm(false, false, 2, 3, 2, 1, a, 2, a, 3, 0, a, 2) }},
	} {
		if !panics(tc.f) {
			t.Errorf("Gemm with %s did not panic", tc.name)
		}
	}
}

func panics(f func()) (p bool) {
	defer func() { p = recover() != nil }()
	f()
	return false
}

func TestGemmAllocs(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 1))
	a := randSlice[float32](rnd, 64*144)
	b := randSlice[float32](rnd, 144*512)
	c := make([]float32, 144*512)
	for _, tc := range []struct {
		name string
		f    func()
	}{
		{"NN", func() { Gemm(false, false, 64, 512, 144, 1, a, 144, b, 512, 1, c, 512) }},
		{"TN", func() { Gemm(true, false, 144, 512, 64, 1, a, 144, b, 512, 1, c, 512) }},
		{"NT", func() { Gemm(false, true, 63, 143, 64, 1, a, 144, b, 512, 0, c, 512) }},
		{"Tanh", func() { Tanh(c[:1001], c[:1001]) }},
		{"Sigmoid", func() { Sigmoid(c[:1001], c[:1001]) }},
		{"AddRows", func() { AddRows(c[:256], b[:48*256], 48, 256) }},
	} {
		if n := testing.AllocsPerRun(10, tc.f); n != 0 {
			t.Errorf("%s allocates %v times per call, want 0", tc.name, n)
		}
	}
}
