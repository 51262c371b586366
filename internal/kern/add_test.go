package kern

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

func checkAddRows[T Float](t *testing.T) {
	rnd := rand.New(rand.NewPCG(4, 4))
	for _, rows := range []int{0, 1, 3, 17} {
		for _, cols := range []int{0, 1, 15, 16, 31, 32, 33, 100, 256} {
			a := randSlice[T](rnd, rows*cols)
			dst := randSlice[T](rnd, cols+2)
			want := append([]T(nil), dst...)
			for r := range rows {
				for j := range cols {
					want[j] += a[r*cols+j]
				}
			}
			AddRows(dst, a, rows, cols)
			for j := range dst {
				if dst[j] != want[j] {
					t.Fatalf("AddRows(rows=%d, cols=%d): dst[%d] = %v, want %v (bit-identical)", rows, cols, j, dst[j], want[j])
				}
			}
		}
	}
}

func TestAddRows(t *testing.T) {
	for _, portable := range []bool{false, true} {
		t.Run(fmt.Sprintf("portable=%v", portable), func(t *testing.T) {
			run := func(t *testing.T) {
				checkAddRows[float32](t)
				checkAddRows[float64](t)
			}
			if portable {
				withPortable(t, run)
			} else {
				run(t)
			}
		})
	}
	if !panics(func() { AddRows(make([]float32, 3), make([]float32, 5), 2, 3) }) {
		t.Error("AddRows with a short a did not panic")
	}
}
