package app

import (
	"sort"
	"strings"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/sayso/sayso/annotate"
)

var (
	_ fyne.Tappable       = (*AnnotationView)(nil)
	_ fyne.DoubleTappable = (*AnnotationView)(nil)
	_ fyne.Draggable      = (*AnnotationView)(nil)
	_ fyne.Scrollable     = (*AnnotationView)(nil)
	_ fyne.Tabbable       = (*AnnotationView)(nil)
	_ desktop.Mouseable   = (*AnnotationView)(nil)
	_ desktop.Hoverable   = (*AnnotationView)(nil)
	_ desktop.Keyable     = (*AnnotationView)(nil)
	_ desktop.Cursorable  = (*AnnotationView)(nil)
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
func (v *AnnotationView) focus() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(v); c != nil && c.Focused() != v {
		c.Focus(v)
	}
}

// MouseDown selects on press, as editors do, without waiting for the
// double-click delay: part of desktop.Mouseable.
func (v *AnnotationView) MouseDown(ev *desktop.MouseEvent) {
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
func (v *AnnotationView) MouseUp(*desktop.MouseEvent) {
	bar := v.press.scrollBar
	v.press.active, v.press.scrollBar = false, false
	if bar {
		v.Refresh()
	}
}

// Tapped handles a click that came without MouseDown (touch screens,
// tests): part of fyne.Tappable.
func (v *AnnotationView) Tapped(ev *fyne.PointEvent) {
	if v.press.handled {
		v.press.handled = false
		return
	}
	v.click(ev.Position, v.mods)
}

// DoubleTapped selects the word under the pointer: part of
// fyne.DoubleTappable.
func (v *AnnotationView) DoubleTapped(ev *fyne.PointEvent) {
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
func (v *AnnotationView) runeAt(pos fyne.Position) int {
	l := v.lineAtY(pos.Y)
	if i := v.geo.lay.RuneAt(l, (pos.X-v.geo.pad)/v.lineScale(l)); i >= 0 {
		return i
	}
	return max(0, v.offsetAt(pos)-1)
}

// click is a primary click at pos: pick a speaker in link mode, extend
// the selection with Shift, select the span under the pointer (again on
// the same place: the next span there), or place the caret.
func (v *AnnotationView) click(pos fyne.Position, mods modifiers) {
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
func (v *AnnotationView) hitRefs(spans, sugs []int) []string {
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
func (v *AnnotationView) clearSpan() {
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
func (v *AnnotationView) extendTo(cp int, snap bool) {
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
func (v *AnnotationView) Dragged(ev *fyne.DragEvent) {
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
func (v *AnnotationView) DragEnd() {
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
func (v *AnnotationView) MouseIn(ev *desktop.MouseEvent) { v.MouseMoved(ev) }

// MouseMoved tracks the span under the pointer, whose links are shown:
// part of desktop.Hoverable.
func (v *AnnotationView) MouseMoved(ev *desktop.MouseEvent) {
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
func (v *AnnotationView) MouseOut() {
	v.onHandle = false
	if v.hovered != "" || v.hoveredSug != "" || v.mouseOnBar {
		v.hovered, v.hoveredSug, v.mouseOnBar = "", "", false
		v.Refresh()
	}
}

// Cursor is part of desktop.Cursorable: a text cursor, a pointer on the
// speakers link mode can pick and on the scroll bar.
func (v *AnnotationView) Cursor() desktop.Cursor {
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
func (v *AnnotationView) Scrolled(ev *fyne.ScrollEvent) {
	v.scrollBy(-ev.Scrolled.DY * wheelSpeed)
}

// wheelSpeed scales wheel steps: Fyne's 10 units a notch creep through a
// long article.
const wheelSpeed = 2

func (v *AnnotationView) scrollBy(dy float32) {
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
func (v *AnnotationView) notifyScroll() {
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
func (v *AnnotationView) scrollBar() (y, h float32, ok bool) {
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

func (v *AnnotationView) onScrollBar(pos fyne.Position) bool {
	_, _, ok := v.scrollBar()
	return ok && pos.X >= v.Size().Width-scrollBarWidth-4
}

// grabScrollBar starts dragging the scroll bar; a press beside the bar
// first moves it there.
func (v *AnnotationView) grabScrollBar(y float32) {
	by, bh, _ := v.scrollBar()
	v.press.scrollBar = true
	v.press.grab = y - by
	if y < by || y > by+bh {
		v.press.grab = bh / 2
		v.dragScrollBar(y)
	}
	v.Refresh()
}

func (v *AnnotationView) dragScrollBar(y float32) {
	_, bh, ok := v.scrollBar()
	if !ok {
		return
	}
	h := v.Size().Height
	f := (y - v.press.grab) / (h - bh)
	v.scrollBy(f*(v.contentHeight()-h) - v.scrollY)
}

// AcceptsTab keeps Tab for moving between spans while the document has
// any: part of fyne.Tabbable.
func (v *AnnotationView) AcceptsTab() bool {
	return len(v.spans) > 0 || v.link.active
}

// FocusGained is part of fyne.Focusable.
func (v *AnnotationView) FocusGained() {
	v.focused = true
	v.Refresh()
}

// FocusLost is part of fyne.Focusable.
func (v *AnnotationView) FocusLost() {
	v.focused = false
	v.mods = modifiers{}
	v.Refresh()
}

// watchAltMenu closes the menu bar that releasing Alt after an Alt+drag
// opens. The desktop driver toggles the window's menu when Alt is pressed
// and released alone (the mouse in between does not count) and gives the
// menu the keyboard, so the next Q would go to the menu. The view is not
// told, so for a few seconds after the drag it looks whether a menu
// opened, closes it and takes the focus back. Any other input to the view
// ends the watch.
func (v *AnnotationView) watchAltMenu() {
	c := fyne.CurrentApp().Driver().CanvasForObject(v)
	m, ok := c.(interface{ DismissMenu() bool })
	if !ok {
		return
	}
	v.altWatch++
	gen := v.altWatch
	go func() {
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for range 60 {
			<-tick.C
			done := false
			fyne.DoAndWait(func() {
				switch {
				case v.altWatch != gen:
					done = true
				case m.DismissMenu():
					c.Focus(v)
					done = true
				}
			})
			if done {
				return
			}
		}
	}()
}

// KeyDown tracks the modifier keys. With Ctrl or Alt held the driver
// turns keys into shortcuts that never reach TypedKey, so navigation keys
// are handled here then: part of desktop.Keyable.
func (v *AnnotationView) KeyDown(ev *fyne.KeyEvent) {
	switch ev.Name {
	case desktop.KeyShiftLeft, desktop.KeyShiftRight:
		v.mods.shift = true
	case desktop.KeyControlLeft, desktop.KeyControlRight, desktop.KeySuperLeft, desktop.KeySuperRight:
		v.mods.ctrl = true
	case desktop.KeyAltLeft, desktop.KeyAltRight:
		v.mods.alt = true
	case fyne.KeyLeft, fyne.KeyRight, fyne.KeyUp, fyne.KeyDown, fyne.KeyHome, fyne.KeyEnd:
		if v.mods.ctrl || v.mods.alt {
			v.keyDownDone = ev.Name
			v.key(ev.Name)
		}
	}
}

// KeyUp is part of desktop.Keyable.
func (v *AnnotationView) KeyUp(ev *fyne.KeyEvent) {
	v.altWatch++ // the view still has the keyboard: no menu opened
	switch ev.Name {
	case desktop.KeyShiftLeft, desktop.KeyShiftRight:
		v.mods.shift = false
	case desktop.KeyControlLeft, desktop.KeyControlRight, desktop.KeySuperLeft, desktop.KeySuperRight:
		v.mods.ctrl = false
	case desktop.KeyAltLeft, desktop.KeyAltRight:
		v.mods.alt = false
	case v.keyDownDone:
		v.keyDownDone = ""
	}
}

// TypedKey is part of fyne.Focusable.
func (v *AnnotationView) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == v.keyDownDone {
		v.keyDownDone = ""
		return
	}
	v.key(ev.Name)
}

// TypedRune labels the selection (Q, I, S, T) or starts link mode (L):
// part of fyne.Focusable.
func (v *AnnotationView) TypedRune(r rune) {
	typed := r
	r = unicode.ToLower(r)
	switch r {
	case 'l':
		v.StartLinkMode()
		return
	case 'j':
		v.nextSuggestion(1)
		return
	case 'k':
		v.nextSuggestion(-1)
		return
	case 'a':
		if s, ok := v.FocusedSuggestion(); ok && typed == 'A' && v.OnAcceptAllLike != nil {
			kind := ""
			if s.Label == annotate.Quote {
				kind = s.QuoteKind()
			}
			v.OnAcceptAllLike(s.Label, kind)
			return
		}
		v.acceptFocused("", "")
		return
	case 'x':
		v.rejectFocused()
		return
	}
	k, ok := labelKeys[r]
	if !ok {
		return
	}
	if v.sugFocus != "" && v.selStart == v.selEnd {
		v.acceptFocused(k.label, k.kind) // a label key accepts the suggestion as that label
		return
	}
	// a span never starts or ends with white space (Ctrl+Shift+Right
	// selects " word")
	start, end := v.selStart, v.selEnd
	for start < end && unicode.IsSpace(v.text[start]) {
		start++
	}
	for end > start && unicode.IsSpace(v.text[end-1]) {
		end--
	}
	if start >= end {
		return
	}
	v.selStart, v.selEnd = start, end
	if v.OnLabel != nil {
		v.OnLabel(k.label, k.kind, start, end)
	}
	// The app may have added the span and selected it; if it added it
	// without selecting it, select it so the keys act on it next.
	if v.selected == "" && v.selStart == start && v.selEnd == end {
		for _, s := range v.spans {
			if s.Start == start && s.End == end && s.Label == k.label {
				v.selectSpan(s.ID, true)
				break
			}
		}
	}
}

// key acts on a navigation or command key.
func (v *AnnotationView) key(name fyne.KeyName) {
	if !v.geo.ready() {
		return
	}
	if v.sugFocus != "" && !v.link.active && v.suggestionKey(name) {
		return
	}
	switch name {
	case fyne.KeyEscape:
		v.escape()
	case fyne.KeyDelete, fyne.KeyBackspace:
		if v.selected != "" && v.OnDelete != nil {
			v.OnDelete(v.selected)
		}
	case fyne.KeyTab:
		dir := 1
		if v.mods.shift {
			dir = -1
		}
		if v.link.active {
			v.nextCandidate(dir)
		} else {
			v.nextSpan(dir, true)
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		if v.link.active && v.link.candidate != "" {
			from, to := v.link.from, v.link.candidate
			v.link = linkState{}
			v.Refresh()
			if v.OnLink != nil {
				v.OnLink(from, to)
			}
		}
	case fyne.KeyPageUp, fyne.KeyPageDown:
		page := v.Size().Height - 2*v.geo.textH
		if name == fyne.KeyPageUp {
			page = -page
		}
		v.scrollBy(page)
	case fyne.KeyLeft, fyne.KeyRight, fyne.KeyUp, fyne.KeyDown:
		dir := 1
		if name == fyne.KeyLeft || name == fyne.KeyUp {
			dir = -1
		}
		switch {
		case v.link.active:
			v.nextCandidate(dir)
		case v.selected != "" && v.selStart == v.selEnd && !v.mods.shift:
			v.nextSpan(dir, false)
		default:
			v.moveCaret(name)
		}
	case fyne.KeyHome, fyne.KeyEnd:
		v.moveCaret(name)
	default:
		if v.OnOtherKey != nil {
			v.OnOtherKey(name)
		}
	}
}

// suggestionKey acts on a key while a suggestion has the focus and
// reports whether it used it: Enter accepts, Delete rejects, Escape
// unfocuses, Shift+←/→ and Ctrl+Shift+←/→ move its end and start;
// other movement unfocuses it and moves the caret from its start.
func (v *AnnotationView) suggestionKey(name fyne.KeyName) bool {
	switch name {
	case fyne.KeyReturn, fyne.KeyEnter:
		v.acceptFocused("", "")
	case fyne.KeyDelete, fyne.KeyBackspace:
		v.rejectFocused()
	case fyne.KeyEscape:
		v.dropFocus(true)
		v.Refresh()
	case fyne.KeyLeft, fyne.KeyRight:
		dir := 1
		if name == fyne.KeyLeft {
			dir = -1
		}
		if v.mods.shift {
			v.editBounds(v.mods.ctrl, dir)
			return true
		}
		v.dropFocus(true)
		return false
	case fyne.KeyUp, fyne.KeyDown:
		if v.mods.shift {
			return true // bounds move by words only
		}
		v.dropFocus(true)
		return false
	case fyne.KeyHome, fyne.KeyEnd, fyne.KeyTab:
		v.dropFocus(true)
		return false
	default:
		return false
	}
	return true
}

// escape leaves link mode, else drops the text selection, else the
// selected span.
func (v *AnnotationView) escape() {
	switch {
	case v.link.active:
		v.link = linkState{}
	case v.selStart < v.selEnd:
		v.selStart, v.selEnd, v.anchor = v.caret, v.caret, v.caret
	default:
		v.clearSpan()
	}
	v.Refresh()
}

// moveCaret moves the caret for an arrow, Home or End key; with Shift the
// selection follows, with Ctrl the caret moves by words (Home/End: to the
// ends of the text).
func (v *AnnotationView) moveCaret(name fyne.KeyName) {
	if s, ok := v.span(v.selected); ok {
		if v.mods.shift { // Shift+arrow on a span starts from its text
			v.anchor, v.caret = s.Start, s.End
		}
		v.clearSpan()
	}
	lay, t := v.geo.lay, v.text
	pos := v.caret
	collapse := !v.mods.shift && v.selStart < v.selEnd && !v.mods.ctrl
	vertical := name == fyne.KeyUp || name == fyne.KeyDown
	if !vertical {
		v.goalX = -1
	}
	switch name {
	case fyne.KeyLeft:
		switch {
		case collapse:
			pos = v.selStart
		case v.mods.ctrl:
			pos = annotate.PrevWord(t, pos)
		default:
			pos = annotate.PrevCluster(t, pos)
		}
	case fyne.KeyRight:
		switch {
		case collapse:
			pos = v.selEnd
		case v.mods.ctrl:
			pos = annotate.NextWord(t, pos)
		default:
			pos = annotate.NextCluster(t, pos)
		}
	case fyne.KeyUp, fyne.KeyDown:
		l := lay.LineAt(pos)
		if v.goalX < 0 {
			v.goalX = lay.X(l, pos) * v.lineScale(l)
		}
		if name == fyne.KeyUp {
			l--
		} else {
			l++
		}
		switch {
		case l < 0:
			pos = 0
		case l >= len(lay.Lines):
			pos = len(t)
		default:
			pos = lay.OffsetAt(t, l, v.goalX/v.lineScale(l))
			if ln := lay.Lines[l]; pos == ln.End && l+1 < len(lay.Lines) && lay.Lines[l+1].Start == ln.End && pos > ln.Start {
				pos = annotate.PrevCluster(t, pos) // stay on this line, not the start of the next
			}
		}
	case fyne.KeyHome:
		if v.mods.ctrl {
			pos = 0
		} else {
			pos = lay.Lines[lay.LineAt(pos)].Start
		}
	case fyne.KeyEnd:
		if v.mods.ctrl {
			pos = len(t)
		} else {
			l := lay.LineAt(pos)
			ln := lay.Lines[l]
			pos = ln.End
			for pos > ln.Start && l+1 < len(lay.Lines) && lay.Lines[l+1].Start == ln.End && unicode.IsSpace(t[pos-1]) {
				pos-- // before a wrapped line's trailing space, so the caret stays on it
			}
		}
	}
	v.caret = pos
	if v.mods.shift {
		v.selStart, v.selEnd = min(v.anchor, pos), max(v.anchor, pos)
	} else {
		v.selStart, v.selEnd, v.anchor = pos, pos, pos
	}
	v.scrollRangeIntoView(pos, pos)
	v.Refresh()
	v.notifyScroll()
}

// nextSpan selects the span after (dir 1) or before (dir -1) the selected
// one in document order, or the caret when none is selected; wrap goes
// round at the ends.
func (v *AnnotationView) nextSpan(dir int, wrap bool) {
	n := len(v.spans)
	if n == 0 {
		return
	}
	i, ok := v.byID[v.selected]
	switch {
	case ok && v.selected != "":
		i += dir
	case dir > 0:
		i = n
		for k, s := range v.spans {
			if s.Start >= v.caret {
				i = k
				break
			}
		}
	default:
		i = -1
		for k, s := range v.spans {
			if s.Start < v.caret {
				i = k
			}
		}
	}
	switch {
	case i >= 0 && i < n:
	case !wrap:
		return
	case i < 0:
		i = n - 1
	default:
		i = 0
	}
	v.selectSpan(v.spans[i].ID, true)
	v.notifyScroll()
}

// nextCandidate moves link mode's candidate to the next SPEAKER in
// document order; the first candidate is the speaker nearest the span
// being linked.
func (v *AnnotationView) nextCandidate(dir int) {
	from, ok := v.span(v.link.from)
	if !ok {
		return
	}
	var speakers []int
	for i, s := range v.spans {
		if s.Label == annotate.Speaker {
			speakers = append(speakers, i)
		}
	}
	if len(speakers) == 0 {
		return
	}
	pick := -1
	if c, ok := v.byID[v.link.candidate]; ok && v.link.candidate != "" {
		for k, i := range speakers {
			if i == c {
				pick = (k + dir + len(speakers)) % len(speakers)
			}
		}
	}
	if pick < 0 {
		best := -1
		for k, i := range speakers {
			s := v.spans[i]
			d := max(s.Start-from.End, from.Start-s.End, 0)
			if best < 0 || d < best {
				best, pick = d, k
			}
		}
	}
	s := v.spans[speakers[pick]]
	v.link.candidate = s.ID
	v.scrollRangeIntoView(s.Start, s.End)
	v.Refresh()
	v.notifyScroll()
}
