package tsfbeam

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"hash/fnv"
	"slices"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"

	"github.com/tsforecast/tsforecast/csvio"
)

// ShardName returns the name of shard i of n of the output prefix.
func ShardName(prefix string, i, n int) string {
	return fmt.Sprintf("%s-%05d-of-%05d.csv", prefix, i, n)
}

// shardOf returns the shard of series id among n: FNV-1a of the id
// modulo n, the same on every worker and run.
func shardOf(id string, n int) int {
	h := fnv.New64a()
	h.Write([]byte(id))
	return int(h.Sum64() % uint64(n))
}

// shardFn keys each forecast by its shard.
type shardFn struct {
	Shards int
}

func (f *shardFn) ProcessElement(fc Forecast) (int, Forecast) {
	return shardOf(fc.ID, f.Shards), fc
}

// writeFn writes the forecasts of one shard, sorted by id, in the
// layout of the input, and fails on a series id found twice.
type writeFn struct {
	Prefix               string
	Shards               int
	Layout               int
	IDColumn, TimeColumn string
}

func (f *writeFn) ProcessElement(ctx context.Context, shard int, iter func(*Forecast) bool) error {
	var fcs []Forecast
	var fc Forecast
	for iter(&fc) {
		fcs = append(fcs, fc)
	}
	slices.SortFunc(fcs, func(a, b Forecast) int {
		if c := strings.Compare(a.ID, b.ID); c != 0 {
			return c
		}
		if c := strings.Compare(a.File, b.File); c != 0 {
			return c
		}
		return a.Line - b.Line
	})
	out := make([]csvio.Forecast, len(fcs))
	for i := range fcs {
		if i > 0 && fcs[i].ID == fcs[i-1].ID {
			p, c := fcs[i-1], fcs[i]
			return &csvio.ParseError{File: c.File, Line: c.Line, Err: csvio.ErrSyntax,
				Msg: fmt.Sprintf("duplicate series id %q (also on %s:%d)", c.ID, p.File, p.Line)}
		}
		out[i] = fcs[i].csv()
	}
	var buf bytes.Buffer
	format := &csvio.Format{Layout: csvio.Layout(f.Layout), IDColumn: f.IDColumn, TimeColumn: f.TimeColumn}
	if err := format.WriteForecasts(&buf, out); err != nil {
		return fmt.Errorf("tsfbeam: shard %d: %w", shard, err)
	}
	return writeFile(ctx, ShardName(f.Prefix, shard, f.Shards), buf.Bytes())
}

// writeFile writes data to path through Beam's filesystems: to a
// temporary name first and then renamed where the filesystem can, so
// that a retried or failed bundle never leaves a partial shard.
func writeFile(ctx context.Context, path string, data []byte) error {
	fs, err := filesystem.New(ctx, path)
	if err != nil {
		return fmt.Errorf("tsfbeam: %s: %w", path, err)
	}
	defer fs.Close()
	target := path
	rn, canRename := fs.(filesystem.Renamer)
	if canRename {
		target = path + ".tmp"
	}
	w, err := fs.OpenWrite(ctx, target)
	if err != nil {
		return fmt.Errorf("tsfbeam: %w", err)
	}
	bw := bufio.NewWriter(w)
	if _, err := bw.Write(data); err != nil {
		w.Close()
		return fmt.Errorf("tsfbeam: writing %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		w.Close()
		return fmt.Errorf("tsfbeam: writing %s: %w", path, err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("tsfbeam: writing %s: %w", path, err)
	}
	if canRename {
		if err := rn.Rename(ctx, target, path); err != nil {
			return fmt.Errorf("tsfbeam: %w", err)
		}
	}
	return nil
}
