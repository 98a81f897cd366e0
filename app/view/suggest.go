package view

import (
	"sort"
	"unicode"

	"fyne.io/fyne/v2"

	"github.com/sayso/sayso/annotate"
)

// The suggestion overlay of the annotation view. Suggestions are spans
// the app proposes and the document does not hold yet; they are drawn
// lighter, with a dashed underline in the lanes the spans use, and one of
// them at a time has the focus: J and K move it, A or Enter accepts it, X or
// Delete rejects it, Shift+←/→ moves its end and Ctrl+Shift+←/→ its start
// by a word, and dragging one of its handles moves that end.

// handleReach is how far from a focused suggestion's end, in Fyne units,
// a press grabs that end.
const handleReach = 6

// SetSuggestions replaces the suggestion overlay. The focused suggestion
// keeps the focus (and its edited bounds) when it is still there; when it
// is gone after an accept or reject, the next suggestion gets it.
func (v *View) SetSuggestions(spans []annotate.Span, rels []annotate.Relation) {
	v.sugs = v.keepSorted(v.sugs[:0], spans, v.sugByID)
	v.sugRels = append(v.sugRels[:0], rels...)
	if v.geo.ready() {
		// suggestions take underline lanes: lines may grow or shrink,
		// the first line in view stays
		first := v.firstVisible()
		v.geo.indexSpans(v)
		v.scrollY = v.clampScroll(v.geo.lineTop[v.geo.lay.LineAt(first)])
	} else {
		v.geo.spansChanged = true
	}
	if _, ok := v.sugByID[v.hoveredSug]; !ok {
		v.hoveredSug = ""
	}
	if i, ok := v.sugByID[v.sugFocus]; ok && v.sugFocus != "" {
		if s := v.sugs[i]; v.focusEnd > len(v.text) || v.focusStart >= v.focusEnd {
			v.focusStart, v.focusEnd = s.Start, s.End
		}
	} else if v.sugFocus != "" {
		v.sugFocus = ""
		if v.advance {
			v.focusFrom(v.advanceFrom)
		}
	}
	v.advance = false
	v.Refresh()
}

// Suggestions returns the suggestions shown, in document order.
func (v *View) Suggestions() []annotate.Span {
	return v.sugs
}

// FocusSuggestion gives suggestion id the focus ("" for none) and
// scrolls it into view. The selected span and the text selection are
// cleared.
func (v *View) FocusSuggestion(id string) {
	v.focusSuggestion(id, false)
}

// FocusedSuggestion returns the focused suggestion with the bounds the
// user gave it (Text follows them), and whether one has the focus.
func (v *View) FocusedSuggestion() (annotate.Span, bool) {
	i, ok := v.sugByID[v.sugFocus]
	if !ok || v.sugFocus == "" {
		return annotate.Span{}, false
	}
	s := v.sugs[i]
	s.Start, s.End = v.focusStart, v.focusEnd
	s.Text = string(v.text[s.Start:s.End])
	return s, true
}

// AcceptFocusedSuggestion accepts the focused suggestion, as A does.
func (v *View) AcceptFocusedSuggestion() {
	v.acceptFocused("", "")
}

// RejectFocusedSuggestion rejects the focused suggestion, as X does.
func (v *View) RejectFocusedSuggestion() {
	v.rejectFocused()
}

// NextSuggestion focuses the next (dir 1) or previous (dir -1) suggestion,
// as J and K do.
func (v *View) NextSuggestion(dir int) {
	v.nextSuggestion(dir)
}

// FocusFrom focuses the first suggestion at or after s in document order,
// if any, as accepting or rejecting s does.
func (v *View) FocusFrom(s annotate.Span) {
	if v.focusFrom(s) {
		v.Refresh()
	}
}

func (v *View) focusFrom(s annotate.Span) bool {
	for _, x := range v.sugs {
		if !annotate.SpanLess(x, s) {
			v.setFocus(x)
			return true
		}
	}
	return false
}

func (v *View) focusSuggestion(id string, user bool) {
	i, ok := v.sugByID[id]
	if !ok || id == "" {
		v.dropFocus(user)
		v.Refresh()
		return
	}
	changed := id != v.sugFocus
	v.setFocus(v.sugs[i])
	v.Refresh()
	v.notifyScroll()
	if user && changed && v.OnFocusSuggestion != nil {
		v.OnFocusSuggestion(id)
	}
}

// setFocus focuses s with its own bounds: the span selection and text
// selection are dropped, the caret goes to its start and it is scrolled
// into view.
func (v *View) setFocus(s annotate.Span) {
	v.sugFocus, v.focusStart, v.focusEnd = s.ID, s.Start, s.End
	v.selected = ""
	v.link = linkState{}
	v.selStart, v.selEnd, v.anchor, v.caret, v.goalX = s.Start, s.Start, s.Start, s.Start, -1
	v.scrollRangeIntoView(s.Start, s.End)
}

// dropFocus unfocuses the focused suggestion; user says whether the app
// is told.
func (v *View) dropFocus(user bool) {
	if v.sugFocus == "" {
		return
	}
	v.sugFocus = ""
	if user && v.OnFocusSuggestion != nil {
		v.OnFocusSuggestion("")
	}
}

// nextSuggestion focuses the suggestion after (dir 1) or before (dir -1)
// the focused one, or the caret (the selected span) when none has the
// focus; it goes round at the ends.
func (v *View) nextSuggestion(dir int) {
	n := len(v.sugs)
	if n == 0 {
		return
	}
	i, ok := v.sugByID[v.sugFocus]
	pos := v.caret
	if s, sel := v.span(v.selected); sel {
		pos = s.Start
		if dir > 0 {
			pos = s.Start + 1 // past the selected span's start
		}
	}
	switch {
	case ok && v.sugFocus != "":
		i += dir
	case dir > 0:
		i = n
		for k, s := range v.sugs {
			if s.Start >= pos {
				i = k
				break
			}
		}
	default:
		i = -1
		for k, s := range v.sugs {
			if s.Start < pos {
				i = k
			}
		}
	}
	switch {
	case i < 0:
		i = n - 1
	case i >= n:
		i = 0
	}
	v.focusSuggestion(v.sugs[i].ID, true)
}

// acceptFocused accepts the focused suggestion with its edited bounds;
// a label (from Q, I, S, T) replaces its label and kind.
func (v *View) acceptFocused(label annotate.Label, kind string) {
	s, ok := v.FocusedSuggestion()
	if !ok || v.OnAcceptSuggestion == nil {
		return
	}
	orig := v.sugs[v.sugByID[v.sugFocus]]
	if label != "" && (label != s.Label || (label == annotate.Quote && kind != s.QuoteKind())) {
		s = s.Clone()
		s.Label = label
		if s.Attrs == nil {
			s.Attrs = map[string]any{}
		}
		if label == annotate.Quote {
			s.Attrs[annotate.AttrKind] = kind
		} else {
			delete(s.Attrs, annotate.AttrKind)
		}
	}
	v.advance, v.advanceFrom = true, orig
	v.OnAcceptSuggestion(orig.ID, s)
	v.advance = false
}

// rejectFocused rejects the focused suggestion.
func (v *View) rejectFocused() {
	i, ok := v.sugByID[v.sugFocus]
	if !ok || v.sugFocus == "" || v.OnRejectSuggestion == nil {
		return
	}
	v.advance, v.advanceFrom = true, v.sugs[i]
	v.OnRejectSuggestion(v.sugFocus)
	v.advance = false
}

// editBounds moves an end of the focused suggestion by a word: the end
// (Shift+←/→) or, with start set, the start (Ctrl+Shift+←/→). A
// suggestion never becomes empty.
func (v *View) editBounds(start bool, dir int) {
	t := v.text
	s, e := v.focusStart, v.focusEnd
	switch {
	case !start && dir > 0:
		e = annotate.NextWord(t, e)
	case !start:
		e = annotate.PrevWord(t, e)
		for e > s && unicode.IsSpace(t[e-1]) {
			e--
		}
	case dir < 0:
		s = annotate.PrevWord(t, s)
	default:
		_, we := annotate.WordAt(t, s)
		if we <= s {
			we = s + 1
		}
		for we < len(t) && unicode.IsSpace(t[we]) {
			we++
		}
		s = we
	}
	if s >= e || s < 0 || e > len(t) {
		return
	}
	v.setFocusBounds(s, e, true)
}

// setFocusBounds sets the focused suggestion's bounds; notify tells the
// app (a drag tells it once, at its end).
func (v *View) setFocusBounds(s, e int, notify bool) {
	if s == v.focusStart && e == v.focusEnd {
		return
	}
	v.focusStart, v.focusEnd = s, e
	v.selStart, v.selEnd, v.anchor, v.caret = s, s, s, s
	v.scrollRangeIntoView(s, e)
	v.Refresh()
	if notify && v.OnFocusSuggestion != nil {
		v.OnFocusSuggestion(v.sugFocus)
	}
}

// sugsAt returns the suggestions under pos, shortest first; the focused
// one counts with its edited bounds.
func (v *View) sugsAt(pos fyne.Position) []int {
	if !v.geo.ready() || len(v.sugs) == 0 {
		return nil
	}
	g := &v.geo
	l := v.lineAtY(pos.Y)
	if lane, ok := v.laneAt(l, pos); ok {
		// on the underlines: the suggestion of that lane, if any
		if i := v.underlineAt(l, lane, pos.X, v.sugs, g.sugOff, g.sugIdx, g.sugLane); i >= 0 {
			return []int{i}
		}
		if v.underlineAt(l, lane, pos.X, v.spans, g.spanOff, g.spanIdx, g.spanLane) >= 0 {
			return nil // a span's underline
		}
	}
	cp := g.lay.RuneAt(l, (pos.X-g.pad)/v.lineScale(l))
	if cp < 0 {
		return nil
	}
	var out []int
	for i, s := range v.sugs {
		if s.ID == v.sugFocus {
			s.Start, s.End = v.focusStart, v.focusEnd
		}
		if s.Start <= cp && cp < s.End {
			out = append(out, i)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := v.sugs[out[i]], v.sugs[out[j]]
		return a.End-a.Start < b.End-b.Start
	})
	return out
}

// handleAt tells whether pos grabs an end of the focused suggestion: 1
// its start, 2 its end, 0 neither.
func (v *View) handleAt(pos fyne.Position) int {
	if v.sugFocus == "" || !v.geo.ready() {
		return 0
	}
	g := &v.geo
	near := func(l, cp int) bool {
		y := v.lineY(l)
		return pos.Y >= y-handleReach && pos.Y <= y+g.textH+handleReach &&
			pos.X >= v.xAt(l, cp)-handleReach && pos.X <= v.xAt(l, cp)+handleReach
	}
	if l := g.lay.LineAt(max(v.focusStart, v.focusEnd-1)); near(l, v.focusEnd) {
		return 2
	}
	if near(g.lay.LineAt(v.focusStart), v.focusStart) {
		return 1
	}
	return 0
}

// dragHandle moves the grabbed end of the focused suggestion to pos,
// snapped to whole words unless exact.
func (v *View) dragHandle(pos fyne.Position, exact bool) {
	cp := v.offsetAt(pos)
	s, e := v.focusStart, v.focusEnd
	if v.press.handle == 1 {
		s = min(cp, e-1)
	} else {
		e = max(cp, s+1)
	}
	if !exact {
		ws, we := annotate.SnapToWords(v.text, s, e)
		if ws < we {
			s, e = ws, we
		}
	}
	if s < e {
		v.setFocusBounds(s, e, false)
	}
}
