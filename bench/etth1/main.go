// Command etth1 scores models of the catalogue on the ETTh1 oil
// temperature (OT) in the protocol of the long-horizon forecasting
// literature (Zhou et al., Informer, AAAI 2021; Zeng et al., DLinear, AAAI
// 2023; Nie et al., PatchTST, ICLR 2023): the first 12 months (8,640
// hours) train, the next 4 months (2,880) validate, the 4 after (2,880)
// test; every hour of a split whose next H hours lie in it is an origin;
// errors are on the target z-normalised with the training part's mean and
// standard deviation; MSE and MAE are means over origins and steps.
//
// Usage:
//
//	etth1 [-data ../shared/data] [-horizons 96,192,336,720] [-modes S,MS] [-models linear,snaive,naive] [-calendar] [-window 0]
//
// Mode S forecasts OT from its own history; MS adds the other six columns
// as past covariates. -calendar adds the hour-of-day and day-of-week
// covariates (forecast.AddCalendar), known in advance. Each model is
// fitted once on the training months for each horizon (its own settings
// chosen on the last windows of those months) and then conditioned on
// the growing history at every origin (forecast.Updater) without
// refitting. The validation columns are for choosing settings; the test
// columns are reported.
package main

import (
	"context"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/tsforecast/tsforecast/csvio"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/models"
)

// The borders of the splits, in hours (12, 4 and 4 months of 30 days).
const (
	trainEnd = 12 * 30 * 24
	valEnd   = trainEnd + 4*30*24
	testEnd  = valEnd + 4*30*24
)

func main() {
	data := flag.String("data", filepath.Join("..", "shared", "data"), "directory of ETTh1.csv")
	horizons := flag.String("horizons", "96,192,336,720", "comma-separated horizons")
	modes := flag.String("modes", "S,MS", "S (OT alone) and/or MS (OT with the other columns as past covariates)")
	names := flag.String("models", "linear,snaive,naive", "comma-separated models of the catalogue")
	calendar := flag.Bool("calendar", false, "add calendar covariates known in advance")
	window := flag.Int("window", 0, "input window of the models (0: their own choice)")
	flag.Parse()
	if err := run(*data, *horizons, *modes, *names, *calendar, *window); err != nil {
		fmt.Fprintln(os.Stderr, "etth1:", err)
		os.Exit(1)
	}
}

func run(data, horizons, modes, names string, calendar bool, window int) error {
	fmt.Printf("ETTh1 OT, train/val/test %d/%d/%d hours, calendar covariates %v, window %d; %d cores; go %s\n\n",
		trainEnd, valEnd-trainEnd, testEnd-valEnd, calendar, window, runtime.GOMAXPROCS(0), runtime.Version())
	fmt.Println("| mode | horizon | model | val MSE | val MAE | test MSE | test MAE | fit s | forecast s | fitted |")
	fmt.Println("|---|---:|---|---:|---:|---:|---:|---:|---:|---|")
	for _, mode := range strings.Split(modes, ",") {
		opt := &csvio.LoadOptions{Target: "OT"}
		switch mode {
		case "S":
		case "MS":
			opt.AllCovariates = true
		default:
			return fmt.Errorf("unknown mode %q (want S or MS)", mode)
		}
		ds, err := csvio.ReadFile(filepath.Join(data, "ETTh1.csv"), opt)
		if err != nil {
			return err
		}
		full := ds.Series[0]
		if full.Len() < testEnd {
			return fmt.Errorf("ETTh1.csv has %d rows, want at least %d", full.Len(), testEnd)
		}
		full = full.Slice(0, testEnd)
		sd := trainSD(full.Values[:trainEnd])
		for _, hs := range strings.Split(horizons, ",") {
			h, err := strconv.Atoi(strings.TrimSpace(hs))
			if err != nil || h < 1 {
				return fmt.Errorf("bad horizon %q", hs)
			}
			s := full
			if calendar {
				s = full.Slice(0, full.Len())
				s.Covariates = append([]forecast.Covariate(nil), full.Covariates...)
				if err := forecast.AddCalendar(s, h, nil); err != nil {
					return err
				}
			}
			for _, name := range strings.Split(names, ",") {
				if err := score(s, mode, h, strings.TrimSpace(name), sd, window); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func score(s *forecast.Series, mode string, h int, name string, sd float64, window int) error {
	e, err := models.Lookup(name)
	if err != nil {
		return err
	}
	f := e.Forecaster(&models.Settings{Season: 24, Horizon: h, Window: window, Workers: runtime.GOMAXPROCS(0)})
	t0 := time.Now()
	if err := f.Fit(context.Background(), s.Slice(0, trainEnd)); err != nil {
		return fmt.Errorf("%s %d %s: %w", mode, h, name, err)
	}
	fit := time.Since(t0)
	u, ok := f.(forecast.Updater)
	if !ok {
		return fmt.Errorf("%s cannot condition on new history (not a forecast.Updater)", name)
	}
	t1 := time.Now()
	vmse, vmae, err := errors(u, f, s, trainEnd, valEnd, h, sd)
	if err != nil {
		return err
	}
	tmse, tmae, err := errors(u, f, s, valEnd, testEnd, h, sd)
	if err != nil {
		return err
	}
	desc := ""
	if d, ok := f.(forecast.Describer); ok {
		desc = d.Describe()
	}
	fmt.Printf("| %s | %d | %s | %.4f | %.4f | %.4f | %.4f | %.1f | %.1f | %s |\n",
		mode, h, name, vmse, vmae, tmse, tmae, fit.Seconds(), time.Since(t1).Seconds(), desc)
	return nil
}

// errors returns the mean squared and absolute errors, on the z scale
// (errors divided by sd; the mean cancels), of the h-step forecasts from
// every origin whose next h values lie in [from, to).
func errors(u forecast.Updater, f forecast.Forecaster, s *forecast.Series, from, to, h int, sd float64) (mse, mae float64, err error) {
	fc := make([]float64, h)
	n := 0
	for end := from; end+h <= to; end++ {
		if err := u.Update(s.Slice(0, end)); err != nil {
			return 0, 0, err
		}
		if fc, err = f.Predict(fc, h); err != nil {
			return 0, 0, err
		}
		for k, v := range fc {
			d := (v - s.Values[end+k]) / sd
			mse += d * d
			mae += math.Abs(d)
		}
		n += h
	}
	return mse / float64(n), mae / float64(n), nil
}

// trainSD returns the population standard deviation of x, as the
// StandardScaler of scikit-learn that the literature's code uses.
func trainSD(x []float64) float64 {
	mu, sd := 0.0, 0.0
	for _, v := range x {
		mu += v
	}
	mu /= float64(len(x))
	for _, v := range x {
		sd += (v - mu) * (v - mu)
	}
	return math.Sqrt(sd / float64(len(x)))
}
