package csvio

import (
	"bufio"
	"io"
	"unicode/utf16"
	"unicode/utf8"
)

// input is the byte stream that encoding/csv reads. It sits between the
// file and the CSV parser and
//
//   - drops a UTF-8 byte order mark and decodes UTF-16 (with a byte order
//     mark) to UTF-8;
//   - turns CR-only line ends (old Mac exports) into LF, when the first line
//     end of the file is a lone CR;
//   - refuses NUL bytes, which no text CSV holds (binary data, /dev/zero,
//     UTF-16 without a byte order mark);
//   - caps the length of a field and of a record, so that a file without
//     line ends or with a stray quote fails with an error instead of
//     growing the parser's buffers without bound;
//   - remembers where the last quoted field opened, so that an
//     unterminated quote is reported on the line where it opens.
//
// To know where fields and records end it follows the quoting as
// encoding/csv does: a quote toggles the quoted state ("" inside quotes
// toggles twice), and a line end or delimiter outside quotes ends a record
// or a field. It reads ahead of the parser, so its state is never behind.
type input struct {
	src  io.Reader
	file string

	comma     byte // ASCII delimiter, or 0 when the delimiter is not ASCII
	maxField  int64
	maxRecord int64

	line      int  // line of the next byte, 1-based
	inQuote   bool // inside a quoted field
	quoteLine int  // line where the current (or last) quoted field opened
	prev      byte
	field     int64 // bytes of the current field so far
	record    int64 // bytes of the current record so far
	fieldLine int   // line where the current field started
	recLine   int   // line where the current record started

	decided bool // whether the line ends are known (LF or CR-only)
	crOnly  bool

	eof bool  // src returned io.EOF
	err error // sticky error of the limits and checks

	special [256]bool // the bytes Read must look at: line ends, quote, NUL, comma
}

// bufSize returns the size of a read buffer for an input of hint bytes
// (0 when unknown): 64 KiB, or less for a small input, but no less than
// least.
func bufSize(hint int64, least int) int {
	const most = 64 << 10
	if hint <= 0 || hint >= most {
		return most
	}
	return max(int(hint)+1, least)
}

// newInput wraps r, of hint bytes (0 when unknown): it detects a byte
// order mark and sets the limits.
func newInput(r io.Reader, hint int64, file string, comma rune, maxField, maxRecord int64) *input {
	br := bufio.NewReaderSize(r, bufSize(hint, 64))
	in := &input{file: file, line: 1, fieldLine: 1, recLine: 1, maxField: maxField, maxRecord: maxRecord}
	if comma < utf8.RuneSelf {
		in.comma = byte(comma)
	}
	for _, c := range []byte{'\n', '\r', '"', 0, in.comma} {
		in.special[c] = true
	}
	b, _ := br.Peek(3)
	switch {
	case len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF:
		br.Discard(3)
		in.src = br
	case len(b) >= 2 && b[0] == 0xFF && b[1] == 0xFE:
		br.Discard(2)
		in.src = bufio.NewReaderSize(&utf16Reader{r: br}, 64<<10)
	case len(b) >= 2 && b[0] == 0xFE && b[1] == 0xFF:
		br.Discard(2)
		in.src = bufio.NewReaderSize(&utf16Reader{r: br, bigEndian: true}, 64<<10)
	default:
		in.src = br
	}
	return in
}

func (in *input) Read(p []byte) (int, error) {
	if in.err != nil {
		return 0, in.err
	}
	n, err := in.src.Read(p)
	if err == io.EOF {
		in.eof = true
	}
	for i := 0; i < n; i++ {
		// Skip the run of ordinary bytes in one step.
		j := i
		for j < n && !in.special[p[j]] {
			j++
		}
		if j > i {
			span := int64(j - i)
			in.field += span
			in.record += span
			in.prev = p[j-1]
			if err := in.checkLimits(); err != nil {
				return i, err
			}
			if i = j; i == n {
				break
			}
		}
		c := p[i]
		switch c {
		case '\n':
			in.decided = true
			in.newline()
			continue
		case '\r':
			if !in.decided && !in.inQuote {
				// The first line end decides: a CR outside quotes followed
				// by anything but LF makes the file CR-only.
				var next []byte
				if i+1 < n {
					next = p[i+1 : i+2]
				} else if br, ok := in.src.(*bufio.Reader); ok {
					next, _ = br.Peek(1)
				}
				in.decided = true
				in.crOnly = len(next) == 1 && next[0] != '\n'
			}
			if in.crOnly {
				p[i] = '\n'
				in.newline()
				continue
			}
		case '"':
			if in.inQuote {
				in.inQuote = false
			} else {
				in.inQuote = true
				if in.prev != '"' || in.field == 0 {
					in.quoteLine = in.line
				}
			}
		case 0:
			in.err = perr(in.file, in.line, "", ErrEncoding, "NUL byte in the input: not a text file (binary data, or UTF-16 without a byte order mark?)")
			return i, in.err
		case in.comma:
			if !in.inQuote {
				in.prev = c
				in.field = 0
				in.fieldLine = in.line
				in.record++
				continue
			}
		}
		in.prev = c
		in.field++
		in.record++
		if err := in.checkLimits(); err != nil {
			return i, err
		}
	}
	return n, err
}

// checkLimits sets and returns the error of a field or record beyond its
// limit.
func (in *input) checkLimits() error {
	switch {
	case in.field > in.maxField:
		in.err = perr(in.file, in.fieldLine, "", ErrLimit, "field longer than %d bytes (a stray quote, or a file without line ends?); set MaxFieldBytes to read it", in.maxField)
	case in.record > in.maxRecord:
		in.err = perr(in.file, in.recLine, "", ErrLimit, "record longer than %d bytes; set MaxRecordBytes to read it", in.maxRecord)
	}
	return in.err
}

// newline accounts for a line end (already LF).
func (in *input) newline() {
	in.line++
	in.prev = '\n'
	if in.inQuote {
		in.field++
		in.record++
		return
	}
	in.field, in.record = 0, 0
	in.fieldLine, in.recLine = in.line, in.line
}

// unterminated reports whether the input ended inside a quoted field, and
// the line where that field opened.
func (in *input) unterminated() (int, bool) {
	return in.quoteLine, in.eof && in.inQuote && in.err == nil
}

// utf16Reader decodes UTF-16 (little-endian unless bigEndian) to UTF-8.
// Unpaired surrogates and a final odd byte become U+FFFD.
type utf16Reader struct {
	r         io.Reader
	bigEndian bool
	buf       [32 << 10]byte
	pend      int    // undecoded bytes at the start of buf
	dec       []byte // decoded bytes
	out       []byte // the part of dec not yet returned
	err       error
}

func (u *utf16Reader) Read(p []byte) (int, error) {
	for len(u.out) == 0 {
		if u.err != nil {
			return 0, u.err
		}
		n, err := u.r.Read(u.buf[u.pend:])
		n += u.pend
		if err != nil {
			u.err = err
		}
		u.out = u.dec[:0]
		i := 0
		for ; i+1 < n; i += 2 {
			r := rune(u.unit(i))
			if utf16.IsSurrogate(r) {
				if r < 0xDC00 && i+3 < n {
					if dec := utf16.DecodeRune(r, rune(u.unit(i+2))); dec != utf8.RuneError {
						u.out = utf8.AppendRune(u.out, dec)
						i += 2
						continue
					}
				} else if r < 0xDC00 && u.err == nil {
					break // the pair continues in the next read
				}
				r = utf8.RuneError
			}
			u.out = utf8.AppendRune(u.out, r)
		}
		u.dec = u.out
		u.pend = copy(u.buf[:], u.buf[i:n])
		if u.err != nil && u.pend > 0 {
			u.out = utf8.AppendRune(u.out, utf8.RuneError)
			u.pend = 0
		}
		if n == 0 && err == nil {
			return 0, nil
		}
	}
	n := copy(p, u.out)
	u.out = u.out[n:]
	return n, nil
}

func (u *utf16Reader) unit(i int) uint16 {
	if u.bigEndian {
		return uint16(u.buf[i])<<8 | uint16(u.buf[i+1])
	}
	return uint16(u.buf[i]) | uint16(u.buf[i+1])<<8
}
