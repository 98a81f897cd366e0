package store

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/mattn/go-sqlite3"
)

// Errors callers may test with errors.Is.
var (
	// ErrNotProject is returned by Open for a file that is not a sayso
	// project: not an SQLite database, or one with another schema.
	ErrNotProject = errors.New("not a sayso project")
	// ErrNewerSchema is returned by Open for a project written by a newer
	// version of sayso.
	ErrNewerSchema = errors.New("project was written by a newer version of sayso")
	// ErrNotFound is returned for a document id that is not in the project.
	ErrNotFound = errors.New("no such document")
	// ErrBusy is returned when another process (a command-line import,
	// say) kept the project locked for writing longer than the busy
	// timeout. Nothing was written; the edit can be tried again.
	ErrBusy = errors.New("project is busy: another program is writing to it")
	// ErrNothingToUndo and ErrNothingToRedo are returned by Undo and Redo
	// when the document's history has no step in that direction.
	ErrNothingToUndo = errors.New("nothing to undo")
	ErrNothingToRedo = errors.New("nothing to redo")
)

// HistoryDepth is how many edits of one document the undo history keeps;
// older ones are dropped as new edits come in.
const HistoryDepth = 1000

// historyDepth is HistoryDepth, lowered by tests.
var historyDepth = HistoryDepth

// applicationID marks an SQLite file as a sayso project
// (PRAGMA application_id; the bytes are "SAYS").
const applicationID = 0x53415953

// busyTimeout is how long a write waits for another process (a CLI import
// running while the app is open) to release the database. A var for tests.
var busyTimeout = 5 * time.Second

// Store is an open project.
type Store struct {
	path string
	// w is the single writer connection (BEGIN IMMEDIATE transactions);
	// r is the reader pool (query_only).
	w, r *sql.DB
	now  func() time.Time
	// mu guards layer, the current layer (SetLayer).
	mu    sync.Mutex
	layer string
}

// Open opens the project at path, creating the file and its directories
// when missing, and migrates its schema to the current version. A file that
// is not an SQLite database, or an SQLite database of another application,
// is refused with an error wrapping ErrNotProject and is not modified.
func Open(path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("open project: empty path")
	}
	fail := func(err error) (*Store, error) { return nil, fmt.Errorf("open %s: %w", path, err) }
	fi, err := os.Stat(path)
	switch {
	case err == nil:
		if fi.IsDir() {
			return fail(fmt.Errorf("%w: it is a directory", ErrNotProject))
		}
		if !fi.Mode().IsRegular() {
			return fail(fmt.Errorf("%w: not a regular file", ErrNotProject))
		}
		if err := checkHeader(path, fi.Size()); err != nil {
			return fail(err)
		}
	case errors.Is(err, os.ErrNotExist):
		if dir := filepath.Dir(path); dir != "" {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return fail(err)
			}
		}
	default:
		return fail(err)
	}

	s := &Store{path: path, now: time.Now}
	// The DSN sets only per-connection pragmas, none of which writes to
	// the file; journal_mode (which does) is set after the file has been
	// recognised as ours.
	// synchronous=FULL: in WAL mode NORMAL may lose the last commits on
	// power loss; FULL syncs the WAL on every commit. BenchmarkApply
	// (bench_test.go) measures a label edit, keystroke to committed, at
	// about 0.8 ms median and 2 ms p99 with FULL, far inside the 16 ms
	// budget, so there is no reason to trade durability away.
	base := dsn(path) + fmt.Sprintf("&_foreign_keys=on&_busy_timeout=%d&_synchronous=FULL&_cache_size=-8000&_stmt_cache_size=32",
		busyTimeout.Milliseconds())
	s.w, err = sql.Open("sqlite3", base+"&_txlock=immediate")
	if err != nil {
		return fail(err)
	}
	s.w.SetMaxOpenConns(1)
	s.w.SetMaxIdleConns(1)
	s.w.SetConnMaxLifetime(0)
	s.w.SetConnMaxIdleTime(0)
	if err := s.init(); err != nil {
		s.w.Close()
		return fail(err)
	}
	s.r, err = sql.Open("sqlite3", base+"&_query_only=on")
	if err != nil {
		s.w.Close()
		return fail(err)
	}
	n := max(4, runtime.NumCPU())
	s.r.SetMaxOpenConns(n)
	s.r.SetMaxIdleConns(n)
	if err := s.r.Ping(); err != nil {
		s.Close()
		return fail(err)
	}
	return s, nil
}

// init recognises the file, switches it to WAL and migrates it.
func (s *Store) init() error {
	var appID, version, objects int64
	if err := s.w.QueryRow(`PRAGMA application_id`).Scan(&appID); err != nil {
		return sqliteErr(err)
	}
	if err := s.w.QueryRow(`PRAGMA user_version`).Scan(&version); err != nil {
		return sqliteErr(err)
	}
	if err := s.w.QueryRow(`SELECT count(*) FROM sqlite_schema`).Scan(&objects); err != nil {
		return sqliteErr(err)
	}
	switch {
	case appID == applicationID:
		if version > SchemaVersion {
			return fmt.Errorf("%w (schema version %d; this version of sayso knows up to %d)", ErrNewerSchema, version, SchemaVersion)
		}
	case appID == 0 && version == 0 && objects == 0:
		// A new, empty database: ours to set up.
	default:
		return fmt.Errorf("%w: an SQLite database of another application", ErrNotProject)
	}
	var mode string
	if err := s.w.QueryRow(`PRAGMA journal_mode=WAL`).Scan(&mode); err != nil {
		return err
	}
	if mode != "wal" {
		return fmt.Errorf("cannot use a write-ahead log on this file system (journal mode stays %q)", mode)
	}
	return migrate(s.w, SchemaVersion)
}

// sqliteMagic starts every SQLite database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// checkHeader refuses a non-empty file that does not start like an SQLite
// database, before SQLite gets to open (and possibly write next to) it.
func checkHeader(path string, size int64) error {
	if size == 0 {
		return nil // an empty file is an empty database
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	head := make([]byte, len(sqliteMagic))
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head, sqliteMagic) {
		return fmt.Errorf("%w: the file is not an SQLite database", ErrNotProject)
	}
	return nil
}

// sqliteErr turns SQLite's "file is not a database" into ErrNotProject.
func sqliteErr(err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) && se.Code == sqlite3.ErrNotADB {
		return fmt.Errorf("%w: the file is not an SQLite database", ErrNotProject)
	}
	return err
}

// dsn returns an SQLite URI for path that survives '?', '#' and '%' in
// file names and Windows drive letters.
func dsn(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/x -> /C:/x
	}
	p = strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(p)
	return "file:" + p + "?mode=rwc"
}

// Path returns the project file's path as given to Open.
func (s *Store) Path() string { return s.path }

// Close closes the project. The write-ahead log is checkpointed into the
// main file, so a closed project is a single file again.
func (s *Store) Close() error {
	var errs []error
	if s.r != nil {
		errs = append(errs, s.r.Close())
	}
	if s.w != nil {
		// No PRAGMA optimize: it writes, so it would wait for another
		// process's lock, and the plans that matter are fixed by the
		// indexes (TestQueryPlans).
		errs = append(errs, s.w.Close())
	}
	return errors.Join(errs...)
}

// write runs fn in one write transaction (BEGIN IMMEDIATE) and commits it,
// or rolls everything back when fn fails.
func (s *Store) write(fn func(tx *sql.Tx) error) error {
	tx, err := s.w.Begin()
	if err != nil {
		return s.busy(err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return s.busy(err)
	}
	return s.busy(tx.Commit())
}

// busy wraps SQLite's "database is locked" in ErrBusy, naming the file.
func (s *Store) busy(err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked) {
		return fmt.Errorf("%w (%s, waited %v): %w", ErrBusy, s.path, busyTimeout, err)
	}
	return err
}

// read runs fn in one read transaction, so it sees one consistent state.
func (s *Store) read(fn func(tx *sql.Tx) error) error {
	tx, err := s.r.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // read-only
	return fn(tx)
}

func (s *Store) stamp() int64 { return s.now().UnixMilli() }
