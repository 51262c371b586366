package features

import (
	"fmt"
	"math"
)

// Scaler is a fitted, invertible transformation of a series. Fit it on the
// training part only, then apply TransformTo to training inputs and
// InverseTo to model outputs. The concrete scalers have exported fields so
// that a model file can store and restore them.
//
// TransformTo and InverseTo write into dst (allocated when nil) and return
// it; dst may be x. They panic if dst is non-nil and len(dst) != len(x).
// InverseTo(TransformTo(x)) equals x up to floating-point rounding (a few
// ulps).
type Scaler interface {
	Fit(x []float64) error
	TransformTo(dst, x []float64) []float64
	InverseTo(dst, x []float64) []float64
}

var (
	_ Scaler = (*Standard)(nil)
	_ Scaler = (*MinMax)(nil)
	_ Scaler = (*Log)(nil)
)

// Standard scales to zero mean and unit variance: y = (x − Mean) / Std.
// Std is the population standard deviation (divisor n, as scikit-learn's
// StandardScaler). For a constant series (Std ≤ 1e-12·max(1, |Mean|), i.e.
// constant up to rounding) Fit sets Std to 1, so that the transform only
// subtracts the mean and never divides by zero. Std 0 is treated as 1 as
// well, so the zero value is the identity.
type Standard struct {
	Mean, Std float64
}

// Fit sets Mean and Std from x. It returns an error wrapping [ErrEmpty] for
// empty x and [ErrNonFinite] for NaN or ±Inf values and for values so large
// that the mean or variance overflows; the receiver is unchanged on error.
func (s *Standard) Fit(x []float64) error {
	if len(x) == 0 {
		return fmt.Errorf("%w: standard scaler fit", ErrEmpty)
	}
	if err := checkFinite("standard scaler fit", x); err != nil {
		return err
	}
	mean, std := meanStd(x)
	if math.IsInf(mean, 0) || math.IsNaN(std) || math.IsInf(std, 0) {
		return fmt.Errorf("%w: standard scaler fit: values too large (the mean or variance overflows)", ErrNonFinite)
	}
	s.Mean, s.Std = mean, std
	return nil
}

// meanStd returns the mean and population standard deviation of x, with the
// deviation replaced by 1 when it is zero or negligible against the mean.
func meanStd(x []float64) (mean, std float64) { return meanStdStrided(x, 0, 1) }

// meanStdStrided is meanStd of the values x[start], x[start+stride], ...
// (a column of a step-major buffer). It does not allocate.
func meanStdStrided(x []float64, start, stride int) (mean, std float64) {
	n := 0
	for i := start; i < len(x); i += stride {
		mean += x[i]
		n++
	}
	mean /= float64(n)
	var ss, comp float64
	for i := start; i < len(x); i += stride {
		d := x[i] - mean
		ss += d * d
		comp += d
	}
	// Corrected two-pass algorithm (Chan, Golub & LeVeque).
	ss -= comp * comp / float64(n)
	std = math.Sqrt(math.Max(ss, 0) / float64(n))
	if !(std > 1e-12*math.Max(1, math.Abs(mean))) {
		std = 1
	}
	return mean, std
}

func (s *Standard) scale() float64 {
	if s.Std == 0 {
		return 1
	}
	return s.Std
}

// TransformTo writes (x − Mean)/Std into dst.
func (s *Standard) TransformTo(dst, x []float64) []float64 {
	dst = useDst(dst, len(x))
	sd := s.scale()
	for i, v := range x {
		dst[i] = (v - s.Mean) / sd
	}
	return dst
}

// InverseTo writes x·Std + Mean into dst.
func (s *Standard) InverseTo(dst, x []float64) []float64 {
	dst = useDst(dst, len(x))
	sd := s.scale()
	for i, v := range x {
		dst[i] = v*sd + s.Mean
	}
	return dst
}

// MinMax scales the training range to [0, 1]: y = (x − Min) / (Max − Min).
// Values outside the training range map outside [0, 1]. For a constant
// series (Max = Min) the divisor is 1, so the transform only subtracts Min;
// the zero value is therefore the identity.
type MinMax struct {
	Min, Max float64
}

// Fit sets Min and Max from x. It returns an error wrapping [ErrEmpty] for
// empty x and [ErrNonFinite] for NaN or ±Inf values and for a range
// Max − Min that overflows; the receiver is unchanged on error.
func (s *MinMax) Fit(x []float64) error {
	if len(x) == 0 {
		return fmt.Errorf("%w: min-max scaler fit", ErrEmpty)
	}
	if err := checkFinite("min-max scaler fit", x); err != nil {
		return err
	}
	lo, hi := x[0], x[0]
	for _, v := range x[1:] {
		lo = math.Min(lo, v)
		hi = math.Max(hi, v)
	}
	if math.IsInf(hi-lo, 0) {
		return fmt.Errorf("%w: min-max scaler fit: range %v to %v overflows", ErrNonFinite, lo, hi)
	}
	s.Min, s.Max = lo, hi
	return nil
}

func (s *MinMax) scale() float64 {
	r := s.Max - s.Min
	if !(r > 0) {
		return 1
	}
	return r
}

// TransformTo writes (x − Min)/(Max − Min) into dst.
func (s *MinMax) TransformTo(dst, x []float64) []float64 {
	dst = useDst(dst, len(x))
	r := s.scale()
	for i, v := range x {
		dst[i] = (v - s.Min) / r
	}
	return dst
}

// InverseTo writes x·(Max − Min) + Min into dst.
func (s *MinMax) InverseTo(dst, x []float64) []float64 {
	dst = useDst(dst, len(x))
	r := s.scale()
	for i, v := range x {
		dst[i] = v*r + s.Min
	}
	return dst
}

// Log is the transform y = log(x + Shift) for positive data, with inverse
// exp(y) − Shift. The zero value is the plain natural logarithm. It turns
// multiplicative seasonality and growth into additive ones.
type Log struct {
	// Shift is added before taking the logarithm; 0 by default.
	Shift float64
}

// Fit checks that every x + Shift is positive and finite; it learns no
// parameters. It returns an error wrapping [ErrEmpty], [ErrNonFinite] or
// [ErrNonPositive] that names the first offending index.
func (s *Log) Fit(x []float64) error {
	if len(x) == 0 {
		return fmt.Errorf("%w: log transform fit", ErrEmpty)
	}
	if err := checkFinite("log transform fit", x); err != nil {
		return err
	}
	return checkPositive("log transform", x, s.Shift)
}

// TransformTo writes log(x + Shift) into dst. A value with x + Shift ≤ 0
// gives NaN or −Inf; use Fit to validate data first.
func (s *Log) TransformTo(dst, x []float64) []float64 {
	dst = useDst(dst, len(x))
	for i, v := range x {
		dst[i] = math.Log(v + s.Shift)
	}
	return dst
}

// InverseTo writes exp(x) − Shift into dst.
func (s *Log) InverseTo(dst, x []float64) []float64 {
	dst = useDst(dst, len(x))
	for i, v := range x {
		dst[i] = math.Exp(v) - s.Shift
	}
	return dst
}

// NormalizeColumn applies instance (per-window) normalisation in place to
// column col of buf, a step-major buffer with width values per step (the
// layout [FillWindow] writes): the column is scaled to zero mean and unit
// population variance using its own statistics, which are returned so that
// the model's output can be mapped back with [Standard.InverseTo] (or
// [Standard.Inverse] for one value). A constant column is only centred (Std
// 1, with the same rounding rule as [Standard]). Other columns are
// untouched. It does not allocate.
//
// This is the instance normalisation of RevIN (Kim et al., ICLR 2022)
// without the learned affine part: it makes windows from different levels
// of a series, or from different series, comparable.
//
// It panics if width < 1, col is not in [0, width) or len(buf) is not a
// positive multiple of width.
func NormalizeColumn(buf []float64, width, col int) Standard {
	if width < 1 || col < 0 || col >= width || len(buf) == 0 || len(buf)%width != 0 {
		panic(errLength)
	}
	mean, std := meanStdStrided(buf, col, width)
	for i := col; i < len(buf); i += width {
		buf[i] = (buf[i] - mean) / std
	}
	return Standard{Mean: mean, Std: std}
}

// Transform returns (v − Mean)/Std for one value.
func (s *Standard) Transform(v float64) float64 { return (v - s.Mean) / s.scale() }

// Inverse returns v·Std + Mean for one value.
func (s *Standard) Inverse(v float64) float64 { return v*s.scale() + s.Mean }
