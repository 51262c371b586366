package kern

import "unsafe"

const errLSTMShape = "kern: LSTM cell slices too short"

// LSTMCell runs the elementwise part of one LSTM step on n rows of hidden
// width h, after the gate pre-activations have been computed (by [Gemm]).
//
// Row r of z holds the pre-activations of the gates in the order input,
// forget, output, candidate (z[r·4h : r·4h+h] is i, and so on); LSTMCell
// overwrites them with the activated gates i = σ(·), f = σ(·), o = σ(·),
// g = tanh(·), and writes, for each row r and unit j,
//
//	c = f·cPrev + i·g    (i·g when cPrev is nil, the first step)
//	tc = tanh(c)
//	h = o·tc
//
// to c, tc and hOut (n×h each). The activations are those of [Sigmoid] and
// [Tanh]. For float32 on amd64 with AVX2 it runs eight units at a time in
// one pass (c is then computed with a fused multiply-add). It does not
// allocate; results depend only on the inputs.
//
// It panics if a slice is shorter than its n×4h or n×h block.
func LSTMCell[T Float](z, c, tc, hOut, cPrev []T, n, h int) {
	if n < 0 || h < 0 {
		panic(errNegDim)
	}
	if len(z) < n*4*h || len(c) < n*h || len(tc) < n*h || len(hOut) < n*h || (cPrev != nil && len(cPrev) < n*h) {
		panic(errLSTMShape)
	}
	if n == 0 || h == 0 {
		return
	}
	var zero T
	if unsafe.Sizeof(zero) == 4 && useAsm {
		lstmCell32(f32(z), f32(c), f32(tc), f32(hOut), f32(cPrev), n, h)
		return
	}
	lstmCellGeneric(z, c, tc, hOut, cPrev, 0, n, h)
}

// LSTMCellBackward runs the elementwise part of one LSTM step backwards on
// n rows of hidden width h. z holds the activated gates written by
// [LSTMCell] (i, f, o, g per row), tc = tanh(c) and cPrev the previous cell
// state (nil at the first step, where the forget gate gets no gradient).
// dh is dL/dh of the step and dc holds dL/dc arriving from the next step
// (zero at the last). It writes the gate pre-activation gradients to dz
// (n×4h, same layout as z) and replaces dc by dL/dc of the previous step:
//
//	dcv = dc + dh·o·(1 − tc²)
//	do = dh·tc·o·(1 − o)        di = dcv·g·i·(1 − i)
//	dg = dcv·i·(1 − g²)         df = dcv·cPrev·f·(1 − f)
//	dc ← dcv·f
//
// For float32 on amd64 with AVX2 it runs eight units at a time (dcv with a
// fused multiply-add). It does not allocate.
//
// It panics if a slice is shorter than its n×4h or n×h block.
func LSTMCellBackward[T Float](dz, dc, z, tc, cPrev, dh []T, n, h int) {
	if n < 0 || h < 0 {
		panic(errNegDim)
	}
	if len(dz) < n*4*h || len(z) < n*4*h || len(dc) < n*h || len(tc) < n*h || len(dh) < n*h || (cPrev != nil && len(cPrev) < n*h) {
		panic(errLSTMShape)
	}
	if n == 0 || h == 0 {
		return
	}
	var zero T
	if unsafe.Sizeof(zero) == 4 && useAsm {
		lstmBackward32(f32(dz), f32(dc), f32(z), f32(tc), f32(cPrev), f32(dh), n, h)
		return
	}
	lstmBackwardGeneric(dz, dc, z, tc, cPrev, dh, 0, n, h)
}

// lstmCellGeneric is the portable LSTMCell on units j0..h-1 of every row.
func lstmCellGeneric[T Float](z, c, tc, hOut, cPrev []T, j0, n, h int) {
	for r := range n {
		zr := z[r*4*h : (r+1)*4*h]
		Sigmoid(zr[j0:h], zr[j0:h])
		Sigmoid(zr[h+j0:2*h], zr[h+j0:2*h])
		Sigmoid(zr[2*h+j0:3*h], zr[2*h+j0:3*h])
		Tanh(zr[3*h+j0:], zr[3*h+j0:])
		ig, fg, og, gg := zr[j0:h], zr[h+j0:2*h], zr[2*h+j0:3*h], zr[3*h+j0:4*h]
		cr := c[r*h+j0 : (r+1)*h]
		if cPrev != nil {
			cp := cPrev[r*h+j0 : (r+1)*h]
			for j := range cr {
				cr[j] = fg[j]*cp[j] + ig[j]*gg[j]
			}
		} else {
			for j := range cr {
				cr[j] = ig[j] * gg[j]
			}
		}
		tr := Tanh(tc[r*h+j0:(r+1)*h], cr)
		hr := hOut[r*h+j0 : (r+1)*h]
		for j := range hr {
			hr[j] = og[j] * tr[j]
		}
	}
}

// lstmBackwardGeneric is the portable LSTMCellBackward on units j0..h-1 of
// every row.
func lstmBackwardGeneric[T Float](dz, dc, z, tc, cPrev, dh []T, j0, n, h int) {
	for r := range n {
		zr := z[r*4*h : (r+1)*4*h]
		dzr := dz[r*4*h : (r+1)*4*h]
		ig, fg, og, gg := zr[j0:h], zr[h+j0:2*h], zr[2*h+j0:3*h], zr[3*h+j0:4*h]
		di, df, do, dg := dzr[j0:h], dzr[h+j0:2*h], dzr[2*h+j0:3*h], dzr[3*h+j0:4*h]
		dhr := dh[r*h+j0 : (r+1)*h]
		tcr := tc[r*h+j0 : (r+1)*h]
		dcr := dc[r*h+j0 : (r+1)*h]
		var cp []T
		if cPrev != nil {
			cp = cPrev[r*h+j0 : (r+1)*h]
		}
		for j := range dcr {
			o, t := og[j], tcr[j]
			dcv := dcr[j] + dhr[j]*o*(1-t*t)
			do[j] = dhr[j] * t * o * (1 - o)
			i, g, f := ig[j], gg[j], fg[j]
			di[j] = dcv * g * i * (1 - i)
			dg[j] = dcv * i * (1 - g*g)
			if cp != nil {
				df[j] = dcv * cp[j] * f * (1 - f)
			} else {
				df[j] = 0
			}
			dcr[j] = dcv * f
		}
	}
}
