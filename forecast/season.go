package forecast

import (
	"math"

	"github.com/tsforecast/tsforecast/features"
)

// MaxDetectedPeriod bounds the seasonal periods that [Season] looks for in
// data without a calendar: a period needs three cycles for the M4
// seasonality test, and periods beyond 400 steps (a little more than a
// year of days) cost more ACF lags than they are worth.
const MaxDetectedPeriod = 400

// Season returns the seasonal period m of s for a model or a score, by
// this rule, written once for every model, walk-forward scoring and the
// command line:
//
//  1. setting, when positive (the user's choice);
//  2. for a calendar frequency, a conventional period of it
//     ([Freq.Periods]: 7 and 365.25 for daily data) that the data support:
//     the first period [DetectedPeriods] finds (strongest first) within 5 %
//     of a conventional one gives that one, rounded (the yearly cycle of
//     daily temperatures, whose ACF peaks at 367); when none does, the
//     frequency's first conventional period ([Freq.Season]: 12 for
//     monthly, 24 for hourly, 1 for yearly data);
//  3. for Step data (no timestamps, such as the M4 files), the strongest
//     period [DetectedPeriods] finds;
//  4. otherwise 1 (no season).
//
// The calendar comes before detection because it is known exactly, while
// detection is a test on the data that misses seasons of short or noisy
// series and finds spurious ones in long ones; detection only chooses
// among the calendar's periods. Defaulting to the frequency's period is
// also the convention of the M4 competition's MASE and of R's forecast
// package. Models that need several seasons of data check the length
// themselves. It panics if setting is negative.
func Season(setting int, s *Series) int {
	switch {
	case setting < 0:
		panic("forecast: negative seasonal period")
	case setting > 0:
		return setting
	case s.Freq != Step:
		return calendarSeason(s)
	}
	if ps := DetectedPeriods(s.Values, 0); len(ps) > 0 {
		return ps[0]
	}
	return 1
}

// calendarSeason is step 2 of the rule of [Season].
func calendarSeason(s *Series) int {
	conv := s.Freq.Periods()
	if len(conv) > 1 {
		for _, q := range DetectedPeriods(s.Values, 0) {
			for _, p := range conv {
				if math.Abs(float64(q)-p) <= 0.05*p {
					return int(math.Round(p))
				}
			}
		}
	}
	return max(1, s.Freq.Season())
}

// DetectionCycles bounds the data [DetectedPeriods] reads: the last
// DetectionCycles·limit values (20000 for the default limit), fifty cycles
// of the longest period searched. That is far more than the test needs,
// the recent seasonal pattern is the one a forecast continues, and it
// keeps the cost of the rule of [Season] independent of the length of a
// series (a minutely file of 34 million rows otherwise spends seconds and
// gigabytes on the FFT of its whole ACF).
const DetectionCycles = 50

// DetectedPeriods returns the seasonal periods that
// [features.DetectPeriods] finds in the last DetectionCycles·limit values
// of x, strongest first, searching lags up to min(limit, n/3) for the n
// values read; a limit of 0 means [MaxDetectedPeriod].
func DetectedPeriods(x []float64, limit int) []int {
	if limit <= 0 {
		limit = MaxDetectedPeriod
	}
	if limit < math.MaxInt/DetectionCycles && len(x) > DetectionCycles*limit {
		x = x[len(x)-DetectionCycles*limit:]
	}
	maxP := min(limit, len(x)/3)
	if maxP < 2 {
		return nil
	}
	return features.DetectPeriods(x, maxP)
}

// CommonSeason returns the seasonal period shared by the series of one
// file, for models fitted on all of them (a global network) and for
// scores that compare them: setting when positive; otherwise the most
// common [Season] above 1 among the series (the shorter period on ties),
// or 1 when no series has one.
func CommonSeason(setting int, series []*Series) int {
	if setting > 0 {
		return setting
	}
	count := map[int]int{}
	for _, s := range series {
		if m := Season(0, s); m > 1 {
			count[m]++
		}
	}
	best, bc := 1, 0
	for p, c := range count {
		if c > bc || c == bc && p < best {
			best, bc = p, c
		}
	}
	return best
}
