package ets

import (
	"fmt"
	"strings"
)

// Component is the form of one component of an ETS model: absent, additive
// or multiplicative.
type Component uint8

const (
	// None means the component is absent.
	None Component = iota
	// Additive means the component enters the model additively.
	Additive
	// Multiplicative means the component enters the model multiplicatively.
	Multiplicative
)

// letter returns N, A or M.
func (c Component) letter() string {
	switch c {
	case None:
		return "N"
	case Additive:
		return "A"
	case Multiplicative:
		return "M"
	}
	return "?"
}

// Spec names an ETS model in the taxonomy of Hyndman et al. (2008): the error
// (Additive or Multiplicative), the trend (None or Additive, with Damped for
// a damped additive trend) and the season (None, Additive or Multiplicative).
// Multiplicative trends are not supported.
type Spec struct {
	Error  Component
	Trend  Component
	Season Component
	Damped bool
}

// String returns the spec as R's forecast package prints it, for example
// "ETS(M,Ad,M)".
func (s Spec) String() string {
	t := s.Trend.letter()
	if s.Damped {
		t += "d"
	}
	return "ETS(" + s.Error.letter() + "," + t + "," + s.Season.letter() + ")"
}

// Short returns the spec in the compact form, for example "MAdM".
func (s Spec) Short() string {
	t := s.Trend.letter()
	if s.Damped {
		t += "d"
	}
	return s.Error.letter() + t + s.Season.letter()
}

// Validate returns an error if s is not a supported spec: the error must be
// Additive or Multiplicative, the trend None or Additive, the season None,
// Additive or Multiplicative, and Damped needs a trend.
func (s Spec) Validate() error {
	if s.Error != Additive && s.Error != Multiplicative {
		return fmt.Errorf("ets: invalid error component in %v", s)
	}
	if s.Trend != None && s.Trend != Additive {
		return fmt.Errorf("ets: unsupported trend component in %v", s)
	}
	if s.Season > Multiplicative {
		return fmt.Errorf("ets: invalid season component in %v", s)
	}
	if s.Damped && s.Trend == None {
		return fmt.Errorf("ets: damped spec without trend %v", s)
	}
	return nil
}

// multiplicative reports whether the spec has any multiplicative component,
// so that it needs strictly positive data.
func (s Spec) multiplicative() bool {
	return s.Error == Multiplicative || s.Season == Multiplicative
}

// ParseSpec parses a spec written as "MAdM", "ANN" or "ETS(M,Ad,M)" (letters
// are case-insensitive; spaces are ignored). It returns an error for anything
// else, including a multiplicative trend.
func ParseSpec(text string) (Spec, error) {
	t := strings.ToUpper(strings.ReplaceAll(text, " ", ""))
	if strings.HasPrefix(t, "ETS(") && strings.HasSuffix(t, ")") {
		parts := strings.Split(t[4:len(t)-1], ",")
		if len(parts) != 3 {
			return Spec{}, fmt.Errorf("ets: cannot parse spec %q", text)
		}
		t = strings.Join(parts, "")
	}
	comp := func(b byte) (Component, bool) {
		switch b {
		case 'N':
			return None, true
		case 'A':
			return Additive, true
		case 'M':
			return Multiplicative, true
		}
		return 0, false
	}
	var s Spec
	var ok bool
	switch len(t) {
	case 3:
	case 4:
		if t[2] != 'D' {
			return Spec{}, fmt.Errorf("ets: cannot parse spec %q", text)
		}
		s.Damped = true
		t = t[:2] + t[3:]
	default:
		return Spec{}, fmt.Errorf("ets: cannot parse spec %q", text)
	}
	if s.Error, ok = comp(t[0]); !ok {
		return Spec{}, fmt.Errorf("ets: cannot parse spec %q", text)
	}
	if s.Trend, ok = comp(t[1]); !ok {
		return Spec{}, fmt.Errorf("ets: cannot parse spec %q", text)
	}
	if s.Season, ok = comp(t[2]); !ok {
		return Spec{}, fmt.Errorf("ets: cannot parse spec %q", text)
	}
	if err := s.Validate(); err != nil {
		return Spec{}, fmt.Errorf("ets: cannot parse spec %q: %w", text, err)
	}
	return s, nil
}

// Params holds the smoothing parameters of a model. Beta is zero without a
// trend, Gamma is zero without a season, and Phi is one unless the trend is
// damped.
type Params struct {
	Alpha, Beta, Gamma, Phi float64
}

// nSmoothing returns the number of estimated smoothing parameters of s.
func (s Spec) nSmoothing() int {
	k := 1
	if s.Trend != None {
		k++
	}
	if s.Season != None {
		k++
	}
	if s.Damped {
		k++
	}
	return k
}

// nStates returns the length of the state vector (l, b, s[0..m-1]).
func (s Spec) nStates(m int) int {
	k := 1
	if s.Trend != None {
		k++
	}
	if s.Season != None {
		k += m
	}
	return k
}

// nFree returns the number of estimated parameters of s with period m: the
// smoothing parameters and the initial states, the last seasonal state being
// implied by normalisation. The likelihood's k (for AIC) is nFree+1.
func (s Spec) nFree(m int) int {
	k := s.nSmoothing() + 1
	if s.Trend != None {
		k++
	}
	if s.Season != None {
		k += m - 1
	}
	return k
}
