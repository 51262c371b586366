//go:build amd64 && !purego

#include "textflag.h"

// func tanh8(dst, x *float32, n int, sig bool)
// For n a multiple of 8: dst[i] = tanh(x[i]) (sig false) or
// 0.5 + 0.5·tanh(x[i]/2) (sig true), by the rational approximation in
// tanh.go: x clamped to ±7.9053, tanh ≈ x·P(x²)/Q(x²), and ±1 exactly for
// |x| ≥ 9. NaN propagates.
TEXT ·tanh8(SB), NOSPLIT, $0-25
	MOVQ    dst+0(FP), DI
	MOVQ    x+8(FP), SI
	MOVQ    n+16(FP), CX
	MOVBLZX sig+24(FP), DX
	SHRQ    $3, CX
	JEQ     done
	VMOVUPS ·tanhNegClamp(SB), Y8
	VMOVUPS ·tanhClamp(SB), Y9
	VMOVUPS ·tanhSat(SB), Y10
	VMOVUPS ·absMask32(SB), Y11
	VMOVUPS ·signMask32(SB), Y12
	VMOVUPS ·tanhOne(SB), Y13
	VMOVUPS ·tanhHalf(SB), Y14

loop:
	VMOVUPS (SI), Y0
	TESTQ   DX, DX
	JEQ     nohalf
	VMULPS  Y14, Y0, Y0

nohalf:
	VMAXPS      Y0, Y8, Y1 // NaN in x propagates: VMAXPS returns this operand on NaN
	VMINPS      Y1, Y9, Y1
	VMULPS      Y1, Y1, Y2
	VMOVUPS     ·tanhA13(SB), Y3
	VFMADD213PS ·tanhA11(SB), Y2, Y3
	VFMADD213PS ·tanhA9(SB), Y2, Y3
	VFMADD213PS ·tanhA7(SB), Y2, Y3
	VFMADD213PS ·tanhA5(SB), Y2, Y3
	VFMADD213PS ·tanhA3(SB), Y2, Y3
	VFMADD213PS ·tanhA1(SB), Y2, Y3
	VMULPS      Y1, Y3, Y3
	VMOVUPS     ·tanhB6(SB), Y4
	VFMADD213PS ·tanhB4(SB), Y2, Y4
	VFMADD213PS ·tanhB2(SB), Y2, Y4
	VFMADD213PS ·tanhB0(SB), Y2, Y4
	VDIVPS      Y4, Y3, Y3
	VANDPS      Y11, Y0, Y5
	VCMPPS      $0x1d, Y10, Y5, Y5 // |x| >= 9, false for NaN
	VANDPS      Y12, Y0, Y6
	VORPS       Y13, Y6, Y6        // copysign(1, x)
	VBLENDVPS   Y5, Y6, Y3, Y3
	TESTQ       DX, DX
	JEQ         store
	VFMADD213PS Y14, Y14, Y3       // 0.5·t + 0.5

store:
	VMOVUPS Y3, (DI)
	ADDQ    $32, SI
	ADDQ    $32, DI
	DECQ    CX
	JNE     loop
	VZEROUPPER

done:
	RET
