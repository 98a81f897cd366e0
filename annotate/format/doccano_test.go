package format

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sayso/sayso/annotate"
)

var updatePeer = flag.Bool("update-peer", false, "rewrite the golden files of brat, doccano and Label Studio")

// ---- helpers shared by the brat, doccano and Label Studio tests ----

// memSink keeps an export's files in memory.
type memSink map[string]*bytes.Buffer

type memFile struct{ *bytes.Buffer }

func (memFile) Close() error { return nil }

func (m memSink) Create(name string) (io.WriteCloser, error) {
	b := &bytes.Buffer{}
	m[name] = b
	return memFile{b}, nil
}

// fs turns the export into a file system; the single file of a file
// format ("" in the sink) is called main.
func (m memSink) fs(main string) fstest.MapFS {
	out := fstest.MapFS{}
	for name, b := range m {
		out[main+name] = &fstest.MapFile{Data: b.Bytes()}
	}
	return out
}

func peerReadDocs(t testing.TB, path string) []*annotate.Document {
	t.Helper()
	docs, errs := annotate.ReadJSONLFile(path)
	if len(errs) > 0 {
		t.Fatalf("%s: %v", path, errors.Join(errs...))
	}
	return docs
}

const unicodeFixture = "testdata/labelstudio/unicode.jsonl"

// corpora are the documents of the round trips: the seeds, the shared gold
// files when present, and the Unicode fixture.
func corpora(t *testing.T) map[string][]*annotate.Document {
	out := map[string][]*annotate.Document{
		"seeds":   peerReadDocs(t, "../testdata/seeds.jsonl"),
		"unicode": peerReadDocs(t, unicodeFixture),
	}
	gold, _ := filepath.Glob("../../../shared/gold/*.jsonl")
	for _, g := range gold {
		out["gold/"+filepath.Base(g)] = peerReadDocs(t, g)
	}
	return out
}

// canonSpan is a span as the round trips compare it: no id.
type canonSpan struct {
	Label      annotate.Label
	Start, End int
	Text       string
	Attrs      string // JSON, keys sorted
	Source     string
	Annotator  string
	Score      string
}

// canonDoc is a document with span ids replaced by the span's position in
// canonical order, so that documents whose spans were renumbered compare.
type canonDoc struct {
	ID        string
	Text      string
	Spans     []canonSpan
	Relations []string
}

// canonOpt says what a format keeps, for the comparison.
type canonOpt struct {
	attrs      func(annotate.Span) map[string]any // nil: all
	provenance bool
	relations  bool
}

func canon(d *annotate.Document, o canonOpt) canonDoc {
	spans := peerSortedSpans(d)
	pos := map[string]int{}
	c := canonDoc{ID: d.ID, Text: d.Text}
	for i, s := range spans {
		pos[s.ID] = i
		attrs := s.Attrs
		if o.attrs != nil {
			attrs = o.attrs(s)
		}
		if len(attrs) == 0 {
			attrs = nil
		}
		a, _ := json.Marshal(attrs)
		cs := canonSpan{Label: s.Label, Start: s.Start, End: s.End, Text: s.Text, Attrs: string(a)}
		if o.provenance {
			cs.Source, cs.Annotator = s.Source, s.Annotator
			if s.Score != nil {
				cs.Score = fmt.Sprint(*s.Score)
			}
		}
		c.Spans = append(c.Spans, cs)
	}
	if o.relations {
		for _, r := range d.Relations {
			c.Relations = append(c.Relations, fmt.Sprintf("%s %d -> %d", r.Label, pos[r.From], pos[r.To]))
		}
		sort.Strings(c.Relations)
	}
	return c
}

func diffCanon(t *testing.T, what string, want, got canonDoc) {
	t.Helper()
	if want.ID != got.ID || want.Text != got.Text {
		t.Errorf("%s: document %q (%d bytes) came back as %q (%d bytes)", what, want.ID, len(want.Text), got.ID, len(got.Text))
		return
	}
	if len(want.Spans) != len(got.Spans) {
		t.Errorf("%s: %s: %d spans came back as %d", what, want.ID, len(want.Spans), len(got.Spans))
		return
	}
	for i := range want.Spans {
		if want.Spans[i] != got.Spans[i] {
			t.Errorf("%s: %s: span %d\n want %+v\n got  %+v", what, want.ID, i, want.Spans[i], got.Spans[i])
		}
	}
	if strings.Join(want.Relations, "|") != strings.Join(got.Relations, "|") {
		t.Errorf("%s: %s: relations\n want %v\n got  %v", what, want.ID, want.Relations, got.Relations)
	}
}

// roundTrip exports docs in format name and imports them again.
func roundTrip(t *testing.T, name string, docs []*annotate.Document, opt Options) ([]*annotate.Document, *Loss, memSink) {
	t.Helper()
	f, err := Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	sink := memSink{}
	loss := &Loss{Format: name}
	if err := f.Export(docs, sink, opt, loss); err != nil {
		t.Fatalf("%s export: %v", name, err)
	}
	main, root := "out"+f.Ext, "out"+f.Ext
	if f.Folder {
		main, root = "out/", "out"
	}
	var back []*annotate.Document
	err = f.Import(sink.fs(main), root, opt, func(d *annotate.Document) error {
		back = append(back, d)
		return nil
	})
	if err != nil {
		t.Fatalf("%s import of its own export: %v", name, err)
	}
	return back, loss, sink
}

// checkRoundTrip compares docs with what came back, matching by id.
func checkRoundTrip(t *testing.T, what string, docs, back []*annotate.Document, o canonOpt) {
	t.Helper()
	if len(back) != len(docs) {
		t.Fatalf("%s: %d documents came back as %d", what, len(docs), len(back))
	}
	byID := map[string]*annotate.Document{}
	for _, d := range back {
		byID[d.ID] = d
	}
	for _, d := range docs {
		b, ok := byID[d.ID]
		if !ok {
			t.Errorf("%s: document %q did not come back", what, d.ID)
			continue
		}
		diffCanon(t, what, canon(d, o), canon(b, o))
	}
}

var units = []Offsets{CodePoints, UTF16, UTF8}

// checkGolden compares got with the golden file, rewriting it with -update.
func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *updatePeer {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update-peer to write it)", err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs from the export (run go test -update-peer after checking the change):\n%s", path, got)
	}
}

// importFile imports one file (or folder) of testdata with format name.
func importFile(t *testing.T, name, path string, opt Options) ([]*annotate.Document, error) {
	t.Helper()
	f, err := Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	var docs []*annotate.Document
	err = f.Import(os.DirFS("."), path, opt, func(d *annotate.Document) error {
		if verr := d.Validate(); verr != nil {
			t.Errorf("%s: imported document %s does not validate: %v", path, d.ID, verr)
		}
		docs = append(docs, d)
		return nil
	})
	return docs, err
}

// importBytes imports content given as a file of that name.
func importBytes(name, file string, files map[string]string, opt Options) ([]*annotate.Document, error) {
	f, err := Lookup(name)
	if err != nil {
		return nil, err
	}
	fsys := fstest.MapFS{}
	for n, c := range files {
		fsys[n] = &fstest.MapFile{Data: []byte(c)}
	}
	var docs []*annotate.Document
	err = f.Import(fsys, file, opt, func(d *annotate.Document) error {
		if verr := d.Validate(); verr != nil {
			return fmt.Errorf("imported document does not validate: %v", verr)
		}
		docs = append(docs, d)
		return nil
	})
	return docs, err
}

// ---- doccano ----

// dccAttrs are the attributes doccano's label variant keeps.
func dccAttrs(s annotate.Span) map[string]any {
	out := map[string]any{}
	if k, ok := s.Attrs[annotate.AttrKind].(string); ok && s.Label == annotate.Quote && k != "" {
		out[annotate.AttrKind] = k
	}
	if s.Label == annotate.Threat {
		out[annotate.AttrConditional] = s.AttrBool(annotate.AttrConditional)
	}
	return out
}

func TestDoccanoRoundTrip(t *testing.T) {
	for cname, docs := range corpora(t) {
		for _, u := range units {
			opt := Options{Offsets: u}
			back, _, _ := roundTrip(t, "doccano", docs, opt)
			checkRoundTrip(t, "doccano/"+cname+"/"+string(u), docs, back, canonOpt{provenance: true, relations: true})
			back, loss, _ := roundTrip(t, "doccano-label", docs, opt)
			checkRoundTrip(t, "doccano-label/"+cname+"/"+string(u), docs, back, canonOpt{attrs: dccAttrs})
			if n := countRelations(docs); n > 0 && !strings.Contains(loss.String(), fmt.Sprintf("%d relations left out", n)) {
				t.Errorf("doccano-label loss report does not count the %d relations:\n%s", n, loss)
			}
		}
	}
}

func countRelations(docs []*annotate.Document) int {
	n := 0
	for _, d := range docs {
		n += len(d.Relations)
	}
	return n
}

func TestDoccanoLabels(t *testing.T) {
	tests := []struct {
		span  annotate.Span
		label string
	}{
		{annotate.Span{Label: annotate.Quote, Attrs: map[string]any{"kind": "direct"}}, "QUOTE:direct"},
		{annotate.Span{Label: annotate.Quote, Attrs: map[string]any{"kind": "indirect"}}, "QUOTE:indirect"},
		{annotate.Span{Label: annotate.Quote}, "QUOTE"},
		{annotate.Span{Label: annotate.Threat, Attrs: map[string]any{"conditional": true}}, "THREAT:conditional"},
		{annotate.Span{Label: annotate.Threat, Attrs: map[string]any{"conditional": false}}, "THREAT"},
		{annotate.Span{Label: annotate.Speaker, Attrs: map[string]any{"entity": "X"}}, "SPEAKER"},
		{annotate.Span{Label: "LOC"}, "LOC"},
	}
	for _, tc := range tests {
		got, _ := dccLabel(&tc.span)
		if got != tc.label {
			t.Errorf("dccLabel(%v %v) = %q, want %q", tc.span.Label, tc.span.Attrs, got, tc.label)
		}
		l, attrs := dccParseLabel(got)
		if l != tc.span.Label {
			t.Errorf("dccParseLabel(%q) label = %q, want %q", got, l, tc.span.Label)
		}
		if want := dccAttrs(tc.span); tc.span.Label != annotate.Speaker && fmt.Sprint(attrs) != fmt.Sprint(nilIfEmpty(want)) {
			t.Errorf("dccParseLabel(%q) attrs = %v, want %v", got, attrs, want)
		}
	}
}

func nilIfEmpty(m map[string]any) map[string]any {
	if len(m) == 0 {
		return nil
	}
	return m
}

func TestDoccanoGolden(t *testing.T) {
	docs := peerReadDocs(t, unicodeFixture)
	for _, name := range []string{"doccano", "doccano-label"} {
		for _, u := range []Offsets{CodePoints, UTF16} {
			f, _ := Lookup(name)
			sink := memSink{}
			loss := &Loss{Format: name}
			if err := f.Export(docs, sink, Options{Offsets: u}, loss); err != nil {
				t.Fatal(err)
			}
			base := fmt.Sprintf("testdata/doccano/golden/%s.%s", name, u)
			checkGolden(t, base+".jsonl", sink[""].Bytes())
			checkGolden(t, base+".loss.txt", []byte(loss.String()))
		}
	}
}

// TestDoccanoSpec checks the golden exports against doccano's documented
// JSONL: a "text" and either "label" as [start, end, label] triples or
// "entities" (id, label, start_offset, end_offset) and "relations" (id,
// from_id, to_id, type) whose ends are entity ids of the line.
func TestDoccanoSpec(t *testing.T) {
	for _, file := range []string{"doccano.cp", "doccano.utf16", "doccano-label.cp", "doccano-label.utf16"} {
		b, err := os.ReadFile("testdata/doccano/golden/" + file + ".jsonl")
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
			if err := checkDoccanoLine(line); err != nil {
				t.Errorf("%s:%d: %v", file, i+1, err)
			}
		}
	}
}

type dccSpecLine struct {
	Text     *string
	Label    [][]any
	Entities []struct {
		ID          *int
		Label       *string
		StartOffset *int `json:"start_offset"`
		EndOffset   *int `json:"end_offset"`
	}
	Relations []struct {
		ID     *int
		FromID *int `json:"from_id"`
		ToID   *int `json:"to_id"`
		Type   *string
	}
}

func checkDoccanoLine(line string) error {
	var l dccSpecLine
	if err := json.Unmarshal([]byte(line), &l); err != nil {
		return err
	}
	if l.Text == nil || (l.Label == nil) == (l.Entities == nil) {
		return fmt.Errorf("needs text and one of label or entities")
	}
	for _, triple := range l.Label {
		if len(triple) != 3 {
			return fmt.Errorf("label %v is not a triple", triple)
		}
	}
	return checkDoccanoGraph(l)
}

func checkDoccanoGraph(l dccSpecLine) error {
	ids := map[int]bool{}
	for _, e := range l.Entities {
		if e.ID == nil || e.Label == nil || e.StartOffset == nil || e.EndOffset == nil || *e.StartOffset >= *e.EndOffset {
			return fmt.Errorf("entity without id, label or offsets")
		}
		ids[*e.ID] = true
	}
	for _, r := range l.Relations {
		if r.ID == nil || r.FromID == nil || r.ToID == nil || r.Type == nil || !ids[*r.FromID] || !ids[*r.ToID] {
			return fmt.Errorf("relation without id or type, or not between entities of the line")
		}
	}
	return nil
}

// TestDoccanoUTF16 checks that the UTF-16 export puts offsets where a
// JavaScript front end would, on the emoji of the fixture.
func TestDoccanoUTF16(t *testing.T) {
	docs := peerReadDocs(t, unicodeFixture)
	f, _ := Lookup("doccano")
	sink := memSink{}
	if err := f.Export(docs[:1], sink, Options{Offsets: UTF16}, &Loss{}); err != nil {
		t.Fatal(err)
	}
	var line struct {
		Text     string
		Entities []dccEntity
	}
	if err := json.Unmarshal(sink[""].Bytes(), &line); err != nil {
		t.Fatal(err)
	}
	u16 := utf16Units(line.Text)
	for _, e := range line.Entities {
		got := utf16String(u16[e.Start:e.End])
		s := peerSortedSpans(docs[0])[e.ID-1]
		if got != s.Text {
			t.Errorf("entity %d: UTF-16 slice %d..%d is %q, want %q", e.ID, e.Start, e.End, got, s.Text)
		}
	}
}

func TestDoccanoImportSamples(t *testing.T) {
	docs, err := importFile(t, "doccano", "testdata/doccano/doccano1x.jsonl", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 3 {
		t.Fatalf("got %d documents, want 3", len(docs))
	}
	d := docs[0]
	want := []string{"QUOTE 4..38 direct", "SPEAKER 46..55 ", "THREAT 58..80 cond=false"}
	var got []string
	for _, s := range peerSortedSpans(d) {
		x := fmt.Sprintf("%s %d..%d %s", s.Label, s.Start, s.End, s.AttrString(annotate.AttrKind))
		if s.Label == annotate.Threat {
			x += fmt.Sprintf("cond=%v", s.AttrBool(annotate.AttrConditional))
		}
		got = append(got, x)
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("spans\n got  %v\n want %v", got, want)
	}
	if d.ID != "1" || len(d.Relations) != 2 || d.Relations[0].Label != "attributed_to" {
		t.Errorf("document id %q relations %v", d.ID, d.Relations)
	}
	if _, ok := d.Extra["Comments"]; !ok {
		t.Errorf("doccano's Comments field was not kept: %v", d.Extra)
	}
	if docs[1].Spans[0].Label != "LOC" || docs[2].ID != "doccano1x-3" {
		t.Errorf("label variant: %v %q", docs[1].Spans, docs[2].ID)
	}
}

func TestDoccanoImportErrors(t *testing.T) {
	tests := []struct {
		name, line, want string
	}{
		{"not json", `{"text": "abc", "label": [`, "d.jsonl:1: not a JSON object"},
		{"no text", `{"label": [[0, 1, "X"]]}`, `d.jsonl:1: missing or empty "text"`},
		{"text not string", `{"text": 5, "label": []}`, `d.jsonl:1: missing or empty "text"`},
		{"offset past end", `{"text": "abc", "label": [[0, 9, "X"]]}`, "d.jsonl:1: label 1: offset 9 is outside the text"},
		{"reversed", `{"text": "abc", "label": [[2, 1, "X"]]}`, "d.jsonl:1: label 1: offsets 2..1 are not a range"},
		{"negative", `{"text": "abc", "label": [[-1, 1, "X"]]}`, "not a range"},
		{"label not triple", `{"text": "abc", "label": [[0, 1]]}`, "label 1 is not [start, end, label]"},
		{"classification", `{"text": "abc", "label": ["positive"]}`, "text classification"},
		{"utf16 hint", `{"text": "😀😀 ab", "entities": [{"id": 1, "label": "X", "start_offset": 5, "end_offset": 7}]}`, "try --offsets utf16"},
		{"half surrogate", `{"text": "😀 ab", "entities": [{"id": 1, "label": "X", "start_offset": 1, "end_offset": 3}]}`, "d.jsonl:1: entity 1 (id 1): offset 1 (UTF-16 code units) is not on a character boundary"},
		{"entity without offsets", `{"text": "abc", "entities": [{"id": 1, "label": "X"}]}`, `entity 1 (id 1): needs "label", "start_offset" and "end_offset"`},
		{"entity without id", `{"text": "abc", "entities": [{"label": "X", "start_offset": 0, "end_offset": 1}]}`, "entity 1 has no id"},
		{"duplicate id", `{"text": "abc", "entities": [{"id": 1, "label": "X", "start_offset": 0, "end_offset": 1}, {"id": 1, "label": "X", "start_offset": 1, "end_offset": 2}]}`, "id used twice"},
		{"unknown relation target", `{"text": "abc", "entities": [{"id": 1, "label": "X", "start_offset": 0, "end_offset": 1}], "relations": [{"id": 1, "from_id": 1, "to_id": 7, "type": "r"}]}`, "d.jsonl:1: relation 1 (r 1 -> 7) points at an entity that is not in the line"},
		{"relation without type", `{"text": "abc", "entities": [{"id": 1, "label": "X", "start_offset": 0, "end_offset": 1}], "relations": [{"id": 1, "from_id": 1, "to_id": 1}]}`, `relation 1 has no "type"`},
		{"wrong type", `{"text": "abc", "entities": [{"id": 1, "label": "X", "start_offset": "0", "end_offset": 1}]}`, `d.jsonl:1: field "entities"`},
		{"line end only", "{\"text\": \"a\\r\\nb\", \"label\": [[1, 2, \"X\"]]}", "cover only a line end"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			content := "{\"text\": \"fine\", \"label\": []}\n" + tc.line + "\n"
			opt := Options{}
			if strings.Contains(tc.name, "surrogate") {
				opt.Offsets = UTF16
			}
			_, err := importBytes("doccano", "d.jsonl", map[string]string{"d.jsonl": content}, opt)
			if err == nil {
				t.Fatalf("no error")
			}
			want := strings.Replace(tc.want, "d.jsonl:1:", "d.jsonl:2:", 1)
			if !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "d.jsonl:2:") {
				t.Errorf("error %q does not say %q", err, want)
			}
		})
	}
}

// TestDoccanoCRLF checks that a text with CRLF line ends is stored with LF
// and its offsets still point at the same characters.
func TestDoccanoCRLF(t *testing.T) {
	line := `{"text": "\ufeffOne\r\ntwo\rthree", "label": [[6, 9, "A"], [10, 15, "B"], [1, 4, "C"]]}`
	docs, err := importBytes("doccano", "d.jsonl", map[string]string{"d.jsonl": line}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := docs[0]
	if d.Text != "One\ntwo\nthree" {
		t.Fatalf("text %q", d.Text)
	}
	got := map[annotate.Label]string{}
	for _, s := range d.Spans {
		got[s.Label] = s.Text
	}
	if got["A"] != "two" || got["B"] != "three" || got["C"] != "One" {
		t.Errorf("spans %v", got)
	}
}

func TestDoccanoDetect(t *testing.T) {
	tests := []struct {
		name, head string
		want       bool
	}{
		{"a.jsonl", `{"text": "x", "entities": [], "relations": []}`, true},
		{"a.jsonl", `{"id": 3, "text": "x", "label": [[0, 1, "A"]]}`, true},
		{"a.jsonl", `{"id": "d", "text": "x", "spans": [], "relations": []}`, false},
		{"a.csv", `{"text": "x", "label": []}`, false},
		{"a.jsonl", `not json`, false},
		{"a.jsonl", `{"id": 3, "text": "a long text cut by the head`, false},
		{"a.jsonl", `{"id": 3, "label": [[0, 1, "A"]], "text": "a long text cut by the head`, true},
		{"a.jsonl", `{"id": "x", "text": "t", "spans": [], "label": "cut`, false},
	}
	for _, tc := range tests {
		if got := detectDoccano(tc.name, []byte(tc.head)); got != tc.want {
			t.Errorf("detectDoccano(%s, %s) = %v", tc.name, tc.head, got)
		}
	}
}

func TestPeerString(t *testing.T) {
	for _, s := range []string{"plain", "q\"b\\s", "tab\tnl\n\x01\x1f", "<a&b>", "ls\u2028ps\u2029", "😀 Ñ"} {
		var b bytes.Buffer
		peerString(&b, s)
		var back string
		if err := json.Unmarshal(b.Bytes(), &back); err != nil || back != s {
			t.Errorf("peerString(%q) = %s, reads back %q (%v)", s, b.Bytes(), back, err)
		}
	}
}

func utf16Units(s string) []uint16 {
	var out []uint16
	for _, r := range s {
		if r >= 0x10000 {
			r -= 0x10000
			out = append(out, uint16(0xD800+(r>>10)), uint16(0xDC00+(r&0x3FF)))
		} else {
			out = append(out, uint16(r))
		}
	}
	return out
}

func utf16String(u []uint16) string {
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		c := rune(u[i])
		if c >= 0xD800 && c < 0xDC00 && i+1 < len(u) {
			c = 0x10000 + (c-0xD800)<<10 + (rune(u[i+1]) - 0xDC00)
			i++
		}
		b.WriteRune(c)
	}
	return b.String()
}
