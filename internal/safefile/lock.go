package safefile

import "os"

// LockDir takes an exclusive lock on the directory dir, waiting for any
// other holder to release it, and returns the function that releases it.
// The lock is advisory: it serialises writers that call LockDir (in this
// process or another), and nothing else. It is held on the directory
// itself, so no lock file appears in dir. Where the system has no flock
// (or the file system refuses it, as some network file systems do),
// LockDir returns a release function that does nothing, and writers are
// not serialised. An error is returned only when dir cannot be opened.
func LockDir(dir string) (unlock func(), err error) {
	d, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if !flock(d) {
		d.Close()
		return func() {}, nil
	}
	return func() {
		funlock(d)
		d.Close()
	}, nil
}
