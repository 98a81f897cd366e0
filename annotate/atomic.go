package annotate

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// WriteFileAtomic writes a file through a temporary file in the same
// folder, synced and renamed into place at the end, so a failed or
// cancelled write never leaves a half-written or emptied file behind. A
// file it replaces keeps its permissions; a new one is readable by all
// (0644), as os.Create would make it under the usual umask. Errors name
// path, not the temporary file.
func WriteFileAtomic(path string, write func(w io.Writer) error) (err error) {
	fail := func(e error) error { return fmt.Errorf("write %s: %w", path, plainErr(e)) }
	mode := os.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		if fi.IsDir() {
			return fmt.Errorf("write %s: it is a folder", path)
		}
		mode = fi.Mode().Perm()
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".sayso-*.tmp")
	if err != nil {
		return fail(err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	bw := bufio.NewWriterSize(f, 1<<20)
	if err := write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return fail(err)
	}
	if err := f.Chmod(mode); err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		return fail(err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fail(err)
	}
	return nil
}
