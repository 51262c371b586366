package features

import (
	"fmt"
	"math"
)

// WindowConfig describes the supervised windows cut from a series.
// The zero value is not usable: Window must be set.
type WindowConfig struct {
	// Window is the number of input steps; it must be at least 1.
	Window int
	// Horizon is the number of label steps that follow the input; 0 means
	// 1 (the next value).
	Horizon int
	// Stride is the distance between consecutive window starts; 0 means 1.
	Stride int
	// Breaks lists indices b in 1..n-1 where observations b-1 and b are not
	// adjacent in time (a gap). No window contains both b-1 and b. Order
	// does not matter and duplicates are allowed.
	Breaks []int
	// Mask, when non-nil, has one entry per observation; true marks a value
	// that must not enter any window as input or label (for example a value
	// filled in by interpolation or forward fill). It acts as a break on
	// both sides of every masked value.
	Mask []bool
}

func (c *WindowConfig) horizon() int { return max(c.Horizon, 1) }
func (c *WindowConfig) stride() int  { return max(c.Stride, 1) }

// Span returns Window + Horizon, the number of consecutive observations one
// window covers.
func (c *WindowConfig) Span() int { return c.Window + c.horizon() }

// WindowCount returns the number of windows in a contiguous run of n
// observations: (n − span)/stride + 1 when n ≥ span (integer division),
// and 0 otherwise, with span = Window + Horizon.
func (c *WindowConfig) WindowCount(n int) int {
	s := c.Span()
	if n < s {
		return 0
	}
	return (n-s)/c.stride() + 1
}

// WindowIndex appends to dst[:0] the start index of every valid window of
// a series of n observations and returns it, in increasing order. A window
// starting at s covers observations s .. s+Window+Horizon-1: inputs
// s .. s+Window-1 and labels s+Window .. s+Window+Horizon-1.
//
// The series is split into segments at every break and around every masked
// observation. Within a segment [a, b) the windows are placed from the end:
// starts b−span, b−span−stride, … down to a, so the most recent window of
// each segment is always included. Each segment of length L contributes
// [WindowConfig.WindowCount](L) windows, so a series without breaks or mask
// has exactly WindowCount(n).
//
// WindowIndex does not allocate when cap(dst) suffices. It panics if
// Window < 1, Horizon or Stride is negative, a break is outside 1..n-1, or
// Mask is non-nil with length other than n.
func WindowIndex(dst []int, n int, c WindowConfig) []int {
	if c.Window < 1 || c.Horizon < 0 || c.Stride < 0 || n < 0 {
		panic(errWindow)
	}
	if c.Mask != nil && len(c.Mask) != n {
		panic(errMask)
	}
	for _, b := range c.Breaks {
		if b < 1 || b >= n {
			panic(errBreak)
		}
	}
	dst = dst[:0]
	span, stride := c.Span(), c.stride()
	// Walk segments left to right. A segment ends at the next break, the
	// next masked value or n.
	a := 0
	for a < n {
		if c.Mask != nil && c.Mask[a] {
			a++
			continue
		}
		b := nextBreak(c.Breaks, a, n)
		if c.Mask != nil {
			for t := a + 1; t < b; t++ {
				if c.Mask[t] {
					b = t
					break
				}
			}
		}
		if L := b - a; L >= span {
			cnt := (L-span)/stride + 1
			first := b - span - (cnt-1)*stride
			for k := range cnt {
				dst = append(dst, first+k*stride)
			}
		}
		a = b
	}
	return dst
}

// nextBreak returns the smallest break greater than a, or n if there is
// none. Break lists are short (one entry per gap) and unsorted, so a linear
// scan per segment is cheaper than sorting a copy.
func nextBreak(breaks []int, a, n int) int {
	b := n
	for _, v := range breaks {
		if v > a && v < b {
			b = v
		}
	}
	return b
}

// FillWindow copies the window that starts at index start into the
// preallocated buffers x and y without allocating.
//
// x receives Window steps in step-major order with F = 1 + len(covariates)
// features per step: x[i·F] = target[start+i] and x[i·F+1+j] =
// covariates[j][start+i]. y receives the Horizon labels
// y[k] = target[start+window+k]. Covariates at label times are not copied
// (they are known only for past steps in general).
//
// It panics if len(x) != window·F, len(y) != horizon, a covariate is
// shorter than target, window < 1, or the window does not fit in target.
func FillWindow(x, y []float64, target []float64, covariates [][]float64, start, window, horizon int) {
	F := 1 + len(covariates)
	if window < 1 || horizon < 0 {
		panic(errWindow)
	}
	if len(x) != window*F || len(y) != horizon {
		panic(errLength)
	}
	if start < 0 || start+window+horizon > len(target) {
		panic(errStart)
	}
	for _, c := range covariates {
		if len(c) < len(target) {
			panic(errLength)
		}
	}
	for i := range window {
		row := x[i*F : (i+1)*F]
		row[0] = target[start+i]
		for j, c := range covariates {
			row[1+j] = c[start+i]
		}
	}
	copy(y, target[start+window:start+window+horizon])
}

// Windows holds a series and the start index of each valid window, so that
// a trainer can draw windows in any order (for example shuffled with a
// seeded rand.Source) and copy each into reusable buffers with
// [Windows.Fill], without materialising all of them.
type Windows struct {
	// Target and Covariates are the series the windows are cut from; they
	// are referenced, not copied, and must not be modified while in use.
	Target     []float64
	Covariates [][]float64
	// Window and Horizon are the input and label lengths.
	Window, Horizon int
	// Starts holds the start index of each window, in increasing order.
	Starts []int
}

// NewWindows indexes the windows of target (with optional covariates, each
// of the same length as target) described by c; see [WindowIndex].
// Only the observations that enter some window are checked: it returns an
// error wrapping [ErrNonFinite] if one is NaN or ±Inf, and an error
// wrapping [ErrTooShort] if there is no window at all (the series, or every
// segment between gaps, is shorter than Window+Horizon). A covariate with a
// different length is also an error. It panics for an invalid c, as
// WindowIndex does.
func NewWindows(target []float64, covariates [][]float64, c WindowConfig) (*Windows, error) {
	for j, cv := range covariates {
		if len(cv) != len(target) {
			return nil, fmt.Errorf("features: windows: covariate %d has %d values, target has %d", j, len(cv), len(target))
		}
	}
	starts := WindowIndex(nil, len(target), c)
	if len(starts) == 0 {
		return nil, fmt.Errorf("%w: windows: %d values (longest segment shorter than window %d + horizon %d)",
			ErrTooShort, len(target), c.Window, c.horizon())
	}
	span := c.Span()
	// Covered observations: check each once.
	next := 0
	for _, s := range starts {
		for t := max(s, next); t < s+span; t++ {
			if v := target[t]; math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("%w: windows: target value %v at index %d", ErrNonFinite, v, t)
			}
			for j, cv := range covariates {
				if v := cv[t]; math.IsNaN(v) || math.IsInf(v, 0) {
					return nil, fmt.Errorf("%w: windows: covariate %d value %v at index %d", ErrNonFinite, j, v, t)
				}
			}
		}
		next = max(next, s+span)
	}
	return &Windows{Target: target, Covariates: covariates, Window: c.Window, Horizon: c.horizon(), Starts: starts}, nil
}

// Len returns the number of windows.
func (w *Windows) Len() int { return len(w.Starts) }

// Features returns F, the number of values per input step: 1 + the number
// of covariates.
func (w *Windows) Features() int { return 1 + len(w.Covariates) }

// Fill copies window i (0 ≤ i < Len) into x (length Window·Features) and y
// (length Horizon), as [FillWindow] does. It does not allocate. It panics
// if i is out of range or the buffers have the wrong length.
func (w *Windows) Fill(x, y []float64, i int) {
	FillWindow(x, y, w.Target, w.Covariates, w.Starts[i], w.Window, w.Horizon)
}

// Matrix materialises every window: X has Len rows of Window·Features
// values and Y has Len rows of Horizon values, both row-major in one flat
// slice. It is convenient for small series; use Fill to stream.
func (w *Windows) Matrix() (X, Y []float64) {
	xw, yw := w.Window*w.Features(), w.Horizon
	X = make([]float64, len(w.Starts)*xw)
	Y = make([]float64, len(w.Starts)*yw)
	for i := range w.Starts {
		w.Fill(X[i*xw:(i+1)*xw], Y[i*yw:(i+1)*yw], i)
	}
	return X, Y
}
