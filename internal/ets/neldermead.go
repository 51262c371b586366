package ets

import "math"

// Constants of R's optim Nelder–Mead as ets calls it (etsNelderMead with
// abstol −Inf, reltol sqrt(eps), reflection 1, contraction 0.5,
// expansion 2).
const (
	nmRelTol = 1.4901161193847656e-08 // sqrt(.Machine$double.eps)
	nmAlpha  = 1.0
	nmBeta   = 0.5
	nmGamma  = 2.0
	nmBig    = 1.0e+35
)

// nelderMead is the Nelder–Mead minimiser of R's optim (nmmin: J.C. Nash,
// Compact Numerical Methods for Computers, 2nd ed., as re-crafted by B.D.
// Ripley), which R's ets uses. It keeps its simplex in reusable storage, so
// a minimisation does not allocate.
type nelderMead struct {
	p    []float64 // n+2 columns of n+1 values: vertex, then its value
	bvec []float64
}

// minimize minimises fn starting from x, which it overwrites with the best
// point found, and returns the best value and the number of evaluations.
// The initial simplex steps each coordinate in turn by 0.1·max|x_i| (0.1
// if x is zero), as R does. Non-finite values count as 1e35. It stops when
// the values at the vertices agree to reltol·(|f(x0)|+reltol), when a shrink
// does not reduce the simplex, or after more than maxEval evaluations. If
// fn(x) is not finite it returns that value after one evaluation.
func (w *nelderMead) minimize(fn func([]float64) float64, x []float64, maxEval int) (float64, int) {
	n := len(x)
	n1 := n + 1
	w.p = resize(w.p, n1*(n+2))
	w.bvec = resize(w.bvec, n)
	P, bvec := w.p, w.bvec
	col := func(j int) []float64 { return P[j*n1 : j*n1+n1] }
	copy(bvec, x)
	f := fn(bvec)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return f, 1
	}
	funcount := 1
	convtol := nmRelTol * (math.Abs(f) + nmRelTol)
	c0 := col(0)
	copy(c0, bvec)
	c0[n] = f
	C := n1 // centroid column
	L := 0
	step := 0.0
	for _, v := range bvec {
		step = math.Max(step, 0.1*math.Abs(v))
	}
	if step == 0 {
		step = 0.1
	}
	size := 0.0
	for j := 1; j <= n; j++ {
		cj := col(j)
		copy(cj, bvec)
		trystep := step
		for cj[j-1] == bvec[j-1] {
			cj[j-1] = bvec[j-1] + trystep
			trystep *= 10
		}
		size += trystep
	}
	oldsize := size
	expand, contract, shrink := nmGamma, nmBeta, nmBeta
	eval := func(v []float64) float64 {
		f := fn(v)
		funcount++
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return nmBig
		}
		return f
	}
	calcvert := true
	for {
		if calcvert {
			for j := range n1 {
				if j != L {
					cj := col(j)
					copy(bvec, cj[:n])
					cj[n] = eval(bvec)
				}
			}
			calcvert = false
		}
		VL := col(L)[n]
		VH := VL
		H := L
		for j := range n1 {
			if j != L {
				f := col(j)[n]
				if f < VL {
					L, VL = j, f
				}
				if f > VH {
					H, VH = j, f
				}
			}
		}
		if VH <= VL+convtol {
			break
		}
		cH, cC := col(H), col(C)
		for i := range n {
			temp := -cH[i]
			for j := range n1 {
				temp += P[j*n1+i]
			}
			cC[i] = temp / float64(n)
		}
		for i := range n {
			bvec[i] = (1+nmAlpha)*cC[i] - nmAlpha*cH[i]
		}
		VR := eval(bvec)
		if VR < VL {
			cC[n] = VR
			for i := range n {
				f := expand*bvec[i] + (1-expand)*cC[i]
				cC[i] = bvec[i]
				bvec[i] = f
			}
			f := eval(bvec)
			if f < VR {
				copy(cH[:n], bvec)
				cH[n] = f
			} else {
				copy(cH[:n], cC[:n])
				cH[n] = VR
			}
		} else {
			if VR < VH {
				copy(cH[:n], bvec)
				cH[n] = VR
			}
			for i := range n {
				bvec[i] = (1-contract)*cH[i] + contract*cC[i]
			}
			f := eval(bvec)
			if f < cH[n] {
				copy(cH[:n], bvec)
				cH[n] = f
			} else if VR >= VH {
				calcvert = true
				size = 0
				cL := col(L)
				for j := range n1 {
					if j != L {
						cj := col(j)
						for i := range n {
							cj[i] = shrink*(cj[i]-cL[i]) + cL[i]
							size += math.Abs(cj[i] - cL[i])
						}
					}
				}
				if size < oldsize {
					oldsize = size
				} else {
					break
				}
			}
		}
		if funcount > maxEval {
			break
		}
	}
	cL := col(L)
	copy(x, cL[:n])
	return cL[n], funcount
}
