package ets

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"strconv"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
	"gonum.org/v1/gonum/stat"
)

// refCase is one fit of testdata/ref_ets.json, written by
// testdata/ref_ets.py with statsmodels 0.13.5 ETSModel.
type refCase struct {
	Series    string    `json:"series"`
	Spec      string    `json:"spec"`
	M         int       `json:"m"`
	Alpha     float64   `json:"alpha"`
	Beta      float64   `json:"beta"`
	Gamma     float64   `json:"gamma"`
	Phi       float64   `json:"phi"`
	Init      []float64 `json:"init"`
	LLF       float64   `json:"llf"`
	LogLike   float64   `json:"loglike"`
	MSE       float64   `json:"mse"`
	Forecast  []float64 `json:"forecast"`
	Lo80      []float64 `json:"lo80"`
	Hi80      []float64 `json:"hi80"`
	Lo95      []float64 `json:"lo95"`
	Hi95      []float64 `json:"hi95"`
	PIMethod  string    `json:"pi_method"`
	Var       []float64 `json:"var"`
	Converged bool      `json:"converged"`
}

type refFile struct {
	Source string    `json:"source"`
	Cases  []refCase `json:"cases"`
	Series map[string]struct {
		M int       `json:"m"`
		Y []float64 `json:"y"`
	} `json:"series"`
}

func loadRef(t testing.TB, name string) refFile {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var r refFile
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

// airline returns testdata/airline-passengers.csv (AirPassengers, see
// testdata/SOURCES.md).
func airline(t testing.TB) []float64 {
	t.Helper()
	fh, err := os.Open("testdata/airline-passengers.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	recs, err := csv.NewReader(fh).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var y []float64
	for _, r := range recs[1:] {
		v, err := strconv.ParseFloat(r[1], 64)
		if err != nil {
			t.Fatal(err)
		}
		y = append(y, v)
	}
	return y
}

// refSeries returns the series of the reference cases by name.
func refSeries(t testing.TB, r refFile) map[string][]float64 {
	out := map[string][]float64{"airline": airline(t)}
	for k, v := range r.Series {
		out[k] = v.Y
	}
	return out
}

// fitFromRef returns the model of c with statsmodels' parameters and initial
// states, run over y.
func fitFromRef(t testing.TB, c refCase, y []float64) *Fit {
	t.Helper()
	sp, err := ParseSpec(c.Spec)
	if err != nil {
		t.Fatal(err)
	}
	p := Params{Alpha: c.Alpha, Beta: c.Beta, Gamma: c.Gamma, Phi: c.Phi}
	f := &Fit{spec: sp, m: c.M, params: p, x0: append([]float64(nil), c.Init...), k: sp.nFree(c.M) + 1, set: (*Settings)(nil).resolve()}
	f.refilter(y, nil)
	return f
}

// smLogLik converts R's log-likelihood −lik/2 to statsmodels' full Gaussian
// log-likelihood with the variance concentrated out:
// −n/2·(log(2π·Σe²/n) + 1) − Σlog ŷ.
func smLogLik(rLogLik float64, n int) float64 {
	fn := float64(n)
	return rLogLik - fn/2*(math.Log(2*math.Pi/fn)+1)
}

// statsmodelsLogLik returns the log-likelihood of statsmodels 0.13.5
// ETSModel (its convention, see smLogLik) for the model of c over y: R's
// recursion except that statsmodels updates a multiplicative seasonal
// state as s_t = s_{t−m} + γ(y_t − ŷ_t)/l_t, with the new level l_t,
// where R (and filter) uses s_{t−m} + γ(y_t/q_t − s_{t−m}), q_t =
// l_{t−1} + φb_{t−1}. It is a transcription written for the tests, to pin
// down that difference; additive and absent seasons are R's recursion.
func statsmodelsLogLik(c refCase, y []float64) float64 {
	sp, _ := ParseSpec(c.Spec)
	m := c.M
	l, b, phi := c.Init[0], 0.0, 0.0
	k := 1
	if sp.Trend != None {
		b, phi, k = c.Init[1], c.Phi, 2
	}
	ring := []float64{0}
	if sp.Season != None {
		ring = make([]float64, m)
		for i := range m {
			ring[i] = c.Init[k+m-1-i]
		}
	}
	var sse, logSum float64
	j := 0
	for _, yt := range y {
		q := l + phi*b
		s := ring[j]
		var f, a float64
		if sp.Season == Multiplicative {
			f, a = q*s, yt/s
		} else {
			f, a = q+s, yt-s
		}
		e := yt - f
		if sp.Error == Multiplicative {
			e /= f
			logSum += math.Log(math.Abs(f))
		}
		sse += e * e
		ln := q + c.Alpha*(a-q)
		b = phi*b + c.Beta*(a-q)
		switch sp.Season {
		case Multiplicative:
			ring[j] = s + c.Gamma*(yt-f)/ln
		case Additive:
			ring[j] = s + c.Gamma*(yt-q-s)
		}
		l = ln
		j = (j + 1) % len(ring)
	}
	n := float64(len(y))
	return -n/2*(math.Log(2*math.Pi*sse/n)+1) - logSum
}

// TestLogLikStatsmodels checks the likelihood function: the recursion run
// from statsmodels' fitted parameters and initial states must give
// statsmodels' log-likelihood (ETSModel.loglike at those values, statsmodels
// 0.13.5, testdata/ref_ets.py) after the explicit conversion from R's lik
// (smLogLik), to 1e-9 relative, for the models without a multiplicative
// season. With a multiplicative season statsmodels' recursion differs
// from R's in the seasonal update (see statsmodelsLogLik, which must then
// reproduce statsmodels' value to 1e-9); ours differs from statsmodels'
// value by about 1e-7 relative on these series (logged, asserted below
// 1e-5).
func TestLogLikStatsmodels(t *testing.T) {
	r := loadRef(t, "testdata/ref_ets.json")
	ys := refSeries(t, r)
	for _, c := range r.Cases {
		y := ys[c.Series]
		f := fitFromRef(t, c, y)
		got := smLogLik(f.LogLik(), len(y))
		tol := 1e-9
		if c.Spec[len(c.Spec)-1] == 'M' {
			if sm := statsmodelsLogLik(c, y); !scalar.EqualWithinRel(sm, c.LogLike, 1e-9) {
				t.Errorf("%s %s: statsmodels' recursion gives %.10g, want %.10g", c.Series, c.Spec, sm, c.LogLike)
			}
			t.Logf("%s %s: R's recursion at statsmodels' optimum %.8g, statsmodels %.8g (relative difference %.2g)",
				c.Series, c.Spec, got, c.LogLike, math.Abs(got-c.LogLike)/math.Abs(c.LogLike))
			tol = 1e-5
		}
		if !scalar.EqualWithinRel(got, c.LogLike, tol) {
			t.Errorf("%s %s: loglik at statsmodels' optimum = %.10g, want %.10g (%s)", c.Series, c.Spec, got, c.LogLike, r.Source)
		}
		// The forecasts from that state are statsmodels' forecasts.
		fc := f.Forecast(nil, len(c.Forecast))
		for i := range fc {
			if !scalar.EqualWithinAbsOrRel(fc[i], c.Forecast[i], 1e-9, 1e-6) {
				t.Errorf("%s %s: forecast[%d] = %v, want %v", c.Series, c.Spec, i, fc[i], c.Forecast[i])
				break
			}
		}
	}
}

// TestEstimateStatsmodels compares our fitted optimum with statsmodels'
// (the same likelihood up to the seasonal update of TestLogLikStatsmodels,
// maximised by L-BFGS-B over box bounds on α, β/α, γ/(1−α), φ without the
// admissibility check and with one seasonal state fixed instead of
// normalised; ours within R's bounds plus the admissible region).
// Reference: statsmodels 0.13.5, testdata/ref_ets.py. It logs our
// log-likelihood minus statsmodels' llf, and, where statsmodels' point lies
// inside R's region, minus R's likelihood at that point (the like-for-like
// comparison), for both optimisers.
//
// MultiStart (the default) must not fall more than 0.1 below statsmodels'
// llf on any of the 36 fits: observed at most 0.041 below (synth_q MAdN,
// where statsmodels' point lies outside R's region, with β < 1e-4); on
// AirPassengers within 0.018 for every spec. Where statsmodels' point is
// inside the region, ours must be at least R's likelihood there minus
// 0.02: the Levenberg–Marquardt search stops once two steps in a row gain
// less than 1e-3 in lik (5e-4 in log-likelihood), which on synth_q AAN
// leaves it 0.009 below statsmodels' point. Forecasts are compared where
// the optima agree.
//
// NelderMead, this package's optimiser before MultiStart, keeps its
// observed bounds: shortfalls of up to 6.4 units on the 17-parameter
// seasonal AirPassengers models (bound 7) and 0.8 elsewhere (bound 1).
func TestEstimateStatsmodels(t *testing.T) {
	r := loadRef(t, "testdata/ref_ets.json")
	ys := refSeries(t, r)
	for _, o := range []Optimizer{MultiStart, NelderMead} {
		for _, c := range r.Cases {
			y := ys[c.Series]
			sp, err := ParseSpec(c.Spec)
			if err != nil {
				t.Fatal(err)
			}
			f, err := Estimate(y, c.M, sp, &Settings{Optimizer: o})
			if err != nil {
				t.Fatalf("Estimate(%s, %s) = %v", c.Series, c.Spec, err)
			}
			d := smLogLik(f.LogLik(), len(y)) - c.LLF
			at := fitFromRef(t, c, y)
			inside := checkParams(sp, c.M, at.params)
			dR := f.LogLik() - at.LogLik()
			fc := f.Forecast(nil, len(c.Forecast))
			maxRel := 0.0
			for i := range fc {
				maxRel = math.Max(maxRel, math.Abs(fc[i]-c.Forecast[i])/math.Abs(c.Forecast[i]))
			}
			t.Logf("%v %-7s %-5s ours−statsmodels %+8.4f (R's likelihood %+8.4f, statsmodels' point inside %v)  max forecast rel diff %.4f  %+v",
				o, c.Series, c.Spec, d, dR, inside, maxRel, f.Params())
			tol := 0.1
			if o == NelderMead {
				tol = 1
				if c.Series == "airline" && sp.Season != None {
					tol = 7
				}
			}
			if d < -tol {
				t.Errorf("Estimate(%s, %s, %v): loglik %.4f below statsmodels' by more than %v", c.Series, c.Spec, o, d, tol)
			}
			if o == MultiStart && inside && dR < -0.02 {
				t.Errorf("Estimate(%s, %s): loglik %.4f below R's likelihood at statsmodels' point", c.Series, c.Spec, dR)
			}
			if math.Abs(d) <= 0.3 && maxRel > 0.05 {
				t.Errorf("Estimate(%s, %s, %v): same optimum (Δ %.3g) but forecasts differ by %.3g relative", c.Series, c.Spec, o, d, maxRel)
			}
		}
	}
}

// TestIntervalStatsmodels checks the prediction intervals at statsmodels'
// parameters and states, with statsmodels' variance estimate (the mean
// squared error). Reference: statsmodels 0.13.5, testdata/ref_ets.py.
//
//   - Class 1: against statsmodels' exact intervals (closed forms of
//     Hyndman et al. 2008 Table 6.1), to 1e-9 relative.
//   - Class 2: our analytic variance (R's class2 recursion) against the
//     variance of statsmodels' 20000 simulated paths, to 6% (the standard
//     error of a variance from 20000 paths is about 1–1.5%). The limits are
//     not compared: R's class-2 limits are normal, the simulated ones
//     follow the skewed forecast distribution.
//   - Class 3: our simulation (5000 paths) against statsmodels' (20000
//     paths): variances to 8% and limits to 8% of the interval's half-width
//     plus 0.5% of the forecast (simulation error on both sides).
func TestIntervalStatsmodels(t *testing.T) {
	r := loadRef(t, "testdata/ref_ets.json")
	ys := refSeries(t, r)
	for _, c := range r.Cases {
		y := ys[c.Series]
		f := fitFromRef(t, c, y)
		h := len(c.Forecast)
		class := f.spec.Class()
		switch class {
		case 2:
			v := make([]float64, h)
			f.variance(v, c.MSE)
			for i := range v {
				if !scalar.EqualWithinRel(v[i], c.Var[i], 0.06) {
					t.Errorf("%s %s (class 2): variance[%d] = %.5g, statsmodels simulated %.5g", c.Series, c.Spec, i, v[i], c.Var[i])
					break
				}
			}
		case 3:
			paths := f.set.Paths
			sim := make([]float64, h*paths)
			simulate(sim, paths, f.spec, f.m, f.params, f.xn, math.Sqrt(c.MSE), f.set.Seed)
			for i := range h {
				row := sim[i*paths : (i+1)*paths]
				v := stat.Variance(row, nil)
				if !scalar.EqualWithinRel(v, c.Var[i], 0.08) {
					t.Errorf("%s %s (class 3): simulated variance[%d] = %.5g, statsmodels %.5g", c.Series, c.Spec, i, v, c.Var[i])
					break
				}
			}
		}
		for _, lv := range []struct {
			level    float64
			wlo, whi []float64
		}{{80, c.Lo80, c.Hi80}, {95, c.Lo95, c.Hi95}} {
			lo, hi := f.interval(nil, nil, h, lv.level, c.MSE)
			for i := range h {
				switch class {
				case 1:
					if !scalar.EqualWithinRel(lo[i], lv.wlo[i], 1e-9) || !scalar.EqualWithinRel(hi[i], lv.whi[i], 1e-9) {
						t.Errorf("%s %s: %v%% interval[%d] = [%v, %v], want [%v, %v]", c.Series, c.Spec, lv.level, i, lo[i], hi[i], lv.wlo[i], lv.whi[i])
					}
				case 3:
					half := (lv.whi[i] - lv.wlo[i]) / 2
					tol := 0.08*half + 0.005*math.Abs(c.Forecast[i])
					if math.Abs(lo[i]-lv.wlo[i]) > tol || math.Abs(hi[i]-lv.whi[i]) > tol {
						t.Errorf("%s %s (class 3): %v%% interval[%d] = [%.4g, %.4g], statsmodels simulated [%.4g, %.4g]",
							c.Series, c.Spec, lv.level, i, lo[i], hi[i], lv.wlo[i], lv.whi[i])
					}
				}
			}
		}
	}
}
