package store

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sayso/sayso/annotate"
)

// Renaming the teacher's layer keeps the answer key of the assignments
// made from it; a name with an undo history of its own is taken.
func TestRenameLayerKeepsAnswerKey(t *testing.T) {
	teacher := teacherProject(t)
	set := filepath.Join(t.TempDir(), "c.sayso")
	a, err := teacher.NewAssignment(set, Assignment{Title: "w"}, []int64{1})
	if err != nil {
		t.Fatal(err)
	}
	if err := teacher.RenameLayer("Ms Lee", "Ms Li"); err != nil {
		t.Fatal(err)
	}
	got, _, _ := teacher.FindAssignment(a.ID)
	key, err := teacher.AnswerKey(got)
	if err != nil || got.KeyLayer != "Ms Li" || len(key[0].Spans) != 1 {
		t.Errorf("after the rename: key layer %q, key %+v, %v", got.KeyLayer, key, err)
	}
	teacher.SetLayer("Bo")
	if _, err := teacher.Apply(2, annotate.AddSpan(quote("q9", 0, 6))); err != nil {
		t.Fatal(err)
	}
	if _, _, err := teacher.Undo(2); err != nil {
		t.Fatal(err)
	}
	if err := teacher.RenameLayer("Ms Li", "Bo"); !errors.Is(err, ErrLayerTaken) {
		t.Errorf("renaming onto a layer with history: %v", err)
	}
}

// A hand-in whose labels are in one layer of another name (imported
// without --layer, say) is graded from that layer; other layers warn.
func TestHandInStudentLayer(t *testing.T) {
	for _, c := range []struct {
		name    string
		layers  []LayerInfo
		student string
		layer   string
		warns   int
		fails   bool
	}{
		{"named", []LayerInfo{{Name: "Sam", Spans: 3}}, "Sam", "Sam", 0, false},
		{"unnamed only", []LayerInfo{{Name: "", Spans: 3}}, "Sam", "", 0, false},
		{"no name, one layer", []LayerInfo{{Name: "kim", Spans: 3}}, "", "kim", 0, false},
		{"named among others", []LayerInfo{{Name: "", Spans: 2}, {Name: "Sam", Spans: 3}}, "Sam", "Sam", 1, false},
		{"two layers, neither", []LayerInfo{{Name: "a", Spans: 1}, {Name: "b", Spans: 1}}, "Sam", "", 0, true},
		{"nothing at all", nil, "", "", 0, true},
	} {
		student := c.student
		if c.name == "no name, one layer" {
			student = ""
		}
		st, layer, warn, err := studentLayer(student, c.layers)
		if (err != nil) != c.fails {
			t.Errorf("%s: error %v", c.name, err)
			continue
		}
		if err == nil && (layer != c.layer || len(warn) != c.warns || (c.student != "" && st != c.student)) {
			t.Errorf("%s: student %q layer %q warnings %v", c.name, st, layer, warn)
		}
	}
}

// collect grades the assignment most files were handed in for, and only
// the newest hand-in of each student.
func TestCollectMajorityAndNewest(t *testing.T) {
	teacher := teacherProject(t)
	dir := t.TempDir()
	week0, week1 := filepath.Join(dir, "w0.sayso"), filepath.Join(dir, "w1.sayso")
	if _, err := teacher.NewAssignment(week0, Assignment{Title: "Week 0"}, []int64{2}); err != nil {
		t.Fatal(err)
	}
	if _, err := teacher.NewAssignment(week1, Assignment{Title: "Week 1"}, []int64{1, 2}); err != nil {
		t.Fatal(err)
	}
	hand := func(set, name, out string) {
		st, err := Open(set)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		st.SetSetting(SettingAnnotator, name)
		if err := st.HandIn(filepath.Join(dir, out)); err != nil {
			t.Fatal(err)
		}
	}
	hand(week0, "Aaron", "a-aaron.sayso")
	hand(week1, "Bea", "b-bea-1.sayso")
	hand(week1, "Bea", "b-bea-2.sayso")
	hand(week1, "Cy", "c-cy.sayso")
	c, err := teacher.CollectHandIns([]string{filepath.Join(dir, "a-aaron.sayso"), filepath.Join(dir, "b-bea-1.sayso"), filepath.Join(dir, "b-bea-2.sayso"), filepath.Join(dir, "c-cy.sayso")})
	if err != nil {
		t.Fatal(err)
	}
	if c.Assignment.Title != "Week 1" {
		t.Fatalf("graded %q", c.Assignment.Title)
	}
	var graded, problems []string
	for _, w := range c.Work {
		if w.Err != nil {
			problems = append(problems, w.File+": "+w.Err.Error())
		} else {
			graded = append(graded, w.File)
		}
	}
	if strings.Join(graded, ",") != "b-bea-2.sayso,c-cy.sayso" || len(problems) != 2 ||
		!strings.Contains(problems[0], "another assignment") || !strings.Contains(problems[1], "older hand-in") {
		t.Errorf("graded %v, problems %v", graded, problems)
	}
}

// A class set carries of a document only its id, title, text and source
// file: nothing a key might have left in meta or unknown fields.
func TestClassSetCarriesNoKey(t *testing.T) {
	s := newStore(t)
	d := plainDoc("a", layerText)
	d.Meta = map[string]any{"source_file": "a.txt", "answer_notes": "Kim is the speaker"}
	d.Extra = map[string]json.RawMessage{"entities": json.RawMessage(`[[10,20,"QUOTE"]]`)}
	mustAdd(t, s, d)
	set := filepath.Join(t.TempDir(), "c.sayso")
	if _, err := s.NewAssignment(set, Assignment{Title: "w"}, []int64{1}); err != nil {
		t.Fatal(err)
	}
	st, err := Open(set)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	got := mustDoc(t, st, 1)
	if len(got.Meta) != 1 || got.Meta["source_file"] != "a.txt" || got.Extra != nil {
		t.Errorf("class set document meta %v extra %v", got.Meta, got.Extra)
	}
}

// Merging a file whose unnamed layer and a named one would take the same
// name keeps both, apart.
func TestMergeKeepsCollidingLayers(t *testing.T) {
	other := newStore(t)
	d := plainDoc("d", layerText)
	d.Spans = []annotate.Span{quote("q1", 9, 28)}
	mustAdd(t, other, texts(d))
	other.SetLayer("bob")
	if _, err := other.Apply(1, annotate.AddSpan(quote("q1", 35, 54))); err != nil {
		t.Fatal(err)
	}
	other.SetSetting(SettingAnnotator, "bob")
	path := other.Path()
	other.Close()
	s := newStore(t)
	rep, err := s.MergeProject(path)
	if err != nil {
		t.Fatal(err)
	}
	info, _ := s.Layers()
	if len(rep.Layers) != 2 || len(info) != 2 || info[0].Spans != 1 || info[1].Spans != 1 {
		t.Errorf("merged layers %v, store layers %+v", rep.Layers, info)
	}
}
