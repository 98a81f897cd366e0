package annotate

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

func readAll(t *testing.T, name string, data []byte) ([]*Document, []error) {
	t.Helper()
	var docs []*Document
	var errs []error
	err := ReadJSONL(name, bytes.NewReader(data), func(r JSONLResult) error {
		if r.Err != nil {
			errs = append(errs, r.Err)
		} else {
			docs = append(docs, r.Doc)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return docs, errs
}

// The gold seeds read and written again give the same documents, spans,
// attributes and relations.
func TestJSONLRoundTripSeeds(t *testing.T) {
	data, err := os.ReadFile("testdata/seeds.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	docs, errs := readAll(t, "seeds.jsonl", data)
	if len(errs) > 0 || len(docs) != 2 {
		t.Fatalf("docs=%d errs=%v", len(docs), errs)
	}
	var out bytes.Buffer
	for _, d := range docs {
		if err := WriteJSONL(&out, d); err != nil {
			t.Fatal(err)
		}
	}
	again, errs := readAll(t, "out.jsonl", out.Bytes())
	if len(errs) > 0 || len(again) != len(docs) {
		t.Fatalf("re-read: docs=%d errs=%v", len(again), errs)
	}
	for i := range docs {
		a, b := docs[i], again[i]
		if a.ID != b.ID || a.Title != b.Title || a.Text != b.Text || len(a.Spans) != len(b.Spans) || len(a.Relations) != len(b.Relations) {
			t.Fatalf("doc %d changed in the round trip", i)
		}
		a.SortSpans()
		b.SortSpans()
		for j := range a.Spans {
			x, y := a.Spans[j], b.Spans[j]
			if x.ID != y.ID || x.Label != y.Label || x.Start != y.Start || x.End != y.End || x.Text != y.Text || !sameAttrs(x.Attrs, y.Attrs) {
				t.Fatalf("span %s changed: %+v -> %+v", x.ID, x, y)
			}
		}
		for j := range a.Relations {
			if a.Relations[j].Label != b.Relations[j].Label || a.Relations[j].From != b.Relations[j].From || a.Relations[j].To != b.Relations[j].To {
				t.Fatalf("relation %d changed", j)
			}
		}
		m1, _ := MarshalDocument(a)
		m2, _ := MarshalDocument(b)
		if !bytes.Equal(m1, m2) {
			t.Fatal("second export differs from the first")
		}
	}
}

func sameAttrs(a, b map[string]any) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestJSONLKeepsUnknownFields(t *testing.T) {
	line := `{"id":"d1","text":"Hi there","custom":{"x":1},"spans":[{"id":"a","label":"QUOTE","start":0,"end":2,"text":"Hi","note":"keep me"}],"relations":[{"label":"x","from":"a","to":"a","w":2}]}`
	docs, errs := readAll(t, "u.jsonl", []byte(line))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	out, err := MarshalDocument(docs[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"custom": {"x":1}`, `"note": "keep me"`, `"w": 2`, `"title": "Hi there"`} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("export lost %s: %s", want, out)
		}
	}
}

func TestJSONLBadLines(t *testing.T) {
	good := `{"id":"ok","text":"“Go,” he said 👋 now","spans":[{"id":"q","label":"QUOTE","start":1,"end":3,"text":"Go"},{"id":"n","label":"SPEAKER","start":16,"end":19,"text":"now"}]}`
	tests := map[string]struct {
		line string
		want string
	}{
		"not json":         {`{"id": "x", "text": `, "bad.jsonl:2: not a JSON object"},
		"no text":          {`{"id":"x"}`, `bad.jsonl:2: missing or empty "text"`},
		"byte offsets":     {`{"id":"x","text":"👋 hi","spans":[{"id":"a","label":"SPEAKER","start":5,"end":7,"text":"hi"}]}`, "outside the text"},
		"mismatched text":  {`{"id":"x","text":"👋 hi yo","spans":[{"id":"a","label":"SPEAKER","start":2,"end":4,"text":"yo"}]}`, `text[2:4] is "hi", not the span's text "yo"`},
		"dup id":           {`{"id":"x","text":"ab","spans":[{"id":"a","label":"Q","start":0,"end":1,"text":"a"},{"id":"a","label":"Q","start":1,"end":2,"text":"b"}]}`, "id used twice"},
		"dangling rel":     {`{"id":"x","text":"ab","spans":[{"id":"a","label":"Q","start":0,"end":1,"text":"a"}],"relations":[{"label":"r","from":"a","to":"zz"}]}`, "not in the document"},
		"spans not a list": {`{"id":"x","text":"ab","spans":{}}`, `"spans" is not a list`},
		"empty span":       {`{"id":"x","text":"ab","spans":[{"id":"a","label":"Q","start":1,"end":1,"text":""}]}`, "outside the text"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			docs, errs := readAll(t, "bad.jsonl", []byte(good+"\n"+tc.line+"\n\n"+good+"\n"))
			if len(docs) != 2 {
				t.Fatalf("a bad line stopped the good ones: %d docs", len(docs))
			}
			if len(errs) != 1 || !strings.Contains(errs[0].Error(), tc.want) || !strings.HasPrefix(errs[0].Error(), "bad.jsonl:2:") {
				t.Fatalf("errors = %v, want one naming bad.jsonl:2 and %q", errs, tc.want)
			}
		})
	}
}

func TestMarshalRecomputesSpanText(t *testing.T) {
	d := &Document{ID: "d", Text: "👋 “action” now", Spans: []Span{{ID: "q1", Label: Quote, Start: 3, End: 9, Text: "stale"}}}
	out, err := MarshalDocument(d)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(out, []byte(`"text": "action"`)) {
		t.Fatalf("span text not taken from the document: %s", out)
	}
	if _, err := ParseDocumentJSON(out); err != nil {
		t.Fatalf("own output does not parse: %v", err)
	}
}
