package app

import (
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/sayso/sayso/annotate"
)

// Vertical rhythm of a line, in Fyne units: the text, a gap, one
// underline lane per level of overlapping spans (at least one is always
// reserved so labelling a line rarely moves the text), and a gap.
const (
	underlineGap   = 1
	laneHeight     = 4 // a 3-unit underline and 1 unit of space
	lineGap        = 4
	maxLanes       = 8
	scrollBarWidth = 5
)

// geometry is the view's layout: the text wrapped to the width, line
// heights grown by the underline lanes of the spans on them, and the
// spans of each line with their lanes. It is rebuilt when the width, the
// text size or the text changes; the span index alone when spans change.
type geometry struct {
	textSize float32
	adv      advances
	lay      *annotate.TextLayout
	width    float32 // wrap width
	textH    float32 // height of a line of text
	pad      float32

	lineTop []float32 // content y of each line; one more entry: the content height
	lanes   []uint8   // lanes used on each line
	// The spans drawn on line l are spanIdx[spanOff[l]:spanOff[l+1]], in
	// document order, each in lane spanLane[i].
	spanOff  []int32
	spanIdx  []int32
	spanLane []uint8
	// The suggestions on line l are sugIdx[sugOff[l]:sugOff[l+1]], each
	// in lane sugLane[i]: spans and suggestions share the lanes.
	sugOff  []int32
	sugIdx  []int32
	sugLane []uint8
	scale   []float32 // per line: measured/summed width, 0 until the line is drawn

	gen          int // bumped by every relayout
	spansChanged bool

	pendingScroll int  // ScrollToOffset before the first layout; -1 none
	pendingReveal bool // SelectSpan/SetSelection before the first layout
}

func (g *geometry) ready() bool { return g.lay != nil }

// invalidate drops the layout; the next ensure lays the text out again.
func (g *geometry) invalidate() {
	g.lay = nil
	g.pendingScroll = -1
	g.pendingReveal = false
}

// ensure lays the text out for the widget's size and theme when needed.
func (v *AnnotationView) ensureLayout(size fyne.Size) {
	g := &v.geo
	th := v.Theme()
	ts := th.Size(theme.SizeNameText)
	pad := th.Size(theme.SizeNameInnerPadding)
	width := size.Width - 2*pad - scrollBarWidth
	if size.Width <= 0 || size.Height <= 0 {
		return
	}
	width = max(width, 20)
	relayout := g.lay == nil || width != g.width || ts != g.textSize || pad != g.pad
	if !relayout {
		if g.spansChanged {
			g.indexSpans(v)
		}
		v.scrollY = v.clampScroll(v.scrollY) // the height may have changed
		return
	}
	first := -1
	if g.lay != nil {
		first = v.firstVisible()
	}
	if ts != g.textSize {
		g.adv.reset(ts)
		g.textH = fyne.MeasureText("Mg", ts, fyne.TextStyle{}).Height
	}
	g.textSize, g.width, g.pad = ts, width, pad
	g.lay = annotate.Layout(v.text, width, g.adv.of)
	g.scale = make([]float32, len(g.lay.Lines))
	g.gen++
	g.indexSpans(v)
	switch {
	case g.pendingScroll >= 0:
		first, g.pendingScroll = g.pendingScroll, -1
		v.reported = first
	case first < 0:
		first = 0
	}
	v.scrollY = v.clampScroll(g.lineTop[g.lay.LineAt(first)])
	if g.pendingReveal {
		g.pendingReveal = false
		if s, ok := v.span(v.selected); ok {
			v.scrollRangeIntoView(s.Start, s.End)
		} else {
			v.scrollRangeIntoView(v.selStart, v.selEnd)
		}
	}
}

// indexSpans finds the spans on each line, gives each a lane so that
// overlapping spans get different ones, and sets the line heights.
func (g *geometry) indexSpans(v *AnnotationView) {
	g.spansChanged = false
	lines := g.lay.Lines
	n := len(lines)
	g.spanOff, g.spanIdx = g.byLine(v.spans, g.spanOff, g.spanIdx)
	g.spanLane = resize(g.spanLane, len(g.spanIdx))
	g.sugOff, g.sugIdx = g.byLine(v.sugs, g.sugOff, g.sugIdx)
	g.sugLane = resize(g.sugLane, len(g.sugIdx))

	g.lanes = resize(g.lanes, n)
	g.lineTop = resize(g.lineTop, n+1)
	var laneEnd [maxLanes]int
	y := float32(0)
	for l, ln := range lines {
		used := 0
		place := func(s annotate.Span) uint8 {
			start := max(s.Start, ln.Start)
			lane := 0
			for lane < used && laneEnd[lane] > start {
				lane++
			}
			lane = min(lane, maxLanes-1)
			laneEnd[lane] = s.End
			used = max(used, lane+1)
			return uint8(lane)
		}
		// spans and suggestions share the lanes, taken in document order
		k, j := g.spanOff[l], g.sugOff[l]
		for k < g.spanOff[l+1] || j < g.sugOff[l+1] {
			if j == g.sugOff[l+1] || (k < g.spanOff[l+1] && !annotate.SpanLess(v.sugs[g.sugIdx[j]], v.spans[g.spanIdx[k]])) {
				g.spanLane[k] = place(v.spans[g.spanIdx[k]])
				k++
			} else {
				g.sugLane[j] = place(v.sugs[g.sugIdx[j]])
				j++
			}
		}
		g.lanes[l] = uint8(used)
		g.lineTop[l] = y
		y += g.lineHeight(l)
	}
	g.lineTop[n] = y
}

// byLine buckets spans by the wrapped lines they touch: idx[off[l]:off[l+1]]
// are the indexes of the spans on line l, in document order. off and idx
// are reused when large enough.
func (g *geometry) byLine(spans []annotate.Span, off, idx []int32) ([]int32, []int32) {
	lines := g.lay.Lines
	n := len(lines)
	off = resize(off, n+1)
	clear(off)
	forLines := func(s annotate.Span, f func(l int)) {
		for l := g.lay.LineAt(s.Start); l < n && lines[l].Start < s.End; l++ {
			if lines[l].End > s.Start && lines[l].Start < lines[l].End {
				f(l)
			}
		}
	}
	// count, then fill
	for _, s := range spans {
		forLines(s, func(l int) { off[l+1]++ })
	}
	for l := 1; l <= n; l++ {
		off[l] += off[l-1]
	}
	idx = resize(idx, int(off[n]))
	fill := make([]int32, n)
	for i, s := range spans {
		forLines(s, func(l int) {
			idx[int(off[l])+int(fill[l])] = int32(i)
			fill[l]++
		})
	}
	return off, idx
}

func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// lineHeight is the height of line l: an empty paragraph is half a line.
func (g *geometry) lineHeight(l int) float32 {
	full := g.textH + underlineGap + float32(max(1, int(g.lanes[l])))*laneHeight + lineGap
	if ln := g.lay.Lines[l]; ln.Start == ln.End {
		return full / 2
	}
	return full
}

// contentHeight is the height of the whole laid-out text with padding.
func (v *AnnotationView) contentHeight() float32 {
	return v.geo.lineTop[len(v.geo.lay.Lines)] + 2*v.geo.pad
}

func (v *AnnotationView) clampScroll(y float32) float32 {
	if !v.geo.ready() {
		return 0
	}
	return max(0, min(y, v.contentHeight()-v.Size().Height))
}

// lineY is the y of line l's top in the widget.
func (v *AnnotationView) lineY(l int) float32 {
	return v.geo.pad + v.geo.lineTop[l] - v.scrollY
}

// lineAtY returns the line at widget y, clamped to the text.
func (v *AnnotationView) lineAtY(y float32) int {
	cy := y - v.geo.pad + v.scrollY
	tops := v.geo.lineTop[:len(v.geo.lay.Lines)]
	l := sort.Search(len(tops), func(i int) bool { return tops[i] > cy }) - 1
	return max(0, l)
}

// visibleLines returns the lines [first, last) in view.
func (v *AnnotationView) visibleLines() (int, int) {
	n := len(v.geo.lay.Lines)
	first := v.lineAtY(0)
	last := first
	h := v.Size().Height
	for last < n && v.lineY(last) < h {
		last++
	}
	return first, last
}

// firstVisible is the first code point of the first line in view.
func (v *AnnotationView) firstVisible() int {
	if !v.geo.ready() {
		return 0
	}
	return v.geo.lay.Lines[v.lineAtY(v.geo.pad)].Start
}

// lineScale corrects line l's summed advances to the width Fyne's shaper
// gives the whole line (kerning), so rectangles sit under the glyphs.
func (v *AnnotationView) lineScale(l int) float32 {
	g := &v.geo
	if s := g.scale[l]; s != 0 {
		return s
	}
	s := float32(1)
	if w := g.lay.LineWidth(l); w > 0 {
		m := fyne.MeasureText(v.displayLine(l), g.textSize, fyne.TextStyle{}).Width
		if r := m / w; r > 0.8 && r < 1.25 {
			s = r
		}
	}
	g.scale[l] = s
	return s
}

// xAt is the widget x of boundary cp on line l.
func (v *AnnotationView) xAt(l, cp int) float32 {
	return v.geo.pad + v.geo.lay.X(l, cp)*v.lineScale(l)
}

// offsetAt is the caret position nearest to pos.
func (v *AnnotationView) offsetAt(pos fyne.Position) int {
	if !v.geo.ready() {
		return 0
	}
	if pos.Y+v.scrollY < v.geo.pad {
		return 0
	}
	if cy := pos.Y - v.geo.pad + v.scrollY; cy >= v.geo.lineTop[len(v.geo.lay.Lines)] {
		return len(v.text)
	}
	l := v.lineAtY(pos.Y)
	return v.geo.lay.OffsetAt(v.text, l, (pos.X-v.geo.pad)/v.lineScale(l))
}

// spansAt returns the spans under pos, the one to select first first: on
// an underline, the span of that lane; on text, the spans holding the
// character there, shortest first.
func (v *AnnotationView) spansAt(pos fyne.Position) []int {
	if !v.geo.ready() {
		return nil
	}
	g := &v.geo
	l := v.lineAtY(pos.Y)
	if lane, ok := v.laneAt(l, pos); ok {
		if i := v.underlineAt(l, lane, pos.X, v.spans, g.spanOff, g.spanIdx, g.spanLane); i >= 0 {
			return []int{i}
		}
	}
	cp := g.lay.RuneAt(l, (pos.X-g.pad)/v.lineScale(l))
	if cp < 0 {
		return nil
	}
	var out []int
	for k := g.spanOff[l]; k < g.spanOff[l+1]; k++ {
		if s := v.spans[g.spanIdx[k]]; s.Start <= cp && cp < s.End {
			out = append(out, int(g.spanIdx[k]))
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := v.spans[out[i]], v.spans[out[j]]
		return a.End-a.Start < b.End-b.Start
	})
	return out
}

// laneAt is the underline lane under pos on line l, if pos is below the
// line's text.
func (v *AnnotationView) laneAt(l int, pos fyne.Position) (int, bool) {
	g := &v.geo
	yIn := pos.Y - v.lineY(l)
	if yIn < g.textH+underlineGap {
		return 0, false
	}
	return int((yIn - g.textH - underlineGap) / laneHeight), true
}

// underlineAt returns the index in spans of the one whose underline on
// line l, in lane, is under x (bucketed by off, idx, lanes as byLine and
// indexSpans make them), or -1.
func (v *AnnotationView) underlineAt(l, lane int, x float32, spans []annotate.Span, off, idx []int32, lanes []uint8) int {
	ln := v.geo.lay.Lines[l]
	for k := off[l]; k < off[l+1]; k++ {
		s := spans[idx[k]]
		if int(lanes[k]) == lane && x >= v.xAt(l, max(s.Start, ln.Start)) && x < v.xAt(l, min(s.End, ln.End)) {
			return int(idx[k])
		}
	}
	return -1
}

// scrollRangeIntoView scrolls as little as needed to show [start, end),
// or its beginning when it is taller than the view.
func (v *AnnotationView) scrollRangeIntoView(start, end int) {
	if !v.geo.ready() {
		v.geo.pendingReveal = true
		return
	}
	g := &v.geo
	l0 := g.lay.LineAt(start)
	l1 := g.lay.LineAt(max(start, end-1))
	top, bottom := g.lineTop[l0], g.lineTop[l1+1]
	view := v.Size().Height - 2*g.pad
	margin := g.textH
	switch {
	case top < v.scrollY+margin/2:
		v.scrollY = top - margin
	case bottom > v.scrollY+view:
		v.scrollY = min(top-margin, bottom-view+margin)
	}
	v.scrollY = v.clampScroll(v.scrollY)
}

// displayLine is line l's text as drawn: control characters (tabs) shown
// as spaces so each code point keeps its own advance.
func (v *AnnotationView) displayLine(l int) string {
	ln := v.geo.lay.Lines[l]
	rs := v.text[ln.Start:ln.End]
	for _, r := range rs {
		if isControl(r) {
			c := make([]rune, len(rs))
			for i, r := range rs {
				c[i] = displayRune(r)
			}
			return string(c)
		}
	}
	return string(rs)
}

func isControl(r rune) bool { return r < 0x20 || (r >= 0x7f && r < 0xa0) }

func displayRune(r rune) rune {
	if isControl(r) {
		return ' '
	}
	return r
}

// advances caches the width of each code point at one text size, so
// laying out a long article measures each distinct character once.
type advances struct {
	size  float32
	ascii [128]float32
	known [128]bool
	other map[rune]float32
}

func (a *advances) reset(size float32) {
	*a = advances{size: size, other: map[rune]float32{}}
}

func (a *advances) of(r rune) float32 {
	if r >= 0 && r < 128 {
		if !a.known[r] {
			a.ascii[r] = a.measure(r)
			a.known[r] = true
		}
		return a.ascii[r]
	}
	w, ok := a.other[r]
	if !ok {
		w = a.measure(r)
		a.other[r] = w
	}
	return w
}

func (a *advances) measure(r rune) float32 {
	return fyne.MeasureText(string(displayRune(r)), a.size, fyne.TextStyle{}).Width
}
