package theta

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// benchSeries returns n monthly values: trend, multiplicative season and
// noise (PCG seed 1, 1).
func benchSeries(n int) []float64 {
	rng := rand.New(rand.NewPCG(1, 1))
	y := make([]float64, n)
	for t := range y {
		y[t] = (100 + 0.5*float64(t)) * (1 + 0.2*math.Sin(2*math.Pi*float64(t)/12)) * math.Exp(0.05*rng.NormFloat64())
	}
	return y
}

// BenchmarkAuto fits the four models of Auto to 300 and 60 monthly values
// (seasonally adjusted).
func BenchmarkAuto(b *testing.B) {
	for _, c := range []struct {
		n, m int
	}{{300, 12}, {60, 12}} {
		y := benchSeries(c.n)
		b.Run("n="+strconv.Itoa(c.n), func(b *testing.B) {
			b.ReportAllocs()
			s := &Settings{Period: c.m}
			for b.Loop() {
				if _, err := Auto(y, s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkFit fits each method to 300 monthly values.
func BenchmarkFit(b *testing.B) {
	y := benchSeries(300)
	for _, method := range []Method{Standard, STM, OTM, DSTM, DOTM} {
		b.Run(method.String(), func(b *testing.B) {
			b.ReportAllocs()
			s := &Settings{Period: 12}
			for b.Loop() {
				if _, err := Fit(y, method, s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkInterval computes 95 % intervals for 18 steps.
func BenchmarkInterval(b *testing.B) {
	y := benchSeries(300)
	for _, method := range []Method{STM, DOTM} {
		m, err := Fit(y, method, &Settings{Period: 12})
		if err != nil {
			b.Fatal(err)
		}
		lo, hi := make([]float64, 18), make([]float64, 18)
		b.Run(method.String(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				m.Interval(lo, hi, 18, 95)
			}
		})
	}
}
