//go:build shared

package ets

import (
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"gonum.org/v1/gonum/floats/scalar"
)

// This file holds opt-in checks on the training series of the tourism
// competition in /work/shared/data (not copied into the repository):
//
//	go test -tags shared -run Shared -v ./internal/ets/

const sharedDir = "/work/shared/data/"

// readWide reads a wide M4-layout file: id in column 1, values after it.
func readWide(t testing.TB, name string) (ids []string, rows [][]float64) {
	t.Helper()
	fh, err := os.Open(sharedDir + name)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	r := csv.NewReader(fh)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range recs[1:] {
		var y []float64
		for _, s := range rec[1:] {
			if s == "" {
				break
			}
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatal(err)
			}
			y = append(y, v)
		}
		ids = append(ids, rec[0])
		rows = append(rows, y)
	}
	return ids, rows
}

// threadCPU returns the CPU time of the calling OS thread
// (getrusage RUSAGE_THREAD, Linux).
func threadCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(1, &ru); err != nil { // 1 = RUSAGE_THREAD
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestSharedTourismMonthlySelect runs Select on all 366 monthly tourism
// training series (m = 12) with each optimiser, alternating series by
// series so both see the same machine load, and logs the wall and CPU time
// per series, the load average and the chosen specs. The machine is
// shared: the CPU time of the (locked) thread is the figure that does not
// count waiting for another process. It fails if MultiStart needs more
// CPU time than NelderMead.
func TestSharedTourismMonthlySelect(t *testing.T) {
	_, rows := readWide(t, "Tourism-Monthly-train.csv")
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	opts := []Optimizer{NelderMead, MultiStart}
	var wall, cpu [2]time.Duration
	count := [2]map[string]int{{}, {}}
	t.Logf("load average before: %s", loadavg())
	for i, y := range rows {
		for k, o := range opts {
			w0, c0 := time.Now(), threadCPU()
			f, err := Select(y, 12, &Settings{Optimizer: o})
			cpu[k] += threadCPU() - c0
			wall[k] += time.Since(w0)
			if err != nil {
				t.Fatalf("Select(series %d, %s) = %v", i, opts[k], err)
			}
			count[k][f.Spec().Short()]++
		}
	}
	t.Logf("load average after: %s", loadavg())
	n := time.Duration(len(rows))
	for k := range opts {
		t.Logf("%-10s Select on %d monthly series: wall %v (%v per series), thread CPU %v (%v per series)",
			opts[k], len(rows), wall[k].Round(time.Millisecond), (wall[k] / n).Round(10*time.Microsecond),
			cpu[k].Round(time.Millisecond), (cpu[k] / n).Round(10*time.Microsecond))
		var specs []string
		for s := range count[k] {
			specs = append(specs, s)
		}
		sort.Strings(specs)
		var b strings.Builder
		for _, s := range specs {
			fmt.Fprintf(&b, " %s:%d", s, count[k][s])
		}
		t.Logf("%-10s chosen specs:%s", opts[k], b.String())
	}
	if cpu[1] > cpu[0] {
		t.Errorf("MultiStart CPU time %v exceeds NelderMead's %v", cpu[1], cpu[0])
	}
}

// TestSharedTourismRef checks the likelihood function and compares the
// optimum with statsmodels 0.13.5 ETSModel on tourism series m3, m200 and
// q10 (references in testdata/ref_ets_tourism.json, script
// testdata/ref_ets.py --tourism), as TestLogLikStatsmodels and
// TestEstimateStatsmodels do for the bundled series: R's recursion must
// reproduce statsmodels' log-likelihood at its optimum to 1e-9 relative
// without a multiplicative season, statsmodelsLogLik must with one (where
// R's recursion differs by up to 3e-4 relative on q10, logged), and
// MultiStart's optimum must not be more than 0.1 below statsmodels' llf,
// nor more than 0.02 below R's likelihood at statsmodels' point when that
// point is inside R's region (the tolerances of TestEstimateStatsmodels).
func TestSharedTourismRef(t *testing.T) {
	r := loadRef(t, "testdata/ref_ets_tourism.json")
	series := map[string][]float64{}
	for _, file := range []string{"Tourism-Monthly-train.csv", "Tourism-Quarterly-train.csv"} {
		ids, rows := readWide(t, file)
		for i, id := range ids {
			series[id] = rows[i]
		}
	}
	for _, c := range r.Cases {
		y := series[c.Series]
		at := fitFromRef(t, c, y)
		got := smLogLik(at.LogLik(), len(y))
		if c.Spec[len(c.Spec)-1] == 'M' {
			if sm := statsmodelsLogLik(c, y); !scalar.EqualWithinRel(sm, c.LogLike, 1e-9) {
				t.Errorf("%s %s: statsmodels' recursion gives %.10g, want %.10g", c.Series, c.Spec, sm, c.LogLike)
			}
			t.Logf("%s %s: R's recursion at statsmodels' optimum %.8g, statsmodels %.8g (relative difference %.2g)",
				c.Series, c.Spec, got, c.LogLike, math.Abs(got-c.LogLike)/math.Abs(c.LogLike))
		} else if !scalar.EqualWithinRel(got, c.LogLike, 1e-9) {
			t.Errorf("%s %s: loglik at statsmodels' optimum = %.10g, want %.10g", c.Series, c.Spec, got, c.LogLike)
		}
		sp, _ := ParseSpec(c.Spec)
		inside := checkParams(sp, c.M, at.params)
		for _, o := range []Optimizer{NelderMead, MultiStart} {
			g, err := Estimate(y, c.M, sp, &Settings{Optimizer: o})
			if err != nil {
				t.Fatal(err)
			}
			d := smLogLik(g.LogLik(), len(y)) - c.LLF
			dR := g.LogLik() - at.LogLik()
			t.Logf("%v %-5s %-5s ours−statsmodels %+8.3f (R's likelihood %+8.3f, statsmodels' point inside %v)", o, c.Series, c.Spec, d, dR, inside)
			if o == MultiStart && (d < -0.1 || inside && dR < -0.02) {
				t.Errorf("Estimate(%s, %s): loglik below statsmodels' by %.4f (R's likelihood %.4f)", c.Series, c.Spec, -d, -dR)
			}
		}
	}
}

// BenchmarkSharedTourismSelect measures Select on the first 50 monthly
// tourism training series (one op = 50 series).
func BenchmarkSharedTourismSelect(b *testing.B) {
	_, rows := readWide(b, "Tourism-Monthly-train.csv")
	rows = rows[:50]
	b.ReportAllocs()
	for b.Loop() {
		for _, y := range rows {
			if _, err := Select(y, 12, nil); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// monthlyRef is one case of testdata/ref_ets_tourism_monthly.json.gz
// (statsmodels 0.13.5 ETSModel, script testdata/ref_ets.py
// --tourism-monthly).
type monthlyRef struct {
	Series string    `json:"series"`
	Spec   string    `json:"spec"`
	M      int       `json:"m"`
	Alpha  float64   `json:"alpha"`
	Beta   float64   `json:"beta"`
	Gamma  float64   `json:"gamma"`
	Phi    float64   `json:"phi"`
	Init   []float64 `json:"init"`
	LLF    float64   `json:"llf"`
	Error  string    `json:"error"`
}

func loadMonthlyRef(t testing.TB) []monthlyRef {
	t.Helper()
	fh, err := os.Open("testdata/ref_ets_tourism_monthly.json.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	zr, err := gzip.NewReader(fh)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Cases []monthlyRef `json:"cases"`
	}
	if err := json.NewDecoder(zr).Decode(&doc); err != nil {
		t.Fatal(err)
	}
	return doc.Cases
}

// refCompare holds the comparison of our optimum with statsmodels' on one
// case: dLLF is our log-likelihood (converted to statsmodels' convention)
// minus statsmodels' llf; dR is our LogLik minus R's log-likelihood (our
// recursion) at statsmodels' point, which is the like-for-like comparison
// for multiplicative seasons (statsmodels 0.13.5 updates those states with
// (y−ŷ)/l_t, see testdata/ref_ets.py). inside reports whether statsmodels'
// point is inside R's bounds and admissible region, where our optimiser
// searches.
type refCompare struct {
	dLLF, dR float64
	inside   bool
}

func compareMonthly(t testing.TB, c monthlyRef, y []float64, s *Settings) refCompare {
	t.Helper()
	sp, err := ParseSpec(c.Spec)
	if err != nil {
		t.Fatal(err)
	}
	f, err := Estimate(y, c.M, sp, s)
	if err != nil {
		t.Fatalf("Estimate(%s, %s) = %v", c.Series, c.Spec, err)
	}
	rc := refCase{Spec: c.Spec, M: c.M, Alpha: c.Alpha, Beta: c.Beta, Gamma: c.Gamma, Phi: c.Phi, Init: c.Init}
	at := fitFromRef(t, rc, y)
	inside := checkParams(sp, c.M, at.params)
	if sp.Season == Multiplicative {
		k := 1
		if sp.Trend != None {
			k = 2
		}
		for _, v := range c.Init[k:] {
			if v < 0 {
				inside = false
			}
		}
	}
	return refCompare{
		dLLF:   smLogLik(f.LogLik(), len(y)) - c.LLF,
		dR:     f.LogLik() - at.LogLik(),
		inside: inside,
	}
}

// TestSharedTourismMonthlyRef fits the 15 specs (those of them that
// positive data allow) to each of the 366 monthly tourism training series
// with both optimisers and compares every optimum with statsmodels 0.13.5
// ETSModel's (testdata/ref_ets_tourism_monthly.json.gz, script
// testdata/ref_ets.py --tourism-monthly). It counts the fits more than 0.5
// log-likelihood units below statsmodels, comparing R's likelihood at both
// points (dR: statsmodels' multiplicative-season recursion differs from
// R's, see refCompare), and also in statsmodels' llf convention (dLLF).
//
// It fails if MultiStart falls more than 0.5 units below statsmodels'
// point, statsmodels' point being inside R's region (where MultiStart
// searches), in more than 1% of the fits.
func TestSharedTourismMonthlyRef(t *testing.T) {
	cases := loadMonthlyRef(t)
	ids, rows := readWide(t, "Tourism-Monthly-train.csv")
	series := map[string][]float64{}
	for i, id := range ids {
		series[id] = rows[i]
	}
	opts := []Optimizer{NelderMead, MultiStart}
	if os.Getenv("ETS_SKIP_NM") != "" {
		opts = opts[1:]
	}
	lik := map[Optimizer][]float64{}
	for _, o := range opts {
		name := o.String()
		worse := map[string]int{}
		var nCases, nWorse, nWorseIn, nWorseLLF, nIn, nBetter, nWorse05 int
		sumDR := 0.0
		var list []string
		start := time.Now()
		for _, c := range cases {
			if c.Error != "" {
				t.Logf("%s %s: statsmodels failed: %s", c.Series, c.Spec, c.Error)
				continue
			}
			nCases++
			rc := compareMonthly(t, c, series[c.Series], &Settings{Optimizer: o})
			lik[o] = append(lik[o], rc.dR)
			sumDR += rc.dR
			if rc.dR < -0.05 {
				nWorse05++
			}
			if rc.inside {
				nIn++
			}
			if rc.dR > 0.5 {
				nBetter++
			}
			if rc.dLLF < -0.5 {
				nWorseLLF++
			}
			if rc.dR < -0.5 {
				nWorse++
				worse[c.Spec]++
				if rc.inside {
					nWorseIn++
				}
				list = append(list, fmt.Sprintf("%s/%s %.2f%s", c.Series, c.Spec, rc.dR, map[bool]string{true: "", false: " (sm outside)"}[rc.inside]))
			}
		}
		t.Logf("%s: %d fits in %v; more than 0.5 below statsmodels: %d in R's likelihood (%d of them with statsmodels' point inside R's region, where %d of all points lie), %d in llf; more than 0.5 above: %d",
			name, nCases, time.Since(start).Round(time.Millisecond), nWorse, nWorseIn, nIn, nWorseLLF, nBetter)
		t.Logf("%s: more than 0.05 below statsmodels in R's likelihood: %d; mean difference %+.4f", name, nWorse05, sumDR/float64(nCases))
		var specs []string
		for s := range worse {
			specs = append(specs, s)
		}
		sort.Strings(specs)
		var b strings.Builder
		for _, s := range specs {
			fmt.Fprintf(&b, " %s:%d", s, worse[s])
		}
		t.Logf("%s: below by spec:%s", name, b.String())
		if len(list) > 40 {
			list = list[:40]
		}
		t.Logf("%s: %s", name, strings.Join(list, ", "))
		if o == MultiStart && nWorseIn > nCases/100 {
			t.Errorf("MultiStart: %d of %d fits more than 0.5 below statsmodels' point inside the region, want at most 1%%", nWorseIn, nCases)
		}
	}
	if len(lik) == 2 {
		// Head to head: dR differences are differences of our LogLik.
		var worse, better int
		var list []string
		for i, a := range lik[MultiStart] {
			b := lik[NelderMead][i]
			if a < b-0.5 {
				worse++
				list = append(list, fmt.Sprintf("%d:%.2f", i, a-b))
			}
			if a > b+0.5 {
				better++
			}
		}
		t.Logf("MultiStart vs NelderMead: more than 0.5 below in %d fits, above in %d; %s", worse, better, strings.Join(list, " "))
	}
}
