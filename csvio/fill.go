package csvio

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/tsforecast/tsforecast/forecast"
)

// maxFill bounds the values that gaps may add to a series of n
// observations: a mistyped year in daily data would otherwise make the
// loader invent decades of values (and allocate for them).
func maxFill(n int) int64 { return int64(n) + 1000 }

// finish checks the timestamps of the raw series against the frequency,
// finds the gaps, applies the missing-value policy and builds the series.
func (ld *loader) finish(ds *Dataset, raws []*rawSeries) error {
	hasTimes := ld.tp != nil
	timeName := ""
	if hasTimes {
		timeName = ld.tp.col
	}
	f := ld.freq
	if hasTimes && !ld.freqSet {
		var err error
		if f, err = ld.inferFreq(raws, timeName); err != nil {
			return err
		}
	}
	onGrid := hasTimes && f != forecast.Step

	// Grid positions and gaps. ks[r] is nil while series r has no gap:
	// observation i is then grid step i, and no index is stored.
	var rep Report
	ks := make([][]int64, len(raws))
	for r, rs := range raws {
		rep.Missing = append(rep.Missing, rs.missing...)
		if !onGrid {
			continue
		}
		t0 := rs.times[0]
		var k []int64
		var prev int64
		for i, t := range rs.times {
			if i%(1<<16) == 0 {
				if err := ld.ctx.Err(); err != nil {
					return err
				}
			}
			g, ok := f.GridIndex(t0, t)
			if !ok || (i > 0 && g <= prev) {
				return perr(ld.file, rs.lines.at(i), timeName, ErrIrregular,
					"timestamp %s%s is not on the %s grid that starts at %s on line %d",
					q(ld.stamp(rs, i)), ld.ofSeries(rs.id), f, q(rs.stamp0), rs.lines.at(0))
			}
			if i > 0 && g-prev > 1 {
				rep.Gaps = append(rep.Gaps, Gap{Series: rs.id, Line: rs.lines.at(i),
					Start: gridTimeNear(f, t0, rs.times[i-1], prev+1), Steps: int(g - prev - 1)})
				if k == nil {
					k = make([]int64, len(rs.times))
					for m := range i {
						k[m] = int64(m)
					}
				}
			}
			if k != nil {
				k[i] = g
			}
			prev = g
		}
		ks[r] = k
	}
	slices.SortStableFunc(rep.Gaps, func(a, b Gap) int { return a.Line - b.Line })
	slices.SortStableFunc(rep.Missing, func(a, b MissingValue) int { return a.Line - b.Line })
	if ld.opt.Missing == MissingError && !rep.Empty() {
		return ld.missingError(&rep, timeName, f)
	}

	target := ""
	if ds.Layout != LayoutWide {
		target = ld.header[ld.vals[0]]
	}
	for r, rs := range raws {
		n := len(rs.cols[0])
		L := int64(n)
		if k := ks[r]; k != nil {
			L = k[n-1] + 1
		}
		if L-int64(n) > maxFill(n) {
			g := largestGap(rep.Gaps, rs.id)
			return perr(ld.file, g.Line, timeName, ErrIrregular,
				"gaps%s would add %d values to %d observations (the largest, %s before this line); check the timestamps",
				ld.ofSeries(rs.id), L-int64(n), n, plural(int64(g.Steps), f.String()+" step", f.String()+" steps"))
		}
		s := &forecast.Series{ID: rs.id, Target: target, Freq: f}
		cols := make([][]float64, len(rs.cols))
		for c, src := range rs.cols {
			if L == int64(n) && len(rs.missing) == 0 {
				cols[c] = src
				continue
			}
			dst := make([]float64, L)
			if !fillColumn(dst, ks[r], src, ld.opt.Missing) {
				col := ld.header[0]
				if ds.Layout != LayoutWide {
					col = ld.header[ld.vals[c]]
				}
				return perr(ld.file, rs.lines.at(0), col, ErrNoData, "no values%s", ld.ofSeries(rs.id))
			}
			cols[c] = dst
		}
		s.Values = cols[0]
		for c := 1; c < len(cols); c++ {
			s.Covariates = append(s.Covariates, forecast.Covariate{Name: ld.header[ld.vals[c]], Values: cols[c]})
		}
		if hasTimes {
			s.Times = rs.times
			if k := ks[r]; k != nil {
				s.Times = fillTimes(f, rs.times, k)
			}
		}
		if ld.opt.MinLength > 0 && s.Len() < ld.opt.MinLength {
			col := target
			if col == "" {
				col = ld.header[0]
			}
			return perr(ld.file, rs.lines.at(0), col, forecast.ErrTooShort, "series %s has %d values, fewer than the %d required",
				q(rs.id), s.Len(), ld.opt.MinLength)
		}
		if err := ld.ctx.Err(); err != nil {
			return err
		}
		if err := s.Validate(); err != nil {
			// The checks above establish the invariants; this is a bug.
			return fmt.Errorf("csvio: internal error reading %s: %w", ld.file, err)
		}
		ds.Series = append(ds.Series, s)
	}
	ds.Report = rep
	return nil
}

// fillTimes returns the timestamps of the full grid: the observed times
// at their grid steps k, and between them the grid times, each in the UTC
// offset of the observation before it (so that the days inserted after a
// change to summer time keep the local midnight of the data).
func fillTimes(f forecast.Freq, times []time.Time, k []int64) []time.Time {
	out := make([]time.Time, k[len(k)-1]+1)
	t0 := times[0]
	for i, t := range times {
		out[k[i]] = t
		if i > 0 {
			for m := k[i-1] + 1; m < k[i]; m++ {
				out[m] = gridTimeNear(f, t0, times[i-1], m)
			}
		}
	}
	return out
}

// gridTimeNear returns step k of the grid of f anchored at t0, shown in
// the UTC offset of ta (an earlier observation): the same instant for
// minutely and hourly steps, the same wall clock for calendar steps.
func gridTimeNear(f forecast.Freq, t0, ta time.Time, k int64) time.Time {
	g := f.GridTime(t0, k)
	_, off0 := g.Zone()
	_, offa := ta.Zone()
	if off0 == offa {
		return g
	}
	if f == forecast.Minutely || f == forecast.Hourly {
		return g.In(ta.Location())
	}
	h, mi, sec := g.Clock()
	return time.Date(g.Year(), g.Month(), g.Day(), h, mi, sec, g.Nanosecond(), ta.Location())
}

// inferFreq returns the frequency whose step is the smallest spacing of
// consecutive timestamps in any series.
func (ld *loader) inferFreq(raws []*rawSeries, timeName string) (forecast.Freq, error) {
	var best time.Duration
	var at *rawSeries
	ai := 0
	for _, rs := range raws {
		for i := 1; i < len(rs.times); i++ {
			if d := rs.times[i].Sub(rs.times[i-1]); at == nil || d < best {
				best, at, ai = d, rs, i
			}
		}
	}
	if at == nil {
		rs := raws[0]
		return 0, perr(ld.file, rs.lines.at(0), timeName, ErrIrregular,
			"cannot infer the frequency from a single timestamp per series; set Freq")
	}
	f, ok := classifyStep(best)
	if !ok {
		return 0, perr(ld.file, at.lines.at(ai), timeName, ErrIrregular,
			"timestamp %s%s is %v after %s on line %d, which is no supported frequency (minutely, hourly, daily, weekly, monthly, quarterly, yearly); set Freq to name the frequency, or to \"step\" to keep the timestamps without a calendar grid",
			q(ld.stamp(at, ai)), ld.ofSeries(at.id), best, q(ld.stamp(at, ai-1)), at.lines.at(ai-1))
	}
	return f, nil
}

func largestGap(gaps []Gap, id string) Gap {
	var g Gap
	for _, x := range gaps {
		if x.Series == id && x.Steps > g.Steps {
			g = x
		}
	}
	return g
}

// missingError reports the first gaps or missing values under MissingError.
func (ld *loader) missingError(rep *Report, timeName string, f forecast.Freq) error {
	const show = 3
	hint := "; set Missing to interpolate or ffill"
	if len(rep.Missing) > 0 && (len(rep.Gaps) == 0 || rep.Missing[0].Line <= rep.Gaps[0].Line) {
		m := rep.Missing[0]
		var b strings.Builder
		fmt.Fprintf(&b, "missing value %s", q(m.Token))
		if n := len(rep.Missing); n > 1 {
			fmt.Fprintf(&b, " (%d missing values in all, on lines", n)
			for i, m := range rep.Missing[:min(n, show)] {
				if i > 0 {
					b.WriteByte(',')
				}
				fmt.Fprintf(&b, " %d", m.Line)
			}
			if n > show {
				b.WriteString(", ...")
			}
			b.WriteByte(')')
		}
		if len(rep.Gaps) > 0 {
			fmt.Fprintf(&b, " and %s in the timestamps", plural(int64(len(rep.Gaps)), "gap", "gaps"))
		}
		b.WriteString(hint)
		return &ParseError{File: ld.file, Line: m.Line, Column: m.Column, Msg: b.String(), Err: ErrMissing}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s in the %s timestamps (%s missing):", plural(int64(len(rep.Gaps)), "gap", "gaps"), f,
		plural(int64(rep.MissingSteps()), "step", "steps"))
	for i, g := range rep.Gaps[:min(len(rep.Gaps), show)] {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, " %s%s (%s) before line %d", fmtTime(g.Start), ld.ofSeries(g.Series), plural(int64(g.Steps), "step", "steps"), g.Line)
	}
	if len(rep.Gaps) > show {
		b.WriteString(", ...")
	}
	if n := len(rep.Missing); n > 0 {
		fmt.Fprintf(&b, "; also %s", plural(int64(n), "missing value", "missing values"))
	}
	b.WriteString(hint)
	return &ParseError{File: ld.file, Line: rep.Gaps[0].Line, Column: timeName, Msg: b.String(), Err: ErrMissing}
}

// fillColumn writes src into dst at the grid positions ks (0..len(src)-1
// when ks is nil) and fills the other entries and the NaNs of src by the
// policy. It reports false if src holds no finite value.
func fillColumn(dst []float64, ks []int64, src []float64, p MissingPolicy) bool {
	for i := range dst {
		dst[i] = math.NaN()
	}
	for i, v := range src {
		k := int64(i)
		if ks != nil {
			k = ks[i]
		}
		dst[k] = v
	}
	first := slices.IndexFunc(dst, func(v float64) bool { return !math.IsNaN(v) })
	if first < 0 {
		return false
	}
	for i := range first {
		dst[i] = dst[first]
	}
	prev := first
	for i := first + 1; i < len(dst); i++ {
		if math.IsNaN(dst[i]) {
			continue
		}
		if i > prev+1 {
			a, b := dst[prev], dst[i]
			for m := prev + 1; m < i; m++ {
				if p == MissingInterpolate {
					// The convex form cannot overflow for finite a, b.
					w := float64(m-prev) / float64(i-prev)
					dst[m] = a*(1-w) + b*w
				} else {
					dst[m] = a
				}
			}
		}
		prev = i
	}
	for m := prev + 1; m < len(dst); m++ {
		dst[m] = dst[prev]
	}
	return true
}
