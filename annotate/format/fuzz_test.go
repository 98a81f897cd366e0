package format

import (
	"bytes"
	"os"
	"reflect"
	"testing"

	"github.com/sayso/sayso/annotate"
)

// FuzzJSONLImport feeds the jsonl importer arbitrary lines: it must never
// panic, and every document it accepts must survive an export and a
// second import in every offset unit.
func FuzzJSONLImport(f *testing.F) {
	for _, path := range []string{unicodeFile, "../testdata/seeds.jsonl"} {
		b, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		for line := range bytes.SplitSeq(b, []byte("\n")) {
			if len(line) > 0 {
				f.Add(line)
			}
		}
	}
	f.Add([]byte(`{"id":"a","text":"😀x","offsets":"utf16","spans":[{"id":"s","label":"QUOTE","start":2,"end":3,"text":"x"}]}`))
	f.Fuzz(func(t *testing.T, line []byte) {
		for _, unit := range []Offsets{CodePoints, UTF16, UTF8} {
			var docs []*annotate.Document
			_ = readJSONL("fuzz.jsonl", bytes.NewReader(line), Options{Offsets: unit}, func(d *annotate.Document) error {
				docs = append(docs, d)
				return nil
			})
			if len(docs) == 0 {
				continue
			}
			sink := &MemSink{}
			if err := exportJSONL(docs, sink, Options{Offsets: unit}, &Loss{}); err != nil {
				t.Fatalf("export of an accepted document: %v", err)
			}
			var back []*annotate.Document
			if err := readJSONL("again.jsonl", sink.Files[""], Options{}, func(d *annotate.Document) error {
				back = append(back, d)
				return nil
			}); err != nil {
				t.Fatalf("re-import: %v\n%s", err, sink.Files[""])
			}
			if !reflect.DeepEqual(canonical(docs), canonical(back)) {
				t.Fatalf("round trip in %s changed the document", unit)
			}
		}
	})
}
