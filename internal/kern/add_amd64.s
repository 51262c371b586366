//go:build amd64 && !purego

#include "textflag.h"

// func addRows32(dst, a *float32, rows, n, lda int)
// dst[j] += Σ_r a[r·lda/4 + j] for j < n (a multiple of 32), adding row by
// row; lda is in bytes.
TEXT ·addRows32(SB), NOSPLIT, $0-40
	MOVQ dst+0(FP), DI
	MOVQ a+8(FP), SI
	MOVQ rows+16(FP), BX
	MOVQ n+24(FP), DX
	SHRQ $5, DX
	MOVQ lda+32(FP), R8

ablk:
	VMOVUPS (DI), Y0
	VMOVUPS 32(DI), Y1
	VMOVUPS 64(DI), Y2
	VMOVUPS 96(DI), Y3
	MOVQ    SI, R9
	MOVQ    BX, CX

arow:
	VADDPS (R9), Y0, Y0
	VADDPS 32(R9), Y1, Y1
	VADDPS 64(R9), Y2, Y2
	VADDPS 96(R9), Y3, Y3
	ADDQ   R8, R9
	DECQ   CX
	JNE    arow
	VMOVUPS Y0, (DI)
	VMOVUPS Y1, 32(DI)
	VMOVUPS Y2, 64(DI)
	VMOVUPS Y3, 96(DI)
	ADDQ    $128, DI
	ADDQ    $128, SI
	DECQ    DX
	JNE     ablk
	VZEROUPPER
	RET

// func addRows64(dst, a *float64, rows, n, lda int)
// As addRows32 for float64, n a multiple of 16.
TEXT ·addRows64(SB), NOSPLIT, $0-40
	MOVQ dst+0(FP), DI
	MOVQ a+8(FP), SI
	MOVQ rows+16(FP), BX
	MOVQ n+24(FP), DX
	SHRQ $4, DX
	MOVQ lda+32(FP), R8

dblk:
	VMOVUPD (DI), Y0
	VMOVUPD 32(DI), Y1
	VMOVUPD 64(DI), Y2
	VMOVUPD 96(DI), Y3
	MOVQ    SI, R9
	MOVQ    BX, CX

drow:
	VADDPD (R9), Y0, Y0
	VADDPD 32(R9), Y1, Y1
	VADDPD 64(R9), Y2, Y2
	VADDPD 96(R9), Y3, Y3
	ADDQ   R8, R9
	DECQ   CX
	JNE    drow
	VMOVUPD Y0, (DI)
	VMOVUPD Y1, 32(DI)
	VMOVUPD Y2, 64(DI)
	VMOVUPD Y3, 96(DI)
	ADDQ    $128, DI
	ADDQ    $128, SI
	DECQ    DX
	JNE     dblk
	VZEROUPPER
	RET
