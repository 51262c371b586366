package csvio_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/tsforecast/tsforecast/csvio"
	"github.com/tsforecast/tsforecast/forecast"
)

func readFuture(t *testing.T, in string, opt *csvio.LoadOptions) *csvio.Future {
	t.Helper()
	f, err := csvio.ReadFuture(context.Background(), strings.NewReader(in), "future.csv", opt)
	if err != nil {
		t.Fatalf("ReadFuture(%q): %v", in, err)
	}
	return f
}

// TestFutureJoin: the rows of a future file after the last observation
// extend the named covariates, which become future-known; rows before it
// are skipped; the history of the covariate comes from the input.
func TestFutureJoin(t *testing.T) {
	in := "ds,y,price,temp\n2020-01-01,1,10,5\n2020-01-02,2,11,6\n2020-01-03,3,12,7\n"
	ds := mustRead(t, in, &csvio.LoadOptions{Covariates: []string{"price", "temp"}})
	f := readFuture(t, "ds,price\n2020-01-03,12\n2020-01-04,13\n2020-01-05,14\n", nil)
	if len(f.Columns) != 1 || f.Columns[0] != "price" {
		t.Fatalf("Columns = %q, want [price]", f.Columns)
	}
	if err := f.Join(ds); err != nil {
		t.Fatalf("Join: %v", err)
	}
	s := ds.Series[0]
	price, temp := s.Covariates[0], s.Covariates[1]
	if !price.Known || !equalValues(price.Values, []float64{10, 11, 12, 13, 14}) || temp.Known || len(temp.Values) != 3 {
		t.Errorf("after Join: price %+v, temp %+v", price, temp)
	}
	if err := s.Validate(); err != nil {
		t.Errorf("Validate after Join: %v", err)
	}
	if err := s.CheckKnown(2); err != nil {
		t.Errorf("CheckKnown(2): %v", err)
	}
	if err := s.CheckKnown(3); !errors.Is(err, forecast.ErrFutureMissing) || !strings.Contains(err.Error(), "2020-01-06") {
		t.Errorf("CheckKnown(3) = %v, want ErrFutureMissing naming 2020-01-06", err)
	}
}

// TestFutureLong: a long future file is matched by id; series without
// timestamps take the rows in order.
func TestFutureLong(t *testing.T) {
	in := "unique_id,ds,y,promo\nA,2020-01,1,0\nA,2020-02,2,1\nB,2020-01,5,1\nB,2020-02,6,0\n"
	ds := mustRead(t, in, &csvio.LoadOptions{Covariates: []string{"promo"}})
	f := readFuture(t, "unique_id,ds,promo\nB,2020-03,1\nA,2020-03,0\nA,2020-04,1\nB,2020-04,0\n", nil)
	if err := f.Join(ds); err != nil {
		t.Fatalf("Join: %v", err)
	}
	a, b := ds.Series[0], ds.Series[1]
	if !equalValues(a.Covariates[0].Values, []float64{0, 1, 0, 1}) || !equalValues(b.Covariates[0].Values, []float64{1, 0, 1, 0}) {
		t.Errorf("promo of A %v, of B %v", a.Covariates[0].Values, b.Covariates[0].Values)
	}

	steps := mustRead(t, "y,x\n1,5\n2,6\n", &csvio.LoadOptions{Covariates: []string{"x"}})
	if err := readFuture(t, "x\n7\n8\n", nil).Join(steps); err != nil {
		t.Fatalf("Join without timestamps: %v", err)
	}
	if x := steps.Series[0].Covariates[0]; !equalValues(x.Values, []float64{5, 6, 7, 8}) || !x.Known {
		t.Errorf("x = %+v", x)
	}
}

// TestFutureErrors: missing and misaligned rows are errors naming the
// first step missing, and a failed Join leaves the dataset as it was.
func TestFutureErrors(t *testing.T) {
	in := "unique_id,ds,y,price\nA,2020-01-01,1,10\nA,2020-01-02,2,11\nB,2020-01-01,3,12\nB,2020-01-02,4,13\n"
	for _, test := range []struct {
		name, future, substr string
	}{
		{"gap", "unique_id,ds,price\nA,2020-01-03,1\nA,2020-01-05,2\nB,2020-01-03,1\n", `series "A": no row for 2020-01-04, the step after 2020-01-03 (found 2020-01-05)`},
		{"late start", "unique_id,ds,price\nA,2020-01-04,1\nB,2020-01-03,1\n", `no row for 2020-01-03, the step after 2020-01-02`},
		{"series without rows", "unique_id,ds,price\nA,2020-01-03,1\n", `no rows for series "B"`},
		{"only past rows", "unique_id,ds,price\nA,2020-01-02,1\nB,2020-01-03,1\n", `no rows for series "A" after its last observation 2020-01-02`},
		{"no history", "unique_id,ds,discount\nA,2020-01-03,1\nB,2020-01-03,1\n", `covariate "discount" has no history`},
		{"target", "unique_id,ds,y\nA,2020-01-03,1\nB,2020-01-03,1\n", `column "y" is the target`},
		{"no time column", "unique_id,price\nA,1\nB,1\n", "has no time column"},
	} {
		t.Run(test.name, func(t *testing.T) {
			ds := mustRead(t, in, &csvio.LoadOptions{Covariates: []string{"price"}})
			f, err := csvio.ReadFuture(context.Background(), strings.NewReader(test.future), "future.csv", nil)
			if err == nil {
				err = f.Join(ds)
			}
			if err == nil || !strings.Contains(err.Error(), test.substr) {
				t.Fatalf("error %v, want one containing %q", err, test.substr)
			}
			for _, s := range ds.Series {
				if c := s.Covariates[0]; c.Known || len(c.Values) != 2 {
					t.Errorf("series %s changed by a failed Join: %+v", s.ID, c)
				}
			}
		})
	}
	// A missing future value is an error of the file, on its line.
	_, err := csvio.ReadFuture(context.Background(), strings.NewReader("ds,price\n2020-01-03,1\n2020-01-04,NA\n"), "future.csv", nil)
	var pe *csvio.ParseError
	if !errors.As(err, &pe) || pe.Line != 3 {
		t.Errorf("ReadFuture with NA: %v, want a ParseError on line 3", err)
	}
	if _, err := csvio.ReadFuture(context.Background(), strings.NewReader("V1,V2\nA,1\n"), "future.csv", nil); err == nil {
		t.Error("ReadFuture accepted a wide file")
	}
}
