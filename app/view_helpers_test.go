package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// pointOf is the view position in the middle of code point cp.
func pointOf(v *AnnotationView, cp int) fyne.Position {
	p, _ := v.PointAt(cp)
	return p
}

// drag sends the events of a drag in the view from boundary a to
// boundary b in steps, after a MouseDown when press is set.
func drag(v *AnnotationView, a, b int, press bool, mod fyne.KeyModifier) {
	p0, _ := v.CaretPoint(a)
	p1, _ := v.CaretPoint(b)
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
