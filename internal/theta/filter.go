package theta

// state is the state of a Theta model after k observations (times
// 0..k-1): the SES level, the mean of the observations, the trend line
// A + B·t (t = 1 at the first observation) and pk = (1−α)^k.
//
// For the models of Fiorucci et al. (2016) the one-step forecast of the
// observation at time k is
//
//	μ_k = level + w·(A·(1−α)^k + B·(1 − (1−α)^(k+1))/α),   w = 1 − 1/θ,
//
// (forecTheta twoTL, statsforecast thetaupdate). For Standard it is
//
//	μ_k = level + w·B·(1 − (1−α)^k)/α
//
// (statsmodels ThetaModelResults.forecast_components at h = 1).
type state struct {
	k                  int
	level, meanY, a, b float64
	pk                 float64
}

// model holds what the recursions need: the method, α, w = 1 − 1/θ and,
// for the static models and Standard, the fixed trend line.
type model struct {
	method  Method
	alpha   float64
	w       float64
	level0  float64
	a, b    float64 // static line (STM, OTM, Standard)
	dynamic bool
}

// mean returns μ_k, the forecast of the next observation from s.
func (m *model) mean(s *state) float64 {
	if m.method == Standard {
		return s.level + m.w*s.b*(1-s.pk)/m.alpha
	}
	return s.level + m.w*(s.a*s.pk+s.b*(1-s.pk*(1-m.alpha))/m.alpha)
}

// start returns the state after the first observation y0 and the forecast
// μ_0 of y0 itself.
func (m *model) start(y0 float64) (state, float64) {
	a1 := 1 - m.alpha
	switch {
	case m.method == Standard:
		// statsmodels: SES with known initial level y0 before the first
		// observation, so the first error is zero.
		return state{k: 1, level: y0, meanY: y0, a: m.a, b: m.b, pk: a1}, y0
	case m.dynamic:
		// forecTheta: A_1 = y_1, B_1 = 0, μ_1 = y_1.
		return state{k: 1, level: m.alpha*y0 + a1*m.level0, meanY: y0, a: y0, b: 0, pk: a1}, y0
	}
	mu := m.level0 + m.w*(m.a+m.b)
	return state{k: 1, level: m.alpha*y0 + a1*m.level0, meanY: y0, a: m.a, b: m.b, pk: a1}, mu
}

// update moves s past the observation y at time s.k.
func (m *model) update(s *state, y float64) {
	k := float64(s.k)
	if m.method == Standard {
		s.level += m.alpha * (y - s.level)
	} else {
		s.level = m.alpha*y + (1-m.alpha)*s.level
	}
	prev := s.meanY
	s.meanY = (k*s.meanY + y) / (k + 1)
	if m.dynamic {
		s.b = ((k-1)*s.b + 6*(y-prev)/(k+1)) / (k + 2)
		s.a = s.meanY - s.b*(k+2)/2
	}
	s.pk *= 1 - m.alpha
	s.k++
}

// filter runs m over the adjusted series y, writes the one-step forecasts
// μ_k into mu (if non-nil, length len(y)) and returns the final state.
func (m *model) filter(mu, y []float64) state {
	s, mu0 := m.start(y[0])
	if mu != nil {
		mu[0] = mu0
	}
	for k := 1; k < len(y); k++ {
		if mu != nil {
			mu[k] = m.mean(&s)
		}
		m.update(&s, y[k])
	}
	return s
}

// forecast writes the forecasts for 1..len(dst) steps after s into dst (on
// the adjusted scale). For Standard they are the closed form of statsmodels
// ThetaModel, level + w·B·(h − 1 + (1 − (1−α)^n)/α); the other models feed
// each forecast back as the next observation, as forecTheta does.
func (m *model) forecast(dst []float64, s state) {
	if m.method == Standard {
		trend := (1 - s.pk) / m.alpha
		for i := range dst {
			dst[i] = s.level + m.w*s.b*(float64(i)+trend)
		}
		return
	}
	for i := range dst {
		mu := m.mean(&s)
		dst[i] = mu
		m.update(&s, mu)
	}
}

// olsLine returns the least-squares line A + B·t through y at t = 1..n.
func olsLine(y []float64) (a, b float64) {
	n := float64(len(y))
	tm := (n + 1) / 2
	var ym float64
	for _, v := range y {
		ym += v
	}
	ym /= n
	var sty, stt float64
	for i, v := range y {
		d := float64(i+1) - tm
		sty += d * (v - ym)
		stt += d * d
	}
	if stt > 0 {
		b = sty / stt
	}
	return ym - b*tm, b
}
