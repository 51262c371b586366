//go:build !amd64 || purego

package kern

// Without assembly useAsm is false and GemmPacked runs gemmPackedGeneric.

func sgemmPackedFast(tA bool, m, n, k int, alpha float32, a []float32, lda int, bp []float32, beta float32, c []float32, ldc int) {
	panic("kern: no assembly")
}

func dgemmPackedFast(tA bool, m, n, k int, alpha float64, a []float64, lda int, bp []float64, beta float64, c []float64, ldc int) {
	panic("kern: no assembly")
}
