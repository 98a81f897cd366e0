package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every format that imports comes back through the command line with the
// same spans and relations; export-only formats write their file and a
// loss report; --split writes one file per part.
func TestFormatsRoundTripCLI(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.sayso")
	must(t, "import", "--db", db, seedsGold)
	want := readDocs(t, seedsGold)
	spans, rels := 0, 0
	for _, d := range want {
		spans += len(d.Spans)
		rels += len(d.Relations)
	}
	for _, c := range []struct {
		format, out string
		importBack  bool
	}{
		{"jsonl", "x.jsonl", true},
		{"brat", "brat", true},
		{"doccano", "x.doccano.jsonl", true},
		{"labelstudio", "x.json", true},
		{"csv", "x.csv", false},
		{"xlsx", "x.xlsx", false},
		{"conll", "x.conll", false},
		{"spacy", "x.spacy.jsonl", false},
		{"hf", "x.hf.jsonl", false},
	} {
		out := filepath.Join(dir, c.out)
		code, stdout, stderr := sayso(t, "export", "--db", db, "--format", c.format, "--offsets", "utf16", "-o", out)
		if code != exitOK || !strings.Contains(stdout, "exported 2 document(s)") || !strings.Contains(stderr, "Loss report") {
			t.Errorf("%s: exit %d\n%s%s", c.format, code, stdout, stderr)
			continue
		}
		if _, err := os.Stat(out); err != nil {
			t.Errorf("%s: %v", c.format, err)
		}
		if !c.importBack {
			continue
		}
		back := filepath.Join(dir, c.format+".sayso")
		args := []string{"import", "--db", back, "--offsets", "utf16", out}
		if c.format == "jsonl" {
			args = []string{"import", "--db", back, out}
		}
		must(t, args...)
		got := filepath.Join(dir, c.format+".back.jsonl")
		must(t, "export", "--db", back, "-o", got)
		n, r := 0, 0
		for _, d := range readDocs(t, got) {
			n += len(d.Spans)
			r += len(d.Relations)
		}
		if n != spans || r != rels {
			t.Errorf("%s: %d spans and %d relations came back, want %d and %d", c.format, n, r, spans, rels)
		}
	}
	code, stdout, _ := sayso(t, "export", "--db", db, "--format", "csv", "--split", "train=0.5,test=0.5", "-o", filepath.Join(dir, "s.csv"))
	if code != exitOK || strings.Count(stdout, "exported 1 document(s)") != 2 {
		t.Errorf("split: exit %d\n%s", code, stdout)
	}
	for _, part := range []string{"s.train.csv", "s.test.csv", "s.train.csv.loss.txt"} {
		if _, err := os.Stat(filepath.Join(dir, part)); err != nil {
			t.Errorf("split: %v", err)
		}
	}
	if code, _, stderr := sayso(t, "export", "--db", db, "--format", "nope", "-o", "x"); code != exitUsage || !strings.Contains(stderr, "known:") {
		t.Errorf("unknown format: exit %d %s", code, stderr)
	}
	if out := must(t, "formats"); !strings.Contains(out, "labelstudio") || !strings.Contains(out, "conll") {
		t.Errorf("formats:\n%s", out)
	}
}
