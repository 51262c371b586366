// Package safefile writes the files a command produces without losing the
// files it reads: it refuses an output that is the same file as an input or
// as another output ([CheckOutputs]), checks before any work that outputs
// can be written ([CheckWritable], [CheckWritableDir]), writes regular
// files atomically and streams to devices and pipes ([WriteFile]), and
// serialises writers of one folder ([LockDir]).
//
// # Links, devices and pipes
//
// A path is resolved link by link to the file it names. [WriteFile]
// replaces that file, never the link: a symbolic link stays a link and its
// target is updated, and a dangling link creates its target. A character
// device (/dev/null, a terminal) or a named pipe is opened and written in
// place, never replaced, and so is a path that names an open file
// descriptor (/dev/stdout, /dev/fd/N, /proc/self/fd/N), which is appended
// to. Any other kind of file (a directory, a socket, a block device) is an
// error.
//
// # Atomic writes
//
// A regular file is written to a temporary file in the directory of the
// target, flushed, synced and renamed over the target only when every step
// succeeded; on failure the temporary file is removed and the target is
// left as it was. A new file gets mode 0644 and a replaced one keeps its
// mode. A hard link to the old file keeps the old contents.
package safefile
