package store

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sayso/sayso/annotate"
)

func TestExportJSONLFile(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(filepath.Join(dir, "p.sayso"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	bad := &annotate.Document{ID: "bad", Text: "Three", Status: "reviewed"}
	res, err := s.Sink()([]*annotate.Document{{ID: "a", Text: "One"}, bad, {ID: "b", Text: "Two"}, {ID: "c", Text: "One"}})
	if err != nil || len(res) != 4 || res[0].Duplicate || res[2].Duplicate || !res[3].Duplicate {
		t.Fatalf("sink results = %+v, %v", res, err)
	}
	if res[0].Refused != nil || res[1].Refused == nil || !strings.Contains(res[1].Refused.Error(), "reviewed") || res[2].Refused != nil {
		t.Fatalf("results = %+v: a bad document must be refused alone", res)
	}
	out := filepath.Join(dir, "out.jsonl")
	var calls []int
	n, err := s.ExportJSONLFile(context.Background(), out, "", "", func(done, total int) {
		if total != 2 {
			t.Errorf("total = %d", total)
		}
		calls = append(calls, done)
	})
	if err != nil || n != 2 || len(calls) != 2 {
		t.Fatalf("n=%d err=%v calls=%v", n, err, calls)
	}
	b, _ := os.ReadFile(out)
	if strings.Count(string(b), "\n") != 2 || !strings.Contains(string(b), `"text": "Two"`) {
		t.Fatalf("export:\n%s", b)
	}

	// A cancelled export leaves the earlier file untouched and no temp file.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.ExportJSONLFile(ctx, out, "", "", nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	if again, _ := os.ReadFile(out); !bytes.Equal(again, b) {
		t.Fatal("cancelled export changed the file")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".sayso-export-") {
			t.Fatalf("temp file left: %s", e.Name())
		}
	}
	// A folder that does not exist is an error, not a panic.
	if _, err := s.ExportJSONLFile(context.Background(), filepath.Join(dir, "no", "x.jsonl"), "", "", nil); err == nil {
		t.Fatal("export into a missing folder succeeded")
	}
}

// Deleting a speaker with several links and undoing it after a reopen
// gives back the document exactly, relation order included.
func TestUndoDeleteKeepsRelationOrderAcrossReopen(t *testing.T) {
	s := newStore(t)
	gold := readJSONL(t, "testdata/seeds.jsonl")
	id := mustAdd(t, s, gold[0])[0].ID
	before := marshal(t, mustDoc(t, s, id))
	d := mustDoc(t, s, id)
	var sid string
	for _, r := range d.Relations { // a speaker several relations point at
		n := 0
		for _, x := range d.Relations {
			if x.To == r.To {
				n++
			}
		}
		if n > 1 && d.SpanByID(r.To) != d.SpanByID(d.Relations[len(d.Relations)-1].To) {
			sid = r.To
			break
		}
	}
	if sid == "" {
		t.Fatal("no speaker with several links in the seed")
	}
	e, err := annotate.DeleteSpan(d, sid)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Apply(id, e); err != nil {
		t.Fatal(err)
	}
	s = reopen(t, s)
	if _, _, err := s.Undo(id); err != nil {
		t.Fatal(err)
	}
	if got := marshal(t, mustDoc(t, s, id)); got != before {
		t.Fatal("delete then undo changed the document (relation order?)")
	}
}
