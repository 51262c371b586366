package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/tsforecast/tsforecast/csvio"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/plots"
	"github.com/urfave/cli/v2"
)

// inspection is what inspect prints (as text or JSON).
type inspection struct {
	File      string          `json:"file"`
	Layout    string          `json:"layout"`
	NSeries   int             `json:"series_count"`
	Frequency string          `json:"frequency"`
	Values    int             `json:"values"`
	Season    seasonChoice    `json:"season"`
	Missing   string          `json:"missing_policy"` // what the other commands do with gaps (--missing)
	FilledBy  string          `json:"filled_by"`      // how inspect filled them for its figures
	Gaps      []gapInfo       `json:"gaps"`
	MissVals  []missingInfo   `json:"missing_values"`
	Stats     stats           `json:"stats"`
	Series    []seriesSummary `json:"series"`
	Columns   []columnInfo    `json:"columns,omitempty"`
	// TargetNamed is false when the file has several numeric columns and
	// none was named: inspect took the first, the other commands need
	// --target.
	TargetNamed bool `json:"target_named"`
}

// columnInfo is a column of a single or long file and the role it takes
// with the flags given.
type columnInfo struct {
	Name string `json:"name"`
	Role string `json:"role"`
}

type gapInfo struct {
	Series string `json:"series"`
	Line   int    `json:"line"`
	Start  string `json:"start"`
	Steps  int    `json:"steps"`
}

type missingInfo struct {
	Series string `json:"series"`
	Line   int    `json:"line"`
	Column string `json:"column"`
	Token  string `json:"token"`
}

type seriesSummary struct {
	ID         string   `json:"id"`
	Target     string   `json:"target"`
	Covariates []string `json:"covariates,omitempty"`
	Length     int      `json:"length"`
	Start      string   `json:"start,omitempty"`
	End        string   `json:"end,omitempty"`
	Periods    []int    `json:"periods"`
	Stats      stats    `json:"stats"`
}

func inspectCommand() *cli.Command {
	return &cli.Command{
		Name:      "inspect",
		Usage:     "describe a CSV file: layout, series, frequency, gaps, missing values, seasonality, statistics",
		UsageText: "tsforecast inspect --input FILE [--plot OUT.png] [--json]",
		Description: "Gaps and missing values are reported, not fatal: inspect is how you find them.\n\n" +
			"Example:\n   tsforecast inspect --input examples/data/airline-passengers.csv --plot series.png",
		Flags: concat(inputFlags(), []cli.Flag{
			plotFlag("a chart of the series, its autocorrelation function and its seasonal components (the first series of a multi-series file)"),
			intFlag("max-period", "longest seasonal period to look for; 0 uses a third of the series length, at most 400", 0, true),
			jsonFlag(), quietFlag(),
		}),
		Action: runInspect,
	}
}

func runInspect(cCtx *cli.Context) error {
	if err := require(cCtx, "input"); err != nil {
		return err
	}
	opt, err := loadOptions(cCtx)
	if err != nil {
		return err
	}
	// inspect is how users find gaps and missing values, so they are
	// reported, not fatal: unless --missing was given, read with
	// interpolation and print the loader's report.
	if !cCtx.IsSet("missing") {
		opt.Missing = csvio.MissingInterpolate
	}
	// It describes a file whose target nobody named by its first numeric
	// column, and says so.
	opt.FirstTarget = true
	ds, err := load(cCtx, opt)
	if err != nil {
		return err
	}
	in, err := inspect(cCtx.Context, ds, opt.Missing, cCtx.Int("max-period"))
	if err != nil {
		return err
	}
	in.TargetNamed = !ds.FirstTarget
	for _, c := range ds.Columns {
		in.Columns = append(in.Columns, columnInfo{c.Name, c.Role.String()})
	}
	in.Missing = cCtx.String("missing")
	if p := cCtx.String("plot"); p != "" {
		if err := writeChart(cCtx, p, seriesChart(ds.Series[0], in.Season.Period), plots.Size{}); err != nil {
			return err
		}
	}
	if cCtx.Bool("json") {
		enc := json.NewEncoder(cCtx.App.Writer)
		enc.SetIndent("", "  ")
		return enc.Encode(in)
	}
	return in.writeText(cCtx.App.Writer)
}

// inspect describes ds. limit bounds the seasonal periods searched (0:
// a third of the length, at most 400). It returns ctx.Err() once ctx is
// done, checked between series.
func inspect(ctx context.Context, ds *csvio.Dataset, policy csvio.MissingPolicy, limit int) (*inspection, error) {
	in := &inspection{
		File:     ds.Name,
		Layout:   ds.Layout.String(),
		NSeries:  len(ds.Series),
		Missing:  policy.String(),
		FilledBy: policy.String(),
	}
	periods := make([][]int, len(ds.Series))
	var all []float64
	freqs := map[string]bool{}
	for i, s := range ds.Series {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		periods[i] = forecast.DetectedPeriods(s.Values, limit)
		if periods[i] == nil {
			periods[i] = []int{}
		}
		freqs[s.Freq.String()] = true
		all = append(all, s.Values...)
		ss := seriesSummary{ID: s.ID, Target: s.Target, Length: s.Len(), Periods: periods[i], Stats: describe(s.Values)}
		for _, c := range s.Covariates {
			ss.Covariates = append(ss.Covariates, c.Name)
		}
		if len(s.Times) > 0 {
			l := timeLayoutOf(s)
			ss.Start = s.Times[0].Format(l)
			ss.End = s.Times[len(s.Times)-1].Format(l)
		}
		in.Series = append(in.Series, ss)
	}
	in.Values = len(all)
	in.Stats = describe(all)
	in.Frequency = strings.Join(sortedKeys(freqs), ",")
	in.Season = chooseSeason(0, ds.Series)
	for _, g := range ds.Report.Gaps {
		l := "2006-01-02 15:04:05"
		if s, ok := ds.Lookup(g.Series); ok {
			l = timeLayoutOf(s)
		}
		in.Gaps = append(in.Gaps, gapInfo{g.Series, g.Line, g.Start.Format(l), g.Steps})
	}
	for _, m := range ds.Report.Missing {
		in.MissVals = append(in.MissVals, missingInfo{m.Series, m.Line, m.Column, m.Token})
	}
	if in.Gaps == nil {
		in.Gaps = []gapInfo{}
	}
	if in.MissVals == nil {
		in.MissVals = []missingInfo{}
	}
	return in, ctx.Err()
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// maxListed is how many gaps, missing values and series the text output
// lists before summarising the rest (--json lists all).
const maxListed = 10

func (in *inspection) writeText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	p := func(k, format string, args ...any) { fmt.Fprintf(tw, "%s\t"+format+"\n", append([]any{k}, args...)...) }
	p("file", "%s", in.File)
	p("layout", "%s", in.Layout)
	p("series", "%d", in.NSeries)
	p("frequency", "%s", in.Frequency)
	if len(in.Columns) > 0 {
		var cols []string
		for _, c := range in.Columns {
			role := c.Role
			if role == csvio.RoleUnused.String() {
				role = "numeric, not read"
			}
			cols = append(cols, c.Name+" ("+role+")")
		}
		p("columns", "%s", listSome(cols, maxListed))
	}
	if in.NSeries == 1 {
		s := in.Series[0]
		if in.TargetNamed {
			p("target", "%s", s.Target)
		} else {
			p("target", "%s, the first numeric column: the other commands need --target", s.Target)
		}
		if len(s.Covariates) > 0 {
			p("covariates", "%s", listSome(s.Covariates, maxListed))
		}
		p("length", "%d", s.Length)
		if s.Start != "" {
			p("span", "%s .. %s", s.Start, s.End)
		}
	} else {
		lens := make([]float64, len(in.Series))
		for i, s := range in.Series {
			lens[i] = float64(s.Length)
		}
		ls := describe(lens)
		p("length", "min %g, median %g, max %g (%d values)", ls.Min, ls.Median, ls.Max, in.Values)
	}
	switch len(in.Gaps) {
	case 0:
		p("gaps", "none")
	default:
		steps := 0
		for _, g := range in.Gaps {
			steps += g.Steps
		}
		var items []string
		for i, g := range in.Gaps {
			if i == maxListed {
				items = append(items, fmt.Sprintf("... %d more", len(in.Gaps)-maxListed))
				break
			}
			item := fmt.Sprintf("%s (%d step(s), before line %d)", g.Start, g.Steps, g.Line)
			if in.NSeries > 1 {
				item = g.Series + " " + item
			}
			items = append(items, item)
		}
		p("gaps", "%d gap(s), %d missing timestamp(s): %s", len(in.Gaps), steps, strings.Join(items, "; "))
	}
	switch len(in.MissVals) {
	case 0:
		p("missing", "none")
	default:
		var items []string
		for i, m := range in.MissVals {
			if i == maxListed {
				items = append(items, fmt.Sprintf("... %d more", len(in.MissVals)-maxListed))
				break
			}
			items = append(items, fmt.Sprintf("line %d column %q %q", m.Line, m.Column, m.Token))
		}
		p("missing", "%d value(s): %s", len(in.MissVals), strings.Join(items, "; "))
	}
	if len(in.Gaps)+len(in.MissVals) > 0 {
		p("", "filled by %s for the figures below; forecast fails on them unless --missing interpolate or ffill", in.FilledBy)
	}
	p("season", "%s", in.seasonText())
	st := in.Stats
	p("values", "min %.6g, max %.6g, mean %.6g, median %.6g, std %.6g", st.Min, st.Max, st.Mean, st.Median, st.Std)
	if err := tw.Flush(); err != nil {
		return err
	}
	if in.NSeries == 1 {
		return nil
	}
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "id\tlength\tperiods\tmin\tmax\tmean\tstd\t")
	for i, s := range in.Series {
		if i == maxListed {
			break
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%.6g\t%.6g\t%.6g\t%.6g\t\n", s.ID, s.Length, periodsText(s.Periods),
			s.Stats.Min, s.Stats.Max, s.Stats.Mean, s.Stats.Std)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if n := len(in.Series) - maxListed; n > 0 {
		fmt.Fprintf(w, "... %d more series (--json lists all)\n", n)
	}
	return nil
}

// listSome joins the first n names and summarises the rest: "a, b, … and
// 99,989 more".
func listSome(names []string, n int) string {
	if len(names) <= n {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s, … and %s more", strings.Join(names[:n], ", "), thousands(len(names)-n))
}

// thousands formats n with commas between groups of three digits.
func thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func periodsText(p []int) string {
	if len(p) == 0 {
		return "none"
	}
	s := make([]string, len(p))
	for i, v := range p {
		s[i] = fmt.Sprint(v)
	}
	return strings.Join(s, ",")
}

func (in *inspection) seasonText() string {
	c := in.Season
	minLen := math.MaxInt
	for _, s := range in.Series {
		minLen = min(minLen, s.Length)
	}
	var text string
	switch c.Source {
	case "none":
		return "none (no ACF peak passes the M4 90% test, and the frequency has no usual period)"
	case "flag":
		text = fmt.Sprintf("%d (--season)", c.Period)
	case "frequency":
		text = fmt.Sprintf("%d (the usual period of %s data", c.Period, in.Frequency)
		if f, err := forecast.ParseFreq(in.Frequency); err == nil && len(f.Periods()) > 1 {
			ps := make([]string, len(f.Periods()))
			for i, p := range f.Periods() {
				ps[i] = strconv.FormatFloat(p, 'g', -1, 64)
			}
			text = fmt.Sprintf("%d (of the usual periods of %s data, %s, the one the ACF supports, or the first", c.Period, in.Frequency, strings.Join(ps, " and "))
		}
		if minLen < 2*c.Period {
			text += fmt.Sprintf(", but a series of %d values is too short for two cycles of the usual period %d of %s data", minLen, c.Period, in.Frequency)
		}
		text += "; "
	default:
		text = fmt.Sprintf("%d (detected; ", c.Period)
	}
	if c.Source == "flag" {
		return text
	}
	if in.NSeries == 1 {
		if p := in.Series[0].Periods; len(p) > 0 {
			return text + "candidate periods, strongest first: " + periodsText(p) + ")"
		}
		return text + "no ACF peak passes the M4 90% test)"
	}
	counts := map[int]int{}
	none := 0
	for _, s := range in.Series {
		if len(s.Periods) == 0 {
			none++
		} else {
			counts[s.Periods[0]]++
		}
	}
	if none == in.NSeries {
		return text + "no ACF peak passes the M4 90% test)"
	}
	text += fmt.Sprintf("the strongest period of %d of %d series", counts[c.Period], in.NSeries)
	var others []string
	keys := make([]int, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		return counts[keys[i]] > counts[keys[j]] || counts[keys[i]] == counts[keys[j]] && keys[i] < keys[j]
	})
	for _, k := range keys {
		if k != c.Period {
			others = append(others, fmt.Sprintf("%d in %d", k, counts[k]))
		}
	}
	if none > 0 {
		others = append(others, fmt.Sprintf("none in %d", none))
	}
	if len(others) > 0 {
		text += "; " + strings.Join(others, ", ")
	}
	return text + ")"
}
