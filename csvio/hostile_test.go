package csvio_test

// Tests of issue 15 (items 6-9, 14, 15): encodings and line ends,
// delimiters, limits on hostile input, cancellation, wide headers, time
// zones. Each names the item it covers; each failed on the loader before
// the issue (gota tables, no limits, no context).

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/tsforecast/tsforecast/csvio"
	"github.com/tsforecast/tsforecast/forecast"
)

const airline3 = "Month,Passengers\r\n1949-01,112\r\n1949-02,118\r\n1949-03,132\r\n"

var airline3Times = []time.Time{date(1949, 1, 1), date(1949, 2, 1), date(1949, 3, 1)}

func utf16Bytes(s string, bigEndian bool) []byte {
	var b []byte
	if bigEndian {
		b = []byte{0xFE, 0xFF}
	} else {
		b = []byte{0xFF, 0xFE}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if bigEndian {
			b = binary.BigEndian.AppendUint16(b, u)
		} else {
			b = binary.LittleEndian.AppendUint16(b, u)
		}
	}
	return b
}

// checkAirline3 checks a read of airline3 in some encoding.
func checkAirline3(t *testing.T, name string, ds *csvio.Dataset, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	s := ds.Series[0]
	if s.ID != "Passengers" || s.Freq != forecast.Monthly || !equalValues(s.Values, []float64{112, 118, 132}) || !slices.EqualFunc(s.Times, airline3Times, time.Time.Equal) {
		t.Errorf("%s: series %q %v = %v at %v", name, s.ID, s.Freq, s.Values, s.Times)
	}
}

// TestReadEncodingsHostile: UTF-16 with a byte order mark (Excel's
// "Unicode text") and CR-only line ends (classic Mac) read as the UTF-8
// file does (issue 15, item 15).
func TestReadEncodingsHostile(t *testing.T) {
	for name, in := range map[string][]byte{
		"utf-16le":         utf16Bytes(airline3, false),
		"utf-16be":         utf16Bytes(airline3, true),
		"utf-16le cr-only": utf16Bytes(strings.ReplaceAll(airline3, "\r\n", "\r"), false),
		"cr-only":          []byte(strings.ReplaceAll(airline3, "\r\n", "\r")),
		"cr-only no final": []byte(strings.TrimSuffix(strings.ReplaceAll(airline3, "\r\n", "\r"), "\r")),
		"cr-only bom":      []byte("\uFEFF" + strings.ReplaceAll(airline3, "\r\n", "\r")),
	} {
		ds, err := csvio.Read(strings.NewReader(string(in)), "enc.csv", nil)
		checkAirline3(t, name, ds, err)
		// One byte at a time, as a pipe may deliver it.
		ds, err = csvio.Read(&oneByte{strings.NewReader(string(in))}, "enc.csv", nil)
		checkAirline3(t, name+" one byte at a time", ds, err)
	}
	// A CR inside quotes before the first line end is data.
	ds, err := csvio.Read(strings.NewReader("ds,y,\"a\rb\"\n2020-01-01,1,x\n2020-01-02,2,y\n"), "q.csv", &csvio.LoadOptions{Target: "y"})
	if err != nil || ds.Series[0].Len() != 2 {
		t.Errorf("Read(CR in a quoted header) = %v", err)
	}
	// Line numbers count CR-only lines.
	in := "ds,y\r2020-01-01,1\r2020-01-02,x\r"
	_, err = csvio.Read(strings.NewReader(in), "cr.csv", nil)
	if pe := parseError(t, err); pe.Line != 3 || pe.Column != "y" {
		t.Errorf("Read(%q) error %v, want line 3 column y", in, err)
	}
	// UTF-16 without a byte order mark, or binary data: a clear error.
	for name, in := range map[string]string{
		"utf-16 without bom": string(utf16Bytes(airline3, false)[2:]),
		"binary":             "ds,y\n2020-01-01,1\x00\x01\x02\n",
	} {
		_, err := csvio.Read(strings.NewReader(in), "bin.csv", nil)
		if !errors.Is(err, csvio.ErrEncoding) || !strings.Contains(err.Error(), "NUL byte") {
			t.Errorf("Read(%s) error %v, want ErrEncoding naming the NUL byte", name, err)
		}
	}
}

type oneByte struct{ r io.Reader }

func (o *oneByte) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	return o.r.Read(p[:1])
}

func parseError(t *testing.T, err error) *csvio.ParseError {
	t.Helper()
	var pe *csvio.ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("error %T %v, want a *ParseError", err, err)
	}
	return pe
}

// TestReadDelimiters: a ';' or tab separated file read with the default
// delimiter says which delimiter to set, instead of `invalid number
// "1949-01;112"`; DecimalComma reads "1,5" (issue 15, item 15).
func TestReadDelimiters(t *testing.T) {
	for _, test := range []struct {
		in, want string
	}{
		{"Month;Passengers\n1949-01;112\n", `semi.csv:1: the header "Month;Passengers" has no ',' but has ';': the file looks ';'-separated; set Comma to ';'`},
		{"Month\tPassengers\n1949-01\t112\n", `semi.csv:1: the header "Month\tPassengers" has no ',' but has tabs: the file looks tab-separated; set Comma to '\t'`},
		{"ds;y\n2020-01-01;1,5\n", `semi.csv:1: the header "ds;y" has no ',' but has ';': the file looks ';'-separated; set Comma to ';'`},
	} {
		_, err := csvio.Read(strings.NewReader(test.in), "semi.csv", nil)
		if err == nil || err.Error() != test.want || !errors.Is(err, csvio.ErrSyntax) {
			t.Errorf("Read(%q) error\n%v\nwant\n%s", test.in, err, test.want)
		}
	}
	// With the delimiter set, the same files load.
	ds := mustRead(t, "Month;Passengers\n1949-01;112\n1949-02;118\n", &csvio.LoadOptions{Comma: ';'})
	if !equalValues(ds.Series[0].Values, []float64{112, 118}) {
		t.Errorf("Read(';', Comma ';') = %v", ds.Series[0].Values)
	}
	// A single column with no ';' or tab is a plain single-column file.
	mustRead(t, "y\n1\n2\n", nil)

	// Decimal commas: ';' is then the default delimiter.
	in := "ds;y;x\n2020-01-01;1,5;-2\n2020-01-02;\"2,25\";1e3\n2020-01-03;NA;0,5\n"
	ds = mustRead(t, in, &csvio.LoadOptions{DecimalComma: true, Missing: csvio.MissingFFill, Covariates: []string{"x"}})
	if s := ds.Series[0]; !equalValues(s.Values, []float64{1.5, 2.25, 2.25}) || !equalValues(s.Covariates[0].Values, []float64{-2, 1000, 0.5}) {
		t.Errorf("Read(%q, DecimalComma) = %v, %v", in, s.Values, s.Covariates[0].Values)
	}
	ds = mustRead(t, "ds\ty\n2020-01-01\t1,5\n2020-01-02\t3\n", &csvio.LoadOptions{DecimalComma: true, Comma: '\t'})
	if !equalValues(ds.Series[0].Values, []float64{1.5, 3}) {
		t.Errorf("Read(tab, DecimalComma) = %v", ds.Series[0].Values)
	}
	for _, test := range []struct {
		in   string
		opt  *csvio.LoadOptions
		want string
	}{
		{"ds;y\n2020-01-01;1.5\n", &csvio.LoadOptions{DecimalComma: true},
			`dec.csv:2: column "y": invalid number "1.5": with DecimalComma a '.' is not allowed (a thousands separator?)`},
		{"ds;y\n2020-01-01;1,5\n", &csvio.LoadOptions{Comma: ';'},
			`dec.csv:2: column "y": invalid number "1,5" (a decimal comma? set DecimalComma)`},
		{"ds;y\n2020-01-01;1,2,3\n", &csvio.LoadOptions{DecimalComma: true},
			`dec.csv:2: column "y": invalid number "1,2,3"`},
	} {
		_, err := csvio.Read(strings.NewReader(test.in), "dec.csv", test.opt)
		if err == nil || err.Error() != test.want {
			t.Errorf("Read(%q, %+v) error\n%v\nwant\n%s", test.in, *test.opt, err, test.want)
		}
	}
	for _, opt := range []*csvio.LoadOptions{{DecimalComma: true, Comma: ','}, {Comma: '"'}, {Comma: '\n'}} {
		if _, err := csvio.Read(strings.NewReader("y\n1\n"), "x", opt); err == nil {
			t.Errorf("Read with %+v succeeded, want an error", *opt)
		}
	}
}

// TestReadLowercaseWide: M4 headers written as v1,v2 are wide too (issue
// 15, item 15).
func TestReadLowercaseWide(t *testing.T) {
	ds := mustRead(t, "v1,v2,v3\nH1,1,2\nH2,3,\n", nil)
	if ds.Layout != csvio.LayoutWide || len(ds.Series) != 2 || !equalValues(ds.Series[1].Values, []float64{3}) {
		t.Errorf("Read(v1,v2,v3) layout %v, %d series", ds.Layout, len(ds.Series))
	}
	for _, h := range []string{"v1,v3", "v1,V2x", "v0,v1", "V1"} {
		if ds, err := csvio.Read(strings.NewReader(h+"\n1,2\n"), "x", nil); err == nil && ds.Layout == csvio.LayoutWide {
			t.Errorf("Read(%s) detected the wide layout", h)
		}
	}
}

// TestReadUnterminatedQuote: the error names the line where the quote
// opens, not the last line of the file (issue 15, item 15).
func TestReadUnterminatedQuote(t *testing.T) {
	for _, test := range []struct {
		in   string
		line int
	}{
		{"ds,y\n\"2020-01-01,1\n2020-01-02,2\n2020-01-03,3\n", 2},
		{"ds,y\n2020-01-01,1\n2020-01-02,\"2\n2020-01-03,3", 3},
		// An earlier quoted field spanning lines, and escaped quotes
		// inside the unterminated one.
		{"ds,y,note\n2020-01-01,1,\"two\nlines\"\n2020-01-02,2,\"a \"\"b\"\"\nc\n", 4},
		{"V1,V2\r\nH1,1\r\nH2,\"3\r\n", 3},
	} {
		_, err := csvio.Read(strings.NewReader(test.in), "q.csv", &csvio.LoadOptions{Target: "y"})
		if strings.HasPrefix(test.in, "V1") {
			_, err = csvio.Read(strings.NewReader(test.in), "q.csv", nil)
		}
		pe := parseError(t, err)
		if pe.Line != test.line || !errors.Is(err, csvio.ErrSyntax) || !strings.Contains(err.Error(), "never closed") {
			t.Errorf("Read(%q) error %v, want line %d and \"never closed\"", test.in, err, test.line)
		}
	}
	// An extraneous quote in mid-file is still reported where it is.
	in := "ds,y\n2020-01-01,\"1\"x\n2020-01-02,\"2\n"
	if pe := parseError(t, func() error { _, err := csvio.Read(strings.NewReader(in), "q.csv", nil); return err }()); pe.Line != 2 {
		t.Errorf("Read(%q) error on line %d, want 2", in, pe.Line)
	}
}

// repeatReader repeats a pattern forever.
type repeatReader struct {
	pat []byte
	off int
	n   int64 // bytes delivered
}

func (r *repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = r.pat[r.off]
		r.off = (r.off + 1) % len(r.pat)
	}
	r.n += int64(len(p))
	return len(p), nil
}

// TestReadLimits: input that never ends, or a huge field, fails fast with
// a short message instead of filling memory (issue 15, item 9:
// /dev/zero, `yes 1`, a 100 MB field echoed into the error).
func TestReadLimits(t *testing.T) {
	for _, test := range []struct {
		name string
		r    io.Reader
		opt  *csvio.LoadOptions
		kind error
		line int
		sub  string
	}{
		{"dev zero", &repeatReader{pat: []byte{0}}, nil, csvio.ErrEncoding, 1, "NUL byte"},
		{"no line end", &repeatReader{pat: []byte("ds,y,")}, &csvio.LoadOptions{MaxRecordBytes: 1 << 20}, csvio.ErrLimit, 1, "record longer than 1048576 bytes"},
		{"one endless field", &repeatReader{pat: []byte("1")}, nil, csvio.ErrLimit, 1, "field longer than 1048576 bytes"},
		{"endless quoted field", io.MultiReader(strings.NewReader("ds,y\n2020-01-01,\"1\n"), &repeatReader{pat: []byte("1\n")}), nil, csvio.ErrLimit, 2, "field longer"},
		{"yes 1", &repeatReader{pat: []byte("1\n")}, &csvio.LoadOptions{MaxValues: 100000}, csvio.ErrLimit, 100002, "more than 100000 values"},
		{"wide values", strings.NewReader("V1,V2,V3\nA,1,2\nB,3,4\nC,5,6\n"), &csvio.LoadOptions{MaxValues: 5}, csvio.ErrLimit, 4, "more than 5 values"},
		{"small field limit", strings.NewReader("ds,y\n2020-01-01,12345\n"), &csvio.LoadOptions{MaxFieldBytes: 4}, csvio.ErrLimit, 2, "field longer than 4 bytes"},
		{"small record limit", strings.NewReader("ds,y\n2020-01-01,12345\n"), &csvio.LoadOptions{MaxRecordBytes: 10}, csvio.ErrLimit, 2, "record longer than 10 bytes"},
	} {
		t.Run(test.name, func(t *testing.T) {
			_, err := csvio.Read(test.r, "big.csv", test.opt)
			pe := parseError(t, err)
			if !errors.Is(err, test.kind) || pe.Line != test.line || !strings.Contains(err.Error(), test.sub) {
				t.Errorf("Read error %v (line %d), want %v on line %d containing %q", err, pe.Line, test.kind, test.line, test.sub)
			}
			if len(err.Error()) > 300 {
				t.Errorf("Read error is %d bytes long", len(err.Error()))
			}
		})
	}
	// Unlimited when negative: a 2 MiB field loads.
	long := "1." + strings.Repeat("0", 2<<20)
	ds, err := csvio.Read(strings.NewReader("y\n"+long[:300]+"\n"+long+"\n"), "big.csv", &csvio.LoadOptions{MaxFieldBytes: -1, MaxRecordBytes: -1})
	if err != nil || !equalValues(ds.Series[0].Values, []float64{1, 1}) {
		t.Errorf("Read with no limits: %.300v", err)
	}
}

// TestReadEchoClipped: a huge token is clipped in the message (issue 15,
// item 9: a 100 MB field was echoed whole).
func TestReadEchoClipped(t *testing.T) {
	huge := strings.Repeat("x", 500<<10)
	for _, in := range []string{
		"ds,y\n2020-01-01," + huge + "\n",
		"ds,y\n" + huge + ",1\n",
		"unique_id,ds,y\n" + huge + ",2020-01-01,1\n" + huge + ",2020-01-01,1\n",
		"V1,V2\n" + huge + ",1\n" + huge + ",2\n",
		"ds," + huge + "\n2020-01-01,x\n",
	} {
		_, err := csvio.Read(strings.NewReader(in), "clip.csv", nil)
		if err == nil {
			t.Errorf("Read(%.40q...) succeeded", in)
			continue
		}
		if msg := err.Error(); len(msg) > 300 || !strings.Contains(msg, "xxx…") {
			t.Errorf("Read(%.40q...) error of %d bytes: %.300s", in, len(msg), msg)
		}
	}
}

// cancelReader serves an endless minutely series and cancels its context
// after n bytes.
type cancelReader struct {
	n      int64
	cancel context.CancelFunc
	t      time.Time
	sent   int64
	buf    []byte
}

func (r *cancelReader) Read(p []byte) (int, error) {
	if r.sent == 0 {
		r.buf = append(r.buf, "ds,y\n"...)
	}
	for len(r.buf) < len(p) {
		r.buf = r.t.AppendFormat(r.buf, "2006-01-02 15:04:05")
		r.buf = append(r.buf, ",1\n"...)
		r.t = r.t.Add(time.Minute)
	}
	n := copy(p, r.buf)
	r.buf = r.buf[:copy(r.buf, r.buf[n:])]
	r.sent += int64(n)
	if r.sent > r.n && r.cancel != nil {
		r.cancel()
		r.cancel = nil
	}
	return n, nil
}

// TestReadContext: loading stops when its context is done (issue 15,
// item 7: Ctrl-C during a 300 MB load ran to the end).
func TestReadContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := csvio.ReadContext(ctx, strings.NewReader(airline3), "a.csv", nil); !errors.Is(err, context.Canceled) {
		t.Errorf("ReadContext(cancelled) = %v, want context.Canceled", err)
	}
	if _, err := csvio.ReadFileContext(ctx, "testdata/does-not-exist.csv", nil); err == nil {
		t.Errorf("ReadFileContext(cancelled, missing file) succeeded")
	}
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	r := &cancelReader{n: 1 << 20, cancel: cancel, t: date(2020, 1, 1)}
	_, err := csvio.ReadContext(ctx, r, "endless.csv", nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("ReadContext(endless, cancelled after 1 MiB) = %v, want context.Canceled", err)
	}
	if r.sent > 2<<20 {
		t.Errorf("ReadContext read %d bytes after the cancel at 1 MiB", r.sent)
	}
}

// TestReadManyColumns: a single file of 100k columns loads in time linear
// in the columns (issue 15, item 8: 10k columns took 1.7 s, 30k 11.9 s and
// 100k more than 100 s with a linear lookup per column). The bound is
// loose for loaded machines; the linear loader takes well under a second.
func TestReadManyColumns(t *testing.T) {
	const cols = 100_000
	var b strings.Builder
	b.WriteString("ds")
	for j := 1; j < cols; j++ {
		fmt.Fprintf(&b, ",c%d", j)
	}
	for i := 1; i <= 3; i++ {
		fmt.Fprintf(&b, "\n2020-01-0%d", i)
		for j := 1; j < cols; j++ {
			b.WriteString(",1")
		}
	}
	in := b.String()
	start := time.Now()
	ds := mustRead(t, in, &csvio.LoadOptions{Target: "c1", AllCovariates: true})
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("Read of %d columns took %v", cols, d)
	}
	s := ds.Series[0]
	if s.Target != "c1" || len(s.Covariates) != cols-2 || s.Covariates[cols-3].Name != "c99999" || s.Len() != 3 {
		t.Errorf("Read of %d columns: target %q, %d covariates", cols, s.Target, len(s.Covariates))
	}
	// Without a target the error names the first dozen candidates only.
	if _, err := csvio.Read(strings.NewReader(in), "wide.csv", nil); !errors.Is(err, csvio.ErrTarget) || len(err.Error()) > 300 {
		t.Errorf("Read without a target: %.300v (%d bytes), want ErrTarget in at most 300 bytes", err, len(err.Error()))
	}
	// Covariates listing them all is linear too.
	names := make([]string, 0, cols)
	for j := cols - 1; j >= 1; j-- {
		names = append(names, "c"+fmt.Sprint(j))
	}
	ds = mustRead(t, in, &csvio.LoadOptions{Covariates: names, Target: "c5"})
	if s := ds.Series[0]; s.Target != "c5" || len(s.Covariates) != cols-2 || s.Covariates[0].Name != "c99999" {
		t.Errorf("Read(Columns in reverse): target %q, %d covariates, first %q", s.Target, len(s.Covariates), s.Covariates[0].Name)
	}
}

// TestReadMemory: reading a single-series file allocates a small multiple
// of its size (issue 15, item 6: gota took 12.5 times the file size in RSS).
// The bound, 4 times the file, leaves room for the record strings of
// encoding/csv (about 1×), the timestamps (24 bytes a row, 0.8×) and the
// values (8 bytes, 0.3×).
func TestReadMemory(t *testing.T) {
	const rows = 200_000
	var b strings.Builder
	b.WriteString("ds,y\n")
	tm := date(2020, 1, 1)
	for i := range rows {
		fmt.Fprintf(&b, "%s,%d.%04d\n", tm.Format("2006-01-02 15:04:05"), 1000+i%700, i%10000)
		tm = tm.Add(time.Minute)
	}
	in := b.String()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	ds, err := csvio.Read(strings.NewReader(in), "mem.csv", nil)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if s := ds.Series[0]; s.Len() != rows || s.Freq != forecast.Minutely {
		t.Fatalf("Read = %d values, freq %v", s.Len(), s.Freq)
	}
	alloc := after.TotalAlloc - before.TotalAlloc
	if ratio := float64(alloc) / float64(len(in)); ratio > 4 {
		t.Errorf("Read of %d bytes allocated %d bytes (%.2f× the file), want at most 4×", len(in), alloc, ratio)
	}
}

// TestReadFractionalSeconds: fractional seconds survive parsing with every
// layout that has seconds (issue 15, item 14; the loader kept them, the
// CLI's output layouts drop them).
func TestReadFractionalSeconds(t *testing.T) {
	for _, in := range []string{
		"ds,y\n2020-01-01 00:00:00.250,1\n2020-01-01 00:00:01.250,2\n",
		"ds,y\n2020-01-01T00:00:00.250Z,1\n2020-01-01T00:00:01.250Z,2\n",
		"ds,y\n2020-01-01T00:00:00.25,1\n2020-01-01T00:00:01.25,2\n",
	} {
		ds := mustRead(t, in, &csvio.LoadOptions{Freq: "step"})
		s := ds.Series[0]
		want := time.Date(2020, 1, 1, 0, 0, 1, 250e6, time.UTC)
		if !s.Times[1].Equal(want) {
			t.Errorf("Read(%q) second time %v, want %v", in, s.Times[1], want)
		}
	}
	// Minutely data at .5 s past the minute stays on its grid.
	ds := mustRead(t, "ds,y\n2020-01-01 00:00:00.5,1\n2020-01-01 00:01:00.5,2\n", nil)
	if s := ds.Series[0]; s.Freq != forecast.Minutely || s.Times[0].Nanosecond() != 5e8 {
		t.Errorf("minutely with fractions: freq %v, first %v", s.Freq, s.Times[0])
	}
	if ds.TimeLayout != "2006-01-02 15:04:05" {
		t.Errorf("Dataset.TimeLayout = %q", ds.TimeLayout)
	}
}

// TestReadDSTFill: timestamps inserted into a gap after a change of UTC
// offset keep the local clock of the data (issue 15, item 14): daily data
// at local midnight, +01:00 before 2020-03-29 and +02:00 after, with
// 2020-04-01 missing, gets 2020-04-01T00:00:00+02:00, not the +01:00 of the
// first row (01:00 local).
func TestReadDSTFill(t *testing.T) {
	in := "ds,y\n2020-03-28T00:00:00+01:00,1\n2020-03-29T00:00:00+01:00,2\n2020-03-30T00:00:00+02:00,3\n2020-03-31T00:00:00+02:00,4\n2020-04-02T00:00:00+02:00,6\n"
	ds := mustRead(t, in, &csvio.LoadOptions{Missing: csvio.MissingInterpolate})
	s := ds.Series[0]
	want := time.Date(2020, 4, 1, 0, 0, 0, 0, time.FixedZone("", 2*3600))
	if got := s.Times[4]; !got.Equal(want) || got.Format(time.RFC3339) != "2020-04-01T00:00:00+02:00" {
		t.Errorf("filled time %v, want %v", got, want)
	}
	if g := ds.Report.Gaps[0]; !g.Start.Equal(want) {
		t.Errorf("gap starts %v, want %v", g.Start, want)
	}
	if !equalValues(s.Values, []float64{1, 2, 3, 4, 5, 6}) {
		t.Errorf("values %v", s.Values)
	}
}
