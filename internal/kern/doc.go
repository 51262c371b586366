// Package kern holds the numeric kernels behind the seq2one networks: a
// row-major general matrix multiply ([Gemm]) and the activations [Tanh] and
// [Sigmoid], generic over float32 and float64. The LSTM in package seq2one
// spends nearly all of its time here: the fused gate projection
// [x,h]·W (Gemm), the gradients dW = [x,h]ᵀ·dG (Gemm with tA) and
// d[x,h] = dG·Wᵀ (Gemm with tB), and the gate nonlinearities on whole slices.
//
// # Fast and portable paths
//
// On amd64 CPUs with AVX2 and FMA3 (detected at start-up with CPUID and
// XGETBV), Gemm and the float32 activations run hand-written assembly:
//
//   - op(B) not transposed: a 6×16 (float32) or 6×8 (float64) register-blocked
//     micro-kernel that broadcasts elements of six rows of op(A), read in
//     place through row pointers so A may be transposed, against rows of B;
//     12 accumulators stay in YMM registers over the whole k loop. A 4-row
//     variant takes row remainders of 4 (16-row batch shards are 6+6+4);
//     other row edges repeat a valid row and discard the surplus, and column
//     edges use a masked 8- (4-) lane variant. A long k is split into chunks
//     of at most 256 so that the strip of B stays in L1 (dW over a long
//     window has k = steps·rows in the thousands). Gemm packs nothing and
//     needs no workspace; [PackB] and [GemmPacked] let a caller pack a
//     right operand it reuses (seq2one packs its weights once per
//     mini-batch) into 16- (8-) wide panels that the same micro-kernels
//     stream contiguously, with results bit-identical to Gemm.
//   - op(B) transposed (A·Bᵀ): a 3×4 tile of dot products along the
//     contiguous rows of A and B, reduced horizontally in a fixed order and
//     stored with alpha and beta applied.
//   - both transposed: the portable loop (no seq2one shape needs it).
//
// Building with the purego tag, or running on another architecture or an
// older CPU, selects the portable Go loops. Tests run both paths in one
// binary and compare them with a float64 reference under the worst-case
// summation error bound.
//
// # Other kernels
//
// [LSTMCell] and [LSTMCellBackward] fuse the elementwise part of an LSTM
// step (gate activations, cell update, and their derivatives) into one pass
// over the gates, eight units at a time in float32 on AVX2. [AddRows] sums
// the rows of a matrix into a vector in row order (bias gradients, shard
// gradient sums), bit-identical to the plain loop.
//
// # Determinism
//
// Every kernel sums over k in increasing order with a fixed blocking that
// depends only on the shape, so the same arguments give bit-identical
// results on every call. An activation's result depends only on the input
// value, never on its index or the slice length. The fast and portable paths
// differ by rounding, so results are reproducible on one machine and build,
// not across CPUs with and without AVX2.
//
// # Activations
//
// float64 activations use the standard library ([math.Tanh], [math.Exp]) so
// that gradient checks in float64 see full precision. float32 activations use
// a [13/6] rational approximation tanh(x) ≈ x·P(x²)/Q(x²) on |x| ≤ 7.905
// (Eigen's fast float tanh), exactly ±1 for |x| ≥ 9, and
// sigmoid(x) = 0.5 + 0.5·tanh(x/2). Measured maximum absolute error against
// math.Tanh on a dense grid over [-20, 20]: 2.5e-7 (assembly) and 2.1e-7
// (portable); sigmoid 1.5e-7. NaN propagates, ±Inf saturates.
//
// # Allocation
//
// No function in this package allocates.
package kern
