package forecast

// SeasonCounts is the rule of [CommonSeason] as a mergeable accumulator,
// for programs that see the series of a file in parts (the workers of a
// distributed pipeline): each part adds its series, the parts' counts
// are merged in any order, and [SeasonCounts.Season] of the merged
// counts equals CommonSeason of all the series.
//
// The zero value is an empty accumulator.
type SeasonCounts struct {
	// Counts maps each seasonal period above 1 to the number of series
	// whose [Season] it is.
	Counts map[int]int
}

// Add counts the season of s ([Season] with no setting), when above 1.
func (a *SeasonCounts) Add(s *Series) { a.AddPeriod(Season(0, s)) }

// AddPeriod counts one series of seasonal period m; periods of 1 or less
// are not counted, as CommonSeason does not count them.
func (a *SeasonCounts) AddPeriod(m int) {
	if m <= 1 {
		return
	}
	if a.Counts == nil {
		a.Counts = make(map[int]int)
	}
	a.Counts[m]++
}

// Merge adds the counts of b to a. b is not modified.
func (a *SeasonCounts) Merge(b *SeasonCounts) {
	if len(b.Counts) == 0 {
		return
	}
	if a.Counts == nil {
		a.Counts = make(map[int]int, len(b.Counts))
	}
	for m, c := range b.Counts {
		a.Counts[m] += c
	}
}

// Season returns the common seasonal period of the counted series, as
// [CommonSeason] does: setting when positive; otherwise the most common
// period (the shorter on ties), or 1 when no series has one.
func (a *SeasonCounts) Season(setting int) int {
	if setting > 0 {
		return setting
	}
	best, bc := 1, 0
	for p, c := range a.Counts {
		if c > bc || c == bc && p < best {
			best, bc = p, c
		}
	}
	return best
}
