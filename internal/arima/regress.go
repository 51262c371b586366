package arima

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// lmTol is the tolerance of R's lm (LINPACK dqrdc2) for rank detection.
const lmTol = 1e-7

// lsq fits y ≈ Σ_j cols[j]·β_j by least squares without intercept, as R's
// lm(y ~ X - 1), and returns the coefficients, their standard errors and
// the rank. A column whose residual norm after the earlier columns is below
// lmTol times its own norm is rank deficient; rank < len(cols) then, and
// coef and se are nil.
func lsq(y []float64, cols [][]float64) (coef, se []float64, rank int) {
	n, k := len(y), len(cols)
	if k == 0 || n == 0 {
		return nil, nil, 0
	}
	// Modified Gram–Schmidt on the columns, with R = Qᵀ X.
	q := make([][]float64, k)
	rm := make([]float64, k*k)
	for j := 0; j < k; j++ {
		v := append([]float64(nil), cols[j]...)
		norm0 := norm2(v)
		for i := 0; i < j; i++ {
			d := dot(q[i], v)
			rm[i*k+j] = d
			for t := range v {
				v[t] -= d * q[i][t]
			}
		}
		nv := norm2(v)
		if norm0 == 0 || nv <= lmTol*norm0 {
			continue
		}
		rank++
		rm[j*k+j] = nv
		for t := range v {
			v[t] /= nv
		}
		q[j] = v
	}
	if rank < k {
		return nil, nil, rank
	}
	// Solve R β = Qᵀ y.
	qty := make([]float64, k)
	res := append([]float64(nil), y...)
	for i := 0; i < k; i++ {
		qty[i] = dot(q[i], res)
		for t := range res {
			res[t] -= qty[i] * q[i][t]
		}
	}
	coef = make([]float64, k)
	for i := k - 1; i >= 0; i-- {
		v := qty[i]
		for j := i + 1; j < k; j++ {
			v -= rm[i*k+j] * coef[j]
		}
		coef[i] = v / rm[i*k+i]
	}
	// se_j² = s² (RᵀR)⁻¹_jj = s² Σ_i (R⁻¹)_ji².
	rss := dot(res, res)
	s2 := math.NaN()
	if n > k {
		s2 = rss / float64(n-k)
	}
	rinv := make([]float64, k*k)
	for c := 0; c < k; c++ {
		for i := k - 1; i >= 0; i-- {
			v := 0.0
			if i == c {
				v = 1
			}
			for j := i + 1; j < k; j++ {
				v -= rm[i*k+j] * rinv[j*k+c]
			}
			rinv[i*k+c] = v / rm[i*k+i]
		}
	}
	se = make([]float64, k)
	for j := 0; j < k; j++ {
		v := 0.0
		for i := 0; i < k; i++ {
			v += rinv[j*k+i] * rinv[j*k+i]
		}
		se[j] = math.Sqrt(s2 * v)
	}
	return coef, se, k
}

// svdRotation returns the k×k matrix V (row-major) of the singular value
// decomposition X = U Σ Vᵀ of the n×k matrix with the given columns. R's
// arima regresses on X·V instead of X when there are several free
// regression coefficients, to decorrelate them for the optimiser.
func svdRotation(cols [][]float64) ([]float64, bool) {
	k := len(cols)
	n := len(cols[0])
	x := mat.NewDense(n, k, nil)
	for j, c := range cols {
		for i, v := range c {
			x.Set(i, j, v)
		}
	}
	var svd mat.SVD
	if !svd.Factorize(x, mat.SVDThin) {
		return nil, false
	}
	var v mat.Dense
	svd.VTo(&v)
	out := make([]float64, k*k)
	for i := 0; i < k; i++ {
		for j := 0; j < k; j++ {
			out[i*k+j] = v.At(i, j)
		}
	}
	return out, true
}

// rotate returns the columns of X·V for the k×k row-major V.
func rotate(cols [][]float64, v []float64) [][]float64 {
	k := len(cols)
	n := len(cols[0])
	out := make([][]float64, k)
	for j := 0; j < k; j++ {
		c := make([]float64, n)
		for i := 0; i < k; i++ {
			vij := v[i*k+j]
			if vij == 0 {
				continue
			}
			for t, x := range cols[i] {
				c[t] += x * vij
			}
		}
		out[j] = c
	}
	return out
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i, v := range a {
		s += v * b[i]
	}
	return s
}

func norm2(a []float64) float64 { return math.Sqrt(dot(a, a)) }
