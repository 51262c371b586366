package features

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestACFFFT checks that the FFT route agrees with direct summation.
func TestACFFFT(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	for _, n := range []int{2, 3, 100, 1000, 4097} {
		x := make([]float64, n)
		for i := range x {
			x[i] = 5 + math.Sin(float64(i)/3) + rng.NormFloat64()
		}
		var mean, c0 float64
		for _, v := range x {
			mean += v
		}
		mean /= float64(n)
		for _, v := range x {
			c0 += (v - mean) * (v - mean)
		}
		lags := n - 1
		direct := make([]float64, lags+1)
		acfDirect(direct, x, mean, c0)
		direct[0] = 1
		viaFFT := make([]float64, lags+1)
		acfFFT(viaFFT, x, mean)
		for k := range direct {
			if math.Abs(direct[k]-viaFFT[k]) > 1e-13 {
				t.Fatalf("n %d lag %d: direct %v, FFT %v", n, k, direct[k], viaFFT[k])
			}
		}
	}
}

func BenchmarkACFRoute(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	for _, size := range []struct{ n, lags int }{{1000, 50}, {1000, 100}, {1000, 300}, {17420, 100}, {17420, 800}} {
		x := make([]float64, size.n)
		for i := range x {
			x[i] = rng.NormFloat64()
		}
		dst := make([]float64, size.lags+1)
		b.Run("direct/n="+strconv.Itoa(size.n)+"/lags="+strconv.Itoa(size.lags), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				acfDirect(dst, x, 0, 1)
			}
		})
		b.Run("fft/n="+strconv.Itoa(size.n)+"/lags="+strconv.Itoa(size.lags), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				acfFFT(dst, x, 0)
			}
		})
	}
}
