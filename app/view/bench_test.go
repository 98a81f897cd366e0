package view

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// BenchmarkViewOpen10kWords opens a 10,000-word article with a few
// hundred spans in a new view: text layout, span index and the objects
// of the visible lines.
func BenchmarkViewOpen10kWords(b *testing.B) {
	test.NewTempApp(b)
	d := longDoc(b, 10000)
	w := test.NewTempWindow(b, nil)
	w.Resize(fyne.NewSize(900, 700))
	b.ReportAllocs()
	for b.Loop() {
		v := New()
		w.SetContent(v)
		v.SetDocument(d)
		if len(test.WidgetRenderer(v).Objects()) == 0 {
			b.Fatal("nothing drawn")
		}
	}
}

// BenchmarkViewScroll10kWords scrolls a 10,000-word article by a wheel
// step: the work of one frame, without painting.
func BenchmarkViewScroll10kWords(b *testing.B) {
	test.NewTempApp(b)
	v := New()
	w := test.NewTempWindow(b, v)
	w.Resize(fyne.NewSize(900, 700))
	v.SetDocument(longDoc(b, 10000))
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

// BenchmarkViewPaint10kWords paints a frame of a 10,000-word article with
// the software painter, for scale: the GL driver draws much faster.
func BenchmarkViewPaint10kWords(b *testing.B) {
	test.NewTempApp(b)
	v := New()
	w := test.NewTempWindow(b, v)
	w.Resize(fyne.NewSize(900, 700))
	v.SetDocument(longDoc(b, 10000))
	for b.Loop() {
		w.Canvas().Capture()
	}
}
