//go:build amd64 && !purego

#include "textflag.h"

// TANH sets r = tanh(x) for eight float32 lanes with the approximation of
// tanh8 (same instruction sequence, so the same results); x is preserved,
// t1..t3 are clobbered.
#define TANH(x, r, t1, t2, t3) \
	VMOVUPS      ·tanhNegClamp(SB), t1;   \
	VMAXPS       x, t1, t1;               \
	VMOVUPS      ·tanhClamp(SB), t2;      \
	VMINPS       t1, t2, t1;              \
	VMULPS       t1, t1, t2;              \
	VMOVUPS      ·tanhA13(SB), r;         \
	VFMADD213PS  ·tanhA11(SB), t2, r;     \
	VFMADD213PS  ·tanhA9(SB), t2, r;      \
	VFMADD213PS  ·tanhA7(SB), t2, r;      \
	VFMADD213PS  ·tanhA5(SB), t2, r;      \
	VFMADD213PS  ·tanhA3(SB), t2, r;      \
	VFMADD213PS  ·tanhA1(SB), t2, r;      \
	VMULPS       t1, r, r;                \
	VMOVUPS      ·tanhB6(SB), t3;         \
	VFMADD213PS  ·tanhB4(SB), t2, t3;     \
	VFMADD213PS  ·tanhB2(SB), t2, t3;     \
	VFMADD213PS  ·tanhB0(SB), t2, t3;     \
	VDIVPS       t3, r, r;                \
	VANDPS       ·absMask32(SB), x, t1;   \
	VCMPPS       $0x1d, ·tanhSat(SB), t1, t1; \
	VANDPS       ·signMask32(SB), x, t2;  \
	VORPS        ·tanhOne(SB), t2, t2;    \
	VBLENDVPS    t1, t2, r, r

// SIGMOID sets r = 0.5 + 0.5·tanh(x/2); x is halved in place. Y15 must
// hold 0.5 in every lane.
#define SIGMOID(x, r, t1, t2, t3) \
	VMULPS      Y15, x, x;    \
	TANH(x, r, t1, t2, t3);   \
	VFMADD213PS Y15, Y15, r

// func lstmFwd8(n, h, h8 int, z, c, tc, hout, cp *float32, hasCP bool)
// For rows r < n and units j < h8 (a multiple of 8): activates the gates
// of z in place (row stride 4h: i, f, o, g) and writes c, tc and hout (row
// stride h). cp is read only when hasCP.
TEXT ·lstmFwd8(SB), NOSPLIT, $0-65
	MOVQ n+0(FP), CX
	MOVQ h+8(FP), SI
	SHLQ $2, SI                // SI = 4h bytes: the gate stride in a z row
	MOVQ h8+16(FP), BX
	SHRQ $3, BX                // blocks per row
	JEQ  fdone
	TESTQ CX, CX
	JEQ  fdone
	MOVQ z+24(FP), R8
	LEAQ (R8)(SI*2), R9
	ADDQ SI, R9                // R9 = g gate = z + 12h bytes
	MOVQ c+32(FP), R10
	MOVQ tc+40(FP), R11
	MOVQ hout+48(FP), R12
	MOVQ cp+56(FP), R13
	MOVBLZX hasCP+64(FP), R14
	// Row skips: z rows advance by 16h bytes, others by 4h, minus what the
	// inner loop advanced (h8·4 bytes).
	MOVQ h8+16(FP), DI
	SHLQ $2, DI
	LEAQ (SI)(SI*2), DX
	ADDQ SI, DX
	SUBQ DI, DX                // DX = 16h - 4·h8
	NEGQ DI
	ADDQ SI, DI                // DI = 4h - 4·h8
	VMOVUPS ·tanhHalf(SB), Y15

frow:
	MOVQ BX, AX

fblk:
	VMOVUPS (R8), Y4
	SIGMOID(Y4, Y0, Y5, Y6, Y7)
	VMOVUPS Y0, (R8)
	VMOVUPS (R8)(SI*1), Y4
	SIGMOID(Y4, Y1, Y5, Y6, Y7)
	VMOVUPS Y1, (R8)(SI*1)
	VMOVUPS (R8)(SI*2), Y4
	SIGMOID(Y4, Y2, Y5, Y6, Y7)
	VMOVUPS Y2, (R8)(SI*2)
	VMOVUPS (R9), Y4
	TANH(Y4, Y3, Y5, Y6, Y7)
	VMOVUPS Y3, (R9)
	VMULPS  Y3, Y0, Y8         // i·g
	TESTQ   R14, R14
	JEQ     fnocp
	VFMADD231PS (R13), Y1, Y8  // + f·cp
	ADDQ    $32, R13

fnocp:
	VMOVUPS Y8, (R10)
	TANH(Y8, Y9, Y5, Y6, Y7)
	VMOVUPS Y9, (R11)
	VMULPS  Y9, Y2, Y9
	VMOVUPS Y9, (R12)
	ADDQ    $32, R8
	ADDQ    $32, R9
	ADDQ    $32, R10
	ADDQ    $32, R11
	ADDQ    $32, R12
	DECQ    AX
	JNE     fblk
	ADDQ    DX, R8
	ADDQ    DX, R9
	ADDQ    DI, R10
	ADDQ    DI, R11
	ADDQ    DI, R12
	TESTQ   R14, R14
	JEQ     fnext
	ADDQ    DI, R13

fnext:
	DECQ CX
	JNE  frow
	VZEROUPPER

fdone:
	RET

// func lstmBwd8(n, h, h8 int, dz, dc, z, tc, cp, dh *float32, hasCP bool)
// The backward of lstmFwd8 for rows r < n and units j < h8 (see
// LSTMCellBackward).
TEXT ·lstmBwd8(SB), NOSPLIT, $0-73
	MOVQ n+0(FP), CX
	MOVQ h+8(FP), SI
	SHLQ $2, SI
	MOVQ h8+16(FP), BX
	SHRQ $3, BX
	JEQ  bdone
	TESTQ CX, CX
	JEQ  bdone
	MOVQ dz+24(FP), R10
	LEAQ (R10)(SI*2), R11
	ADDQ SI, R11               // dz g gate
	MOVQ dc+32(FP), R12
	MOVQ z+40(FP), R8
	LEAQ (R8)(SI*2), R9
	ADDQ SI, R9                // z g gate
	MOVQ tc+48(FP), R13
	MOVQ cp+56(FP), R14
	MOVQ dh+64(FP), R15
	MOVQ h8+16(FP), DI
	SHLQ $2, DI
	LEAQ (SI)(SI*2), DX
	ADDQ SI, DX
	SUBQ DI, DX                // z-row skip
	NEGQ DI
	ADDQ SI, DI                // h-row skip
	VMOVUPS ·tanhOne(SB), Y15

brow:
	MOVQ BX, AX

bblk:
	VMOVUPS (R8), Y0           // i
	VMOVUPS (R8)(SI*1), Y1     // f
	VMOVUPS (R8)(SI*2), Y2     // o
	VMOVUPS (R9), Y3           // g
	VMOVUPS (R13), Y4          // tc
	VMOVUPS (R15), Y5          // dh
	VMULPS  Y4, Y4, Y7
	VSUBPS  Y7, Y15, Y7        // 1 - tc²
	VMULPS  Y2, Y5, Y8         // dh·o
	VFMADD213PS (R12), Y7, Y8  // dcv = dh·o·(1-tc²) + dc
	VMULPS  Y4, Y5, Y9         // dh·tc
	VMULPS  Y2, Y9, Y9
	VSUBPS  Y2, Y15, Y10
	VMULPS  Y10, Y9, Y9
	VMOVUPS Y9, (R10)(SI*2)    // do
	VMULPS  Y3, Y8, Y9         // dcv·g
	VMULPS  Y0, Y9, Y9
	VSUBPS  Y0, Y15, Y10
	VMULPS  Y10, Y9, Y9
	VMOVUPS Y9, (R10)          // di
	VMULPS  Y0, Y8, Y9         // dcv·i
	VMULPS  Y3, Y3, Y10
	VSUBPS  Y10, Y15, Y10
	VMULPS  Y10, Y9, Y9
	VMOVUPS Y9, (R11)          // dg
	VXORPS  Y9, Y9, Y9
	CMPB    hasCP+72(FP), $0
	JEQ     bnocp
	VMULPS  (R14), Y8, Y9      // dcv·cp
	VMULPS  Y1, Y9, Y9
	VSUBPS  Y1, Y15, Y10
	VMULPS  Y10, Y9, Y9
	ADDQ    $32, R14

bnocp:
	VMOVUPS Y9, (R10)(SI*1)    // df
	VMULPS  Y1, Y8, Y8
	VMOVUPS Y8, (R12)          // dc = dcv·f
	ADDQ    $32, R8
	ADDQ    $32, R9
	ADDQ    $32, R10
	ADDQ    $32, R11
	ADDQ    $32, R12
	ADDQ    $32, R13
	ADDQ    $32, R15
	DECQ    AX
	JNE     bblk
	ADDQ    DX, R8
	ADDQ    DX, R9
	ADDQ    DX, R10
	ADDQ    DX, R11
	ADDQ    DI, R12
	ADDQ    DI, R13
	ADDQ    DI, R15
	CMPB    hasCP+72(FP), $0
	JEQ     bnext
	ADDQ    DI, R14

bnext:
	DECQ CX
	JNE  brow
	VZEROUPPER

bdone:
	RET
