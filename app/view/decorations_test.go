package view

import (
	"fmt"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/sayso/sayso/annotate"
)

func near(a, b float32) bool { return math.Abs(float64(a-b)) < 1e-3 }

func TestPlaceTagRow(t *testing.T) {
	type tag struct{ x, w float32 }
	tests := map[string]struct {
		rows int
		tags []tag
		want []int
	}{
		"apart":            {2, []tag{{0, 50}, {60, 50}, {200, 10}}, []int{0, 0, 0}},
		"too close":        {2, []tag{{0, 50}, {52, 50}}, []int{0, 1}},
		"same start":       {3, []tag{{10, 80}, {10, 40}, {10, 60}}, []int{0, 1, 2}},
		"back to row 0":    {2, []tag{{0, 50}, {20, 50}, {60, 20}}, []int{0, 1, 0}},
		"rows full":        {2, []tag{{0, 100}, {1, 10}, {2, 300}, {3, 10}}, []int{0, 1, 1, 0}}, // then the row that ends first
		"exactly gap away": {2, []tag{{0, 50}, {54, 10}}, []int{0, 0}},
	}
	for name, tt := range tests {
		ends := make([]float32, tt.rows)
		for i, g := range tt.tags {
			if got := placeTagRow(ends, g.x, g.w, 4); got != tt.want[i] {
				t.Errorf("%s: tag %d in row %d, want %d", name, i, got, tt.want[i])
			}
		}
	}
}

func TestTagX(t *testing.T) {
	for _, c := range []struct{ x, w, width, want float32 }{
		{10, 50, 400, 10}, {380, 50, 400, 350}, {0, 50, 30, 0},
	} {
		if got := tagX(c.x, c.w, c.width); got != c.want {
			t.Errorf("tagX(%v, %v, %v) = %v, want %v", c.x, c.w, c.width, got, c.want)
		}
	}
}

func TestLineMetrics(t *testing.T) {
	test.NewTempApp(t)
	m1 := newLineMetrics(14, 20)
	m2 := newLineMetrics(28, 40)
	if m1.laneH != laneHeight || m1.ulGap != underlineGap || m1.gap != lineGap {
		t.Errorf("at the base size: lanes %v, gap %v, %v", m1.laneH, m1.ulGap, m1.gap)
	}
	if m2.laneH != 2*laneHeight || m2.linkGap != 2*linkGap || !near(m2.tagSize, 2*m1.tagSize) {
		t.Errorf("at twice the size: lanes %v, link band %v, tag text %v", m2.laneH, m2.linkGap, m2.tagSize)
	}
	for _, m := range []lineMetrics{m1, m2} {
		plain := m.height(1, 0, 0, false)
		if want := m.textH + m.ulGap + m.laneH + m.gap; !near(plain, want) {
			t.Errorf("height %v, want %v", plain, want)
		}
		if h := m.height(0, 0, 0, false); h != plain {
			t.Error("a line without spans does not keep one lane")
		}
		if h := m.height(2, 2, 1, false); !near(h, plain+m.laneH+2*m.tagRow+m.linkGap) {
			t.Errorf("with 2 lanes, 2 tag rows and a link: %v", h)
		}
		if h := m.height(2, 2, 3, false); !near(h, m.height(2, 2, 1, false)+2*m.slotGap) {
			t.Errorf("with 3 links: %v", h)
		}
		if h := m.height(2, 2, 99, false); !near(h, m.height(2, 2, linkSlots, false)) {
			t.Errorf("band grows past %d links: %v", linkSlots, h)
		}
		if h := m.height(2, 2, 1, true); !near(h, m.height(2, 2, 0, false)/2+m.linkGap) {
			t.Errorf("empty line %v", h)
		}
		// tags sit below the lanes, rows one under the other, and the
		// link band below the tags within the line, one lane per link
		if m.tagY(3, 0) < m.laneY(3) || !near(m.tagY(3, 1)-m.tagY(3, 0), m.tagRow) || m.tagBox >= m.tagRow {
			t.Errorf("tag rows at %v, %v; lanes end %v", m.tagY(3, 0), m.tagY(3, 1), m.laneY(3))
		}
		for _, links := range []int{1, 2, 4} {
			h := m.height(1, 1, links, false)
			prev := float32(-1)
			for slot := range links {
				y := m.linkY(h, links, slot)
				if y <= m.tagY(1, 0)+m.tagBox || y >= h {
					t.Errorf("%d links: slot %d at %v, outside the band (tags end %v, line %v)", links, slot, y, m.tagY(1, 0)+m.tagBox, h)
				}
				if y <= prev {
					t.Errorf("%d links: slot %d at %v, not below slot %d", links, slot, y, slot-1)
				}
				prev = y
			}
		}
	}
}

func TestRouteLink(t *testing.T) {
	band := func(l int) float32 { return float32(l)*100 + 90 } // line l spans [l*100, l*100+100)
	end := func(line int, x float32) linkEnd {
		return linkEnd{line: line, x: x, top: float32(line) * 100, bottom: float32(line)*100 + 60}
	}
	tests := map[string]struct {
		from, to linkEnd
		want     [4]fyne.Position
	}{
		"same line": {end(2, 300), end(2, 20), [4]fyne.Position{{X: 300, Y: 260}, {X: 300, Y: 290}, {X: 20, Y: 290}, {X: 20, Y: 260}}},
		"speaker on the line above": {end(3, 50), end(2, 400),
			[4]fyne.Position{{X: 50, Y: 300}, {X: 50, Y: 290}, {X: 400, Y: 290}, {X: 400, Y: 260}}},
		"speaker two lines above": {end(5, 50), end(3, 400),
			[4]fyne.Position{{X: 50, Y: 500}, {X: 50, Y: 390}, {X: 400, Y: 390}, {X: 400, Y: 360}}},
		"speaker below": {end(1, 80), end(3, 10),
			[4]fyne.Position{{X: 80, Y: 160}, {X: 80, Y: 290}, {X: 10, Y: 290}, {X: 10, Y: 300}}},
	}
	for name, tt := range tests {
		got := routeLink(tt.from, tt.to, band)
		if got != tt.want {
			t.Errorf("%s: %v, want %v", name, got, tt.want)
		}
		for i := 0; i+1 < len(got); i++ {
			if got[i].X != got[i+1].X && got[i].Y != got[i+1].Y {
				t.Errorf("%s: leg %d is not horizontal or vertical", name, i)
			}
		}
	}
}

// dots returns the link dots drawn: round rectangles of the dot's size.
func dots(v *View) []*canvas.Rectangle {
	var out []*canvas.Rectangle
	d := v.geo.m.dot
	for _, o := range test.WidgetRenderer(v).Objects() {
		if r, ok := o.(*canvas.Rectangle); ok && r.CornerRadius == d/2 && r.Size().Width == d && r.Size().Height == d {
			out = append(out, r)
		}
	}
	return out
}

func tagsDrawn(v *View) map[string]fyne.Position {
	out := map[string]fyne.Position{}
	for _, o := range test.WidgetRenderer(v).Objects() {
		if tx, ok := o.(*canvas.Text); ok && tx.TextStyle.Bold && tx.TextSize == v.geo.m.tagSize {
			out[fmt.Sprintf("%s@%v", tx.Text, tx.Position())] = tx.Position()
		}
	}
	return out
}

func TestViewLabelNames(t *testing.T) {
	d := viewDoc(t)
	v, _ := newTestView(t, d, 560, 400)
	h0 := v.contentHeight()
	if n := len(tagsDrawn(v)); n != 0 {
		t.Fatalf("%d tags with label names off", n)
	}
	v.SetLabelNames(true)
	if v.contentHeight() <= h0 {
		t.Error("lines did not grow for the tags")
	}
	if n := len(tagsDrawn(v)); n != len(d.Spans) {
		t.Errorf("%d tags drawn, want one per span (%d)", n, len(d.Spans))
	}
	g := &v.geo
	for l := range g.lay.Lines {
		type box struct{ x0, x1 float32 }
		rows := map[int8][]box{}
		for k := g.spanOff[l]; k < g.spanOff[l+1]; k++ {
			s := v.spans[g.spanIdx[k]]
			starts := s.Start >= g.lay.Lines[l].Start
			if (g.spanTag[k] >= 0) != starts {
				t.Errorf("%s on line %d: tag row %d, starts here %v", s.ID, l, g.spanTag[k], starts)
			}
			if g.spanTag[k] < 0 {
				continue
			}
			x, w := v.tagSpan(l, k)
			if want := min(v.xAt(l, s.Start), v.textWidth()-w); !near(x, want) || x+w > v.textWidth()+0.01 {
				t.Errorf("%s: tag at %v, want %v (the span's start, or as near as fits)", s.ID, x, want)
			}
			for _, b := range rows[g.spanTag[k]] {
				if x < b.x1 && b.x0 < x+w {
					t.Errorf("%s: tag overlaps another in row %d", s.ID, g.spanTag[k])
				}
			}
			rows[g.spanTag[k]] = append(rows[g.spanTag[k]], box{x, x + w})
		}
		if int(g.tagRows[l]) != len(rows) {
			t.Errorf("line %d: %d tag rows, %d used", l, g.tagRows[l], len(rows))
		}
	}
	for _, s := range []annotate.Span{{Label: annotate.Quote, Attrs: map[string]any{annotate.AttrKind: annotate.KindIndirect}}, {Label: annotate.Speaker}, {Label: annotate.Threat}} {
		if tagText(s) == "" || tagText(s) == tagText(annotate.Span{Label: annotate.Quote}) {
			t.Errorf("tag %q does not tell %s apart", tagText(s), s.Label)
		}
	}
	// a click on a tag selects its span
	for _, id := range []string{"t2", "q1", "s2"} {
		s, _ := v.span(id)
		l := g.lay.LineAt(s.Start)
		for k := g.spanOff[l]; k < g.spanOff[l+1]; k++ {
			if v.spans[g.spanIdx[k]].ID == id {
				x, w := v.tagSpan(l, k)
				test.TapAt(v, fyne.NewPos(x+w/2, v.lineY(l)+g.m.tagY(int(g.lanes[l]), int(g.spanTag[k]))+g.m.tagBox/2))
			}
		}
		if v.SelectedSpan() != id {
			t.Errorf("tap on the tag of %s selected %q", id, v.SelectedSpan())
		}
	}
	v.SetLabelNames(false)
	if v.contentHeight() != h0 || len(tagsDrawn(v)) != 0 {
		t.Error("label names off did not restore the lines")
	}
}

func TestViewLinks(t *testing.T) {
	d := viewDoc(t)
	v, w := newTestView(t, d, 560, 400)
	v.SetLinks(true)
	if n := len(dots(v)); n != len(d.Relations) {
		t.Fatalf("%d link dots, want %d", n, len(d.Relations))
	}
	// each dot is at the speaker's end, at its start
	for _, rel := range d.Relations {
		s, _ := v.span(rel.To)
		to := v.linkEnd(v.byID[rel.To], v.geo.lay.LineAt(s.Start))
		found := false
		for _, r := range dots(v) {
			c := r.Position().Add(fyne.NewPos(r.Size().Width/2, r.Size().Height/2))
			found = found || (near(c.X, to.x) && (near(c.Y, to.bottom) || near(c.Y, to.top)))
		}
		if !found {
			t.Errorf("no dot at the speaker end of %s → %s (%v)", rel.From, rel.To, to)
		}
		l := v.geo.lay.LineAt(s.Start)
		if to.x < v.xAt(l, s.Start) || to.x > v.xAt(l, s.End) {
			t.Errorf("link reaches %s at x %v, outside it", rel.To, to.x)
		}
	}
	// scrolled so a speaker is out of view: its link is not drawn
	w.Resize(fyne.NewSize(560, 120))
	v.ScrollToOffset(cpOf(t, viewText, "“He knows", 0))
	if n := len(dots(v)); n != 1 {
		t.Errorf("%d dots with the first paragraph scrolled away, want 1", n)
	}
	v.SetLinks(false)
	if n := len(dots(v)); n != 0 {
		t.Errorf("%d dots with links off", n)
	}
}

func TestViewDecorationsKeepScroll(t *testing.T) {
	v, _ := newTestView(t, longDoc(t, 2000), 600, 400)
	v.ScrollToOffset(4000)
	first := v.firstVisible()
	v.SetLabelNames(true)
	v.SetLinks(true)
	if f := v.firstVisible(); f != first {
		t.Errorf("first visible %d -> %d after turning on label names and links", first, f)
	}
}

func TestViewRendersLabelNamesAndLinks(t *testing.T) {
	v, w := newTestView(t, viewDoc(t), 560, 330)
	v.SetLabelNames(true)
	v.SetLinks(true)
	w.Canvas().Focus(v)
	v.SelectSpan("q1")
	test.AssertRendersToImage(t, "view/names_links.png", w.Canvas())
}

// TestViewRendersPresentation is the view as presentation mode shows it:
// the theme zoomed, the rhythm and tags scaled with it.
func TestViewRendersPresentation(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(scaledTheme{a.Settings().Theme(), zoomPresentDefault})
	v := New()
	w := test.NewTempWindow(t, v)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(900, 560))
	v.SetDocument(viewDoc(t))
	v.SetLabelNames(true)
	v.SetLinks(true)
	if want := theme.DefaultTheme().Size(theme.SizeNameText) * zoomPresentDefault; !near(v.geo.textSize, want) || !near(v.geo.m.laneH, laneHeight*zoomPresentDefault) {
		t.Errorf("text %v, lanes %v at zoom %v", v.geo.textSize, v.geo.m.laneH, zoomPresentDefault)
	}
	test.AssertRendersToImage(t, "view/presentation.png", w.Canvas())
}

// BenchmarkViewScrollNamesLinks is BenchmarkViewScroll10kWords with label
// names and links drawn.
func BenchmarkViewScrollNamesLinks(b *testing.B) {
	test.NewTempApp(b)
	v := New()
	w := test.NewTempWindow(b, v)
	w.Resize(fyne.NewSize(900, 700))
	v.SetDocument(longDoc(b, 10000))
	v.SetLabelNames(true)
	v.SetLinks(true)
	dy := float32(-40)
	b.ReportAllocs()
	for b.Loop() {
		before := v.scrollY
		v.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, dy)})
		if v.scrollY == before {
			dy = -dy
		}
	}
}

// zoomPresentDefault is presentation mode's zoom in the app.
const zoomPresentDefault = 1.6

// scaledTheme is the default theme with every size scaled, as the app's
// zoom does.
type scaledTheme struct {
	fyne.Theme
	k float32
}

func (t scaledTheme) Size(n fyne.ThemeSizeName) float32 { return t.Theme.Size(n) * t.k }
