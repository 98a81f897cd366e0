package view

import (
	"fmt"
	"image/color"
	"image/png"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/sayso/sayso/annotate"
)

// viewText has overlapping spans, non-ASCII words and emoji.
const viewText = "President Joe Biden threatened Russian President Vladimir Putin for interfering in U.S. elections.\n\n" +
	"“He knows I will take action,” Biden said, noting the United States has “significant cyber capability” and will respond.\n\n" +
	"🙂 Señor Müller dijo: «ça va» 👍🏽 and the Kremlin denied it."

// cpOf returns the code point offset of the n-th (0-based) occurrence of
// sub in text.
func cpOf(t testing.TB, text, sub string, n int) int {
	t.Helper()
	b := 0
	for ; n >= 0; n-- {
		i := strings.Index(text[b:], sub)
		if i < 0 {
			t.Fatalf("%q not in text", sub)
		}
		b += i
		if n > 0 {
			b += len(sub)
		}
	}
	return len([]rune(text[:b]))
}

// spanOf makes a span over the first occurrence of sub.
func spanOf(t testing.TB, id string, label annotate.Label, kind, sub string) annotate.Span {
	s := cpOf(t, viewText, sub, 0)
	sp := annotate.Span{ID: id, Label: label, Start: s, End: s + len([]rune(sub)), Text: sub}
	if kind != "" {
		sp.Attrs = map[string]any{annotate.AttrKind: kind}
	}
	return sp
}

func viewDoc(t testing.TB) *annotate.Document {
	return &annotate.Document{
		Text: viewText,
		Spans: []annotate.Span{
			spanOf(t, "s1", annotate.Speaker, "", "President Joe Biden"),
			spanOf(t, "t1", annotate.Threat, "", "threatened Russian President Vladimir Putin for interfering in U.S. elections"),
			spanOf(t, "q1", annotate.Quote, annotate.KindDirect, "He knows I will take action"),
			spanOf(t, "t2", annotate.Threat, "", "He knows I will take action"),
			spanOf(t, "s2", annotate.Speaker, "", "Biden said"),
			spanOf(t, "q2", annotate.Quote, annotate.KindIndirect, "the United States has “significant cyber capability” and will respond"),
			spanOf(t, "q3", annotate.Quote, annotate.KindDirect, "significant cyber capability"),
			spanOf(t, "q4", annotate.Quote, annotate.KindDirect, "ça va"),
		},
		Relations: []annotate.Relation{
			{Label: annotate.IssuedBy, From: "t1", To: "s1"},
			{Label: annotate.AttributedTo, From: "q1", To: "s2"},
		},
	}
}

// newTestView shows doc in a window of the given size.
func newTestView(t *testing.T, doc *annotate.Document, w, h float32) (*View, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	v := New()
	win := test.NewTempWindow(t, v)
	win.SetPadded(false)
	win.Resize(fyne.NewSize(w, h))
	v.SetDocument(doc)
	return v, win
}

// pointOf is the widget position in the middle of code point cp.
func pointOf(v *View, cp int) fyne.Position {
	l := v.geo.lay.LineAt(cp)
	return fyne.NewPos((v.xAt(l, cp)+v.xAt(l, cp+1))/2, v.lineY(l)+v.geo.textH/2)
}

// boundaryPoint is the widget position of the caret boundary before
// code point cp.
func boundaryPoint(v *View, cp int) fyne.Position {
	l := v.geo.lay.LineAt(cp)
	return fyne.NewPos(v.xAt(l, cp)+0.2, v.lineY(l)+v.geo.textH/2)
}

// drag sends the events of a drag from boundary a to boundary b in
// steps, after a MouseDown when press is set.
func drag(v *View, a, b int, press bool, mod fyne.KeyModifier) {
	p0, p1 := boundaryPoint(v, a), boundaryPoint(v, b)
	if press {
		v.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p0}, Button: desktop.MouseButtonPrimary, Modifier: mod})
	}
	const steps = 4
	prev := p0
	for i := 1; i <= steps; i++ {
		f := float32(i) / steps
		p := fyne.NewPos(p0.X+(p1.X-p0.X)*f, p0.Y+(p1.Y-p0.Y)*f)
		v.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: p}, Dragged: fyne.NewDelta(p.X-prev.X, p.Y-prev.Y)})
		prev = p
	}
	v.DragEnd()
	if press {
		v.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p1}, Button: desktop.MouseButtonPrimary})
	}
}

func selected(v *View) string {
	s, e := v.Selection()
	return string(v.text[s:e])
}

func TestViewDragSelect(t *testing.T) {
	tests := map[string]struct {
		from, to string // drag from the first rune of from to the last rune of to
		press    bool
		mod      fyne.KeyModifier
		want     string
	}{
		"snaps to words":     {"ladimir", "Puti", true, 0, "Vladimir Putin"},
		"without mouse down": {"ladimir", "Puti", false, 0, "Vladimir Putin"},
		"backwards":          {"uti", "ladimir", true, 0, "Vladimir Putin"},
		"alt selects chars":  {"ladimir", "Puti", true, fyne.KeyModifierAlt, "ladimir Puti"},
		"across a line":      {"knows", "action", true, 0, "knows I will take action"},
		"non-ASCII":          {"eñor", "Mül", true, 0, "Señor Müller"},
		"emoji":              {"🙂", "eñor", true, 0, "🙂 Señor"},
		"guillemets":         {"ça", "va", true, 0, "ça va"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			v, _ := newTestView(t, viewDoc(t), 700, 400)
			a := cpOf(t, viewText, tt.from, 0)
			b := cpOf(t, viewText, tt.to, 0) + len([]rune(tt.to))
			if tt.from == "uti" {
				a, b = cpOf(t, viewText, "Putin", 0)+4, cpOf(t, viewText, "ladimir", 0)
			}
			drag(v, a, b, tt.press, tt.mod)
			if got := selected(v); got != tt.want {
				t.Errorf("selection = %q, want %q", got, tt.want)
			}
			if v.SelectedSpan() != "" {
				t.Errorf("a drag keeps span %q selected", v.SelectedSpan())
			}
		})
	}
}

func TestViewDoubleTap(t *testing.T) {
	tests := map[string]struct{ at, want string }{
		"word":        {"lection", "elections"},
		"apostrophe":  {"Kremlin", "Kremlin"},
		"accented":    {"ü", "Müller"},
		"emoji":       {"👍", "👍🏽"},
		"punctuation": {"«", "«"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			v, _ := newTestView(t, viewDoc(t), 700, 400)
			v.DoubleTapped(&fyne.PointEvent{Position: pointOf(v, cpOf(t, viewText, tt.at, 0))})
			if got := selected(v); got != tt.want {
				t.Errorf("double tap on %q selects %q, want %q", tt.at, got, tt.want)
			}
		})
	}
}

type labelCall struct {
	label      annotate.Label
	kind       string
	start, end int
}

func TestViewLabelKeys(t *testing.T) {
	tests := map[string]struct {
		key  rune
		word string
		want labelCall
	}{
		"Q direct quote":   {'q', "Vladimir Putin", labelCall{annotate.Quote, annotate.KindDirect, 0, 0}},
		"I indirect quote": {'I', "Vladimir Putin", labelCall{annotate.Quote, annotate.KindIndirect, 0, 0}},
		"S speaker":        {'s', "Señor Müller", labelCall{annotate.Speaker, "", 0, 0}},
		"T threat":         {'T', "Kremlin denied", labelCall{annotate.Threat, "", 0, 0}},
		"after emoji":      {'q', "dijo", labelCall{annotate.Quote, annotate.KindDirect, 0, 0}},
		"emoji selection":  {'s', "👍🏽 and", labelCall{annotate.Speaker, "", 0, 0}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			v, _ := newTestView(t, viewDoc(t), 700, 400)
			var calls []labelCall
			v.OnLabel = func(l annotate.Label, kind string, s, e int) { calls = append(calls, labelCall{l, kind, s, e}) }
			a := cpOf(t, viewText, tt.word, 0)
			b := a + len([]rune(tt.word))
			drag(v, a, b, true, 0)
			v.TypedRune(tt.key)
			want := tt.want
			want.start, want.end = a, b
			if len(calls) != 1 || calls[0] != want {
				t.Fatalf("OnLabel calls = %+v, want %+v", calls, want)
			}
			if got := string([]rune(viewText)[calls[0].start:calls[0].end]); got != tt.word {
				t.Errorf("labelled %q, want %q", got, tt.word)
			}
		})
	}

	t.Run("no selection, no call", func(t *testing.T) {
		v, _ := newTestView(t, viewDoc(t), 700, 400)
		v.OnLabel = func(annotate.Label, string, int, int) { t.Error("OnLabel called without a selection") }
		test.TapAt(v, pointOf(v, cpOf(t, viewText, "elections", 0)))
		v.TypedRune('q')
	})

	t.Run("white space trimmed", func(t *testing.T) {
		v, _ := newTestView(t, viewDoc(t), 700, 400)
		var calls []labelCall
		v.OnLabel = func(l annotate.Label, kind string, s, e int) { calls = append(calls, labelCall{l, kind, s, e}) }
		a := cpOf(t, viewText, " Kremlin ", 0)
		v.SetSelection(a, a+9)
		v.TypedRune('s')
		v.SetSelection(a, a+1)
		v.TypedRune('s') // only a space: nothing to label
		if want := (labelCall{annotate.Speaker, "", a + 1, a + 8}); len(calls) != 1 || calls[0] != want {
			t.Errorf("OnLabel calls = %+v, want %+v", calls, want)
		}
	})

	t.Run("new span gets selected", func(t *testing.T) {
		d := viewDoc(t)
		v, _ := newTestView(t, d, 700, 400)
		var picked []string
		v.OnSelectSpan = func(id string) { picked = append(picked, id) }
		v.OnLabel = func(l annotate.Label, kind string, s, e int) {
			d.Spans = append(d.Spans, annotate.Span{ID: "new", Label: l, Start: s, End: e})
			v.SetAnnotations(d.Spans, d.Relations)
		}
		v.SetSelection(cpOf(t, viewText, "Kremlin", 0), cpOf(t, viewText, "Kremlin", 0)+7)
		v.TypedRune('s')
		if v.SelectedSpan() != "new" || fmt.Sprint(picked) != "[new]" {
			t.Errorf("after labelling, selected %q (callbacks %v), want the new span", v.SelectedSpan(), picked)
		}
		if s, e := v.Selection(); s != e {
			t.Errorf("text selection %d..%d kept after labelling", s, e)
		}
	})
}

func TestViewTapSpan(t *testing.T) {
	tests := map[string]struct {
		at   string
		taps int
		want []string // OnSelectSpan calls
	}{
		"speaker":             {"Joe", 1, []string{"s1"}},
		"innermost first":     {"cyber", 1, []string{"q3"}},
		"again: the outer":    {"cyber", 2, []string{"q3", "q2"}},
		"cycles back":         {"cyber", 3, []string{"q3", "q2", "q3"}},
		"same length: cycles": {"knows", 2, []string{"q1", "t2"}},
		"plain text":          {"Russian", 0, nil},
		"span then plain":     {"", 0, nil},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			v, _ := newTestView(t, viewDoc(t), 700, 400)
			var got []string
			v.OnSelectSpan = func(id string) { got = append(got, id) }
			if tt.at == "" {
				return
			}
			p := pointOf(v, cpOf(t, viewText, tt.at, 0))
			for range tt.taps {
				test.TapAt(v, p)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("OnSelectSpan calls = %v, want %v", got, tt.want)
			}
			if len(tt.want) > 0 && v.SelectedSpan() != tt.want[len(tt.want)-1] {
				t.Errorf("SelectedSpan() = %q", v.SelectedSpan())
			}
		})
	}

	t.Run("tap on plain text clears", func(t *testing.T) {
		v, _ := newTestView(t, viewDoc(t), 700, 400)
		var got []string
		v.OnSelectSpan = func(id string) { got = append(got, id) }
		test.TapAt(v, pointOf(v, cpOf(t, viewText, "Joe", 0)))
		c := cpOf(t, viewText, "noting", 0) + 2
		v.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pointOf(v, c)}, Button: desktop.MouseButtonPrimary})
		v.MouseUp(&desktop.MouseEvent{Button: desktop.MouseButtonPrimary})
		v.Tapped(&fyne.PointEvent{Position: pointOf(v, c)}) // the driver's delayed Tapped does nothing more
		if fmt.Sprint(got) != "[s1 ]" || v.SelectedSpan() != "" {
			t.Errorf("OnSelectSpan calls = %q, selected %q", got, v.SelectedSpan())
		}
		if s, e := v.Selection(); s != e || (s != c && s != c+1) {
			t.Errorf("caret at %d..%d, want %d", s, e, c)
		}
		if c := test.WidgetRenderer(v).(*viewRenderer).caret; !v.focused || !containsObject(v, c) {
			t.Errorf("caret not drawn after a click (focused %v)", v.focused)
		}
	})

	t.Run("underline picks its lane", func(t *testing.T) {
		v, _ := newTestView(t, viewDoc(t), 700, 400)
		c := cpOf(t, viewText, "cyber", 0)
		l := v.geo.lay.LineAt(c)
		p := pointOf(v, c)
		p.Y = v.lineY(l) + v.geo.textH + underlineGap + 1 // lane 0: the outer quote
		test.TapAt(v, p)
		if v.SelectedSpan() != "q2" {
			t.Errorf("tap on lane 0 selected %q, want q2", v.SelectedSpan())
		}
	})
}

func containsObject(v *View, o fyne.CanvasObject) bool {
	for _, x := range test.WidgetRenderer(v).Objects() {
		if x == o {
			return true
		}
	}
	return false
}

func TestViewDelete(t *testing.T) {
	for _, key := range []fyne.KeyName{fyne.KeyDelete, fyne.KeyBackspace} {
		t.Run(string(key), func(t *testing.T) {
			v, _ := newTestView(t, viewDoc(t), 700, 400)
			var got []string
			v.OnDelete = func(id string) { got = append(got, id) }
			v.TypedKey(&fyne.KeyEvent{Name: key}) // nothing selected
			v.SelectSpan("q3")
			v.TypedKey(&fyne.KeyEvent{Name: key})
			if fmt.Sprint(got) != "[q3]" {
				t.Errorf("OnDelete calls = %v, want [q3]", got)
			}
		})
	}
}

func TestViewSpanNavigation(t *testing.T) {
	order := []string{"s1", "t1", "q1", "t2", "s2", "q2", "q3", "q4"}
	tests := map[string]struct {
		start string
		keys  []fyne.KeyName
		shift bool
		want  []string
	}{
		"tab from the caret":   {"", []fyne.KeyName{fyne.KeyTab, fyne.KeyTab, fyne.KeyTab}, false, order[:3]},
		"tab wraps":            {"q4", []fyne.KeyName{fyne.KeyTab}, false, []string{"s1"}},
		"shift tab":            {"q2", []fyne.KeyName{fyne.KeyTab, fyne.KeyTab}, true, []string{"s2", "t2"}},
		"right and down":       {"q1", []fyne.KeyName{fyne.KeyRight, fyne.KeyDown}, false, []string{"t2", "s2"}},
		"left and up":          {"q1", []fyne.KeyName{fyne.KeyLeft, fyne.KeyUp}, false, []string{"t1", "s1"}},
		"arrows stop at ends":  {"s1", []fyne.KeyName{fyne.KeyLeft}, false, nil},
		"escape then arrows":   {"q1", []fyne.KeyName{fyne.KeyEscape, fyne.KeyRight}, false, []string{""}},
		"shift tab from caret": {"", []fyne.KeyName{fyne.KeyTab}, true, []string{"q4"}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			v, _ := newTestView(t, viewDoc(t), 700, 400)
			if !v.AcceptsTab() {
				t.Fatal("AcceptsTab() = false with spans")
			}
			v.SelectSpan(tt.start)
			var got []string
			v.OnSelectSpan = func(id string) { got = append(got, id) }
			if tt.shift {
				v.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
			}
			for _, k := range tt.keys {
				v.TypedKey(&fyne.KeyEvent{Name: k})
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("OnSelectSpan calls = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestViewCaretKeys(t *testing.T) {
	text := "one two three\n\nfour 🙂 five"
	start := strings.Index(text, "two")
	tests := map[string]struct {
		keys       []fyne.KeyName
		ctrl       bool
		shift      bool
		start, end int
	}{
		"right":             {[]fyne.KeyName{fyne.KeyRight}, false, false, 5, 5},
		"left":              {[]fyne.KeyName{fyne.KeyLeft}, false, false, 3, 3},
		"shift right":       {[]fyne.KeyName{fyne.KeyRight, fyne.KeyRight}, false, true, 4, 6},
		"ctrl right":        {[]fyne.KeyName{fyne.KeyRight}, true, false, 7, 7},
		"ctrl shift right":  {[]fyne.KeyName{fyne.KeyRight, fyne.KeyRight}, true, true, 4, 13},
		"ctrl left":         {[]fyne.KeyName{fyne.KeyLeft}, true, false, 0, 0},
		"home":              {[]fyne.KeyName{fyne.KeyHome}, false, false, 0, 0},
		"end":               {[]fyne.KeyName{fyne.KeyEnd}, false, false, 13, 13},
		"down skips blank":  {[]fyne.KeyName{fyne.KeyDown, fyne.KeyDown}, false, false, 19, 19},
		"over an emoji":     {[]fyne.KeyName{fyne.KeyDown, fyne.KeyDown, fyne.KeyEnd, fyne.KeyLeft, fyne.KeyLeft, fyne.KeyLeft, fyne.KeyLeft, fyne.KeyLeft, fyne.KeyLeft}, false, false, 20, 20},
		"ctrl end":          {[]fyne.KeyName{fyne.KeyEnd}, true, false, 26, 26},
		"shift down, up":    {[]fyne.KeyName{fyne.KeyDown, fyne.KeyUp}, false, true, 4, 4},
		"shift end":         {[]fyne.KeyName{fyne.KeyEnd}, false, true, 4, 13},
		"left collapses":    {[]fyne.KeyName{fyne.KeyLeft}, false, false, 3, 3},
		"escape keeps span": {[]fyne.KeyName{fyne.KeyEscape}, false, false, 4, 4},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			v, _ := newTestView(t, &annotate.Document{Text: text}, 500, 300)
			v.SetSelection(start, start)
			if tt.ctrl {
				v.KeyDown(&fyne.KeyEvent{Name: desktop.KeyControlLeft})
			}
			if tt.shift {
				v.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
			}
			for _, k := range tt.keys {
				if tt.ctrl { // the driver sends these as KeyDown only
					v.KeyDown(&fyne.KeyEvent{Name: k})
					v.KeyUp(&fyne.KeyEvent{Name: k})
				} else {
					v.TypedKey(&fyne.KeyEvent{Name: k})
				}
			}
			if s, e := v.Selection(); s != tt.start || e != tt.end {
				t.Errorf("selection = %d..%d, want %d..%d", s, e, tt.start, tt.end)
			}
		})
	}
}

func TestViewLinkMode(t *testing.T) {
	t.Run("click a speaker", func(t *testing.T) {
		v, _ := newTestView(t, viewDoc(t), 700, 400)
		var links [][2]string
		v.OnLink = func(from, to string) { links = append(links, [2]string{from, to}) }
		v.SelectSpan("q4")
		v.TypedRune('L')
		if !v.LinkMode() {
			t.Fatal("L on a quote does not start link mode")
		}
		if !containsObject(v, test.WidgetRenderer(v).(*viewRenderer).hint) {
			t.Error("no link mode hint drawn")
		}
		test.TapAt(v, pointOf(v, cpOf(t, viewText, "Russian", 0))) // not a speaker: leaves link mode
		if v.LinkMode() || len(links) > 0 {
			t.Fatalf("tap on plain text: link mode %v, links %v", v.LinkMode(), links)
		}
		v.SelectSpan("q4")
		v.StartLinkMode()
		test.TapAt(v, pointOf(v, cpOf(t, viewText, "Joe", 0)))
		if v.LinkMode() || fmt.Sprint(links) != "[[q4 s1]]" {
			t.Errorf("link mode %v, links %v, want [[q4 s1]]", v.LinkMode(), links)
		}
	})

	t.Run("tab and enter", func(t *testing.T) {
		v, _ := newTestView(t, viewDoc(t), 700, 400)
		var links [][2]string
		v.OnLink = func(from, to string) { links = append(links, [2]string{from, to}) }
		v.SelectSpan("q2")
		v.TypedRune('l')
		v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab}) // nearest speaker: s2
		v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab}) // next in order, wrapping: s1
		v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		if fmt.Sprint(links) != "[[q2 s1]]" {
			t.Errorf("links = %v, want [[q2 s1]]", links)
		}
	})

	t.Run("not from a speaker, escape leaves", func(t *testing.T) {
		v, _ := newTestView(t, viewDoc(t), 700, 400)
		v.SelectSpan("s1")
		v.TypedRune('l')
		if v.LinkMode() {
			t.Fatal("link mode from a speaker")
		}
		v.SelectSpan("t2")
		v.TypedRune('l')
		v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		if v.LinkMode() || v.SelectedSpan() != "t2" {
			t.Errorf("after Escape: link mode %v, selected %q", v.LinkMode(), v.SelectedSpan())
		}
	})
}

func TestViewLinkedHighlight(t *testing.T) {
	tests := map[string]struct {
		selected string
		want     []string
	}{
		"quote shows its speaker":  {"q1", []string{"s2"}},
		"speaker shows its quotes": {"s1", []string{"t1"}},
		"unlinked":                 {"q3", nil},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			v, _ := newTestView(t, viewDoc(t), 700, 400)
			v.SelectSpan(tt.selected)
			r := test.WidgetRenderer(v).(*viewRenderer)
			var got []string
			for id := range r.linked {
				got = append(got, id)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("outlined %v, want %v", got, tt.want)
			}
		})
	}
}

func TestViewHoverAndCursor(t *testing.T) {
	v, _ := newTestView(t, viewDoc(t), 700, 400)
	move := func(sub string) {
		v.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pointOf(v, cpOf(t, viewText, sub, 0))}})
	}
	move("knows") // q1 and t2 are as long; q1 sorts first
	r := test.WidgetRenderer(v).(*viewRenderer)
	if v.hovered != "q1" || !r.linked["s2"] {
		t.Errorf("hovering q1: hovered %q, outlined %v", v.hovered, r.linked)
	}
	if v.Cursor() != desktop.TextCursor {
		t.Errorf("cursor over text = %v", v.Cursor())
	}
	v.SelectSpan("q3")
	v.StartLinkMode()
	move("Joe")
	if v.Cursor() != desktop.PointerCursor {
		t.Errorf("cursor over a speaker in link mode = %v", v.Cursor())
	}
	v.MouseOut()
	if v.hovered != "" {
		t.Errorf("hovered %q after the mouse left", v.hovered)
	}
}

func TestViewScrollBar(t *testing.T) {
	v, _ := newTestView(t, longDoc(t, 3000), 600, 400)
	var scrolled []int
	v.OnScrolled = func(cp int) { scrolled = append(scrolled, cp) }
	x := v.Size().Width - 2
	press := func(y float32) {
		v.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(x, y)}, Button: desktop.MouseButtonPrimary})
	}
	press(390) // beside the bar, at the bottom: jumps there
	v.MouseUp(&desktop.MouseEvent{Button: desktop.MouseButtonPrimary})
	end := v.contentHeight() - v.Size().Height
	if v.scrollY < end*0.9 {
		t.Fatalf("a press at the bottom of the bar scrolled to %v of %v", v.scrollY, end)
	}
	by, bh, _ := v.scrollBar()
	press(by + bh/2) // grab the bar and drag it to the top
	for y := by + bh/2; y > -50; y -= 50 {
		v.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(x, y-50)}, Dragged: fyne.NewDelta(0, -50)})
	}
	v.DragEnd()
	v.MouseUp(&desktop.MouseEvent{Button: desktop.MouseButtonPrimary})
	if v.scrollY != 0 || len(scrolled) < 2 || scrolled[len(scrolled)-1] != 0 {
		t.Errorf("after dragging the bar up: scrollY %v, OnScrolled %v", v.scrollY, scrolled)
	}
	if s, e := v.Selection(); s != e {
		t.Errorf("dragging the bar selected text %d..%d", s, e)
	}
}

func TestViewSetAnnotations(t *testing.T) {
	d := viewDoc(t)
	v, _ := newTestView(t, d, 700, 400)
	v.OnSelectSpan = func(string) { t.Error("OnSelectSpan called for an app call") }
	v.SelectSpan("q3")
	spans := append([]annotate.Span(nil), d.Spans...)
	spans = append(spans, annotate.Span{ID: "s9", Label: annotate.Speaker, Start: 0, End: 9})
	v.SetAnnotations(spans, d.Relations)
	if v.SelectedSpan() != "q3" {
		t.Errorf("selected %q after SetAnnotations, want q3 kept", v.SelectedSpan())
	}
	without := spans[:0:0]
	for _, s := range spans {
		if s.ID != "q3" {
			without = append(without, s)
		}
	}
	v.SetAnnotations(without, d.Relations)
	if v.SelectedSpan() != "" {
		t.Errorf("selected %q after its span was removed", v.SelectedSpan())
	}
}

// longDoc repeats viewText to about n words, with a span in every copy.
func longDoc(t testing.TB, n int) *annotate.Document {
	var b strings.Builder
	d := &annotate.Document{}
	base := viewDoc(t)
	words := len(strings.Fields(viewText))
	for i, off := 0, 0; i*words < n; i++ {
		for _, s := range base.Spans {
			s.ID = fmt.Sprintf("%s-%d", s.ID, i)
			s.Start += off
			s.End += off
			d.Spans = append(d.Spans, s)
		}
		for _, r := range base.Relations {
			d.Relations = append(d.Relations, annotate.Relation{Label: r.Label, From: fmt.Sprintf("%s-%d", r.From, i), To: fmt.Sprintf("%s-%d", r.To, i)})
		}
		b.WriteString(viewText)
		b.WriteString("\n\n")
		off += len([]rune(viewText)) + 2
	}
	d.Text = b.String()
	return d
}

func TestViewScrolling(t *testing.T) {
	d := longDoc(t, 3000)
	v, _ := newTestView(t, d, 600, 400)
	lines := len(v.geo.lay.Lines)
	texts := func() int {
		n := 0
		for _, o := range test.WidgetRenderer(v).Objects() {
			if _, ok := o.(*canvas.Text); ok {
				n++
			}
		}
		return n
	}
	if n := texts(); n == 0 || n > 25 || lines < 200 {
		t.Fatalf("%d text objects for %d lines; want only the visible ones", n, lines)
	}
	var scrolled []int
	v.OnScrolled = func(cp int) { scrolled = append(scrolled, cp) }
	v.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -300)})
	if len(scrolled) != 1 || scrolled[0] <= 0 {
		t.Fatalf("OnScrolled calls = %v after scrolling down", scrolled)
	}
	first := scrolled[0]
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageDown})
	if len(scrolled) != 2 || scrolled[1] <= first {
		t.Errorf("OnScrolled calls = %v after PageDown", scrolled)
	}

	// SetAnnotations keeps the scroll position
	before := v.firstVisible()
	v.SetAnnotations(d.Spans[:len(d.Spans)/2], d.Relations)
	if after := v.firstVisible(); after != before {
		t.Errorf("first visible %d -> %d after SetAnnotations", before, after)
	}

	// ScrollToOffset, then a wider window: the same text stays on top
	target := len([]rune(d.Text)) / 2
	v.ScrollToOffset(target)
	l := v.geo.lay.Lines[v.geo.lay.LineAt(target)]
	if f := v.firstVisible(); f != l.Start {
		t.Errorf("after ScrollToOffset(%d) first visible = %d, want %d", target, f, l.Start)
	}
	test.WidgetRenderer(v).Layout(fyne.NewSize(900, 400))
	v.Resize(fyne.NewSize(900, 400))
	if f := v.firstVisible(); f > target || target-f > 200 {
		t.Errorf("after widening first visible = %d, want near %d", f, target)
	}

	// SelectSpan scrolls the span into view
	last := d.Spans[len(d.Spans)-1]
	v.SetAnnotations(d.Spans, d.Relations)
	v.SelectSpan(last.ID)
	ll := v.geo.lay.LineAt(last.Start)
	if y := v.lineY(ll); y < 0 || y > v.Size().Height {
		t.Errorf("selected span's line at y %v, outside the view", y)
	}
	if n := texts(); n > 25 {
		t.Errorf("%d text objects after scrolling", n)
	}
}

func TestViewBeforeLayout(t *testing.T) {
	test.NewTempApp(t)
	v := New()
	d := longDoc(t, 2000)
	v.SetDocument(d)
	v.ScrollToOffset(5000)
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	test.TapAt(v, fyne.NewPos(5, 5))
	w := test.NewTempWindow(t, v)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(600, 400))
	if f, want := v.firstVisible(), v.geo.lay.Lines[v.geo.lay.LineAt(5000)].Start; f != want {
		t.Errorf("ScrollToOffset before layout: first visible %d, want %d", f, want)
	}
}

func TestViewEmptyAndResize(t *testing.T) {
	v, w := newTestView(t, nil, 400, 300)
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab})
	v.TypedRune('q')
	test.TapAt(v, fyne.NewPos(50, 50))
	v.DoubleTapped(&fyne.PointEvent{Position: fyne.NewPos(50, 50)})
	drag(v, 0, 0, true, 0)
	if s, e := v.Selection(); s != 0 || e != 0 {
		t.Errorf("selection %d..%d in an empty document", s, e)
	}

	v.SetDocument(longDoc(t, 2000))
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	v.KeyDown(&fyne.KeyEvent{Name: desktop.KeyControlLeft})
	v.KeyDown(&fyne.KeyEvent{Name: fyne.KeyEnd}) // to the end of the text
	if v.scrollY == 0 {
		t.Fatal("Ctrl+End did not scroll")
	}
	w.Resize(fyne.NewSize(400, 900)) // taller: the scroll position is clamped
	if end := v.contentHeight() - v.Size().Height; v.scrollY > end {
		t.Errorf("scrollY %v beyond the end %v after a resize", v.scrollY, end)
	}
}

func TestViewRendersOverlaps(t *testing.T) {
	v, w := newTestView(t, viewDoc(t), 560, 260)
	w.Canvas().Focus(v)
	v.SelectSpan("q1")
	test.AssertRendersToMarkup(t, "view/overlaps.xml", w.Canvas())
	test.AssertRendersToImage(t, "view/overlaps.png", w.Canvas())
	v.SetSelection(cpOf(t, viewText, "Señor", 0), cpOf(t, viewText, "dijo", 0))
	v.StartLinkMode()
	test.AssertRendersToImage(t, "view/selection_link.png", w.Canvas())
}

// TestViewScreenshot renders a real article to the PNG named by
// $SAYSO_VIEW_PNG, to look at ($SAYSO_VIEW_DARK=1: dark theme).
func TestViewScreenshot(t *testing.T) {
	out := os.Getenv("SAYSO_VIEW_PNG")
	if out == "" {
		t.Skip("set SAYSO_VIEW_PNG=/tmp/view.png to render")
	}
	src := os.Getenv("SAYSO_VIEW_TEXT") // the seed article the spans below are for
	if src == "" {
		src = "../../shared/corpus/seeds/000_221279df9e4eb468.txt"
	}
	b, err := os.ReadFile(src)
	if err != nil {
		t.Skip(err)
	}
	text := annotate.NormalizeNewlines(string(b))
	span := func(id string, l annotate.Label, kind, sub string, n int) annotate.Span {
		s := cpOf(t, text, sub, n)
		sp := annotate.Span{ID: id, Label: l, Start: s, End: s + len([]rune(sub))}
		if kind != "" {
			sp.Attrs = map[string]any{annotate.AttrKind: kind}
		}
		return sp
	}
	d := &annotate.Document{Text: text, Spans: []annotate.Span{
		span("s1", annotate.Speaker, "", "Biden", 0),
		span("t1", annotate.Threat, "", "warns Putin of ‘action’ if Russian election interference and hacks persist", 0),
		span("q1", annotate.Quote, annotate.KindDirect, "action", 0),
		span("s2", annotate.Speaker, "", "President Joe Biden", 0),
		span("t2", annotate.Threat, "", "threatened Russian President Vladimir Putin for interfering in U.S. elections and for allowing attacks on American infrastructure originating from his country", 0),
		span("q2", annotate.Quote, annotate.KindDirect, "He knows I will take action", 0),
		span("t3", annotate.Threat, "", "He knows I will take action", 0),
		span("s3", annotate.Speaker, "", "Biden", 3),
		span("q3", annotate.Quote, annotate.KindIndirect, "the United States has “significant cyber capability” and will respond in kind", 0),
		span("q4", annotate.Quote, annotate.KindDirect, "significant cyber capability", 0),
		span("q5", annotate.Quote, annotate.KindDirect, "He doesn’t know exactly what it is, but it’s significant, and if, in fact, they violate these basic norms, we will respond", 0),
		span("t4", annotate.Threat, "", "if, in fact, they violate these basic norms, we will respond", 0),
		span("s4", annotate.Speaker, "", "the president", 0),
		span("q6", annotate.Quote, annotate.KindIndirect, "there would be repercussions for Russia’s standing on the world stage", 0),
	}, Relations: []annotate.Relation{
		{Label: annotate.IssuedBy, From: "t2", To: "s2"},
		{Label: annotate.AttributedTo, From: "q2", To: "s3"},
		{Label: annotate.AttributedTo, From: "q5", To: "s4"},
		{Label: annotate.IssuedBy, From: "t4", To: "s4"},
	}}
	a := test.NewTempApp(t)
	variant := theme.VariantLight
	if os.Getenv("SAYSO_VIEW_DARK") != "" {
		variant = theme.VariantDark
	}
	a.Settings().SetTheme(fixedVariant{theme.DefaultTheme(), variant})
	v := New()
	w := test.NewTempWindow(t, v)
	w.Resize(fyne.NewSize(900, 700))
	v.SetDocument(d)
	w.Canvas().Focus(v)
	v.SelectSpan("q5")
	v.SetSelection(cpOf(t, text, "Wednesday summit", 0), cpOf(t, text, "Wednesday summit", 0)+16)
	v.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pointOf(v, cpOf(t, text, "Joe", 0))}})
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, w.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}

// fixedVariant is the default theme in one variant, for pictures.
type fixedVariant struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (t fixedVariant) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.variant)
}
