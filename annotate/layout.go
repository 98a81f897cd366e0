package annotate

import (
	"sort"
	"unicode"
)

// Line is one visual line of wrapped text. Start and End are code point
// offsets; End is exclusive and never includes the paragraph's '\n'. A
// line broken by wrapping keeps its trailing spaces, so the next line
// starts where this one ends; an empty paragraph is an empty line.
type Line struct {
	Start, End int
}

// TextLayout is text wrapped to a width: its lines and, for every line,
// the x position of each boundary between code points, measured from the
// line's left edge. It is pure arithmetic over an advance function, so
// the view can wrap a long article once and hit-test it cheaply.
type TextLayout struct {
	Lines []Line
	Width float32
	// x holds, for each line l, End-Start+1 positions starting at xo[l]:
	// x[xo[l]+i] is the left edge of code point Start+i (i = End-Start is
	// the line's right edge).
	x  []float32
	xo []int32
}

// Layout wraps text to width. Paragraphs are separated by '\n'; lines
// break after white space (and after a hyphen or dash inside a word),
// and a word wider than the whole line is broken between characters.
// advance gives a code point's width. Code points that attach to the one
// before them (combining marks, variation selectors, skin tones, a symbol
// after a zero-width joiner) are given no width of their own and are never
// separated from it. A width <= 0 means no wrapping.
func Layout(text []rune, width float32, advance func(rune) float32) *TextLayout {
	adv := make([]float32, len(text))
	for i, r := range text {
		if i > 0 && clusterContinues(text, i) {
			continue
		}
		adv[i] = advance(r)
	}
	t := &TextLayout{Width: width, Lines: make([]Line, 0, len(text)/64+1)}
	start := 0
	for i := 0; i <= len(text); i++ {
		if i == len(text) || text[i] == '\n' {
			t.wrap(text, adv, start, i)
			start = i + 1
		}
	}
	t.x = make([]float32, 0, len(text)+len(t.Lines))
	t.xo = make([]int32, len(t.Lines))
	for l, ln := range t.Lines {
		t.xo[l] = int32(len(t.x))
		x := float32(0)
		t.x = append(t.x, 0)
		for i := ln.Start; i < ln.End; i++ {
			x += adv[i]
			t.x = append(t.x, x)
		}
	}
	return t
}

// clusterContinues reports whether text[i] joins the code point before it
// into one visible character.
func clusterContinues(text []rune, i int) bool {
	if text[i-1] == 0x200D {
		return true
	}
	return text[i] >= 0x300 && isGlue(text[i]) // nothing below U+0300 attaches
}

// breaksAfter reports characters after which a line may break inside a
// word.
func breaksAfter(r rune) bool {
	return r == '-' || r == '‐' || r == '–' || r == '—' || r == '/'
}

// wrap appends the lines of paragraph [ps, pe) to t.Lines.
func (t *TextLayout) wrap(text []rune, adv []float32, ps, pe int) {
	if t.Width <= 0 {
		t.Lines = append(t.Lines, Line{ps, pe})
		return
	}
	lineStart := ps
	x := float32(0) // width of [lineStart, i)
	brk, xBrk := -1, float32(0)
	for i := ps; i < pe; i++ {
		r := text[i]
		if i > lineStart && !unicode.IsSpace(r) && !clusterContinues(text, i) {
			if p := text[i-1]; unicode.IsSpace(p) || (breaksAfter(p) && i-2 >= lineStart && !unicode.IsSpace(text[i-2])) {
				brk, xBrk = i, x
			}
		}
		for !unicode.IsSpace(r) && x+adv[i] > t.Width && i > lineStart && adv[i] > 0 {
			if brk > lineStart {
				t.Lines = append(t.Lines, Line{lineStart, brk})
				lineStart, x, brk = brk, x-xBrk, -1
				continue // the word may still be too long
			}
			// a word longer than the line: break inside it
			t.Lines = append(t.Lines, Line{lineStart, i})
			lineStart, x, brk = i, 0, -1
		}
		x += adv[i]
	}
	t.Lines = append(t.Lines, Line{lineStart, pe})
}

// LineAt returns the index of the line showing the caret at boundary cp:
// a boundary where wrapping broke the text belongs to the later line, the
// end of a paragraph to its last line.
func (t *TextLayout) LineAt(cp int) int {
	l := sort.Search(len(t.Lines), func(i int) bool { return t.Lines[i].Start > cp }) - 1
	return max(0, l)
}

// X returns the x position of boundary cp within line l; cp is clamped to
// the line.
func (t *TextLayout) X(l, cp int) float32 {
	if l < 0 || l >= len(t.Lines) {
		return 0
	}
	ln := t.Lines[l]
	cp = max(ln.Start, min(cp, ln.End))
	return t.x[int(t.xo[l])+cp-ln.Start]
}

// LineWidth returns the width of line l, trailing spaces included.
func (t *TextLayout) LineWidth(l int) float32 {
	return t.X(l, t.Lines[l].End)
}

// OffsetAt returns the boundary of line l nearest to x: where a click at x
// puts the caret. A boundary inside a cluster (between a letter and its
// accent) is never returned; text is the laid-out text.
func (t *TextLayout) OffsetAt(text []rune, l int, x float32) int {
	if l < 0 || l >= len(t.Lines) {
		return 0
	}
	ln := t.Lines[l]
	xs := t.x[t.xo[l] : int(t.xo[l])+ln.End-ln.Start+1]
	i := sort.Search(len(xs), func(i int) bool { return xs[i] >= x })
	switch {
	case i == len(xs):
		i = len(xs) - 1
	case i > 0 && x-xs[i-1] < xs[i]-x:
		i--
	}
	cp := ln.Start + i
	// code points joined to the one before have no width: step over them
	for cp > 0 && cp < ln.End && clusterContinues(text, cp) {
		cp++
	}
	return cp
}

// RuneAt returns the code point drawn under x on line l, or -1 when x is
// before the line or after its last character.
func (t *TextLayout) RuneAt(l int, x float32) int {
	if l < 0 || l >= len(t.Lines) || x < 0 {
		return -1
	}
	ln := t.Lines[l]
	xs := t.x[t.xo[l] : int(t.xo[l])+ln.End-ln.Start+1]
	i := sort.Search(len(xs), func(i int) bool { return xs[i] > x }) - 1
	if i < 0 || i >= ln.End-ln.Start {
		return -1
	}
	return ln.Start + i
}

// NextCluster returns the boundary after the character at i: i+1, or
// further when the code points after it attach to it (an accent, an emoji
// sequence). The caret moves by these steps.
func NextCluster(text []rune, i int) int {
	if i >= len(text) {
		return len(text)
	}
	i = max(i, 0) + 1
	for i < len(text) && clusterContinues(text, i) {
		i++
	}
	return i
}

// PrevCluster returns the boundary before the character that ends at i.
func PrevCluster(text []rune, i int) int {
	i = min(i, len(text)) - 1
	for i > 0 && clusterContinues(text, i) {
		i--
	}
	return max(i, 0)
}
