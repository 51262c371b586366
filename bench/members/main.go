// Command members writes the forecasts of catalogue models at two
// validation origins of every series of a file, for choosing how the auto
// model combines its members: the outer origin holds out the last horizon
// (the validation split every benchmark scores), the inner one the
// horizon before it (what auto itself can see when fitted on the outer
// training part).
//
// Usage:
//
//	members -in FILE -h H -m M [-models ets,theta,arima,lstm] [-out members.csv] [-seed 1]
//
// Each row of the output is freq-independent:
// origin (outer or inner), model, id, step, actual, forecast, scale, where
// scale is the in-sample seasonal-naive MAE (MASE's denominator) of the
// training part and actual the held-out value.
package main

import (
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/tsforecast/tsforecast/csvio"
	"github.com/tsforecast/tsforecast/eval"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/models"
)

func main() {
	in := flag.String("in", "", "wide CSV file")
	h := flag.Int("h", 0, "horizon")
	m := flag.Int("m", 1, "seasonal period")
	names := flag.String("models", "ets,theta,arima,lstm", "models of the catalogue")
	out := flag.String("out", "members.csv", "output CSV")
	seed := flag.Uint64("seed", 1, "seed")
	freq := flag.String("freq", "", "frequency of the file (csvio Freq), for models that use calendar periods")
	flag.Parse()
	if err := run(*in, *h, *m, strings.Split(*names, ","), *out, *seed, *freq); err != nil {
		fmt.Fprintln(os.Stderr, "members:", err)
		os.Exit(1)
	}
}

func run(in string, h, m int, names []string, out string, seed uint64, freq string) error {
	ds, err := csvio.ReadFile(in, &csvio.LoadOptions{Freq: freq})
	if err != nil {
		return err
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	defer f.Close()
	w := csv.NewWriter(f)
	defer w.Flush()
	w.Write([]string{"origin", "model", "id", "step", "actual", "forecast", "scale"})
	for _, origin := range []struct {
		name string
		cut  int
	}{{"outer", h}, {"inner", 2 * h}} {
		var train []*forecast.Series
		var test [][]float64
		for _, s := range ds.Series {
			n := s.Len() - origin.cut
			if n < 1 {
				continue
			}
			train = append(train, s.Slice(0, n))
			test = append(test, s.Values[n:n+h])
		}
		for _, name := range names {
			e, err := models.Lookup(name)
			if err != nil {
				return err
			}
			t0 := time.Now()
			mf := e.Multi(&models.Settings{Season: m, Horizon: h, Seed: seed}, len(train))
			if err := mf.Fit(context.Background(), train); err != nil {
				return fmt.Errorf("%s %s: %w", origin.name, name, err)
			}
			for i, y := range test {
				fc, err := mf.PredictSeries(nil, i, h)
				if err != nil {
					return err
				}
				sc := eval.MASEScale(train[i].Values, m)
				for k := range y {
					w.Write([]string{origin.name, e.Name, train[i].ID, strconv.Itoa(k + 1),
						strconv.FormatFloat(y[k], 'g', -1, 64), strconv.FormatFloat(fc[k], 'g', -1, 64), strconv.FormatFloat(sc, 'g', -1, 64)})
				}
			}
			fmt.Fprintf(os.Stderr, "%s %s: %d series in %.1fs\n", origin.name, name, len(train), time.Since(t0).Seconds())
		}
	}
	return nil
}
