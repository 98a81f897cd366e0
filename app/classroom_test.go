package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/sayso/sayso/annotate"
	"github.com/sayso/sayso/store"
)

// openUI opens path in a new window of the current app (a shared
// computer: the same preferences for everyone).
func openUI(t *testing.T, path string) *UI {
	t.Helper()
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1100, 700))
	u, err := Create(fyne.CurrentApp(), w, Options{Project: path, Background: syncBackground, suggest: triageSuggestions})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(u.Close)
	return u
}

// answerName types name into the name dialog on top and presses Enter.
func answerName(t *testing.T, u *UI, name string) {
	t.Helper()
	e := findEntry(t, u.win)
	if e.Text != "" {
		t.Errorf("the name dialog was filled in with %q", e.Text)
	}
	e.SetText(name)
	e.OnSubmitted(name)
}

// The first label in a project asks who labels; the name is kept in the
// project file, shown in the title and recorded on the label.
func TestNameAskedOnFirstLabel(t *testing.T) {
	test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "p.sayso")
	u := openUI(t, path)
	if _, err := u.st.AddDocuments([]*annotate.Document{{ID: "d1", Text: testText}}); err != nil {
		t.Fatal(err)
	}
	u.reloadList()
	u.openDocument(u.docs[0].ID)
	label(t, u, "Biden", "s")
	if n := len(stored(t, u).Spans); n != 0 {
		t.Fatalf("labeled before the name was given: %d spans", n)
	}
	answerName(t, u, "Ana Lima")
	d := stored(t, u)
	if sp := spanWith(d, annotate.Speaker, "Biden"); sp == nil || sp.Annotator != "Ana Lima" {
		t.Fatalf("the label after the name: %+v", d.Spans)
	}
	if got := u.win.Title(); !strings.Contains(got, "Ana Lima") {
		t.Errorf("title %q does not show the name", got)
	}
	u.Close()
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if n, _ := st.Setting(store.SettingAnnotator); n != "Ana Lima" {
		t.Errorf("name kept in the project = %q", n)
	}
}

// Another person on the same project gets a layer of their own; a
// corrected spelling keeps the labels.
func TestChangeAnnotator(t *testing.T) {
	u, _, _ := newTestUI(t)
	label(t, u, "Biden", "s")
	if !u.setAnnotator("Bea", false) {
		t.Fatal("setAnnotator")
	}
	if n := len(stored(t, u).Spans); n != 0 {
		t.Errorf("Bea sees another person's %d labels as hers", n)
	}
	label(t, u, "Putin", "s")
	if !u.setAnnotator("Beatriz", true) {
		t.Fatal("rename")
	}
	if d := stored(t, u); len(d.Spans) != 1 || d.Spans[0].Annotator != "Beatriz" || d.Spans[0].Text != "Putin" {
		t.Errorf("after the new spelling: %+v", d.Spans)
	}
	layers, err := u.st.Layers()
	if err != nil || len(layers) != 2 || layers[0].Name != "Beatriz" || layers[1].Name != "tester" {
		t.Errorf("layers = %+v, %v", layers, err)
	}
}

// The whole classroom in the app: a teacher makes an assignment without
// suggestions from a labeled project, a student on the same computer
// opens it, is asked their name (not the teacher's), labels without
// suggestions and hands in; the teacher collects that file with a broken
// one and gets a report.
func TestClassroomWorkflow(t *testing.T) {
	test.NewTempApp(t)
	dir := t.TempDir()
	teacher := openUI(t, filepath.Join(dir, "teacher.sayso"))
	named(t, teacher, "Ms Lee")
	if _, err := teacher.st.AddDocuments([]*annotate.Document{{ID: "d1", Text: testText}, {ID: "d2", Text: triageText}}); err != nil {
		t.Fatal(err)
	}
	teacher.reloadList()
	teacher.openDocument(teacher.docs[0].ID)
	label(t, teacher, "We will take action", "q")
	label(t, teacher, "Biden", "s")
	set := filepath.Join(dir, "week1.sayso")
	teacher.createAssignment(set, "Week 1", false, []int64{teacher.docs[0].ID, teacher.docs[1].ID})
	if _, err := os.Stat(set); err != nil {
		t.Fatalf("no class set: %v", err)
	}

	student := openUI(t, set)
	if student.assignment == nil || !student.suggestionsForbidden() {
		t.Fatal("the class set does not forbid suggestions")
	}
	for _, it := range student.sugMenu.Items {
		if !it.Disabled && it.Label != "" {
			t.Errorf("suggestion menu item %q is enabled", it.Label)
		}
	}
	student.SetShowSuggestions(true)
	if n := len(student.view.Suggestions()); n != 0 || student.sug.ready {
		t.Errorf("suggestions were computed or shown: %d", n)
	}
	if n := len(stored(t, student).Spans); n != 0 {
		t.Fatalf("the class set carries %d labels of the key", n)
	}
	label(t, student, "We will take action", "q")
	answerName(t, student, "Sam")
	label(t, student, "Putin", "s")
	out := filepath.Join(dir, "sam.sayso")
	student.handIn(out)

	broken := filepath.Join(dir, "broken.sayso")
	if err := os.WriteFile(broken, []byte("not a project"), 0o644); err != nil {
		t.Fatal(err)
	}
	teacher.collect([]string{out, broken})
	r := teacher.lastReport
	if r == nil {
		t.Fatal("no report")
	}
	if len(r.Students) != 1 || r.Students[0].Student != "Sam" || len(r.Problems) != 1 || r.Problems[0].File != "broken.sayso" {
		t.Fatalf("report students %+v problems %+v", r.Students, r.Problems)
	}
	o := r.Students[0].Overall
	if o.Found != 1 || o.Missed != 1 || o.Extra != 1 {
		t.Errorf("Sam: found %d missed %d extra %d, want 1, 1, 1", o.Found, o.Missed, o.Extra)
	}
	if teacher.reportWin == nil {
		t.Error("no report window")
	}
}
