package forecast

import (
	"io"

	"github.com/tsforecast/tsforecast/internal/safefile"
)

// WriteFileAtomic writes the file at path with write, without ever leaving
// a half-written file or replacing anything but the file path names.
//
// Symbolic links are followed to the file they name: the link stays a link
// and its target is written (a dangling link creates its target). A
// regular file, or a new one, is written atomically: the bytes go to a
// temporary file in the target's directory, which is flushed, synced to
// disk and renamed over the target only if write and every step succeed;
// on any error the temporary file is removed and the target is left as it
// was. A new file gets mode 0644; an existing file keeps its mode.
//
// A character device or named pipe (/dev/null, a terminal, a FIFO) is
// written in place, never replaced, and a path naming an open file
// descriptor (/dev/stdout, /dev/fd/1) is appended to; such writes are not
// atomic. A directory, socket or block device at path is an error.
func WriteFileAtomic(path string, write func(io.Writer) error) error {
	return safefile.WriteFile(path, write)
}
