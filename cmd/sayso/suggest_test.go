package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sayso/sayso/annotate"
)

// seedGold is the embedded copy of the seed articles' gold annotations.
const seedGold = "../../annotate/testdata/seeds.jsonl"

func callSuggest(args ...string) (int, string, string) {
	var o, e bytes.Buffer
	code := runSuggest(args, &o, &e)
	return code, o.String(), e.String()
}

func parseJSONL(t *testing.T, s string) []*annotate.Document {
	t.Helper()
	var docs []*annotate.Document
	err := annotate.ReadJSONL("output", strings.NewReader(s), func(r annotate.JSONLResult) error {
		if r.Err != nil {
			t.Fatalf("output line %d: %v", r.Line, r.Err)
		}
		docs = append(docs, r.Doc)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestSuggestTextAndJSONL(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a", "biden.txt"), "\xEF\xBB\xBFBiden warns Putin\r\n\r\n“He knows I will take action,” Biden said.\r\n")
	writeFile(t, filepath.Join(dir, "a", "skip.md"), "not an article")
	code, out, errOut := callSuggest(filepath.Join(dir, "a"), seedGold)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	docs := parseJSONL(t, out)
	if len(docs) != 3 {
		t.Fatalf("%d documents, want 3", len(docs))
	}
	d := docs[0]
	if d.ID != "biden" || d.Title != "Biden warns Putin" || strings.Contains(d.Text, "\r") || strings.HasPrefix(d.Text, "\uFEFF") {
		t.Errorf("text document: id %q title %q text %q", d.ID, d.Title, d.Text)
	}
	if d.Meta["source_file"] != "biden.txt" {
		t.Errorf("meta %v", d.Meta)
	}
	counts := d.CountLabels()
	if counts[annotate.Quote] != 1 || counts[annotate.Speaker] != 1 || counts[annotate.Threat] != 1 || len(d.Relations) != 2 {
		t.Errorf("spans %v, relations %v", counts, d.Relations)
	}
	for _, doc := range docs {
		for _, s := range doc.Spans {
			if s.Source != annotate.SourceSuggested || s.Score == nil || s.AttrString(annotate.AttrReason) == "" {
				t.Errorf("%s: span %s: source %q score %v attrs %v", doc.ID, s.ID, s.Source, s.Score, s.Attrs)
			}
		}
	}
	// the gold spans of the .jsonl input are replaced, not kept
	for _, doc := range docs[1:] {
		for _, s := range doc.Spans {
			if !strings.HasPrefix(s.ID, "s") || len(s.ID) < 3 {
				t.Errorf("%s: span id %q is not a suggestion id", doc.ID, s.ID)
			}
		}
		if doc.Meta["source_file"] == nil {
			t.Errorf("%s: meta lost", doc.ID)
		}
	}
}

func TestSuggestOutputFileAndLabels(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "pred.jsonl")
	code, stdout, errOut := callSuggest("--labels", "quote,SPEAKER", "-o", out, seedGold)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if stdout != "" || !strings.Contains(errOut, "suggested 2 document(s)") {
		t.Errorf("stdout %q, stderr %q", stdout, errOut)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range parseJSONL(t, string(b)) {
		if n := d.CountLabels()[annotate.Threat]; n != 0 {
			t.Errorf("%s: %d THREAT spans with --labels QUOTE,SPEAKER", d.ID, n)
		}
		for _, r := range d.Relations {
			if r.Label != annotate.AttributedTo {
				t.Errorf("%s: relation %v", d.ID, r)
			}
		}
	}
}

func TestSuggestErrors(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.txt")
	writeFile(t, good, "“We will respond,” Biden said.")
	bin := filepath.Join(dir, "bin.txt")
	writeFile(t, bin, "abc\x00def")
	badLine := filepath.Join(dir, "bad.jsonl")
	writeFile(t, badLine, "{\"id\": \"x\", \"text\": \"ok text\"}\nnot json\n")
	tests := []struct {
		name    string
		args    []string
		code    int
		want    string
		outDocs int
	}{
		{"no files", nil, exitUsage, "name at least one FILE or DIR", 0},
		{"unknown label", []string{"--labels", "QUOTE,FOO", good}, exitUsage, `unknown label "FOO"`, 0},
		{"bad flag", []string{"--nope", good}, exitUsage, "flag provided but not defined", 0},
		{"missing file", []string{filepath.Join(dir, "none.txt"), good}, exitError, "none.txt", 1},
		{"binary file", []string{bin, good}, exitError, "bin.txt", 1},
		{"bad jsonl line", []string{badLine}, exitError, "bad.jsonl:2", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := callSuggest(tc.args...)
			if code != tc.code || !strings.Contains(errOut, tc.want) {
				t.Fatalf("exit %d (want %d), stderr %q lacks %q", code, tc.code, errOut, tc.want)
			}
			if n := len(parseJSONL(t, out)); n != tc.outDocs {
				t.Errorf("%d documents written, want %d (the good files are still processed)", n, tc.outDocs)
			}
		})
	}
}

func TestSuggestDuplicateIDs(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "allsides", "013.txt"), "One\n\nText one.")
	writeFile(t, filepath.Join(dir, "bbc", "013.txt"), "Two\n\nText two.")
	code, out, errOut := callSuggest(dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	docs := parseJSONL(t, out)
	if len(docs) != 2 || docs[0].ID == docs[1].ID {
		t.Fatalf("ids %q %q", docs[0].ID, docs[1].ID)
	}
	if docs[1].ID != "bbc-013" {
		t.Errorf("second id %q, want bbc-013", docs[1].ID)
	}
}
