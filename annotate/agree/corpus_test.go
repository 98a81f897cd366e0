package agree

import (
	"strings"
	"testing"

	"github.com/sayso/sayso/annotate"
)

func withAnnotator(spans []annotate.Span, who string) []annotate.Span {
	out := make([]annotate.Span, len(spans))
	for i, s := range spans {
		out[i] = s.Clone()
		out[i].Annotator = who
	}
	return out
}

func TestFromDocuments(t *testing.T) {
	h := handDoc(t)
	a, b := h.Layers["A"], h.Layers["B"]
	// One export holding both annotators' spans (ids made unique), a
	// second copy of the text under another id from C, who marked
	// nothing, and an unrelated text nobody annotated.
	bSpans := withAnnotator(b.Spans, "B")
	for i := range bSpans {
		bSpans[i].ID = "b" + bSpans[i].ID
	}
	both := &annotate.Document{ID: "x1", Text: handText,
		Spans:     append(withAnnotator(a.Spans, "A"), bSpans...),
		Relations: []annotate.Relation{{Label: annotate.AttributedTo, From: "q1", To: "s1"}}}
	empty := &annotate.Document{ID: "x2", Text: handText, Meta: map[string]any{MetaAnnotator: "C"}}
	other := &annotate.Document{ID: "x3", Text: "Nothing here."}
	docs, err := FromDocuments([]*annotate.Document{both, empty, other})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 {
		t.Fatalf("%d documents, want 1", len(docs))
	}
	d := docs[0]
	if got := strings.Join(d.Annotators(), ","); got != "A,B,C" || d.ID != "x1" {
		t.Fatalf("annotators %s id %s", got, d.ID)
	}
	if len(d.Layers["A"].Spans) != 3 || len(d.Layers["B"].Spans) != 2 || len(d.Layers["C"].Spans) != 0 {
		t.Errorf("spans A %d B %d C %d", len(d.Layers["A"].Spans), len(d.Layers["B"].Spans), len(d.Layers["C"].Spans))
	}
	if len(d.Layers["A"].Relations) != 1 || len(d.Layers["B"].Relations) != 0 {
		t.Errorf("relations A %d B %d", len(d.Layers["A"].Relations), len(d.Layers["B"].Relations))
	}
	// C saw the text and marked nothing: C's tokens are all O, not missing.
	r, err := Compute(docs, []string{"A", "C"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Labels[len(r.Labels)-1].AC1.Units != 15 {
		t.Errorf("C's empty layer gave %d units, want 15", r.Labels[len(r.Labels)-1].AC1.Units)
	}
}

func TestFromDocumentsErrors(t *testing.T) {
	s := annotate.Span{ID: "q1", Label: annotate.Quote, Start: 0, End: 2, Text: "He"}
	noName := &annotate.Document{ID: "d", Text: handText, Spans: []annotate.Span{s}}
	named := s
	named.Annotator = "A"
	one := &annotate.Document{ID: "d1", Text: handText, Spans: []annotate.Span{named}}
	two := &annotate.Document{ID: "d2", Text: handText, Spans: []annotate.Span{named}}
	tests := []struct {
		name string
		docs []*annotate.Document
		want string
	}{
		{"span without annotator", []*annotate.Document{noName}, `document "d": span "q1" names no annotator`},
		{"same annotator twice", []*annotate.Document{one, two}, `annotator "A" has two documents with the same text ("d1" and "d2")`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := FromDocuments(tc.docs)
			if err == nil || err.Error() != tc.want {
				t.Errorf("error %v, want %s", err, tc.want)
			}
		})
	}
}

func TestFromExports(t *testing.T) {
	h := handDoc(t)
	lone := &annotate.Document{ID: "solo", Text: "Only B read this."}
	docs, err := FromExports(map[string][]*annotate.Document{
		"B": {h.Layers["B"], lone},
		"A": {h.Layers["A"]},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[0].Text != handText || docs[1].ID != "solo" {
		t.Fatalf("got %d documents", len(docs))
	}
	if got := strings.Join(docs[0].Annotators(), ","); got != "A,B" {
		t.Errorf("annotators %s", got)
	}
	r, err := Compute(docs, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Documents != 1 || r.Skipped != 1 {
		t.Errorf("documents %d skipped %d, want 1 and 1", r.Documents, r.Skipped)
	}
	if _, err := FromExports(map[string][]*annotate.Document{"": {lone}}); err == nil {
		t.Error("an unnamed export was accepted")
	}
	if _, err := FromExports(map[string][]*annotate.Document{"A": {lone, lone.Clone()}}); err == nil {
		t.Error("two documents with one text from one annotator were accepted")
	}
}

func TestComputeErrors(t *testing.T) {
	h := handDoc(t)
	bad := handDoc(t)
	bad.Layers["B"].Spans[0].End = 500
	tests := []struct {
		name  string
		docs  []*Doc
		names []string
		want  string
	}{
		{"one annotator", []*Doc{h}, []string{"A"}, "agreement needs two annotators or more, found 1"},
		{"unknown annotator", []*Doc{h}, []string{"A", "Z"}, `annotator "Z" has no documents`},
		{"named twice", []*Doc{h}, []string{"A", "A"}, `annotator "A" is named twice`},
		{"no documents", nil, nil, "agreement needs two annotators or more, found 0"},
		{"span outside text", []*Doc{bad}, nil, `document "d1", annotator "B": span "q1" has bounds [10, 500) outside the text (48 code points)`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Compute(tc.docs, tc.names)
			if err == nil || err.Error() != tc.want {
				t.Errorf("error %v, want %s", err, tc.want)
			}
		})
	}
}

// With three annotators where C annotated only one of two documents,
// C's tokens in the other are missing: the pair A/C and B/C count one
// document, and the Fleiss/alpha units of that document carry two values.
func TestMissingAnnotator(t *testing.T) {
	d1 := handDoc(t)
	d1.Layers["C"] = d1.Layers["A"].Clone()
	d2 := handDoc(t)
	d2.ID = "d2"
	d2.Text = handText + " Again."
	for _, l := range d2.Layers {
		l.Text = d2.Text
	}
	r, err := Compute([]*Doc{d1, d2}, nil)
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]int{}
	for _, p := range r.Pairs {
		docs[p.Ref+p.Other] = p.Docs
	}
	if docs["AB"] != 2 || docs["AC"] != 1 || docs["BC"] != 1 {
		t.Errorf("pair documents %v", docs)
	}
	all := r.Labels[len(r.Labels)-1]
	if all.Alpha.Units != 15+17 || r.Tokens != 32 {
		t.Errorf("alpha units %d tokens %d, want 32", all.Alpha.Units, r.Tokens)
	}
	// A and C agree everywhere on d1: their Cohen kappa there is 1.
	for _, p := range r.Pairs {
		if p.Ref == "A" && p.Other == "C" && p.Kinds[len(p.Kinds)-1].Cohen.Value != 1 {
			t.Errorf("A/C Cohen %v, want 1", p.Kinds[len(p.Kinds)-1].Cohen)
		}
	}
	// Documents: d2 has only A and B, whose agreement is lower than on
	// d1 where C sides with A; d2 comes first.
	if r.Docs[0].ID != "d2" || r.Docs[1].ID != "d1" {
		t.Errorf("document order %s, %s", r.Docs[0].ID, r.Docs[1].ID)
	}
}
