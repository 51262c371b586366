//go:build !amd64 || purego

package kern

// useAsm is false: this build has no assembly kernels.
var useAsm = false

func sgemmFast(tA, tB bool, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	gemmGeneric(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

func dgemmFast(tA, tB bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	gemmGeneric(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

func tanh32s(dst, x []float32, sig bool) { tanh32Generic(dst, x, sig) }

func lstmCell32(z, c, tc, hOut, cPrev []float32, n, h int) {
	lstmCellGeneric(z, c, tc, hOut, cPrev, 0, n, h)
}

func lstmBackward32(dz, dc, z, tc, cPrev, dh []float32, n, h int) {
	lstmBackwardGeneric(dz, dc, z, tc, cPrev, dh, 0, n, h)
}

func addRows32(dst, a *float32, rows, n, lda int) { panic("kern: no assembly") }

func addRows64(dst, a *float64, rows, n, lda int) { panic("kern: no assembly") }
