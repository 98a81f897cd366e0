package suggest

import (
	"os"
	"testing"

	"github.com/sayso/sayso/annotate"
)

// seedsByHand reads the gold seed articles as if labelled by hand.
func seedsByHand(t testing.TB) []*annotate.Document {
	t.Helper()
	docs := readDocs(t, "../testdata/seeds.jsonl")
	for _, d := range docs {
		for i := range d.Spans {
			d.Spans[i].Source = annotate.SourceManual
		}
	}
	return docs
}

// BenchmarkProjectLexicon is what the app does in the background after
// an edit: learn from the hand-labelled documents (here the two gold seed
// articles) and build the project's lexicon (load the files, add what was
// learnt).
func BenchmarkProjectLexicon(b *testing.B) {
	fsys := os.DirFS("../../assets/lexicon")
	base, err := LoadLexicon(fsys)
	if err != nil {
		b.Fatal(err)
	}
	docs := seedsByHand(b)
	b.ReportAllocs()
	for b.Loop() {
		l := Learn(base, docs...)
		lex, err := LoadLexicon(fsys)
		if err != nil {
			b.Fatal(err)
		}
		l.Apply(lex)
	}
}

// BenchmarkLearn measures Learn alone over the seed articles.
func BenchmarkLearn(b *testing.B) {
	base, err := LoadLexicon(os.DirFS("../../assets/lexicon"))
	if err != nil {
		b.Fatal(err)
	}
	docs := seedsByHand(b)
	b.ReportAllocs()
	for b.Loop() {
		Learn(base, docs...)
	}
}
