// Package kern holds the numeric kernels behind the seq2one networks: a
// row-major general matrix multiply and vectorised activations, for float32
// and float64. The portable Go versions here are the reference; faster
// implementations may replace them per CPU as long as tests show both paths
// agree.
package kern

import "math"

// Float is the element type of the kernels.
type Float interface{ ~float32 | ~float64 }

// Gemm computes C = alpha·op(A)·op(B) + beta·C for row-major matrices, where
// op(X) is X or its transpose as tA and tB say. op(A) is m×k, op(B) is k×n and
// C is m×n; lda, ldb and ldc are the row strides of A, B and C as stored.
// When beta is zero, C is not read. It does not allocate.
func Gemm[T Float](tA, tB bool, m, n, k int, alpha T, a []T, lda int, b []T, ldb int, beta T, c []T, ldc int) {
	gemmGeneric(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

func gemmGeneric[T Float](tA, tB bool, m, n, k int, alpha T, a []T, lda int, b []T, ldb int, beta T, c []T, ldc int) {
	for i := 0; i < m; i++ {
		ci := c[i*ldc : i*ldc+n]
		if beta == 0 {
			clear(ci)
		} else if beta != 1 {
			for j := range ci {
				ci[j] *= beta
			}
		}
		for l := 0; l < k; l++ {
			var ail T
			if tA {
				ail = a[l*lda+i]
			} else {
				ail = a[i*lda+l]
			}
			ail *= alpha
			if ail == 0 {
				continue
			}
			if !tB {
				bl := b[l*ldb : l*ldb+n]
				for j, v := range bl {
					ci[j] += ail * v
				}
			} else {
				for j := range ci {
					ci[j] += ail * b[j*ldb+l]
				}
			}
		}
	}
}

// Tanh sets dst[i] = tanh(x[i]) and returns dst. dst and x may alias.
// It panics if the lengths differ.
func Tanh[T Float](dst, x []T) []T {
	if len(dst) != len(x) {
		panic("kern: length mismatch")
	}
	for i, v := range x {
		dst[i] = T(math.Tanh(float64(v)))
	}
	return dst
}

// Sigmoid sets dst[i] = 1/(1+exp(-x[i])) and returns dst. dst and x may
// alias. It panics if the lengths differ.
func Sigmoid[T Float](dst, x []T) []T {
	if len(dst) != len(x) {
		panic("kern: length mismatch")
	}
	for i, v := range x {
		dst[i] = T(1 / (1 + math.Exp(-float64(v))))
	}
	return dst
}
