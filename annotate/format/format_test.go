package format

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf16"

	"github.com/sayso/sayso/annotate"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

const unicodeFile = "testdata/unicode.jsonl"

// readDocs reads a native JSONL file through the jsonl format.
func readDocs(t testing.TB, path string, opt Options) []*annotate.Document {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var docs []*annotate.Document
	if err := readJSONL(path, f, opt, func(d *annotate.Document) error { docs = append(docs, d); return nil }); err != nil {
		t.Fatal(err)
	}
	return docs
}

// roundTripFiles are the files every round trip runs on: the test file
// with emoji, ZWJ sequences, combining marks and RTL text, the seeds,
// and the shared gold when it is there.
func roundTripFiles(t *testing.T) []string {
	files := []string{unicodeFile, "../testdata/seeds.jsonl"}
	gold, _ := filepath.Glob("../../../shared/gold/*.jsonl")
	if len(gold) == 0 {
		t.Log("../shared/gold absent: round trips run on testdata only")
	}
	return append(files, gold...)
}

func exportMem(t testing.TB, name string, docs []*annotate.Document, opt Options) (*MemSink, *Loss) {
	t.Helper()
	f, err := Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	sink := &MemSink{}
	loss, err := ExportTo(f, docs, sink, opt)
	if err != nil {
		t.Fatalf("%s export: %v", name, err)
	}
	return sink, loss
}

// canonical returns a copy with spans in canonical order, for comparing.
func canonical(docs []*annotate.Document) []*annotate.Document {
	out := make([]*annotate.Document, len(docs))
	for i, d := range docs {
		c := d.Clone()
		c.SortSpans()
		out[i] = c
	}
	return out
}

func TestJSONLRoundTrip(t *testing.T) {
	for _, path := range roundTripFiles(t) {
		orig := readDocs(t, path, Options{})
		if len(orig) == 0 {
			t.Fatalf("%s: no documents", path)
		}
		for _, unit := range []Offsets{CodePoints, UTF16, UTF8} {
			t.Run(filepath.Base(path)+"/"+string(unit), func(t *testing.T) {
				sink, _ := exportMem(t, "jsonl", orig, Options{Offsets: unit})
				out := sink.Files[""].Bytes()
				checkUnits(t, out, unit)
				var back []*annotate.Document
				// The line names its unit, so a reader given no unit gets it right.
				if err := readJSONL("export.jsonl", bytes.NewReader(out), Options{}, func(d *annotate.Document) error {
					back = append(back, d)
					return nil
				}); err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(canonical(orig), canonical(back)) {
					t.Fatalf("round trip through %s changed the documents", unit)
				}
			})
		}
	}
}

// checkUnits checks every exported offset against Go's own unicode/utf16
// encoding and byte indexes of the text before it.
func checkUnits(t *testing.T, out []byte, unit Offsets) {
	t.Helper()
	for line := range bytes.SplitSeq(bytes.TrimSpace(out), []byte("\n")) {
		var d struct {
			Text    string
			Offsets string
			Spans   []struct {
				Start, End int
				Text       string
			}
		}
		if err := json.Unmarshal(line, &d); err != nil {
			t.Fatal(err)
		}
		if unit != CodePoints && d.Offsets != string(unit) {
			t.Fatalf("line says offsets %q, want %q", d.Offsets, unit)
		}
		for _, s := range d.Spans {
			byteStart := strings.Index(d.Text, s.Text)
			for byteStart >= 0 && !spanAt(d.Text, byteStart, s.Start, unit) {
				next := strings.Index(d.Text[byteStart+1:], s.Text)
				if next < 0 {
					byteStart = -1
					break
				}
				byteStart += 1 + next
			}
			if byteStart < 0 {
				t.Fatalf("span %q: start %d (%s) is not where its text is", s.Text, s.Start, unit)
			}
			if got := s.End - s.Start; got != unitLen(s.Text, unit) {
				t.Fatalf("span %q: length %d, want %d %s", s.Text, got, unitLen(s.Text, unit), unit)
			}
		}
	}
}

func spanAt(text string, byteStart, start int, unit Offsets) bool {
	return unitLen(text[:byteStart], unit) == start
}

func unitLen(s string, unit Offsets) int {
	switch unit {
	case UTF16:
		return len(utf16.Encode([]rune(s)))
	case UTF8:
		return len(s)
	}
	return len([]rune(s))
}

func TestConverterAgainstGo(t *testing.T) {
	docs := readDocs(t, unicodeFile, Options{})
	for _, d := range docs {
		rs := []rune(d.Text)
		c16, c8 := NewConverter(d.Text, UTF16), NewConverter(d.Text, UTF8)
		for cp := 0; cp <= len(rs); cp++ {
			prefix := string(rs[:cp])
			if got, want := c16.To(cp), len(utf16.Encode(rs[:cp])); got != want {
				t.Fatalf("%s: utf16 offset of %d is %d, want %d", d.ID, cp, got, want)
			}
			if got := c8.To(cp); got != len(prefix) {
				t.Fatalf("%s: utf8 offset of %d is %d, want %d", d.ID, cp, got, len(prefix))
			}
			if back, err := c16.From(c16.To(cp)); err != nil || back != cp {
				t.Fatalf("%s: utf16 %d back to %d, %v", d.ID, c16.To(cp), back, err)
			}
		}
	}
}

func TestJSONLImportErrors(t *testing.T) {
	cases := map[string]struct {
		in, opt, want string
	}{
		"not json":       {`{"id":`, "", "bad.jsonl:1: not a JSON object"},
		"half surrogate": {`{"id":"a","text":"😀x","offsets":"utf16","spans":[{"id":"s","label":"QUOTE","start":1,"end":3,"text":"x"}]}`, "", "bad.jsonl:1: span 1: start offset 1 (UTF-16 code units) is not on a character boundary"},
		"bad unit":       {`{"id":"a","text":"x","offsets":"utf32"}`, "", `bad.jsonl:1: field "offsets": unknown offset unit "utf32"`},
		"second line":    {"{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"b\"}", "", `bad.jsonl:2: missing or empty "text"`},
		"option unit":    {`{"id":"a","text":"😀x","spans":[{"id":"s","label":"QUOTE","start":2,"end":3,"text":"x"}]}`, "utf16", ""},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			var n int
			err := readJSONL("bad.jsonl", strings.NewReader(c.in), Options{Offsets: Offsets(c.opt)}, func(*annotate.Document) error { n++; return nil })
			if c.want == "" {
				if err != nil || n != 1 {
					t.Fatalf("got %d documents, error %v", n, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want it to contain %q", err, c.want)
			}
		})
	}
}

func TestDetectJSONL(t *testing.T) {
	cases := map[string]struct {
		name, head string
		want       bool
	}{
		"native":       {"a.jsonl", `{"id": "x", "title": "T", "text": "…`, true},
		"native bom":   {"A.JSONL", "\xEF\xBB\xBF\n{\"text\": \"x\", \"spans\": []}", true},
		"doccano":      {"a.jsonl", `{"id": 1, "text": "x", "label": [[0, 1, "QUOTE"]]}`, false},
		"hf":           {"a.jsonl", `{"id":"x","tokens":["a"],"ner_tags":[0]}`, false},
		"wrong suffix": {"a.json", `{"id": "x", "title": "T", "text": "…`, false},
	}
	for name, c := range cases {
		if got := detectJSONL(c.name, []byte(c.head)); got != c.want {
			t.Errorf("%s: detect %v, want %v", name, got, c.want)
		}
	}
}

func TestJSONLImportThroughRegistry(t *testing.T) {
	good, err := os.ReadFile(unicodeFile)
	if err != nil {
		t.Fatal(err)
	}
	in := append(append([]byte("{\"id\": \"bad\"}\n"), good...), "not json\n"...)
	fsys := fstest.MapFS{"in/mixed.jsonl": {Data: in}}
	f, err := Detect("in/mixed.jsonl", in[:200])
	if err == nil && f.Name != "jsonl" {
		t.Fatalf("detected %s", f.Name)
	}
	var ids []string
	err = registry["jsonl"].Import(fsys, "in/mixed.jsonl", Options{}, func(d *annotate.Document) error {
		ids = append(ids, d.ID)
		return nil
	})
	if strings.Join(ids, ",") != "uni-emoji,uni-rtl,uni-empty" {
		t.Fatalf("imported %v", ids)
	}
	if err == nil || !strings.Contains(err.Error(), "in/mixed.jsonl:1: missing or empty \"text\"") ||
		!strings.Contains(err.Error(), "in/mixed.jsonl:5: not a JSON object") {
		t.Fatalf("error %v", err)
	}
	if err := registry["jsonl"].Import(fsys, "in/none.jsonl", Options{}, nil); err == nil || !strings.Contains(err.Error(), "none.jsonl") {
		t.Fatalf("missing file: %v", err)
	}
}
