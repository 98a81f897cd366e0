package store

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/sayso/sayso/annotate"
)

// Apply performs one user edit on document id in one transaction: it loads
// the document, applies e (annotate.Edit.Apply checks it), checks the
// result (annotate.Document.Validate), writes the changed rows, records e
// in the document's undo history (dropping the redo steps), sets the
// status to "in progress" if it was "new", and bumps the update time. An
// edit that does not fit the document returns an error and writes
// nothing. It returns the document as stored after the edit.
func (s *Store) Apply(id int64, e annotate.Edit) (*annotate.Document, error) {
	return s.ApplyIn(s.Layer(), id, e)
}

// ApplyIn is Apply on the labels of layer instead of the current one.
func (s *Store) ApplyIn(layer string, id int64, e annotate.Edit) (*annotate.Document, error) {
	var out *annotate.Document
	err := s.write(func(tx *sql.Tx) error {
		old, err := loadDoc(tx, id, layer)
		if err != nil {
			return err
		}
		doc, err := applyEdit(old, e, "")
		if err != nil {
			return err
		}
		if doc.Status == annotate.StatusNew {
			doc.Status = annotate.StatusInProgress
		}
		if err := writeChanges(tx, id, layer, old, doc, s.stamp()); err != nil {
			return err
		}
		rec, err := encodeEdit(e)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(`DELETE FROM history WHERE doc_id = ? AND layer = ? AND undone = 1`, id, layer); err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO history (doc_id, layer, edit, undone, at) VALUES (?, ?, ?, 0, ?)`, id, layer, rec, s.stamp()); err != nil {
			return err
		}
		// Keep the newest historyDepth done edits.
		if _, err := tx.Exec(`DELETE FROM history WHERE doc_id = ?1 AND layer = ?3 AND undone = 0 AND id <
			(SELECT id FROM history WHERE doc_id = ?1 AND layer = ?3 AND undone = 0 ORDER BY id DESC LIMIT 1 OFFSET ?2)`,
			id, historyDepth-1, layer); err != nil {
			return err
		}
		out, err = loadDoc(tx, id, layer)
		return err
	})
	return out, err
}

// applyEdit returns a copy of d with e applied and checked, or an error
// that names the edit and the problem.
func applyEdit(d *annotate.Document, e annotate.Edit, verb string) (*annotate.Document, error) {
	doc := d.Clone()
	what := e.Note
	if what == "" {
		what = string(e.Kind)
	}
	if err := e.Apply(doc); err != nil {
		return nil, fmt.Errorf("%s%q on document %q: %w", verb, what, d.ID, err)
	}
	if err := checkDoc(doc); err != nil {
		return nil, fmt.Errorf("%s%q on document %q: %w", verb, what, d.ID, err)
	}
	return doc, nil
}

// Undo reverts the last edit of document id that is not undone yet, by
// applying its inverse in one transaction, and returns the document after
// it and the edit that was undone (not its inverse: e.Note says what was
// undone). It returns ErrNothingToUndo when there is none. The status is
// left as it is.
func (s *Store) Undo(id int64) (*annotate.Document, annotate.Edit, error) {
	return s.step(s.Layer(), id, true)
}

// RedoIn is Redo in layer instead of the current one.
func (s *Store) RedoIn(layer string, id int64) (*annotate.Document, annotate.Edit, error) {
	return s.step(layer, id, false)
}

// UndoIn is Undo in layer instead of the current one.
func (s *Store) UndoIn(layer string, id int64) (*annotate.Document, annotate.Edit, error) {
	return s.step(layer, id, true)
}

// Redo re-applies the edit last undone and returns the document after it
// and that edit, or ErrNothingToRedo. A new Apply drops the redo steps.
func (s *Store) Redo(id int64) (*annotate.Document, annotate.Edit, error) {
	return s.step(s.Layer(), id, false)
}

func (s *Store) step(layer string, id int64, undo bool) (*annotate.Document, annotate.Edit, error) {
	var (
		out  *annotate.Document
		edit annotate.Edit
	)
	err := s.write(func(tx *sql.Tx) error {
		old, err := loadDoc(tx, id, layer)
		if err != nil {
			return err
		}
		q, none, verb := `SELECT id, edit FROM history WHERE doc_id = ? AND layer = ? AND undone = 0 ORDER BY id DESC LIMIT 1`, ErrNothingToUndo, "undo "
		if !undo {
			q, none, verb = `SELECT id, edit FROM history WHERE doc_id = ? AND layer = ? AND undone = 1 ORDER BY id LIMIT 1`, ErrNothingToRedo, "redo "
		}
		var (
			hid int64
			rec string
		)
		if err := tx.QueryRow(q, id, layer).Scan(&hid, &rec); errors.Is(err, sql.ErrNoRows) {
			return none
		} else if err != nil {
			return err
		}
		if edit, err = decodeEdit(rec); err != nil {
			return fmt.Errorf("document %d history step %d: %w", id, hid, err)
		}
		apply := edit
		if undo {
			apply = edit.Inverse()
		}
		doc, err := applyEdit(old, apply, verb)
		if err != nil {
			return err
		}
		if err := writeChanges(tx, id, layer, old, doc, s.stamp()); err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE history SET undone = ? WHERE id = ?`, undo, hid); err != nil {
			return err
		}
		out, err = loadDoc(tx, id, layer)
		return err
	})
	if err != nil {
		return nil, annotate.Edit{}, err
	}
	return out, edit, nil
}

// CanUndo tells whether document id has an edit to undo and one to redo.
func (s *Store) CanUndo(id int64) (undo, redo bool, err error) {
	layer := s.Layer()
	err = s.read(func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRow(`SELECT count(*) FROM documents WHERE id = ?`, id).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("document %d: %w", id, ErrNotFound)
		}
		if err := tx.QueryRow(`SELECT EXISTS (SELECT 1 FROM history WHERE doc_id = ? AND layer = ? AND undone = 0)`, id, layer).Scan(&undo); err != nil {
			return err
		}
		return tx.QueryRow(`SELECT EXISTS (SELECT 1 FROM history WHERE doc_id = ? AND layer = ? AND undone = 1)`, id, layer).Scan(&redo)
	})
	return undo, redo, err
}

// SetStatus sets document id's workflow status, one of annotate.Statuses
// (NormalizeStatus spellings are accepted). It is not an edit: it is not
// recorded in the undo history.
func (s *Store) SetStatus(id int64, status string) error {
	st, err := NormalizeStatus(status)
	if err != nil {
		return fmt.Errorf("document %d: %w", id, err)
	}
	return s.write(func(tx *sql.Tx) error {
		res, err := tx.Exec(`UPDATE documents SET status = ?, updated = ? WHERE id = ?`, st, s.stamp(), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("document %d: %w", id, ErrNotFound)
		}
		return nil
	})
}
