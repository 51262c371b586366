package theta

import (
	"fmt"
	"math"
)

// MinLength is the fewest values Fit, Auto and Refilter accept. With
// fewer than four values the in-sample errors that estimate α, ℓ0 and θ
// (scored from the fourth value on for model selection) do not exist;
// statsforecast's AutoTheta refuses such series too ("tiny datasets").
const MinLength = 4

// Method is a Theta model.
type Method int

// Theta models. All of them extrapolate the (seasonally adjusted) series by
// simple exponential smoothing plus a share of a linear trend.
const (
	// Standard is the Theta method of Assimakopoulos & Nikolopoulos (2000)
	// in the form of Hyndman & Billah (2003) as statsmodels ThetaModel
	// computes it: SES with α estimated by least squares from the initial
	// level y[0], plus the drift (1 − 1/θ)·b0 with b0 the OLS slope.
	Standard Method = iota
	// STM is the standard Theta model of Fiorucci et al. (2016): θ = 2,
	// α and ℓ0 estimated, trend line fixed to the OLS line of the data.
	STM
	// OTM is the optimised Theta model: θ ≥ 1 estimated as well.
	OTM
	// DSTM is the dynamic standard Theta model: θ = 2, trend line updated
	// at each time from the data seen so far.
	DSTM
	// DOTM is the dynamic optimised Theta model: θ estimated and a
	// dynamically updated trend line.
	DOTM
)

// String returns "Standard", "STM", "OTM", "DSTM" or "DOTM".
func (m Method) String() string {
	switch m {
	case Standard:
		return "Standard"
	case STM:
		return "STM"
	case OTM:
		return "OTM"
	case DSTM:
		return "DSTM"
	case DOTM:
		return "DOTM"
	}
	return fmt.Sprintf("Method(%d)", int(m))
}

// dynamic reports whether the trend line of m is updated over time.
func (m Method) dynamic() bool { return m == DSTM || m == DOTM }

// optimisesTheta reports whether θ is a free parameter of m.
func (m Method) optimisesTheta() bool { return m == OTM || m == DOTM }

// SeasonMode decides whether a series is seasonally adjusted before the
// Theta extrapolation.
type SeasonMode int

// Season modes.
const (
	// SeasonTest adjusts when the 90 % autocorrelation test of the M4
	// competition ([features.SeasonalityTest]) finds the series seasonal
	// at Settings.Period. The test needs at least three periods of data;
	// shorter series are not adjusted.
	SeasonTest SeasonMode = iota
	// SeasonAlways adjusts whenever Settings.Period ≥ 2 (statsmodels
	// ThetaModel with use_test=False). It needs two full periods.
	SeasonAlways
	// SeasonNever never adjusts (statsmodels deseasonalize=False).
	SeasonNever
)

// Settings holds the options of [Fit] and [Auto]. The zero value means: no
// seasonal period, estimate every free parameter. A nil *Settings means
// the zero value. Fit never writes to the settings.
type Settings struct {
	// Period is the seasonal period m (12 for monthly, 4 for quarterly
	// data). Zero or one means non-seasonal. It panics if negative.
	Period int
	// Season decides when to adjust for seasonality; the default
	// SeasonTest applies the M4 test.
	Season SeasonMode
	// Additive selects the additive classical decomposition. By default
	// the decomposition is multiplicative, as in the M4 benchmarks and
	// statsmodels' method "auto", and falls back to additive when the
	// series has a value ≤ 0.
	Additive bool
	// Alpha, when non-zero, fixes the smoothing parameter α ∈ (0, 1]
	// instead of estimating it.
	Alpha float64
	// Theta, when non-zero, fixes θ ≥ 1 of OTM and DOTM (which then equal
	// STM and DSTM for θ = 2) and sets the θ of Standard. Zero means
	// "estimate" for OTM and DOTM and 2 for Standard. STM and DSTM always
	// use θ = 2.
	Theta float64
}

// check panics on invalid settings.
func (s *Settings) check() {
	if s.Period < 0 {
		panic(errPeriod)
	}
	if s.Season != SeasonTest && s.Season != SeasonAlways && s.Season != SeasonNever {
		panic(errSeason)
	}
	if !(s.Alpha >= 0 && s.Alpha <= 1) {
		panic(errAlpha)
	}
	if s.Theta != 0 && !(s.Theta >= 1) || math.IsInf(s.Theta, 0) {
		panic(errTheta)
	}
}

// checkMethod panics if m is not a known method.
func checkMethod(m Method) {
	if m < Standard || m > DOTM {
		panic(errMethod)
	}
}
