package features_test

import (
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/tsforecast/tsforecast/features"
)

func TestWindowIndex(t *testing.T) {
	mask := func(n int, at ...int) []bool {
		m := make([]bool, n)
		for _, i := range at {
			m[i] = true
		}
		return m
	}
	for _, test := range []struct {
		name string
		n    int
		c    features.WindowConfig
		want []int
	}{
		// span 4, (10−4)/1+1 = 7 windows.
		{"stride 1", 10, features.WindowConfig{Window: 3}, []int{0, 1, 2, 3, 4, 5, 6}},
		// (10−4)/3+1 = 3, placed from the end: last start 10−4 = 6.
		{"stride 3", 10, features.WindowConfig{Window: 3, Stride: 3}, []int{0, 3, 6}},
		// (10−4)/4+1 = 2: starts 6 and 2; start 0 is skipped, not the newest.
		{"stride 4 anchored at the end", 10, features.WindowConfig{Window: 3, Stride: 4}, []int{2, 6}},
		{"horizon 2", 10, features.WindowConfig{Window: 3, Horizon: 2}, []int{0, 1, 2, 3, 4, 5}},
		{"exact fit", 4, features.WindowConfig{Window: 3}, []int{0}},
		{"too short", 3, features.WindowConfig{Window: 3}, []int{}},
		{"empty", 0, features.WindowConfig{Window: 1}, []int{}},
		// Segments [0,5) and [5,10), two windows each.
		{"break", 10, features.WindowConfig{Window: 3, Breaks: []int{5}}, []int{0, 1, 5, 6}},
		{"breaks unsorted, duplicated", 10, features.WindowConfig{Window: 2, Breaks: []int{7, 3, 7}}, []int{0, 3, 4, 7}},
		// Value 4 masked: segments [0,4) and [5,10).
		{"mask", 10, features.WindowConfig{Window: 3, Mask: mask(10, 4)}, []int{0, 5, 6}},
		{"mask and break", 12, features.WindowConfig{Window: 1, Mask: mask(12, 0, 11), Breaks: []int{6}}, []int{1, 2, 3, 4, 6, 7, 8, 9}},
		{"all masked", 5, features.WindowConfig{Window: 1, Mask: mask(5, 0, 1, 2, 3, 4)}, []int{}},
	} {
		got := features.WindowIndex(nil, test.n, test.c)
		if !slices.Equal(got, test.want) {
			t.Errorf("WindowIndex(%s: n %d, %+v) = %v, want %v", test.name, test.n, test.c, got, test.want)
		}
	}
	c := features.WindowConfig{Window: 3, Stride: 2}
	if got, want := c.WindowCount(10), 4; got != want {
		t.Errorf("WindowCount(10) with window 3, stride 2 = %d, want %d", got, want)
	}
	buf := make([]int, 0, 16)
	if n := testing.AllocsPerRun(100, func() { buf = features.WindowIndex(buf, 10, c) }); n != 0 {
		t.Errorf("WindowIndex with enough capacity allocates %v times, want 0", n)
	}
	for _, bad := range []features.WindowConfig{
		{Window: 0},
		{Window: 2, Stride: -1},
		{Window: 2, Horizon: -1},
		{Window: 2, Breaks: []int{0}},
		{Window: 2, Breaks: []int{10}},
		{Window: 2, Mask: make([]bool, 9)},
	} {
		if !panics(func() { features.WindowIndex(nil, 10, bad) }) {
			t.Errorf("WindowIndex(n 10, %+v) did not panic", bad)
		}
	}
}

func TestFillWindow(t *testing.T) {
	target := []float64{0, 1, 2, 3, 4, 5}
	covs := [][]float64{{10, 11, 12, 13, 14, 15}, {20, 21, 22, 23, 24, 25}}
	x := make([]float64, 3*3)
	y := make([]float64, 2)
	features.FillWindow(x, y, target, covs, 1, 3, 2)
	if want := []float64{1, 11, 21, 2, 12, 22, 3, 13, 23}; !floatsEqual(x, want, 0) {
		t.Errorf("FillWindow x = %v, want %v", x, want)
	}
	if want := []float64{4, 5}; !floatsEqual(y, want, 0) {
		t.Errorf("FillWindow y = %v, want %v", y, want)
	}
	if n := testing.AllocsPerRun(100, func() { features.FillWindow(x, y, target, covs, 0, 3, 2) }); n != 0 {
		t.Errorf("FillWindow allocates %v times, want 0", n)
	}
	for _, bad := range []func(){
		func() { features.FillWindow(x, y, target, covs, 2, 3, 2) },             // past the end
		func() { features.FillWindow(x, y, target, covs, -1, 3, 2) },            // negative start
		func() { features.FillWindow(x[:8], y, target, covs, 0, 3, 2) },         // short x
		func() { features.FillWindow(x, y[:1], target, covs, 0, 3, 2) },         // short y
		func() { features.FillWindow(x, y, target, [][]float64{{1}}, 0, 3, 2) }, // short covariate
		func() { features.FillWindow(nil, nil, target, nil, 0, 0, 0) },          // window 0
	} {
		if !panics(bad) {
			t.Errorf("FillWindow with bad arguments did not panic")
		}
	}
}

func TestNewWindows(t *testing.T) {
	target := []float64{0, 1, 2, 3, 4, 5, 6, 7}
	cov := []float64{0, -1, -2, -3, -4, -5, -6, -7}
	w, err := features.NewWindows(target, [][]float64{cov}, features.WindowConfig{Window: 3, Stride: 2})
	if err != nil {
		t.Fatal(err)
	}
	if w.Len() != 3 || w.Features() != 2 || w.Window != 3 || w.Horizon != 1 {
		t.Fatalf("NewWindows: Len %d Features %d Window %d Horizon %d, want 3 2 3 1", w.Len(), w.Features(), w.Window, w.Horizon)
	}
	X, Y := w.Matrix()
	wantX := []float64{
		0, 0, 1, -1, 2, -2,
		2, -2, 3, -3, 4, -4,
		4, -4, 5, -5, 6, -6,
	}
	if !floatsEqual(X, wantX, 0) || !floatsEqual(Y, []float64{3, 5, 7}, 0) {
		t.Errorf("Matrix() = %v, %v; want %v, [3 5 7]", X, Y, wantX)
	}

	nan := append([]float64(nil), target...)
	nan[4] = math.NaN()
	for _, test := range []struct {
		name   string
		target []float64
		covs   [][]float64
		c      features.WindowConfig
		want   error
	}{
		{"NaN in target", nan, nil, features.WindowConfig{Window: 2}, features.ErrNonFinite},
		{"Inf in covariate", target, [][]float64{{0, 0, 0, 0, 0, 0, math.Inf(1), 0}}, features.WindowConfig{Window: 2}, features.ErrNonFinite},
		{"too short", target[:3], nil, features.WindowConfig{Window: 3}, features.ErrTooShort},
		{"segments too short", target, nil, features.WindowConfig{Window: 3, Breaks: []int{3, 6}}, features.ErrTooShort},
	} {
		if _, err := features.NewWindows(test.target, test.covs, test.c); !errors.Is(err, test.want) {
			t.Errorf("NewWindows(%s) error = %v, want %v", test.name, err, test.want)
		}
	}
	if _, err := features.NewWindows(target, [][]float64{{1, 2}}, features.WindowConfig{Window: 2}); err == nil {
		t.Errorf("NewWindows with a short covariate succeeded, want an error")
	}
	// A masked NaN (a gap the loader marked) never enters a window.
	mask := make([]bool, len(nan))
	mask[4] = true
	w, err = features.NewWindows(nan, nil, features.WindowConfig{Window: 2, Mask: mask})
	if err != nil {
		t.Fatalf("NewWindows with the NaN masked: %v", err)
	}
	if want := []int{0, 1, 5}; !slices.Equal(w.Starts, want) {
		t.Errorf("NewWindows with mask: Starts = %v, want %v", w.Starts, want)
	}
}

// FuzzWindows checks WindowIndex against a brute-force oracle and
// FillWindow's output for arbitrary sizes, strides, breaks and masks:
// every window lies inside one segment (no break or masked value inside),
// the count is Σ over segments of (L−span)/stride+1 (0 when L < span), each
// segment's newest window ends at the segment's end, consecutive windows of
// a segment are stride apart, and filled windows copy finite values.
func FuzzWindows(f *testing.F) {
	f.Add(uint16(10), uint8(3), uint8(1), uint8(1), []byte{}, []byte{})
	f.Add(uint16(100), uint8(24), uint8(0), uint8(5), []byte{30, 60}, []byte{7})
	f.Add(uint16(50), uint8(1), uint8(3), uint8(0), []byte{1, 1, 49}, []byte{0, 49, 25})
	f.Add(uint16(0), uint8(1), uint8(0), uint8(0), []byte{}, []byte{})
	f.Fuzz(func(t *testing.T, n16 uint16, w8, h8, s8 uint8, brk, msk []byte) {
		n := int(n16 % 400)
		c := features.WindowConfig{Window: int(w8%60) + 1, Horizon: int(h8 % 8), Stride: int(s8 % 12)}
		for _, b := range brk {
			if int(b) >= 1 && int(b) < n {
				c.Breaks = append(c.Breaks, int(b))
			}
		}
		if len(msk) > 0 {
			c.Mask = make([]bool, n)
			for _, b := range msk {
				if int(b) < n {
					c.Mask[b] = true
				}
			}
		}
		span, stride := c.Span(), max(c.Stride, 1)

		// Oracle: segment end for every index, then the expected starts.
		cut := make([]bool, n+1) // cut[i]: i-1 and i are not adjacent
		for _, b := range c.Breaks {
			cut[b] = true
		}
		masked := func(i int) bool { return c.Mask != nil && c.Mask[i] }
		var want []int
		count := 0
		for a := 0; a < n; {
			if masked(a) {
				a++
				continue
			}
			b := a + 1
			for b < n && !cut[b] && !masked(b) {
				b++
			}
			count += c.WindowCount(b - a)
			for s := a; s+span <= b; s++ {
				if (b-span-s)%stride == 0 {
					want = append(want, s)
				}
			}
			a = b
		}
		got := features.WindowIndex(nil, n, c)
		if !slices.Equal(got, want) {
			t.Fatalf("WindowIndex(n %d, %+v) = %v, want %v", n, c, got, want)
		}
		if len(got) != count {
			t.Fatalf("WindowIndex(n %d, %+v) gave %d windows, WindowCount sum %d", n, c, len(got), count)
		}

		target := make([]float64, n)
		cov := make([]float64, n)
		for i := range target {
			target[i] = float64(i)
			cov[i] = -float64(i)
		}
		x := make([]float64, 2*c.Window)
		y := make([]float64, c.Span()-c.Window)
		for _, s := range got {
			features.FillWindow(x, y, target, [][]float64{cov}, s, c.Window, len(y))
			for i := range c.Window {
				if x[2*i] != float64(s+i) || x[2*i+1] != -float64(s+i) {
					t.Fatalf("FillWindow(start %d) step %d = %v, %v", s, i, x[2*i], x[2*i+1])
				}
			}
			for k, v := range y {
				if v != float64(s+c.Window+k) || math.IsNaN(v) || math.IsInf(v, 0) {
					t.Fatalf("FillWindow(start %d) label %d = %v", s, k, v)
				}
			}
		}
	})
}
