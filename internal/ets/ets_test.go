package ets

import (
	"errors"
	"math"
	"math/cmplx"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestParseSpec(t *testing.T) {
	for _, test := range []struct {
		in      string
		want    Spec
		str     string
		wantErr bool
	}{
		{in: "ANN", want: Spec{Additive, None, None, false}, str: "ETS(A,N,N)"},
		{in: "MAdM", want: Spec{Multiplicative, Additive, Multiplicative, true}, str: "ETS(M,Ad,M)"},
		{in: "ETS(M,Ad,M)", want: Spec{Multiplicative, Additive, Multiplicative, true}, str: "ETS(M,Ad,M)"},
		{in: "ets(a, a, a)", want: Spec{Additive, Additive, Additive, false}, str: "ETS(A,A,A)"},
		{in: "AAdN", want: Spec{Additive, Additive, None, true}, str: "ETS(A,Ad,N)"},
		{in: "ANdN", wantErr: true},
		{in: "AMN", wantErr: true},
		{in: "NNN", wantErr: true},
		{in: "ZZZ", wantErr: true},
		{in: "AA", wantErr: true},
		{in: "ETS(A,N)", wantErr: true},
		{in: "", wantErr: true},
	} {
		got, err := ParseSpec(test.in)
		if test.wantErr {
			if err == nil {
				t.Errorf("ParseSpec(%q) = %v, want error", test.in, got)
			}
			continue
		}
		if err != nil || got != test.want {
			t.Errorf("ParseSpec(%q) = %v, %v, want %v", test.in, got, err, test.want)
			continue
		}
		if got.String() != test.str {
			t.Errorf("ParseSpec(%q).String() = %q, want %q", test.in, got.String(), test.str)
		}
		if back, err := ParseSpec(got.Short()); err != nil || back != got {
			t.Errorf("ParseSpec(%q) = %v, %v, want %v", got.Short(), back, err, got)
		}
	}
}

// maxRootModulus returns the largest root modulus of the polynomial with
// ascending coefficients c, from the eigenvalues of its companion matrix.
func maxRootModulus(c []float64) float64 {
	d := len(c) - 1
	a := mat.NewDense(d, d, nil)
	for i := range d {
		a.Set(0, i, -c[d-1-i]/c[d])
		if i > 0 {
			a.Set(i, i-1, 1)
		}
	}
	var eig mat.Eigen
	if !eig.Factorize(a, mat.EigenNone) {
		panic("eigen failed")
	}
	max := 0.0
	for _, v := range eig.Values(nil) {
		max = math.Max(max, cmplx.Abs(v))
	}
	return max
}

// TestAdmissibleRoots checks the Schur–Cohn decision of admissible against
// the root moduli computed independently from companion-matrix eigenvalues
// (gonum mat.Eigen), the criterion of R's admissible() (max |root| <=
// 1+1e-10), on random seasonal parameters, skipping draws within 1e-6 of
// the boundary where rounding decides.
func TestAdmissibleRoots(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 1))
	specs := []Spec{{Additive, None, Additive, false}, {Additive, Additive, Additive, false}, {Multiplicative, Additive, Multiplicative, true}}
	var in, out int
	for trial := 0; trial < 3000; trial++ {
		sp := specs[trial%len(specs)]
		m := []int{2, 4, 7, 12, 24}[rnd.IntN(5)]
		p := Params{Alpha: 2 * rnd.Float64(), Beta: 0.5*rnd.Float64() - 0.1, Gamma: 1.5*rnd.Float64() - 0.2, Phi: 0.7 + 0.3*rnd.Float64()}
		if sp.Trend == None {
			p.Beta = 0
		}
		if !sp.Damped {
			p.Phi = 1
		}
		phi, alpha, beta, gamma := p.Phi, p.Alpha, p.Beta, p.Gamma
		// Skip draws the easy inequalities reject: only the root test is
		// compared here.
		fm := float64(m)
		if gamma < math.Max(1-1/phi-alpha, 0) || gamma > 1+1/phi-alpha ||
			alpha < 1-1/phi-gamma*(1-fm+phi+phi*fm)/(2*phi*fm) || beta < -(1-phi)*(gamma/fm+alpha) {
			continue
		}
		c := make([]float64, m+2)
		c[0] = phi * (1 - alpha - gamma)
		c[1] = alpha + beta - alpha*phi + gamma - 1
		for i := 2; i < m; i++ {
			c[i] = alpha + beta - alpha*phi
		}
		c[m] = alpha + beta - phi
		c[m+1] = 1
		r := maxRootModulus(c)
		if math.Abs(r-1) < 1e-6 {
			continue
		}
		want := r <= 1+1e-10
		if got := admissible(sp, m, p); got != want {
			t.Errorf("admissible(%v, m=%d, %+v) = %v, max root modulus %.12g", sp, m, p, got, r)
		}
		if want {
			in++
		} else {
			out++
		}
	}
	if in < 100 || out < 100 {
		t.Errorf("too few draws on one side: %d admissible, %d not", in, out)
	}
	// ANA and MNM have a unit root at z = 1 for every parameter value
	// (β = 0, φ = 1); R accepts it (|root| <= 1+1e-10).
	if !admissible(Spec{Additive, None, Additive, false}, 12, Params{Alpha: 0.3, Gamma: 0.2, Phi: 1}) {
		t.Errorf("admissible(ANA, α=0.3, γ=0.2) = false, want true")
	}
}

// simulateSeries returns n values simulated from spec sp, period m,
// parameters p and initial state x0 with innovation standard deviation
// sigma, using this package's recursion.
func simulateSeries(n int, sp Spec, m int, p Params, x0 []float64, sigma float64, seed uint64) []float64 {
	y := make([]float64, n)
	simulate(y, 1, sp, m, p, x0, sigma, seed)
	return y
}

var generators = []struct {
	spec  string
	m     int
	p     Params
	x0    []float64
	sigma float64
	min   float64 // lower bound asserted on the exact-spec recovery rate
}{
	{"ANN", 1, Params{Alpha: 0.3, Phi: 1}, []float64{100}, 2, 0.4},
	{"AAdN", 1, Params{Alpha: 0.5, Beta: 0.3, Phi: 0.9}, []float64{100, 3}, 1, 0.3},
	{"MNM", 4, Params{Alpha: 0.3, Gamma: 0.1, Phi: 1}, []float64{100, 1.1, 0.9, 0.8, 1.2}, 0.03, 0.7},
	{"AAA", 4, Params{Alpha: 0.3, Beta: 0.05, Gamma: 0.1, Phi: 1}, []float64{50, 0.5, 4, -3, 2, -3}, 1, 0.6},
}

// TestSelectRecovery simulates 50 series of 120 values from each of four
// known specs and counts how often Select picks the generating spec, and
// how often it picks its trend and season form (error type aside). The
// rates are logged; the asserted lower bounds are a little below what this
// implementation achieves (seen with MultiStart: ANN 56%, AAdN 46%, MNM
// 84%, AAA 70% exact; 100/100/84/86% form; with NelderMead AAA was 72%
// and 88%), not toy bounds. Additive and
// multiplicative errors are nearly indistinguishable when the level moves
// little relative to its mean (ANN and AAdN here lose to MNN and MAdN, not
// to other forms), hence their lower exact bounds.
func TestSelectRecovery(t *testing.T) {
	if testing.Short() {
		t.Skip("long")
	}
	const reps = 50
	for _, g := range generators {
		sp, _ := ParseSpec(g.spec)
		hits, form := 0, 0
		picked := map[string]int{}
		for seed := range uint64(reps) {
			y := simulateSeries(120, sp, g.m, g.p, g.x0, g.sigma, 1000+seed)
			f, err := Select(y, g.m, nil)
			if err != nil {
				t.Fatalf("Select(%s series, seed %d) = %v", g.spec, seed, err)
			}
			picked[f.Spec().Short()]++
			if f.Spec() == sp {
				hits++
			}
			if got := f.Spec(); got.Trend == sp.Trend && got.Damped == sp.Damped && got.Season == sp.Season {
				form++
			}
		}
		rate := float64(hits) / reps
		frate := float64(form) / reps
		t.Logf("Select recovers %-4s (m=%d, n=120) in %d/%d = %.0f%% (form %.0f%%); picks %v", g.spec, g.m, hits, reps, 100*rate, 100*frate, picked)
		if rate < g.min {
			t.Errorf("Select recovers %s in %.0f%% of %d series, want >= %.0f%%", g.spec, 100*rate, reps, 100*g.min)
		}
		if frate < 0.8 {
			t.Errorf("Select recovers the form of %s in %.0f%% of %d series, want >= 80%%", g.spec, 100*frate, reps)
		}
	}
}

// checkFitBounds reports an error if f's parameters are outside R's "both"
// region or a multiplicative seasonal state is negative, or if its initial
// seasonal states are not normalised.
func checkFitBounds(t *testing.T, name string, f *Fit) {
	t.Helper()
	sp, p := f.Spec(), f.Params()
	if !checkParams(sp, f.Period(), p) {
		t.Errorf("%s: %v parameters %+v outside the bounds/admissible region", name, sp, p)
	}
	if sp.Season != None {
		x0 := f.InitialState(nil)
		k := 1
		if sp.Trend != None {
			k = 2
		}
		sum := 0.0
		for _, v := range x0[k:] {
			sum += v
			if sp.Season == Multiplicative && v < 0 {
				t.Errorf("%s: negative seasonal index %v", name, v)
			}
		}
		want := 0.0
		if sp.Season == Multiplicative {
			want = float64(f.Period())
		}
		if math.Abs(sum-want) > 1e-8*(1+math.Abs(x0[0])) {
			t.Errorf("%s: seasonal states sum to %v, want %v", name, sum, want)
		}
	}
}

// TestFitBounds checks that every fitted model, for all 15 specs on the
// reference series and Select on simulated series, respects the usual
// bounds and the admissible region (as checked by checkParams: the bounds
// are explicit, admissibility was compared with eigenvalues in
// TestAdmissibleRoots).
func TestFitBounds(t *testing.T) {
	r := loadRef(t, "testdata/ref_ets.json")
	ys := refSeries(t, r)
	for _, c := range r.Cases {
		sp, _ := ParseSpec(c.Spec)
		f, err := Estimate(ys[c.Series], c.M, sp, nil)
		if err != nil {
			t.Fatal(err)
		}
		checkFitBounds(t, c.Series+" "+c.Spec, f)
	}
	for _, g := range generators {
		sp, _ := ParseSpec(g.spec)
		for seed := range uint64(5) {
			y := simulateSeries(80, sp, g.m, g.p, g.x0, g.sigma, 7+seed)
			f, err := Select(y, g.m, nil)
			if err != nil {
				t.Fatal(err)
			}
			checkFitBounds(t, "Select "+g.spec, f)
		}
	}
}

// TestShortSeries runs Select on series of 1..30 values with m = 1, 4, 12:
// it must not panic and must return a fit or an error wrapping ErrTooShort,
// and a fit exactly when len(y) >= MinLen.
func TestShortSeries(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 1))
	for _, m := range []int{1, 4, 12} {
		for n := 1; n <= 30; n++ {
			y := make([]float64, n)
			for i := range y {
				y[i] = 50 + 10*math.Sin(2*math.Pi*float64(i)/float64(m)) + rnd.NormFloat64()
			}
			f, err := Select(y, m, nil)
			switch {
			case err != nil && !errors.Is(err, ErrTooShort):
				t.Errorf("Select(n=%d, m=%d) = %v, want nil or ErrTooShort", n, m, err)
			case err != nil && n >= MinLen:
				t.Errorf("Select(n=%d, m=%d) = %v, want a fit", n, m, err)
			case err == nil && n < MinLen:
				t.Errorf("Select(n=%d, m=%d) = %v, want ErrTooShort", n, m, f.Spec())
			case err == nil:
				fc := f.Forecast(nil, 2*m)
				lo, hi := f.Interval(nil, nil, 2*m, 80)
				for i := range fc {
					if math.IsNaN(fc[i]) || !(lo[i] <= fc[i]+1e-9*math.Abs(fc[i]) && fc[i] <= hi[i]+1e-9*math.Abs(fc[i])) {
						t.Errorf("Select(n=%d, m=%d) %v: forecast %v outside [%v, %v]", n, m, f.Spec(), fc[i], lo[i], hi[i])
						break
					}
				}
			}
		}
	}
	// A fixed spec needs p+2 values.
	sp, _ := ParseSpec("AAA")
	if _, err := Estimate(make([]float64, 17), 12, sp, nil); !errors.Is(err, ErrTooShort) {
		t.Errorf("Estimate(AAA, n=17, m=12) = %v, want ErrTooShort (p = 16)", err)
	}
}

// TestDeterminism checks that Select, Forecast and Interval give
// bit-identical results for the same input.
func TestDeterminism(t *testing.T) {
	y := airline(t)
	var prev []float64
	for range 2 {
		f, err := Select(y, 12, nil)
		if err != nil {
			t.Fatal(err)
		}
		out := append(f.InitialState(nil), f.LogLik(), f.Params().Alpha, f.Params().Gamma)
		out = append(out, f.Forecast(nil, 24)...)
		lo, hi := f.Interval(nil, nil, 24, 95)
		out = append(append(out, lo...), hi...)
		if prev != nil {
			for i := range out {
				if math.Float64bits(out[i]) != math.Float64bits(prev[i]) {
					t.Fatalf("Select(airline) differs between runs at %d: %v vs %v", i, out[i], prev[i])
				}
			}
		}
		prev = out
	}
}

func TestNonFinite(t *testing.T) {
	for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		y := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
		y[4] = bad
		if _, err := Select(y, 1, nil); !errors.Is(err, ErrNonFinite) {
			t.Errorf("Select(y with %v) = %v, want ErrNonFinite", bad, err)
		}
		sp, _ := ParseSpec("ANN")
		if _, err := Estimate(y, 1, sp, nil); !errors.Is(err, ErrNonFinite) {
			t.Errorf("Estimate(y with %v) = %v, want ErrNonFinite", bad, err)
		}
		f, err := Estimate(y[:4], 1, sp, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Refilter(y); !errors.Is(err, ErrNonFinite) {
			t.Errorf("Refilter(y with %v) = %v, want ErrNonFinite", bad, err)
		}
	}
	sp, _ := ParseSpec("MNN")
	if _, err := Estimate([]float64{1, 2, 0, 4, 5, 6}, 1, sp, nil); !errors.Is(err, ErrNonPositive) {
		t.Errorf("Estimate(MNN, y with 0) = %v, want ErrNonPositive", err)
	}
}

// TestRefilter checks that refiltering the estimation series reproduces the
// fit, and that refiltering a longer series equals running the recursion
// through the extra values: the forecasts of the first fit one step ahead
// are the one-step fitted values of the refiltered one.
func TestRefilter(t *testing.T) {
	y := airline(t)
	for _, name := range []string{"AAdA", "MAM", "MNN"} {
		sp, _ := ParseSpec(name)
		f, err := Estimate(y[:120], 12, sp, nil)
		if err != nil {
			t.Fatal(err)
		}
		lik, fc := f.LogLik(), f.Forecast(nil, 1)
		if err := f.Refilter(y[:120]); err != nil {
			t.Fatal(err)
		}
		if f.LogLik() != lik {
			t.Errorf("%s: Refilter(same y) loglik %v, want %v", name, f.LogLik(), lik)
		}
		if err := f.Refilter(y); err != nil {
			t.Fatal(err)
		}
		if f.Len() != len(y) {
			t.Errorf("%s: Len after Refilter = %d, want %d", name, f.Len(), len(y))
		}
		fit := f.Fitted(nil)
		if math.Abs(fit[120]-fc[0]) > 1e-9*math.Abs(fc[0]) {
			t.Errorf("%s: fitted[120] after Refilter = %v, want the forecast %v", name, fit[120], fc[0])
		}
	}
}

// TestSimulateConsistent checks the simulator against the recursion and the
// analytic variances: with zero innovations every path is the point
// forecast; for a class-1 model the simulated quantiles match the analytic
// normal limits (20000 paths: within 3% of the half-width, about four
// standard errors of the simulated quantiles).
func TestSimulateConsistent(t *testing.T) {
	y := airline(t)
	sp, _ := ParseSpec("AAdA")
	f, err := Estimate(y, 12, sp, nil)
	if err != nil {
		t.Fatal(err)
	}
	h := 24
	fc := f.Forecast(nil, h)
	sim := make([]float64, h*3)
	simulate(sim, 3, f.spec, f.m, f.params, f.xn, 0, 1)
	for i := range h {
		for r := range 3 {
			if math.Abs(sim[i*3+r]-fc[i]) > 1e-9*math.Abs(fc[i]) {
				t.Fatalf("simulate(σ=0)[%d] = %v, want forecast %v", i, sim[i*3+r], fc[i])
			}
		}
	}
	lo, hi := f.Interval(nil, nil, h, 90)
	// Simulate the class-1 model as the class-3 route would.
	const paths = 20000
	sim = make([]float64, h*paths)
	simulate(sim, paths, f.spec, f.m, f.params, f.xn, math.Sqrt(f.Sigma2()), 3)
	for i := range h {
		row := sim[i*paths : (i+1)*paths]
		sortFloats(row)
		slo, shi := quantile7(row, 0.05), quantile7(row, 0.95)
		half := (hi[i] - lo[i]) / 2
		if math.Abs(slo-lo[i]) > 0.03*half || math.Abs(shi-hi[i]) > 0.03*half {
			t.Errorf("h=%d: simulated 90%% limits [%v, %v], analytic [%v, %v]", i+1, slo, shi, lo[i], hi[i])
		}
	}
}
func sortFloats(x []float64) { slices.Sort(x) }

func TestOptimizerString(t *testing.T) {
	for _, test := range []struct {
		o    Optimizer
		want string
	}{{MultiStart, "MultiStart"}, {NelderMead, "NelderMead"}, {Optimizer(7), "Optimizer(7)"}} {
		if got := test.o.String(); got != test.want {
			t.Errorf("Optimizer(%d).String() = %q, want %q", test.o, got, test.want)
		}
	}
	panics := func(f func()) (p bool) {
		defer func() { p = recover() != nil }()
		f()
		return false
	}
	if !panics(func() { Estimate([]float64{1, 2, 3, 4, 5, 6, 7, 8}, 1, Spec{Error: Additive}, &Settings{Optimizer: 7}) }) {
		t.Errorf("Estimate with Optimizer(7) did not panic")
	}
}
