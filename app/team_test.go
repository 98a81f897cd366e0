package app

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/sayso/sayso/annotate"
)

// twoAnnotators labels the test document as Ana (quote and speaker) and
// as Ben (the same quote, another speaker).
func twoAnnotators(t *testing.T) *UI {
	t.Helper()
	u, _, _ := newTestUI(t)
	named(t, u, "Ana")
	label(t, u, "We will take action", "q")
	label(t, u, "Biden", "s")
	named(t, u, "Ben")
	label(t, u, "We will take action", "q")
	label(t, u, "Putin", "s")
	return u
}

func TestAgreementScreen(t *testing.T) {
	u := twoAnnotators(t)
	u.showAgreement()
	r := u.lastAgreement
	if r == nil || u.agreeWin == nil {
		t.Fatal("no agreement report")
	}
	if fmt.Sprint(r.Annotators) != "[Ana Ben]" { // "tester" labeled nothing: no layer
		t.Errorf("annotators %v", r.Annotators)
	}
	for _, l := range r.Labels {
		if l.Kind == "QUOTE-direct" && (!l.Overlap.F1.OK || l.Overlap.F1.V != 1) {
			t.Errorf("direct quotes: %+v", l.Overlap)
		}
		if l.Kind == "SPEAKER" && (!l.Overlap.F1.OK || l.Overlap.F1.V != 0) {
			t.Errorf("speakers: %+v", l.Overlap)
		}
	}
}

// Adjudication by keyboard: the agreed quote is there from the start;
// "1" takes Ana's speaker, "2" on the next difference Ben's, Ctrl+Z takes
// that back; the curated layer is stored as a layer of its own.
func TestAdjudicationKeys(t *testing.T) {
	u := twoAnnotators(t)
	u.openAdjudication(u.doc.ID, "Ana", "Ben")
	j := u.adjudication
	if j == nil {
		t.Fatal("no adjudication window")
	}
	if len(j.diffs) != 2 {
		t.Fatalf("differences = %+v", j.diffs)
	}
	if got := j.curated.Spans; len(got) != 1 || got[0].Text != "We will take action" {
		t.Fatalf("curated seed = %+v", got)
	}
	c := j.w.Canvas()
	typeRune := func(r rune) { c.(interface{ OnTypedRune() func(rune) }).OnTypedRune()(r) }
	typeRune('1')
	if len(j.curated.Spans) != 2 || j.at != 1 {
		t.Fatalf("after 1: %+v, at %d", j.curated.Spans, j.at)
	}
	typeRune('2')
	if len(j.curated.Spans) != 3 {
		t.Fatalf("after 2: %+v", j.curated.Spans)
	}
	c.(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault})
	if len(j.curated.Spans) != 2 {
		t.Fatalf("after undo: %+v", j.curated.Spans)
	}
	stored, err := u.st.DocumentIn(defaultCurated, u.docID)
	if err != nil || len(stored.Spans) != 2 || spanWith(stored, annotate.Speaker, "Biden") == nil {
		t.Errorf("stored curated layer = %+v, %v", stored, err)
	}
}
