package format

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/sayso/sayso/annotate"
)

func TestSelection(t *testing.T) {
	docs := readDocs(t, unicodeFile, Options{})
	cases := map[string]struct {
		sel              Selection
		docs, spans, rel int
	}{
		"everything":     {Selection{}, 3, 15, 7},
		"done only":      {Selection{Statuses: []string{annotate.StatusDone}}, 1, 8, 4},
		"new only":       {Selection{Statuses: []string{annotate.StatusNew}}, 1, 0, 0},
		"quotes only":    {Selection{Labels: []annotate.Label{annotate.Quote}}, 3, 6, 0},
		"no suggestions": {Selection{DropSuggested: true}, 3, 14, 6},
		"annotator ana":  {Selection{Annotator: "ana"}, 3, 4, 2},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			got := c.sel.Apply(docs)
			spans, rels := 0, 0
			for _, d := range got {
				spans += len(d.Spans)
				rels += len(d.Relations)
				for _, r := range d.Relations {
					if d.SpanByID(r.From) < 0 || d.SpanByID(r.To) < 0 {
						t.Fatalf("%s: relation %s -> %s kept without its span", d.ID, r.From, r.To)
					}
				}
			}
			if len(got) != c.docs || spans != c.spans || rels != c.rel {
				t.Fatalf("got %d docs, %d spans, %d relations; want %d, %d, %d", len(got), spans, rels, c.docs, c.spans, c.rel)
			}
		})
	}
	if len(docs[0].Spans) != 8 {
		t.Fatal("Apply changed its input")
	}
}

func TestParseSplit(t *testing.T) {
	cases := map[string]struct {
		in, want, err string
	}{
		"fractions":   {"train=0.8,dev=0.1,test=0.1", "train=0.8 dev=0.1 test=0.1", ""},
		"percent":     {"train=80, test=20", "train=0.8 test=0.2", ""},
		"empty":       {"", "", "empty split"},
		"no equals":   {"train", "", `"train" is not name=share`},
		"bad number":  {"train=x,test=1", "", `share of "train" is "x", not a number`},
		"negative":    {"train=-0.2,test=1.2", "", "must be above 0"},
		"sum":         {"train=0.8,dev=0.1", "", "shares sum to 0.9"},
		"twice":       {"a=0.5,a=0.5", "", `part "a" named twice`},
		"slash":       {"a/b=1", "", "must not hold a slash"},
		"empty names": {"=1", "", `"=1" is not name=share`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			parts, err := ParseSplit(c.in)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("error %v, want %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range parts {
				got = append(got, fmt.Sprintf("%s=%g", p.Name, p.Share))
			}
			if strings.Join(got, " ") != c.want {
				t.Fatalf("got %v, want %s", got, c.want)
			}
		})
	}
}

func splitIDs(parts [][]*annotate.Document) string {
	var b strings.Builder
	for _, p := range parts {
		b.WriteString("|")
		for _, d := range p {
			b.WriteString(d.ID + " ")
		}
	}
	return b.String()
}

func TestSplitReproducible(t *testing.T) {
	var docs []*annotate.Document
	for i := range 1000 {
		docs = append(docs, &annotate.Document{ID: fmt.Sprintf("doc-%04d", i), Text: fmt.Sprint(i)})
	}
	parts, _ := ParseSplit("train=0.8,dev=0.1,test=0.1")
	a := Split(docs, parts, 42)
	if len(a[0]) != 800 || len(a[1]) != 100 || len(a[2]) != 100 {
		t.Fatalf("sizes %d/%d/%d", len(a[0]), len(a[1]), len(a[2]))
	}
	shuffled := append([]*annotate.Document(nil), docs...)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	if splitIDs(Split(shuffled, parts, 42)) != splitIDs(a) {
		t.Fatal("the split depends on the input order")
	}
	if splitIDs(Split(docs, parts, 43)) == splitIDs(a) {
		t.Fatal("another seed gave the same split")
	}
	seen := map[string]bool{}
	for _, p := range a {
		for _, d := range p {
			if seen[d.ID] {
				t.Fatalf("%s in two parts", d.ID)
			}
			seen[d.ID] = true
		}
	}
	if len(seen) != len(docs) {
		t.Fatalf("%d of %d documents placed", len(seen), len(docs))
	}
}

func TestSplitPath(t *testing.T) {
	for in, want := range map[string]string{
		"out.jsonl":        "out.train.jsonl",
		"dir.v2/export":    "dir.v2/export.train",
		"/tmp/a.b/c.conll": "/tmp/a.b/c.train.conll",
		"brat-folder":      "brat-folder.train",
	} {
		if got := SplitPath(in, "train"); got != want {
			t.Errorf("SplitPath(%q) = %q, want %q", in, got, want)
		}
	}
}
