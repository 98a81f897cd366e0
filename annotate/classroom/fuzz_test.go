package classroom

import (
	"testing"

	"github.com/sayso/sayso/annotate"
)

// FuzzCompare turns bytes into a student's spans over the key's text
// (four bytes a span: label, kind, start, length; bounds may fall
// outside the text) and checks that Compare neither panics nor loses a
// span: per kind, found + missed is the key's count and found + extra the
// student's usable spans.
func FuzzCompare(f *testing.F) {
	f.Add([]byte{0, 0, 4, 20, 1, 1, 30, 5, 2, 0, 200, 90})
	f.Add([]byte{0, 1, 255, 255, 3, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		key := keyDocs()
		d := key[0].Clone()
		d.Spans = nil
		n := len([]rune(d.Text))
		usable := map[string]int{}
		labels := []annotate.Label{annotate.Quote, annotate.Speaker, annotate.Threat, "OTHER"}
		for i := 0; i+3 < len(data); i += 4 {
			s := annotate.Span{ID: string(rune('a' + i%26)), Label: labels[int(data[i])%len(labels)], Start: int(data[i+2]) - 8, Source: annotate.SourceManual}
			s.End = s.Start + int(data[i+3])%64 - 4
			if data[i+1]%2 == 1 {
				s.Attrs = indirect()
			}
			d.Spans = append(d.Spans, s)
			if s.Start >= 0 && s.End <= n && s.Start < s.End {
				usable[annotate.EvalKind(s)]++
			}
		}
		r := Compare(key, []Submission{{Student: "F", Docs: []*annotate.Document{d}}})
		st := r.Students[0]
		inKey := map[string]int{}
		for _, s := range key[0].Spans {
			inKey[annotate.EvalKind(s)]++
		}
		for _, k := range st.Docs[0].Kinds {
			if k.Found+k.Missed != inKey[k.Kind] || k.Found+k.Extra != usable[k.Kind] {
				t.Fatalf("%s: %+v, key %d, student %d", k.Kind, k.Score, inKey[k.Kind], usable[k.Kind])
			}
		}
		if st.Mark < 0 || st.Mark > 100 {
			t.Fatalf("mark %d", st.Mark)
		}
	})
}
