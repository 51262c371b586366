//go:build amd64 && !purego

package kern

// sgemmPackedFast is GemmPacked for float32 with m, n, k > 0 and alpha ≠ 0.
// It splits k exactly as sgemmFast does.
func sgemmPackedFast(tA bool, m, n, k int, alpha float32, a []float32, lda int, bp []float32, beta float32, c []float32, ldc int) {
	rs, ks := lda, 1
	if tA {
		rs, ks = 1, lda
	}
	chunks := (k + kc - 1) / kc
	step := (k + chunks - 1) / chunks
	for p := 0; p < k; p += step {
		sgemmPackedPanel(m, n, min(step, k-p), alpha, a[p*ks:], rs, ks, bp, k, p, beta, c, ldc)
		beta = 1
	}
}

// sgemmPackedPanel runs rows p0..p0+kk-1 of the packed k×n matrix bp
// against op(A), whose rows are rs elements apart and whose elements along
// k are ks apart.
func sgemmPackedPanel(m, n, kk int, alpha float32, a []float32, rs, ks int, bp []float32, k, p0 int, beta float32, c []float32, ldc int) {
	const sz, w = 4, 16
	useBeta := beta != 0
	var tile [6 * w]float32
	for j := 0; j < n; j += w {
		nr := min(w, n-j)
		b := &bp[j*k+p0*w]
		for i := 0; i < m; i += 6 {
			a0, a1, a2, a3, a4, a5 := rows6(a, i, m, rs)
			mr := min(6, m-i)
			switch {
			case nr == w && mr == 6:
				sgemm6x16(kk, a0, a1, a2, a3, a4, a5, ks*sz, b, w*sz, &c[i*ldc+j], ldc*sz, alpha, beta, useBeta)
			case nr == w && mr == 4:
				sgemm4x16(kk, a0, a1, a2, a3, ks*sz, b, w*sz, &c[i*ldc+j], ldc*sz, alpha, beta, useBeta)
			case mr <= 4:
				sgemm4x16(kk, a0, a1, a2, a3, ks*sz, b, w*sz, &tile[0], w*sz, 1, 0, false)
				applyTile(c[i*ldc+j:], ldc, tile[:], w, mr, nr, alpha, beta)
			default:
				sgemm6x16(kk, a0, a1, a2, a3, a4, a5, ks*sz, b, w*sz, &tile[0], w*sz, 1, 0, false)
				applyTile(c[i*ldc+j:], ldc, tile[:], w, mr, nr, alpha, beta)
			}
		}
	}
}

// dgemmPackedFast is sgemmPackedFast for float64.
func dgemmPackedFast(tA bool, m, n, k int, alpha float64, a []float64, lda int, bp []float64, beta float64, c []float64, ldc int) {
	rs, ks := lda, 1
	if tA {
		rs, ks = 1, lda
	}
	chunks := (k + kc - 1) / kc
	step := (k + chunks - 1) / chunks
	for p := 0; p < k; p += step {
		dgemmPackedPanel(m, n, min(step, k-p), alpha, a[p*ks:], rs, ks, bp, k, p, beta, c, ldc)
		beta = 1
	}
}

func dgemmPackedPanel(m, n, kk int, alpha float64, a []float64, rs, ks int, bp []float64, k, p0 int, beta float64, c []float64, ldc int) {
	const sz, w = 8, 8
	useBeta := beta != 0
	var tile [6 * w]float64
	for j := 0; j < n; j += w {
		nr := min(w, n-j)
		b := &bp[j*k+p0*w]
		for i := 0; i < m; i += 6 {
			a0, a1, a2, a3, a4, a5 := rows6(a, i, m, rs)
			mr := min(6, m-i)
			switch {
			case nr == w && mr == 6:
				dgemm6x8(kk, a0, a1, a2, a3, a4, a5, ks*sz, b, w*sz, &c[i*ldc+j], ldc*sz, alpha, beta, useBeta)
			case nr == w && mr == 4:
				dgemm4x8(kk, a0, a1, a2, a3, ks*sz, b, w*sz, &c[i*ldc+j], ldc*sz, alpha, beta, useBeta)
			case mr <= 4:
				dgemm4x8(kk, a0, a1, a2, a3, ks*sz, b, w*sz, &tile[0], w*sz, 1, 0, false)
				applyTile(c[i*ldc+j:], ldc, tile[:], w, mr, nr, alpha, beta)
			default:
				dgemm6x8(kk, a0, a1, a2, a3, a4, a5, ks*sz, b, w*sz, &tile[0], w*sz, 1, 0, false)
				applyTile(c[i*ldc+j:], ldc, tile[:], w, mr, nr, alpha, beta)
			}
		}
	}
}
