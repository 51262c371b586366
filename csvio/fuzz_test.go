package csvio_test

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tsforecast/tsforecast/csvio"
)

// sharedDataPath returns the path of a file in ../shared/data.
func sharedDataPath(name string) string {
	return filepath.Join("..", "..", "shared", "data", name)
}

// firstLines returns the first n lines of a shared file, each cut to max
// bytes (the M4 rows are 5 kB), or "" when the file is absent.
func firstLines(name string, n, max int) string {
	f, err := os.Open(sharedDataPath(name))
	if err != nil {
		return ""
	}
	defer f.Close()
	var b strings.Builder
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for i := 0; i < n && sc.Scan(); i++ {
		line := sc.Text()
		if len(line) > max {
			line = line[:max]
			line = line[:strings.LastIndexByte(line, ',')]
		}
		b.WriteString(line)
		b.WriteString("\n")
	}
	return b.String()
}

// FuzzRead feeds arbitrary bytes to Read under every layout, policy and
// frequency override, with or without a decimal comma, a ';' delimiter
// and tiny limits (the bits of opts).
// Invariants: no panic; an error is a *ParseError for this file, at most
// 1000 bytes long however long the fields; every
// accepted series is non-empty, finite, in strictly increasing time order
// and aligned with its timestamps and covariates; under MissingError
// nothing is reported missing.
func FuzzRead(f *testing.F) {
	for _, name := range []string{"airline-passengers.csv", "daily-min-temperatures.csv", "monthly-sunspots.csv", "ETTh1.csv", "Hourly-train.csv"} {
		if s := firstLines(name, 5, 200); s != "" {
			f.Add([]byte(s), uint8(0), uint8(0), uint8(0), uint8(0))
			f.Add([]byte(s), uint8(0), uint8(1), uint8(0), uint8(0))
		}
	}
	// Copies of those first lines, so the corpus does not depend on the
	// shared files being present.
	for _, s := range []string{
		"\"Month\",\"Passengers\"\r\n\"1949-01\",112\r\n\"1949-02\",118\r\n\"1949-03\",132",
		"\"Date\",\"Temp\"\r\n\"1981-01-01\",20.7\r\n\"1981-01-02\",17.9\r\n\"1981-01-04\",14.6\r\n",
		"\"Month\",\"Sunspots\"\r\n\"1749-01\",58.0\r\n\"1749-02\",62.6\r\n",
		"date,HUFL,HULL,MUFL,MULL,LUFL,LULL,OT\n2016-07-01 00:00:00,5.827,2.009,1.599,0.462,4.203,1.340,30.531\n2016-07-01 01:00:00,5.693,2.076,1.492,0.426,4.142,1.371,27.787\n",
		"\"V1\",\"V2\",\"V3\",\"V4\"\n\"H1\",\"605\",\"586\",\"\"\n\"H2\",\"3124\",\"\",\"2990\"\n",
		"unique_id,ds,y\nA,2020-01-31,1\nA,2020-03-31,NA\nB,2020-01-31,2\n",
		"\uFEFFds,y\n2020-01-01T00:00:00Z,1\n2020-01-01T00:01:00Z,Inf\n",
	} {
		f.Add([]byte(s), uint8(0), uint8(2), uint8(0), uint8(0))
	}
	f.Add([]byte("ds,y\n2020-01-01 00:00:00,1\n2020-01-01 00:15:00,2\n"), uint8(1), uint8(0), uint8(1), uint8(0))
	f.Add([]byte("date,y\n2020-01-01,1\n2020-03-01,3\n"), uint8(0), uint8(1), uint8(6), uint8(0))
	// Issue 15: UTF-16, CR-only line ends, ';' and decimal commas, an
	// unterminated quote, lowercase M4 headers, limits.
	f.Add([]byte("\xff\xfeM\x00o\x00n\x00t\x00h\x00,\x00y\x00\n\x001\x009\x004\x009\x00-\x000\x001\x00,\x001\x00\n\x00"), uint8(0), uint8(0), uint8(0), uint8(0))
	f.Add([]byte("Month,Passengers\r1949-01,112\r1949-02,118\r"), uint8(0), uint8(0), uint8(0), uint8(0))
	f.Add([]byte("ds;y\n2020-01-01;1,5\n2020-01-02;2,5\n"), uint8(0), uint8(0), uint8(0), uint8(1))
	f.Add([]byte("ds;y\n2020-01-01;1.5\n2020-01-02;2\n"), uint8(0), uint8(0), uint8(0), uint8(2))
	f.Add([]byte("ds,y\n\"2020-01-01,1\n2020-01-02,2\n"), uint8(0), uint8(0), uint8(0), uint8(0))
	f.Add([]byte("v1,v2,v3\nH1,1,2\n"), uint8(0), uint8(0), uint8(0), uint8(0))
	f.Add([]byte("ds,y\n2020-01-01,123456789012345678901234567890\n2020-01-02,1\n"), uint8(0), uint8(0), uint8(0), uint8(4))
	freqs := []string{"", "step", "minutely", "hourly", "daily", "weekly", "monthly", "quarterly", "yearly"}
	f.Fuzz(func(t *testing.T, data []byte, layout, policy, freq, opts uint8) {
		opt := &csvio.LoadOptions{
			Layout:       csvio.Layout(layout % 4),
			Missing:      csvio.MissingPolicy(policy % 3),
			Freq:         freqs[int(freq)%len(freqs)],
			DecimalComma: opts&1 != 0,
		}
		if opts&2 != 0 {
			opt.Comma = ';'
		}
		if opts&4 != 0 {
			opt.MaxFieldBytes, opt.MaxRecordBytes, opt.MaxValues = 16, 64, 64
		}
		ds, err := csvio.Read(bytes.NewReader(data), "fuzz.csv", opt)
		if err != nil {
			var pe *csvio.ParseError
			if !errors.As(err, &pe) || pe.File != "fuzz.csv" || pe.Line < 0 || !strings.HasPrefix(err.Error(), "fuzz.csv") {
				t.Fatalf("Read error %T %q, want a *ParseError for fuzz.csv", err, err)
			}
			if len(err.Error()) > 1000 {
				t.Fatalf("Read error of %d bytes: %.1000s", len(err.Error()), err)
			}
			return
		}
		if len(ds.Series) == 0 {
			t.Fatalf("Read accepted %q with no series", data)
		}
		if opt.Missing == csvio.MissingError && !ds.Report.Empty() {
			t.Fatalf("Read under MissingError returned a report %+v", ds.Report)
		}
		for _, s := range ds.Series {
			if s.Len() == 0 {
				t.Fatalf("Read accepted an empty series %q", s.ID)
			}
			if err := s.Validate(); err != nil {
				t.Fatalf("Read(%q) returned an invalid series: %v", data, err)
			}
		}
	})
}
