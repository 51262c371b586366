package theta

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestIntervalSimulation checks the analytic forecast standard deviations
// against simulation of the models themselves: 20,000 paths of 24 steps
// that feed y = μ + σ·ε (ε standard normal, PCG seed 1, 1) back into the
// recursion, as forecTheta's and statsforecast's interval code does with
// 200 paths. The sample mean must be within 4 standard errors of the point
// forecast and the sample standard deviation within 3 % (6 standard
// errors) of the analytic one, at every step, for every method.
// The synth-walk case has h = 24 steps from 14 values, where the dynamic
// trend update weighs most.
func TestIntervalSimulation(t *testing.T) {
	ref := loadRef(t)
	const paths, h = 20000, 24
	for _, c := range []struct {
		series string
		method Method
	}{
		{"synth-monthly", Standard}, {"synth-monthly", STM}, {"synth-monthly", OTM},
		{"synth-monthly", DSTM}, {"synth-monthly", DOTM},
		{"airline", DOTM},    // θ = 1e10: the dynamic trend carries full weight
		{"synth-walk", DSTM}, // 14 values, α = 0.82
	} {
		y, method := ref.series(t, c.series), c.method
		m, err := Fit(y, method, &Settings{Period: 12}) // non-seasonal for synth-walk (too short)
		if err != nil {
			t.Fatal(err)
		}
		mean := make([]float64, h)
		m.m.forecast(mean, m.st)
		sd := make([]float64, h)
		m.forecastSD(sd)
		rng := rand.New(rand.NewPCG(1, 1))
		sum := make([]float64, h)
		sum2 := make([]float64, h)
		for range paths {
			s := m.st
			for i := range h {
				v := m.m.mean(&s) + m.sigma*rng.NormFloat64()
				d := v - mean[i]
				sum[i] += d
				sum2[i] += d * d
				m.m.update(&s, v)
			}
		}
		for i := range h {
			mu := sum[i] / paths
			v := sum2[i]/paths - mu*mu
			simSD := math.Sqrt(v)
			if math.Abs(mu) > 4*sd[i]/math.Sqrt(paths) {
				t.Errorf("%v step %d: simulated mean off the forecast by %v (sd %v)", method, i+1, mu, sd[i])
			}
			if math.Abs(simSD/sd[i]-1) > 0.03 {
				t.Errorf("%v step %d: simulated sd %v, analytic %v", method, i+1, simSD, sd[i])
			}
		}
		t.Logf("%s %v: sd at h=1 %.4g, h=24 %.4g (ratio %.3g; SES alone %.3g)", c.series, method,
			sd[0], sd[h-1], sd[h-1]/sd[0], math.Sqrt(1+(h-1)*m.m.alpha*m.m.alpha))
	}
}
