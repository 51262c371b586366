package tsfbeam

import (
	"time"

	"github.com/tsforecast/tsforecast/csvio"
	"github.com/tsforecast/tsforecast/forecast"
)

// Stamps are timestamps in a form every Beam coder carries: Unix
// seconds, nanoseconds (nil when all are 0) and UTC offsets in seconds
// (nil when every timestamp is in UTC). A nil Sec means no timestamps.
type Stamps struct {
	Sec  []int64
	Nsec []int32
	Off  []int32
}

// toStamps returns the Stamps of ts.
func toStamps(ts []time.Time) Stamps {
	if ts == nil {
		return Stamps{}
	}
	st := Stamps{Sec: make([]int64, len(ts))}
	for i, t := range ts {
		st.Sec[i] = t.Unix()
		if ns := t.Nanosecond(); ns != 0 {
			if st.Nsec == nil {
				st.Nsec = make([]int32, len(ts))
			}
			st.Nsec[i] = int32(ns)
		}
		if t.Location() != time.UTC {
			if st.Off == nil {
				st.Off = make([]int32, len(ts))
			}
			_, off := t.Zone()
			st.Off[i] = int32(off)
		}
	}
	return st
}

// Times returns the timestamps of st, in UTC or in a fixed zone of their
// offset, or nil.
func (st *Stamps) Times() []time.Time {
	if st.Sec == nil {
		return nil
	}
	out := make([]time.Time, len(st.Sec))
	for i, s := range st.Sec {
		var ns int64
		if st.Nsec != nil {
			ns = int64(st.Nsec[i])
		}
		t := time.Unix(s, ns).UTC()
		if st.Off != nil {
			t = t.In(time.FixedZone("", int(st.Off[i])))
		}
		out[i] = t
	}
	return out
}

// Series is a series between the steps of the pipeline: its values, its
// timestamps and frequency, and the file and line it was read from (the
// line of its first row for a long file).
type Series struct {
	ID     string
	Target string
	Freq   int
	Values []float64
	Times  Stamps
	File   string
	Line   int
}

// toSeries returns the element of s, read from file at line.
func toSeries(s *forecast.Series, file string, line int) Series {
	return Series{ID: s.ID, Target: s.Target, Freq: int(s.Freq), Values: s.Values, Times: toStamps(s.Times), File: file, Line: line}
}

// Series returns the forecast.Series of e.
func (e *Series) Series() *forecast.Series {
	return &forecast.Series{ID: e.ID, Target: e.Target, Freq: forecast.Freq(e.Freq), Values: e.Values, Times: e.Times.Times()}
}

// Row is one row of a long file ([csvio.LongRow]) between the steps of
// the pipeline.
type Row struct {
	ID      string
	Sec     int64
	Nsec    int32
	Off     int32
	Zoned   bool
	Value   float64
	Missing bool
	Token   string
	File    string
	Line    int
}

func toRow(r csvio.LongRow) Row {
	_, off := r.Time.Zone()
	return Row{ID: r.ID, Sec: r.Time.Unix(), Nsec: int32(r.Time.Nanosecond()), Off: int32(off), Zoned: r.Time.Location() != time.UTC,
		Value: r.Value, Missing: r.Missing, Token: r.Token, File: r.File, Line: r.Line}
}

func (r *Row) longRow() csvio.LongRow {
	t := time.Unix(r.Sec, int64(r.Nsec)).UTC()
	if r.Zoned {
		t = t.In(time.FixedZone("", int(r.Off)))
	}
	return csvio.LongRow{ID: r.ID, Time: t, Value: r.Value, Missing: r.Missing, Token: r.Token, File: r.File, Line: r.Line}
}

// Forecast is the forecast of one series, as [csvio.WriteForecasts]
// writes it, with the file and line of the series.
type Forecast struct {
	ID         string
	Point      []float64
	Times      Stamps
	TimeLayout string
	File       string
	Line       int
}

func (f *Forecast) csv() csvio.Forecast {
	return csvio.Forecast{ID: f.ID, Point: f.Point, Times: f.Times.Times(), TimeLayout: f.TimeLayout}
}

// Spacing is the smallest spacing of consecutive timestamps of a series
// (Nanos 0 when it has fewer than two), with the row where it ends.
type Spacing struct {
	Nanos int64
	File  string
	Line  int
}

// less reports whether a is a smaller spacing than b, a missing one
// being the largest; ties go to the earlier file and line, so that the
// result does not depend on the order of merging.
func (a Spacing) less(b Spacing) bool {
	switch {
	case a.Nanos == 0:
		return false
	case b.Nanos == 0:
		return true
	case a.Nanos != b.Nanos:
		return a.Nanos < b.Nanos
	case a.File != b.File:
		return a.File < b.File
	}
	return a.Line < b.Line
}
