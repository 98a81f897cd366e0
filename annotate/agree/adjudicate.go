package agree

import (
	"fmt"

	"github.com/sayso/sayso/annotate"
)

// Adjudication: a curated layer is made from two annotators' layers. It
// starts with what both labeled alike (Seed); then each Difference is
// decided (Decide): take A's span, B's, both, or none. A decision can be
// changed: taking A's span removes B's from the curated layer and the
// other way round. Every step is one reversible annotate.Edit, so the
// adjudicator can undo like anywhere else.

// Choice is an adjudicator's decision on one difference.
type Choice int

// The choices.
const (
	TakeNone Choice = iota // neither span
	TakeA                  // the first annotator's span
	TakeB                  // the second annotator's span
	TakeBoth               // both spans
)

var choiceNames = [...]string{"none", "left", "right", "both"}

func (c Choice) String() string {
	if c < 0 || int(c) >= len(choiceNames) {
		return fmt.Sprintf("choice %d", int(c))
	}
	return choiceNames[c]
}

// Seed returns the edit that adds to the (empty) curated document cur
// every span of a that b labeled alike (no Difference involves it), with
// a's links between such spans. A link to a span the two labeled
// differently is left for the adjudicator, with that span.
func Seed(cur, a *annotate.Document, diffs []Difference, layer string) (annotate.Edit, error) {
	differs := map[string]bool{}
	for _, d := range diffs {
		if d.A != nil {
			differs[d.A.ID] = true
		}
	}
	b := newBuilder(cur, layer, "keep what both labeled alike")
	ids := map[string]string{} // a's span id -> the curated copy's
	for _, s := range a.Spans {
		if differs[s.ID] {
			continue
		}
		id, err := b.ensure(s)
		if err != nil {
			return annotate.Edit{}, err
		}
		ids[s.ID] = id
	}
	for _, r := range a.Relations {
		from, okF := ids[r.From]
		to, okT := ids[r.To]
		if okF && okT {
			if err := b.add(annotate.Link(b.doc, r.Label, from, to)); err != nil {
				return annotate.Edit{}, err
			}
		}
	}
	return b.edit(), nil
}

// Decide returns the edit that makes the curated document cur hold the
// chosen side(s) of d and not the other: spans come with their link to a
// speaker (the speaker is taken too when cur lacks it). a and b are the
// two annotators' documents d was computed from. An edit with no steps
// means cur already is as chosen.
func Decide(cur *annotate.Document, d Difference, c Choice, a, b *annotate.Document, layer string) (annotate.Edit, error) {
	bl := newBuilder(cur, layer, "adjudicate: take "+c.String())
	wantA, wantB := c == TakeA || c == TakeBoth, c == TakeB || c == TakeBoth
	sides := []struct {
		span *annotate.Span
		src  *annotate.Document
		want bool
	}{{d.A, a, wantA}, {d.B, b, wantB}}
	// Drops first, so a changed decision frees the place for the other
	// side's span.
	for _, side := range sides {
		if side.span != nil && !side.want {
			if err := bl.drop(*side.span); err != nil {
				return annotate.Edit{}, err
			}
		}
	}
	for _, side := range sides {
		if side.span != nil && side.want {
			if err := bl.take(side.src, *side.span); err != nil {
				return annotate.Edit{}, err
			}
		}
	}
	return bl.edit(), nil
}

// Decided tells which side(s) of d the curated document holds, and
// whether it holds any.
func Decided(cur *annotate.Document, d Difference) (Choice, bool) {
	hasA := d.A != nil && twin(cur, *d.A) >= 0
	hasB := d.B != nil && twin(cur, *d.B) >= 0
	switch {
	case hasA && hasB:
		return TakeBoth, true
	case hasA:
		return TakeA, true
	case hasB:
		return TakeB, true
	}
	return TakeNone, false
}

// twin returns the index of the span of cur with s's label, kind and
// bounds, or -1.
func twin(cur *annotate.Document, s annotate.Span) int {
	for i, c := range cur.Spans {
		if c.Label == s.Label && c.Start == s.Start && c.End == s.End && annotate.EvalKind(c) == annotate.EvalKind(s) {
			return i
		}
	}
	return -1
}

// builder collects the steps of one curated-layer edit, applying each to
// a scratch copy so new ids and links stay consistent.
type builder struct {
	doc   *annotate.Document
	layer string
	note  string
	steps []annotate.Edit
}

func newBuilder(cur *annotate.Document, layer, note string) *builder {
	return &builder{doc: cur.Clone(), layer: layer, note: note}
}

func (b *builder) add(e annotate.Edit) error {
	if err := e.Apply(b.doc); err != nil {
		return fmt.Errorf("%s: %w", b.note, err)
	}
	b.steps = append(b.steps, e)
	return nil
}

func (b *builder) edit() annotate.Edit {
	return annotate.Edit{Kind: annotate.EditBatch, Steps: b.steps, Note: b.note}
}

// drop removes s's twin from the curated document, with its links.
func (b *builder) drop(s annotate.Span) error {
	i := twin(b.doc, s)
	if i < 0 {
		return nil
	}
	e, err := annotate.DeleteSpan(b.doc, b.doc.Spans[i].ID)
	if err != nil {
		return err
	}
	return b.add(e)
}

// take copies s from src into the curated document, unless it is there,
// and links it to the copy of its speaker in src.
func (b *builder) take(src *annotate.Document, s annotate.Span) error {
	id, err := b.ensure(s)
	if err != nil {
		return err
	}
	label := annotate.LinkLabel(s.Label)
	r, ok := src.RelationFrom(s.ID, label)
	if label == "" || !ok {
		return nil
	}
	k := src.SpanByID(r.To)
	if k < 0 {
		return nil
	}
	to, err := b.ensure(src.Spans[k])
	if err != nil {
		return err
	}
	if cur, linked := b.doc.RelationFrom(id, label); linked && cur.To == to {
		return nil
	}
	return b.add(annotate.Link(b.doc, label, id, to))
}

// ensure returns the id of s's twin in the curated document, copying s
// in first when it has none.
func (b *builder) ensure(s annotate.Span) (string, error) {
	if i := twin(b.doc, s); i >= 0 {
		return b.doc.Spans[i].ID, nil
	}
	c := s.Clone()
	c.ID = b.doc.NextSpanID(s.Label)
	c.Annotator = b.layer
	if err := b.add(annotate.AddSpan(c)); err != nil {
		return "", err
	}
	return c.ID, nil
}
