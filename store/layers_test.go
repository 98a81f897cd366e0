package store

import (
	"errors"
	"reflect"
	"testing"

	"github.com/sayso/sayso/annotate"
)

const layerText = "Kim said the talks were over. Moon warned of sanctions."

func quote(id string, start, end int) annotate.Span {
	return annotate.Span{ID: id, Label: annotate.Quote, Start: start, End: end, Attrs: map[string]any{"kind": "indirect"}, Source: annotate.SourceManual}
}

// texts fills in span texts from the document text.
func texts(d *annotate.Document) *annotate.Document {
	r := annotate.NewRunes(d.Text)
	for i := range d.Spans {
		d.Spans[i].Text = r.Slice(d.Spans[i].Start, d.Spans[i].End)
	}
	return d
}

func spanIDs(d *annotate.Document) []string {
	var ids []string
	for _, s := range d.Spans {
		ids = append(ids, s.ID+"@"+s.Text)
	}
	return ids
}

// Two annotators label the same document with the same span ids; each
// sees, edits and undoes only their own layer.
func TestLayersKeepAnnotatorsApart(t *testing.T) {
	s := newStore(t)
	id := mustAdd(t, s, plainDoc("d", layerText))[0].ID
	s.SetLayer("alice")
	if _, err := s.Apply(id, annotate.AddSpan(quote("q1", 9, 28))); err != nil {
		t.Fatal(err)
	}
	s.SetLayer("bob")
	if _, err := s.Apply(id, annotate.AddSpan(quote("q1", 4, 28))); err != nil {
		t.Fatal(err)
	}
	if got := spanIDs(mustDoc(t, s, id)); !reflect.DeepEqual(got, []string{"q1@said the talks were over"}) {
		t.Errorf("bob's layer = %v", got)
	}
	layers, err := s.DocumentLayers(id)
	if err != nil {
		t.Fatal(err)
	}
	if got := SortedLayerNames(layers); !reflect.DeepEqual(got, []string{"alice", "bob"}) {
		t.Fatalf("layers = %v", got)
	}
	if a := layers["alice"]; len(a.Spans) != 1 || a.Spans[0].Text != "the talks were over" || a.Spans[0].Annotator != "alice" {
		t.Errorf("alice's layer = %+v", a.Spans)
	}
	// Bob's undo leaves Alice's label alone; Alice has her own history.
	if _, _, err := s.Undo(id); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Undo(id); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("second undo in bob's layer: %v", err)
	}
	s.SetLayer("alice")
	if undo, _, _ := s.CanUndo(id); !undo {
		t.Error("alice's history was lost")
	}
	if d := mustDoc(t, s, id); len(d.Spans) != 1 {
		t.Errorf("alice's layer after bob's undo = %v", spanIDs(d))
	}
	info, err := s.Layers()
	if err != nil || len(info) != 1 || info[0].Name != "alice" || info[0].Spans != 1 {
		t.Errorf("Layers = %+v, %v", info, err)
	}
}

// Importing another annotator's copy of a document already in the project
// adds their labels as a layer, once; the document is not duplicated.
func TestAddDocumentsMergesLayers(t *testing.T) {
	s := newStore(t)
	s.SetLayer("teacher")
	mine := plainDoc("d", layerText)
	mine.Spans = []annotate.Span{quote("q1", 9, 28)}
	mustAdd(t, s, texts(mine))

	theirs := plainDoc("other-id", layerText)
	theirs.Meta = map[string]any{annotate.MetaLayer: "sam", "source_file": "x.txt"}
	theirs.Spans = []annotate.Span{quote("q1", 4, 28), {ID: "s1", Label: annotate.Speaker, Start: 0, End: 3, Attrs: map[string]any{"entity": "Kim"}}}
	theirs.Relations = []annotate.Relation{{Label: annotate.AttributedTo, From: "q1", To: "s1"}}
	res := mustAdd(t, s, texts(theirs))
	if res[0].ID != 1 || !reflect.DeepEqual(res[0].Merged, []string{"sam"}) || res[0].Duplicate {
		t.Fatalf("merge result = %+v", res[0])
	}
	res = mustAdd(t, s, theirs)
	if !res[0].Duplicate || !reflect.DeepEqual(res[0].Kept, []string{"sam"}) || res[0].Merged != nil {
		t.Errorf("second merge = %+v", res[0])
	}
	if n, _ := s.CountDocuments(""); n != 1 {
		t.Errorf("documents = %d", n)
	}

	layers, err := s.DocumentLayers(1)
	if err != nil {
		t.Fatal(err)
	}
	sam := layers["sam"]
	if sam == nil || len(sam.Spans) != 2 || len(sam.Relations) != 1 {
		t.Fatalf("sam's layer = %+v", sam)
	}
	if _, ok := sam.Meta[annotate.MetaLayer]; ok {
		t.Error("meta.layer was stored in meta")
	}
	if got := spanIDs(layers["teacher"]); !reflect.DeepEqual(got, []string{"q1@the talks were over"}) {
		t.Errorf("teacher's layer = %v", got)
	}
	if l, _ := s.ListDocuments(""); l[0].Spans != 1 {
		t.Errorf("span count = %d, want the teacher's 1", l[0].Spans)
	}
	s.SetLayer("sam")
	if l, _ := s.ListDocuments(""); l[0].Spans != 2 {
		t.Errorf("span count in sam's layer = %d, want 2", l[0].Spans)
	}
}

// A multi-layer export line (annotate.MergeLayers) comes back as its
// layers, ids without their prefix; a relation across layers is refused.
func TestMergedExportSplitsIntoLayers(t *testing.T) {
	a := plainDoc("d", layerText)
	a.Spans = []annotate.Span{quote("q1", 9, 28)}
	b := plainDoc("d", layerText)
	b.Spans = []annotate.Span{quote("q1", 35, 54), {ID: "s1", Label: annotate.Speaker, Start: 30, End: 34}}
	b.Relations = []annotate.Relation{{Label: annotate.AttributedTo, From: "q1", To: "s1"}}
	merged := annotate.MergeLayers(plainDoc("d", layerText), map[string]*annotate.Document{"ann": a, "ben": b})
	if merged.SpanByID("ben/q1") < 0 || len(merged.Relations) != 1 || merged.Relations[0].From != "ben/q1" {
		t.Fatalf("merged = %+v", merged)
	}
	s := newStore(t)
	mustAdd(t, s, texts(merged))
	layers, err := s.DocumentLayers(1)
	if err != nil {
		t.Fatal(err)
	}
	if got := spanIDs(layers["ben"]); !reflect.DeepEqual(got, []string{"s1@Moon", "q1@warned of sanctions"}) {
		t.Errorf("ben = %v", got)
	}
	if r := layers["ben"].Relations; len(r) != 1 || r[0].From != "q1" || r[0].To != "s1" {
		t.Errorf("ben's relations = %+v", r)
	}
	if got := spanIDs(layers["ann"]); !reflect.DeepEqual(got, []string{"q1@the talks were over"}) {
		t.Errorf("ann = %v", got)
	}

	merged.Relations = append(merged.Relations, annotate.Relation{Label: annotate.AttributedTo, From: "ann/q1", To: "ben/s1"})
	if err := CheckDocument(merged); err == nil {
		t.Error("a relation across layers was accepted")
	}
}

func TestRenameLayer(t *testing.T) {
	s := newStore(t)
	d := plainDoc("d", layerText)
	d.Spans = []annotate.Span{quote("q1", 35, 54), {ID: "s1", Label: annotate.Speaker, Start: 30, End: 34}}
	d.Relations = []annotate.Relation{{Label: annotate.AttributedTo, From: "q1", To: "s1"}}
	mustAdd(t, s, texts(d))
	if _, err := s.Apply(1, annotate.AddSpan(quote("q2", 9, 28))); err != nil {
		t.Fatal(err)
	}
	if err := s.RenameLayer("", "Ann"); err != nil {
		t.Fatal(err)
	}
	if d := mustDoc(t, s, 1); len(d.Spans) != 0 {
		t.Errorf("unnamed layer after rename = %v", spanIDs(d))
	}
	s.SetLayer("Ann")
	got := mustDoc(t, s, 1)
	if len(got.Spans) != 3 || len(got.Relations) != 1 || got.Spans[0].Annotator != "Ann" {
		t.Errorf("Ann's layer = %+v", got)
	}
	if _, _, err := s.Undo(1); err != nil {
		t.Errorf("history did not follow the rename: %v", err)
	}
	other := plainDoc("e", "Another text entirely.")
	other.Spans = []annotate.Span{quote("q1", 0, 7)}
	mustAdd(t, s, texts(other))
	if err := s.RenameLayer("Ann", "Ann"); err != nil {
		t.Errorf("rename to itself: %v", err)
	}
	s.SetLayer("")
	if err := s.RenameLayer("Ann", "Bo"); err != nil {
		t.Fatal(err)
	}
	if err := s.RenameLayer("Bo", "Ann"); err != nil {
		t.Fatal(err)
	}
	mustAdd(t, s, func() *annotate.Document {
		x := plainDoc("f", "Third text here.")
		x.Spans = []annotate.Span{quote("q1", 0, 5)}
		return texts(x)
	}())
	if err := s.RenameLayer("", "Ann"); err == nil {
		t.Error("renaming onto a layer with labels was allowed")
	}
}

// A new document that gains another annotator's labels is in progress.
func TestMergeMarksNewDocumentInProgress(t *testing.T) {
	s := newStore(t)
	mustAdd(t, s, plainDoc("d", layerText))
	theirs := plainDoc("d", layerText)
	theirs.Meta = map[string]any{annotate.MetaLayer: "sam"}
	theirs.Spans = []annotate.Span{quote("q1", 9, 28)}
	if l, _ := s.ListDocuments(""); l[0].Status != annotate.StatusNew {
		t.Fatalf("status before = %q", l[0].Status)
	}
	mustAdd(t, s, texts(theirs))
	if l, _ := s.ListDocuments(""); l[0].Status != annotate.StatusInProgress {
		t.Errorf("status after the merge = %q", l[0].Status)
	}
}
