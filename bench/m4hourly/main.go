// Command m4hourly makes the M4 Hourly hold-out split, fits the global
// seq2one model or scores a forecast file, and prints the scores beside
// seasonal naive and Holt-Winters from package eval on the same split.
//
// Usage:
//
//	m4hourly split -in Hourly-train.csv -dir DIR [-h 48] [-drop 0]
//	m4hourly lib   -dir DIR [-seed 1]                  # library fit + score
//	m4hourly score -dir DIR -fc fc.csv [-wall 93.1s]   # score a CLI forecast
//
// split writes DIR/train.csv (each series without its last drop+h values)
// and DIR/test.csv (the h values after that) in the wide M4 layout. With
// -drop 48 the test part is the 48 values before the real hold-out, a
// validation split for tuning that never touches the last 48. bench/m4hourly.sh
// drives it.
package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"time"

	"github.com/tsforecast/tsforecast/csvio"
	"github.com/tsforecast/tsforecast/eval"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/models"
	"github.com/tsforecast/tsforecast/seq2one"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: m4hourly split|lib|score [flags]")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "split":
		err = split(os.Args[2:])
	case "lib":
		err = lib(os.Args[2:])
	case "score":
		err = score(os.Args[2:])
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "m4hourly:", err)
		os.Exit(1)
	}
}

func split(args []string) error {
	fs := flag.NewFlagSet("split", flag.ExitOnError)
	in := fs.String("in", "", "M4 wide file")
	dir := fs.String("dir", "", "output directory")
	h := fs.Int("h", 48, "test horizon")
	drop := fs.Int("drop", 0, "values dropped from the end before splitting (48 = validation split)")
	fs.Parse(args)
	ds, err := csvio.ReadFile(*in, nil)
	if err != nil {
		return err
	}
	var train, test [][]string
	for _, s := range ds.Series {
		n := len(s.Values) - *drop
		if n-*h < 2 {
			return fmt.Errorf("series %s too short", s.ID)
		}
		train = append(train, row(s.ID, s.Values[:n-*h]))
		test = append(test, row(s.ID, s.Values[n-*h:n]))
	}
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		return err
	}
	if err := writeWide(filepath.Join(*dir, "train.csv"), train); err != nil {
		return err
	}
	return writeWide(filepath.Join(*dir, "test.csv"), test)
}

func row(id string, v []float64) []string {
	r := []string{id}
	for _, x := range v {
		r = append(r, strconv.FormatFloat(x, 'g', -1, 64))
	}
	return r
}

// writeWide writes rows in the ragged M4 layout: a header V1..Vk, then one
// row per series padded with empty fields.
func writeWide(path string, rows [][]string) error {
	k := 0
	for _, r := range rows {
		k = max(k, len(r))
	}
	return forecast.WriteFileAtomic(path, func(w io.Writer) error {
		cw := csv.NewWriter(w)
		hdr := make([]string, k)
		for i := range hdr {
			hdr[i] = "V" + strconv.Itoa(i+1)
		}
		cw.Write(hdr)
		for _, r := range rows {
			cw.Write(append(r, make([]string, k-len(r))...))
		}
		cw.Flush()
		return cw.Error()
	})
}

func load(dir string) (train, test []*forecast.Series, err error) {
	tr, err := csvio.ReadFile(filepath.Join(dir, "train.csv"), nil)
	if err != nil {
		return nil, nil, err
	}
	te, err := csvio.ReadFile(filepath.Join(dir, "test.csv"), nil)
	if err != nil {
		return nil, nil, err
	}
	if len(tr.Series) != len(te.Series) {
		return nil, nil, errors.New("train and test have different series")
	}
	for i := range tr.Series {
		if tr.Series[i].ID != te.Series[i].ID {
			return nil, nil, fmt.Errorf("series %d: train %s, test %s", i, tr.Series[i].ID, te.Series[i].ID)
		}
	}
	return tr.Series, te.Series, nil
}

// scores returns mean sMAPE and MASE (m = 24) of fc against test.
func scores(train, test []*forecast.Series, fc [][]float64) (smape, mase float64) {
	for i, s := range test {
		smape += eval.SMAPE(s.Values, fc[i])
		mase += eval.MASE(s.Values, fc[i], train[i].Values, 24)
	}
	n := float64(len(test))
	return smape / n, mase / n
}

// baseline forecasts every series with a fresh model from mk, in parallel.
func baseline(train []*forecast.Series, h int, mk func() forecast.Forecaster) ([][]float64, error) {
	fc := make([][]float64, len(train))
	errs := make([]error, len(train))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				m := mk()
				if errs[i] = m.Fit(context.Background(), train[i]); errs[i] == nil {
					fc[i], errs[i] = m.Predict(nil, h)
				}
			}
		}()
	}
	for i := range train {
		next <- i
	}
	close(next)
	wg.Wait()
	return fc, errors.Join(errs...)
}

func printBaselines(train, test []*forecast.Series) error {
	h := len(test[0].Values)
	for _, b := range []struct {
		name string
		mk   func() forecast.Forecaster
	}{
		{"seasonal naive (models.SeasonalNaive, m=24)", func() forecast.Forecaster { return &models.SeasonalNaive{Period: 24} }},
		{"Holt-Winters additive (models.HoltWinters, m=24)", func() forecast.Forecaster { return &models.HoltWinters{Period: 24} }},
	} {
		t0 := time.Now()
		fc, err := baseline(train, h, b.mk)
		if err != nil {
			return err
		}
		s, m := scores(train, test, fc)
		fmt.Printf("%-48s sMAPE %7.3f  MASE %6.3f  (%.1fs)\n", b.name, s, m, time.Since(t0).Seconds())
	}
	return nil
}

func lib(args []string) error {
	fs := flag.NewFlagSet("lib", flag.ExitOnError)
	dir := fs.String("dir", "", "split directory")
	seed := fs.Uint64("seed", 1, "seed")
	hidden := fs.Int("hidden", 0, "hidden size (0 = default)")
	ens := fs.Int("ensemble", 0, "ensemble members (0 = default)")
	win := fs.Int("window", 0, "window (0 = default)")
	maxw := fs.Int("maxwindows", 0, "windows per epoch (0 = default)")
	epochs := fs.Int("epochs", 0, "epochs (0 = default)")
	lr := fs.Float64("lr", 0, "learning rate (0 = default)")
	seas := fs.String("seasonal", "auto", "seasonal indices: auto, on, off")
	base := fs.Bool("baselines", false, "print baselines too")
	verbose := fs.Bool("v", false, "print epochs")
	fs.Parse(args)
	train, test, err := load(*dir)
	if err != nil {
		return err
	}
	h := len(test[0].Values)
	cfg := &seq2one.Config{Seed: *seed, Hidden: *hidden, Ensemble: *ens, Window: *win,
		MaxWindows: *maxw, Epochs: *epochs, LearningRate: *lr, Horizon: h, Season: 24}
	switch *seas {
	case "on":
		cfg.SeasonalNorm = seq2one.On
	case "off":
		cfg.SeasonalNorm = seq2one.Off
	}
	if *verbose {
		cfg.Callback = func(st seq2one.EpochStats) {
			fmt.Fprintf(os.Stderr, "member %d epoch %2d train %.4f val %.4f lr %.5f %v%s\n", st.Member, st.Epoch, st.TrainLoss, st.ValLoss, st.LearningRate, st.Elapsed.Round(time.Millisecond), map[bool]string{true: " *"}[st.Best])
		}
	}
	t0 := time.Now()
	g := seq2one.NewGlobal(cfg)
	if err := g.Fit(context.Background(), train); err != nil {
		return err
	}
	fc, err := g.Predict(nil, h)
	if err != nil {
		return err
	}
	wall := time.Since(t0)
	s, m := scores(train, test, fc)
	c := g.Config()
	fmt.Printf("global seq2one (library; hidden %d, window %d, ensemble %d, seed %d) sMAPE %7.3f  MASE %6.3f  (%.1fs)\n", c.Hidden, g.Window(), c.Ensemble, c.Seed, s, m, wall.Seconds())
	if *base {
		return printBaselines(train, test)
	}
	return nil
}

func score(args []string) error {
	fs := flag.NewFlagSet("score", flag.ExitOnError)
	dir := fs.String("dir", "", "split directory")
	fcPath := fs.String("fc", "", "forecast CSV written by tsforecast forecast")
	wall := fs.String("wall", "", "time of the forecast command (wall, and CPU when measured), printed beside the scores")
	fs.Parse(args)
	train, test, err := load(*dir)
	if err != nil {
		return err
	}
	fc, err := readForecasts(*fcPath, train, len(test[0].Values))
	if err != nil {
		return err
	}
	s, m := scores(train, test, fc)
	fmt.Printf("%-48s sMAPE %7.3f  MASE %6.3f  (%s)\n", "tsforecast forecast (the default model)", s, m, *wall)
	return printBaselines(train, test)
}

// readForecasts reads the forecast file of the CLI: either the wide layout
// (id, then one column per step) that a wide input gets, or a long CSV
// whose first column is the series id and whose column named "forecast"
// holds the point forecasts in order of steps.
func readForecasts(path string, train []*forecast.Series, h int) ([][]float64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReader(f))
	r.FieldsPerRecord = -1
	hdr, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	col := -1
	for i, c := range hdr {
		if c == "forecast" {
			col = i
		}
	}
	byID := map[string][]float64{}
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		cells := rec[1:]
		if col >= 0 {
			cells = rec[col : col+1]
		}
		for _, c := range cells {
			if c == "" {
				continue
			}
			v, err := strconv.ParseFloat(c, 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("%s: line %d: bad forecast %q", path, line, c)
			}
			byID[rec[0]] = append(byID[rec[0]], v)
		}
	}
	fc := make([][]float64, len(train))
	for i, s := range train {
		fc[i] = byID[s.ID]
		if len(fc[i]) != h {
			return nil, fmt.Errorf("%s: series %s has %d forecasts, want %d", path, s.ID, len(fc[i]), h)
		}
	}
	return fc, nil
}
