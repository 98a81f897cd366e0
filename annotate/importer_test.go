package annotate

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFiles(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// hashSink mimics the store: it skips texts it has already seen.
type hashSink struct{ seen map[string]bool }

func (h *hashSink) add(docs []*Document) ([]SinkResult, error) {
	res := make([]SinkResult, len(docs))
	for i, d := range docs {
		if d.ID == "refuse-me" {
			res[i].Refused = errors.New("refused by the store")
			continue
		}
		k := ContentHash(d.Text)
		res[i].Duplicate = h.seen[k]
		h.seen[k] = true
	}
	return res, nil
}

func TestImportMixedFolder(t *testing.T) {
	dir := t.TempDir()
	seeds, err := os.ReadFile("testdata/seeds.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	big := make([]byte, MaxFileSize+1)
	for i := range big {
		big[i] = 'a'
	}
	writeFiles(t, dir, map[string][]byte{
		"a/one.txt":        []byte("\xEF\xBB\xBFOne title\r\n\r\n“Go,” he said.\r\n"),
		"a/b/two.txt":      []byte("Two\n\nBody two."),
		"a/b/copy.txt":     []byte("Two\n\nBody two."),
		"empty.txt":        {},
		"binary.txt":       []byte("PK\x03\x04\x00\x00"),
		"latin1.txt":       []byte("Caf\xe9"),
		"big.txt":          big,
		"gold.jsonl":       append(append([]byte{}, seeds...), []byte("{\"id\": broken\n")...),
		"notes.md":         []byte("ignored in folders"),
		".hidden/skip.txt": []byte("hidden folder is skipped"),
	})
	sink := &hashSink{seen: map[string]bool{}}
	var calls int
	rep, err := Import(context.Background(), []string{dir, filepath.Join(dir, "missing.txt")}, 2, sink.add, func(done, total int) { calls++ })
	if err != nil {
		t.Fatal(err)
	}
	if got := len(rep.Imported); got != 4 { // one, two, 2 seeds
		t.Errorf("imported %d: %v", got, rep.Imported)
	}
	if len(rep.Duplicates) != 1 || !strings.Contains(rep.Duplicates[0], "already in the project") {
		t.Errorf("duplicates = %v", rep.Duplicates)
	}
	wantErrs := []string{
		"missing.txt: cannot read",
		"empty.txt: file is empty",
		"binary.txt: byte 4: binary file",
		"latin1.txt: byte 3: invalid UTF-8",
		"big.txt: file is 16.0 MB, over the 16.0 MB limit",
		"gold.jsonl:3: not a JSON object",
	}
	all := ""
	for _, e := range rep.Errors {
		all += e.Error() + "\n"
	}
	for _, w := range wantErrs {
		if !strings.Contains(all, w) {
			t.Errorf("no error containing %q in:\n%s", w, all)
		}
	}
	if len(rep.Errors) != len(wantErrs) {
		t.Errorf("%d errors, want %d:\n%s", len(rep.Errors), len(wantErrs), all)
	}
	if calls != rep.Files || rep.Files != 8 {
		t.Errorf("progress calls %d, files %d", calls, rep.Files)
	}
	if !strings.Contains(rep.Summary(), "4 document(s) imported from 8 file(s), 1 skipped") {
		t.Errorf("summary = %q", rep.Summary())
	}
}

func TestReadTextFile(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string][]byte{"001_x.txt": []byte("\r\n  Headline here \r\nBody")})
	docs, errs := ReadFile(filepath.Join(dir, "001_x.txt"))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	d := docs[0]
	if d.ID != "001_x" || d.Title != "Headline here" || d.Text != "\n  Headline here \nBody" || d.Meta["source_file"] != "001_x.txt" {
		t.Fatalf("doc = %+v", d)
	}
}

func TestImportCancel(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{}
	for i := 0; i < 20; i++ {
		files[filepath.Join("f", string(rune('a'+i))+".txt")] = []byte("Doc " + string(rune('a'+i)))
	}
	writeFiles(t, dir, files)
	ctx, cancel := context.WithCancel(context.Background())
	sink := &hashSink{seen: map[string]bool{}}
	rep, err := Import(ctx, []string{dir}, 1, sink.add, func(done, total int) {
		if done == 5 {
			cancel()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Cancelled || len(rep.Imported) != 5 || len(sink.seen) != 5 {
		t.Fatalf("cancelled=%v imported=%d stored=%d", rep.Cancelled, len(rep.Imported), len(sink.seen))
	}
}

func TestImportNothingFound(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string][]byte{"x.pdf": []byte("%PDF")})
	rep, err := Import(context.Background(), []string{dir}, 10, (&hashSink{seen: map[string]bool{}}).add, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Errors) != 1 || !strings.Contains(rep.Errors[0].Error(), "no .txt or .jsonl files found") {
		t.Fatalf("errors = %v", rep.Errors)
	}
}

// JSONL read through a pipe or a name without extension is still JSONL.
func TestReadJSONLFileAnyName(t *testing.T) {
	seeds, err := os.ReadFile("testdata/seeds.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "63")
	writeFiles(t, filepath.Dir(p), map[string][]byte{"63": seeds})
	docs, errs := ReadJSONLFile(p)
	if len(errs) > 0 || len(docs) != 2 || docs[0].ID != "seed-000" {
		t.Fatalf("docs=%d errs=%v", len(docs), errs)
	}
	if _, errs := ReadJSONLFile(filepath.Join(t.TempDir(), "none")); len(errs) != 1 || !strings.Contains(errs[0].Error(), "cannot read") {
		t.Fatalf("missing file: %v", errs)
	}
}

// A document the store refuses is reported with its file and does not
// stop the others; a large JSONL file goes in batches, and cancelling
// stops inside it.
func TestImportRefusedAndBatchedJSONL(t *testing.T) {
	dir := t.TempDir()
	var lines []string
	for i := 0; i < 10; i++ {
		id := fmt.Sprintf("d%d", i)
		if i == 3 {
			id = "refuse-me"
		}
		lines = append(lines, fmt.Sprintf(`{"id": %q, "text": "Text number %d"}`, id, i))
	}
	writeFiles(t, dir, map[string][]byte{"big.jsonl": []byte(strings.Join(lines, "\n"))})
	sink := &hashSink{seen: map[string]bool{}}
	var batches []int
	counting := func(docs []*Document) ([]SinkResult, error) {
		batches = append(batches, len(docs))
		return sink.add(docs)
	}
	rep, err := Import(context.Background(), []string{dir}, 4, counting, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Imported) != 9 || len(rep.Errors) != 1 || !strings.Contains(rep.Errors[0].Error(), `big.jsonl: document "refuse-me" not imported: refused by the store`) {
		t.Fatalf("imported %d, errors %v", len(rep.Imported), rep.Errors)
	}
	if fmt.Sprint(batches) != "[4 4 2]" {
		t.Fatalf("batches %v, want [4 4 2]", batches)
	}
	ctx, cancel := context.WithCancel(context.Background())
	sink2 := &hashSink{seen: map[string]bool{}}
	rep, err = Import(ctx, []string{dir}, 4, func(docs []*Document) ([]SinkResult, error) {
		cancel()
		return sink2.add(docs)
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Cancelled || len(rep.Imported) != 3 || len(sink2.seen) != 3 {
		t.Fatalf("cancelled=%v imported=%d", rep.Cancelled, len(rep.Imported))
	}
}
