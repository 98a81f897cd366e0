package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sayso/sayso/annotate"
)

func sayso(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	code = run(args, &o, &e)
	return code, o.String(), e.String()
}

func readDocs(t *testing.T, path string) []*annotate.Document {
	t.Helper()
	docs, errs := annotate.ReadFile(path)
	if len(errs) > 0 {
		t.Fatalf("%s: %v", path, errs)
	}
	return docs
}

// Importing the gold seeds and exporting them gives the same documents,
// spans, attributes and relations.
func TestImportExportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.sayso")
	gold := "../../annotate/testdata/seeds.jsonl"
	if code, _, errOut := sayso(t, "import", "--db", db, gold); code != exitOK {
		t.Fatalf("import exit %d: %s", code, errOut)
	}
	out := filepath.Join(dir, "out.jsonl")
	if code, _, errOut := sayso(t, "export", "--db", db, "-o", out); code != exitOK {
		t.Fatalf("export exit %d: %s", code, errOut)
	}
	want, got := readDocs(t, gold), readDocs(t, out)
	if len(want) != len(got) {
		t.Fatalf("%d docs exported, want %d", len(got), len(want))
	}
	for i := range want {
		w, g := want[i], got[i]
		if w.ID != g.ID || w.Title != g.Title || w.Text != g.Text {
			t.Fatalf("doc %s: id/title/text changed", w.ID)
		}
		if w.Meta["source_file"] != g.Meta["source_file"] {
			t.Errorf("doc %s: meta.source_file %v -> %v", w.ID, w.Meta["source_file"], g.Meta["source_file"])
		}
		w.SortSpans()
		g.SortSpans()
		if len(w.Spans) != len(g.Spans) || len(w.Relations) != len(g.Relations) {
			t.Fatalf("doc %s: %d/%d spans, %d/%d relations", w.ID, len(g.Spans), len(w.Spans), len(g.Relations), len(w.Relations))
		}
		for j := range w.Spans {
			a, b := w.Spans[j], g.Spans[j]
			if a.ID != b.ID || a.Label != b.Label || a.Start != b.Start || a.End != b.End || a.Text != b.Text {
				t.Errorf("span %s changed: %+v -> %+v", a.ID, a, b)
			}
			for k, v := range a.Attrs {
				if b.Attrs[k] != v {
					t.Errorf("span %s attr %s: %v -> %v", a.ID, k, v, b.Attrs[k])
				}
			}
		}
		rels := map[string]bool{}
		for _, r := range g.Relations {
			rels[r.Label+" "+r.From+" "+r.To] = true
		}
		for _, r := range w.Relations {
			if !rels[r.Label+" "+r.From+" "+r.To] {
				t.Errorf("relation %+v lost", r)
			}
		}
	}
	// Imported again: every document is a duplicate.
	code, stdout, _ := sayso(t, "import", "--db", db, gold)
	if code != exitOK || !strings.Contains(stdout, "0 document(s) imported from 1 file(s), 2 skipped") {
		t.Fatalf("second import: exit %d, %s", code, stdout)
	}
}

func TestImportBadInputKeepsGoing(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.sayso")
	files := map[string][]byte{
		"good.txt":  []byte("Good title\n\n“Yes,” she said.\n"),
		"empty.txt": nil,
		"bin.txt":   {0x89, 'P', 'N', 'G', 0, 0},
		"bad.txt":   []byte("ok then \xff"),
		"bad.jsonl": []byte(`{"id":"x","text":"abc","spans":[{"id":"a","label":"QUOTE","start":0,"end":2,"text":"zz"}]}` + "\n"),
	}
	var paths []string
	for name, b := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	code, stdout, stderr := sayso(t, append([]string{"import", "--db", db}, paths...)...)
	if code != exitError {
		t.Fatalf("exit %d, want 1", code)
	}
	for _, want := range []string{"empty.txt: file is empty", "bin.txt: byte 4: binary file", "bad.txt: byte 8: invalid UTF-8", "bad.jsonl:1: span 1"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if !strings.Contains(stdout, "1 document(s) imported from 5 file(s), 4 problem(s)") {
		t.Errorf("summary: %s", stdout)
	}
	_, stats, _ := sayso(t, "stats", "--db", db)
	if !strings.Contains(stats, "documents:  1") {
		t.Errorf("stats: %s", stats)
	}
}

func TestCLIUsage(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"version", []string{"version"}, exitOK, "sayso "},
		{"help", []string{"help"}, exitOK, "usage:"},
		{"unknown command", []string{"frobnicate"}, exitUsage, `unknown command "frobnicate"`},
		{"import nothing", []string{"import", "--db", filepath.Join(dir, "a.sayso")}, exitUsage, "name at least one FILE or DIR"},
		{"bad flag", []string{"export", "--nope"}, exitUsage, "flag provided but not defined"},
		{"bad format", []string{"export", "--db", filepath.Join(dir, "a.sayso"), "--format", "xml"}, exitUsage, `unknown format "xml"`},
		{"bad status", []string{"export", "--db", filepath.Join(dir, "a.sayso"), "--status", "finished"}, exitUsage, `unknown status "finished"`},
		{"status spelling", []string{"export", "--db", filepath.Join(dir, "none.sayso"), "--status", "In_Progress"}, exitError, "no project at"},
		{"missing project", []string{"export", "--db", filepath.Join(dir, "none.sayso")}, exitError, "no project at"},
		{"stats missing project", []string{"stats", "--db", filepath.Join(dir, "none.sayso")}, exitError, "no project at"},
		{"not a project", []string{"stats", "--db", "cli_test.go"}, exitError, "cli_test.go"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, o, e := sayso(t, tc.args...)
			if code != tc.code || !strings.Contains(o+e, tc.want) {
				t.Fatalf("exit %d (want %d), output %q lacks %q", code, tc.code, o+e, tc.want)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "none.sayso")); err == nil {
		t.Fatal("export of a missing project created a file")
	}
}

func TestExportStatusFilter(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.sayso")
	for i, txt := range []string{"First\n\nOne.", "Second\n\nTwo."} {
		p := filepath.Join(dir, string(rune('a'+i))+".txt")
		os.WriteFile(p, []byte(txt), 0o644)
		if code, _, e := sayso(t, "import", "--db", db, p); code != exitOK {
			t.Fatal(e)
		}
	}
	code, out, _ := sayso(t, "export", "--db", db, "--status", "done")
	if code != exitOK || out != "" {
		t.Fatalf("no document is done, got exit %d: %q", code, out)
	}
	code, out, _ = sayso(t, "export", "--db", db, "--status", "new")
	if code != exitOK || strings.Count(out, "\n") != 2 {
		t.Fatalf("want 2 new docs, got exit %d: %q", code, out)
	}
}

// A JSONL document without an id gets one from its file and position.
func TestSuggestGivesMissingIDs(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "batch.jsonl")
	os.WriteFile(p, []byte(`{"text": "“Go,” she said."}`+"\n"+`{"text": "“Stop,” he said."}`+"\n"), 0o644)
	code, out, errOut := sayso(t, "suggest", p)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, `"id": "batch-1"`) || !strings.Contains(out, `"id": "batch-2"`) {
		t.Fatalf("ids not given:\n%s", out)
	}
}
