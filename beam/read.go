package tsfbeam

import (
	"context"
	"fmt"
	"io"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"

	"github.com/tsforecast/tsforecast/csvio"
)

// expandFn emits the files a glob matches, and fails when it matches
// none.
type expandFn struct{}

func (*expandFn) ProcessElement(ctx context.Context, glob string, emit func(string)) error {
	files, err := listFiles(ctx, glob)
	if err != nil {
		return err
	}
	for _, f := range files {
		emit(f)
	}
	return nil
}

// open returns a record reader of file, checked against the format the
// pipeline was built for, and a function that closes the file.
func open(ctx context.Context, file string, lo LoadOptions, want csvio.Format) (*csvio.RecordReader, func(), error) {
	fs, err := filesystem.New(ctx, file)
	if err != nil {
		return nil, nil, fmt.Errorf("tsfbeam: %s: %w", file, err)
	}
	r, err := fs.OpenRead(ctx, file)
	if err != nil {
		fs.Close()
		return nil, nil, fmt.Errorf("tsfbeam: %w", err)
	}
	done := func() { r.Close(); fs.Close() }
	rr, err := csvio.NewRecordReaderContext(ctx, r, file, lo.csvio())
	if err != nil {
		done()
		return nil, nil, err
	}
	got := rr.Format()
	if got.Layout != want.Layout || (want.Layout == csvio.LayoutLong && !slices.Equal(got.Header, want.Header)) {
		done()
		return nil, nil, &csvio.ParseError{File: file, Line: 1, Err: csvio.ErrColumn,
			Msg: fmt.Sprintf("a %s file with header %q, but the input is %s with header %q (every file of a glob needs the same layout and columns)", got.Layout, got.Header, want.Layout, want.Header)}
	}
	return rr, done, nil
}

// readWideFn reads the series of a wide file, one per row.
type readWideFn struct {
	Load   LoadOptions
	Format csvio.Format
}

func (f *readWideFn) ProcessElement(ctx context.Context, file string, emit func(Series)) error {
	rr, done, err := open(ctx, file, f.Load, f.Format)
	if err != nil {
		return err
	}
	defer done()
	for {
		s, line, err := rr.NextWide()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		emit(toSeries(s, file, line))
	}
}

// readLongFn reads the rows of a long file, keyed by series id.
type readLongFn struct {
	Load   LoadOptions
	Format csvio.Format
}

func (f *readLongFn) ProcessElement(ctx context.Context, file string, emit func(string, Row)) error {
	rr, done, err := open(ctx, file, f.Load, f.Format)
	if err != nil {
		return err
	}
	defer done()
	for {
		r, err := rr.NextLong()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		emit(r.ID, toRow(r))
	}
}

// LoadOptions are the csvio.LoadOptions a pipeline reads with, in a form
// Beam serialises with its DoFns.
type LoadOptions struct {
	Layout  int
	Freq    string
	Missing int
}

func toLoadOptions(o *csvio.LoadOptions) LoadOptions {
	return LoadOptions{Layout: int(o.Layout), Freq: o.Freq, Missing: int(o.Missing)}
}

func (lo LoadOptions) csvio() *csvio.LoadOptions {
	return &csvio.LoadOptions{Layout: csvio.Layout(lo.Layout), Freq: lo.Freq, Missing: csvio.MissingPolicy(lo.Missing)}
}
