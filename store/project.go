package store

import (
	"database/sql"
	"errors"

	"github.com/sayso/sayso/annotate"
)

// Setting returns the project setting key, or "" when it is not set.
func (s *Store) Setting(key string) (string, error) {
	var v string
	err := s.r.QueryRow(`SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// SetSetting stores a project setting; setting "" removes it.
func (s *Store) SetSetting(key, value string) error {
	if key == "" {
		return errors.New("setting with an empty key")
	}
	return s.write(func(tx *sql.Tx) error {
		if value == "" {
			_, err := tx.Exec(`DELETE FROM settings WHERE key = ?`, key)
			return err
		}
		_, err := tx.Exec(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
		return err
	})
}

// entitiesSQL reads the index spans_label_entity only (TestQueryPlans).
const entitiesSQL = `SELECT entity FROM spans WHERE label = ? AND entity IS NOT NULL AND trim(entity) <> ''
	GROUP BY entity ORDER BY count(*) DESC, entity`

// labelCountSQL reads the index spans_label_entity only (TestQueryPlans).
const labelCountSQL = `SELECT label, count(*) FROM spans GROUP BY label`

// Entities returns the distinct non-empty entity names of the project's
// SPEAKER spans, most used first, then by name: the autocomplete list.
func (s *Store) Entities() ([]string, error) {
	rows, err := s.r.Query(entitiesSQL, string(annotate.Speaker))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var e string
		if err := rows.Scan(&e); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Stats counts a project's documents and spans.
type Stats struct {
	Documents    int
	ByStatus     map[string]int // every status in annotate.Statuses is present
	SpansByLabel map[string]int
	Annotated    int // documents with at least one span
}

// Stats returns the project's counts from one consistent snapshot.
func (s *Store) Stats() (Stats, error) {
	st := Stats{ByStatus: map[string]int{}, SpansByLabel: map[string]int{}}
	for _, k := range annotate.Statuses {
		st.ByStatus[k] = 0
	}
	err := s.read(func(tx *sql.Tx) error {
		if err := tx.QueryRow(`SELECT count(*), coalesce(sum(n_spans > 0), 0) FROM documents`).Scan(&st.Documents, &st.Annotated); err != nil {
			return err
		}
		if err := countInto(tx, `SELECT status, count(*) FROM documents GROUP BY status`, st.ByStatus); err != nil {
			return err
		}
		return countInto(tx, labelCountSQL, st.SpansByLabel)
	})
	return st, err
}

func countInto(tx *sql.Tx, q string, m map[string]int) error {
	rows, err := tx.Query(q)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return err
		}
		m[k] = n
	}
	return rows.Err()
}

// CountDocuments returns the number of documents with status ("" for all).
func (s *Store) CountDocuments(status string) (int, error) {
	var n int
	if status == "" {
		err := s.r.QueryRow(`SELECT count(*) FROM documents`).Scan(&n)
		return n, err
	}
	st, err := NormalizeStatus(status)
	if err != nil {
		return 0, err
	}
	err = s.r.QueryRow(`SELECT count(*) FROM documents WHERE status = ?`, st).Scan(&n)
	return n, err
}
