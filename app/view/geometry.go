package view

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

	// m is the vertical rhythm at the current text size; deco says
	// whether label names and links are drawn (they make room).
	m    lineMetrics
	deco decorations
	// With label names on, spanTag[i] is the tag row of the span
	// spanIdx[i] on its first line (-1 elsewhere) and tagRows[l] the rows
	// line l uses. tagW caches the width of each tag at m's size.
	spanTag []int8
	tagRows []uint8
	tagW    map[string]float32
	// With links on, links are the links to draw, by the line of their
	// quote or threat, and bands[l] counts those whose horizontal leg
	// runs under line l; only those lines make room for it.
	links []linkPair
	bands []uint8

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
func (v *View) ensureLayout(size fyne.Size) {
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
		g.m = newLineMetrics(ts, g.textH)
		clear(g.tagW)
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
func (g *geometry) indexSpans(v *View) {
	g.spansChanged = false
	lines := g.lay.Lines
	n := len(lines)
	g.spanOff, g.spanIdx = g.byLine(v.spans, g.spanOff, g.spanIdx)
	g.spanLane = resize(g.spanLane, len(g.spanIdx))
	g.sugOff, g.sugIdx = g.byLine(v.sugs, g.sugOff, g.sugIdx)
	g.sugLane = resize(g.sugLane, len(g.sugIdx))

	g.lanes = resize(g.lanes, n)
	g.lineTop = resize(g.lineTop, n+1)
	g.tagRows = resize(g.tagRows, n)
	g.spanTag = resize(g.spanTag, len(g.spanIdx))
	g.indexLinks(v)
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
		g.tagRows[l] = g.placeTags(v, l)
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
	ln := g.lay.Lines[l]
	return g.m.height(int(g.lanes[l]), int(g.tagRows[l]), int(g.bands[l]), ln.Start == ln.End)
}

// contentHeight is the height of the whole laid-out text with padding.
func (v *View) contentHeight() float32 {
	return v.geo.lineTop[len(v.geo.lay.Lines)] + 2*v.geo.pad
}

func (v *View) clampScroll(y float32) float32 {
	if !v.geo.ready() {
		return 0
	}
	return max(0, min(y, v.contentHeight()-v.Size().Height))
}

// lineY is the y of line l's top in the widget.
func (v *View) lineY(l int) float32 {
	return v.geo.pad + v.geo.lineTop[l] - v.scrollY
}

// lineAtY returns the line at widget y, clamped to the text.
func (v *View) lineAtY(y float32) int {
	cy := y - v.geo.pad + v.scrollY
	tops := v.geo.lineTop[:len(v.geo.lay.Lines)]
	l := sort.Search(len(tops), func(i int) bool { return tops[i] > cy }) - 1
	return max(0, l)
}

// visibleLines returns the lines [first, last) in view.
func (v *View) visibleLines() (int, int) {
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
func (v *View) firstVisible() int {
	if !v.geo.ready() {
		return 0
	}
	return v.geo.lay.Lines[v.lineAtY(v.geo.pad)].Start
}

// lineScale corrects line l's summed advances to the width Fyne's shaper
// gives the whole line (kerning), so rectangles sit under the glyphs.
func (v *View) lineScale(l int) float32 {
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
func (v *View) xAt(l, cp int) float32 {
	return v.geo.pad + v.geo.lay.X(l, cp)*v.lineScale(l)
}

// offsetAt is the caret position nearest to pos.
func (v *View) offsetAt(pos fyne.Position) int {
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
func (v *View) spansAt(pos fyne.Position) []int {
	if !v.geo.ready() {
		return nil
	}
	g := &v.geo
	l := v.lineAtY(pos.Y)
	if i := v.tagAt(l, pos); i >= 0 {
		return []int{i}
	}
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

// tagAt returns the index in spans of the span whose label name on line
// l is under pos, or -1.
func (v *View) tagAt(l int, pos fyne.Position) int {
	g := &v.geo
	if !g.deco.tags {
		return -1
	}
	y := pos.Y - v.lineY(l)
	for k := g.spanOff[l]; k < g.spanOff[l+1]; k++ {
		row := g.spanTag[k]
		if row < 0 {
			continue
		}
		x, w := v.tagSpan(l, k)
		if ty := g.m.tagY(int(g.lanes[l]), int(row)); pos.X >= x && pos.X < x+w && y >= ty && y < ty+g.m.tagBox {
			return int(g.spanIdx[k])
		}
	}
	return -1
}

// laneAt is the underline lane under pos on line l, if pos is below the
// line's text.
func (v *View) laneAt(l int, pos fyne.Position) (int, bool) {
	g := &v.geo
	yIn := pos.Y - v.lineY(l)
	if yIn < g.textH+g.m.ulGap {
		return 0, false
	}
	return int((yIn - g.textH - g.m.ulGap) / g.m.laneH), true
}

// underlineAt returns the index in spans of the one whose underline on
// line l, in lane, is under x (bucketed by off, idx, lanes as byLine and
// indexSpans make them), or -1.
func (v *View) underlineAt(l, lane int, x float32, spans []annotate.Span, off, idx []int32, lanes []uint8) int {
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
func (v *View) scrollRangeIntoView(start, end int) {
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
func (v *View) displayLine(l int) string {
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

// baseTextSize is the text size the rhythm constants above are for; at
// other sizes (zoom) they scale with the text.
const baseTextSize = 14

// Label names and links to speakers, in units at baseTextSize.
const (
	tagTextRatio = 0.74 // tag text size / text size
	tagPadX      = 3    // space left and right of a tag's text
	tagPadY      = 1    // space above and below it
	tagRowGap    = 2    // between a tag row and the next
	tagGapX      = 4    // least space between two tags in a row
	maxTagRows   = 4
	linkGap      = 8 // the band under each line that links run along
	linkWidth    = 1.5
	linkDot      = 7
	linkSlots    = 6 // at most this many links in one band get a lane of their own
	linkSlotGap  = 3 // between two links in one band
	linkInset    = 4 // a link leaves and reaches a span this far inside its start
)

// decorations are the optional drawings: label names on the spans and
// links from quotes and threats to their speakers.
type decorations struct {
	tags, links bool
}

// lineMetrics is the vertical rhythm of a line at one text size, in
// Fyne units: the text, the underline lanes, the rows of tags, a gap and,
// when links are drawn, the band they run along.
type lineMetrics struct {
	k                   float32 // scale: text size / baseTextSize
	textH               float32
	ulGap, laneH, gap   float32
	tagSize, tagBox     float32 // tag text size; height of a tag
	tagRow              float32 // height of a tag row: the tag and a gap
	linkGap, linkW, dot float32
	slotGap             float32
}

func newLineMetrics(textSize, textH float32) lineMetrics {
	k := textSize / baseTextSize
	m := lineMetrics{
		k: k, textH: textH,
		ulGap: underlineGap * k, laneH: laneHeight * k, gap: lineGap * k,
		tagSize: textSize * tagTextRatio,
		linkGap: linkGap * k, linkW: linkWidth * k, dot: linkDot * k, slotGap: linkSlotGap * k,
	}
	m.tagBox = fyne.MeasureText("QUOTE", m.tagSize, fyne.TextStyle{Bold: true}).Height + 2*tagPadY*k
	m.tagRow = m.tagBox + tagRowGap*k
	return m
}

// height is the height of a line with lanes underline lanes (at least
// one is reserved), tagRows rows of tags and a band for links links; an
// empty line (a paragraph break) is half a line, and its band full.
func (m lineMetrics) height(lanes, tagRows, links int, empty bool) float32 {
	h := m.textH + m.ulGap + float32(max(1, lanes))*m.laneH + float32(tagRows)*m.tagRow + m.gap
	if empty {
		h /= 2
	}
	return h + m.band(links)
}

// band is the height of the band under a line for links links: one lane
// each, up to linkSlots.
func (m lineMetrics) band(links int) float32 {
	if links <= 0 {
		return 0
	}
	return m.linkGap + float32(min(links, linkSlots)-1)*m.slotGap
}

// laneY is the offset from a line's top to the underline of lane.
func (m lineMetrics) laneY(lane int) float32 {
	return m.textH + m.ulGap + float32(lane)*m.laneH
}

// tagY is the offset from a line's top to the tag row row, below the
// line's lanes underline lanes.
func (m lineMetrics) tagY(lanes, row int) float32 {
	return m.laneY(max(1, lanes)) + m.ulGap + float32(row)*m.tagRow
}

// linkY is the offset from the top of a line of height h to lane slot
// of its band for links links, the space under its tags.
func (m lineMetrics) linkY(h float32, links, slot int) float32 {
	n := max(1, min(links, linkSlots))
	return h - m.band(links) - m.gap/2 + m.linkGap/2 + float32(slot%n)*m.slotGap
}

// tagText is the name drawn on a span: its label, and a quote's kind.
func tagText(s annotate.Span) string {
	if s.Label != annotate.Quote {
		return string(s.Label)
	}
	switch k := s.QuoteKind(); k {
	case annotate.KindDirect:
		return "QUOTE·direct"
	case annotate.KindIndirect:
		return "QUOTE·indirect"
	default:
		return "QUOTE·" + k
	}
}

// tagWidth is the width of tag text, measured once per text size.
func (g *geometry) tagWidth(text string) float32 {
	if w, ok := g.tagW[text]; ok {
		return w
	}
	if g.tagW == nil {
		g.tagW = map[string]float32{}
	}
	w := fyne.MeasureText(text, g.m.tagSize, fyne.TextStyle{Bold: true}).Width + 2*tagPadX*g.m.k
	g.tagW[text] = w
	return w
}

// linkPair is a link to draw: the indexes in spans of the quote or
// threat and of its speaker, and the lines they start on.
type linkPair struct {
	from, to         int32
	fromLine, toLine int32
}

// indexLinks lists the links to draw, by the line of their quote or
// threat, and counts the links in each line's band (routeLink's).
func (g *geometry) indexLinks(v *View) {
	g.bands = resize(g.bands, len(g.lay.Lines))
	clear(g.bands)
	g.links = g.links[:0]
	if !g.deco.links {
		return
	}
	for _, rel := range v.rels {
		from, ok1 := v.byID[rel.From]
		to, ok2 := v.byID[rel.To]
		if !ok1 || !ok2 || !isLink(rel) {
			continue
		}
		lf, lt := g.lay.LineAt(v.spans[from].Start), g.lay.LineAt(v.spans[to].Start)
		g.links = append(g.links, linkPair{from: int32(from), to: int32(to), fromLine: int32(lf), toLine: int32(lt)})
		if l := bandLine(lf, lt); g.bands[l] < 255 {
			g.bands[l]++
		}
	}
	sort.SliceStable(g.links, func(i, j int) bool { return g.links[i].fromLine < g.links[j].fromLine })
}

// visibleLinks returns the links whose two ends start on lines in
// [first, last), in order of their first line, calling f for each.
func (g *geometry) visibleLinks(first, last int, f func(p linkPair)) {
	i := sort.Search(len(g.links), func(i int) bool { return int(g.links[i].fromLine) >= first })
	for ; i < len(g.links) && int(g.links[i].fromLine) < last; i++ {
		if p := g.links[i]; int(p.toLine) >= first && int(p.toLine) < last {
			f(p)
		}
	}
}

// isLink says whether rel is drawn as a link: a quote's or a threat's to
// its speaker.
func isLink(rel annotate.Relation) bool {
	return rel.Label == annotate.AttributedTo || rel.Label == annotate.IssuedBy
}

// bandLine is the line whose band a link from line from to line to runs
// in: the speaker's, or the one above it when the speaker is below.
func bandLine(from, to int) int {
	if to > from {
		return to - 1
	}
	return to
}

// placeTags gives each span starting on line l a tag row, the first
// where its tag fits after the tags already there, and returns the rows
// used (0 when label names are off).
func (g *geometry) placeTags(v *View, l int) uint8 {
	ln := g.lay.Lines[l]
	var ends [maxTagRows]float32
	used := 0
	for k := g.spanOff[l]; k < g.spanOff[l+1]; k++ {
		g.spanTag[k] = -1
		s := v.spans[g.spanIdx[k]]
		if !g.deco.tags || s.Start < ln.Start {
			continue
		}
		w := g.tagWidth(tagText(s))
		x := tagX(g.lay.X(l, s.Start), w, g.width)
		row := placeTagRow(ends[:], x, w, tagGapX*g.m.k)
		g.spanTag[k] = int8(row)
		used = max(used, row+1)
	}
	return uint8(used)
}

// tagX is where a tag of width w for a span starting at x goes: at the
// start, moved left as needed to end within width.
func tagX(x, w, width float32) float32 {
	return max(0, min(x, width-w))
}

// placeTagRow puts a tag [x, x+w) in the first row of ends (each row's
// right end so far) where it starts at least gap after the last tag, or
// in the row that ends first when none has room; it returns the row.
func placeTagRow(ends []float32, x, w, gap float32) int {
	best := 0
	for r, e := range ends {
		if e == 0 || x >= e+gap {
			ends[r] = x + w
			return r
		}
		if e < ends[best] {
			best = r
		}
	}
	ends[best] = x + w
	return best
}

// linkEnd is where a link meets a span: on line, at x, between top (the
// top of its text) and bottom (the bottom of its tag, or of its
// underline without label names), in widget coordinates.
type linkEnd struct {
	line           int
	x, top, bottom float32
}

// routeLink is the path of a link from a quote or threat to its speaker:
// four points, with horizontal and vertical legs only. The horizontal leg
// runs in a link band (bandY gives a line's): the band of their line
// when both are on one line; else the band next to the speaker's line,
// so that it crosses no text there.
func routeLink(from, to linkEnd, bandY func(line int) float32) [4]fyne.Position {
	var y0, band, y1 float32
	switch {
	case to.line == from.line:
		y0, band, y1 = from.bottom, bandY(from.line), to.bottom
	case to.line < from.line: // speaker above: leave upwards
		y0, band, y1 = from.top, bandY(to.line), to.bottom
	default: // speaker below: leave downwards, reach its top
		y0, band, y1 = from.bottom, bandY(to.line-1), to.top
	}
	return [4]fyne.Position{{X: from.x, Y: y0}, {X: from.x, Y: band}, {X: to.x, Y: band}, {X: to.x, Y: y1}}
}

// linkEnd is where a link meets the span spans[i], which starts on line
// l: near its start, from the top of the text to the bottom of its tag
// (or of its underline without label names).
func (v *View) linkEnd(i, l int) linkEnd {
	g := &v.geo
	s := v.spans[i]
	y := v.lineY(l)
	e := linkEnd{line: l, top: y, bottom: y + g.m.laneY(1)}
	x0, x1 := v.xAt(l, s.Start), v.xAt(l, min(s.End, g.lay.Lines[l].End))
	e.x = x0 + min(linkInset*g.m.k, (x1-x0)/2)
	for k := g.spanOff[l]; k < g.spanOff[l+1]; k++ {
		if int(g.spanIdx[k]) != i {
			continue
		}
		e.bottom = y + g.m.laneY(int(g.spanLane[k])) + g.m.laneH - g.m.k
		if row := g.spanTag[k]; row >= 0 {
			e.bottom = y + g.m.tagY(int(g.lanes[l]), int(row)) + g.m.tagBox
			e.x = v.clearOfTags(l, k)
		}
	}
	return e
}

// tagSpan is the x extent of the tag of the span at spanIdx[k] on line l.
func (v *View) tagSpan(l int, k int32) (x, w float32) {
	s := v.spans[v.geo.spanIdx[k]]
	w = v.geo.tagWidth(tagText(s))
	return tagX(v.xAt(l, s.Start), w, v.textWidth()), w
}

// textWidth is the x where lines end, before the scroll bar.
func (v *View) textWidth() float32 {
	return v.Size().Width - v.geo.pad - scrollBarWidth
}

// clearOfTags is the x, inside the tag of the span at spanIdx[k] on line
// l, where a link leaving it downwards passes no tag of a lower row: near
// its left end, else near its right end (left when both are covered).
func (v *View) clearOfTags(l int, k int32) float32 {
	g := &v.geo
	x, w := v.tagSpan(l, k)
	inset := min(linkInset*g.m.k, w/2)
	covered := func(at float32) bool {
		for j := g.spanOff[l]; j < g.spanOff[l+1]; j++ {
			if g.spanTag[j] > g.spanTag[k] {
				if x2, w2 := v.tagSpan(l, j); at >= x2-g.m.linkW && at <= x2+w2+g.m.linkW {
					return true
				}
			}
		}
		return false
	}
	for _, at := range [...]float32{x + inset, x + w - inset} {
		if !covered(at) {
			return at
		}
	}
	return x + inset
}
