package format

import (
	"strings"
	"testing"

	"github.com/sayso/sayso/annotate"
)

func lossCounts(l *Loss) map[string]int {
	out := map[string]int{}
	for _, it := range l.Items() {
		out[it.What] = it.Count
	}
	return out
}

func TestAccount(t *testing.T) {
	docs := readDocs(t, unicodeFile, Options{})
	all := &Loss{}
	Account(docs, Holds{}, all)
	got := lossCounts(all)
	// unicode.jsonl: 20 attribute values on 15 spans, 7 relations,
	// 6 spans with provenance, 2 scores, 3 meta fields, 3 unknown fields;
	// overlaps: t1 inside q1 (emoji doc), t1 same as q1 (RTL doc).
	want := map[string]int{LostAttributes: 20, LostRelations: 7, LostProvenance: 6, LostScores: 2,
		LostMeta: 3, LostUnknown: 3, LostOverlaps: 2}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("%s: %d, want %d", k, got[k], n)
		}
	}
	none := &Loss{}
	Account(docs, jsonlHolds, none)
	if !none.Empty() {
		t.Fatalf("jsonl holds everything, but the loss says:\n%s", none)
	}
}

// tokenDoc builds a document with spans given as [start, end, label].
func tokenDoc(text string, spans ...[3]any) *annotate.Document {
	d := &annotate.Document{ID: "d", Text: text}
	r := annotate.NewRunes(text)
	for i, s := range spans {
		a, b := s[0].(int), s[1].(int)
		d.Spans = append(d.Spans, annotate.Span{ID: string(rune('a' + i)), Label: annotate.Label(s[2].(string)),
			Start: a, End: b, Text: r.Slice(a, b)})
	}
	return d
}

func TestCoNLLTagsAndLoss(t *testing.T) {
	text := "He said we will win big today. Then she left."
	cases := map[string]struct {
		doc    *annotate.Document
		opt    Options
		tags   string
		losses map[string]int
	}{
		"overlap longest kept": {tokenDoc(text, [3]any{8, 29, "QUOTE"}, [3]any{16, 23, "QUOTE"}), Options{},
			"O O B I I I I O O O O O", map[string]int{lostLayerOverlap(layers[0]): 1}},
		"partial token widened": {tokenDoc(text, [3]any{9, 18, "QUOTE"}), Options{},
			"O O O B I O O O O O O O", map[string]int{lostBounds: 1}},
		"no token start": {tokenDoc(text, [3]any{9, 10, "QUOTE"}), Options{},
			"O O O O O O O O O O O O", map[string]int{lostNoToken: 1}},
		"other layer": {tokenDoc(text, [3]any{0, 2, "SPEAKER"}, [3]any{8, 29, "QUOTE"}), Options{},
			"O O B I I I I O O O O O", map[string]int{lostLayer(layers[0]): 1}},
		"iob1 adjacent": {tokenDoc(text, [3]any{8, 15, "QUOTE"}, [3]any{16, 23, "QUOTE"}), Options{Scheme: "IOB1"},
			"O O I I B I O O O O O O", nil},
		"bilou": {tokenDoc(text, [3]any{0, 2, "SPEAKER"}, [3]any{8, 23, "QUOTE"}), Options{Scheme: "BILOU", Layer: "ALL"},
			"U O B I I L O O O O O O", nil},
		"span across sentences stays whole": {tokenDoc(text, [3]any{24, 40, "QUOTE"}), Options{},
			"O O O O O O B I I I O O", nil},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			loss := &Loss{}
			l, sc, err := tokenOptions(c.opt)
			if err != nil {
				t.Fatal(err)
			}
			tg := tagDocument(c.doc, l, sc, loss)
			var short []string
			for _, tag := range tg.tags {
				short = append(short, strings.SplitN(tag, "-", 2)[0])
			}
			if got := strings.Join(short, " "); got != c.tags {
				t.Fatalf("tags %s, want %s", got, c.tags)
			}
			got := lossCounts(loss)
			for k, n := range c.losses {
				if got[k] != n {
					t.Fatalf("loss %q: %d, want %d\n%s", k, got[k], n, loss)
				}
			}
			for _, se := range tg.sents {
				for i := se[0] + 1; i < se[1]; i++ {
					if tg.toks[i].Sentence != tg.toks[i-1].Sentence && !strings.HasPrefix(tg.tags[i], "I") {
						t.Fatalf("sentences joined at token %d without a span across", i)
					}
				}
			}
		})
	}
}

func TestTokenOptionErrors(t *testing.T) {
	for _, opt := range []Options{{Layer: "PERSON"}, {Scheme: "IOBES"}} {
		if _, err := ExportTo(registry["conll"], nil, &MemSink{}, opt); err == nil {
			t.Fatalf("%+v: no error", opt)
		}
	}
}

func TestLossString(t *testing.T) {
	l := &Loss{Format: "conll"}
	if !strings.Contains(l.String(), "nothing was left out") {
		t.Fatal(l.String())
	}
	for range 5 {
		l.Add("things", "ex")
	}
	l.Add("other", "")
	s := l.String()
	if !strings.Contains(s, "- 5 things\n") || strings.Count(s, "e.g. ex") != maxExamples || !strings.Contains(s, "- 1 other") {
		t.Fatal(s)
	}
}
