package suggest

// Why the suggestion engine tokenizes and splits sentences itself instead
// of using github.com/jdkato/prose/v3 (the issue asks for a library unless
// a benchmark shows why):
//
//   - prose's tokens carry no offsets (token.Token is Text, Tag, Label),
//     so every token would have to be found again in the text to get the
//     code-point offsets spans need, and prose's tokenizer rewrites some
//     text (it splits "don't" into "do" "n't"), which makes that search
//     ambiguous;
//   - it knows nothing of quotation marks as sayso needs them (which mark
//     opens, which closes, apostrophes inside single-quoted fragments),
//     which the engine has to scan for anyway;
//   - it is slower: the benchmarks below run both over the shared corpus.
//     On the 2-core development machine the engine's own quote scan,
//     tokenization and sentence split ran at about 28 MB/s, prose's
//     tokenizer alone (no offsets, no quotes, no sentences) at about
//     13 MB/s, and prose with sentence segmentation and part-of-speech
//     tagging at about 2.5 MB/s, half the 5 MB/s the issue sets for the
//     whole of `sayso suggest`. The engine therefore tags nothing; its
//     rules use word lists and the shape of the sentence instead.

import (
	"testing"

	"github.com/jdkato/prose/v3"
)

func corpusSize(texts []string) int64 {
	var n int64
	for _, t := range texts {
		n += int64(len(t))
	}
	return n
}

// BenchmarkTokenizeOwn is the engine's own quote scan, tokenization and
// sentence split, with code-point offsets.
func BenchmarkTokenizeOwn(b *testing.B) {
	texts := corpusTexts(b)
	b.SetBytes(corpusSize(texts))
	for b.Loop() {
		for _, t := range texts {
			quotes, marks := scanQuotes(t)
			toks := tokenize(t, marks, nil)
			markInQuote(toks, quotes)
			_ = splitSentences(toks, quotes)
		}
	}
}

// BenchmarkTokenizeProse is prose's tokenizer alone (no offsets).
func BenchmarkTokenizeProse(b *testing.B) {
	texts := corpusTexts(b)
	b.SetBytes(corpusSize(texts))
	for b.Loop() {
		for _, t := range texts {
			if _, err := prose.NewDocument(t, prose.WithSegmentation(false), prose.WithTagging(false), prose.WithExtraction(false)); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkTokenizeProseTagged adds prose's sentence segmentation and
// part-of-speech tagging.
func BenchmarkTokenizeProseTagged(b *testing.B) {
	texts := corpusTexts(b)
	b.SetBytes(corpusSize(texts))
	for b.Loop() {
		for _, t := range texts {
			if _, err := prose.NewDocument(t, prose.WithExtraction(false)); err != nil {
				b.Fatal(err)
			}
		}
	}
}
