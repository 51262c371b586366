package csvio

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"math"
	"slices"
	"strings"
	"testing"
	"time"
)

// records reads every record of r with encoding/csv as the loader
// configures it, and the error that ends the reading (nil at EOF).
func records(r io.Reader) ([][]string, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	var out [][]string
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, rec)
	}
}

// FuzzInput checks that the input layer hands encoding/csv exactly the
// bytes of a UTF-8, LF file: the same records and the same errors as
// reading the bytes directly. Input it changes on purpose (CR line ends,
// byte order marks, NUL bytes) is left out.
func FuzzInput(f *testing.F) {
	for _, s := range []string{
		"ds,y\n2020-01-01,1\n",
		"a,\"b\nc\",d\n\"x\"\"y\",z\n",
		"\"unterminated\n1,2\n",
		"a,b\n1,2\"3\n",
		"\n\na,b\n\n1,2",
		"\"\"\"\",\"\",x\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if bytes.ContainsAny(data, "\r\x00") || bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}) ||
			bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
			t.Skip()
		}
		want, werr := records(bytes.NewReader(data))
		in := newInput(bytes.NewReader(data), 0, "fuzz.csv", ',', math.MaxInt64, math.MaxInt64)
		got, gerr := records(in)
		if !slices.EqualFunc(got, want, slices.Equal[[]string]) {
			t.Fatalf("records through input %q, directly %q", got, want)
		}
		if (gerr == nil) != (werr == nil) || (gerr != nil && gerr.Error() != werr.Error()) {
			t.Fatalf("error through input %v, directly %v", gerr, werr)
		}
		// An unterminated quote is located where it opens: the line of the
		// quote is within the failing record.
		var pe *csv.ParseError
		if errors.As(werr, &pe) && errors.Is(pe.Err, csv.ErrQuote) {
			if line, ok := in.unterminated(); ok && pe.Line == strings.Count(string(data), "\n")+1 && (line < pe.StartLine || line > pe.Line) {
				t.Fatalf("unterminated quote at line %d, outside the record of lines %d-%d", line, pe.StartLine, pe.Line)
			}
		}
	})
}

// FuzzParseFast checks the fast timestamp parser against time.Parse: any
// timestamp it accepts, time.Parse accepts as the same time. (It may
// refuse what time.Parse reads, such as "2020-01-01  0:00" with its
// one-digit hour; time.Parse then reads it.)
func FuzzParseFast(f *testing.F) {
	for _, s := range []string{"2020-01-01 00:00:00", "2020-02-30", "2020-02-29T23:59:59", "1999-12", "0000-01-01", "9999-12-31 23:59", "2020-13-01", "2019-02-29", "2020-01-01 24:00:00"} {
		f.Add(s)
	}
	layouts := slices.Sorted(func(yield func(string) bool) {
		for l := range fastLayouts {
			if !yield(l) {
				return
			}
		}
	})
	f.Fuzz(func(t *testing.T, s string) {
		for _, l := range layouts {
			got, ok := parseFast(fastLayouts[l], s)
			want, err := time.Parse(l, s)
			if ok && (err != nil || got != want) {
				t.Fatalf("parseFast(%q, %q) = %v, time.Parse = %v, %v", l, s, got, want, err)
			}
		}
	})
}

// TestParseFastCalendar checks every day of 1900-2299 (a whole 400-year
// cycle of leap years) in every fast layout
// against time.Parse.
func TestParseFastCalendar(t *testing.T) {
	for d := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() < 2300; d = d.AddDate(0, 0, 1) {
		c := d.Add(time.Duration(d.YearDay()) * 97 * time.Second) // a varied time of day
		for l, fl := range fastLayouts {
			s := c.Format(l)
			got, ok := parseFast(fl, s)
			want, err := time.Parse(l, s)
			if !ok || err != nil || got != want {
				t.Fatalf("parseFast(%q, %q) = %v, %v; time.Parse = %v, %v", l, s, got, ok, want, err)
			}
		}
	}
}

func TestUTF16Reader(t *testing.T) {
	// A surrogate pair split across reads, an unpaired surrogate and an odd
	// final byte.
	le := []byte{'a', 0, 0x3D, 0xD8, 0x00, 0xDE, 0x00, 0xD8, 'b', 0, 'c'}
	for size := 1; size <= len(le); size++ {
		u := &utf16Reader{r: &chunks{b: le, size: size}}
		got, err := io.ReadAll(u)
		if want := "a\U0001F600\uFFFDb\uFFFD"; err != nil || string(got) != want {
			t.Errorf("utf16Reader in chunks of %d = %q, %v; want %q", size, got, err, want)
		}
	}
}

type chunks struct {
	b    []byte
	size int
}

func (c *chunks) Read(p []byte) (int, error) {
	if len(c.b) == 0 {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), c.size)], c.b)
	c.b = c.b[n:]
	return n, nil
}

func TestLineRuns(t *testing.T) {
	lines := []int{2, 3, 4, 7, 8, 10, 11, 12, 13, 20}
	var r lineRuns
	for i, l := range lines {
		r.add(i, l)
	}
	if len(r) != 4 {
		t.Errorf("lineRuns of %v has %d runs, want 4", lines, len(r))
	}
	for i, l := range lines {
		if got := r.at(i); got != l {
			t.Errorf("lineRuns.at(%d) = %d, want %d", i, got, l)
		}
	}
}

func TestClip(t *testing.T) {
	for _, test := range []struct{ in, want string }{
		{"", ""},
		{strings.Repeat("a", 40), strings.Repeat("a", 40)},
		{strings.Repeat("a", 41), strings.Repeat("a", 40) + "…"},
		{strings.Repeat("é", 50), strings.Repeat("é", 40) + "…"},
	} {
		if got := clip(test.in); got != test.want {
			t.Errorf("clip(%q) = %q, want %q", test.in, got, test.want)
		}
	}
}
