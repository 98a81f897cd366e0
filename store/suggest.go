package store

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/sayso/sayso/annotate"
)

// Rejection is a suggestion the user rejected: never offer it again for
// the same text. Kind is the QUOTE kind, "" for other labels. Offsets are
// code points.
type Rejection struct {
	Label      annotate.Label
	Kind       string
	Start, End int
}

// RejectionOf returns the rejection that matches suggestion s.
func RejectionOf(s annotate.Span) Rejection {
	r := Rejection{Label: s.Label, Start: s.Start, End: s.End}
	if s.Label == annotate.Quote {
		r.Kind = s.QuoteKind()
	}
	return r
}

// docHashSQL is the content hash of document ?; rejections follow it.
const docHashSQL = `SELECT hash FROM documents WHERE id = ?`

// rejectionsSQL reads the primary key of rejections (TestQueryPlans).
const rejectionsSQL = `SELECT label, kind, start, "end" FROM rejections WHERE hash = ? ORDER BY start, "end", label, kind`

// Reject records rejected suggestions of document id, in one transaction
// committed at once. They are kept by the document's text (its content
// hash), so a copy of the same text imported again stays rejected.
// Rejecting one twice is no error.
func (s *Store) Reject(id int64, rs ...Rejection) error {
	return s.write(func(tx *sql.Tx) error {
		hash, err := docHash(tx, id)
		if err != nil {
			return err
		}
		for _, r := range rs {
			if r.Label == "" || r.Start < 0 || r.End <= r.Start {
				return fmt.Errorf("reject: bad suggestion %s %d..%d", r.Label, r.Start, r.End)
			}
			if _, err := tx.Exec(`INSERT INTO rejections (hash, label, kind, start, "end", at) VALUES (?, ?, ?, ?, ?, ?)
				ON CONFLICT DO NOTHING`, hash, string(r.Label), r.Kind, r.Start, r.End, s.stamp()); err != nil {
				return err
			}
		}
		return nil
	})
}

// Unreject forgets rejections of document id (the undo of Reject); ones
// that are not recorded are ignored.
func (s *Store) Unreject(id int64, rs ...Rejection) error {
	return s.write(func(tx *sql.Tx) error {
		hash, err := docHash(tx, id)
		if err != nil {
			return err
		}
		for _, r := range rs {
			if _, err := tx.Exec(`DELETE FROM rejections WHERE hash = ? AND label = ? AND kind = ? AND start = ? AND "end" = ?`,
				hash, string(r.Label), r.Kind, r.Start, r.End); err != nil {
				return err
			}
		}
		return nil
	})
}

// ClearRejections forgets every rejection of document id and returns how
// many there were.
func (s *Store) ClearRejections(id int64) (int, error) {
	var n int64
	err := s.write(func(tx *sql.Tx) error {
		hash, err := docHash(tx, id)
		if err != nil {
			return err
		}
		res, err := tx.Exec(`DELETE FROM rejections WHERE hash = ?`, hash)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return int(n), err
}

// Rejections returns the rejected suggestions of document id, ordered by
// offsets.
func (s *Store) Rejections(id int64) ([]Rejection, error) {
	var out []Rejection
	err := s.read(func(tx *sql.Tx) error {
		hash, err := docHash(tx, id)
		if err != nil {
			return err
		}
		rows, err := tx.Query(rejectionsSQL, hash)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r Rejection
			var label string
			if err := rows.Scan(&label, &r.Kind, &r.Start, &r.End); err != nil {
				return err
			}
			r.Label = annotate.Label(label)
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, err
}

func docHash(tx *sql.Tx, id int64) (string, error) {
	var hash string
	err := tx.QueryRow(docHashSQL, id).Scan(&hash)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("document %d: %w", id, ErrNotFound)
	}
	return hash, err
}

// handLabeledWhere selects the documents with at least one span labelled
// or edited by hand; it reads the partial index spans_by_hand.
const handLabeledWhere = ` WHERE d.id IN (SELECT h.doc_id FROM spans h WHERE h.source IN ('manual', 'edited'))`

// EachHandLabeledDocument calls fn, as EachDocument does, with the id and
// contents of every document that has at least one span labelled or
// edited by hand (source "manual" or "edited"), with all its spans and
// relations: the material the suggester learns a project's speech verbs,
// threat phrases and entity names from.
func (s *Store) EachHandLabeledDocument(fn func(id int64, d *annotate.Document) error) error {
	return s.eachDocument(handLabeledWhere, nil, fn)
}

// DropRedo forgets the edits of document id that were undone, as a new
// action does: after it, Redo has nothing to redo. The app calls it when
// the user rejects a suggestion, which is an action outside the history.
func (s *Store) DropRedo(id int64) error {
	return s.write(func(tx *sql.Tx) error {
		_, err := tx.Exec(`DELETE FROM history WHERE doc_id = ? AND layer = ? AND undone = 1`, id, s.Layer())
		return err
	})
}
