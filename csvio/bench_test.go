package csvio_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tsforecast/tsforecast/csvio"
)

// benchCSV returns a single-series file of rows minutely rows: a time
// column and cols value columns.
func benchCSV(rows, cols int) string {
	var b strings.Builder
	b.WriteString("ds")
	for j := range cols {
		fmt.Fprintf(&b, ",c%d", j)
	}
	b.WriteByte('\n')
	t := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range rows {
		b.WriteString(t.Format("2006-01-02 15:04:05"))
		for j := range cols {
			fmt.Fprintf(&b, ",%d.%02d", 100+(i*7+j)%900, i%100)
		}
		b.WriteByte('\n')
		t = t.Add(time.Minute)
	}
	return b.String()
}

// BenchmarkRead reads single-series files of a few shapes: as small as
// airline-passengers, long, wide in columns.
func BenchmarkRead(b *testing.B) {
	for _, c := range []struct {
		name       string
		rows, cols int
	}{
		{"rows=144", 144, 1},
		{"rows=100k", 100_000, 1},
		{"rows=10k/cols=20", 10_000, 20},
		{"rows=3/cols=10k", 3, 10_000},
	} {
		in := benchCSV(c.rows, c.cols)
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				if _, err := csvio.Read(strings.NewReader(in), "bench.csv", nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
