package kern

import (
	"math"
	"unsafe"
)

// Float is the element type of the kernels.
type Float interface{ ~float32 | ~float64 }

const (
	errNegDim = "kern: negative dimension"
	errStride = "kern: bad stride"
	errShortA = "kern: a too short"
	errShortB = "kern: b too short"
	errShortC = "kern: c too short"
	errLength = "kern: length mismatch"
)

// Gemm computes C = alpha·op(A)·op(B) + beta·C for row-major matrices, where
// op(X) is X or its transpose as tA and tB say. op(A) is m×k, op(B) is k×n and
// C is m×n; lda, ldb and ldc are the row strides of A, B and C as stored.
// When beta is zero, C is not read (NaNs in C do not propagate); when alpha
// is zero or k is zero, A and B are not read. It does not allocate, and the
// same arguments give bit-identical results on every call.
//
// On amd64 CPUs with AVX2 and FMA3 (unless built with the purego tag), Gemm
// runs register-blocked assembly kernels for every case except tA && tB;
// elsewhere it runs the portable Go loop. The two paths differ only by
// rounding (the kernels use fused multiply-adds and a different summation
// order).
//
// It panics if a dimension is negative, a stride is smaller than the row it
// strides over, or a slice is too short for its matrix. C must not overlap A
// or B.
func Gemm[T Float](tA, tB bool, m, n, k int, alpha T, a []T, lda int, b []T, ldb int, beta T, c []T, ldc int) {
	checkGemm(tA, tB, m, n, k, len(a), lda, len(b), ldb, len(c), ldc)
	if m == 0 || n == 0 {
		return
	}
	if k == 0 || alpha == 0 {
		scaleC(m, n, beta, c, ldc)
		return
	}
	if useAsm && !(tA && tB) {
		if unsafe.Sizeof(alpha) == 4 {
			sgemmFast(tA, tB, m, n, k, float32(alpha), f32(a), lda, f32(b), ldb, float32(beta), f32(c), ldc)
		} else {
			dgemmFast(tA, tB, m, n, k, float64(alpha), f64(a), lda, f64(b), ldb, float64(beta), f64(c), ldc)
		}
		return
	}
	gemmGeneric(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

// f32 and f64 view a slice of a type whose underlying type is float32 or
// float64 as that type; the caller has checked the element size.
func f32[T Float](s []T) []float32 {
	return unsafe.Slice((*float32)(unsafe.Pointer(unsafe.SliceData(s))), len(s))
}

func f64[T Float](s []T) []float64 {
	return unsafe.Slice((*float64)(unsafe.Pointer(unsafe.SliceData(s))), len(s))
}

// checkGemm panics unless the matrices described fit their slices.
func checkGemm(tA, tB bool, m, n, k, la, lda, lb, ldb, lc, ldc int) {
	if m < 0 || n < 0 || k < 0 {
		panic(errNegDim)
	}
	ar, ac := m, k
	if tA {
		ar, ac = k, m
	}
	br, bc := k, n
	if tB {
		br, bc = n, k
	}
	checkMat(ar, ac, la, lda, errShortA)
	checkMat(br, bc, lb, ldb, errShortB)
	checkMat(m, n, lc, ldc, errShortC)
}

func checkMat(r, c, l, ld int, short string) {
	if ld < max(1, c) {
		panic(errStride)
	}
	if r > 0 && c > 0 && l < (r-1)*ld+c {
		panic(short)
	}
}

// scaleC sets C = beta·C, clearing C when beta is zero.
func scaleC[T Float](m, n int, beta T, c []T, ldc int) {
	if beta == 1 {
		return
	}
	for i := range m {
		ci := c[i*ldc : i*ldc+n]
		if beta == 0 {
			clear(ci)
			continue
		}
		for j := range ci {
			ci[j] *= beta
		}
	}
}

// gemmGeneric is the portable reference implementation of [Gemm].
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
		if alpha == 0 {
			continue
		}
		for l := 0; l < k; l++ {
			var ail T
			if tA {
				ail = a[l*lda+i]
			} else {
				ail = a[i*lda+l]
			}
			ail *= alpha
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

// Tanh sets dst[i] = tanh(x[i]) and returns dst. dst and x may be the same
// slice but must not otherwise overlap.
//
// For float64 it is [math.Tanh]. For float32 it is a rational approximation
// (see the package documentation) with an absolute error below 3e-7, exactly
// ±1 for |x| ≥ 9, ±0 for ±0, and NaN for NaN; on amd64 with AVX2 it runs
// eight lanes at a time. Each element's result depends only on its value,
// never on its position or the slice length.
//
// It panics if the lengths differ.
func Tanh[T Float](dst, x []T) []T {
	if len(dst) != len(x) {
		panic(errLength)
	}
	var zero T
	if unsafe.Sizeof(zero) == 4 {
		tanh32s(f32(dst), f32(x), false)
		return dst
	}
	for i, v := range x {
		dst[i] = T(math.Tanh(float64(v)))
	}
	return dst
}

// Sigmoid sets dst[i] = 1/(1+exp(-x[i])) and returns dst. dst and x may be
// the same slice but must not otherwise overlap.
//
// For float64 it is computed with [math.Exp]. For float32 it is
// 0.5 + 0.5·tanh(x/2) with the float32 [Tanh] approximation: absolute error
// below 3e-7, exactly 0 for x ≤ -18 and 1 for x ≥ 18, NaN for NaN.
//
// It panics if the lengths differ.
func Sigmoid[T Float](dst, x []T) []T {
	if len(dst) != len(x) {
		panic(errLength)
	}
	var zero T
	if unsafe.Sizeof(zero) == 4 {
		tanh32s(f32(dst), f32(x), true)
		return dst
	}
	for i, v := range x {
		dst[i] = T(1 / (1 + math.Exp(-float64(v))))
	}
	return dst
}
