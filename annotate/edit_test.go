package annotate

import (
	"encoding/json"
	"testing"
)

func seedDoc() *Document {
	return &Document{ID: "d", Text: "“Go home,” Biden said 👋 today.", Spans: []Span{
		{ID: "q1", Label: Quote, Start: 1, End: 8, Text: "Go home", Attrs: map[string]any{AttrKind: KindDirect}},
		{ID: "s1", Label: Speaker, Start: 11, End: 16, Text: "Biden", Attrs: map[string]any{AttrEntity: "Joe Biden"}},
	}, Relations: []Relation{{Label: AttributedTo, From: "q1", To: "s1"}}}
}

func snapshot(t *testing.T, d *Document) string {
	t.Helper()
	b, err := MarshalDocument(d)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestEditsApplyAndInvert(t *testing.T) {
	base := seedDoc()
	del, err := DeleteSpan(base, "s1")
	if err != nil {
		t.Fatal(err)
	}
	upd, err := UpdateSpan(base, Span{ID: "q1", Label: Quote, Start: 1, End: 3, Attrs: map[string]any{AttrKind: KindIndirect}})
	if err != nil {
		t.Fatal(err)
	}
	tests := map[string]struct {
		edit  Edit
		check func(*Document) bool
	}{
		"add span": {AddSpan(Span{ID: "t1", Label: Threat, Start: 22, End: 23}), func(d *Document) bool {
			i := d.SpanByID("t1")
			return i >= 0 && d.Spans[i].Text == "👋"
		}},
		"delete span takes its relations": {del, func(d *Document) bool { return d.SpanByID("s1") < 0 && len(d.Relations) == 0 }},
		"update span": {upd, func(d *Document) bool {
			s := d.Spans[d.SpanByID("q1")]
			return s.Text == "Go" && s.QuoteKind() == KindIndirect
		}},
		"unlink": {Unlink(base.Relations[0]), func(d *Document) bool { return len(d.Relations) == 0 }},
		"relink replaces": {func() Edit {
			d := seedDoc()
			_ = AddSpan(Span{ID: "s2", Label: Speaker, Start: 24, End: 29}).Apply(d)
			return Link(d, AttributedTo, "q1", "s2")
		}(), nil},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			d := seedDoc()
			if name == "relink replaces" {
				_ = AddSpan(Span{ID: "s2", Label: Speaker, Start: 24, End: 29}).Apply(d)
			}
			before := snapshot(t, d)
			if err := tc.edit.Apply(d); err != nil {
				t.Fatal(err)
			}
			if tc.check != nil && !tc.check(d) {
				t.Fatalf("edit did not do its work: %s", snapshot(t, d))
			}
			if name == "relink replaces" {
				if r, ok := d.RelationFrom("q1", AttributedTo); !ok || r.To != "s2" || len(d.Relations) != 1 {
					t.Fatalf("relations = %+v", d.Relations)
				}
			}
			// Through JSON, as the store keeps it.
			b, _ := json.Marshal(tc.edit)
			var back Edit
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatal(err)
			}
			if err := back.Inverse().Apply(d); err != nil {
				t.Fatal(err)
			}
			if got := snapshot(t, d); got != before {
				t.Fatalf("inverse did not restore:\n%s\n%s", got, before)
			}
		})
	}
}

func TestInvalidEditChangesNothing(t *testing.T) {
	tests := map[string]Edit{
		"offsets past end": AddSpan(Span{ID: "x", Label: Quote, Start: 5, End: 500}),
		"empty span":       AddSpan(Span{ID: "x", Label: Quote, Start: 5, End: 5}),
		"duplicate id":     AddSpan(Span{ID: "q1", Label: Quote, Start: 0, End: 2}),
		"link to nothing":  {Kind: EditAddRelation, Relation: &Relation{Label: AttributedTo, From: "q1", To: "nope"}},
		"bad batch": {Kind: EditBatch, Steps: []Edit{
			AddSpan(Span{ID: "ok", Label: Quote, Start: 0, End: 2}),
			AddSpan(Span{ID: "bad", Label: Quote, Start: 0, End: 999}),
		}},
		"unknown kind": {Kind: "zap"},
	}
	for name, e := range tests {
		t.Run(name, func(t *testing.T) {
			d := seedDoc()
			before := snapshot(t, d)
			if err := e.Apply(d); err == nil {
				t.Fatal("invalid edit accepted")
			}
			if snapshot(t, d) != before {
				t.Fatal("invalid edit changed the document")
			}
		})
	}
}

func TestHistoryManySteps(t *testing.T) {
	d := seedDoc()
	var h History
	start := snapshot(t, d)
	var states []string
	for i := 0; i < 200; i++ {
		states = append(states, snapshot(t, d))
		e := AddSpan(Span{ID: d.NextSpanID(Threat), Label: Threat, Start: i % 20, End: i%20 + 3})
		if err := e.Apply(d); err != nil {
			t.Fatal(err)
		}
		h.Push(e)
	}
	end := snapshot(t, d)
	for i := 199; i >= 0; i-- {
		if _, err := h.Undo(d); err != nil {
			t.Fatal(err)
		}
		if snapshot(t, d) != states[i] {
			t.Fatalf("undo step %d wrong", i)
		}
	}
	if h.CanUndo() || snapshot(t, d) != start {
		t.Fatal("not back at the start")
	}
	for h.CanRedo() {
		if _, err := h.Redo(d); err != nil {
			t.Fatal(err)
		}
	}
	if snapshot(t, d) != end {
		t.Fatal("redo did not return to the end")
	}
	h.Undo(d)
	h.Push(AddSpan(Span{ID: "new", Label: Quote, Start: 0, End: 1}))
	if h.CanRedo() {
		t.Fatal("a new edit must clear redo")
	}
}

func TestNextSpanID(t *testing.T) {
	d := seedDoc()
	if got := d.NextSpanID(Quote); got != "q2" {
		t.Fatalf("NextSpanID = %s", got)
	}
	if got := d.NextSpanID(Threat); got != "t1" {
		t.Fatalf("NextSpanID = %s", got)
	}
}

func TestDefaultAttrs(t *testing.T) {
	tests := []struct {
		label      Label
		kind, text string
		want       map[string]any
	}{
		{Quote, "", "Go home", map[string]any{AttrKind: KindDirect}},
		{Quote, KindIndirect, "it is over", map[string]any{AttrKind: KindIndirect}},
		{Speaker, "", "the president", map[string]any{AttrEntity: "the president"}},
		{Threat, "", "we will respond if they\nviolate it", map[string]any{AttrIssuer: "", AttrTarget: "", AttrConditional: true}},
		{Threat, "", "Unless they stop, we act", map[string]any{AttrIssuer: "", AttrTarget: "", AttrConditional: true}},
		{Threat, "", "we will act, iffy as it is", map[string]any{AttrIssuer: "", AttrTarget: "", AttrConditional: false}},
	}
	for _, tc := range tests {
		if got := DefaultAttrs(tc.label, tc.kind, tc.text); !sameAttrs(got, tc.want) {
			t.Errorf("DefaultAttrs(%s, %q, %q) = %v, want %v", tc.label, tc.kind, tc.text, got, tc.want)
		}
	}
}

// Deleting a span and undoing it puts its relations back where they were,
// so an export after undo is byte for byte the one before.
func TestUndoKeepsRelationOrder(t *testing.T) {
	d := &Document{ID: "d", Text: "“A,” X said. “B,” Y said. “C,” X said.", Spans: []Span{
		{ID: "q1", Label: Quote, Start: 1, End: 2}, {ID: "s1", Label: Speaker, Start: 5, End: 6},
		{ID: "q2", Label: Quote, Start: 14, End: 15}, {ID: "s2", Label: Speaker, Start: 18, End: 19},
		{ID: "q3", Label: Quote, Start: 27, End: 28},
	}, Relations: []Relation{
		{Label: AttributedTo, From: "q1", To: "s1"},
		{Label: AttributedTo, From: "q2", To: "s2"},
		{Label: AttributedTo, From: "q3", To: "s1"},
	}}
	for i := range d.Spans {
		fitSpan(NewRunes(d.Text), &d.Spans[i])
	}
	before := snapshot(t, d)
	for _, e := range []Edit{
		func() Edit { e, _ := DeleteSpan(d, "s1"); return e }(),
		Link(d, AttributedTo, "q1", "s2"),
	} {
		work := d.Clone()
		if err := e.Apply(work); err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(e) // through JSON, as kept in the history
		var back Edit
		json.Unmarshal(b, &back)
		if err := back.Inverse().Apply(work); err != nil {
			t.Fatal(err)
		}
		if got := snapshot(t, work); got != before {
			t.Fatalf("%s then undo changed the document:\n%s\n%s", e.Note, got, before)
		}
	}
}
