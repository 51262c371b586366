package main

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tsforecast/tsforecast/csvio"
	"github.com/tsforecast/tsforecast/features"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/models"
	"github.com/urfave/cli/v2"
)

// selectionFlags choose the columns read beside the target; every command
// that reads a CSV has them.
func selectionFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringSliceFlag{Name: "covariates", EnvVars: env("COVARIATES"),
			Usage: "columns to read as covariates beside the target (comma-separated), or all; by default none are: the target alone is forecast"},
		&cli.StringSliceFlag{Name: "ignore", EnvVars: env("IGNORE"),
			Usage: "columns not to read (text columns, say), kept out of --covariates all"},
	}
}

// knownFlags give covariates known in advance over the horizon, to the
// commands that fit models.
func knownFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "future", EnvVars: env("FUTURE"), TakesFile: true,
			Usage: "CSV of future-known covariates over the horizon (prices, promotions, planned capacity): the time column (and the id column of a long file) and one column per covariate, which is read from --input too for its history"},
		&cli.StringSliceFlag{Name: "known", EnvVars: env("KNOWN"),
			Usage: "covariates of --input known in advance (a backtest reads their values after each origin from --input; a forecast needs --future for the steps ahead)"},
		&cli.BoolFlag{Name: "calendar", EnvVars: env("CALENDAR"),
			Usage: "add calendar covariates known in advance: sine and cosine of the hour of day, day of week, day or month of year, as the data's frequency has them"},
		&cli.StringFlag{Name: "holidays", EnvVars: env("HOLIDAYS"), TakesFile: true,
			Usage: "add a holiday indicator (daily or finer data; implies --calendar): the public holidays of " + strings.Join(features.HolidayCountries(), ", ") + ", or a CSV file of dates (a date column, optionally a name column)"},
	}
}

// names splits the values of a string slice flag at commas.
func names(cCtx *cli.Context, flag string) []string {
	var out []string
	for _, item := range cCtx.StringSlice(flag) {
		for _, n := range strings.Split(item, ",") {
			if n = strings.TrimSpace(n); n != "" && !slices.Contains(out, n) {
				out = append(out, n)
			}
		}
	}
	return out
}

// selectColumns sets the covariate columns of opt from --covariates,
// --ignore and --known.
func selectColumns(cCtx *cli.Context, opt *csvio.LoadOptions) {
	for _, n := range names(cCtx, "covariates") {
		if strings.EqualFold(n, "all") {
			opt.AllCovariates = true
		} else {
			opt.Covariates = append(opt.Covariates, n)
		}
	}
	for _, n := range names(cCtx, "known") {
		if !slices.Contains(opt.Covariates, n) {
			opt.Covariates = append(opt.Covariates, n)
		}
	}
	opt.Ignore = names(cCtx, "ignore")
}

// readFuture reads --future, if set, and adds its columns to the
// covariates opt reads from --input.
func readFuture(cCtx *cli.Context, opt *csvio.LoadOptions) (*csvio.Future, error) {
	path := cCtx.String("future")
	if path == "" {
		return nil, nil
	}
	f, err := csvio.ReadFutureFile(cCtx.Context, path, opt)
	if err != nil {
		return nil, loadError(err)
	}
	for _, c := range f.Columns {
		if !slices.Contains(opt.Covariates, c) {
			opt.Covariates = append(opt.Covariates, c)
		}
	}
	return f, nil
}

// knownCovariates marks the covariates of ds known in advance: those of
// --known (from --input), those of future (joined after the series' end)
// and, with --calendar or --holidays, calendar covariates for the series
// and h steps after them. It returns usage errors for what the flags ask
// that the data cannot give.
func knownCovariates(cCtx *cli.Context, ds *csvio.Dataset, future *csvio.Future, h int) error {
	for _, name := range names(cCtx, "known") {
		for _, s := range ds.Series {
			i := slices.IndexFunc(s.Covariates, func(c forecast.Covariate) bool { return c.Name == name })
			if i < 0 {
				return usagef(cCtx, "--known %s: %s has no covariate %q", name, ds.Name, name)
			}
			s.Covariates[i].Known = true
		}
	}
	if future != nil {
		if err := future.Join(ds); err != nil {
			return &cliError{msg: strings.TrimPrefix(err.Error(), "csvio: ") + " (--future)", err: err}
		}
	}
	hol, err := holidays(cCtx, ds, h)
	if err != nil {
		return err
	}
	if !cCtx.Bool("calendar") && hol == nil {
		return nil
	}
	for _, s := range ds.Series {
		if err := forecast.AddCalendar(s, h, hol); err != nil {
			return usagef(cCtx, "--calendar: %v", strings.TrimPrefix(err.Error(), "forecast: "))
		}
	}
	return nil
}

// holidays returns the dates of --holidays over the years of ds and h
// steps after it, or nil without the flag.
func holidays(cCtx *cli.Context, ds *csvio.Dataset, h int) (*features.Holidays, error) {
	v := cCtx.String("holidays")
	if v == "" {
		return nil, nil
	}
	for _, c := range features.HolidayCountries() {
		if strings.EqualFold(v, c) {
			from, to := yearsOf(ds, h)
			if from == 0 {
				return nil, usagef(cCtx, "--holidays %s: %s has no timestamps", v, ds.Name)
			}
			hol, err := features.PublicHolidays(c, from, to)
			if err != nil {
				return nil, usagef(cCtx, "--holidays: %v", strings.TrimPrefix(err.Error(), "features: "))
			}
			return hol, nil
		}
	}
	hol, err := csvio.ReadHolidaysFile(cCtx.Context, v, nil)
	if err != nil {
		return nil, loadError(err)
	}
	return hol, nil
}

// yearsOf returns the first and last years of the timestamps of ds and of
// the h steps after each series, or 0, 0 without timestamps.
func yearsOf(ds *csvio.Dataset, h int) (from, to int) {
	var first, last time.Time
	for _, s := range ds.Series {
		if len(s.Times) == 0 {
			continue
		}
		end := s.Times[len(s.Times)-1]
		if ft := s.FutureTimes(h); len(ft) > 0 {
			end = ft[len(ft)-1]
		}
		if first.IsZero() || s.Times[0].Before(first) {
			first = s.Times[0]
		}
		if end.After(last) {
			last = end
		}
	}
	if first.IsZero() {
		return 0, 0
	}
	// The last hours of a year in one zone fall in the next in another.
	return first.Year() - 1, last.Year() + 1
}

// noteCovariates says which numeric columns were left out and which of
// the models ignore the covariates that were read.
func noteCovariates(prog *progress, ds *csvio.Dataset, entries ...*models.Entry) {
	if len(ds.Unused) > 0 {
		prog.Notef("not read: %s (numeric; --covariates names covariates, or all)", summarise(ds.Unused, 10))
	}
	var past, known bool
	for _, s := range ds.Series {
		past = past || len(s.Past()) > 0
		known = known || len(s.Known()) > 0
	}
	if !past && !known {
		return
	}
	var none, knownOnly []string
	for _, e := range entries {
		switch {
		case e.Covariates == models.NoCovariates:
			none = append(none, e.Name)
		case past && e.Covariates == models.KnownCovariates:
			knownOnly = append(knownOnly, e.Name)
		}
	}
	if len(none) > 0 {
		prog.Notef("%s %s the covariates (%s)", strings.Join(none, ", "), verb(len(none), "ignores", "ignore"), readers())
	}
	if len(knownOnly) > 0 {
		prog.Notef("%s %s past covariates, whose future is unknown, and read%s the known ones", strings.Join(knownOnly, ", "), verb(len(knownOnly), "ignores", "ignore"), verb(len(knownOnly), "s", ""))
	}
}

// readers names the models that read covariates, and which.
func readers() string {
	var parts []string
	for _, e := range models.Catalogue() {
		if e.Covariates != models.NoCovariates {
			parts = append(parts, e.Name+": "+e.Covariates.String())
		}
	}
	return "models that read them: " + strings.Join(parts, "; ")
}

func verb(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// checkKnown returns an error when a model that reads known covariates
// lacks their values over the h steps of a forecast.
func checkKnown(ds *csvio.Dataset, e *models.Entry, h int) error {
	if e.Covariates != models.KnownCovariates && e.Covariates != models.AllCovariates {
		return nil
	}
	for _, s := range ds.Series {
		if err := s.CheckKnown(h); err != nil {
			msg := strings.TrimPrefix(err.Error(), "forecast: ")
			return &cliError{msg: msg + " (give them with --future, or drop them from --known)", err: err}
		}
	}
	return nil
}

// loadError rewords a loader error with the flags' names.
func loadError(err error) error {
	msg := err.Error()
	if errors.Is(err, csvio.ErrMissing) && !strings.Contains(msg, "set Missing") {
		msg += " (use --missing interpolate or --missing ffill)"
	}
	if r := optionHints.Replace(msg); r != msg {
		return &cliError{msg: r, err: err}
	}
	return err
}

// summarise lists at most max names, then how many more there are.
func summarise(names []string, max int) string {
	if len(names) <= max {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s, … and %d more", strings.Join(names[:max], ", "), len(names)-max)
}
