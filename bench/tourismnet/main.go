// Command tourismnet fits seq2one.Global to the tourism training files with
// the last horizon of every series held out (the validation split of
// bench/tourism), under configurations given as JSON, and prints the mean
// sMAPE and MASE, the wall time and, per ensemble member, the epoch
// training kept and the epochs it ran.
//
// Usage:
//
//	tourismnet [-data ../shared/data] [-freq monthly] [-seeds 1,2,3] [-v] 'name={"Hidden":32}' ...
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/tsforecast/tsforecast/csvio"
	"github.com/tsforecast/tsforecast/eval"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/seq2one"
)

type set struct {
	file string
	h, m int
}

var sets = map[string]set{
	"monthly":   {"Tourism-Monthly-train.csv", 24, 12},
	"quarterly": {"Tourism-Quarterly-train.csv", 8, 4},
	"yearly":    {"Tourism-Yearly-train.csv", 4, 1},
}

func main() {
	data := flag.String("data", filepath.Join("..", "shared", "data"), "directory of the tourism training files")
	freqs := flag.String("freq", "monthly", "comma-separated frequencies")
	seedList := flag.String("seeds", "1", "comma-separated seeds; the scores are averaged over them")
	verbose := flag.Bool("v", false, "print every epoch")
	flag.Parse()
	args := flag.Args()
	if len(args) == 0 {
		args = []string{"default={}"}
	}
	for _, f := range strings.Split(*freqs, ",") {
		st, ok := sets[f]
		if !ok {
			fmt.Fprintf(os.Stderr, "tourismnet: unknown frequency %q\n", f)
			os.Exit(2)
		}
		ds, err := csvio.ReadFile(filepath.Join(*data, st.file), nil)
		if err != nil {
			fmt.Fprintln(os.Stderr, "tourismnet:", err)
			os.Exit(1)
		}
		var train []*forecast.Series
		var test [][]float64
		for _, s := range ds.Series {
			n := s.Len()
			if n-st.h < 1 {
				continue
			}
			train = append(train, s.Slice(0, n-st.h))
			test = append(test, s.Values[n-st.h:])
		}
		for _, a := range args {
			name, js, ok := strings.Cut(a, "=")
			if !ok {
				fmt.Fprintf(os.Stderr, "tourismnet: argument %q is not name=JSON\n", a)
				os.Exit(2)
			}
			var sm, ms, wall float64
			var per []string
			seeds := strings.Split(*seedList, ",")
			for _, sd := range seeds {
				seed, err := strconv.ParseUint(strings.TrimSpace(sd), 10, 64)
				if err != nil {
					fmt.Fprintln(os.Stderr, "tourismnet: seed:", err)
					os.Exit(2)
				}
				cfg := seq2one.Config{Season: st.m, Horizon: st.h, Seed: seed}
				if err := json.Unmarshal([]byte(js), &cfg); err != nil {
					fmt.Fprintf(os.Stderr, "tourismnet: %s: %v\n", name, err)
					os.Exit(2)
				}
				a, b, w, err := run(f, fmt.Sprintf("%s seed %d", name, seed), cfg, train, test, st, *verbose)
				if err != nil {
					fmt.Fprintln(os.Stderr, "tourismnet:", err)
					os.Exit(1)
				}
				k := float64(len(seeds))
				sm += a / k
				ms += b / k
				wall += w / k
				per = append(per, fmt.Sprintf("%.3f/%.3f", a, b))
			}
			if len(seeds) > 1 {
				fmt.Printf("%-9s %-24s MEAN sMAPE %.3f MASE %.3f  %.1fs  seeds %s\n", f, name, sm, ms, wall, strings.Join(per, " "))
			}
		}
	}
}

func run(freq, name string, cfg seq2one.Config, train []*forecast.Series, test [][]float64, st set, verbose bool) (smape, mase, wall float64, err error) {
	t0 := time.Now()
	g := seq2one.NewGlobal(&cfg)
	if err := g.Fit(context.Background(), train); err != nil {
		return 0, 0, 0, err
	}
	wall = time.Since(t0).Seconds()
	for i, y := range test {
		fc, err := g.PredictSeries(nil, i, st.h)
		if err != nil {
			return 0, 0, 0, err
		}
		smape += eval.SMAPE(y, fc) / float64(len(test))
		mase += eval.MASE(y, fc, train[i].Values, st.m) / float64(len(test))
	}
	kept, ran := map[int]int{}, map[int]int{}
	for _, e := range g.History() {
		if verbose {
			fmt.Printf("    member %d epoch %d train %.4f val %.4f lr %.5f best %v averaged %v\n", e.Member, e.Epoch, e.TrainLoss, e.ValLoss, e.LearningRate, e.Best, e.Averaged)
		}
		ran[e.Member] = e.Epoch
		if e.Best {
			kept[e.Member] = e.Epoch
		}
	}
	var ks []string
	for k := 0; k < len(ran); k++ {
		ks = append(ks, fmt.Sprintf("%d/%d", kept[k], ran[k]))
	}
	fmt.Printf("%-9s %-24s sMAPE %.3f MASE %.3f  %.1fs  kept/ran %s\n", freq, name, smape, mase, wall, strings.Join(ks, " "))
	return smape, mase, wall, nil
}
