// Command tourismlocal fits one single-series seq2one.Model per series to a
// subset of a tourism training file (every k-th series) with the last
// horizon of each series held out, the validation split of bench/tourism,
// and prints the mean sMAPE and MASE. A series the model cannot fit is
// forecast by its last value and counted.
//
// Usage:
//
//	tourismlocal [-data ../shared/data] [-freq monthly] [-every 6] [-cfg '{"Loss":2}']
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/tsforecast/tsforecast/csvio"
	"github.com/tsforecast/tsforecast/eval"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/seq2one"
)

var sets = map[string]struct {
	file string
	h, m int
}{
	"monthly":   {"Tourism-Monthly-train.csv", 24, 12},
	"quarterly": {"Tourism-Quarterly-train.csv", 8, 4},
	"yearly":    {"Tourism-Yearly-train.csv", 4, 1},
}

func main() {
	data := flag.String("data", filepath.Join("..", "shared", "data"), "directory of the tourism training files")
	freq := flag.String("freq", "monthly", "monthly, quarterly or yearly")
	every := flag.Int("every", 6, "use every k-th series")
	js := flag.String("cfg", "{}", "seq2one.Config as JSON (Seed 1, Season and Workers 1 are set)")
	par := flag.Int("par", 2, "series fitted at once")
	flag.Parse()
	st, ok := sets[*freq]
	if !ok {
		fmt.Fprintf(os.Stderr, "tourismlocal: unknown frequency %q\n", *freq)
		os.Exit(2)
	}
	var cfg seq2one.Config
	if err := json.Unmarshal([]byte(*js), &cfg); err != nil {
		fmt.Fprintln(os.Stderr, "tourismlocal: -cfg:", err)
		os.Exit(2)
	}
	cfg.Seed, cfg.Season, cfg.Workers = 1, st.m, 1
	ds, err := csvio.ReadFile(filepath.Join(*data, st.file), nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, "tourismlocal:", err)
		os.Exit(1)
	}
	var train []*forecast.Series
	var test [][]float64
	for i, s := range ds.Series {
		if i%*every != 0 || s.Len()-st.h < 1 {
			continue
		}
		n := s.Len()
		train = append(train, s.Slice(0, n-st.h))
		test = append(test, s.Values[n-st.h:])
	}
	t0 := time.Now()
	smape := make([]float64, len(train))
	mase := make([]float64, len(train))
	failed := make([]bool, len(train))
	var wg sync.WaitGroup
	sem := make(chan struct{}, *par)
	for i := range train {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			c := cfg
			m := seq2one.New(&c)
			var fc []float64
			err := m.Fit(context.Background(), train[i])
			if err == nil {
				fc, err = m.Predict(nil, st.h)
			}
			if err != nil {
				failed[i] = true
				fc = make([]float64, st.h)
				last := train[i].Values[train[i].Len()-1]
				for k := range fc {
					fc[k] = last
				}
			}
			smape[i] = eval.SMAPE(test[i], fc)
			mase[i] = eval.MASE(test[i], fc, train[i].Values, st.m)
		}()
	}
	wg.Wait()
	var s, m float64
	nf := 0
	for i := range smape {
		s += smape[i] / float64(len(smape))
		m += mase[i] / float64(len(mase))
		if failed[i] {
			nf++
		}
	}
	fmt.Printf("%s %s: %d series, sMAPE %.3f MASE %.3f, %d by their last value, %.1fs\n", *freq, *js, len(train), s, m, nf, time.Since(t0).Seconds())
}
