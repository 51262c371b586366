// Command airline runs the airline-passengers protocol of seq2one's tests
// (walk-forward, origins 108, 120 and 132, horizon 12, expanding window, a
// refit per origin, mean RMSE over the three folds) for the single-series
// seq2one.Model under configurations given as JSON, over several seeds, and
// prints each seed's mean RMSE, the folds and the epochs the ensemble
// members kept (epoch 0: the untrained network, which forecasts the
// baseline).
//
// Usage:
//
//	airline [-seeds 1,2,3,4,5] [-par 2] [-v] 'name={"Epochs":5}' ...
//
// Each argument is name=JSON of a seq2one.Config (an empty JSON object is
// the default model). Seeds run in parallel (-par), each fit on one worker:
// results do not depend on the number of workers.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tsforecast/tsforecast/csvio"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/models"
	"github.com/tsforecast/tsforecast/seq2one"
)

func main() {
	data := flag.String("data", filepath.Join("examples", "data", "airline-passengers.csv"), "airline passengers CSV")
	seedList := flag.String("seeds", "1,2,3,4,5", "comma-separated seeds")
	par := flag.Int("par", 2, "seeds run at once")
	verbose := flag.Bool("v", false, "print the folds and kept epochs of every seed")
	refs := flag.String("ref", "", "comma-separated catalogue models to score first (e.g. hw,ets,snaive)")
	flag.Parse()
	ds, err := csvio.ReadFile(*data, nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, "airline:", err)
		os.Exit(1)
	}
	s := ds.Series[0]
	if *refs != "" {
		for _, name := range strings.Split(*refs, ",") {
			if err := reference(s, name); err != nil {
				fmt.Fprintln(os.Stderr, "airline:", err)
				os.Exit(1)
			}
		}
	}
	var seeds []uint64
	for _, f := range strings.Split(*seedList, ",") {
		v, err := strconv.ParseUint(strings.TrimSpace(f), 10, 64)
		if err != nil {
			fmt.Fprintln(os.Stderr, "airline: seed:", err)
			os.Exit(2)
		}
		seeds = append(seeds, v)
	}
	args := flag.Args()
	if len(args) == 0 {
		args = []string{"default={}"}
	}
	for _, a := range args {
		name, js, ok := strings.Cut(a, "=")
		if !ok {
			fmt.Fprintf(os.Stderr, "airline: argument %q is not name=JSON\n", a)
			os.Exit(2)
		}
		var cfg seq2one.Config
		if err := json.Unmarshal([]byte(js), &cfg); err != nil {
			fmt.Fprintf(os.Stderr, "airline: %s: %v\n", name, err)
			os.Exit(2)
		}
		run(s, name, cfg, seeds, *par, *verbose)
	}
}

type result struct {
	mean  float64
	folds []float64
	kept  []int // kept epoch of every member of every fold
	ran   []int // epochs run
	err   error
}

func run(s *forecast.Series, name string, cfg seq2one.Config, seeds []uint64, par int, verbose bool) {
	t0 := time.Now()
	res := make([]result, len(seeds))
	sem := make(chan struct{}, par)
	var wg sync.WaitGroup
	for i, seed := range seeds {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			c := cfg
			c.Seed = seed
			c.Workers = 1
			res[i] = protocol(s, c)
		}()
	}
	wg.Wait()
	var mean float64
	var kept0, kept1, members int
	var parts []string
	for i, r := range res {
		if r.err != nil {
			fmt.Printf("%s seed %d: %v\n", name, seeds[i], r.err)
			return
		}
		mean += r.mean / float64(len(res))
		parts = append(parts, fmt.Sprintf("%.2f", r.mean))
		for _, k := range r.kept {
			members++
			switch k {
			case 0:
				kept0++
			case 1:
				kept1++
			}
		}
	}
	fmt.Printf("%-28s mean %.2f  seeds %s  kept epoch 0: %d, 1: %d of %d members  (%.1fs)\n", name, mean, strings.Join(parts, " "), kept0, kept1, members, time.Since(t0).Seconds())
	if verbose {
		for i, r := range res {
			fmt.Printf("    seed %d: folds %.2f kept %v ran %v\n", seeds[i], r.folds, r.kept, r.ran)
		}
	}
}

// reference scores the catalogue model name on the protocol.
func reference(s *forecast.Series, name string) error {
	e, err := models.Lookup(name)
	if err != nil {
		return err
	}
	var folds []float64
	var mean float64
	for _, o := range []int{108, 120, 132} {
		f := e.Forecaster(&models.Settings{Season: 12, Seed: 1})
		if err := f.Fit(context.Background(), s.Head(o)); err != nil {
			return err
		}
		fc, err := f.Predict(nil, 12)
		if err != nil {
			return err
		}
		r := rmse(fc, s.Values[o:o+12])
		folds = append(folds, r)
		mean += r / 3
	}
	fmt.Printf("%-28s mean %.2f  folds %.2f\n", name, mean, folds)
	return nil
}

func rmse(fc, y []float64) float64 {
	var ss float64
	for i, v := range fc {
		d := v - y[i]
		ss += d * d
	}
	return math.Sqrt(ss / float64(len(fc)))
}

func protocol(s *forecast.Series, cfg seq2one.Config) result {
	var r result
	for _, o := range []int{108, 120, 132} {
		m := seq2one.New(&cfg)
		if err := m.Fit(context.Background(), s.Head(o)); err != nil {
			r.err = err
			return r
		}
		fc, err := m.Predict(nil, 12)
		if err != nil {
			r.err = err
			return r
		}
		f := rmse(fc, s.Values[o:o+12])
		r.folds = append(r.folds, f)
		r.mean += f / 3
		kept, ran := map[int]int{}, map[int]int{}
		for _, st := range m.History() {
			ran[st.Member] = st.Epoch
			if st.Best {
				kept[st.Member] = st.Epoch
			}
		}
		for k := 0; k < len(ran); k++ {
			r.kept = append(r.kept, kept[k])
			r.ran = append(r.ran, ran[k])
		}
	}
	return r
}
