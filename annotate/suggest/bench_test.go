package suggest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/sayso/sayso/annotate"
)

// corpusTexts reads the shared corpus (skipping when it is absent).
func corpusTexts(b testing.TB) []string {
	b.Helper()
	dir := needShared(b, "corpus")
	var texts []string
	for _, sub := range []string{"allsides", "bbc2005", "thisjustin", "seeds"} {
		files, _ := filepath.Glob(filepath.Join(dir, sub, "*.txt"))
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			t, err := annotate.Normalize(f, data)
			if err != nil {
				b.Fatal(err)
			}
			texts = append(texts, t)
		}
	}
	if len(texts) == 0 {
		b.Skip("empty corpus")
	}
	return texts
}

// BenchmarkSuggestCorpus measures throughput over the whole corpus (one
// core); the target is at least 5 MB/s.
func BenchmarkSuggestCorpus(b *testing.B) {
	texts := corpusTexts(b)
	lex := testLexicon(b)
	var n int64
	for _, t := range texts {
		n += int64(len(t))
	}
	b.SetBytes(n)
	b.ResetTimer()
	for b.Loop() {
		for _, t := range texts {
			Suggest(t, Options{Lexicon: lex})
		}
	}
}
