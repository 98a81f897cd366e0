package app

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/sayso/sayso/annotate"
	engine "github.com/sayso/sayso/annotate/suggest"
	"github.com/sayso/sayso/store"
)

// triageText gets, from the engine: a direct QUOTE and a THREAT over "We
// will take action" with the SPEAKER "Biden"; the SPEAKER "Putin" with an
// indirect QUOTE; and "The minister" with a reported THREAT, an indirect
// QUOTE and a THREAT inside it.
const triageText = "Talks fail\n\n“We will take action,” Biden said. Putin said the talks had failed.\n\n" +
	"The minister warned that they would impose sanctions if the attacks went on."

// triageSuggestions is what the engine suggested for triageText when the
// tests were written; the tests use it, not the engine, so that they do
// not change as the engine improves. Other texts go to the engine.
func triageSuggestions(text string, opts engine.Options) engine.Suggestions {
	if text != triageText {
		return engine.Suggest(text, opts)
	}
	sp := func(id string, l annotate.Label, start, end int, score float64, attrs map[string]any) annotate.Span {
		r := []rune(text)
		return annotate.Span{ID: id, Label: l, Start: start, End: end, Text: string(r[start:end]), Score: &score, Attrs: attrs, Source: annotate.SourceSuggested}
	}
	return engine.Suggestions{
		Spans: []annotate.Span{
			sp("sq1", annotate.Quote, 13, 32, 0.95, map[string]any{"kind": "direct", "reason": "quote followed by its attribution, speech verb \"said\""}),
			sp("st1", annotate.Threat, 13, 32, 0.79, map[string]any{"conditional": false, "issuer": "Biden", "reason": "stated intent: \"take action\" in \"will\"", "target": ""}),
			sp("ss1", annotate.Speaker, 35, 40, 0.9, map[string]any{"entity": "Biden", "reason": "source of a quote"}),
			sp("ss2", annotate.Speaker, 47, 52, 0.9, map[string]any{"entity": "Putin", "reason": "source of a quote"}),
			sp("sq2", annotate.Quote, 58, 78, 0.8, map[string]any{"kind": "indirect", "reason": "content clause of speech verb \"said\""}),
			sp("ss3", annotate.Speaker, 81, 93, 0.75, map[string]any{"entity": "minister", "reason": "source of a quote"}),
			sp("st3", annotate.Threat, 94, 156, 0.7, map[string]any{"conditional": true, "issuer": "minister", "reason": "reported threat: warning \"warned\" to a target", "target": ""}),
			sp("sq3", annotate.Quote, 106, 133, 0.8, map[string]any{"kind": "indirect", "reason": "content clause of speech verb \"warned\""}),
			sp("st2", annotate.Threat, 106, 133, 0.75, map[string]any{"conditional": false, "issuer": "minister", "reason": "stated intent: \"impose sanctions\" in \"would\"", "target": ""}),
		},
		Relations: []annotate.Relation{
			{Label: "attributed_to", From: "sq1", To: "ss1"},
			{Label: "attributed_to", From: "sq2", To: "ss2"},
			{Label: "attributed_to", From: "sq3", To: "ss3"},
			{Label: "issued_by", From: "st1", To: "ss1"},
			{Label: "issued_by", From: "st2", To: "ss3"},
			{Label: "issued_by", From: "st3", To: "ss3"},
		},
	}
}

// newSuggestUI opens a project holding texts (the first one open) with
// the background work made synchronous.
func newSuggestUI(t testing.TB, path string, texts ...string) (*UI, fyne.Window) {
	t.Helper()
	a := fyne.CurrentApp()
	if a == nil || path == "" {
		a = test.NewTempApp(t)
	}
	if path == "" {
		path = filepath.Join(t.TempDir(), "p.sayso")
	}
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1100, 700))
	u, err := Create(a, w, Options{Project: path, Background: syncBackground, suggest: triageSuggestions})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(u.Close)
	if !u.hasAnnotator() {
		named(t, u, "tester")
	}
	if len(texts) > 0 {
		var docs []*annotate.Document
		for i, txt := range texts {
			docs = append(docs, &annotate.Document{ID: "d" + string(rune('1'+i)), Text: txt})
		}
		if _, err := u.st.AddDocuments(docs); err != nil {
			t.Fatal(err)
		}
		u.reloadList()
		u.openDocument(u.docs[0].ID)
	}
	w.Canvas().Focus(u.view)
	return u, w
}

// sugWith returns the shown suggestion of label over text, or nil.
func sugWith(u *UI, label annotate.Label, text string) *annotate.Span {
	for _, s := range u.Suggestions() {
		if s.Label == label && s.Text == text {
			return &s
		}
	}
	return nil
}

func mustSug(t testing.TB, u *UI, label annotate.Label, text string) annotate.Span {
	t.Helper()
	s := sugWith(u, label, text)
	if s == nil {
		var have []string
		for _, x := range u.Suggestions() {
			have = append(have, string(x.Label)+" "+x.Text)
		}
		t.Fatalf("no %s suggestion %q; have %q", label, text, have)
	}
	return *s
}

func focused(u *UI) string {
	s, ok := u.view.FocusedSuggestion()
	if !ok {
		return ""
	}
	return string(s.Label) + " " + s.Text
}

func typeKey(u *UI, name fyne.KeyName) {
	u.view.TypedKey(&fyne.KeyEvent{Name: name})
}

// shiftKey presses name with Shift (and Ctrl) held, as the desktop driver
// reports it to the view.
func shiftKey(u *UI, name fyne.KeyName, ctrl bool) {
	v := u.view
	v.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	if ctrl {
		v.KeyDown(&fyne.KeyEvent{Name: desktop.KeyControlLeft})
		v.KeyDown(&fyne.KeyEvent{Name: name})
	}
	v.TypedKey(&fyne.KeyEvent{Name: name})
	if ctrl {
		v.KeyUp(&fyne.KeyEvent{Name: name})
		v.KeyUp(&fyne.KeyEvent{Name: desktop.KeyControlLeft})
	}
	v.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
}

func TestSuggestionsShowOnOpen(t *testing.T) {
	u, _ := newSuggestUI(t, "", triageText)
	if n := len(u.Suggestions()); n != 9 {
		t.Fatalf("%d suggestions shown, want 9", n)
	}
	if d := stored(t, u); len(d.Spans) != 0 {
		t.Fatalf("suggestions were stored as spans: %+v", d.Spans)
	}
	if !strings.Contains(u.statusBar.Text, "9 suggestions") {
		t.Errorf("status bar: %q", u.statusBar.Text)
	}
	// none is drawn as a label: the view's spans are the document's
	if len(u.view.Spans()) != 0 || len(u.view.Suggestions()) != 9 {
		t.Fatalf("view has %d spans, %d suggestions", len(u.view.Spans()), len(u.view.Suggestions()))
	}
}

// A suggestion that duplicates a span already there is not shown; nor is
// a speaker whose quotes and threats are all rejected.
func TestSuggestionsHideDuplicates(t *testing.T) {
	tests := []struct {
		name   string
		label  annotate.Label
		kind   string
		sub    string
		hidden []string // label + text of suggestions no longer shown
	}{
		{"same bounds", annotate.Quote, annotate.KindDirect, "We will take action", []string{"QUOTE We will take action"}},
		{"most of it", annotate.Quote, annotate.KindDirect, "We will take action,", []string{"QUOTE We will take action"}},
		{"other label", annotate.Threat, "", "We will take action", []string{"THREAT We will take action"}},
		{"speaker overlapping", annotate.Speaker, "", "Biden said", []string{"SPEAKER Biden"}},
		{"other quote kind at other bounds", annotate.Quote, annotate.KindIndirect, "We will take", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			u, _ := newSuggestUI(t, "", triageText)
			before := len(u.Suggestions())
			b := strings.Index(triageText, tc.sub)
			s := len([]rune(triageText[:b]))
			u.view.SetSelection(s, s+len([]rune(tc.sub)))
			u.onLabel(tc.label, tc.kind, s, s+len([]rune(tc.sub)))
			if got := before - len(u.Suggestions()); got != len(tc.hidden) {
				t.Fatalf("%d suggestions hidden, want %d", got, len(tc.hidden))
			}
			for _, h := range tc.hidden {
				l, text, _ := strings.Cut(h, " ")
				if sugWith(u, annotate.Label(l), text) != nil {
					t.Errorf("%s still shown", h)
				}
			}
		})
	}
}

func TestTriageNavigation(t *testing.T) {
	u, _ := newSuggestUI(t, "", triageText)
	tests := []struct {
		keys string
		want string
	}{
		{"j", "QUOTE We will take action"},
		{"j", "THREAT We will take action"},
		{"j", "SPEAKER Biden"},
		{"k", "THREAT We will take action"},
		{"kk", "THREAT they would impose sanctions"}, // round the start
		{"j", "QUOTE We will take action"},           // and the end
		{"J", "THREAT We will take action"},
	}
	for _, tc := range tests {
		test.Type(u.view, tc.keys)
		if got := focused(u); got != tc.want {
			t.Fatalf("after %q: focused %q, want %q", tc.keys, got, tc.want)
		}
		// the panel shows it, with its score and reason
		if u.panel.sug == nil || !strings.Contains(u.panel.sug.reason.Text, "Why: ") || u.panel.sug.score.Value == 0 {
			t.Fatalf("panel does not show the suggestion: %+v", u.panel.sug)
		}
	}
	// J from the caret: the first suggestion after it
	typeKey(u, fyne.KeyEscape)
	if focused(u) != "" {
		t.Fatal("Esc kept the focus")
	}
	u.view.SetSelection(60, 60)
	test.Type(u.view, "j")
	if got := focused(u); got != "SPEAKER The minister" {
		t.Fatalf("J after the caret focused %q", got)
	}
}

// J scrolls a suggestion far down into view.
func TestTriageScrolls(t *testing.T) {
	long := strings.Repeat("Filler words go here and there.\n\n", 200) + triageText
	u, _ := newSuggestUI(t, "", long)
	if u.view.FirstVisible() != 0 {
		t.Fatal("not at the top")
	}
	test.Type(u.view, "j")
	s, _ := u.view.FocusedSuggestion()
	if !u.view.InView(s.Start) {
		t.Fatalf("focused suggestion at %d not in view (first visible %d)", s.Start, u.view.FirstVisible())
	}
}

func TestTriageAccept(t *testing.T) {
	for _, key := range []string{"a", "A (shift) asks", "Enter", "button"} {
		t.Run(key, func(t *testing.T) {
			u, _ := newSuggestUI(t, "", triageText)
			named(t, u, "kim")
			test.Type(u.view, "j") // the direct quote
			switch key {
			case "a":
				test.Type(u.view, "a")
			case "Enter":
				typeKey(u, fyne.KeyReturn)
			case "button":
				test.Tap(u.panel.sug.accept)
			default:
				test.Type(u.view, "A") // Shift+A: accept all like it, after asking
				if u.dlg == nil {
					t.Fatal("no confirmation")
				}
				confirm(t, u, "Accept")
			}
			d := stored(t, u)
			q := spanWith(d, annotate.Quote, "We will take action")
			if q == nil {
				t.Fatalf("not accepted: %+v", d.Spans)
			}
			if q.Source != annotate.SourceAccepted || q.Score == nil || *q.Score != 0.95 || q.Annotator != "kim" {
				t.Errorf("accepted span: source %q score %v annotator %q", q.Source, q.Score, q.Annotator)
			}
			if _, ok := q.Attrs[annotate.AttrReason]; ok || q.QuoteKind() != annotate.KindDirect {
				t.Errorf("attrs %v", q.Attrs)
			}
			// the next suggestion has the focus
			if got := focused(u); got != "THREAT We will take action" {
				t.Errorf("focus moved to %q", got)
			}
			if sugWith(u, annotate.Quote, "We will take action") != nil {
				t.Error("the accepted suggestion is still shown")
			}
			// undo gives the suggestion back
			u.undo()
			if len(stored(t, u).Spans) != 0 || sugWith(u, annotate.Quote, "We will take action") == nil {
				t.Error("undo did not restore the suggestion")
			}
		})
	}
}

// Accepting a quote and its suggested speaker, in either order, links
// them; the link joins the same undo step as the second accept.
func TestAcceptLinksSpeaker(t *testing.T) {
	for _, order := range [][2]string{{"QUOTE", "SPEAKER"}, {"SPEAKER", "QUOTE"}} {
		t.Run(order[0]+" first", func(t *testing.T) {
			u, _ := newSuggestUI(t, "", triageText)
			texts := map[string]string{"QUOTE": "the talks had failed", "SPEAKER": "Putin"}
			for _, l := range order {
				u.view.FocusSuggestion(mustSug(t, u, annotate.Label(l), texts[l]).ID)
				test.Type(u.view, "a")
			}
			d := stored(t, u)
			q, s := spanWith(d, annotate.Quote, "the talks had failed"), spanWith(d, annotate.Speaker, "Putin")
			if q == nil || s == nil {
				t.Fatalf("spans %+v", d.Spans)
			}
			if r, ok := d.RelationFrom(q.ID, annotate.AttributedTo); !ok || r.To != s.ID {
				t.Fatalf("relations %+v", d.Relations)
			}
			u.undo()
			if d := stored(t, u); len(d.Spans) != 1 || len(d.Relations) != 0 {
				t.Fatalf("undo left %d spans, %d relations", len(d.Spans), len(d.Relations))
			}
		})
	}
}

// Edited bounds, or another label, make the span "edited"; the original
// suggestion does not come back.
func TestTriageEditBounds(t *testing.T) {
	tests := []struct {
		name    string
		keys    func(u *UI)
		label   annotate.Label
		text    string
		kind    string
		wantSrc string
	}{
		{"as suggested", func(u *UI) { test.Type(u.view, "a") }, annotate.Quote, "We will take action", annotate.KindDirect, annotate.SourceAccepted},
		{"end grows", func(u *UI) { shiftKey(u, fyne.KeyRight, false); test.Type(u.view, "a") }, annotate.Quote, "We will take action,", annotate.KindDirect, annotate.SourceEdited},
		{"end shrinks", func(u *UI) { shiftKey(u, fyne.KeyLeft, false); typeKey(u, fyne.KeyReturn) }, annotate.Quote, "We will take", annotate.KindDirect, annotate.SourceEdited},
		{"start moves", func(u *UI) { shiftKey(u, fyne.KeyRight, true); test.Type(u.view, "a") }, annotate.Quote, "will take action", annotate.KindDirect, annotate.SourceEdited},
		{"start grows", func(u *UI) { shiftKey(u, fyne.KeyLeft, true); test.Type(u.view, "a") }, annotate.Quote, "“We will take action", annotate.KindDirect, annotate.SourceEdited},
		{"another kind", func(u *UI) { test.Type(u.view, "i") }, annotate.Quote, "We will take action", annotate.KindIndirect, annotate.SourceEdited},
		{"same label key", func(u *UI) { test.Type(u.view, "q") }, annotate.Quote, "We will take action", annotate.KindDirect, annotate.SourceAccepted},
		{"another label", func(u *UI) { test.Type(u.view, "s") }, annotate.Speaker, "We will take action", "", annotate.SourceEdited},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			u, _ := newSuggestUI(t, "", triageText)
			test.Type(u.view, "j")
			tc.keys(u)
			d := stored(t, u)
			sp := spanWith(d, tc.label, tc.text)
			if sp == nil {
				t.Fatalf("no %s %q: %+v", tc.label, tc.text, d.Spans)
			}
			if sp.Source != tc.wantSrc || (tc.kind != "" && sp.QuoteKind() != tc.kind) {
				t.Fatalf("source %q kind %q", sp.Source, sp.QuoteKind())
			}
			if sugWith(u, annotate.Quote, "We will take action") != nil {
				t.Fatal("the original suggestion is still offered")
			}
			// undo brings the original suggestion back
			u.undo()
			if sugWith(u, annotate.Quote, "We will take action") == nil {
				t.Fatal("undo did not bring the original suggestion back")
			}
			u.redo()
			if sugWith(u, annotate.Quote, "We will take action") != nil || spanWith(stored(t, u), tc.label, tc.text) == nil {
				t.Fatal("redo did not accept it again")
			}
		})
	}
}

// Dragging the end handle of the focused suggestion moves its end.
func TestTriageDragHandle(t *testing.T) {
	u, _ := newSuggestUI(t, "", triageText)
	test.Type(u.view, "j")
	s, _ := u.view.FocusedSuggestion()
	v := u.view
	end := s.End
	to := end + len([]rune(",” Biden"))
	drag(v, end, to, true, 0)
	f, _ := v.FocusedSuggestion()
	if f.Text != "We will take action,” Biden" {
		t.Fatalf("after the drag the suggestion is %q", f.Text)
	}
	if u.panel.sug == nil {
		t.Fatal("panel lost the suggestion")
	}
	test.Type(v, "a")
	if sp := spanWith(stored(t, u), annotate.Quote, "We will take action,” Biden"); sp == nil || sp.Source != annotate.SourceEdited {
		t.Fatalf("accepted %+v", stored(t, u).Spans)
	}
}

// A click on a suggestion focuses it; a click elsewhere leaves it.
func TestTriageClick(t *testing.T) {
	u, _ := newSuggestUI(t, "", triageText)
	v := u.view
	b := strings.Index(triageText, "talks had")
	cp := len([]rune(triageText[:b]))
	test.TapCanvas(fyne.CurrentApp().Driver().CanvasForObject(v), fyne.CurrentApp().Driver().AbsolutePositionForObject(v).Add(pointOf(v, cp)))
	if got := focused(u); got != "QUOTE the talks had failed" {
		t.Fatalf("click focused %q", got)
	}
	test.Tap(u.panel.sug.reject)
	if sugWith(u, annotate.Quote, "the talks had failed") != nil {
		t.Fatal("the panel's Reject did not reject")
	}
	// its speaker, suggested for it alone, goes with it
	if sugWith(u, annotate.Speaker, "Putin") != nil {
		t.Fatal("the orphaned speaker suggestion is still shown")
	}
}

// X rejects: the suggestion leaves, is stored, stays rejected after the
// project is opened again; undo and redo take it back and forth.
func TestTriageReject(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.sayso")
	test.NewTempApp(t)
	u, _ := newSuggestUI(t, path, triageText)
	u.view.FocusSuggestion(mustSug(t, u, annotate.Threat, "warned that they would impose sanctions if the attacks went on").ID)
	test.Type(u.view, "x")
	gone := func(u *UI) bool {
		return sugWith(u, annotate.Threat, "warned that they would impose sanctions if the attacks went on") == nil
	}
	if !gone(u) {
		t.Fatal("X did not reject")
	}
	if focused(u) == "" {
		t.Fatal("the focus did not move on")
	}
	if rs, _ := u.st.Rejections(u.docID); len(rs) != 1 || rs[0].Label != annotate.Threat {
		t.Fatalf("stored rejections %+v", rs)
	}
	u.undo()
	if gone(u) {
		t.Fatal("undo did not bring the rejected suggestion back")
	}
	if got := focused(u); got != "THREAT warned that they would impose sanctions if the attacks went on" {
		t.Fatalf("undo focused %q", got)
	}
	if i, n := u.suggestionPosition(u.view.FocusedSuggestionID()); u.panel.sug == nil || n != 9 || i == 0 {
		t.Fatal("the panel does not show the restored suggestion")
	}
	if rs, _ := u.st.Rejections(u.docID); len(rs) != 0 {
		t.Fatalf("undo left rejections %+v", rs)
	}
	u.redo()
	if !gone(u) {
		t.Fatal("redo did not reject again")
	}
	// a label edit in between: undo steps go back in order
	labelSub(t, u, "Biden", "s")
	u.undo() // the label
	if !gone(u) || len(stored(t, u).Spans) != 0 {
		t.Fatal("undo did not take the label back first")
	}
	u.undo() // the rejection
	if gone(u) {
		t.Fatal("second undo did not take the rejection back")
	}
	u.redo()
	u.Close()

	// open the project again: still rejected
	u2, _ := newSuggestUI(t, path)
	if u2.doc == nil || !gone(u2) {
		t.Fatal("the rejection did not survive reopening the project")
	}
	if len(u2.Suggestions()) != 8 {
		t.Fatalf("%d suggestions after reopening", len(u2.Suggestions()))
	}
	u2.ForgetRejections()
	if gone(u2) {
		t.Fatal("Offer Rejected Suggestions Again did not")
	}
}

// Accept all of a label, or above a score: one undo step.
func TestAcceptAll(t *testing.T) {
	tests := []struct {
		name   string
		do     func(t *testing.T, u *UI)
		spans  int
		links  int
		labels map[annotate.Label]int
	}{
		{"direct quotes", func(_ *testing.T, u *UI) { u.AcceptAllOfLabel(annotate.Quote, annotate.KindDirect) }, 1, 0, map[annotate.Label]int{annotate.Quote: 1}},
		{"quotes", func(_ *testing.T, u *UI) { u.AcceptAllOfLabel(annotate.Quote, "") }, 3, 0, map[annotate.Label]int{annotate.Quote: 3}},
		{"speakers", func(_ *testing.T, u *UI) { u.AcceptAllOfLabel(annotate.Speaker, "") }, 3, 0, map[annotate.Label]int{annotate.Speaker: 3}},
		{"threats", func(_ *testing.T, u *UI) { u.AcceptAllOfLabel(annotate.Threat, "") }, 3, 0, map[annotate.Label]int{annotate.Threat: 3}},
		{"score 0.9", func(_ *testing.T, u *UI) { u.AcceptAllAbove(0.9) }, 3, 1, map[annotate.Label]int{annotate.Quote: 1, annotate.Speaker: 2}},
		{"score 0", func(_ *testing.T, u *UI) { u.AcceptAllAbove(0) }, 9, 6, map[annotate.Label]int{annotate.Quote: 3, annotate.Speaker: 3, annotate.Threat: 3}},
		{"dialog at 0.8", func(t *testing.T, u *UI) {
			shortcut(u.win, scAcceptAbove)
			if u.dlgSlider == nil {
				t.Fatal("Ctrl+Shift+A opened no dialog")
			}
			u.dlgSlider.SetValue(0.8)
			confirm(t, u, "Accept")
		}, 5, 2, map[annotate.Label]int{annotate.Quote: 3, annotate.Speaker: 2}},
		{"Shift+A on a speaker", func(t *testing.T, u *UI) {
			u.view.FocusSuggestion(mustSug(t, u, annotate.Speaker, "Putin").ID)
			test.Type(u.view, "A")
			confirm(t, u, "Accept")
		}, 3, 0, map[annotate.Label]int{annotate.Speaker: 3}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			u, _ := newSuggestUI(t, "", triageText)
			tc.do(t, u)
			d := stored(t, u)
			if len(d.Spans) != tc.spans || len(d.Relations) != tc.links {
				t.Fatalf("%d spans, %d links; want %d, %d", len(d.Spans), len(d.Relations), tc.spans, tc.links)
			}
			c := d.CountLabels()
			for l, n := range tc.labels {
				if c[l] != n {
					t.Errorf("%d %s, want %d", c[l], l, n)
				}
			}
			for _, s := range d.Spans {
				if s.Source != annotate.SourceAccepted {
					t.Errorf("span %s source %q", s.ID, s.Source)
				}
			}
			// one step back
			u.undo()
			if d := stored(t, u); len(d.Spans) != 0 || len(d.Relations) != 0 {
				t.Fatalf("one undo left %d spans", len(d.Spans))
			}
			if len(u.Suggestions()) != 9 {
				t.Fatalf("%d suggestions after undo", len(u.Suggestions()))
			}
		})
	}
}

// After accepting all quotes, accepting the speakers links them.
func TestAcceptAllThenSpeakersLinks(t *testing.T) {
	u, _ := newSuggestUI(t, "", triageText)
	u.AcceptAllOfLabel(annotate.Quote, "")
	u.AcceptAllOfLabel(annotate.Threat, "")
	u.AcceptAllOfLabel(annotate.Speaker, "")
	d := stored(t, u)
	if len(d.Spans) != 9 || len(d.Relations) != 6 {
		t.Fatalf("%d spans, %d relations", len(d.Spans), len(d.Relations))
	}
	if len(u.Suggestions()) != 0 || !strings.Contains(u.statusBar.Text, "saved") {
		t.Fatalf("%d suggestions left; status %q", len(u.Suggestions()), u.statusBar.Text)
	}
}

// The core loop keeps working with suggestions around: a selection
// labelled with Q is labelled even while a suggestion had the focus, and
// the e2e keys (Ctrl+Right, Ctrl+Shift+Right, Q) label what they select.
func TestLabelKeysWithSuggestions(t *testing.T) {
	u, _ := newSuggestUI(t, "", triageText)
	v := u.view
	test.Type(v, "j")
	// a drag selects text and leaves the suggestion
	b := strings.Index(triageText, "Putin said")
	s := len([]rune(triageText[:b]))
	drag(v, s, s+5, true, 0)
	if focused(u) != "" {
		t.Fatal("a drag kept the suggestion focused")
	}
	test.Type(v, "s")
	if sp := spanWith(stored(t, u), annotate.Speaker, "Putin"); sp == nil || sp.Source != annotate.SourceManual {
		t.Fatalf("S did not label the selection: %+v", stored(t, u).Spans)
	}

	// the e2e keys, from the start of the text
	v.SelectSpan("")
	v.SetSelection(0, 0)
	ctrl := func(name fyne.KeyName, shift bool) {
		if shift {
			v.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
		}
		v.KeyDown(&fyne.KeyEvent{Name: desktop.KeyControlLeft})
		v.KeyDown(&fyne.KeyEvent{Name: name})
		v.TypedKey(&fyne.KeyEvent{Name: name})
		v.KeyUp(&fyne.KeyEvent{Name: name})
		v.KeyUp(&fyne.KeyEvent{Name: desktop.KeyControlLeft})
		if shift {
			v.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
		}
	}
	ctrl(fyne.KeyRight, false)
	ctrl(fyne.KeyRight, true)
	test.Type(v, "q")
	if sp := spanWith(stored(t, u), annotate.Quote, "fail"); sp == nil || sp.Source != annotate.SourceManual {
		t.Fatalf("Q did not label the e2e selection: %+v", stored(t, u).Spans)
	}
}

// Suggestions are computed off the UI goroutine: nothing shows until the
// work is done, and a result for a document the user left is dropped.
func TestSuggestionsInBackground(t *testing.T) {
	type job struct{ work, done func() }
	var jobs []job
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	u, err := Create(a, w, Options{Project: filepath.Join(t.TempDir(), "p.sayso"), suggest: triageSuggestions, Background: func(work, done func()) {
		jobs = append(jobs, job{work, done})
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer u.Close()
	named(t, u, "tester")
	if _, err := u.st.AddDocuments([]*annotate.Document{{ID: "a", Text: triageText}, {ID: "b", Text: testText}}); err != nil {
		t.Fatal(err)
	}
	u.reloadList()
	u.openDocument(u.docs[0].ID)
	// two jobs: the project's lexicon, and the document's suggestions
	if len(jobs) != 2 || len(u.Suggestions()) != 0 {
		t.Fatalf("%d jobs, %d suggestions before the work ran", len(jobs), len(u.Suggestions()))
	}
	if !strings.Contains(u.statusBar.Text, "finding suggestions") {
		t.Errorf("status %q", u.statusBar.Text)
	}
	// the user moves on before the work is done
	u.openDocument(u.docs[1].ID)
	if len(jobs) != 3 {
		t.Fatalf("%d jobs after the second document opened", len(jobs))
	}
	run := func(i int) {
		jobs[i].work()
		jobs[i].done()
	}
	run(1)
	if len(u.Suggestions()) != 0 {
		t.Fatal("the first document's suggestions were shown on the second")
	}
	run(0)
	if u.sug.lex == nil || u.sug.building {
		t.Fatal("the project lexicon was not taken")
	}
	run(2)
	if len(u.Suggestions()) == 0 || u.doc.ID != "b" {
		t.Fatalf("%d suggestions on the second document", len(u.Suggestions()))
	}

	// and with a real goroutine: the work runs on it, done back here
	ch := make(chan func(), 1)
	u.opts.Background = func(work, done func()) {
		go func() {
			work()
			ch <- done
		}()
	}
	u.openDocument(u.docs[0].ID)
	(<-ch)()
	if len(u.Suggestions()) != 9 {
		t.Fatalf("%d suggestions after the goroutine", len(u.Suggestions()))
	}
}

// Labelling a new speech verb by hand in one document makes the app
// suggest an indirect quote with that verb in another.
func TestLearnFromUser(t *testing.T) {
	a := "Budget\n\nThe senator opined that the budget was a disaster."
	b := "Taxes\n\nThe governor opined that taxes would rise next year."
	u, _ := newSuggestUI(t, "", a, b)
	u.openDocument(u.docs[1].ID)
	if sugWith(u, annotate.Quote, "taxes would rise next year") != nil {
		t.Fatal("already suggested before learning")
	}
	u.openDocument(u.docs[0].ID)
	labelSub(t, u, "the budget was a disaster", "i")
	if _, ok := u.sug.learned.Verbs["opined"]; !ok {
		t.Fatalf("the project did not learn the verb: %+v", u.sug.learned)
	}
	u.openDocument(u.docs[1].ID)
	mustSug(t, u, annotate.Quote, "taxes would rise next year")

	// a new session learns it from the project file
	path := u.st.Path()
	u.Close()
	u2, _ := newSuggestUI(t, path)
	u2.openDocument(u2.docs[1].ID)
	mustSug(t, u2, annotate.Quote, "taxes would rise next year")

	// taking the label back forgets the verb
	u2.openDocument(u2.docs[0].ID)
	u2.undo()
	u2.openDocument(u2.docs[1].ID)
	if sugWith(u2, annotate.Quote, "taxes would rise next year") != nil {
		t.Fatal("the verb is still known after its label was undone")
	}
}

// The speaker entity a user gives a mention is used for the same mention
// in the project's other documents.
func TestLearnAliasFromUser(t *testing.T) {
	a := "Talks\n\n“We are close,” Bibi said."
	b := "Vote\n\n“We will win,” Bibi said."
	u, _ := newSuggestUI(t, "", a, b)
	u.view.FocusSuggestion(mustSug(t, u, annotate.Speaker, "Bibi").ID)
	test.Type(u.view, "a")
	sp := spanWith(stored(t, u), annotate.Speaker, "Bibi")
	u.view.SelectSpan(sp.ID)
	u.panel.show(sp)
	u.panel.entity.SetText("Benjamin Netanyahu")
	u.panel.entity.OnSubmitted("Benjamin Netanyahu")
	u.openDocument(u.docs[1].ID)
	if got := mustSug(t, u, annotate.Speaker, "Bibi").AttrString(annotate.AttrEntity); got != "Benjamin Netanyahu" {
		t.Fatalf("entity %q", got)
	}
}

// Hiding suggestions hides them, and the setting is kept in the project.
func TestShowSuggestionsSetting(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.sayso")
	test.NewTempApp(t)
	u, _ := newSuggestUI(t, path, triageText)
	u.SetShowSuggestions(false)
	if len(u.Suggestions()) != 0 || u.showSugItem.Checked {
		t.Fatal("still shown")
	}
	test.Type(u.view, "j")
	if focused(u) != "" {
		t.Fatal("J focused a hidden suggestion")
	}
	u.Close()
	u2, _ := newSuggestUI(t, path)
	if len(u2.Suggestions()) != 0 {
		t.Fatal("the setting was not kept")
	}
	u2.SetShowSuggestions(true)
	if len(u2.Suggestions()) != 9 {
		t.Fatal("not shown again")
	}
}

func TestVisibleSuggestions(t *testing.T) {
	sp := func(id string, l annotate.Label, kind string, s, e int) annotate.Span {
		x := annotate.Span{ID: id, Label: l, Start: s, End: e}
		if kind != "" {
			x.Attrs = map[string]any{annotate.AttrKind: kind}
		}
		return x
	}
	raw := []annotate.Span{
		sp("q", annotate.Quote, annotate.KindDirect, 10, 30),
		sp("t", annotate.Threat, "", 10, 30),
		sp("s", annotate.Speaker, "", 32, 37),
		sp("s2", annotate.Speaker, "", 50, 55),
	}
	rels := []annotate.Relation{
		{Label: annotate.AttributedTo, From: "q", To: "s"},
		{Label: annotate.IssuedBy, From: "t", To: "s"},
	}
	ids := func(ss []annotate.Span) string {
		var out []string
		for _, s := range ss {
			out = append(out, s.ID)
		}
		return strings.Join(out, ",")
	}
	tests := []struct {
		name     string
		spans    []annotate.Span
		rejected []store.Rejection
		want     string
		matched  string
	}{
		{"nothing labelled", nil, nil, "q,t,s,s2", ""},
		{"quote labelled", []annotate.Span{sp("q1", annotate.Quote, annotate.KindDirect, 10, 29)}, nil, "t,s,s2", "q1"},
		{"indirect quote at the same bounds", []annotate.Span{sp("q1", annotate.Quote, annotate.KindIndirect, 10, 30)}, nil, "t,s,s2", "q1"},
		{"indirect quote at other bounds", []annotate.Span{sp("q1", annotate.Quote, annotate.KindIndirect, 10, 25)}, nil, "q,t,s,s2", ""},
		{"quote rejected", nil, []store.Rejection{{Label: annotate.Quote, Kind: annotate.KindDirect, Start: 10, End: 30}}, "t,s,s2", ""},
		{"rejected as the other kind", nil, []store.Rejection{{Label: annotate.Quote, Kind: annotate.KindIndirect, Start: 10, End: 30}}, "q,t,s,s2", ""},
		{"both rejected: the speaker goes", nil, []store.Rejection{{Label: annotate.Quote, Kind: annotate.KindDirect, Start: 10, End: 30}, {Label: annotate.Threat, Start: 10, End: 31}}, "s2", ""},
		{"rejected, but the quote is labelled", []annotate.Span{sp("q1", annotate.Quote, annotate.KindDirect, 10, 30)}, []store.Rejection{{Label: annotate.Threat, Start: 10, End: 30}}, "s,s2", "q1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			byID := map[string]int{}
			for i, s := range raw {
				byID[s.ID] = i
			}
			shown, shownRels, matched := visibleSuggestions(raw, rels, byID, tc.spans, tc.rejected)
			if got := ids(shown); got != tc.want {
				t.Fatalf("shown %s, want %s", got, tc.want)
			}
			if matched["q"] != tc.matched {
				t.Fatalf("q matched %q", matched["q"])
			}
			for _, r := range shownRels {
				if !strings.Contains(","+tc.want+",", ","+r.From+",") || !strings.Contains(","+tc.want+",", ","+r.To+",") {
					t.Fatalf("relation %+v to a hidden suggestion", r)
				}
			}
		})
	}
}

// confirm presses the button labelled text in the dialog on top.
func confirm(t *testing.T, u *UI, text string) {
	t.Helper()
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog")
	}
	b := findButton(top, text)
	if b == nil {
		t.Fatalf("no %q button", text)
	}
	test.Tap(b)
}

func findButton(o fyne.CanvasObject, text string) *widget.Button {
	switch x := o.(type) {
	case *widget.Button:
		if x.Text == text {
			return x
		}
	case *fyne.Container:
		for _, c := range x.Objects {
			if b := findButton(c, text); b != nil {
				return b
			}
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			if b := findButton(c, text); b != nil {
				return b
			}
		}
	}
	return nil
}

// labelSub selects the first occurrence of sub in the open document and
// presses key in the view.
func labelSub(t *testing.T, u *UI, sub, key string) {
	t.Helper()
	b := strings.Index(u.doc.Text, sub)
	if b < 0 {
		t.Fatalf("%q not in the document", sub)
	}
	s := len([]rune(u.doc.Text[:b]))
	u.view.SetSelection(s, s+len([]rune(sub)))
	test.Type(u.view, key)
}

// Rejecting a suggestion is a new action: an undone edit cannot be
// redone after it.
func TestRejectClearsRedo(t *testing.T) {
	test.NewTempApp(t)
	u, _ := newSuggestUI(t, filepath.Join(t.TempDir(), "p.sayso"), triageText)
	labelSub(t, u, "Biden", "s")
	u.undo()
	if _, redo, _ := u.st.CanUndo(u.docID); !redo {
		t.Fatal("no redo after undo")
	}
	u.view.FocusSuggestion(mustSug(t, u, annotate.Threat, "warned that they would impose sanctions if the attacks went on").ID)
	test.Type(u.view, "x")
	u.redo()
	if len(stored(t, u).Spans) != 0 {
		t.Fatal("redo after a rejection brought back the undone label")
	}
	if _, redo, _ := u.st.CanUndo(u.docID); redo {
		t.Fatal("the store still offers a redo")
	}
}
