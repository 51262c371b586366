//go:build amd64 && !purego

#include "textflag.h"

// Register-blocked GEMM micro-kernels for AVX2 + FMA3.
//
// The broadcast kernels compute a 6-row tile of C from six row pointers into
// A (a0..a5, each advanced by aks bytes per step of k) and rows of B (b,
// advanced by bs bytes per step). The dot kernels compute a 4×3 tile of
// dot products between rows of A and rows of B, both contiguous along k.
// Every kernel sums over k in increasing order, so results are bit-identical
// from call to call.

// func sgemm6x16(k int, a0, a1, a2, a3, a4, a5 *float32, aks int, b *float32, bs int, c *float32, ldc int, alpha, beta float32, useBeta bool)
TEXT ·sgemm6x16(SB), NOSPLIT, $0-105
	MOVQ k+0(FP), CX
	MOVQ a0+8(FP), R8
	MOVQ a1+16(FP), R9
	MOVQ a2+24(FP), R10
	MOVQ a3+32(FP), R11
	MOVQ a4+40(FP), R12
	MOVQ a5+48(FP), R13
	MOVQ aks+56(FP), DX
	MOVQ b+64(FP), BX
	MOVQ bs+72(FP), SI
	XORQ AX, AX
	VXORPS Y0, Y0, Y0
	VXORPS Y1, Y1, Y1
	VXORPS Y2, Y2, Y2
	VXORPS Y3, Y3, Y3
	VXORPS Y4, Y4, Y4
	VXORPS Y5, Y5, Y5
	VXORPS Y6, Y6, Y6
	VXORPS Y7, Y7, Y7
	VXORPS Y8, Y8, Y8
	VXORPS Y9, Y9, Y9
	VXORPS Y10, Y10, Y10
	VXORPS Y11, Y11, Y11
	TESTQ CX, CX
	JEQ   s16store

s16loop:
	VMOVUPS      (BX), Y12
	VMOVUPS      32(BX), Y13
	VBROADCASTSS (R8)(AX*1), Y14
	VFMADD231PS  Y12, Y14, Y0
	VFMADD231PS  Y13, Y14, Y1
	VBROADCASTSS (R9)(AX*1), Y15
	VFMADD231PS  Y12, Y15, Y2
	VFMADD231PS  Y13, Y15, Y3
	VBROADCASTSS (R10)(AX*1), Y14
	VFMADD231PS  Y12, Y14, Y4
	VFMADD231PS  Y13, Y14, Y5
	VBROADCASTSS (R11)(AX*1), Y15
	VFMADD231PS  Y12, Y15, Y6
	VFMADD231PS  Y13, Y15, Y7
	VBROADCASTSS (R12)(AX*1), Y14
	VFMADD231PS  Y12, Y14, Y8
	VFMADD231PS  Y13, Y14, Y9
	VBROADCASTSS (R13)(AX*1), Y15
	VFMADD231PS  Y12, Y15, Y10
	VFMADD231PS  Y13, Y15, Y11
	ADDQ         DX, AX
	ADDQ         SI, BX
	DECQ         CX
	JNE          s16loop

s16store:
	MOVQ         c+80(FP), DI
	MOVQ         ldc+88(FP), R14
	VBROADCASTSS alpha+96(FP), Y14
	VBROADCASTSS beta+100(FP), Y15
	MOVBLZX      useBeta+104(FP), AX
	TESTQ        AX, AX
	JNE          s16beta

#define S16ROW(r0, r1) \
	VMULPS  Y14, r0, r0; \
	VMULPS  Y14, r1, r1; \
	VMOVUPS r0, (DI);    \
	VMOVUPS r1, 32(DI);  \
	ADDQ    R14, DI

	S16ROW(Y0, Y1)
	S16ROW(Y2, Y3)
	S16ROW(Y4, Y5)
	S16ROW(Y6, Y7)
	S16ROW(Y8, Y9)
	S16ROW(Y10, Y11)
	VZEROUPPER
	RET

#define S16ROWB(r0, r1) \
	VMULPS      Y14, r0, r0;      \
	VMULPS      Y14, r1, r1;      \
	VFMADD231PS (DI), Y15, r0;    \
	VFMADD231PS 32(DI), Y15, r1;  \
	VMOVUPS     r0, (DI);         \
	VMOVUPS     r1, 32(DI);       \
	ADDQ        R14, DI

s16beta:
	S16ROWB(Y0, Y1)
	S16ROWB(Y2, Y3)
	S16ROWB(Y4, Y5)
	S16ROWB(Y6, Y7)
	S16ROWB(Y8, Y9)
	S16ROWB(Y10, Y11)
	VZEROUPPER
	RET

// func sgemm6x8m(k int, a0, a1, a2, a3, a4, a5 *float32, aks int, b *float32, bs int, mask *[8]int32, c *float32, ldc int)
// Writes the raw sums of a 6×8 tile whose B columns are loaded under mask
// (masked-off lanes are neither read nor faulted on, and sum to zero).
TEXT ·sgemm6x8m(SB), NOSPLIT, $0-104
	MOVQ k+0(FP), CX
	MOVQ a0+8(FP), R8
	MOVQ a1+16(FP), R9
	MOVQ a2+24(FP), R10
	MOVQ a3+32(FP), R11
	MOVQ a4+40(FP), R12
	MOVQ a5+48(FP), R13
	MOVQ aks+56(FP), DX
	MOVQ b+64(FP), BX
	MOVQ bs+72(FP), SI
	MOVQ mask+80(FP), DI
	VMOVDQU (DI), Y15
	XORQ AX, AX
	VXORPS Y0, Y0, Y0
	VXORPS Y1, Y1, Y1
	VXORPS Y2, Y2, Y2
	VXORPS Y3, Y3, Y3
	VXORPS Y4, Y4, Y4
	VXORPS Y5, Y5, Y5
	TESTQ CX, CX
	JEQ   s8store

s8loop:
	VMASKMOVPS   (BX), Y15, Y12
	VBROADCASTSS (R8)(AX*1), Y13
	VFMADD231PS  Y12, Y13, Y0
	VBROADCASTSS (R9)(AX*1), Y14
	VFMADD231PS  Y12, Y14, Y1
	VBROADCASTSS (R10)(AX*1), Y13
	VFMADD231PS  Y12, Y13, Y2
	VBROADCASTSS (R11)(AX*1), Y14
	VFMADD231PS  Y12, Y14, Y3
	VBROADCASTSS (R12)(AX*1), Y13
	VFMADD231PS  Y12, Y13, Y4
	VBROADCASTSS (R13)(AX*1), Y14
	VFMADD231PS  Y12, Y14, Y5
	ADDQ         DX, AX
	ADDQ         SI, BX
	DECQ         CX
	JNE          s8loop

s8store:
	MOVQ    c+88(FP), DI
	MOVQ    ldc+96(FP), R14
	VMOVUPS Y0, (DI)
	ADDQ    R14, DI
	VMOVUPS Y1, (DI)
	ADDQ    R14, DI
	VMOVUPS Y2, (DI)
	ADDQ    R14, DI
	VMOVUPS Y3, (DI)
	ADDQ    R14, DI
	VMOVUPS Y4, (DI)
	ADDQ    R14, DI
	VMOVUPS Y5, (DI)
	VZEROUPPER
	RET

// func dgemm6x8(k int, a0, a1, a2, a3, a4, a5 *float64, aks int, b *float64, bs int, c *float64, ldc int, alpha, beta float64, useBeta bool)
TEXT ·dgemm6x8(SB), NOSPLIT, $0-113
	MOVQ k+0(FP), CX
	MOVQ a0+8(FP), R8
	MOVQ a1+16(FP), R9
	MOVQ a2+24(FP), R10
	MOVQ a3+32(FP), R11
	MOVQ a4+40(FP), R12
	MOVQ a5+48(FP), R13
	MOVQ aks+56(FP), DX
	MOVQ b+64(FP), BX
	MOVQ bs+72(FP), SI
	XORQ AX, AX
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7
	VXORPD Y8, Y8, Y8
	VXORPD Y9, Y9, Y9
	VXORPD Y10, Y10, Y10
	VXORPD Y11, Y11, Y11
	TESTQ CX, CX
	JEQ   d8store

d8loop:
	VMOVUPD      (BX), Y12
	VMOVUPD      32(BX), Y13
	VBROADCASTSD (R8)(AX*1), Y14
	VFMADD231PD  Y12, Y14, Y0
	VFMADD231PD  Y13, Y14, Y1
	VBROADCASTSD (R9)(AX*1), Y15
	VFMADD231PD  Y12, Y15, Y2
	VFMADD231PD  Y13, Y15, Y3
	VBROADCASTSD (R10)(AX*1), Y14
	VFMADD231PD  Y12, Y14, Y4
	VFMADD231PD  Y13, Y14, Y5
	VBROADCASTSD (R11)(AX*1), Y15
	VFMADD231PD  Y12, Y15, Y6
	VFMADD231PD  Y13, Y15, Y7
	VBROADCASTSD (R12)(AX*1), Y14
	VFMADD231PD  Y12, Y14, Y8
	VFMADD231PD  Y13, Y14, Y9
	VBROADCASTSD (R13)(AX*1), Y15
	VFMADD231PD  Y12, Y15, Y10
	VFMADD231PD  Y13, Y15, Y11
	ADDQ         DX, AX
	ADDQ         SI, BX
	DECQ         CX
	JNE          d8loop

d8store:
	MOVQ         c+80(FP), DI
	MOVQ         ldc+88(FP), R14
	VBROADCASTSD alpha+96(FP), Y14
	VBROADCASTSD beta+104(FP), Y15
	MOVBLZX      useBeta+112(FP), AX
	TESTQ        AX, AX
	JNE          d8beta

#define D8ROW(r0, r1) \
	VMULPD  Y14, r0, r0; \
	VMULPD  Y14, r1, r1; \
	VMOVUPD r0, (DI);    \
	VMOVUPD r1, 32(DI);  \
	ADDQ    R14, DI

	D8ROW(Y0, Y1)
	D8ROW(Y2, Y3)
	D8ROW(Y4, Y5)
	D8ROW(Y6, Y7)
	D8ROW(Y8, Y9)
	D8ROW(Y10, Y11)
	VZEROUPPER
	RET

#define D8ROWB(r0, r1) \
	VMULPD      Y14, r0, r0;     \
	VMULPD      Y14, r1, r1;     \
	VFMADD231PD (DI), Y15, r0;   \
	VFMADD231PD 32(DI), Y15, r1; \
	VMOVUPD     r0, (DI);        \
	VMOVUPD     r1, 32(DI);      \
	ADDQ        R14, DI

d8beta:
	D8ROWB(Y0, Y1)
	D8ROWB(Y2, Y3)
	D8ROWB(Y4, Y5)
	D8ROWB(Y6, Y7)
	D8ROWB(Y8, Y9)
	D8ROWB(Y10, Y11)
	VZEROUPPER
	RET

// func dgemm6x4m(k int, a0, a1, a2, a3, a4, a5 *float64, aks int, b *float64, bs int, mask *[4]int64, c *float64, ldc int)
TEXT ·dgemm6x4m(SB), NOSPLIT, $0-104
	MOVQ k+0(FP), CX
	MOVQ a0+8(FP), R8
	MOVQ a1+16(FP), R9
	MOVQ a2+24(FP), R10
	MOVQ a3+32(FP), R11
	MOVQ a4+40(FP), R12
	MOVQ a5+48(FP), R13
	MOVQ aks+56(FP), DX
	MOVQ b+64(FP), BX
	MOVQ bs+72(FP), SI
	MOVQ mask+80(FP), DI
	VMOVDQU (DI), Y15
	XORQ AX, AX
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	TESTQ CX, CX
	JEQ   d4store

d4loop:
	VMASKMOVPD   (BX), Y15, Y12
	VBROADCASTSD (R8)(AX*1), Y13
	VFMADD231PD  Y12, Y13, Y0
	VBROADCASTSD (R9)(AX*1), Y14
	VFMADD231PD  Y12, Y14, Y1
	VBROADCASTSD (R10)(AX*1), Y13
	VFMADD231PD  Y12, Y13, Y2
	VBROADCASTSD (R11)(AX*1), Y14
	VFMADD231PD  Y12, Y14, Y3
	VBROADCASTSD (R12)(AX*1), Y13
	VFMADD231PD  Y12, Y13, Y4
	VBROADCASTSD (R13)(AX*1), Y14
	VFMADD231PD  Y12, Y14, Y5
	ADDQ         DX, AX
	ADDQ         SI, BX
	DECQ         CX
	JNE          d4loop

d4store:
	MOVQ    c+88(FP), DI
	MOVQ    ldc+96(FP), R14
	VMOVUPD Y0, (DI)
	ADDQ    R14, DI
	VMOVUPD Y1, (DI)
	ADDQ    R14, DI
	VMOVUPD Y2, (DI)
	ADDQ    R14, DI
	VMOVUPD Y3, (DI)
	ADDQ    R14, DI
	VMOVUPD Y4, (DI)
	ADDQ    R14, DI
	VMOVUPD Y5, (DI)
	VZEROUPPER
	RET

// func sgemm4x16(k int, a0, a1, a2, a3 *float32, aks int, b *float32, bs int, c *float32, ldc int, alpha, beta float32, useBeta bool)
// The 4-row variant of sgemm6x16 for row remainders.
TEXT ·sgemm4x16(SB), NOSPLIT, $0-89
	MOVQ k+0(FP), CX
	MOVQ a0+8(FP), R8
	MOVQ a1+16(FP), R9
	MOVQ a2+24(FP), R10
	MOVQ a3+32(FP), R11
	MOVQ aks+40(FP), DX
	MOVQ b+48(FP), BX
	MOVQ bs+56(FP), SI
	XORQ AX, AX
	VXORPS Y0, Y0, Y0
	VXORPS Y1, Y1, Y1
	VXORPS Y2, Y2, Y2
	VXORPS Y3, Y3, Y3
	VXORPS Y4, Y4, Y4
	VXORPS Y5, Y5, Y5
	VXORPS Y6, Y6, Y6
	VXORPS Y7, Y7, Y7
	TESTQ CX, CX
	JEQ   s4store

s4loop:
	VMOVUPS      (BX), Y12
	VMOVUPS      32(BX), Y13
	VBROADCASTSS (R8)(AX*1), Y14
	VFMADD231PS  Y12, Y14, Y0
	VFMADD231PS  Y13, Y14, Y1
	VBROADCASTSS (R9)(AX*1), Y15
	VFMADD231PS  Y12, Y15, Y2
	VFMADD231PS  Y13, Y15, Y3
	VBROADCASTSS (R10)(AX*1), Y14
	VFMADD231PS  Y12, Y14, Y4
	VFMADD231PS  Y13, Y14, Y5
	VBROADCASTSS (R11)(AX*1), Y15
	VFMADD231PS  Y12, Y15, Y6
	VFMADD231PS  Y13, Y15, Y7
	ADDQ         DX, AX
	ADDQ         SI, BX
	DECQ         CX
	JNE          s4loop

s4store:
	MOVQ         c+64(FP), DI
	MOVQ         ldc+72(FP), R14
	VBROADCASTSS alpha+80(FP), Y14
	VBROADCASTSS beta+84(FP), Y15
	MOVBLZX      useBeta+88(FP), AX
	TESTQ        AX, AX
	JNE          s4beta
	S16ROW(Y0, Y1)
	S16ROW(Y2, Y3)
	S16ROW(Y4, Y5)
	S16ROW(Y6, Y7)
	VZEROUPPER
	RET

s4beta:
	S16ROWB(Y0, Y1)
	S16ROWB(Y2, Y3)
	S16ROWB(Y4, Y5)
	S16ROWB(Y6, Y7)
	VZEROUPPER
	RET

// func dgemm4x8(k int, a0, a1, a2, a3 *float64, aks int, b *float64, bs int, c *float64, ldc int, alpha, beta float64, useBeta bool)
TEXT ·dgemm4x8(SB), NOSPLIT, $0-97
	MOVQ k+0(FP), CX
	MOVQ a0+8(FP), R8
	MOVQ a1+16(FP), R9
	MOVQ a2+24(FP), R10
	MOVQ a3+32(FP), R11
	MOVQ aks+40(FP), DX
	MOVQ b+48(FP), BX
	MOVQ bs+56(FP), SI
	XORQ AX, AX
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7
	TESTQ CX, CX
	JEQ   d4x8store

d4x8loop:
	VMOVUPD      (BX), Y12
	VMOVUPD      32(BX), Y13
	VBROADCASTSD (R8)(AX*1), Y14
	VFMADD231PD  Y12, Y14, Y0
	VFMADD231PD  Y13, Y14, Y1
	VBROADCASTSD (R9)(AX*1), Y15
	VFMADD231PD  Y12, Y15, Y2
	VFMADD231PD  Y13, Y15, Y3
	VBROADCASTSD (R10)(AX*1), Y14
	VFMADD231PD  Y12, Y14, Y4
	VFMADD231PD  Y13, Y14, Y5
	VBROADCASTSD (R11)(AX*1), Y15
	VFMADD231PD  Y12, Y15, Y6
	VFMADD231PD  Y13, Y15, Y7
	ADDQ         DX, AX
	ADDQ         SI, BX
	DECQ         CX
	JNE          d4x8loop

d4x8store:
	MOVQ         c+64(FP), DI
	MOVQ         ldc+72(FP), R14
	VBROADCASTSD alpha+80(FP), Y14
	VBROADCASTSD beta+88(FP), Y15
	MOVBLZX      useBeta+96(FP), AX
	TESTQ        AX, AX
	JNE          d4x8beta
	D8ROW(Y0, Y1)
	D8ROW(Y2, Y3)
	D8ROW(Y4, Y5)
	D8ROW(Y6, Y7)
	VZEROUPPER
	RET

d4x8beta:
	D8ROWB(Y0, Y1)
	D8ROWB(Y2, Y3)
	D8ROWB(Y4, Y5)
	D8ROWB(Y6, Y7)
	VZEROUPPER
	RET

// func sdot3x4(k8 int, a0, a1, a2, b0, b1, b2, b3 *float32, c *float32, ldc int, alpha, beta float32, useBeta bool)
// c[r·ldc + q] = alpha·Σ_{l<8·k8} a_r[l]·b_q[l] (+ beta·c[r·ldc + q] when
// useBeta), for r < 3 and q < 4: a 3×4 tile of dot products between rows of
// A and rows of B, both contiguous along k. Each sum's eight lanes are
// reduced in a fixed pairwise order.
TEXT ·sdot3x4(SB), NOSPLIT, $0-89
	MOVQ k8+0(FP), CX
	MOVQ a0+8(FP), R8
	MOVQ a1+16(FP), R9
	MOVQ a2+24(FP), R10
	MOVQ b0+32(FP), R11
	MOVQ b1+40(FP), R12
	MOVQ b2+48(FP), R13
	MOVQ b3+56(FP), R14
	XORQ AX, AX
	VXORPS Y0, Y0, Y0
	VXORPS Y1, Y1, Y1
	VXORPS Y2, Y2, Y2
	VXORPS Y3, Y3, Y3
	VXORPS Y4, Y4, Y4
	VXORPS Y5, Y5, Y5
	VXORPS Y6, Y6, Y6
	VXORPS Y7, Y7, Y7
	VXORPS Y8, Y8, Y8
	VXORPS Y9, Y9, Y9
	VXORPS Y10, Y10, Y10
	VXORPS Y11, Y11, Y11
	TESTQ CX, CX
	JEQ   sdred

sdloop:
	VMOVUPS     (R8)(AX*1), Y12
	VMOVUPS     (R9)(AX*1), Y13
	VMOVUPS     (R10)(AX*1), Y14
	VMOVUPS     (R11)(AX*1), Y15
	VFMADD231PS Y15, Y12, Y0
	VFMADD231PS Y15, Y13, Y4
	VFMADD231PS Y15, Y14, Y8
	VMOVUPS     (R12)(AX*1), Y15
	VFMADD231PS Y15, Y12, Y1
	VFMADD231PS Y15, Y13, Y5
	VFMADD231PS Y15, Y14, Y9
	VMOVUPS     (R13)(AX*1), Y15
	VFMADD231PS Y15, Y12, Y2
	VFMADD231PS Y15, Y13, Y6
	VFMADD231PS Y15, Y14, Y10
	VMOVUPS     (R14)(AX*1), Y15
	VFMADD231PS Y15, Y12, Y3
	VFMADD231PS Y15, Y13, Y7
	VFMADD231PS Y15, Y14, Y11
	ADDQ        $32, AX
	DECQ        CX
	JNE         sdloop

sdred:
	MOVQ         c+64(FP), DI
	MOVQ         ldc+72(FP), R14
	VBROADCASTSS alpha+80(FP), X14
	VBROADCASTSS beta+84(FP), X15
	MOVBLZX      useBeta+88(FP), AX

	// Row r's four sums: hadd(hadd(q0, q1), hadd(q2, q3)), then the two
	// 128-bit halves added.
#define SROW3X4(q0, q1, q2, q3, x0) \
	VHADDPS      q1, q0, q0;  \
	VHADDPS      q3, q2, q2;  \
	VHADDPS      q2, q0, q0;  \
	VEXTRACTF128 $1, q0, X12; \
	VADDPS       X12, x0, x0; \
	VMULPS       X14, x0, x0; \
	TESTQ        AX, AX;      \
	JEQ          2(PC);       \
	VFMADD231PS  (DI), X15, x0; \
	VMOVUPS      x0, (DI);    \
	ADDQ         R14, DI

	SROW3X4(Y0, Y1, Y2, Y3, X0)
	SROW3X4(Y4, Y5, Y6, Y7, X4)
	SROW3X4(Y8, Y9, Y10, Y11, X8)
	VZEROUPPER
	RET

// func ddot3x4(k4 int, a0, a1, a2, b0, b1, b2, b3 *float64, c *float64, ldc int, alpha, beta float64, useBeta bool)
TEXT ·ddot3x4(SB), NOSPLIT, $0-97
	MOVQ k4+0(FP), CX
	MOVQ a0+8(FP), R8
	MOVQ a1+16(FP), R9
	MOVQ a2+24(FP), R10
	MOVQ b0+32(FP), R11
	MOVQ b1+40(FP), R12
	MOVQ b2+48(FP), R13
	MOVQ b3+56(FP), R14
	XORQ AX, AX
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7
	VXORPD Y8, Y8, Y8
	VXORPD Y9, Y9, Y9
	VXORPD Y10, Y10, Y10
	VXORPD Y11, Y11, Y11
	TESTQ CX, CX
	JEQ   ddred

ddloop:
	VMOVUPD     (R8)(AX*1), Y12
	VMOVUPD     (R9)(AX*1), Y13
	VMOVUPD     (R10)(AX*1), Y14
	VMOVUPD     (R11)(AX*1), Y15
	VFMADD231PD Y15, Y12, Y0
	VFMADD231PD Y15, Y13, Y4
	VFMADD231PD Y15, Y14, Y8
	VMOVUPD     (R12)(AX*1), Y15
	VFMADD231PD Y15, Y12, Y1
	VFMADD231PD Y15, Y13, Y5
	VFMADD231PD Y15, Y14, Y9
	VMOVUPD     (R13)(AX*1), Y15
	VFMADD231PD Y15, Y12, Y2
	VFMADD231PD Y15, Y13, Y6
	VFMADD231PD Y15, Y14, Y10
	VMOVUPD     (R14)(AX*1), Y15
	VFMADD231PD Y15, Y12, Y3
	VFMADD231PD Y15, Y13, Y7
	VFMADD231PD Y15, Y14, Y11
	ADDQ        $32, AX
	DECQ        CX
	JNE         ddloop

ddred:
	MOVQ         c+64(FP), DI
	MOVQ         ldc+72(FP), R14
	VBROADCASTSD alpha+80(FP), Y14
	VBROADCASTSD beta+88(FP), Y15
	MOVBLZX      useBeta+96(FP), AX

	// Row r's four sums: hadd pairs, then the 128-bit halves swapped and
	// added, giving [q0 q1 q2 q3].
#define DROW3X4(q0, q1, q2, q3) \
	VHADDPD     q1, q0, q0;        \
	VHADDPD     q3, q2, q2;        \
	VPERM2F128  $0x20, q2, q0, q1; \
	VPERM2F128  $0x31, q2, q0, q3; \
	VADDPD      q3, q1, q1;        \
	VMULPD      Y14, q1, q1;       \
	TESTQ       AX, AX;            \
	JEQ         2(PC);             \
	VFMADD231PD (DI), Y15, q1;     \
	VMOVUPD     q1, (DI);          \
	ADDQ        R14, DI

	DROW3X4(Y0, Y1, Y2, Y3)
	DROW3X4(Y4, Y5, Y6, Y7)
	DROW3X4(Y8, Y9, Y10, Y11)
	VZEROUPPER
	RET
