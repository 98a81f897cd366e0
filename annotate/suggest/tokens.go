package suggest

import (
	"unicode"
	"unicode/utf8"

	"github.com/sayso/sayso/annotate"
)

// Token is one token of a text as the suggestion engine splits it, with
// the sentence it belongs to. Start and End count code points, End
// exclusive; Sentence counts from 0.
type Token struct {
	Start, End int
	Sentence   int
}

// Tokens splits text into tokens and sentences with the engine's own
// tokenizer (the one suggestions are made with), so every export that
// needs tokens sees the same ones. Quotation marks are tokens of their
// own; sentence ends inside a quotation do not split its sentence.
//
// The engine reads words and skips symbols one code point at a time;
// Tokens then joins the pieces of one user-perceived character that it
// split (emoji ZWJ sequences, variation selectors, skin-tone modifiers,
// flag pairs, combining marks after a symbol), so no token is a lone
// joiner or half a flag.
func Tokens(text string) []Token {
	quotes, marks := scanQuotes(text)
	toks := tokenize(text, marks, make([]tok, 0, len(text)/5+8))
	markInQuote(toks, quotes)
	splitSentences(toks, quotes)
	r := annotate.NewRunes(text)
	out := make([]Token, 0, len(toks))
	for i, t := range toks {
		if n := len(out); n > 0 && toks[i-1].e == t.s && continuesCluster(text[toks[i-1].s:toks[i-1].e], text[t.s:t.e]) {
			out[n-1].End = r.CodePoint(t.e)
			toks[i].s = toks[i-1].s
			continue
		}
		out = append(out, Token{Start: r.CodePoint(t.s), End: r.CodePoint(t.e), Sentence: t.sentence})
	}
	return out
}

// continuesCluster reports whether next, right after prev, belongs to
// the same user-perceived character.
func continuesCluster(prev, next string) bool {
	last, _ := utf8.DecodeLastRuneInString(prev)
	first, _ := utf8.DecodeRuneInString(next)
	switch {
	case last == '\u200D' || isExtender(first):
		return true
	case isRegional(last) && isRegional(first):
		n := 0
		for _, c := range prev {
			if isRegional(c) {
				n++
			}
		}
		return n%2 == 1
	}
	return false
}

func isExtender(r rune) bool {
	return r == '\u200D' || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) ||
		(r >= 0xFE00 && r <= 0xFE0F) || (r >= 0x1F3FB && r <= 0x1F3FF) || (r >= 0xE0020 && r <= 0xE007F)
}

func isRegional(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }
