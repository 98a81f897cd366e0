package annotate

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
func Tokens(text string) []Token {
	quotes, marks := scanQuotes(text)
	toks := tokenize(text, marks, make([]tok, 0, len(text)/5+8))
	markInQuote(toks, quotes)
	splitSentences(toks, quotes)
	r := NewRunes(text)
	out := make([]Token, len(toks))
	for i, t := range toks {
		out[i] = Token{Start: r.CodePoint(t.s), End: r.CodePoint(t.e), Sentence: t.sentence}
	}
	return out
}
