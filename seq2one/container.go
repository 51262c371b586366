package seq2one

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
)

// fileHeader is the part of a model file's JSON header that single-series
// and global models share; each embeds it first and adds its pipeline, so
// the JSON keeps the field order Config, Precision, Params, Members, Pipe.
type fileHeader struct {
	Config    Config
	Precision string // "float32" or "float64"
	Params    int    // number of parameters of one member
	Members   int    // ensemble members, whose weights follow in turn
}

// newFileHeader describes the ensemble ens of networks of shape sh trained
// with cfg.
func newFileHeader(cfg Config, sh shape, ens []engine) fileHeader {
	h := fileHeader{Config: cfg, Precision: "float32", Params: sh.numParams(), Members: len(ens)}
	h.Config.Callback = nil
	if ens[0].float64s() {
		h.Precision = "float64"
	}
	return h
}

// writeModel writes a model file: magic, version, the JSON header h, the
// members' parameters in turn and a CRC-32 of everything before it. The
// file is assembled in memory so a failing member writes nothing.
func writeModel(w io.Writer, magic string, version uint32, h any, ens []engine) error {
	js, err := json.Marshal(h)
	if err != nil {
		return fmt.Errorf("seq2one: encoding model header: %w", err)
	}
	var buf bytes.Buffer
	buf.WriteString(magic)
	var b4 [4]byte
	binary.LittleEndian.PutUint32(b4[:], version)
	buf.Write(b4[:])
	binary.LittleEndian.PutUint32(b4[:], uint32(len(js)))
	buf.Write(b4[:])
	buf.Write(js)
	for _, e := range ens {
		if err := e.writeParams(&buf); err != nil {
			return err
		}
	}
	binary.LittleEndian.PutUint32(b4[:], crc32.ChecksumIEEE(buf.Bytes()))
	buf.Write(b4[:])
	_, err = w.Write(buf.Bytes())
	return err
}

// readHeader reads the magic, version (which must be version) and JSON
// header of a model file into h. Data that starts with the magic other gets otherErr (a model file of
// the other kind). It returns the bytes read so far, which the checksum
// covers.
func readHeader(r io.Reader, magic string, version uint32, other string, otherErr error, h any) (*bytes.Buffer, error) {
	var pre [16]byte
	n, err := io.ReadFull(r, pre[:])
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("seq2one: reading model: %w", err)
	}
	if other != "" && n >= len(other) && string(pre[:len(other)]) == other {
		return nil, otherErr
	}
	if n < len(magic) || string(pre[:len(magic)]) != magic {
		if n > 0 && n < len(magic) && string(pre[:n]) == magic[:n] {
			return nil, ErrTruncated
		}
		return nil, ErrNotModel
	}
	if n < len(pre) {
		return nil, ErrTruncated
	}
	if v := binary.LittleEndian.Uint32(pre[8:12]); v != version {
		return nil, &VersionError{Version: v, Want: version}
	}
	hlen := binary.LittleEndian.Uint32(pre[12:16])
	if hlen > maxHeader {
		return nil, fmt.Errorf("%w: header length %d", ErrCorrupt, hlen)
	}
	js := make([]byte, hlen)
	if _, err := io.ReadFull(r, js); err != nil {
		return nil, truncErr(err)
	}
	if err := json.Unmarshal(js, h); err != nil {
		return nil, fmt.Errorf("%w: header: %v", ErrCorrupt, err)
	}
	body := new(bytes.Buffer)
	body.Write(pre[:])
	body.Write(js)
	return body, nil
}

// config checks the shared header fields against the architecture sh and
// returns the configuration to rebuild the members with.
func (h *fileHeader) config(sh shape) (Config, error) {
	cfg := h.Config
	if err := cfg.validate(); err != nil {
		return cfg, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	if h.Params != sh.numParams() {
		return cfg, fmt.Errorf("%w: %d parameters, the architecture has %d", ErrCorrupt, h.Params, sh.numParams())
	}
	if h.Members < 1 || h.Members > maxMembers {
		return cfg, fmt.Errorf("%w: %d ensemble members", ErrCorrupt, h.Members)
	}
	switch h.Precision {
	case "float32":
		cfg.Float64 = false
	case "float64":
		cfg.Float64 = true
	default:
		return cfg, fmt.Errorf("%w: unknown precision %q", ErrCorrupt, h.Precision)
	}
	return cfg, nil
}

// readMembers reads the parameters of members networks of shape sh and
// checks the file's checksum over body (the bytes read before) and them.
func readMembers(r io.Reader, body *bytes.Buffer, sh shape, steps int, cfg Config, members int) ([]engine, error) {
	tee := io.TeeReader(r, body)
	ens := make([]engine, members)
	for k := range ens {
		if cfg.Float64 {
			ens[k] = newNetEngine[float64](sh, steps, cfg, k)
		} else {
			ens[k] = newNetEngine[float32](sh, steps, cfg, k)
		}
		if err := ens[k].readParams(tee); err != nil {
			return nil, err
		}
	}
	sum := crc32.ChecksumIEEE(body.Bytes())
	var b4 [4]byte
	if _, err := io.ReadFull(r, b4[:]); err != nil {
		return nil, truncErr(err)
	}
	if binary.LittleEndian.Uint32(b4[:]) != sum {
		return nil, fmt.Errorf("%w: checksum mismatch", ErrCorrupt)
	}
	return ens, nil
}
