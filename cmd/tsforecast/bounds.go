package main

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/tsforecast/tsforecast/seq2one"
	"github.com/urfave/cli/v2"
)

// intRange is the range of values an integer flag accepts.
type intRange struct{ min, max int }

// intBounds are the ranges of the integer flags, the one place each bound
// is written. They are generous for any real series yet small enough that
// no value makes a command allocate without limit, overflow an int or
// loop for ages before it can fail: 100,000 steps is 69 days of minutely
// data, and a window or season that long is already beyond what the
// models can use.
var intBounds = map[string]intRange{
	"horizon":    {1, 100_000},
	"season":     {0, 100_000},
	"window":     {0, seq2one.MaxWindow},
	"epochs":     {0, 100_000},
	"hidden":     {0, seq2one.MaxHidden},
	"origins":    {1, 10_000},
	"step":       {0, 1_000_000},
	"refit":      {0, 10_000},
	"max-period": {0, 100_000},
}

// Bounds of --level, in percent: a level below levelMin is taken for a
// fraction (0.8 for 80).
const (
	levelMin = 1
	levelMax = 100 // excluded
)

// intFlag is an integer flag named name with the bounds of intBounds (from
// 0 when zeroOK: 0 then means the command's default). Its value is read in
// base 10 only, on the command line and from its environment variable
// alike: "012" is 12, and "0x10", "1_0" and "1e3" are usage errors, where
// Go's flag package would read 16, 10 and 10 (urfave/cli's Base field
// applies only to environment variables).
func intFlag(name, usage string, def int, zeroOK bool) cli.Flag {
	r, ok := intBounds[name]
	if !ok {
		panic("tsforecast: no bounds for --" + name)
	}
	if zeroOK {
		r.min = 0
	}
	return &cli.GenericFlag{Name: name, EnvVars: env(envName(name)), Usage: usage,
		Value: &intValue{v: def, r: r}}
}

// seedFlag is --seed, any uint64 read in base 10.
func seedFlag() cli.Flag {
	return &cli.GenericFlag{Name: "seed", EnvVars: env("SEED"), Value: &uintValue{v: 1},
		Usage: "random seed: the same data, flags and seed give the same forecast"}
}

// envName is the environment variable suffix of the flag name.
func envName(name string) string {
	b := []byte(name)
	for i, c := range b {
		switch {
		case c == '-':
			b[i] = '_'
		case 'a' <= c && c <= 'z':
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

// intValue is the flag.Value of an intFlag.
type intValue struct {
	v int
	r intRange
}

func (iv *intValue) String() string { return strconv.Itoa(iv.v) }

// Set parses s in base 10 and checks it against the flag's range. Its
// error is the end of the usage message: "invalid --horizon "0x10": " and
// then it.
func (iv *intValue) Set(s string) error {
	v, err := strconv.ParseInt(s, 10, 64) // no 0x, 0o, 0b or _ in base 10
	want := fmt.Sprintf("want a whole number from %d to %d", iv.r.min, iv.r.max)
	if err != nil || v < int64(iv.r.min) || v > int64(iv.r.max) {
		return errors.New(want)
	}
	iv.v = int(v)
	return nil
}

// uintValue is the flag.Value of seedFlag.
type uintValue struct{ v uint64 }

func (uv *uintValue) String() string { return strconv.FormatUint(uv.v, 10) }

func (uv *uintValue) Set(s string) error {
	v, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return errors.New("want a whole number from 0 to 18446744073709551615")
	}
	uv.v = v
	return nil
}
