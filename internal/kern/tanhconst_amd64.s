//go:build amd64 && !purego

#include "textflag.h"

// Constants of the float32 tanh approximation, each replicated over a YMM
// register's eight lanes. The values match tanhCoef in tanh.go.

DATA ·tanhA13+0(SB)/4, $0xa59f25c0
DATA ·tanhA13+4(SB)/4, $0xa59f25c0
DATA ·tanhA13+8(SB)/4, $0xa59f25c0
DATA ·tanhA13+12(SB)/4, $0xa59f25c0
DATA ·tanhA13+16(SB)/4, $0xa59f25c0
DATA ·tanhA13+20(SB)/4, $0xa59f25c0
DATA ·tanhA13+24(SB)/4, $0xa59f25c0
DATA ·tanhA13+28(SB)/4, $0xa59f25c0
GLOBL ·tanhA13(SB), RODATA|NOPTR, $32

DATA ·tanhA11+0(SB)/4, $0x2a61337e
DATA ·tanhA11+4(SB)/4, $0x2a61337e
DATA ·tanhA11+8(SB)/4, $0x2a61337e
DATA ·tanhA11+12(SB)/4, $0x2a61337e
DATA ·tanhA11+16(SB)/4, $0x2a61337e
DATA ·tanhA11+20(SB)/4, $0x2a61337e
DATA ·tanhA11+24(SB)/4, $0x2a61337e
DATA ·tanhA11+28(SB)/4, $0x2a61337e
GLOBL ·tanhA11(SB), RODATA|NOPTR, $32

DATA ·tanhA9+0(SB)/4, $0xaebd37ff
DATA ·tanhA9+4(SB)/4, $0xaebd37ff
DATA ·tanhA9+8(SB)/4, $0xaebd37ff
DATA ·tanhA9+12(SB)/4, $0xaebd37ff
DATA ·tanhA9+16(SB)/4, $0xaebd37ff
DATA ·tanhA9+20(SB)/4, $0xaebd37ff
DATA ·tanhA9+24(SB)/4, $0xaebd37ff
DATA ·tanhA9+28(SB)/4, $0xaebd37ff
GLOBL ·tanhA9(SB), RODATA|NOPTR, $32

DATA ·tanhA7+0(SB)/4, $0x335c0041
DATA ·tanhA7+4(SB)/4, $0x335c0041
DATA ·tanhA7+8(SB)/4, $0x335c0041
DATA ·tanhA7+12(SB)/4, $0x335c0041
DATA ·tanhA7+16(SB)/4, $0x335c0041
DATA ·tanhA7+20(SB)/4, $0x335c0041
DATA ·tanhA7+24(SB)/4, $0x335c0041
DATA ·tanhA7+28(SB)/4, $0x335c0041
GLOBL ·tanhA7(SB), RODATA|NOPTR, $32

DATA ·tanhA5+0(SB)/4, $0x3779434a
DATA ·tanhA5+4(SB)/4, $0x3779434a
DATA ·tanhA5+8(SB)/4, $0x3779434a
DATA ·tanhA5+12(SB)/4, $0x3779434a
DATA ·tanhA5+16(SB)/4, $0x3779434a
DATA ·tanhA5+20(SB)/4, $0x3779434a
DATA ·tanhA5+24(SB)/4, $0x3779434a
DATA ·tanhA5+28(SB)/4, $0x3779434a
GLOBL ·tanhA5(SB), RODATA|NOPTR, $32

DATA ·tanhA3+0(SB)/4, $0x3a270ded
DATA ·tanhA3+4(SB)/4, $0x3a270ded
DATA ·tanhA3+8(SB)/4, $0x3a270ded
DATA ·tanhA3+12(SB)/4, $0x3a270ded
DATA ·tanhA3+16(SB)/4, $0x3a270ded
DATA ·tanhA3+20(SB)/4, $0x3a270ded
DATA ·tanhA3+24(SB)/4, $0x3a270ded
DATA ·tanhA3+28(SB)/4, $0x3a270ded
GLOBL ·tanhA3(SB), RODATA|NOPTR, $32

DATA ·tanhA1+0(SB)/4, $0x3ba059dc
DATA ·tanhA1+4(SB)/4, $0x3ba059dc
DATA ·tanhA1+8(SB)/4, $0x3ba059dc
DATA ·tanhA1+12(SB)/4, $0x3ba059dc
DATA ·tanhA1+16(SB)/4, $0x3ba059dc
DATA ·tanhA1+20(SB)/4, $0x3ba059dc
DATA ·tanhA1+24(SB)/4, $0x3ba059dc
DATA ·tanhA1+28(SB)/4, $0x3ba059dc
GLOBL ·tanhA1(SB), RODATA|NOPTR, $32

DATA ·tanhB6+0(SB)/4, $0x35a0d3d8
DATA ·tanhB6+4(SB)/4, $0x35a0d3d8
DATA ·tanhB6+8(SB)/4, $0x35a0d3d8
DATA ·tanhB6+12(SB)/4, $0x35a0d3d8
DATA ·tanhB6+16(SB)/4, $0x35a0d3d8
DATA ·tanhB6+20(SB)/4, $0x35a0d3d8
DATA ·tanhB6+24(SB)/4, $0x35a0d3d8
DATA ·tanhB6+28(SB)/4, $0x35a0d3d8
GLOBL ·tanhB6(SB), RODATA|NOPTR, $32

DATA ·tanhB4+0(SB)/4, $0x38f895d6
DATA ·tanhB4+4(SB)/4, $0x38f895d6
DATA ·tanhB4+8(SB)/4, $0x38f895d6
DATA ·tanhB4+12(SB)/4, $0x38f895d6
DATA ·tanhB4+16(SB)/4, $0x38f895d6
DATA ·tanhB4+20(SB)/4, $0x38f895d6
DATA ·tanhB4+24(SB)/4, $0x38f895d6
DATA ·tanhB4+28(SB)/4, $0x38f895d6
GLOBL ·tanhB4(SB), RODATA|NOPTR, $32

DATA ·tanhB2+0(SB)/4, $0x3b14aa05
DATA ·tanhB2+4(SB)/4, $0x3b14aa05
DATA ·tanhB2+8(SB)/4, $0x3b14aa05
DATA ·tanhB2+12(SB)/4, $0x3b14aa05
DATA ·tanhB2+16(SB)/4, $0x3b14aa05
DATA ·tanhB2+20(SB)/4, $0x3b14aa05
DATA ·tanhB2+24(SB)/4, $0x3b14aa05
DATA ·tanhB2+28(SB)/4, $0x3b14aa05
GLOBL ·tanhB2(SB), RODATA|NOPTR, $32

DATA ·tanhB0+0(SB)/4, $0x3ba059dd
DATA ·tanhB0+4(SB)/4, $0x3ba059dd
DATA ·tanhB0+8(SB)/4, $0x3ba059dd
DATA ·tanhB0+12(SB)/4, $0x3ba059dd
DATA ·tanhB0+16(SB)/4, $0x3ba059dd
DATA ·tanhB0+20(SB)/4, $0x3ba059dd
DATA ·tanhB0+24(SB)/4, $0x3ba059dd
DATA ·tanhB0+28(SB)/4, $0x3ba059dd
GLOBL ·tanhB0(SB), RODATA|NOPTR, $32

DATA ·tanhClamp+0(SB)/4, $0x40fcf84f
DATA ·tanhClamp+4(SB)/4, $0x40fcf84f
DATA ·tanhClamp+8(SB)/4, $0x40fcf84f
DATA ·tanhClamp+12(SB)/4, $0x40fcf84f
DATA ·tanhClamp+16(SB)/4, $0x40fcf84f
DATA ·tanhClamp+20(SB)/4, $0x40fcf84f
DATA ·tanhClamp+24(SB)/4, $0x40fcf84f
DATA ·tanhClamp+28(SB)/4, $0x40fcf84f
GLOBL ·tanhClamp(SB), RODATA|NOPTR, $32

DATA ·tanhNegClamp+0(SB)/4, $0xc0fcf84f
DATA ·tanhNegClamp+4(SB)/4, $0xc0fcf84f
DATA ·tanhNegClamp+8(SB)/4, $0xc0fcf84f
DATA ·tanhNegClamp+12(SB)/4, $0xc0fcf84f
DATA ·tanhNegClamp+16(SB)/4, $0xc0fcf84f
DATA ·tanhNegClamp+20(SB)/4, $0xc0fcf84f
DATA ·tanhNegClamp+24(SB)/4, $0xc0fcf84f
DATA ·tanhNegClamp+28(SB)/4, $0xc0fcf84f
GLOBL ·tanhNegClamp(SB), RODATA|NOPTR, $32

DATA ·tanhSat+0(SB)/4, $0x41100000
DATA ·tanhSat+4(SB)/4, $0x41100000
DATA ·tanhSat+8(SB)/4, $0x41100000
DATA ·tanhSat+12(SB)/4, $0x41100000
DATA ·tanhSat+16(SB)/4, $0x41100000
DATA ·tanhSat+20(SB)/4, $0x41100000
DATA ·tanhSat+24(SB)/4, $0x41100000
DATA ·tanhSat+28(SB)/4, $0x41100000
GLOBL ·tanhSat(SB), RODATA|NOPTR, $32

DATA ·tanhOne+0(SB)/4, $0x3f800000
DATA ·tanhOne+4(SB)/4, $0x3f800000
DATA ·tanhOne+8(SB)/4, $0x3f800000
DATA ·tanhOne+12(SB)/4, $0x3f800000
DATA ·tanhOne+16(SB)/4, $0x3f800000
DATA ·tanhOne+20(SB)/4, $0x3f800000
DATA ·tanhOne+24(SB)/4, $0x3f800000
DATA ·tanhOne+28(SB)/4, $0x3f800000
GLOBL ·tanhOne(SB), RODATA|NOPTR, $32

DATA ·tanhHalf+0(SB)/4, $0x3f000000
DATA ·tanhHalf+4(SB)/4, $0x3f000000
DATA ·tanhHalf+8(SB)/4, $0x3f000000
DATA ·tanhHalf+12(SB)/4, $0x3f000000
DATA ·tanhHalf+16(SB)/4, $0x3f000000
DATA ·tanhHalf+20(SB)/4, $0x3f000000
DATA ·tanhHalf+24(SB)/4, $0x3f000000
DATA ·tanhHalf+28(SB)/4, $0x3f000000
GLOBL ·tanhHalf(SB), RODATA|NOPTR, $32

DATA ·absMask32+0(SB)/4, $0x7fffffff
DATA ·absMask32+4(SB)/4, $0x7fffffff
DATA ·absMask32+8(SB)/4, $0x7fffffff
DATA ·absMask32+12(SB)/4, $0x7fffffff
DATA ·absMask32+16(SB)/4, $0x7fffffff
DATA ·absMask32+20(SB)/4, $0x7fffffff
DATA ·absMask32+24(SB)/4, $0x7fffffff
DATA ·absMask32+28(SB)/4, $0x7fffffff
GLOBL ·absMask32(SB), RODATA|NOPTR, $32

DATA ·signMask32+0(SB)/4, $0x80000000
DATA ·signMask32+4(SB)/4, $0x80000000
DATA ·signMask32+8(SB)/4, $0x80000000
DATA ·signMask32+12(SB)/4, $0x80000000
DATA ·signMask32+16(SB)/4, $0x80000000
DATA ·signMask32+20(SB)/4, $0x80000000
DATA ·signMask32+24(SB)/4, $0x80000000
DATA ·signMask32+28(SB)/4, $0x80000000
GLOBL ·signMask32(SB), RODATA|NOPTR, $32
