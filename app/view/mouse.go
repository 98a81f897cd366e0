package view

import (
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/sayso/sayso/annotate"
)

var (
	_ fyne.Tappable       = (*View)(nil)
	_ fyne.DoubleTappable = (*View)(nil)
	_ fyne.Draggable      = (*View)(nil)
	_ fyne.Scrollable     = (*View)(nil)
	_ fyne.Tabbable       = (*View)(nil)
	_ desktop.Mouseable   = (*View)(nil)
	_ desktop.Hoverable   = (*View)(nil)
	_ desktop.Keyable     = (*View)(nil)
	_ desktop.Cursorable  = (*View)(nil)
)

// modifiers are the modifier keys held, tracked with KeyDown/KeyUp.
type modifiers struct{ shift, ctrl, alt bool }

// pressState follows one press of the primary button.
type pressState struct {
	active    bool // MouseDown seen, MouseUp not yet
	handled   bool // MouseDown did the click; skip the Tapped that follows
	dragging  bool
	anchor    int  // where the drag selection started
	exact     bool // Alt held: select characters, not whole words
	altUsed   bool // the drag selected characters with Alt
	scrollBar bool // dragging the scroll bar
	grab      float32
	handle    int // dragging an end of the focused suggestion: 1 start, 2 end
}

// clickState remembers the spans under the last click, so clicking the
// same place again selects the next of them.
type clickState struct {
	key string
}

// labelKeys maps the keys that label the selection.
var labelKeys = map[rune]struct {
	label annotate.Label
	kind  string
}{
	'q': {annotate.Quote, annotate.KindDirect},
	'i': {annotate.Quote, annotate.KindIndirect},
	's': {annotate.Speaker, ""},
	't': {annotate.Threat, ""},
}

// focus asks the canvas for keyboard focus.
func (v *View) focus() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(v); c != nil && c.Focused() != v {
		c.Focus(v)
	}
}

// MouseDown selects on press, as editors do, without waiting for the
// double-click delay: part of desktop.Mouseable.
func (v *View) MouseDown(ev *desktop.MouseEvent) {
	if ev.Button != desktop.MouseButtonPrimary {
		return
	}
	mods := v.mods
	mods.shift = mods.shift || ev.Modifier&fyne.KeyModifierShift != 0
	mods.alt = mods.alt || ev.Modifier&fyne.KeyModifierAlt != 0
	v.press = pressState{active: true, handled: true, anchor: v.offsetAt(ev.Position), exact: mods.alt}
	v.altWatch++
	if v.onScrollBar(ev.Position) {
		v.focus()
		v.grabScrollBar(ev.Position.Y)
		return
	}
	if h := v.handleAt(ev.Position); h != 0 && !mods.shift {
		v.focus()
		v.press.handle = h
		return
	}
	if mods.shift && v.selected == "" {
		v.press.anchor = v.anchor
	}
	v.click(ev.Position, mods)
}

// MouseUp is part of desktop.Mouseable.
func (v *View) MouseUp(*desktop.MouseEvent) {
	bar := v.press.scrollBar
	v.press.active, v.press.scrollBar = false, false
	if bar {
		v.Refresh()
	}
}

// Tapped handles a click that came without MouseDown (touch screens,
// tests): part of fyne.Tappable.
func (v *View) Tapped(ev *fyne.PointEvent) {
	if v.press.handled {
		v.press.handled = false
		return
	}
	v.click(ev.Position, v.mods)
}

// DoubleTapped selects the word under the pointer: part of
// fyne.DoubleTappable.
func (v *View) DoubleTapped(ev *fyne.PointEvent) {
	v.press.handled = false
	v.focus()
	if !v.geo.ready() {
		return
	}
	s, e := annotate.WordAt(v.text, v.runeAt(ev.Position))
	if s == e { // on a space: the word the nearest caret position touches
		c := v.offsetAt(ev.Position)
		if s, e = annotate.WordAt(v.text, c); s == e {
			s, e = annotate.WordAt(v.text, c-1)
		}
	}
	v.lastClick = clickState{}
	v.link = linkState{}
	v.clearSpan()
	v.dropFocus(true)
	if s < e {
		v.selStart, v.selEnd, v.anchor, v.caret = s, e, s, e
	}
	v.Refresh()
}

// runeAt is the code point under pos, or the nearest one before the
// caret position there.
func (v *View) runeAt(pos fyne.Position) int {
	l := v.lineAtY(pos.Y)
	if i := v.geo.lay.RuneAt(l, (pos.X-v.geo.pad)/v.lineScale(l)); i >= 0 {
		return i
	}
	return max(0, v.offsetAt(pos)-1)
}

// click is a primary click at pos: pick a speaker in link mode, extend
// the selection with Shift, select the span under the pointer (again on
// the same place: the next span there), or place the caret.
func (v *View) click(pos fyne.Position, mods modifiers) {
	v.focus()
	if !v.geo.ready() {
		return
	}
	hits := v.spansAt(pos)
	if v.link.active {
		from := v.link.from
		for _, i := range hits {
			if s := v.spans[i]; s.Label == annotate.Speaker {
				v.link = linkState{}
				v.Refresh()
				if v.OnLink != nil {
					v.OnLink(from, s.ID)
				}
				return
			}
		}
		v.link = linkState{} // a click elsewhere leaves link mode
	}
	if mods.shift {
		v.lastClick = clickState{}
		if s, ok := v.span(v.selected); ok {
			v.anchor = s.Start
			v.clearSpan()
		}
		if s, ok := v.FocusedSuggestion(); ok {
			v.anchor = s.Start
			v.dropFocus(true)
		}
		v.extendTo(v.offsetAt(pos), !mods.alt)
		return
	}
	if refs := v.hitRefs(hits, v.sugsAt(pos)); len(refs) > 0 {
		// clicking the same place again picks the next span or
		// suggestion there
		key := strings.Join(refs, "\x00")
		next := 0
		if key == v.lastClick.key {
			cur := v.selected
			if v.sugFocus != "" {
				cur = sugRef(v.sugFocus)
			}
			for k, r := range refs {
				if r == cur {
					next = (k + 1) % len(refs)
				}
			}
		}
		v.lastClick = clickState{key: key}
		if id, ok := strings.CutPrefix(refs[next], sugPrefix); ok {
			v.clearSpan()
			v.focusSuggestion(id, true)
		} else {
			v.selectSpan(refs[next], true)
		}
		return
	}
	v.lastClick = clickState{}
	cp := v.offsetAt(pos)
	v.selStart, v.selEnd, v.anchor, v.caret, v.goalX = cp, cp, cp, cp, -1
	v.clearSpan()
	v.dropFocus(true)
	v.Refresh()
}

// sugPrefix marks a suggestion among the spans under a click.
const sugPrefix = "\x01"

func sugRef(id string) string { return sugPrefix + id }

// hitRefs merges the spans and suggestions under a click, shortest first
// (a span before a suggestion of the same length).
func (v *View) hitRefs(spans, sugs []int) []string {
	type hit struct {
		ref string
		n   int
	}
	var hs []hit
	for _, i := range spans {
		hs = append(hs, hit{v.spans[i].ID, v.spans[i].End - v.spans[i].Start})
	}
	for _, i := range sugs {
		hs = append(hs, hit{sugRef(v.sugs[i].ID), v.sugs[i].End - v.sugs[i].Start})
	}
	sort.SliceStable(hs, func(i, j int) bool { return hs[i].n < hs[j].n })
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = h.ref
	}
	return out
}

// clearSpan unselects the selected span, telling the app.
func (v *View) clearSpan() {
	if v.selected == "" {
		return
	}
	v.selected = ""
	if v.OnSelectSpan != nil {
		v.OnSelectSpan("")
	}
}

// extendTo moves the caret to cp keeping the anchor, widening the
// selection to whole words when snap is set.
func (v *View) extendTo(cp int, snap bool) {
	a := v.anchor
	s, e := min(a, cp), max(a, cp)
	if snap {
		s, e = annotate.SnapToWords(v.text, s, e)
	}
	v.selStart, v.selEnd, v.caret, v.goalX = s, e, cp, -1
	if snap && s < e {
		if cp >= a {
			v.caret = e
		} else {
			v.caret = s
		}
	}
	v.Refresh()
}

// Dragged selects text from where the drag started, snapped to whole
// words unless Alt is held: part of fyne.Draggable.
func (v *View) Dragged(ev *fyne.DragEvent) {
	if !v.geo.ready() {
		return
	}
	if v.press.scrollBar {
		v.dragScrollBar(ev.Position.Y)
		return
	}
	if !v.press.dragging && !v.press.active { // no MouseDown (touch, tests): start where the drag began
		start := ev.Position.Subtract(fyne.NewPos(ev.Dragged.DX, ev.Dragged.DY))
		v.press = pressState{anchor: v.offsetAt(start), exact: v.mods.alt, handle: v.handleAt(start)}
		v.focus()
	}
	if v.press.handle != 0 {
		v.press.dragging = true
		v.dragHandle(ev.Position, v.press.exact || v.mods.alt)
		return
	}
	if !v.press.dragging {
		v.press.dragging = true
		v.link = linkState{}
		v.lastClick = clickState{}
		v.clearSpan()
		v.dropFocus(true)
	}
	// dragging past the top or bottom edge scrolls
	if h := v.Size().Height; ev.Position.Y < 0 || ev.Position.Y > h {
		d := ev.Position.Y
		if d > 0 {
			d -= h
		}
		v.scrollY = v.clampScroll(v.scrollY + d)
	}
	v.anchor = v.press.anchor
	exact := v.press.exact || v.mods.alt
	v.press.altUsed = v.press.altUsed || exact
	v.extendTo(v.offsetAt(ev.Position), !exact)
	if v.selStart < v.selEnd {
		// the anchor becomes the far end, so Shift+arrows extend from the caret
		if v.caret == v.selEnd {
			v.anchor = v.selStart
		} else {
			v.anchor = v.selEnd
		}
	}
}

// DragEnd is part of fyne.Draggable.
func (v *View) DragEnd() {
	bar, alt, handle := v.press.scrollBar, v.press.altUsed, v.press.handle
	v.press = pressState{}
	if handle != 0 && v.sugFocus != "" && v.OnFocusSuggestion != nil {
		v.OnFocusSuggestion(v.sugFocus)
	}
	if alt {
		v.watchAltMenu()
	}
	if bar {
		v.Refresh()
	}
	v.notifyScroll()
}

// MouseIn is part of desktop.Hoverable.
func (v *View) MouseIn(ev *desktop.MouseEvent) { v.MouseMoved(ev) }

// MouseMoved tracks the span under the pointer, whose links are shown:
// part of desktop.Hoverable.
func (v *View) MouseMoved(ev *desktop.MouseEvent) {
	id, sug := "", ""
	if hits := v.spansAt(ev.Position); len(hits) > 0 {
		id = v.spans[hits[0]].ID
	} else if hits := v.sugsAt(ev.Position); len(hits) > 0 {
		sug = v.sugs[hits[0]].ID
	}
	onBar := v.onScrollBar(ev.Position)
	v.onHandle = v.handleAt(ev.Position) != 0
	if id != v.hovered || sug != v.hoveredSug || onBar != v.mouseOnBar {
		v.hovered, v.hoveredSug, v.mouseOnBar = id, sug, onBar
		v.Refresh()
	}
}

// MouseOut is part of desktop.Hoverable.
func (v *View) MouseOut() {
	v.onHandle = false
	if v.hovered != "" || v.hoveredSug != "" || v.mouseOnBar {
		v.hovered, v.hoveredSug, v.mouseOnBar = "", "", false
		v.Refresh()
	}
}

// Cursor is part of desktop.Cursorable: a text cursor, a pointer on the
// speakers link mode can pick and on the scroll bar.
func (v *View) Cursor() desktop.Cursor {
	if v.mouseOnBar {
		return desktop.DefaultCursor
	}
	if v.onHandle || v.press.handle != 0 {
		return desktop.HResizeCursor
	}
	if s, ok := v.span(v.hovered); ok && v.link.active && s.Label == annotate.Speaker {
		return desktop.PointerCursor
	}
	return desktop.TextCursor
}

// Scrolled scrolls by the mouse wheel: part of fyne.Scrollable.
func (v *View) Scrolled(ev *fyne.ScrollEvent) {
	v.scrollBy(-ev.Scrolled.DY * wheelSpeed)
}

// wheelSpeed scales wheel steps: Fyne's 10 units a notch creep through a
// long article.
const wheelSpeed = 2

func (v *View) scrollBy(dy float32) {
	if !v.geo.ready() {
		return
	}
	y := v.clampScroll(v.scrollY + dy)
	if y == v.scrollY {
		return
	}
	v.scrollY = y
	v.Refresh()
	v.notifyScroll()
}

// notifyScroll tells the app the first visible code point when it
// changed.
func (v *View) notifyScroll() {
	f := v.firstVisible()
	if f == v.reported {
		return
	}
	v.reported = f
	if v.OnScrolled != nil {
		v.OnScrolled(f)
	}
}

// scrollBar returns the indicator's y and height, and whether it shows.
func (v *View) scrollBar() (y, h float32, ok bool) {
	if !v.geo.ready() {
		return 0, 0, false
	}
	size := v.Size()
	content := v.contentHeight()
	if content <= size.Height {
		return 0, 0, false
	}
	h = max(24, size.Height*size.Height/content)
	return (size.Height - h) * v.scrollY / (content - size.Height), h, true
}

func (v *View) onScrollBar(pos fyne.Position) bool {
	_, _, ok := v.scrollBar()
	return ok && pos.X >= v.Size().Width-scrollBarWidth-4
}

// grabScrollBar starts dragging the scroll bar; a press beside the bar
// first moves it there.
func (v *View) grabScrollBar(y float32) {
	by, bh, _ := v.scrollBar()
	v.press.scrollBar = true
	v.press.grab = y - by
	if y < by || y > by+bh {
		v.press.grab = bh / 2
		v.dragScrollBar(y)
	}
	v.Refresh()
}

func (v *View) dragScrollBar(y float32) {
	_, bh, ok := v.scrollBar()
	if !ok {
		return
	}
	h := v.Size().Height
	f := (y - v.press.grab) / (h - bh)
	v.scrollBy(f*(v.contentHeight()-h) - v.scrollY)
}
