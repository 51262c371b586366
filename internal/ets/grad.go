package ets

import (
	"math"

	"gonum.org/v1/gonum/floats"
)

// tangents holds the workspace of likGrad: the derivatives of the level,
// the slope and the m seasonal states with respect to the free parameters,
// and the two accumulated gradient terms. Reused across evaluations, so
// likGrad does not allocate.
type tangents struct {
	dl, db, ds []float64
	gs, gl     []float64
	df, dq     []float64
	jcol       []float64 // de_t/dθ_k at k·n+t (likJac)
}

// likGrad returns R's lik (see filter) for the spec, period and series of
// w at the smoothing parameters p and the initial state w.x0, and writes to
// g its gradient with respect to the free parameters in the order of the
// optimiser's vector: α, β, γ, φ (those the spec has), l_0, b_0 (with a
// trend) and s[0], …, s[m−2] (with a season), all in natural units. The
// last seasonal state is the implied one (m or 0 minus the sum of the
// others), so its derivative enters through the free ones.
//
// The derivatives are exact: forward-mode differentiation of the recursion
// of filter (tangent propagation over the states, as dual numbers would
// give), in R's update form: with q = l + φb,
//
//	l' = q + α(a − q),  b' = φb + β(a − q),  s' = s + γ(y − q − s) or s + γ(y/q − s)
//
// where a = y − s or y/s. The guards of R's etscalc (a division by a
// seasonal index or level forecast below 1e-10 gives 1e10) have zero
// derivative. likGrad does not allocate once w's buffers have grown.
func (w *work) likGrad(p Params, g []float64) float64 {
	return w.likJac(p, g, nil)
}

// likJac is likGrad that also writes to jtj (P×P, row-major, unless nil)
// the Gauss–Newton approximation of the Hessian of lik: with the
// concentrated likelihood written as lik = n·log Σr_t², r_t = e_t·G and G
// the geometric mean of |ŷ_t| (1 for additive errors), it is
// (2n/Σr²)·JᵀJ, J the Jacobian of r; a Levenberg–Marquardt step δ solves
// (jtj + λD)δ = −g.
func (w *work) likJac(p Params, g, jtj []float64) float64 {
	sp, m, y, x0 := w.sp, w.m, w.y, w.x0
	P := len(g)
	ns := sp.nSmoothing()
	// Parameter indices (-1 when absent) and the first state index.
	iA, iB, iG, iP := 0, -1, -1, -1
	i := 1
	if sp.Trend != None {
		iB = i
		i++
	}
	if sp.Season != None {
		iG = i
		i++
	}
	if sp.Damped {
		iP = i
	}
	k := 1
	phi, beta, b := 0.0, 0.0, 0.0
	if sp.Trend != None {
		phi, beta, b = 1, p.Beta, x0[1]
		if sp.Damped {
			phi = p.Phi
		}
		k = 2
	}
	gamma := 0.0
	mult := sp.Season == Multiplicative
	mm := 1
	if sp.Season != None {
		gamma = p.Gamma
		mm = m
	}
	alpha := p.Alpha

	t := &w.tan
	t.dl = resize(t.dl, P)
	t.db = resize(t.db, P)
	t.ds = resize(t.ds, mm*P)
	t.gs = resize(t.gs, P)
	t.gl = resize(t.gl, P)
	t.df = resize(t.df, P)
	t.dq = resize(t.dq, P)
	dl, db, ds, gs, gl, dfv, dqv := t.dl, t.db, t.ds, t.gs, t.gl, t.df, t.dq
	var jcol []float64
	if jtj != nil {
		jtj = jtj[:P*P]
		t.jcol = resize(t.jcol, P*len(y))
		jcol = t.jcol
	}
	clear(dl)
	clear(db)
	clear(ds)
	clear(gs)
	clear(gl)
	dl[ns] = 1
	if sp.Trend != None {
		db[ns+1] = 1
	}
	sc := w.sc[:mm]
	if sp.Season != None {
		// Ring slot r holds state m−1−r; slot 0 is the implied state
		// s[m−1] = c − Σ_{i<m−1} s[i].
		for r := range m {
			sc[r] = x0[k+m-1-r]
		}
		d0 := ds[:P]
		for i := 0; i < m-1; i++ {
			d0[ns+k+i] = -1
		}
		for r := 1; r < m; r++ {
			ds[r*P+ns+k+m-1-r] = 1
		}
	} else {
		sc[0] = 0
	}

	l := x0[0]
	multErr := sp.Error == Multiplicative
	var sse, logSum float64
	prod := 1.0
	c1, cb := 1-alpha, 1-gamma
	// The values follow runAdd and runMul operation for operation, so the
	// returned lik is bit-identical to filter's.
	c11, c12 := 1-alpha, (1-alpha)*phi
	c21, c22 := -beta, phi*(1-beta)
	j := 0
	for it, yt := range y {
		q := l + phi*b
		s := sc[j]
		dsj := ds[j*P : j*P+P]
		// f = cq·q ⊕ s with df = cq·dq + cs·ds.
		var f, cq, cs float64
		if mult {
			f, cq, cs = q*s, s, q
		} else {
			f, cq, cs = q+s, 1, 1
			if sp.Season == None {
				cs = 0
			}
		}
		// cE = de/df, cS·df the term of Σe², cL·df that of Σlog|ŷ|.
		var cE, cS, cL float64
		if multErr {
			e := (yt - f) / f
			sse += e * e
			prod *= math.Abs(f)
			if prod > 1e200 || prod < 1e-200 {
				logSum += math.Log(prod)
				prod = 1
			}
			cE = -yt / (f * f)
			cS = 2 * e * cE
			cL = 1 / f
		} else {
			e := yt - f
			sse += e * e
			cE = -1
			cS = -2 * e
		}
		// a, its derivative factor ca (da = ca·ds), and the seasonal
		// target with its derivative factor cg (ds' gets cg·dq).
		var a, ca, tt, cg float64
		if mult {
			if math.Abs(s) >= tol {
				a, ca = yt/s, -yt/(s*s)
			} else {
				a = hugeN
			}
			if math.Abs(q) >= tol {
				tt, cg = yt/q, -gamma*yt/(q*q)
			} else {
				tt = hugeN
			}
		} else {
			a, ca = yt-s, -1
			tt, cg = yt-q, -gamma
			if sp.Season == None {
				ca, cg = 0, 0
			}
		}
		dl, db, dsj, gs, gl, dfv, dqv := dl[:P], db[:P], dsj[:P], gs[:P], gl[:P], dfv[:P], dqv[:P]
		// Two passes in leaf functions keep the loop invariants in
		// registers: first dq, df and the gradient terms, then the new
		// tangents.
		tanTerms(dqv, dfv, gs, gl, dl, db, dsj, phi, cq, cs, cS, cL)
		tanStep(dl, db, dsj, dqv, c1, alpha*ca, phi, beta, beta*ca, cb, cg)
		// Direct terms of the smoothing parameters: φ enters q (and b'
		// directly), α, β and γ multiply the corrections.
		aq := a - q
		if iP >= 0 {
			dfv[iP] += cq * b
			gs[iP] += cS * cq * b
			gl[iP] += cL * cq * b
			dl[iP] += c1 * b
			db[iP] += (1 - beta) * b
			dsj[iP] += cg * b
		}
		if jtj != nil {
			// Column k of the Jacobian of e holds de_t/dθ_k at row t.
			for k, v := range dfv {
				jcol[k*len(y)+it] = cE * v
			}
		}
		dl[iA] += aq
		if iB >= 0 {
			db[iB] += aq
		}
		if iG >= 0 {
			dsj[iG] += tt - s
		}
		l, b = (c11*l+c12*b)+alpha*a, (c21*l+c22*b)+beta*a
		sc[j] = s + gamma*(tt-s)
		j++
		if j == mm {
			j = 0
		}
	}
	if multErr {
		logSum += math.Log(prod)
	}
	n := float64(len(y))
	lik := n * math.Log(sse)
	cs := n / sse
	for i := range g {
		g[i] = cs * gs[i]
	}
	if multErr {
		lik += 2 * logSum
		for i := range g {
			g[i] += 2 * gl[i]
		}
	}
	if jtj != nil {
		// JᵀJ/G² = A + b·vᵀ + v·bᵀ + SSE·v·vᵀ with A = Σde·deᵀ, b = Σe·de
		// = gs/2 and v = ∂log G = gl/n (zero for additive errors). A's
		// entries are dot products of the columns of de (vectorised by
		// floats.Dot).
		ny := len(y)
		for r := range P {
			jr := jcol[r*ny : r*ny+ny]
			for c := r; c < P; c++ {
				jtj[r*P+c] = floats.Dot(jr, jcol[c*ny:c*ny+ny])
			}
		}
		for r := range P {
			br, vr := gs[r]/2, 0.0
			if multErr {
				vr = gl[r] / n
			}
			for c := r; c < P; c++ {
				bc, vc := gs[c]/2, 0.0
				if multErr {
					vc = gl[c] / n
				}
				v := cs * 2 * (jtj[r*P+c] + br*vc + vr*bc + sse*vr*vc)
				jtj[r*P+c] = v
				jtj[c*P+r] = v
			}
		}
	}
	return lik
}

// tanTerms sets dq = dl + φ·db, df = cq·dq + cs·ds and adds cS·df to gs
// and cL·df to gl, element-wise. All slices have the length of dq.
//
//go:noinline
func tanTerms(dq, df, gs, gl, dl, db, ds []float64, phi, cq, cs, cS, cL float64) {
	df, gs, gl, dl, db, ds = df[:len(dq)], gs[:len(dq)], gl[:len(dq)], dl[:len(dq)], db[:len(dq)], ds[:len(dq)]
	for i := range dq {
		d := dl[i] + phi*db[i]
		dq[i] = d
		f := cq*d + cs*ds[i]
		df[i] = f
		gs[i] += cS * f
		gl[i] += cL * f
	}
}

// tanStep advances the tangents: dl = c1·dq + k1·ds, db = φ·db − β·dq +
// k2·ds, ds = cb·ds + cg·dq, element-wise (ds read before it is written).
//
//go:noinline
func tanStep(dl, db, ds, dq []float64, c1, k1, phi, beta, k2, cb, cg float64) {
	db, ds, dq = db[:len(dl)], ds[:len(dl)], dq[:len(dl)]
	for i := range dl {
		d, s := dq[i], ds[i]
		dl[i] = c1*d + k1*s
		db[i] = phi*db[i] - beta*d + k2*s
		ds[i] = cb*s + cg*d
	}
}
