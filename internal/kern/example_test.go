package kern_test

import (
	"fmt"

	"github.com/tsforecast/tsforecast/internal/kern"
)

// ExampleGemm multiplies a 2×3 matrix by a 3×2 matrix, then accumulates the
// product of A with the transpose of a 2×3 matrix into the same C.
func ExampleGemm() {
	a := []float32{
		1, 2, 3,
		4, 5, 6,
	}
	b := []float32{
		1, 0,
		0, 1,
		1, 1,
	}
	c := make([]float32, 4)
	kern.Gemm(false, false, 2, 2, 3, 1, a, 3, b, 2, 0, c, 2) // C = A·B
	fmt.Println(c)
	bt := []float32{
		1, 1, 1,
		0, 0, 1,
	}
	kern.Gemm(false, true, 2, 2, 3, 0.5, a, 3, bt, 3, 1, c, 2) // C += ½·A·Btᵀ
	fmt.Println(c)
	// Output:
	// [4 5 10 11]
	// [7 6.5 17.5 14]
}

// ExampleTanh shows the float32 activations; both saturate exactly (Sigmoid
// is 0 for x ≤ -18, where the true value is below 1.6e-8).
func ExampleTanh() {
	x := []float32{-20, -1, 0, 0.5, 20}
	fmt.Printf("%.4g\n", kern.Tanh(make([]float32, len(x)), x))
	fmt.Printf("%.4g\n", kern.Sigmoid(make([]float32, len(x)), x))
	// Output:
	// [-1 -0.7616 0 0.4621 1]
	// [0 0.2689 0.5 0.6225 1]
}
