package store

import (
	"errors"
	"reflect"
	"testing"

	"github.com/sayso/sayso/annotate"
)

func TestRejections(t *testing.T) {
	s := newStore(t)
	res := mustAdd(t, s, plainDoc("a", "Biden said he would act. Putin said no."), plainDoc("b", "Another text."))
	a, b := res[0].ID, res[1].ID
	q := Rejection{Label: annotate.Quote, Kind: annotate.KindIndirect, Start: 11, End: 23}
	sp := Rejection{Label: annotate.Speaker, Start: 0, End: 5}
	if err := s.Reject(a, q, sp); err != nil {
		t.Fatal(err)
	}
	if err := s.Reject(a, q); err != nil { // twice is no error
		t.Fatalf("second reject: %v", err)
	}
	want := []Rejection{sp, q}
	if got, err := s.Rejections(a); err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("Rejections = %+v, %v; want %+v", got, err, want)
	}
	if got, _ := s.Rejections(b); len(got) != 0 {
		t.Fatalf("other document has rejections %+v", got)
	}

	// They survive a restart.
	s = reopen(t, s)
	if got, _ := s.Rejections(a); !reflect.DeepEqual(got, want) {
		t.Fatalf("after reopen: %+v", got)
	}

	if err := s.Unreject(a, sp, Rejection{Label: annotate.Threat, Start: 1, End: 2}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Rejections(a); !reflect.DeepEqual(got, []Rejection{q}) {
		t.Fatalf("after Unreject: %+v", got)
	}

	// Rejections follow the text: the same article stored again under
	// another row (here: removed and imported anew) is still rejected.
	if _, err := s.w.Exec(`DELETE FROM documents WHERE id = ?`, a); err != nil {
		t.Fatal(err)
	}
	again := mustAdd(t, s, plainDoc("a2", "Biden said he would act. Putin said no."))[0].ID
	if got, _ := s.Rejections(again); !reflect.DeepEqual(got, []Rejection{q}) {
		t.Fatalf("re-imported copy: %+v", got)
	}
	if n, err := s.ClearRejections(again); n != 1 || err != nil {
		t.Fatalf("ClearRejections = %d, %v", n, err)
	}
	if got, _ := s.Rejections(again); len(got) != 0 {
		t.Fatalf("after ClearRejections: %+v", got)
	}

	if err := s.Reject(999, q); !errors.Is(err, ErrNotFound) {
		t.Errorf("Reject on a missing document: %v", err)
	}
	if _, err := s.Rejections(999); !errors.Is(err, ErrNotFound) {
		t.Errorf("Rejections of a missing document: %v", err)
	}
	if err := s.Reject(again, Rejection{Label: annotate.Quote, Start: 3, End: 3}); err == nil {
		t.Error("an empty rejection was accepted")
	}
}

func TestRejectionOf(t *testing.T) {
	for _, tc := range []struct {
		s    annotate.Span
		want Rejection
	}{
		{annotate.Span{Label: annotate.Quote, Start: 1, End: 4}, Rejection{annotate.Quote, annotate.KindDirect, 1, 4}},
		{annotate.Span{Label: annotate.Quote, Start: 1, End: 4, Attrs: map[string]any{"kind": "indirect"}}, Rejection{annotate.Quote, annotate.KindIndirect, 1, 4}},
		{annotate.Span{Label: annotate.Threat, Start: 2, End: 9, Attrs: map[string]any{"kind": "x"}}, Rejection{annotate.Threat, "", 2, 9}},
	} {
		if got := RejectionOf(tc.s); got != tc.want {
			t.Errorf("RejectionOf(%+v) = %+v, want %+v", tc.s, got, tc.want)
		}
	}
}

func TestEachHandLabeledDocument(t *testing.T) {
	s := newStore(t)
	docs := synthDocs(4)
	for i, src := range []string{annotate.SourceAccepted, annotate.SourceManual, annotate.SourceSuggested, annotate.SourceEdited} {
		for k := range docs[i].Spans {
			docs[i].Spans[k].Source = src
		}
	}
	res := mustAdd(t, s, docs...)
	var got []string
	err := s.EachHandLabeledDocument(func(_ int64, d *annotate.Document) error {
		got = append(got, d.ID)
		if len(d.Spans) == 0 || len(d.Relations) == 0 || d.Text == "" {
			t.Errorf("%s: incomplete document", d.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{docs[1].ID, docs[3].ID}; !reflect.DeepEqual(got, want) {
		t.Fatalf("hand-labelled documents %v, want %v", got, want)
	}
	// A document becomes hand-labelled with its first manual span.
	d := mustDoc(t, s, res[0].ID)
	e := annotate.AddSpan(annotate.Span{ID: "m1", Label: annotate.Speaker, Start: 0, End: 7, Source: annotate.SourceManual})
	if _, err := s.Apply(res[0].ID, e); err != nil {
		t.Fatal(err)
	}
	n := 0
	_ = s.EachHandLabeledDocument(func(_ int64, x *annotate.Document) error {
		if x.ID == d.ID {
			n++
		}
		return nil
	})
	if n != 1 {
		t.Fatal("a manual span did not make the document hand-labelled")
	}
}
