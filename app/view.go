package app

import (
	"image/color"

	"github.com/sayso/sayso/annotate"
	"github.com/sayso/sayso/app/view"
)

// AnnotationView is the annotation view (package app/view), under the
// name the rest of the app uses.
type AnnotationView = view.View

// NewAnnotationView returns an empty annotation view.
func NewAnnotationView() *AnnotationView { return view.New() }

// labelColor is the colour of a label (view.SpanColor), for legends and
// swatches.
func labelColor(label annotate.Label, kind string) color.Color {
	return view.SpanColor(label, kind)
}

// spanColor is the colour of span s.
func spanColor(s annotate.Span) color.NRGBA { return view.ColorOf(s) }

// withAlpha returns c with alpha a.
func withAlpha(c color.NRGBA, a uint8) color.NRGBA { return view.WithAlpha(c, a) }
