package view

import (
	"image/color"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/sayso/sayso/annotate"
)

// View shows an article's text with its spans and lets the user
// select text, label it and select, link and delete spans. It wraps the
// text to its width and scrolls itself, keeping canvas objects only for
// the lines in view; offsets in and out are code points.
//
// Callbacks fire for user actions only, never for calls made by the app
// (SetDocument, SetAnnotations, SelectSpan ...). They run on the Fyne main
// goroutine.
type View struct {
	widget.BaseWidget

	// OnLabel is called when the user presses Q (QUOTE, kind direct), I
	// (QUOTE, kind indirect), S (SPEAKER) or T (THREAT) with a non-empty
	// text selection [start, end).
	OnLabel func(label annotate.Label, kind string, start, end int)
	// OnSelectSpan is called when the user selects another span; "" means
	// none.
	OnSelectSpan func(id string)
	// OnDelete is called for Delete or Backspace on a selected span.
	OnDelete func(id string)
	// OnLink is called in link mode when the user picks the SPEAKER span
	// to for the QUOTE or THREAT span from.
	OnLink func(from, to string)
	// OnScrolled reports the first visible code point after the user
	// scrolled, so the app can restore the position later.
	OnScrolled func(firstVisible int)
	// OnOtherKey receives the keys the view does not use (F1, F-keys),
	// which a focused widget would otherwise keep from the window.
	OnOtherKey func(name fyne.KeyName)

	// OnFocusSuggestion is called when the user focuses another
	// suggestion (J, K, a click; "" when none is focused any more) or
	// changes the focused one's bounds.
	OnFocusSuggestion func(id string)
	// OnAcceptSuggestion is called when the user accepts the focused
	// suggestion id (A, Enter, the panel's button, or a label key, which
	// accepts it with that label): s is the suggestion as accepted, with
	// the bounds the user gave it and its label and kind.
	OnAcceptSuggestion func(id string, s annotate.Span)
	// OnRejectSuggestion is called when the user rejects the focused
	// suggestion id (X, Delete).
	OnRejectSuggestion func(id string)
	// OnAcceptAllLike is called for Shift+A: accept every suggestion with
	// the focused one's label (and QUOTE kind).
	OnAcceptAllLike func(label annotate.Label, kind string)

	text  []rune
	spans []annotate.Span // in annotate.SpanLess order
	rels  []annotate.Relation
	byID  map[string]int

	// The suggestion overlay: spans not in the document, drawn apart
	// (dashed, lighter) and triaged with J, K, A, X. The focused one may
	// have bounds edited by the user, [focusStart, focusEnd).
	sugs                 []annotate.Span // in annotate.SpanLess order
	sugRels              []annotate.Relation
	sugByID              map[string]int
	sugFocus             string // focused suggestion id
	focusStart, focusEnd int
	hoveredSug           string
	// advance is set while the app handles an accept or reject: when
	// SetSuggestions then drops the focused suggestion, the next one
	// (in document order from advanceFrom) gets the focus.
	advance     bool
	advanceFrom annotate.Span

	geo     geometry
	scrollY float32

	// The text selection is [selStart, selEnd); anchor is the end that
	// stays put when it is extended and caret the end that moves.
	selStart, selEnd int
	anchor, caret    int
	goalX            float32 // x kept by Up/Down, -1 when unset

	selected string // selected span id
	hovered  string // span under the pointer
	link     linkState

	focused     bool
	mouseOnBar  bool
	onHandle    bool // the pointer is on an end of the focused suggestion
	altWatch    int  // bumped to end watchAltMenu
	mods        modifiers
	press       pressState
	keyDownDone fyne.KeyName // key handled in KeyDown; its TypedKey is skipped
	lastClick   clickState
	reported    int // first visible code point last given to OnScrolled
}

// linkState is link mode: the QUOTE or THREAT waiting for its speaker and
// the candidate SPEAKER that Tab cycles through.
type linkState struct {
	active    bool
	from      string
	candidate string
}

// New returns an empty view.
func New() *View {
	v := &View{byID: map[string]int{}, sugByID: map[string]int{}, goalX: -1}
	v.geo.invalidate()
	v.ExtendBaseWidget(v)
	return v
}

// CreateRenderer is part of fyne.Widget.
func (v *View) CreateRenderer() fyne.WidgetRenderer {
	return newViewRenderer(v)
}

// MinSize is small on purpose: the text wraps and scrolls, so it must not
// hold the window open.
func (v *View) MinSize() fyne.Size {
	return fyne.NewSize(120, 80)
}

// SetDocument shows a new text with its spans: the text is laid out
// again, the selection cleared and the view scrolled to the top.
func (v *View) SetDocument(d *annotate.Document) {
	if d == nil {
		d = &annotate.Document{}
	}
	v.text = []rune(d.Text)
	v.selStart, v.selEnd, v.anchor, v.caret, v.goalX = 0, 0, 0, 0, -1
	v.selected, v.hovered = "", ""
	v.sugs, v.sugRels, v.sugFocus, v.hoveredSug, v.advance = v.sugs[:0], v.sugRels[:0], "", "", false
	clear(v.sugByID)
	v.link = linkState{}
	v.lastClick = clickState{}
	v.press = pressState{}
	v.scrollY, v.reported = 0, 0
	v.geo.invalidate()
	v.setSpans(d.Spans, d.Relations)
	v.Refresh()
}

// SetAnnotations replaces the spans and relations of the same text, after
// an edit or an undo. The scroll position is kept, and the selected span
// if it still exists.
func (v *View) SetAnnotations(spans []annotate.Span, rels []annotate.Relation) {
	first := v.firstVisible()
	v.setSpans(spans, rels)
	if _, ok := v.byID[v.selected]; !ok {
		v.selected = ""
	}
	if _, ok := v.byID[v.hovered]; !ok {
		v.hovered = ""
	}
	if v.link.active {
		if s, ok := v.span(v.link.from); !ok || annotate.LinkLabel(s.Label) == "" {
			v.link = linkState{}
		}
	}
	if v.geo.ready() {
		v.geo.indexSpans(v)
		v.scrollY = v.clampScroll(v.geo.lineTop[v.geo.lay.LineAt(first)])
	}
	v.Refresh()
}

func (v *View) setSpans(spans []annotate.Span, rels []annotate.Relation) {
	v.spans = v.keepSorted(v.spans[:0], spans, v.byID)
	v.rels = append(v.rels[:0], rels...)
	v.geo.spansChanged = true
}

// keepSorted appends to dst the spans that fit the text, in document
// order, and indexes them by id in byID (cleared first).
func (v *View) keepSorted(dst, spans []annotate.Span, byID map[string]int) []annotate.Span {
	n := len(v.text)
	for _, s := range spans {
		if s.Start >= 0 && s.End <= n && s.Start < s.End {
			dst = append(dst, s)
		}
	}
	sort.SliceStable(dst, func(i, j int) bool { return annotate.SpanLess(dst[i], dst[j]) })
	clear(byID)
	for i, s := range dst {
		byID[s.ID] = i
	}
	return dst
}

// span returns the span with id.
func (v *View) span(id string) (annotate.Span, bool) {
	if i, ok := v.byID[id]; ok && id != "" {
		return v.spans[i], true
	}
	return annotate.Span{}, false
}

// SelectSpan selects span id ("" for none), clears the text selection and
// scrolls the span into view.
func (v *View) SelectSpan(id string) {
	v.selectSpan(id, false)
}

// selectSpan selects span id and scrolls it into view; user says whether
// OnSelectSpan fires.
func (v *View) selectSpan(id string, user bool) {
	s, ok := v.span(id)
	if !ok {
		id = ""
	}
	changed := id != v.selected
	v.selected = id
	if ok {
		v.dropFocus(user)
	}
	if ok {
		v.selStart, v.selEnd, v.anchor, v.caret = s.Start, s.Start, s.Start, s.Start
		v.goalX = -1
		v.scrollRangeIntoView(s.Start, s.End)
	}
	v.Refresh()
	if user && changed && v.OnSelectSpan != nil {
		v.OnSelectSpan(id)
	}
}

// SelectedSpan returns the selected span's id, "" when none.
func (v *View) SelectedSpan() string {
	return v.selected
}

// Selection returns the text selection in code points; start == end when
// nothing is selected (the caret's position).
func (v *View) Selection() (start, end int) {
	return v.selStart, v.selEnd
}

// SetSelection selects the text [start, end), clamped to the text, and
// scrolls it into view. The selected span is kept; a focused suggestion
// loses the focus.
func (v *View) SetSelection(start, end int) {
	if start > end {
		start, end = end, start
	}
	v.sugFocus = ""
	start, end = max(0, min(start, len(v.text))), max(0, min(end, len(v.text)))
	v.selStart, v.selEnd, v.anchor, v.caret, v.goalX = start, end, start, end, -1
	v.scrollRangeIntoView(start, end)
	v.Refresh()
}

// ScrollToOffset scrolls so that the line holding code point cp is the
// first one in view.
func (v *View) ScrollToOffset(cp int) {
	if !v.geo.ready() {
		v.geo.pendingScroll = cp
		return
	}
	v.scrollY = v.clampScroll(v.geo.lineTop[v.geo.lay.LineAt(cp)])
	v.reported = v.firstVisible()
	v.Refresh()
}

// StartLinkMode enters link mode when a QUOTE or THREAT is selected: the
// next SPEAKER the user clicks (or picks with Tab and Enter) is linked to
// it. It does the same as pressing L.
func (v *View) StartLinkMode() {
	s, ok := v.span(v.selected)
	if !ok || annotate.LinkLabel(s.Label) == "" {
		return
	}
	v.link = linkState{active: true, from: s.ID}
	v.Refresh()
}

// LinkMode reports whether the view waits for the user to pick a speaker.
func (v *View) LinkMode() bool {
	return v.link.active
}

// Span colours. Backgrounds are the label colour made translucent so
// overlapping spans mix and the text stays readable on light and dark
// themes.
var (
	colorDirect   = color.NRGBA{R: 0x2f, G: 0x6f, B: 0xe0, A: 0xff}
	colorIndirect = color.NRGBA{R: 0x10, G: 0xa5, B: 0xaa, A: 0xff}
	colorSpeaker  = color.NRGBA{R: 0xf0, G: 0x8a, B: 0x1c, A: 0xff}
	colorThreat   = color.NRGBA{R: 0xdc, G: 0x32, B: 0x3c, A: 0xff}
	colorOther    = color.NRGBA{R: 0x88, G: 0x88, B: 0x88, A: 0xff}
)

// SpanColor returns the colour of a label, for a QUOTE of the given kind:
// direct quotes blue, indirect teal, speakers orange, threats red.
func SpanColor(label annotate.Label, kind string) color.NRGBA {
	switch label {
	case annotate.Quote:
		if kind == annotate.KindIndirect {
			return colorIndirect
		}
		return colorDirect
	case annotate.Speaker:
		return colorSpeaker
	case annotate.Threat:
		return colorThreat
	}
	return colorOther
}

// ColorOf is the colour of span s: SpanColor of its label and kind.
func ColorOf(s annotate.Span) color.NRGBA {
	kind := ""
	if s.Label == annotate.Quote {
		kind = s.QuoteKind()
	}
	return SpanColor(s.Label, kind)
}

// spanColor is the colour of span s.
func spanColor(s annotate.Span) color.NRGBA { return ColorOf(s) }

// WithAlpha returns c with alpha a.
func WithAlpha(c color.NRGBA, a uint8) color.NRGBA { return withAlpha(c, a) }

// withAlpha returns c with alpha a.
func withAlpha(c color.NRGBA, a uint8) color.NRGBA {
	c.A = a
	return c
}

// Spans returns the spans shown, in document order.
func (v *View) Spans() []annotate.Span {
	return v.spans
}

// Text returns the text shown.
func (v *View) Text() []rune {
	return v.text
}

// FocusedSuggestionID returns the focused suggestion's id, "" when none
// has the focus.
func (v *View) FocusedSuggestionID() string {
	return v.sugFocus
}

// FirstVisible returns the first code point of the first line in view.
func (v *View) FirstVisible() int {
	return v.firstVisible()
}

// TextSize returns the size the text is laid out at, 0 before the first
// layout.
func (v *View) TextSize() float32 {
	return v.geo.textSize
}

// InView reports whether the line holding code point cp is in view.
func (v *View) InView(cp int) bool {
	if !v.geo.ready() {
		return false
	}
	first, last := v.visibleLines()
	l := v.geo.lay.LineAt(cp)
	return l >= first && l < last
}

// PointAt returns the widget position in the middle of the character at
// code point cp, on its text, and false before the first layout.
func (v *View) PointAt(cp int) (fyne.Position, bool) {
	if !v.geo.ready() || cp < 0 || cp >= len(v.text) {
		return fyne.Position{}, false
	}
	l := v.geo.lay.LineAt(cp)
	return fyne.NewPos((v.xAt(l, cp)+v.xAt(l, cp+1))/2, v.lineY(l)+v.geo.textH/2), true
}

// CaretPoint returns the widget position of the caret boundary before
// code point cp, halfway down its line's text, and false before the
// first layout.
func (v *View) CaretPoint(cp int) (fyne.Position, bool) {
	if !v.geo.ready() || cp < 0 || cp > len(v.text) {
		return fyne.Position{}, false
	}
	l := v.geo.lay.LineAt(cp)
	return fyne.NewPos(v.xAt(l, cp)+0.2, v.lineY(l)+v.geo.textH/2), true
}
