//go:build ignore

// Synth writes a wide (M4-like) CSV of synthetic hourly series for the
// scale runs of scripts/scale.sh: series i has length -len minus up to a
// day, a level drawn log-uniformly from 10 to 10,000, a daily season of
// random amplitude and phase, a small trend and Gaussian noise, from a PCG
// seeded by -seed.
//
//	go run scripts/synth.go -n 50000 -len 120 -out /tmp/synth-50k.csv
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
)

func main() {
	n := flag.Int("n", 1000, "number of series")
	length := flag.Int("len", 120, "longest series")
	seed := flag.Uint64("seed", 1, "random seed")
	out := flag.String("out", "", "output file (required)")
	flag.Parse()
	if *out == "" {
		log.Fatal("synth: set -out")
	}
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	r := rand.New(rand.NewPCG(*seed, 2))
	for j := 1; j <= *length+1; j++ {
		if j > 1 {
			w.WriteByte(',')
		}
		fmt.Fprintf(w, "V%d", j)
	}
	w.WriteByte('\n')
	buf := make([]byte, 0, 32)
	for i := range *n {
		L := *length - r.IntN(25)
		level := math.Exp(math.Log(10) + r.Float64()*math.Log(1000))
		amp := level * (0.05 + 0.4*r.Float64())
		phase := r.Float64() * 2 * math.Pi
		trend := level * 0.002 * r.NormFloat64()
		fmt.Fprintf(w, "S%d", i+1)
		for t := range *length {
			w.WriteByte(',')
			if t >= L {
				continue
			}
			v := level + trend*float64(t) + amp*math.Sin(2*math.Pi*float64(t)/24+phase) + 0.05*level*r.NormFloat64()
			buf = strconv.AppendFloat(buf[:0], math.Max(v, 0), 'f', 2, 64)
			w.Write(buf)
		}
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}
