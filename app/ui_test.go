package app

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/sayso/sayso/annotate"
	"github.com/sayso/sayso/store"
)

const testText = "Leaders meet 👋\n\n“We will take action,” Biden said in Genève. Putin denied it."

// syncBackground runs the app's background work at once, on the test's
// goroutine.
func syncBackground(work, done func()) {
	work()
	done()
}

// newTestUI opens a new project holding testText in the test driver.
func newTestUI(t *testing.T) (*UI, fyne.Window, string) {
	t.Helper()
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1100, 700))
	path := filepath.Join(t.TempDir(), "p.sayso")
	u, err := Create(a, w, Options{Project: path, Background: syncBackground})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(u.Close)
	named(t, u, "tester")
	if _, err := u.st.AddDocuments([]*annotate.Document{{ID: "d1", Text: testText}}); err != nil {
		t.Fatal(err)
	}
	u.reloadList()
	u.openDocument(u.docs[0].ID)
	return u, w, path
}

// named gives the open project an annotator, as the name dialog does the
// first time someone labels.
func named(t testing.TB, u *UI, name string) {
	t.Helper()
	if !u.setAnnotator(name, false) {
		t.Fatalf("could not name the annotator %q", name)
	}
}

// offsets returns the code-point range of the first occurrence of sub.
func offsets(t *testing.T, sub string) (int, int) {
	t.Helper()
	r := []rune(testText)
	s := []rune(sub)
	for i := 0; i+len(s) <= len(r); i++ {
		if string(r[i:i+len(s)]) == sub {
			return i, i + len(s)
		}
	}
	t.Fatalf("%q not in the test text", sub)
	return 0, 0
}

func stored(t *testing.T, u *UI) *annotate.Document {
	t.Helper()
	d, err := u.st.Document(u.docID)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func spanWith(d *annotate.Document, label annotate.Label, text string) *annotate.Span {
	for i := range d.Spans {
		if d.Spans[i].Label == label && d.Spans[i].Text == text {
			return &d.Spans[i]
		}
	}
	return nil
}

func shortcut(w fyne.Window, sc fyne.Shortcut) {
	w.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(sc)
}

// label selects sub and presses key in the view, as a user would.
func label(t *testing.T, u *UI, sub, key string) {
	t.Helper()
	s, e := offsets(t, sub)
	u.view.SetSelection(s, e)
	test.Type(u.view, key)
}

func TestLabelKeysCommitSpans(t *testing.T) {
	tests := []struct {
		key, sub string
		label    annotate.Label
		attr     string
		want     any
	}{
		{"q", "We will take action,", annotate.Quote, annotate.AttrKind, annotate.KindDirect},
		{"I", "it", annotate.Quote, annotate.AttrKind, annotate.KindIndirect},
		{"s", "Biden", annotate.Speaker, annotate.AttrEntity, "Biden"},
		{"t", "We will take action", annotate.Threat, annotate.AttrConditional, false},
		{"s", "Genève", annotate.Speaker, annotate.AttrEntity, "Genève"},
	}
	for _, tc := range tests {
		t.Run(tc.key+" "+tc.sub, func(t *testing.T) {
			u, _, _ := newTestUI(t)
			label(t, u, tc.sub, tc.key)
			sp := spanWith(stored(t, u), tc.label, tc.sub)
			if sp == nil {
				t.Fatalf("no %s span %q committed: %+v", tc.label, tc.sub, stored(t, u).Spans)
			}
			s, e := offsets(t, tc.sub)
			if sp.Start != s || sp.End != e {
				t.Fatalf("offsets %d..%d, want %d..%d (code points)", sp.Start, sp.End, s, e)
			}
			if sp.Attrs[tc.attr] != tc.want || sp.Source != annotate.SourceManual {
				t.Fatalf("attrs %v source %q", sp.Attrs, sp.Source)
			}
			if u.view.SelectedSpan() != sp.ID {
				t.Fatalf("new span not selected")
			}
		})
	}
}

func TestLinkDeleteUndoRedo(t *testing.T) {
	u, w, path := newTestUI(t)
	label(t, u, "We will take action,", "q")
	label(t, u, "Biden", "s")
	d := stored(t, u)
	q, s := spanWith(d, annotate.Quote, "We will take action,"), spanWith(d, annotate.Speaker, "Biden")

	// Link: select the quote, press L, pick the speaker.
	u.view.SelectSpan(q.ID)
	test.Type(u.view, "l")
	if !u.view.LinkMode() {
		t.Fatal("L did not start link mode")
	}
	tapSpan(t, u, s.ID)
	if r, ok := stored(t, u).RelationFrom(q.ID, annotate.AttributedTo); !ok || r.To != s.ID {
		t.Fatalf("no attributed_to link: %+v", stored(t, u).Relations)
	}

	// Entity typed in the panel.
	u.view.SelectSpan(s.ID)
	u.onSelectSpan(s.ID)
	if u.panel.entity == nil {
		t.Fatal("speaker panel has no entity entry")
	}
	u.panel.entity.SetText("Joe Biden")
	u.panel.entity.OnSubmitted("Joe Biden")
	if got := spanWith(stored(t, u), annotate.Speaker, "Biden").AttrString(annotate.AttrEntity); got != "Joe Biden" {
		t.Fatalf("entity = %q", got)
	}

	// Delete the speaker: its link goes too.
	u.view.SelectSpan(s.ID)
	u.view.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if d := stored(t, u); spanWith(d, annotate.Speaker, "Biden") != nil || len(d.Relations) != 0 {
		t.Fatalf("delete left %+v %+v", d.Spans, d.Relations)
	}

	// Undo brings back span, entity and link; redo removes them again.
	shortcut(w, scUndo)
	d = stored(t, u)
	if sp := spanWith(d, annotate.Speaker, "Biden"); sp == nil || sp.AttrString(annotate.AttrEntity) != "Joe Biden" || len(d.Relations) != 1 {
		t.Fatalf("undo did not restore: %+v %+v", d.Spans, d.Relations)
	}
	shortcut(w, scRedo)
	if spanWith(stored(t, u), annotate.Speaker, "Biden") != nil {
		t.Fatal("redo did not delete again")
	}
	shortcut(w, scUndo)

	// Undo survives a restart.
	id := u.docID
	u.Close()
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	st.SetLayer("tester")    // the annotator's own history
	for i := 0; i < 3; i++ { // entity, link, speaker
		if _, _, err := st.Undo(id); err != nil {
			t.Fatalf("undo %d after reopen: %v", i, err)
		}
	}
	d, _ = st.Document(id)
	if len(d.Spans) != 1 || d.Spans[0].Label != annotate.Quote {
		t.Fatalf("after undoing 3 steps: %+v", d.Spans)
	}
}

func TestStatusAndDocumentSwitch(t *testing.T) {
	u, _, _ := newTestUI(t)
	if _, err := u.st.AddDocuments([]*annotate.Document{{ID: "d2", Text: "Second\n\nText two."}}); err != nil {
		t.Fatal(err)
	}
	u.reloadList()
	label(t, u, "Biden", "s")
	if got := stored(t, u).Status; got != annotate.StatusInProgress {
		t.Fatalf("status after a label = %q", got)
	}
	u.status.SetSelected(annotate.StatusDone)
	if got := stored(t, u).Status; got != annotate.StatusDone {
		t.Fatalf("status = %q", got)
	}
	first := u.docID
	u.moveDoc(1)
	if u.docID == first || u.doc.Title != "Second" {
		t.Fatalf("next document not opened: %d %q", u.docID, u.doc.Title)
	}
	u.filterBox.SetText("second")
	if len(u.docs) != 1 {
		t.Fatalf("filter kept %d docs", len(u.docs))
	}
}

// tapSpan clicks in the middle of the first character of span id.
func tapSpan(t *testing.T, u *UI, id string) {
	t.Helper()
	i := u.doc.SpanByID(id)
	if i < 0 {
		t.Fatalf("no span %s", id)
	}
	pos, ok := u.view.PointAt(u.doc.Spans[i].Start)
	if !ok {
		t.Fatalf("span %s not laid out", id)
	}
	test.TapAt(u.view, pos)
}

// F1 opens the help even while the annotation view has the focus.
func TestF1OpensHelpFromView(t *testing.T) {
	u, w, _ := newTestUI(t)
	w.Canvas().Focus(u.view)
	before := len(fyne.CurrentApp().Driver().AllWindows())
	u.view.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF1})
	wins := fyne.CurrentApp().Driver().AllWindows()
	if len(wins) != before+1 || wins[len(wins)-1].Title() != "sayso help" {
		t.Fatalf("F1 did not open the help window (%d -> %d windows)", before, len(wins))
	}
}

// Import from the GUI runs in the background, reports bad files by name
// and opens what it imported; export writes the file.
func TestImportAndExportInBackground(t *testing.T) {
	u, _, _ := newTestUI(t)
	u.opts.Background = func(work, done func()) { work(); done() }
	dir := t.TempDir()
	good, bad := filepath.Join(dir, "good.txt"), filepath.Join(dir, "bad.txt")
	if err := os.WriteFile(good, []byte("Fresh story\n\n“Now,” she said."), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte("caf\xe9"), 0o644); err != nil {
		t.Fatal(err)
	}
	var rep *annotate.ImportReport
	u.importPaths([]string{good, bad}, func(r *annotate.ImportReport) {
		u.openLastImported(r)
		rep = r
	})
	if rep == nil || u.busy {
		t.Fatal("import did not finish")
	}
	if len(rep.Imported) != 1 || len(rep.Errors) != 1 || !strings.Contains(rep.Errors[0].Error(), "bad.txt: byte 3: invalid UTF-8") {
		t.Fatalf("report: %+v", rep)
	}
	if len(u.docs) != 2 || u.doc == nil || u.doc.Title != "Fresh story" {
		t.Fatalf("list has %d docs, open %+v", len(u.docs), u.doc)
	}
	if !strings.Contains(u.statusBar.Text, "1 document(s) imported from 2 file(s), 1 problem(s)") {
		t.Fatalf("status bar: %q", u.statusBar.Text)
	}
	out := filepath.Join(dir, "out.jsonl")
	u.exportTo(jsonlExport(t, u, out))
	b, err := os.ReadFile(out)
	if err != nil || strings.Count(string(b), "\n") != 2 || !strings.Contains(u.statusBar.Text, "Exported 2 document(s)") {
		t.Fatalf("export: %v, %d lines, status %q", err, strings.Count(string(b), "\n"), u.statusBar.Text)
	}
}

// findEntry returns the first entry in the top overlay (an open dialog).
func findEntry(t *testing.T, w fyne.Window) *widget.Entry {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog open")
	}
	for _, o := range test.LaidOutObjects(top) {
		if e, ok := o.(*widget.Entry); ok {
			return e
		}
	}
	t.Fatal("no entry in the dialog")
	return nil
}

// New Project never touches an existing file: Fyne's save dialog would
// create (empty) it, so sayso asks for a path itself.
func TestNewProjectRefusesExistingFile(t *testing.T) {
	u, w, path := newTestUI(t)
	before, _ := os.ReadFile(path)
	u.newProjectDialog()
	e := findEntry(t, w)
	e.SetText(path)
	e.OnSubmitted(path)
	if u.st.Path() != path {
		t.Fatal("switched project")
	}
	if after, _ := os.ReadFile(path); len(after) < len(before) {
		t.Fatal("existing project file was changed")
	}
	fresh := filepath.Join(t.TempDir(), "fresh")
	u.newProjectDialog()
	e = findEntry(t, w)
	e.SetText(fresh)
	e.OnSubmitted(fresh)
	if u.st.Path() != fresh+".sayso" || len(u.docs) != 0 {
		t.Fatalf("new project not opened: %s", u.st.Path())
	}
}

// jsonlExport is the Export dialog's choice for native JSONL to out.
func jsonlExport(t *testing.T, u *UI, out string) store.Export {
	t.Helper()
	f := newExportForm(u)
	f.path.SetText(out)
	e, err := f.export()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// Export asks before replacing a file and leaves it alone when cancelled.
func TestExportDialogAsksBeforeReplacing(t *testing.T) {
	u, w, _ := newTestUI(t)
	u.opts.Background = func(work, done func()) { work(); done() }
	out := filepath.Join(t.TempDir(), "old.jsonl")
	os.WriteFile(out, []byte("keep me\n"), 0o644)
	u.exportDialog()
	if u.dlg == nil {
		t.Fatal("no export dialog")
	}
	u.confirmExport(jsonlExport(t, u, out), nil)
	if b, _ := os.ReadFile(out); string(b) != "keep me\n" {
		t.Fatal("file replaced before the user confirmed")
	}
	if w.Canvas().Overlays().Top() == nil {
		t.Fatal("no confirmation asked")
	}
	u.exportTo(jsonlExport(t, u, out))
	if b, _ := os.ReadFile(out); !strings.Contains(string(b), `"id": "d1"`) {
		t.Fatalf("export not written: %q", b)
	}
}

// The Export dialog offers every exporting format of the registry; a CoNLL
// export writes its file and shows the loss report (links cannot go).
func TestExportDialogFormats(t *testing.T) {
	u, _, _ := newTestUI(t)
	label(t, u, "We will take action", "q")
	label(t, u, "Biden", "s")
	u.view.SelectSpan(u.doc.Spans[0].ID)
	f := newExportForm(u)
	for _, name := range []string{"jsonl", "csv", "xlsx", "conll", "brat", "labelstudio"} {
		if !slices.Contains(f.format.Options, name) {
			t.Errorf("format %s not offered: %v", name, f.format.Options)
		}
	}
	f.format.SetSelected("conll")
	out := filepath.Join(t.TempDir(), "x.conll")
	f.path.SetText(out)
	if !strings.Contains(f.holds.Text, "Cannot hold") {
		t.Errorf("what conll holds: %q", f.holds.Text)
	}
	e, err := f.export()
	if err != nil {
		t.Fatal(err)
	}
	u.exportTo(e)
	if b, err := os.ReadFile(out); err != nil || !strings.Contains(string(b), "B-QUOTE") {
		t.Fatalf("conll export: %v %q", err, b)
	}
	if _, err := os.Stat(out + ".loss.txt"); err != nil {
		t.Errorf("no loss report beside the export: %v", err)
	}
	if u.dlg == nil || !strings.Contains(u.statusBar.Text, "Exported 1 document(s)") {
		t.Errorf("status %q", u.statusBar.Text)
	}
}

// Quitting while an import runs is refused with a message; the project
// stays open.
func TestQuitWhileBusyIsRefused(t *testing.T) {
	u, w, _ := newTestUI(t)
	u.busy = true
	u.quit()
	if u.st == nil || w.Canvas().Overlays().Top() == nil {
		t.Fatal("quit went ahead during an import")
	}
	u.busy = false
}

// Picking a name from the entity list saves it; typing saves on Enter
// only, so a prefix that happens to be a known name is not saved early.
func TestEntityPickedFromListIsSaved(t *testing.T) {
	u, _, _ := newTestUI(t)
	label(t, u, "Biden", "s")
	label(t, u, "Putin", "s")
	u.view.SelectSpan(spanWith(stored(t, u), annotate.Speaker, "Biden").ID)
	u.onSelectSpan(u.view.SelectedSpan())
	// typing "Puti" then "n" one rune at a time: "Putin" is a known
	// entity, but typed, not picked
	u.panel.entity.SetText("Puti")
	u.panel.entity.SetText("Putin")
	if got := spanWith(stored(t, u), annotate.Speaker, "Biden").AttrString(annotate.AttrEntity); got != "Biden" {
		t.Fatalf("typing saved %q before Enter", got)
	}
	u.panel.entity.SetText("")
	u.panel.entity.SetText("Putin") // as the dropdown does
	if got := spanWith(stored(t, u), annotate.Speaker, "Biden").AttrString(annotate.AttrEntity); got != "Putin" {
		t.Fatalf("picked entity not saved: %q", got)
	}
}

// The entity list offers names used anywhere in the project, including
// one given a moment ago in another document.
func TestEntityOptionsFollowEdits(t *testing.T) {
	u, _, _ := newTestUI(t)
	if _, err := u.st.AddDocuments([]*annotate.Document{{ID: "d2", Text: "Second\n\nThe president spoke."}}); err != nil {
		t.Fatal(err)
	}
	u.reloadList()
	label(t, u, "Biden", "s")
	u.panel.entity.SetText("Joseph R. Biden")
	u.panel.entity.OnSubmitted("Joseph R. Biden")
	u.moveDoc(1)
	r := []rune(u.doc.Text)
	start := len([]rune("Second\n\nThe "))
	u.view.SetSelection(start, start+len("president"))
	test.Type(u.view, "s")
	if len(r) == 0 || u.panel.entity == nil || !slices.Contains(u.projectEntities(), "Joseph R. Biden") {
		t.Fatalf("options %v lack the entity given in the other document", u.projectEntities())
	}
}
