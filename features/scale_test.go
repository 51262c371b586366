package features_test

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/tsforecast/tsforecast/features"
)

func TestScalers(t *testing.T) {
	for _, test := range []struct {
		name   string
		s      features.Scaler
		fit    []float64
		x      []float64
		want   []float64 // TransformTo(x), computed by hand
		fitted features.Scaler
	}{
		// Mean 2.5, population variance 1.25.
		{"standard", &features.Standard{}, []float64{1, 2, 3, 4}, []float64{2.5, 5},
			[]float64{0, 2.5 / math.Sqrt(1.25)}, &features.Standard{Mean: 2.5, Std: math.Sqrt(1.25)}},
		{"standard constant", &features.Standard{}, []float64{7, 7, 7}, []float64{7, 9},
			[]float64{0, 2}, &features.Standard{Mean: 7, Std: 1}},
		{"min-max", &features.MinMax{}, []float64{2, 6, 4}, []float64{2, 4, 6, 10},
			[]float64{0, 0.5, 1, 2}, &features.MinMax{Min: 2, Max: 6}},
		{"min-max constant", &features.MinMax{}, []float64{-3, -3}, []float64{-3, -1},
			[]float64{0, 2}, &features.MinMax{Min: -3, Max: -3}},
		{"log", &features.Log{}, []float64{1, math.E}, []float64{1, math.E, math.E * math.E},
			[]float64{0, 1, 2}, &features.Log{}},
		{"log shifted", &features.Log{Shift: 1}, []float64{0, 3}, []float64{0, math.E - 1},
			[]float64{0, 1}, &features.Log{Shift: 1}},
	} {
		if err := test.s.Fit(test.fit); err != nil {
			t.Errorf("%s: Fit(%v): %v", test.name, test.fit, err)
			continue
		}
		if !scalerEqual(test.s, test.fitted) {
			t.Errorf("%s: Fit(%v) gave %+v, want %+v", test.name, test.fit, test.s, test.fitted)
		}
		got := test.s.TransformTo(nil, test.x)
		if !floatsEqual(got, test.want, 1e-14) {
			t.Errorf("%s: TransformTo(%v) = %v, want %v", test.name, test.x, got, test.want)
		}
		back := test.s.InverseTo(nil, got)
		if !floatsEqual(back, test.x, 1e-14) {
			t.Errorf("%s: InverseTo(TransformTo(%v)) = %v", test.name, test.x, back)
		}
	}
}

func scalerEqual(a, b features.Scaler) bool {
	switch a := a.(type) {
	case *features.Standard:
		b := b.(*features.Standard)
		return floatsEqual([]float64{a.Mean, a.Std}, []float64{b.Mean, b.Std}, 1e-14)
	case *features.MinMax:
		return *a == *b.(*features.MinMax)
	case *features.Log:
		return *a == *b.(*features.Log)
	}
	return false
}

// TestScalerRoundTrip checks InverseTo(TransformTo(x)) on real data, in
// place, for every scaler.
func TestScalerRoundTrip(t *testing.T) {
	x := readColumn(t, "airline-passengers.csv", 1)
	train := x[:120]
	for _, s := range []features.Scaler{&features.Standard{}, &features.MinMax{}, &features.Log{}, &features.Log{Shift: 5}} {
		if err := s.Fit(train); err != nil {
			t.Fatalf("%T.Fit: %v", s, err)
		}
		buf := append([]float64(nil), x...)
		s.TransformTo(buf, buf)
		s.InverseTo(buf, buf)
		if !floatsEqual(buf, x, 1e-13) {
			t.Errorf("%T: round trip differs: %v vs %v", s, buf[:5], x[:5])
		}
	}
	// Fitted on training data only: the test part maps outside [0, 1].
	var mm features.MinMax
	if err := mm.Fit(train); err != nil {
		t.Fatal(err)
	}
	if got := mm.TransformTo(nil, x[120:]); !(maxOf(got) > 1) {
		t.Errorf("MinMax fitted on 1949–1958 maps 1959–1960 to max %v, want > 1 (no leakage)", maxOf(got))
	}
}

func maxOf(x []float64) float64 {
	m := math.Inf(-1)
	for _, v := range x {
		m = math.Max(m, v)
	}
	return m
}

func TestScalerFitErrors(t *testing.T) {
	for _, test := range []struct {
		name string
		s    features.Scaler
		x    []float64
		want error
	}{
		{"standard empty", &features.Standard{Mean: 1, Std: 2}, nil, features.ErrEmpty},
		{"standard NaN", &features.Standard{Mean: 1, Std: 2}, []float64{1, math.NaN()}, features.ErrNonFinite},
		{"min-max Inf", &features.MinMax{Min: 1, Max: 2}, []float64{math.Inf(-1), 1}, features.ErrNonFinite},
		{"min-max empty", &features.MinMax{Min: 1, Max: 2}, []float64{}, features.ErrEmpty},
		// Finite values whose statistics overflow would scale to NaN.
		{"standard overflow", &features.Standard{Mean: 1, Std: 2}, []float64{1e308, 1e308, -1e308}, features.ErrNonFinite},
		{"min-max overflow", &features.MinMax{Min: 1, Max: 2}, []float64{-1e308, 1e308}, features.ErrNonFinite},
		{"log zero", &features.Log{}, []float64{1, 0}, features.ErrNonPositive},
		{"log negative", &features.Log{}, []float64{-1}, features.ErrNonPositive},
		{"log shift too small", &features.Log{Shift: 1}, []float64{-1}, features.ErrNonPositive},
		{"log NaN", &features.Log{}, []float64{math.NaN()}, features.ErrNonFinite},
	} {
		before := describe(test.s)
		err := test.s.Fit(test.x)
		if !errors.Is(err, test.want) {
			t.Errorf("%s: Fit(%v) = %v, want %v", test.name, test.x, err, test.want)
		}
		if after := describe(test.s); after != before {
			t.Errorf("%s: failed Fit changed the scaler from %s to %s", test.name, before, after)
		}
	}
}

func describe(s features.Scaler) string { return fmt.Sprintf("%+v", s) }

func TestScalerZeroValues(t *testing.T) {
	x := []float64{-2, 0, 3.5}
	var st features.Standard
	if got := st.TransformTo(nil, x); !floatsEqual(got, x, 0) {
		t.Errorf("zero Standard.TransformTo(%v) = %v, want identity", x, got)
	}
	var mm features.MinMax
	if got := mm.TransformTo(nil, x); !floatsEqual(got, x, 0) {
		t.Errorf("zero MinMax.TransformTo(%v) = %v, want identity", x, got)
	}
	buf := make([]float64, len(x))
	for _, s := range []features.Scaler{&features.Standard{Mean: 1, Std: 2}, &features.MinMax{Min: -1, Max: 3}, &features.Log{Shift: 3}} {
		if n := testing.AllocsPerRun(100, func() { s.InverseTo(buf, s.TransformTo(buf, x)) }); n != 0 {
			t.Errorf("%T TransformTo/InverseTo with dst allocate %v times, want 0", s, n)
		}
	}
	if !panics(func() { st.TransformTo(make([]float64, 2), x) }) {
		t.Errorf("Standard.TransformTo with short dst did not panic")
	}
}

func TestNormalizeColumn(t *testing.T) {
	// Two features per step: target in column 0, covariate in column 1.
	buf := []float64{1, 10, 2, 20, 3, 30, 4, 40}
	st := features.NormalizeColumn(buf, 2, 0)
	s := math.Sqrt(1.25)
	want := []float64{-1.5 / s, 10, -0.5 / s, 20, 0.5 / s, 30, 1.5 / s, 40}
	if !floatsEqual(buf, want, 1e-15) {
		t.Errorf("NormalizeColumn(col 0) = %v, want %v", buf, want)
	}
	if st.Mean != 2.5 || math.Abs(st.Std-s) > 1e-15 {
		t.Errorf("NormalizeColumn stats = %+v, want Mean 2.5 Std %v", st, s)
	}
	if got := st.Inverse(buf[2]); math.Abs(got-2) > 1e-14 {
		t.Errorf("Standard.Inverse(normalised 2) = %v, want 2", got)
	}
	if got := st.Transform(2); math.Abs(got-buf[2]) > 1e-15 {
		t.Errorf("Standard.Transform(2) = %v, want %v", got, buf[2])
	}
	// A constant window is only centred.
	c := []float64{5, 5, 5}
	if st := features.NormalizeColumn(c, 1, 0); st.Std != 1 || !floatsEqual(c, []float64{0, 0, 0}, 0) {
		t.Errorf("NormalizeColumn(constant) = %v with %+v, want zeros and Std 1", c, st)
	}
	if n := testing.AllocsPerRun(100, func() { features.NormalizeColumn(buf, 2, 1) }); n != 0 {
		t.Errorf("NormalizeColumn allocates %v times, want 0", n)
	}
	for _, bad := range []func(){
		func() { features.NormalizeColumn(buf, 3, 0) },
		func() { features.NormalizeColumn(buf, 2, 2) },
		func() { features.NormalizeColumn(nil, 1, 0) },
		func() { features.NormalizeColumn(buf, 0, 0) },
	} {
		if !panics(bad) {
			t.Errorf("NormalizeColumn with bad shape did not panic")
		}
	}
}
