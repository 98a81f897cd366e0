package view

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"

	"github.com/sayso/sayso/annotate"
)

// Span background opacity by state.
const (
	alphaSpan      = 0x2c
	alphaSuggested = 0x18
	alphaHover     = 0x48
	alphaSelected  = 0x78
)

// viewRenderer draws the lines in view. Canvas objects are pooled: a text
// per visible line (kept while the line stays in view) and rectangles for
// span backgrounds, underlines, outlines and the selection, reassigned on
// every update.
type viewRenderer struct {
	v *View

	objects []fyne.CanvasObject
	shown   map[int]*canvas.Text // line -> its text, for layout generation gen
	gen     int
	free    []*canvas.Text
	rects   []*canvas.Rectangle
	nrect   int

	back, under, texts, over []fyne.CanvasObject
	linked                   map[string]bool

	// label names: pooled texts drawn on top of everything (deco), and
	// the link slots taken in each visible line's band.
	deco     []fyne.CanvasObject
	tagTexts []*canvas.Text
	ntag     int
	slots    []uint8

	caret, bar, hintBg *canvas.Rectangle
	hint               *canvas.Text
}

func newViewRenderer(v *View) *viewRenderer {
	r := &viewRenderer{
		v:      v,
		shown:  map[int]*canvas.Text{},
		linked: map[string]bool{},
		caret:  canvas.NewRectangle(color.Transparent),
		bar:    canvas.NewRectangle(color.Transparent),
		hintBg: canvas.NewRectangle(color.Transparent),
		hint:   canvas.NewText("", color.Black),
	}
	r.bar.CornerRadius = 2
	r.hintBg.CornerRadius = 4
	return r
}

func (r *viewRenderer) Destroy() {}

func (r *viewRenderer) MinSize() fyne.Size { return r.v.MinSize() }

func (r *viewRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *viewRenderer) Layout(size fyne.Size) {
	r.v.ensureLayout(size)
	r.update()
}

func (r *viewRenderer) Refresh() {
	r.v.ensureLayout(r.v.Size())
	r.update()
	canvas.Refresh(r.v)
}

// rect returns the next pooled rectangle, reset.
func (r *viewRenderer) rect(fill color.Color, pos fyne.Position, size fyne.Size) *canvas.Rectangle {
	if r.nrect == len(r.rects) {
		r.rects = append(r.rects, canvas.NewRectangle(color.Transparent))
	}
	rc := r.rects[r.nrect]
	r.nrect++
	rc.FillColor, rc.StrokeColor, rc.StrokeWidth, rc.CornerRadius = fill, nil, 0, 0
	rc.Move(pos)
	rc.Resize(size)
	return rc
}

// outline returns a pooled rectangle drawn as a border only.
func (r *viewRenderer) outline(c color.Color, width float32, pos fyne.Position, size fyne.Size) *canvas.Rectangle {
	rc := r.rect(color.Transparent, pos, size)
	rc.StrokeColor, rc.StrokeWidth, rc.CornerRadius = c, width, 2
	return rc
}

// lineText returns the text object of line l, reusing the one it had.
func (r *viewRenderer) lineText(l int) *canvas.Text {
	if t, ok := r.shown[l]; ok {
		return t
	}
	var t *canvas.Text
	if n := len(r.free); n > 0 {
		t, r.free = r.free[n-1], r.free[:n-1]
	} else {
		t = canvas.NewText("", color.Black)
	}
	t.Text = r.v.displayLine(l)
	r.shown[l] = t
	return t
}

// update places the objects for the lines in view.
func (r *viewRenderer) update() {
	v := r.v
	r.objects = r.objects[:0]
	r.nrect, r.ntag = 0, 0
	if !v.geo.ready() {
		return
	}
	g := &v.geo
	th := v.Theme()
	variant := fyne.CurrentApp().Settings().ThemeVariant()
	fg := th.Color(theme.ColorNameForeground, variant)
	size := v.Size()

	first, last := v.visibleLines()
	r.recycleTexts(first, last)

	r.markLinked()
	r.back, r.under, r.texts, r.over, r.deco = r.back[:0], r.under[:0], r.texts[:0], r.over[:0], r.deco[:0]
	// a neutral grey, so a selection is never mistaken for a (blue) quote
	selColor := withAlpha(toNRGBA(fg), 0x40)
	textW := size.Width - g.pad - scrollBarWidth
	for l := first; l < last; l++ {
		r.drawLine(l, textW, fg, selColor)
	}

	r.focusedSuggestion(first, last, textW)
	r.drawTags(first, last)
	r.drawLinks(first, last)
	r.objects = append(r.objects, r.back...)
	r.objects = append(r.objects, r.under...)
	r.objects = append(r.objects, r.texts...)
	r.objects = append(r.objects, r.over...)
	r.objects = append(r.objects, r.deco...)
	r.placeCaret(first, last)
	r.placeScrollBar()
	r.placeHint()
}

// recycleTexts returns to the pool the line texts of a previous layout
// and of the lines out of [first, last).
func (r *viewRenderer) recycleTexts(first, last int) {
	g := &r.v.geo
	if r.gen != g.gen {
		for l, t := range r.shown {
			r.free = append(r.free, t)
			delete(r.shown, l)
		}
		r.gen = g.gen
	}
	for l, t := range r.shown {
		if l < first || l >= last {
			r.free = append(r.free, t)
			delete(r.shown, l)
		}
	}
}

// drawLine places line l's span and suggestion pieces, selection and
// text.
func (r *viewRenderer) drawLine(l int, textW float32, fg color.Color, selColor color.NRGBA) {
	v, g := r.v, &r.v.geo
	ln := g.lay.Lines[l]
	y := v.lineY(l)
	for k := g.spanOff[l]; k < g.spanOff[l+1]; k++ {
		s := v.spans[g.spanIdx[k]]
		x0 := v.xAt(l, max(s.Start, ln.Start))
		x1 := min(v.xAt(l, min(s.End, ln.End)), textW)
		if x1 <= x0 {
			continue
		}
		r.spanPiece(s, int(g.spanLane[k]), x0, x1, y)
	}
	for k := g.sugOff[l]; k < g.sugOff[l+1]; k++ {
		s := v.sugs[g.sugIdx[k]]
		if s.ID == v.sugFocus {
			continue // drawn below, with its edited bounds
		}
		x0 := v.xAt(l, max(s.Start, ln.Start))
		x1 := min(v.xAt(l, min(s.End, ln.End)), textW)
		if x1 > x0 {
			r.suggestionPiece(s, int(g.sugLane[k]), x0, x1, y, s.Start >= ln.Start, s.End <= ln.End)
		}
	}
	if v.selStart < v.selEnd && v.selStart <= ln.End && v.selEnd > ln.Start {
		x0, x1 := v.xAt(l, max(v.selStart, ln.Start)), v.xAt(l, min(v.selEnd, ln.End))
		if v.selEnd > ln.End && ln.End < len(v.text) && v.text[ln.End] == '\n' {
			x1 += g.textH / 3 // the selection takes the line break along
		}
		if x1 > x0 {
			r.back = append(r.back, r.rect(selColor, fyne.NewPos(x0, y), fyne.NewSize(x1-x0, g.textH)))
		}
	}
	if ln.Start == ln.End {
		return // an empty line needs no text
	}
	t := r.lineText(l)
	t.Color, t.TextSize = fg, g.textSize
	t.Move(fyne.NewPos(g.pad, y))
	t.Resize(fyne.NewSize(textW-g.pad, g.textH))
	r.texts = append(r.texts, t)
}

// spanPiece draws span s's part of one line from x0 to x1: a translucent
// background behind the text and an underline in the span's lane.
func (r *viewRenderer) spanPiece(s annotate.Span, lane int, x0, x1, y float32) {
	v, g := r.v, &r.v.geo
	c := spanColor(s)
	alpha, under := uint8(alphaSpan), uint8(0xd0)
	if s.Source == annotate.SourceSuggested {
		alpha, under = alphaSuggested, 0x80
	}
	switch s.ID {
	case v.selected:
		alpha, under = alphaSelected, 0xff
	case v.hovered:
		alpha = alphaHover
	}
	bg := r.rect(withAlpha(c, alpha), fyne.NewPos(x0, y), fyne.NewSize(x1-x0, g.textH))
	bg.CornerRadius = 3
	r.back = append(r.back, bg)
	uy := y + g.m.laneY(lane)
	r.under = append(r.under, r.rect(withAlpha(c, under), fyne.NewPos(x0, uy), fyne.NewSize(x1-x0, g.m.laneH-g.m.k)))
	switch {
	case s.ID == v.selected:
		r.over = append(r.over, r.outline(c, 1.5, fyne.NewPos(x0-1, y-1), fyne.NewSize(x1-x0+2, g.textH+2)))
	case r.linked[s.ID]:
		r.over = append(r.over, r.outline(withAlpha(c, 0xe0), 2, fyne.NewPos(x0-1, y-1), fyne.NewSize(x1-x0+2, g.textH+2)))
	}
}

// markLinked finds the spans to outline: those linked to the selected or
// hovered span, and the speaker candidate of link mode.
func (r *viewRenderer) markLinked() {
	v := r.v
	clear(r.linked)
	for _, id := range [...]string{v.selected, v.hovered} {
		if id == "" {
			continue
		}
		for _, rel := range v.rels {
			if rel.Label != annotate.AttributedTo && rel.Label != annotate.IssuedBy {
				continue
			}
			switch id {
			case rel.From:
				r.linked[rel.To] = true
			case rel.To:
				r.linked[rel.From] = true
			}
		}
	}
	if v.link.active && v.link.candidate != "" {
		r.linked[v.link.candidate] = true
	}
}

// placeCaret shows the caret when the view has focus and no span is
// selected.
func (r *viewRenderer) placeCaret(first, last int) {
	v, g := r.v, &r.v.geo
	if !v.focused || v.selected != "" || v.sugFocus != "" {
		return
	}
	l := g.lay.LineAt(v.caret)
	if l < first || l >= last {
		return
	}
	th := v.Theme()
	r.caret.FillColor = th.Color(theme.ColorNamePrimary, fyne.CurrentApp().Settings().ThemeVariant())
	r.caret.Move(fyne.NewPos(v.xAt(l, v.caret)-1, v.lineY(l)))
	r.caret.Resize(fyne.NewSize(2, g.textH))
	r.objects = append(r.objects, r.caret)
}

// placeScrollBar draws a thin indicator of the part of the text in view.
func (r *viewRenderer) placeScrollBar() {
	v := r.v
	size := v.Size()
	content := v.contentHeight()
	if content <= size.Height {
		return
	}
	h := max(24, size.Height*size.Height/content)
	y := (size.Height - h) * v.scrollY / (content - size.Height)
	th := v.Theme()
	r.bar.FillColor = th.Color(theme.ColorNameScrollBar, fyne.CurrentApp().Settings().ThemeVariant())
	w := float32(scrollBarWidth - 1)
	if v.press.scrollBar || v.mouseOnBar {
		w = scrollBarWidth + 3
	}
	r.bar.Move(fyne.NewPos(size.Width-w-1, y))
	r.bar.Resize(fyne.NewSize(w, h))
	r.objects = append(r.objects, r.bar)
}

// placeHint shows what link mode expects, at the top of the view.
func (r *viewRenderer) placeHint() {
	v := r.v
	if !v.link.active {
		return
	}
	th := v.Theme()
	variant := fyne.CurrentApp().Settings().ThemeVariant()
	what := "quote"
	if s, ok := v.span(v.link.from); ok && s.Label == annotate.Threat {
		what = "threat"
	}
	r.hint.Text = "Link mode: click the speaker of this " + what + "  ·  Tab, Enter: pick  ·  Esc: cancel"
	r.hint.TextSize = th.Size(theme.SizeNameCaptionText) + 1
	r.hint.Color = th.Color(theme.ColorNameForegroundOnPrimary, variant)
	ts := r.hint.MinSize()
	p := th.Size(theme.SizeNamePadding)
	x := max(p, (v.Size().Width-ts.Width)/2-p)
	y := v.Size().Height - ts.Height - 3*p // at the bottom, away from the first lines
	r.hintBg.FillColor = th.Color(theme.ColorNamePrimary, variant)
	r.hintBg.Move(fyne.NewPos(x, y))
	r.hintBg.Resize(fyne.NewSize(ts.Width+2*p, ts.Height+p))
	r.hint.Move(fyne.NewPos(x+p, y+p/2))
	r.hint.Resize(ts)
	r.hint.Refresh()
	r.objects = append(r.objects, r.hintBg, r.hint)
}

// toNRGBA converts a theme colour.
func toNRGBA(c color.Color) color.NRGBA {
	return color.NRGBAModel.Convert(c).(color.NRGBA)
}

// Suggestion drawing: a light wash of the label colour behind the text,
// a dashed underline in the suggestion's lane (labels have solid ones)
// and thin brackets at its ends, so a suggestion never looks like a
// label; the focused one gets a solid border and a handle at each end.
const (
	alphaSugWash      = 0x16
	alphaSugHover     = 0x30
	alphaSugFocus     = 0x38
	alphaSugDash      = 0xd8
	alphaSugBracket   = 0x90
	sugDash           = 5
	sugGap            = 3
	sugBracketWidth   = 1.5
	sugHandleWidth    = 2
	sugHandleKnobSize = 7
)

// suggestionPiece draws suggestion s's part of one line from x0 to x1,
// its underline in lane; first and last say whether the suggestion
// starts and ends on this line.
func (r *viewRenderer) suggestionPiece(s annotate.Span, lane int, x0, x1, y float32, first, last bool) {
	v, g := r.v, &r.v.geo
	c := spanColor(s)
	wash := uint8(alphaSugWash)
	if s.ID == v.hoveredSug {
		wash = alphaSugHover
	}
	bg := r.rect(withAlpha(c, wash), fyne.NewPos(x0, y), fyne.NewSize(x1-x0, g.textH))
	bg.CornerRadius = 3
	r.back = append(r.back, bg)
	dash := withAlpha(c, alphaSugDash)
	uy := y + g.m.laneY(lane)
	dw, step := sugDash*g.m.k, (sugDash+sugGap)*g.m.k
	for x := x0; x < x1; x += step {
		r.under = append(r.under, r.rect(dash, fyne.NewPos(x, uy), fyne.NewSize(min(dw, x1-x), g.m.laneH-g.m.k)))
	}
	// brackets from the text's top down to the underline
	bracket := withAlpha(c, alphaSugBracket)
	h := uy + g.m.laneH - g.m.k - y
	if first {
		r.over = append(r.over, r.rect(bracket, fyne.NewPos(x0, y), fyne.NewSize(sugBracketWidth, h)))
	}
	if last {
		r.over = append(r.over, r.rect(bracket, fyne.NewPos(x1-sugBracketWidth, y), fyne.NewSize(sugBracketWidth, h)))
	}
}

// focusedSuggestion draws the focused suggestion with its edited bounds
// on the lines in view: a stronger wash, a solid border, and a handle at
// each end to drag it by.
func (r *viewRenderer) focusedSuggestion(first, last int, textW float32) {
	v, g := r.v, &r.v.geo
	s, ok := v.FocusedSuggestion()
	if !ok {
		return
	}
	c := spanColor(s)
	l0, l1 := g.lay.LineAt(s.Start), g.lay.LineAt(max(s.Start, s.End-1))
	for l := max(l0, first); l <= l1 && l < last; l++ {
		ln := g.lay.Lines[l]
		x0 := v.xAt(l, max(s.Start, ln.Start))
		x1 := min(v.xAt(l, min(s.End, ln.End)), textW)
		if x1 <= x0 {
			continue
		}
		y := v.lineY(l)
		bg := r.rect(withAlpha(c, alphaSugFocus), fyne.NewPos(x0, y), fyne.NewSize(x1-x0, g.textH))
		bg.CornerRadius = 3
		r.back = append(r.back, bg)
		r.over = append(r.over, r.outline(c, 2, fyne.NewPos(x0-1, y-1), fyne.NewSize(x1-x0+2, g.textH+2)))
	}
	knob := func(l, cp int, top bool) {
		if l < first || l >= last {
			return
		}
		x, y := v.xAt(l, cp), v.lineY(l)
		r.over = append(r.over, r.rect(c, fyne.NewPos(x-sugHandleWidth/2, y-3), fyne.NewSize(sugHandleWidth, g.textH+6)))
		ky := y - 3 - sugHandleKnobSize + 1
		if !top {
			ky = y + g.textH + 2
		}
		k := r.rect(c, fyne.NewPos(x-sugHandleKnobSize/2, ky), fyne.NewSize(sugHandleKnobSize, sugHandleKnobSize))
		k.CornerRadius = sugHandleKnobSize / 2
		r.over = append(r.over, k)
	}
	knob(l0, s.Start, true)
	knob(l1, s.End, false)
}

// Label names: a tag in the label's colour at the start of each span,
// under its underline, with the name in black or white, whichever reads
// better on that colour.
const (
	alphaTag  = 0xff
	alphaLink = 0xc8
)

// tagTextObj returns the next pooled text for a tag.
func (r *viewRenderer) tagTextObj() *canvas.Text {
	if r.ntag == len(r.tagTexts) {
		t := canvas.NewText("", color.Black)
		t.TextStyle = fyne.TextStyle{Bold: true}
		r.tagTexts = append(r.tagTexts, t)
	}
	t := r.tagTexts[r.ntag]
	r.ntag++
	return t
}

// drawTags draws the label names of the spans starting on the lines in
// view.
func (r *viewRenderer) drawTags(first, last int) {
	v, g := r.v, &r.v.geo
	if !g.deco.tags {
		return
	}
	for l := first; l < last; l++ {
		y := v.lineY(l)
		for k := g.spanOff[l]; k < g.spanOff[l+1]; k++ {
			row := g.spanTag[k]
			if row < 0 {
				continue
			}
			s := v.spans[g.spanIdx[k]]
			x, w := v.tagSpan(l, k)
			pos := fyne.NewPos(x, y+g.m.tagY(int(g.lanes[l]), int(row)))
			r.tag(s, tagText(s), pos, fyne.NewSize(w, g.m.tagBox))
		}
	}
}

// tag draws one label name at pos.
func (r *viewRenderer) tag(s annotate.Span, name string, pos fyne.Position, size fyne.Size) {
	g := &r.v.geo
	c := spanColor(s)
	bg := r.rect(withAlpha(c, alphaTag), pos, size)
	bg.CornerRadius = 3 * g.m.k
	if s.ID == r.v.selected {
		bg.StrokeColor, bg.StrokeWidth = inkOn(c), 1.5
	}
	t := r.tagTextObj()
	if t.Text != name || t.TextSize != g.m.tagSize {
		t.Text, t.TextSize = name, g.m.tagSize
		t.Refresh()
	}
	t.Color = inkOn(c)
	t.Move(fyne.NewPos(pos.X+tagPadX*g.m.k, pos.Y+tagPadY*g.m.k))
	t.Resize(fyne.NewSize(size.Width-2*tagPadX*g.m.k, size.Height-2*tagPadY*g.m.k))
	r.deco = append(r.deco, bg, t)
}

// inks caches inkOn for the label colours.
var inks = map[color.NRGBA]color.Color{}

func init() {
	for _, c := range []color.NRGBA{colorDirect, colorIndirect, colorSpeaker, colorThreat, colorOther} {
		inks[c] = contrastInk(c)
	}
}

// inkOn is black or white, whichever contrasts more with c (WCAG).
func inkOn(c color.NRGBA) color.Color {
	if ink, ok := inks[c]; ok {
		return ink
	}
	return contrastInk(c)
}

func contrastInk(c color.NRGBA) color.Color {
	lum := func(v uint8) float64 {
		f := float64(v) / 255
		if f <= 0.04045 {
			return f / 12.92
		}
		return math.Pow((f+0.055)/1.055, 2.4)
	}
	y := 0.2126*lum(c.R) + 0.7152*lum(c.G) + 0.0722*lum(c.B)
	if (y+0.05)/0.05 >= 1.05/(y+0.05) {
		return color.Black
	}
	return color.White
}

// drawLinks draws a line from each quote or threat to its speaker when
// both start on lines in view, with a dot at the speaker's end.
func (r *viewRenderer) drawLinks(first, last int) {
	v, g := r.v, &r.v.geo
	if !g.deco.links {
		return
	}
	r.slots = resize(r.slots, last-first)
	clear(r.slots)
	g.visibleLinks(first, last, func(p linkPair) {
		from, to := v.linkEnd(int(p.from), int(p.fromLine)), v.linkEnd(int(p.to), int(p.toLine))
		band := bandLine(from.line, to.line) - first
		slot := int(r.slots[band])
		r.slots[band]++
		bandY := func(l int) float32 { return v.lineY(l) + g.m.linkY(g.lineHeight(l), int(g.bands[l]), slot) }
		r.link(routeLink(from, to, bandY), withAlpha(spanColor(v.spans[p.from]), alphaLink))
	})
}

// link draws a path of horizontal and vertical legs and a dot at its end.
func (r *viewRenderer) link(p [4]fyne.Position, c color.NRGBA) {
	m := &r.v.geo.m
	for i := 0; i+1 < len(p); i++ {
		a, b := p[i], p[i+1]
		x0, y0 := min(a.X, b.X)-m.linkW/2, min(a.Y, b.Y)-m.linkW/2
		x1, y1 := max(a.X, b.X)+m.linkW/2, max(a.Y, b.Y)+m.linkW/2
		r.under = append(r.under, r.rect(c, fyne.NewPos(x0, y0), fyne.NewSize(x1-x0, y1-y0)))
	}
	end := p[len(p)-1]
	d := r.rect(c, fyne.NewPos(end.X-m.dot/2, end.Y-m.dot/2), fyne.NewSize(m.dot, m.dot))
	d.CornerRadius = m.dot / 2
	r.deco = append(r.deco, d)
}
