package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sayso/sayso/annotate"
)

// teacherProject is a project with two documents; the first carries the
// teacher's answer key in layer "Ms Lee".
func teacherProject(t *testing.T) *Store {
	t.Helper()
	s := newStore(t)
	s.SetLayer("Ms Lee")
	key := plainDoc("a", layerText)
	key.Spans = []annotate.Span{quote("q1", 9, 28)}
	mustAdd(t, s, texts(key), plainDoc("b", "A second article, without labels."))
	return s
}

func TestAssignmentRoundTrip(t *testing.T) {
	teacher := teacherProject(t)
	dir := t.TempDir()
	set := filepath.Join(dir, "class.sayso")
	a, err := teacher.NewAssignment(set, Assignment{Title: "Week 1", Suggestions: false}, []int64{1, 2})
	if err != nil {
		t.Fatal(err)
	}
	if a.ID == "" || a.KeyLayer != "Ms Lee" || len(a.Documents) != 2 {
		t.Fatalf("assignment = %+v", a)
	}
	if _, err := teacher.NewAssignment(set, Assignment{Title: "again"}, []int64{1}); err == nil {
		t.Error("an existing file was overwritten")
	}

	// The class set holds the documents and nothing of the key.
	student, err := Open(set)
	if err != nil {
		t.Fatal(err)
	}
	defer student.Close()
	info, err := student.Assignment()
	if err != nil || info == nil || info.Title != "Week 1" || info.Suggestions || info.KeyLayer != "" {
		t.Fatalf("class set assignment = %+v, %v", info, err)
	}
	if l, _ := student.Layers(); len(l) != 0 {
		t.Errorf("class set has labels: %+v", l)
	}
	raw, _ := student.Setting(settingAssignment)
	if strings.Contains(raw, "Ms Lee") {
		t.Errorf("class set names the key layer: %s", raw)
	}
	if err := student.HandIn(filepath.Join(dir, "sam.sayso")); err == nil {
		t.Error("handed in without a name")
	}

	// A student labels and hands in.
	if err := student.SetSetting(SettingAnnotator, "Sam"); err != nil {
		t.Fatal(err)
	}
	student.SetLayer("Sam")
	if _, err := student.Apply(1, annotate.AddSpan(quote("q1", 4, 28))); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "sam.sayso")
	if err := student.HandIn(out); err != nil {
		t.Fatal(err)
	}
	h, err := ReadHandIn(out)
	if err != nil {
		t.Fatal(err)
	}
	if h.Student != "Sam" || h.Assignment.ID != a.ID || h.Assignment.HandedIn == 0 || len(h.Documents) != 2 {
		t.Fatalf("hand-in = %+v", h)
	}
	if sp := h.Documents[0].Spans; len(sp) != 1 || sp[0].Text != "said the talks were over" || sp[0].Annotator != "Sam" {
		t.Errorf("student's labels = %+v", sp)
	}
	if len(h.Documents[1].Spans) != 0 {
		t.Errorf("second document = %+v", h.Documents[1].Spans)
	}

	// The teacher finds the assignment and its key.
	got, ok, err := teacher.FindAssignment(h.Assignment.ID)
	if err != nil || !ok || got.KeyLayer != "Ms Lee" {
		t.Fatalf("FindAssignment = %+v %v %v", got, ok, err)
	}
	key, err := teacher.AnswerKey(got)
	if err != nil || len(key) != 2 || len(key[0].Spans) != 1 || key[0].Spans[0].Text != "the talks were over" {
		t.Errorf("answer key = %+v, %v", key, err)
	}
}

func TestReadHandInRefusesOtherFiles(t *testing.T) {
	dir := t.TempDir()
	plain := newStore(t)
	mustAdd(t, plain, plainDoc("a", layerText))
	garbage := filepath.Join(dir, "garbage.sayso")
	os.WriteFile(garbage, []byte("this is not a database at all, just some text"), 0o644)
	for _, c := range []struct {
		path, want string
		is         error
	}{
		{plain.Path(), "not a sayso assignment", ErrNotAssignment},
		{garbage, "not a sayso project", ErrNotProject},
		{filepath.Join(dir, "missing.sayso"), "no such file", nil},
	} {
		_, err := ReadHandIn(c.path)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), c.path) {
			t.Errorf("%s: error %v, want one naming the file and %q", c.path, err, c.want)
		}
		if c.is != nil && !errors.Is(err, c.is) {
			t.Errorf("%s: %v is not %v", c.path, err, c.is)
		}
	}
	if b, _ := os.ReadFile(garbage); string(b) != "this is not a database at all, just some text" {
		t.Error("ReadHandIn changed the file it read")
	}
}
