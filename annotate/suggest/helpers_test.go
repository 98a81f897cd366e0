package suggest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/sayso/sayso/annotate"
)

// sharedDir is the project's shared folder (gold, corpus), next to the
// project root; tests that need it skip when it is absent.
const sharedDir = "../../../shared"

func needShared(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(sharedDir, rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s not available: %v", p, err)
	}
	return p
}

func readDocs(t testing.TB, path string) []*annotate.Document {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var docs []*annotate.Document
	err = annotate.ReadJSONL(path, f, func(r annotate.JSONLResult) error {
		if r.Err != nil {
			return r.Err
		}
		docs = append(docs, r.Doc)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// goldDocs is the shared gold (seeds + dev), or the seeds copy in
// testdata when the shared folder is absent.
func goldDocs(t testing.TB) []*annotate.Document {
	t.Helper()
	if _, err := os.Stat(filepath.Join(sharedDir, "gold")); err != nil {
		return readDocs(t, "testdata/seeds.jsonl")
	}
	return append(readDocs(t, filepath.Join(sharedDir, "gold/seeds.jsonl")),
		readDocs(t, filepath.Join(sharedDir, "gold/dev.jsonl"))...)
}

func writeDocs(t testing.TB, path string, docs []*annotate.Document) {
	t.Helper()
	var b bytes.Buffer
	for _, d := range docs {
		if err := annotate.WriteJSONL(&b, d); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestEvaluateSuggestedMatchesScorePy scores the engine's suggestions for
// the shared gold with the reference scorer and with annotate.Evaluate,
// and requires byte-identical JSON.
func TestEvaluateSuggestedMatchesScorePy(t *testing.T) {
	needShared(t, "gold/dev.jsonl")
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not available")
	}
	script := needShared(t, "tools/score.py")
	golds := goldDocs(t)
	lex := testLexicon(t)
	preds := make([]*annotate.Document, len(golds))
	for i, g := range golds {
		preds[i] = Document(g, Options{Lexicon: lex})
	}
	dir := t.TempDir()
	goldPath, predPath := filepath.Join(dir, "gold.jsonl"), filepath.Join(dir, "pred.jsonl")
	writeDocs(t, goldPath, golds)
	writeDocs(t, predPath, preds)
	want, err := exec.Command(py, script, goldPath, predPath, "--json").Output()
	if err != nil {
		t.Fatalf("score.py: %v", err)
	}
	got := annotate.Evaluate(golds, readDocs(t, predPath)).JSON()
	if !bytes.Equal(got, bytes.TrimSpace(want)) {
		t.Errorf("Go scorer differs from score.py\n go: %s\npy: %s", got, want)
	}
}
