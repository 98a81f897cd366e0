package view

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/sayso/sayso/annotate"
)

// viewSugs are suggestions over viewText: one nested in another.
func viewSugs(t testing.TB) []annotate.Span {
	q := spanOf(t, "sq", annotate.Quote, annotate.KindDirect, "He knows I will take action")
	th := spanOf(t, "st", annotate.Threat, "", "He knows I will take action")
	s := spanOf(t, "ss", annotate.Speaker, "", "Biden said")
	s.End -= len(" said")
	return []annotate.Span{q, th, s}
}

// rectsOf counts the view's rectangles drawn in colour c (any alpha).
func rectsOf(v *View, c color.NRGBA) (n int) {
	for _, o := range test.WidgetRenderer(v).Objects() {
		if r, ok := o.(*canvas.Rectangle); ok && r.Visible() {
			for _, col := range []color.Color{r.FillColor, r.StrokeColor} {
				if col == nil {
					continue
				}
				x := toNRGBA(col)
				if x.R == c.R && x.G == c.G && x.B == c.B && x.A > 0 {
					n++
				}
			}
		}
	}
	return n
}

func TestViewSuggestionsDrawn(t *testing.T) {
	v, _ := newTestView(t, &annotate.Document{Text: viewText}, 800, 400)
	if rectsOf(v, colorThreat) != 0 {
		t.Fatal("threat colour before any suggestion")
	}
	v.SetSuggestions(viewSugs(t), nil)
	// a wash, dashes and two end caps per suggestion at least
	if n := rectsOf(v, colorThreat); n < 5 {
		t.Fatalf("%d threat-coloured rectangles for a suggested THREAT", n)
	}
	if len(v.spans) != 0 {
		t.Fatal("a suggestion became a span")
	}
	plain := rectsOf(v, colorDirect)
	v.FocusSuggestion("sq")
	// focused: a solid outline and two handles more, and fewer dashes
	var outlined, knobs int
	for _, o := range test.WidgetRenderer(v).Objects() {
		if r, ok := o.(*canvas.Rectangle); ok {
			if r.StrokeWidth == 2 && toNRGBA(r.StrokeColor) == colorDirect {
				outlined++
			}
			if r.CornerRadius == sugHandleKnobSize/2 && toNRGBA(r.FillColor) == colorDirect {
				knobs++
			}
		}
	}
	if outlined != 1 || knobs != 2 {
		t.Fatalf("focused suggestion: %d outlines, %d handles", outlined, knobs)
	}
	if rectsOf(v, colorDirect) >= plain {
		t.Fatal("the focused suggestion still has its dashes")
	}
	// no caret while a suggestion has the focus
	v.FocusGained()
	for _, o := range test.WidgetRenderer(v).Objects() {
		if o == test.WidgetRenderer(v).(*viewRenderer).caret {
			t.Fatal("caret drawn on a focused suggestion")
		}
	}
}

func TestViewSuggestionHitAndHover(t *testing.T) {
	v, _ := newTestView(t, &annotate.Document{Text: viewText}, 800, 400)
	v.SetSuggestions(viewSugs(t), nil)
	cp := cpOf(t, viewText, "knows", 0)
	hits := v.sugsAt(pointOf(v, cp))
	if len(hits) != 2 {
		t.Fatalf("%d suggestions under the pointer", len(hits))
	}
	v.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pointOf(v, cp)}})
	if v.hoveredSug == "" {
		t.Fatal("no hovered suggestion")
	}
	// a click focuses the first, a second click the other one there
	var got []string
	v.OnFocusSuggestion = func(id string) { got = append(got, id) }
	v.Tapped(&fyne.PointEvent{Position: pointOf(v, cp)})
	v.Tapped(&fyne.PointEvent{Position: pointOf(v, cp)})
	if len(got) != 2 || got[0] == got[1] {
		t.Fatalf("clicks focused %v", got)
	}
	// the pointer on a handle of the focused suggestion resizes
	s, _ := v.FocusedSuggestion()
	l := v.geo.lay.LineAt(s.End)
	end := fyne.NewPos(v.xAt(l, s.End), v.lineY(l)+v.geo.textH/2)
	v.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: end}})
	if v.Cursor() != desktop.HResizeCursor {
		t.Fatal("no resize cursor on the handle")
	}
	// clicking plain text leaves the suggestion
	v.Tapped(&fyne.PointEvent{Position: pointOf(v, cpOf(t, viewText, "Kremlin", 0))})
	if _, ok := v.FocusedSuggestion(); ok || got[len(got)-1] != "" {
		t.Fatal("a click elsewhere kept the focus")
	}
}

// SetSuggestions keeps the focus and its edited bounds; when the focused
// suggestion goes after an accept, the next one gets the focus.
func TestViewSetSuggestionsKeepsFocus(t *testing.T) {
	v, _ := newTestView(t, &annotate.Document{Text: viewText}, 800, 400)
	sugs := viewSugs(t)
	v.SetSuggestions(sugs, nil)
	v.FocusSuggestion("sq")
	v.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	v.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	f, _ := v.FocusedSuggestion()
	if f.Text != "He knows I will take action," {
		t.Fatalf("edited to %q", f.Text)
	}
	v.SetSuggestions(sugs, nil)
	if g, _ := v.FocusedSuggestion(); g.Text != f.Text {
		t.Fatalf("SetSuggestions lost the edited bounds: %q", g.Text)
	}
	var accepted annotate.Span
	v.OnAcceptSuggestion = func(id string, s annotate.Span) {
		accepted = s
		v.SetSuggestions(sugs[1:], nil) // the app drops it
	}
	v.TypedRune('a')
	if accepted.Text != "He knows I will take action," || accepted.ID != "sq" {
		t.Fatalf("accepted %+v", accepted)
	}
	if g, _ := v.FocusedSuggestion(); g.ID != "st" {
		t.Fatalf("focus went to %q", g.ID)
	}
	// without an accept, a vanished suggestion leaves no focus
	v.SetSuggestions(sugs[2:], nil)
	if _, ok := v.FocusedSuggestion(); ok {
		t.Fatal("focus moved by itself")
	}
	// a new document drops the suggestions
	v.SetSuggestions(sugs, nil)
	v.SetDocument(&annotate.Document{Text: "x"})
	if len(v.Suggestions()) != 0 {
		t.Fatal("suggestions survived SetDocument")
	}
}

// Bounds edits stop short of an empty suggestion.
func TestViewEditBoundsLimits(t *testing.T) {
	v, _ := newTestView(t, &annotate.Document{Text: viewText}, 800, 400)
	v.SetSuggestions(viewSugs(t), nil)
	v.FocusSuggestion("ss") // "Biden"
	v.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	for range 3 {
		v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	}
	v.KeyDown(&fyne.KeyEvent{Name: desktop.KeyControlLeft})
	v.KeyDown(&fyne.KeyEvent{Name: fyne.KeyRight})
	v.KeyUp(&fyne.KeyEvent{Name: fyne.KeyRight})
	v.KeyUp(&fyne.KeyEvent{Name: desktop.KeyControlLeft})
	v.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	if f, _ := v.FocusedSuggestion(); f.Text != "Biden" {
		t.Fatalf("bounds became %q", f.Text)
	}
}
