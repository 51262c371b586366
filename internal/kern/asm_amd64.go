//go:build amd64 && !purego

package kern

// useAsm reports whether the AVX2/FMA kernels run. Tests switch it off to
// exercise the portable path in the same binary.
var useAsm = hasAVX2FMA()

//go:noescape
func sgemm6x16(k int, a0, a1, a2, a3, a4, a5 *float32, aks int, b *float32, bs int, c *float32, ldc int, alpha, beta float32, useBeta bool)

//go:noescape
func sgemm6x8m(k int, a0, a1, a2, a3, a4, a5 *float32, aks int, b *float32, bs int, mask *[8]int32, c *float32, ldc int)

//go:noescape
func sgemm4x16(k int, a0, a1, a2, a3 *float32, aks int, b *float32, bs int, c *float32, ldc int, alpha, beta float32, useBeta bool)

//go:noescape
func sdot3x4(k8 int, a0, a1, a2, b0, b1, b2, b3 *float32, c *float32, ldc int, alpha, beta float32, useBeta bool)

//go:noescape
func dgemm6x8(k int, a0, a1, a2, a3, a4, a5 *float64, aks int, b *float64, bs int, c *float64, ldc int, alpha, beta float64, useBeta bool)

//go:noescape
func dgemm6x4m(k int, a0, a1, a2, a3, a4, a5 *float64, aks int, b *float64, bs int, mask *[4]int64, c *float64, ldc int)

//go:noescape
func dgemm4x8(k int, a0, a1, a2, a3 *float64, aks int, b *float64, bs int, c *float64, ldc int, alpha, beta float64, useBeta bool)

//go:noescape
func ddot3x4(k4 int, a0, a1, a2, b0, b1, b2, b3 *float64, c *float64, ldc int, alpha, beta float64, useBeta bool)

//go:noescape
func tanh8(dst, x *float32, n int, sig bool)

// masks32[r] enables the first r lanes of a masked 8-lane load; masks64
// likewise for 4 lanes.
var (
	masks32 = func() (m [9][8]int32) {
		for r := range m {
			for l := 0; l < r; l++ {
				m[r][l] = -1
			}
		}
		return m
	}()
	masks64 = func() (m [5][4]int64) {
		for r := range m {
			for l := 0; l < r; l++ {
				m[r][l] = -1
			}
		}
		return m
	}()
)

// tanh32s applies the float32 tanh (or sigmoid) approximation to x.
func tanh32s(dst, x []float32, sig bool) {
	if !useAsm {
		tanh32Generic(dst, x, sig)
		return
	}
	n := len(x) &^ 7
	if n > 0 {
		tanh8(&dst[0], &x[0], n, sig)
	}
	if r := len(x) - n; r > 0 {
		// The tail goes through the same vector code via a padded block, so
		// an element's result never depends on where it sits.
		var buf [8]float32
		copy(buf[:], x[n:])
		tanh8(&buf[0], &buf[0], 8, sig)
		copy(dst[n:], buf[:r])
	}
}

// kc is the largest chunk of k that the broadcast kernels run over in one
// pass: 256 rows of a 16-float (or 8-double) strip of B are 16 KiB.
const kc = 256

// sgemmFast is Gemm for float32 with m, n, k > 0, alpha ≠ 0 and not both
// transposed.
func sgemmFast(tA, tB bool, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	if tB {
		sgemmDot(m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
		return
	}
	rs, ks := lda, 1 // element strides of A between rows of op(A) and along k
	if tA {
		rs, ks = 1, lda
	}
	// Long k is split into equal chunks of at most kc so that a 16-column
	// strip of B stays in L1 while every row block of A passes over it;
	// later chunks accumulate into C. The split depends only on k.
	chunks := (k + kc - 1) / kc
	step := (k + chunks - 1) / chunks
	for p := 0; p < k; p += step {
		sgemmPanel(m, n, min(step, k-p), alpha, a[p*ks:], rs, ks, b[p*ldb:], ldb, beta, c, ldc)
		beta = 1
	}
}

// sgemmPanel is sgemmFast without transposed B on one chunk of k; op(A) has
// element strides rs between rows and ks along k.
func sgemmPanel(m, n, k int, alpha float32, a []float32, rs, ks int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	const sz = 4
	useBeta := beta != 0
	var tile [6 * 16]float32
	j := 0
	for ; j+16 <= n; j += 16 {
		bp := &b[j]
		for i := 0; i < m; i += 6 {
			a0, a1, a2, a3, a4, a5 := rows6(a, i, m, rs)
			if i+6 <= m {
				sgemm6x16(k, a0, a1, a2, a3, a4, a5, ks*sz, bp, ldb*sz, &c[i*ldc+j], ldc*sz, alpha, beta, useBeta)
				continue
			}
			switch mr := m - i; {
			case mr == 4:
				sgemm4x16(k, a0, a1, a2, a3, ks*sz, bp, ldb*sz, &c[i*ldc+j], ldc*sz, alpha, beta, useBeta)
			case mr < 4:
				sgemm4x16(k, a0, a1, a2, a3, ks*sz, bp, ldb*sz, &tile[0], 16*sz, 1, 0, false)
				applyTile(c[i*ldc+j:], ldc, tile[:], 16, mr, 16, alpha, beta)
			default:
				sgemm6x16(k, a0, a1, a2, a3, a4, a5, ks*sz, bp, ldb*sz, &tile[0], 16*sz, 1, 0, false)
				applyTile(c[i*ldc+j:], ldc, tile[:], 16, mr, 16, alpha, beta)
			}
		}
	}
	for ; j < n; j += 8 {
		nr := min(8, n-j)
		for i := 0; i < m; i += 6 {
			a0, a1, a2, a3, a4, a5 := rows6(a, i, m, rs)
			sgemm6x8m(k, a0, a1, a2, a3, a4, a5, ks*sz, &b[j], ldb*sz, &masks32[nr], &tile[0], 8*sz)
			applyTile(c[i*ldc+j:], ldc, tile[:], 8, min(6, m-i), nr, alpha, beta)
		}
	}
}

// dgemmFast is sgemmFast for float64.
func dgemmFast(tA, tB bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	if tB {
		dgemmDot(m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
		return
	}
	rs, ks := lda, 1 // element strides of A between rows of op(A) and along k
	if tA {
		rs, ks = 1, lda
	}
	// Long k is split into equal chunks of at most kc so that a 16-column
	// strip of B stays in L1 while every row block of A passes over it;
	// later chunks accumulate into C. The split depends only on k.
	chunks := (k + kc - 1) / kc
	step := (k + chunks - 1) / chunks
	for p := 0; p < k; p += step {
		dgemmPanel(m, n, min(step, k-p), alpha, a[p*ks:], rs, ks, b[p*ldb:], ldb, beta, c, ldc)
		beta = 1
	}
}

// dgemmPanel is dgemmFast without transposed B on one chunk of k; op(A) has
// element strides rs between rows and ks along k.
func dgemmPanel(m, n, k int, alpha float64, a []float64, rs, ks int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	const sz = 8
	useBeta := beta != 0
	var tile [6 * 8]float64
	j := 0
	for ; j+8 <= n; j += 8 {
		bp := &b[j]
		for i := 0; i < m; i += 6 {
			a0, a1, a2, a3, a4, a5 := rows6(a, i, m, rs)
			if i+6 <= m {
				dgemm6x8(k, a0, a1, a2, a3, a4, a5, ks*sz, bp, ldb*sz, &c[i*ldc+j], ldc*sz, alpha, beta, useBeta)
				continue
			}
			switch mr := m - i; {
			case mr == 4:
				dgemm4x8(k, a0, a1, a2, a3, ks*sz, bp, ldb*sz, &c[i*ldc+j], ldc*sz, alpha, beta, useBeta)
			case mr < 4:
				dgemm4x8(k, a0, a1, a2, a3, ks*sz, bp, ldb*sz, &tile[0], 8*sz, 1, 0, false)
				applyTile(c[i*ldc+j:], ldc, tile[:], 8, mr, 8, alpha, beta)
			default:
				dgemm6x8(k, a0, a1, a2, a3, a4, a5, ks*sz, bp, ldb*sz, &tile[0], 8*sz, 1, 0, false)
				applyTile(c[i*ldc+j:], ldc, tile[:], 8, mr, 8, alpha, beta)
			}
		}
	}
	for ; j < n; j += 4 {
		nr := min(4, n-j)
		for i := 0; i < m; i += 6 {
			a0, a1, a2, a3, a4, a5 := rows6(a, i, m, rs)
			dgemm6x4m(k, a0, a1, a2, a3, a4, a5, ks*sz, &b[j], ldb*sz, &masks64[nr], &tile[0], 4*sz)
			applyTile(c[i*ldc+j:], ldc, tile[:], 4, min(6, m-i), nr, alpha, beta)
		}
	}
}

// rows6 returns pointers to the starts of rows i..i+5 of op(A), whose rows
// are rs elements apart; rows at or past m repeat row i, so the kernel reads
// only valid memory and the extra results are discarded.
func rows6[T Float](a []T, i, m, rs int) (p0, p1, p2, p3, p4, p5 *T) {
	p0 = &a[i*rs]
	p1, p2, p3, p4, p5 = p0, p0, p0, p0, p0
	switch min(6, m-i) {
	case 6:
		p5 = &a[(i+5)*rs]
		fallthrough
	case 5:
		p4 = &a[(i+4)*rs]
		fallthrough
	case 4:
		p3 = &a[(i+3)*rs]
		fallthrough
	case 3:
		p2 = &a[(i+2)*rs]
		fallthrough
	case 2:
		p1 = &a[(i+1)*rs]
	}
	return
}

// applyTile sets the mr×nr corner of C to alpha·tile + beta·C, where tile
// holds raw sums with row stride ldt.
func applyTile[T Float](c []T, ldc int, tile []T, ldt, mr, nr int, alpha, beta T) {
	for r := range mr {
		cr := c[r*ldc : r*ldc+nr]
		tr := tile[r*ldt : r*ldt+nr]
		if beta == 0 {
			for j, v := range tr {
				cr[j] = alpha * v
			}
			continue
		}
		for j, v := range tr {
			cr[j] = alpha*v + beta*cr[j]
		}
	}
}

// sgemmDot computes C = alpha·A·Bᵀ + beta·C (A m×k, B n×k, both row-major)
// from 3×4 tiles of dot products. Full tiles with k a multiple of 8 are
// written by the kernel; edge tiles go through a buffer, with the k%8 tail
// added in Go.
func sgemmDot(m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	const sz = 4
	k8 := k &^ 7
	useBeta := beta != 0
	var s [12]float32
	for i := 0; i < m; i += 3 {
		mr := min(3, m-i)
		a0, a1, a2 := rows3(a, i, m, lda)
		for j := 0; j < n; j += 4 {
			nr := min(4, n-j)
			b0, b1, b2, b3 := rows4(b, j, n, ldb)
			if mr == 3 && nr == 4 && k8 == k {
				sdot3x4(k8/8, a0, a1, a2, b0, b1, b2, b3, &c[i*ldc+j], ldc*sz, alpha, beta, useBeta)
				continue
			}
			sdot3x4(k8/8, a0, a1, a2, b0, b1, b2, b3, &s[0], 4*sz, 1, 0, false)
			finishDot(c, ldc, i, j, mr, nr, &s, a, lda, b, ldb, k8, k, alpha, beta)
		}
	}
}

// dgemmDot is sgemmDot for float64, with a k%4 tail.
func dgemmDot(m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	const sz = 8
	k4 := k &^ 3
	useBeta := beta != 0
	var s [12]float64
	for i := 0; i < m; i += 3 {
		mr := min(3, m-i)
		a0, a1, a2 := rows3(a, i, m, lda)
		for j := 0; j < n; j += 4 {
			nr := min(4, n-j)
			b0, b1, b2, b3 := rows4(b, j, n, ldb)
			if mr == 3 && nr == 4 && k4 == k {
				ddot3x4(k4/4, a0, a1, a2, b0, b1, b2, b3, &c[i*ldc+j], ldc*sz, alpha, beta, useBeta)
				continue
			}
			ddot3x4(k4/4, a0, a1, a2, b0, b1, b2, b3, &s[0], 4*sz, 1, 0, false)
			finishDot(c, ldc, i, j, mr, nr, &s, a, lda, b, ldb, k4, k, alpha, beta)
		}
	}
}

// finishDot adds the tails kv..k-1 to the mr×nr dot products in s (row
// stride 4) and writes alpha·s + beta·C into C at (i, j).
func finishDot[T Float](c []T, ldc, i, j, mr, nr int, s *[12]T, a []T, lda int, b []T, ldb int, kv, k int, alpha, beta T) {
	for r := range mr {
		cr := c[(i+r)*ldc+j : (i+r)*ldc+j+nr]
		for q := range cr {
			v := s[r*4+q]
			if kv < k {
				ar := a[(i+r)*lda+kv : (i+r)*lda+k]
				br := b[(j+q)*ldb+kv : (j+q)*ldb+k]
				br = br[:len(ar)]
				for l, x := range ar {
					v += x * br[l]
				}
			}
			if beta == 0 {
				cr[q] = alpha * v
			} else {
				cr[q] = alpha*v + beta*cr[q]
			}
		}
	}
}

func rows4[T Float](a []T, i, m, ld int) (p0, p1, p2, p3 *T) {
	p0 = &a[i*ld]
	p1, p2, p3 = p0, p0, p0
	switch min(4, m-i) {
	case 4:
		p3 = &a[(i+3)*ld]
		fallthrough
	case 3:
		p2 = &a[(i+2)*ld]
		fallthrough
	case 2:
		p1 = &a[(i+1)*ld]
	}
	return
}

func rows3[T Float](b []T, j, n, ld int) (p0, p1, p2 *T) {
	p0 = &b[j*ld]
	p1, p2 = p0, p0
	switch min(3, n-j) {
	case 3:
		p2 = &b[(j+2)*ld]
		fallthrough
	case 2:
		p1 = &b[(j+1)*ld]
	}
	return
}

//go:noescape
func lstmFwd8(n, h, h8 int, z, c, tc, hout, cp *float32, hasCP bool)

//go:noescape
func lstmBwd8(n, h, h8 int, dz, dc, z, tc, cp, dh *float32, hasCP bool)

// lstmCell32 is LSTMCell for float32 with the assembly kernel on the first
// h&^7 units of each row and the portable code on the rest.
func lstmCell32(z, c, tc, hOut, cPrev []float32, n, h int) {
	h8 := h &^ 7
	if h8 > 0 {
		cp := &z[0] // any valid pointer; not read without cPrev
		if cPrev != nil {
			cp = &cPrev[0]
		}
		lstmFwd8(n, h, h8, &z[0], &c[0], &tc[0], &hOut[0], cp, cPrev != nil)
	}
	if h8 < h {
		lstmCellGeneric(z, c, tc, hOut, cPrev, h8, n, h)
	}
}

// lstmBackward32 is LSTMCellBackward for float32, split like lstmCell32.
func lstmBackward32(dz, dc, z, tc, cPrev, dh []float32, n, h int) {
	h8 := h &^ 7
	if h8 > 0 {
		cp := &z[0]
		if cPrev != nil {
			cp = &cPrev[0]
		}
		lstmBwd8(n, h, h8, &dz[0], &dc[0], &z[0], &tc[0], cp, &dh[0], cPrev != nil)
	}
	if h8 < h {
		lstmBackwardGeneric(dz, dc, z, tc, cPrev, dh, h8, n, h)
	}
}

//go:noescape
func addRows32(dst, a *float32, rows, n, lda int)

//go:noescape
func addRows64(dst, a *float64, rows, n, lda int)
