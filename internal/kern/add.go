package kern

import "unsafe"

const errAddRows = "kern: AddRows slices too short"

// AddRows adds the rows of the rows×cols row-major matrix a to dst:
// dst[j] += a[0·cols+j] + a[1·cols+j] + … , adding row by row in order, so
// the result is bit-identical to the plain loop
//
//	for r := range rows { for j := range cols { dst[j] += a[r*cols+j] } }
//
// on every path. It computes bias gradients (column sums of the gate
// gradients) and sums of per-shard gradients. It does not allocate.
//
// It panics if dst is shorter than cols or a shorter than rows·cols.
func AddRows[T Float](dst, a []T, rows, cols int) {
	if rows < 0 || cols < 0 {
		panic(errNegDim)
	}
	if len(dst) < cols || len(a) < rows*cols {
		panic(errAddRows)
	}
	if rows == 0 || cols == 0 {
		return
	}
	var zero T
	j0 := 0
	if useAsm {
		if unsafe.Sizeof(zero) == 4 {
			if j0 = cols &^ 31; j0 > 0 {
				addRows32(&f32(dst)[0], &f32(a)[0], rows, j0, cols*4)
			}
		} else {
			if j0 = cols &^ 15; j0 > 0 {
				addRows64(&f64(dst)[0], &f64(a)[0], rows, j0, cols*8)
			}
		}
	}
	if j0 == cols {
		return
	}
	d := dst[j0:cols]
	for r := range rows {
		ar := a[r*cols+j0 : (r+1)*cols]
		ar = ar[:len(d)]
		for j, v := range ar {
			d[j] += v
		}
	}
}
