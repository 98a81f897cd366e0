package view

import (
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/sayso/sayso/annotate"
)

// AcceptsTab keeps Tab for moving between spans while the document has
// any: part of fyne.Tabbable.
func (v *View) AcceptsTab() bool {
	return len(v.spans) > 0 || v.link.active
}

// FocusGained is part of fyne.Focusable.
func (v *View) FocusGained() {
	v.focused = true
	v.Refresh()
}

// FocusLost is part of fyne.Focusable.
func (v *View) FocusLost() {
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
func (v *View) watchAltMenu() {
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
func (v *View) KeyDown(ev *fyne.KeyEvent) {
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
func (v *View) KeyUp(ev *fyne.KeyEvent) {
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
func (v *View) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == v.keyDownDone {
		v.keyDownDone = ""
		return
	}
	v.key(ev.Name)
}

// TypedRune labels the selection (Q, I, S, T) or starts link mode (L):
// part of fyne.Focusable.
func (v *View) TypedRune(r rune) {
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
func (v *View) key(name fyne.KeyName) {
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
func (v *View) suggestionKey(name fyne.KeyName) bool {
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
func (v *View) escape() {
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
func (v *View) moveCaret(name fyne.KeyName) {
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
func (v *View) nextSpan(dir int, wrap bool) {
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
func (v *View) nextCandidate(dir int) {
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
