package classroom

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sayso/sayso/annotate"
)

// writeJSONL writes documents (and extra raw lines) as a native JSONL file.
func writeJSONL(t *testing.T, path string, docs []*annotate.Document, raw ...string) {
	t.Helper()
	var lines []string
	for _, d := range docs {
		b, err := annotate.MarshalDocument(d)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, string(b))
	}
	lines = append(lines, raw...)
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

func annotated(docs []*annotate.Document, who string) []*annotate.Document {
	for _, d := range docs {
		for i := range d.Spans {
			d.Spans[i].Annotator = who
		}
	}
	return docs
}

// classDir writes a folder of handed-in files: the key, a good file, one
// with a bad line, a broken one, an empty one and a stray text file.
func classDir(t *testing.T) string {
	dir := t.TempDir()
	writeJSONL(t, filepath.Join(dir, "key.jsonl"), keyDocs())
	writeJSONL(t, filepath.Join(dir, "b-ruiz.jsonl"), annotated(withIDs(keyDocs(), "r"), "Rosa Ruiz"))
	writeJSONL(t, filepath.Join(dir, "a-lee.jsonl"), withIDs(keyDocs(), "l")[:1], `{"id": "x", "text": `)
	writeJSONL(t, filepath.Join(dir, "broken.jsonl"), nil, "not json at all")
	for name, body := range map[string]string{"empty.jsonl": "", "notes.txt": "ignored"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

type loadCase struct {
	file, student string
	docs          int
	err, warning  string
}

func (tc loadCase) check(t *testing.T, s Submission) {
	t.Helper()
	if s.File != tc.file || s.Student != tc.student || len(s.Docs) != tc.docs {
		t.Errorf("file %q student %q docs %d, want %q %q %d", s.File, s.Student, len(s.Docs), tc.file, tc.student, tc.docs)
	}
	if (s.Err == nil) != (tc.err == "") || (s.Err != nil && !strings.Contains(s.Err.Error(), tc.err)) {
		t.Errorf("%s: error %v, want one naming %q", tc.file, s.Err, tc.err)
	}
	if w := strings.Join(s.Warnings, " "); (w == "") != (tc.warning == "") || !strings.Contains(w, tc.warning) {
		t.Errorf("%s: warnings %q, want one naming %q", tc.file, w, tc.warning)
	}
}

func TestLoadDir(t *testing.T) {
	dir := classDir(t)
	subs, err := LoadDir(dir, filepath.Join(dir, "key.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []loadCase{
		{"a-lee.jsonl", "", 1, "", "a-lee.jsonl:2"},
		{"b-ruiz.jsonl", "Rosa Ruiz", 2, "", ""},
		{"broken.jsonl", "", 0, "broken.jsonl:1", ""},
		{"empty.jsonl", "", 0, "empty.jsonl", ""},
	}
	if len(subs) != len(tests) {
		t.Fatalf("%d submissions, want %d: %+v", len(subs), len(tests), subs)
	}
	for i, tc := range tests {
		tc.check(t, subs[i])
	}
	r := Compare(keyDocs(), subs)
	if len(r.Students) != 2 || len(r.Problems) != 2 {
		t.Fatalf("%d students, %d problems", len(r.Students), len(r.Problems))
	}
	if r.Students[0].Student != "a-lee" || len(r.Students[0].Notes) == 0 {
		t.Errorf("first student %q, notes %v", r.Students[0].Student, r.Students[0].Notes)
	}
	if _, err := LoadDir(filepath.Join(dir, "missing")); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("missing folder: %v", err)
	}
}

func TestLoadKey(t *testing.T) {
	dir := classDir(t)
	key, err := LoadKey(filepath.Join(dir, "key.jsonl"))
	if err != nil || len(key) != 2 {
		t.Fatalf("key: %d documents, %v", len(key), err)
	}
	for _, name := range []string{"a-lee.jsonl", "broken.jsonl", "empty.jsonl", "missing.jsonl"} {
		if _, err := LoadKey(filepath.Join(dir, name)); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: error %v, want one naming the file", name, err)
		}
	}
}
