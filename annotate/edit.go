package annotate

import (
	"fmt"
	"slices"
)

// EditKind names what an Edit does.
type EditKind string

// The edit kinds. Every user action on a document is one Edit, and every
// Edit has an exact inverse, which is what undo applies.
const (
	EditAddSpan        EditKind = "add_span"
	EditDeleteSpan     EditKind = "delete_span"
	EditUpdateSpan     EditKind = "update_span"
	EditAddRelation    EditKind = "add_relation"
	EditDeleteRelation EditKind = "delete_relation"
	EditBatch          EditKind = "batch"
)

// Edit is one reversible change to a document's annotations. It is plain
// data so the store can keep it as JSON and undo survives a restart.
type Edit struct {
	Kind EditKind `json:"kind"`
	// Span is the span added or deleted (add_span, delete_span).
	Span *Span `json:"span,omitempty"`
	// Relations are the relations removed with a deleted span, or put
	// back with a re-added one.
	Relations []Relation `json:"relations,omitempty"`
	// RelationAt holds the positions Relations had in the document's
	// list (ascending), so undoing a deletion restores their order; for
	// a deleted relation, its own position. Empty means append.
	RelationAt []int `json:"relation_at,omitempty"`
	// Before and After are a span's two states (update_span).
	Before *Span `json:"before,omitempty"`
	After  *Span `json:"after,omitempty"`
	// Relation is the relation added or deleted.
	Relation *Relation `json:"relation,omitempty"`
	// Steps are the parts of a batch, applied in order.
	Steps []Edit `json:"steps,omitempty"`
	// Note is a short human description ("label QUOTE").
	Note string `json:"note,omitempty"`
}

// AddSpan returns the edit that adds s.
func AddSpan(s Span) Edit {
	c := s.Clone()
	return Edit{Kind: EditAddSpan, Span: &c, Note: "add " + string(s.Label)}
}

// DeleteSpan returns the edit that removes the span with id from d, with
// every relation touching it.
func DeleteSpan(d *Document, id string) (Edit, error) {
	i := d.SpanByID(id)
	if i < 0 {
		return Edit{}, fmt.Errorf("no span %q", id)
	}
	c := d.Spans[i].Clone()
	e := Edit{Kind: EditDeleteSpan, Span: &c, Note: "delete " + string(c.Label)}
	for k, r := range d.Relations {
		if r.From == id || r.To == id {
			e.Relations = append(e.Relations, r)
			e.RelationAt = append(e.RelationAt, k)
		}
	}
	return e, nil
}

// UpdateSpan returns the edit that replaces the span with after.ID by after.
func UpdateSpan(d *Document, after Span) (Edit, error) {
	i := d.SpanByID(after.ID)
	if i < 0 {
		return Edit{}, fmt.Errorf("no span %q", after.ID)
	}
	b, a := d.Spans[i].Clone(), after.Clone()
	return Edit{Kind: EditUpdateSpan, Before: &b, After: &a, Note: "edit " + string(a.Label)}, nil
}

// Link returns the edit that links from -> to with label, replacing an
// existing link of the same label from the same span.
func Link(d *Document, label, from, to string) Edit {
	add := Edit{Kind: EditAddRelation, Relation: &Relation{Label: label, From: from, To: to}, Note: "link"}
	for k, old := range d.Relations {
		if old.From == from && old.Label == label {
			add.RelationAt = []int{k} // the new link takes the old one's place
			return Edit{Kind: EditBatch, Note: "link", Steps: []Edit{{Kind: EditDeleteRelation, Relation: &old, RelationAt: []int{k}}, add}}
		}
	}
	return add
}

// Unlink returns the edit that removes rel.
func Unlink(rel Relation) Edit {
	return Edit{Kind: EditDeleteRelation, Relation: &rel, Note: "unlink"}
}

// Inverse returns the edit that undoes e.
func (e Edit) Inverse() Edit {
	inv := Edit{Note: "undo " + e.Note}
	switch e.Kind {
	case EditAddSpan:
		inv.Kind, inv.Span, inv.Relations, inv.RelationAt = EditDeleteSpan, e.Span, e.Relations, e.RelationAt
	case EditDeleteSpan:
		inv.Kind, inv.Span, inv.Relations, inv.RelationAt = EditAddSpan, e.Span, e.Relations, e.RelationAt
	case EditUpdateSpan:
		inv.Kind, inv.Before, inv.After = EditUpdateSpan, e.After, e.Before
	case EditAddRelation:
		inv.Kind, inv.Relation, inv.RelationAt = EditDeleteRelation, e.Relation, e.RelationAt
	case EditDeleteRelation:
		inv.Kind, inv.Relation, inv.RelationAt = EditAddRelation, e.Relation, e.RelationAt
	case EditBatch:
		inv.Kind = EditBatch
		for i := len(e.Steps) - 1; i >= 0; i-- {
			inv.Steps = append(inv.Steps, e.Steps[i].Inverse())
		}
	}
	return inv
}

// Apply performs e on d, checking it first: an edit that does not fit the
// document (unknown span, offsets outside the text, duplicate id) changes
// nothing and returns an error.
func (e Edit) Apply(d *Document) error {
	return e.apply(d, &textIndex{text: d.Text})
}

// textIndex indexes a document's text by code point once per Apply, so a
// batch of many span edits does not decode the text for each of them.
type textIndex struct {
	text string
	r    *Runes
}

func (t *textIndex) runes() *Runes {
	if t.r == nil {
		t.r = NewRunes(t.text)
	}
	return t.r
}

func (e Edit) apply(d *Document, idx *textIndex) error {
	switch e.Kind {
	case EditBatch:
		work := d.Clone()
		for _, s := range e.Steps {
			if err := s.apply(work, idx); err != nil {
				return err
			}
		}
		*d = *work
		return nil
	case EditAddSpan:
		if e.Span == nil {
			return fmt.Errorf("add_span without a span")
		}
		if d.SpanByID(e.Span.ID) >= 0 {
			return fmt.Errorf("span id %q already used", e.Span.ID)
		}
		s := e.Span.Clone()
		if err := fitSpan(idx.runes(), &s); err != nil {
			return err
		}
		d.Spans = append(d.Spans, s)
		d.SortSpans()
		for k, r := range e.Relations {
			if d.SpanByID(r.From) >= 0 && d.SpanByID(r.To) >= 0 {
				d.Relations = insertRelation(d.Relations, r, e.relationAt(k, len(e.Relations)))
			}
		}
	case EditDeleteSpan:
		if e.Span == nil {
			return fmt.Errorf("delete_span without a span")
		}
		i := d.SpanByID(e.Span.ID)
		if i < 0 {
			return fmt.Errorf("no span %q", e.Span.ID)
		}
		d.Spans = append(d.Spans[:i:i], d.Spans[i+1:]...)
		rels := d.Relations[:0:0]
		for _, r := range d.Relations {
			if r.From != e.Span.ID && r.To != e.Span.ID {
				rels = append(rels, r)
			}
		}
		d.Relations = rels
	case EditUpdateSpan:
		if e.After == nil {
			return fmt.Errorf("update_span without a span")
		}
		i := d.SpanByID(e.After.ID)
		if i < 0 {
			return fmt.Errorf("no span %q", e.After.ID)
		}
		s := e.After.Clone()
		if err := fitSpan(idx.runes(), &s); err != nil {
			return err
		}
		d.Spans[i] = s
		d.SortSpans()
	case EditAddRelation:
		r := e.Relation
		if r == nil || d.SpanByID(r.From) < 0 || d.SpanByID(r.To) < 0 {
			return fmt.Errorf("relation points at a missing span")
		}
		for _, x := range d.Relations {
			if x.Label == r.Label && x.From == r.From && x.To == r.To {
				return fmt.Errorf("relation already there")
			}
		}
		d.Relations = insertRelation(d.Relations, *r, e.relationAt(0, 1))
	case EditDeleteRelation:
		r := e.Relation
		if r == nil {
			return fmt.Errorf("delete_relation without a relation")
		}
		for i, x := range d.Relations {
			if x.Label == r.Label && x.From == r.From && x.To == r.To {
				d.Relations = append(d.Relations[:i:i], d.Relations[i+1:]...)
				return nil
			}
		}
		return fmt.Errorf("no relation %s %s -> %s", r.Label, r.From, r.To)
	default:
		return fmt.Errorf("unknown edit kind %q", e.Kind)
	}
	return nil
}

// relationAt is the recorded position of the k-th of n relations, or -1
// (append) when none was recorded.
func (e Edit) relationAt(k, n int) int {
	if len(e.RelationAt) != n {
		return -1
	}
	return e.RelationAt[k]
}

// insertRelation puts r at position at of rels (appending when at is -1
// or past the end).
func insertRelation(rels []Relation, r Relation, at int) []Relation {
	if at < 0 || at >= len(rels) {
		return append(rels, r)
	}
	return slices.Insert(rels, at, r)
}

// fitSpan checks the span's offsets against the text and sets its text.
func fitSpan(r *Runes, s *Span) error {
	if s.Start < 0 || s.End <= s.Start || s.End > r.Len() {
		return fmt.Errorf("span %q: offsets %d..%d outside the text", s.ID, s.Start, s.End)
	}
	s.Text = r.Slice(s.Start, s.End)
	return nil
}

// History is an undo/redo stack of applied edits. The store persists the
// same stack so it survives restarts; History is its in-memory model.
type History struct {
	done   []Edit
	undone []Edit
}

// Push records an edit that was just applied; it clears the redo stack.
func (h *History) Push(e Edit) {
	h.done = append(h.done, e)
	h.undone = h.undone[:0]
}

// CanUndo and CanRedo tell whether a step is available.
func (h *History) CanUndo() bool { return len(h.done) > 0 }

// CanRedo tells whether a redo step is available.
func (h *History) CanRedo() bool { return len(h.undone) > 0 }

// Undo applies the inverse of the last edit to d.
func (h *History) Undo(d *Document) (Edit, error) {
	if len(h.done) == 0 {
		return Edit{}, fmt.Errorf("nothing to undo")
	}
	e := h.done[len(h.done)-1]
	if err := e.Inverse().Apply(d); err != nil {
		return Edit{}, err
	}
	h.done = h.done[:len(h.done)-1]
	h.undone = append(h.undone, e)
	return e, nil
}

// Redo re-applies the last undone edit to d.
func (h *History) Redo(d *Document) (Edit, error) {
	if len(h.undone) == 0 {
		return Edit{}, fmt.Errorf("nothing to redo")
	}
	e := h.undone[len(h.undone)-1]
	if err := e.Apply(d); err != nil {
		return Edit{}, err
	}
	h.undone = h.undone[:len(h.undone)-1]
	h.done = append(h.done, e)
	return e, nil
}
