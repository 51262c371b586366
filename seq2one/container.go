package seq2one

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math/bits"
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
// file is assembled in memory so a failing member writes nothing; a
// header longer than the loader accepts (maxHeader) is an error.
func writeModel(w io.Writer, magic string, version uint32, h any, ens []engine) error {
	js, err := json.Marshal(h)
	if err != nil {
		return fmt.Errorf("seq2one: encoding model header: %w", err)
	}
	if len(js) > maxHeader {
		// The loader would refuse the file.
		return fmt.Errorf("seq2one: the model's header is %d bytes, more than the %d a model file may hold (the per-series states of a global model: save Global.WeightsOnly)", len(js), maxHeader)
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

// readHeader reads the magic, version (from minVersion to version) and JSON
// header of a model file into h. Data that starts with the magic other
// gets otherErr (a model file of the other kind). It returns the bytes
// read so far, which the checksum covers. The header is read as it
// arrives, so a file that declares a long header but ends early costs
// memory for the bytes it has only.
func readHeader(r io.Reader, magic string, minVersion, version uint32, other string, otherErr error, h any) (*bytes.Buffer, error) {
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
	if v := binary.LittleEndian.Uint32(pre[8:12]); v < minVersion || v > version {
		return nil, &VersionError{Version: v, Want: version}
	}
	hlen := binary.LittleEndian.Uint32(pre[12:16])
	if hlen > maxHeader {
		return nil, fmt.Errorf("%w: header length %d", ErrCorrupt, hlen)
	}
	body := new(bytes.Buffer)
	body.Write(pre[:])
	if _, err := io.CopyN(body, r, int64(hlen)); err != nil {
		return nil, truncErr(err)
	}
	if err := json.Unmarshal(body.Bytes()[len(pre):], h); err != nil {
		return nil, fmt.Errorf("%w: header: %v", ErrCorrupt, err)
	}
	return body, nil
}

// config checks the shared header fields against the architecture sh and
// returns the configuration to rebuild the members with. The
// architecture's dimensions must have been checked against their caps.
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
// The byte count the header declares is checked against the cap before
// anything is read, the bytes are read as they arrive, and the networks
// (weights and the state of one forecast step) are built only once the
// checksum holds.
func readMembers(r io.Reader, body *bytes.Buffer, sh shape, cfg Config, members int) ([]engine, error) {
	size := uint64(4)
	if cfg.Float64 {
		size = 8
	}
	hi, per := bits.Mul64(uint64(sh.numParams()), size)
	hi2, total := bits.Mul64(per, uint64(members))
	if hi != 0 || hi2 != 0 || total > maxFileBytes {
		return nil, fmt.Errorf("%w: %d members of %d parameters exceed %d bytes", ErrCorrupt, members, sh.numParams(), maxFileBytes)
	}
	head := body.Len()
	if _, err := io.CopyN(body, r, int64(total)+4); err != nil {
		return nil, truncErr(err)
	}
	b := body.Bytes()
	end := len(b) - 4
	if binary.LittleEndian.Uint32(b[end:]) != crc32.ChecksumIEEE(b[:end]) {
		return nil, fmt.Errorf("%w: checksum mismatch", ErrCorrupt)
	}
	ens := make([]engine, members)
	for k := range ens {
		raw := b[head+k*int(per) : head+(k+1)*int(per)]
		var err error
		if cfg.Float64 {
			ens[k], err = loadEngine[float64](sh, raw)
		} else {
			ens[k], err = loadEngine[float32](sh, raw)
		}
		if err != nil {
			return nil, err
		}
	}
	return ens, nil
}
