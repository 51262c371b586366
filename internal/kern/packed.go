package kern

import "unsafe"

const errShortP = "kern: packed b too short"

// PanelWidth returns the column width of the panels of a matrix packed by
// [PackB] for element type T: 16 for float32, 8 for float64 (one pair of
// AVX2 registers).
func PanelWidth[T Float]() int {
	var z T
	if unsafe.Sizeof(z) == 4 {
		return 16
	}
	return 8
}

// PackedLen returns the length of the buffer [PackB] fills for a k×n
// matrix: n rounded up to whole panels, times k.
func PackedLen[T Float](k, n int) int {
	w := PanelWidth[T]()
	return (n + w - 1) / w * w * k
}

// PackB copies op(B) (k×n; B is row-major with row stride ldb, and op(B) is
// its transpose when tB is set) into dst in the layout [GemmPacked] reads:
// panels of [PanelWidth] columns, panel after panel, each panel k rows of
// PanelWidth contiguous elements, the last panel padded with zeros. It
// returns dst[:PackedLen(k, n)] and does not allocate.
//
// Packing pays when one matrix is the right operand of many products, as
// the weights of a recurrent network are at every step of a window: the
// kernels then stream a contiguous panel instead of rows ldb apart (a
// power-of-two ldb such as 4·H maps every row to the same few L1 sets), and
// a transposed matrix is multiplied by the broadcast kernel rather than the
// slower dot-product one.
//
// It panics if a dimension is negative, ldb is smaller than the row it
// strides over, or dst or b is too short.
func PackB[T Float](dst []T, tB bool, k, n int, b []T, ldb int) []T {
	if k < 0 || n < 0 {
		panic(errNegDim)
	}
	br, bc := k, n
	if tB {
		br, bc = n, k
	}
	checkMat(br, bc, len(b), ldb, errShortB)
	w := PanelWidth[T]()
	size := PackedLen[T](k, n)
	if len(dst) < size {
		panic(errShortP)
	}
	dst = dst[:size]
	for j0 := 0; j0 < n; j0 += w {
		panel := dst[j0*k : (j0+w)*k]
		nr := min(w, n-j0)
		for p := 0; p < k; p++ {
			row := panel[p*w : (p+1)*w]
			if tB {
				for q := 0; q < nr; q++ {
					row[q] = b[(j0+q)*ldb+p]
				}
			} else {
				copy(row[:nr], b[p*ldb+j0:p*ldb+j0+nr])
			}
			clear(row[nr:])
		}
	}
	return dst
}

// GemmPacked computes C = alpha·op(A)·B + beta·C, where op(A) is m×k (A
// row-major with stride lda, transposed when tA is set), B is a k×n matrix
// packed by [PackB] into bp, and C is m×n with row stride ldc. The
// conventions are those of [Gemm]: beta zero means C is not read, alpha or
// k zero means A and B are not read, and it does not allocate.
//
// On the fast path it runs the same micro-kernels, in the same order over
// k (including the split of a long k into chunks), as Gemm without
// transposed B, so for alpha = 1 and beta 0 or 1 the two give bit-identical
// results; the portable path matches Gemm's portable loop likewise.
//
// It panics if a dimension is negative, a stride is too small, or a slice
// is too short for its matrix. C must not overlap A or bp.
func GemmPacked[T Float](tA bool, m, n, k int, alpha T, a []T, lda int, bp []T, beta T, c []T, ldc int) {
	if m < 0 || n < 0 || k < 0 {
		panic(errNegDim)
	}
	ar, ac := m, k
	if tA {
		ar, ac = k, m
	}
	checkMat(ar, ac, len(a), lda, errShortA)
	checkMat(m, n, len(c), ldc, errShortC)
	if len(bp) < PackedLen[T](k, n) {
		panic(errShortP)
	}
	if m == 0 || n == 0 {
		return
	}
	if k == 0 || alpha == 0 {
		scaleC(m, n, beta, c, ldc)
		return
	}
	if useAsm {
		if unsafe.Sizeof(alpha) == 4 {
			sgemmPackedFast(tA, m, n, k, float32(alpha), f32(a), lda, f32(bp), float32(beta), f32(c), ldc)
		} else {
			dgemmPackedFast(tA, m, n, k, float64(alpha), f64(a), lda, f64(bp), float64(beta), f64(c), ldc)
		}
		return
	}
	gemmPackedGeneric(tA, m, n, k, alpha, a, lda, bp, beta, c, ldc)
}

// gemmPackedGeneric is gemmGeneric with B read from its packed panels, in
// the same order of operations.
func gemmPackedGeneric[T Float](tA bool, m, n, k int, alpha T, a []T, lda int, bp []T, beta T, c []T, ldc int) {
	w := PanelWidth[T]()
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
			for j0 := 0; j0 < n; j0 += w {
				row := bp[j0*k+l*w : j0*k+(l+1)*w]
				cj := ci[j0:min(j0+w, n)]
				for q := range cj {
					cj[q] += ail * row[q]
				}
			}
		}
	}
}
