package suggest

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sayso/sayso/annotate"
)

// This file holds the text layer of the suggestion engine: quotation
// mark pairing, tokens and sentences. Offsets are bytes until the spans
// are built.

// Quote mark classes.
const (
	qDouble = 1
	qSingle = 2
)

// quoteSpan is one pair of quotation marks (or a paragraph of a quote that
// runs over several paragraphs).
type quoteSpan struct {
	open, close int // byte offsets of the marks; close is -1 when the quote runs to the end of its paragraph
	in, out     int // inner text [in,out), before trimming
	class       int
	nested      bool // inside another quote
	contPrev    bool // continues a quote of the previous paragraph
	unclosed    bool // no closing mark and no continuation
}

// markRole records a quotation mark found in the text.
type markRole struct {
	pos   int
	size  int
	open  bool
	quote int // index into the quote list
}

type openMark struct {
	class     int
	r         rune
	pos, size int
	tentative bool // a straight/curly single opener not yet confirmed by its closer
	quote     int  // index into the quote list
}

func isOpenerContext(prev rune) bool {
	return prev == 0 || unicode.IsSpace(prev) || strings.ContainsRune("([{—–-/“‘\"'«„", prev)
}

func isBlankAfter(next rune) bool {
	return next == 0 || unicode.IsSpace(next)
}

// scanQuotes pairs the quotation marks of text paragraph by paragraph.
func scanQuotes(text string) ([]quoteSpan, []markRole) {
	var quotes []quoteSpan
	var marks []markRole
	var stack []openMark
	paraStart := 0
	carry := false // the previous paragraph ended inside a top-level quote
	for paraStart <= len(text) {
		paraEnd := strings.IndexByte(text[paraStart:], '\n')
		if paraEnd < 0 {
			paraEnd = len(text)
		} else {
			paraEnd += paraStart
		}
		line := text[paraStart:paraEnd]
		if strings.TrimSpace(line) == "" {
			if paraEnd >= len(text) {
				break
			}
			paraStart = paraEnd + 1
			continue
		}
		stack = stack[:0]
		firstMarkAtStart := true
		prev := rune(0)
		for i := paraStart; i < paraEnd; {
			r, size := utf8.DecodeRuneInString(text[i:])
			next := rune(0)
			if i+size < paraEnd {
				next, _ = utf8.DecodeRuneInString(text[i+size:])
			}
			if !isQuoteRune(r) {
				if !unicode.IsSpace(r) {
					firstMarkAtStart = false
				}
				prev = r
				i += size
				continue
			}
			atStart := firstMarkAtStart
			firstMarkAtStart = false
			cls := qDouble
			if r == '‘' || r == '’' || r == '\'' || r == '‚' || r == '‹' || r == '›' {
				cls = qSingle
			}
			innermost := func() *openMark {
				if len(stack) == 0 {
					return nil
				}
				return &stack[len(stack)-1]
			}
			openQuote := func(tentative bool) {
				q := quoteSpan{open: i, close: -1, in: i + size, class: cls, nested: len(stack) > 0}
				if atStart && carry && len(stack) == 0 {
					q.contPrev = true
				}
				quotes = append(quotes, q)
				stack = append(stack, openMark{class: cls, r: r, pos: i, size: size, tentative: tentative, quote: len(quotes) - 1})
			}
			closeTop := func(at int) {
				top := stack[len(stack)-1]
				q := &quotes[top.quote]
				q.close, q.out = at, at
				marks = append(marks, markRole{pos: top.pos, size: top.size, open: true, quote: top.quote})
				if at >= 0 {
					marks = append(marks, markRole{pos: at, size: size, open: false, quote: top.quote})
				}
				stack = stack[:len(stack)-1]
			}
			// dropTentativeSingles removes unconfirmed single openers above
			// a double quote: they were apostrophes.
			dropTentative := func() {
				for len(stack) > 0 && stack[len(stack)-1].tentative {
					quotes[stack[len(stack)-1].quote].open = -1 // discarded
					stack = stack[:len(stack)-1]
				}
			}
			// the double quote open at the top, if any
			doubleOpen := func() int {
				for k := len(stack) - 1; k >= 0; k-- {
					if stack[k].class == qDouble {
						return k
					}
				}
				return -1
			}
			prevPunctEnd := func() bool {
				// the last non-space character before i ends a sentence
				j := i
				for j > paraStart {
					pr, ps := utf8.DecodeLastRuneInString(text[paraStart:j])
					if unicode.IsSpace(pr) {
						j -= ps
						continue
					}
					return pr == '.' || pr == '?' || pr == '!' || pr == '…'
				}
				return false
			}
			switch r {
			case '“', '„', '«':
				if r == '“' {
					if k := doubleOpen(); k >= 0 {
						if stack[k].r == '„' || !isOpenerContext(prev) {
							// German „…“, or a closing mark typed as an opener
							for len(stack) > k+1 {
								dropTentative()
								if len(stack) > k+1 {
									closeTop(-1)
								}
							}
							closeTop(i)
							break
						}
						// a new quote while one is open: paragraphs of one
						// quote run together on one line
						for len(stack) > k {
							dropTentative()
							if len(stack) > k {
								closeTopImplicit(&quotes, &marks, &stack, i)
							}
						}
					}
				}
				openQuote(false)
			case '”', '»':
				if k := doubleOpen(); k >= 0 {
					for len(stack) > k+1 {
						dropTentative()
						if len(stack) > k+1 {
							closeTopImplicit(&quotes, &marks, &stack, i)
						}
					}
					closeTop(i)
				} else if isOpenerContext(prev) && !isBlankAfter(next) && r == '”' {
					openQuote(false) // a reversed opener
				}
			case '"':
				k := doubleOpen()
				openCtx := isOpenerContext(prev) && !isBlankAfter(next)
				closeCtx := !isOpenerContext(prev) && (isBlankAfter(next) || unicode.IsPunct(next))
				switch {
				case k >= 0 && openCtx && prevPunctEnd():
					for len(stack) > k {
						dropTentative()
						if len(stack) > k {
							closeTopImplicit(&quotes, &marks, &stack, i)
						}
					}
					openQuote(false)
				case k >= 0 && (closeCtx || !openCtx):
					for len(stack) > k+1 {
						dropTentative()
						if len(stack) > k+1 {
							closeTopImplicit(&quotes, &marks, &stack, i)
						}
					}
					closeTop(i)
				case k < 0 && !closeCtx:
					openQuote(false)
				case k >= 0 && openCtx:
					// an opener inside an open straight quote without a
					// sentence end before it: a missing closing mark is
					// less likely than a nested straight quote
					openQuote(false)
				}
			case '‘', '‚', '‹':
				if isDigit(next) && isOpenerContext(prev) {
					break // ‘90s
				}
				openQuote(r != '‘' || isBlankAfter(next))
				if r == '‘' {
					stack[len(stack)-1].tentative = true
				}
			case '’', '›', '\'':
				wordBefore := annotate.IsWordRune(prev)
				wordAfter := annotate.IsWordRune(next)
				top := innermost()
				switch {
				case wordBefore && wordAfter:
					// an apostrophe inside a word: world's, don’t
				case top != nil && top.class == qSingle && !unicode.IsSpace(prev) && prev != 0 && !wordAfter:
					top.tentative = false
					closeTop(i)
				case r == '\'' && isOpenerContext(prev) && (unicode.IsLetter(next) || unicode.IsDigit(next) || next == '"' || next == '“'):
					if isDigit(next) {
						break // '90s
					}
					openQuote(true)
				}
			}
			prev = r
			i += size
		}
		// end of paragraph
		dropAllTentative := func() {
			for k := len(stack) - 1; k >= 0; k-- {
				if stack[k].tentative {
					quotes[stack[k].quote].open = -1
					stack = append(stack[:k], stack[k+1:]...)
				}
			}
		}
		dropAllTentative()
		carry = false
		if len(stack) > 0 {
			// the outermost open quote runs to the end of the paragraph
			nextStart := nextParaStart(text, paraEnd)
			cont := false
			if nextStart >= 0 {
				nr, _ := utf8.DecodeRuneInString(text[nextStart:])
				cont = isQuoteRune(nr) && (nr == rune(stack[0].r) || (stack[0].class == qDouble && (nr == '“' || nr == '"' || nr == '«' || nr == '„')))
			}
			for len(stack) > 0 {
				top := stack[len(stack)-1]
				q := &quotes[top.quote]
				q.close = -1
				q.out = paraEnd
				if len(stack) == 1 {
					q.unclosed = !cont
				} else {
					q.unclosed = true
				}
				marks = append(marks, markRole{pos: top.pos, size: top.size, open: true, quote: top.quote})
				stack = stack[:len(stack)-1]
			}
			carry = cont
		}
		if paraEnd >= len(text) {
			break
		}
		paraStart = paraEnd + 1
	}
	// drop discarded quotes, keeping mark indexes in step
	keep := make([]int, len(quotes))
	var out []quoteSpan
	for i, q := range quotes {
		if q.open < 0 {
			keep[i] = -1
			continue
		}
		keep[i] = len(out)
		out = append(out, q)
	}
	var ms []markRole
	for _, m := range marks {
		if keep[m.quote] >= 0 {
			m.quote = keep[m.quote]
			ms = append(ms, m)
		}
	}
	sortMarks(ms)
	return out, ms
}

// closeTopImplicit ends the innermost open quote just before position at
// (trailing space excluded) without a closing mark.
func closeTopImplicit(quotes *[]quoteSpan, marks *[]markRole, stack *[]openMark, at int) {
	st := *stack
	top := st[len(st)-1]
	q := &(*quotes)[top.quote]
	q.close = -1
	q.out = at
	*marks = append(*marks, markRole{pos: top.pos, size: top.size, open: true, quote: top.quote})
	*stack = st[:len(st)-1]
}

func sortMarks(ms []markRole) {
	// insertion sort: marks are nearly sorted
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].pos < ms[j-1].pos; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

func nextParaStart(text string, from int) int {
	for i := from; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsSpace(r) {
			return i
		}
		i += size
	}
	return -1
}

func isQuoteRune(r rune) bool {
	switch r {
	case '"', '\'', '“', '”', '‘', '’', '«', '»', '„', '‚', '‹', '›':
		return true
	}
	return false
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// Token kinds.
const (
	tkWord = iota
	tkPunct
	tkQuote
)

// tok is one token of the text.
type tok struct {
	s, e     int    // byte offsets
	low      string // lower-case form; for punctuation the character
	flags    uint64 // word classes (see lexicon.go)
	kind     uint8
	cap      bool  // starts with an upper-case letter
	nl       uint8 // newlines between the previous token and this one (capped)
	open     bool  // tkQuote: an opening mark
	quote    int   // tkQuote: index of its quote
	inQuote  int   // index+1 of the top-level quote whose inner text holds the token, 0 if none
	sentence int   // index of the outer sentence
	para     int
}

var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "sen": true, "rep": true, "gov": true, "gen": true, "maj": true,
	"lt": true, "col": true, "capt": true, "sgt": true, "adm": true, "cmdr": true, "prof": true, "rev": true, "st": true,
	"jr": true, "sr": true, "inc": true, "corp": true, "co": true, "ltd": true, "vs": true, "etc": true, "no": false,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true,
	"oct": true, "nov": true, "dec": true, "mt": true, "ft": true, "pres": true, "gens": true, "sens": true, "reps": true,
	"dept": true, "univ": true, "approx": true, "est": true, "fig": true, "al": true,
}

// sentenceStarters are capitalised words that, after an abbreviation
// with a period (U.S.), show that a new sentence began.
var sentenceStarters = map[string]bool{
	"the": true, "he": true, "she": true, "it": true, "they": true, "we": true, "i": true, "but": true, "and": true,
	"in": true, "a": true, "an": true, "this": true, "that": true, "there": true, "his": true, "her": true, "their": true,
	"its": true, "on": true, "at": true, "after": true, "when": true, "if": true, "as": true, "for": true, "meanwhile": true,
	"however": true, "yet": true, "so": true, "still": true, "some": true, "those": true, "these": true, "our": true,
}

func isJoinerRune(r rune) bool {
	return r == '\'' || r == '’' || r == '-' || r == '‐' || r == '.' || r == ',' || r == '&' || r == ':' || r == '/'
}

// tokenize splits text into tokens, using the quotation marks found by
// scanQuotes.
func tokenize(text string, marks []markRole, toks []tok) []tok {
	mi := 0
	nl := 0
	para := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			if r == '\n' {
				nl++
			}
			i += size
			continue
		}
		for mi < len(marks) && marks[mi].pos < i {
			mi++
		}
		t := tok{s: i, nl: uint8(min(nl, 255))}
		if nl > 0 && len(toks) > 0 {
			para++
		}
		t.para = para
		nl = 0
		switch {
		case mi < len(marks) && marks[mi].pos == i:
			t.kind = tkQuote
			t.e = i + size
			t.open = marks[mi].open
			t.quote = marks[mi].quote
			t.low = text[i:t.e]
			mi++
		case annotate.IsWordRune(r):
			j := i + size
			hasDot := false
			for j < len(text) {
				c, cs := utf8.DecodeRuneInString(text[j:])
				if annotate.IsWordRune(c) {
					j += cs
					continue
				}
				if isJoinerRune(c) && j+cs < len(text) {
					if mi < len(marks) && marks[mi].pos == j {
						break
					}
					n, _ := utf8.DecodeRuneInString(text[j+cs:])
					pr, _ := utf8.DecodeLastRuneInString(text[i:j])
					ok := annotate.IsWordRune(n)
					switch c {
					case ',', ':', '/':
						ok = ok && isDigit(pr) && isDigit(n)
					case '&':
						ok = ok && unicode.IsUpper(pr) && unicode.IsUpper(n)
					case '.':
						ok = ok && (isDigit(pr) && isDigit(n) || unicode.IsLetter(n) && unicode.IsUpper(n) && isAcronymPart(text[i:j]))
						if ok {
							hasDot = true
						}
					}
					if ok {
						j += cs
						continue
					}
				}
				break
			}
			// plural possessive: victims' (not a quotation mark)
			if j < len(text) && (text[j] == '\'' || strings.HasPrefix(text[j:], "’")) && !(mi < len(marks) && marks[mi].pos == j) {
				if text[j-1] == 's' || text[j-1] == 'S' {
					if text[j] == '\'' {
						j++
					} else {
						j += len("’")
					}
				}
			}
			word := text[i:j]
			// a period that belongs to the word: U.S., Mr., J.
			if j < len(text) && text[j] == '.' && !(j+1 < len(text) && text[j+1] == '.') {
				lw := strings.ToLower(word)
				if hasDot || abbreviations[lw] || (utf8.RuneCountInString(word) == 1 && unicode.IsUpper(r)) {
					j++
				}
			}
			t.e = j
			t.kind = tkWord
			t.cap = unicode.IsUpper(r)
			t.low = lowerWord(text[i:j])
		default:
			j := i + size
			if r == '.' {
				for j < len(text) && text[j] == '.' {
					j++
				}
			} else if r == '-' && j < len(text) && text[j] == '-' {
				for j < len(text) && text[j] == '-' {
					j++
				}
			}
			t.e = j
			t.kind = tkPunct
			t.low = text[i:j]
			if t.low == "..." {
				t.low = "…"
			}
			if t.low == "--" {
				t.low = "—"
			}
		}
		toks = append(toks, t)
		i = t.e
	}
	return toks
}

// isAcronymPart reports whether the word so far ends in a single letter
// segment (U, U.S, R-S), so that a period and a capital may follow.
func isAcronymPart(s string) bool {
	k := strings.LastIndexAny(s, ".-")
	return utf8.RuneCountInString(s[k+1:]) == 1
}

// lowerWord lower-cases a word and maps the curly apostrophe to a
// straight one, without allocating when nothing changes.
func lowerWord(w string) string {
	plain := true
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf || (c >= 'A' && c <= 'Z') {
			plain = false
			break
		}
	}
	if plain {
		return w
	}
	return strings.ReplaceAll(strings.ToLower(w), "’", "'")
}

// sentence is a range of tokens [a,b).
type sentence struct{ a, b int }

func isEndPunct(s string) bool {
	return s == "." || s == "?" || s == "!" || s == "…"
}

// markInQuote sets tok.inQuote for the tokens inside top-level quotes.
func markInQuote(toks []tok, quotes []quoteSpan) {
	ti := 0
	for qi, q := range quotes {
		if q.nested {
			continue
		}
		for ti < len(toks) && toks[ti].s < q.in {
			ti++
		}
		for j := ti; j < len(toks) && toks[j].e <= q.out; j++ {
			toks[j].inQuote = qi + 1
		}
	}
}

// splitSentences sets tok.sentence and returns the outer sentences:
// sentence ends inside a top-level quote do not split.
func splitSentences(toks []tok, quotes []quoteSpan) []sentence {
	var out []sentence
	start := 0
	for i := range toks {
		t := &toks[i]
		if i > start && t.nl > 0 {
			out = append(out, sentence{start, i})
			start = i
		}
		if i+1 >= len(toks) || toks[i+1].nl > 0 {
			continue
		}
		end := false
		switch {
		case t.kind == tkPunct && isEndPunct(t.low) && t.inQuote == 0:
			end = startsSentence(toks, i+1)
		case t.kind == tkWord && strings.HasSuffix(t.low, ".") && t.inQuote == 0 && strings.Count(t.low, ".") > 1:
			n := toks[i+1]
			end = n.kind == tkWord && n.cap && sentenceStarters[n.low]
		case t.kind == tkQuote && !t.open && !quotes[t.quote].nested && i > 0:
			p := toks[i-1]
			if p.kind == tkPunct && isEndPunct(p.low) || p.kind == tkWord && strings.HasSuffix(p.low, ".") && strings.Count(p.low, ".") == 1 && !abbreviations[strings.TrimSuffix(p.low, ".")] {
				end = startsSentence(toks, i+1)
			}
		case t.kind == tkPunct && (t.low == ")" || t.low == "]") && t.inQuote == 0 && i > 0 && toks[i-1].kind == tkPunct && isEndPunct(toks[i-1].low):
			end = startsSentence(toks, i+1)
		}
		if end {
			out = append(out, sentence{start, i + 1})
			start = i + 1
		}
	}
	if start < len(toks) {
		out = append(out, sentence{start, len(toks)})
	}
	for si, s := range out {
		for i := s.a; i < s.b; i++ {
			toks[i].sentence = si
		}
	}
	return out
}

func startsSentence(toks []tok, i int) bool {
	if i >= len(toks) {
		return true
	}
	n := toks[i]
	switch n.kind {
	case tkWord:
		r, _ := utf8.DecodeRuneInString(n.low)
		return n.cap || isDigit(r)
	case tkQuote:
		return n.open
	case tkPunct:
		return n.low == "(" || n.low == "[" || n.low == "•" || n.low == "—"
	}
	return false
}
