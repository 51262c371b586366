// Command tourism scores models of the catalogue on the training files of
// the tourism forecasting competition (Athanasopoulos, Hyndman, Song & Wu,
// IJF 27(3), 2011), holding out the last horizon of every series: 24
// months, 8 quarters or 4 years. Only the training parts are used; the
// held-out values are the last ones of each training series, a validation
// split on which settings may be chosen.
//
// Usage:
//
//	tourism [-data ../shared/data] [-freq monthly,quarterly,yearly] [-models ets,theta,arima,snaive,naive2] [-seed 1] [-drop 0]
//
// For each frequency it prints a markdown table: mean sMAPE and MASE over
// the series (the M4 definitions; MASE scaled by the in-sample seasonal
// naive error of the training part), OWA against naive2, the number of
// series a fallback forecast, and the wall time of fitting and
// forecasting every series (the same models.Entry.Multi the command line
// runs). -drop d removes d more values from the end first, for a second,
// earlier validation split.
package main

import (
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/tsforecast/tsforecast/csvio"
	"github.com/tsforecast/tsforecast/eval"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/models"
)

// set is one of the three tourism files.
type set struct {
	name, file string
	h, m       int
}

var sets = []set{
	{"monthly", "Tourism-Monthly-train.csv", 24, 12},
	{"quarterly", "Tourism-Quarterly-train.csv", 8, 4},
	{"yearly", "Tourism-Yearly-train.csv", 4, 1},
}

func main() {
	data := flag.String("data", filepath.Join("..", "shared", "data"), "directory of the tourism training files")
	freqs := flag.String("freq", "monthly,quarterly,yearly", "comma-separated frequencies")
	names := flag.String("models", "ets,theta,snaive,naive2", "comma-separated models of the catalogue")
	seed := flag.Uint64("seed", 1, "seed of the models")
	drop := flag.Int("drop", 0, "values removed from the end of each series before the split")
	describe := flag.String("describe", "", "write freq,model,id,fitted for every series to this CSV file")
	flag.Parse()
	if *describe != "" {
		f, err := os.Create(*describe)
		if err != nil {
			fmt.Fprintln(os.Stderr, "tourism:", err)
			os.Exit(1)
		}
		defer f.Close()
		describeTo = csv.NewWriter(f)
		describeTo.Write([]string{"freq", "model", "id", "fitted"})
		defer describeTo.Flush()
	}
	if err := run(*data, strings.Split(*freqs, ","), strings.Split(*names, ","), *seed, *drop); err != nil {
		fmt.Fprintln(os.Stderr, "tourism:", err)
		os.Exit(1)
	}
}

func run(data string, freqs, names []string, seed uint64, drop int) error {
	fmt.Printf("tourism validation split: the last horizon of each training series held out (drop %d); %d cores; go %s\n",
		drop, runtime.GOMAXPROCS(0), runtime.Version())
	for _, f := range freqs {
		var st *set
		for i := range sets {
			if sets[i].name == f {
				st = &sets[i]
			}
		}
		if st == nil {
			return fmt.Errorf("unknown frequency %q", f)
		}
		if err := score(data, st, names, seed, drop); err != nil {
			return err
		}
	}
	return nil
}

// split returns each series without its last drop+h values (train) and
// the h values after those (test); series too short to keep a value are
// left out.
func split(series []*forecast.Series, h, drop int) (train []*forecast.Series, test [][]float64) {
	for _, s := range series {
		n := s.Len() - drop
		if n-h < 1 {
			continue
		}
		train = append(train, s.Slice(0, n-h))
		test = append(test, s.Values[n-h:n])
	}
	return train, test
}

// describeTo, when set, receives what each series' model became.
var describeTo *csv.Writer

type row struct {
	model              string
	smape, mase, owa   float64
	fellBack, failures int
	wall               time.Duration
}

func score(data string, st *set, names []string, seed uint64, drop int) error {
	ds, err := csvio.ReadFile(filepath.Join(data, st.file), nil)
	if err != nil {
		return err
	}
	train, test := split(ds.Series, st.h, drop)
	fmt.Printf("\n%s: %d series, horizon %d, season %d\n\n", st.name, len(train), st.h, st.m)
	var rows []row
	for _, name := range names {
		e, err := models.Lookup(strings.TrimSpace(name))
		if err != nil {
			return err
		}
		s := &models.Settings{Season: st.m, Horizon: st.h, Seed: seed}
		mf := e.Multi(s, len(train))
		t0 := time.Now()
		if err := mf.Fit(context.Background(), train); err != nil {
			return fmt.Errorf("%s %s: %w", st.name, e.Name, err)
		}
		r := row{model: e.Name}
		var smape, mase float64
		for i, y := range test {
			fc, err := mf.PredictSeries(nil, i, st.h)
			if err != nil {
				return fmt.Errorf("%s %s: series %s: %w", st.name, e.Name, train[i].ID, err)
			}
			smape += eval.SMAPE(y, fc)
			mase += eval.MASE(y, fc, train[i].Values, st.m)
			if d, ok := mf.(interface {
				DescribeSeries(int) (string, string)
			}); ok {
				desc, why := d.DescribeSeries(i)
				if why != "" {
					r.fellBack++
				}
				if describeTo != nil {
					describeTo.Write([]string{st.name, e.Name, train[i].ID, desc})
				}
			}
		}
		r.wall = time.Since(t0)
		r.smape, r.mase = smape/float64(len(test)), mase/float64(len(test))
		rows = append(rows, r)
	}
	var ref *row
	for i := range rows {
		if rows[i].model == models.Reference {
			ref = &rows[i]
		}
	}
	fmt.Println("| model | sMAPE | MASE | OWA | fell back | wall s |")
	fmt.Println("|---|---:|---:|---:|---:|---:|")
	for _, r := range rows {
		owa := "—"
		if ref != nil {
			owa = fmt.Sprintf("%.3f", eval.OWA(r.smape, r.mase, ref.smape, ref.mase))
		}
		fmt.Printf("| %s | %.3f | %.3f | %s | %d | %.1f |\n", r.model, r.smape, r.mase, owa, r.fellBack, r.wall.Seconds())
	}
	return nil
}
