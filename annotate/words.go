package annotate

import "unicode"

// Word boundaries for selection. Offsets are code points into a []rune of
// the document text. A word is a run of letters, digits and combining
// marks, joined across a single inner apostrophe or hyphen (don't,
// Kremlin's, well-known); any other non-space character is a word of its
// own (punctuation, an emoji with its modifiers).

// IsWordRune reports whether r belongs inside a word.
func IsWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}

func isJoiner(r rune) bool {
	return r == '\'' || r == '’' || r == '-' || r == '‐'
}

// isGlue reports characters that attach to the symbol before them
// (variation selectors, zero-width joiner, skin-tone modifiers).
func isGlue(r rune) bool {
	return r == 0x200D || (r >= 0xFE00 && r <= 0xFE0F) || (r >= 0x1F3FB && r <= 0x1F3FF) || unicode.Is(unicode.Mn, r)
}

// inWord reports whether position i (a rune) is part of a word,
// counting joiners that stand between two word runes.
func inWord(t []rune, i int) bool {
	if i < 0 || i >= len(t) {
		return false
	}
	if IsWordRune(t[i]) {
		return true
	}
	return isJoiner(t[i]) && i > 0 && i+1 < len(t) && IsWordRune(t[i-1]) && IsWordRune(t[i+1])
}

// WordAt returns the bounds of the word or symbol at position i, or an
// empty range at i when i is on white space.
func WordAt(t []rune, i int) (int, int) {
	if i < 0 || i >= len(t) || unicode.IsSpace(t[i]) {
		return i, i
	}
	if !inWord(t, i) {
		s, e := i, i+1
		for s > 0 && isGlue(t[s]) && !unicode.IsSpace(t[s-1]) {
			s--
		}
		for e < len(t) && isGlue(t[e]) {
			e++
		}
		// a ZWJ sequence (family emoji) continues after the joiner
		for e < len(t) && t[e-1] == 0x200D {
			e++
			for e < len(t) && isGlue(t[e]) {
				e++
			}
		}
		return s, e
	}
	s, e := i, i
	for s > 0 && inWord(t, s-1) {
		s--
	}
	for e < len(t) && inWord(t, e) {
		e++
	}
	return s, e
}

// SnapToWords widens [start,end) to whole words and trims white space at
// both ends. An empty or all-space selection stays empty.
func SnapToWords(t []rune, start, end int) (int, int) {
	if start > end {
		start, end = end, start
	}
	start, end = max(0, start), min(len(t), end)
	for start < end && unicode.IsSpace(t[start]) {
		start++
	}
	for end > start && unicode.IsSpace(t[end-1]) {
		end--
	}
	if start >= end {
		return start, start
	}
	ws, _ := WordAt(t, start)
	_, we := WordAt(t, end-1)
	return min(ws, start), max(we, end)
}

// NextWord returns the end of the word at or after i: the position a
// Ctrl+Right (or shift-extend) cursor moves to.
func NextWord(t []rune, i int) int {
	for i < len(t) && unicode.IsSpace(t[i]) {
		i++
	}
	if i >= len(t) {
		return len(t)
	}
	_, e := WordAt(t, i)
	return e
}

// PrevWord returns the start of the word before i.
func PrevWord(t []rune, i int) int {
	i = min(i, len(t))
	for i > 0 && unicode.IsSpace(t[i-1]) {
		i--
	}
	if i <= 0 {
		return 0
	}
	s, _ := WordAt(t, i-1)
	return s
}
