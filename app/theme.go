package app

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Zoom bounds and steps: the factor every theme size is multiplied by.
const (
	zoomMin     = 0.6
	zoomMax     = 3.0
	zoomDefault = 1.0
	// zoomPresentDefault is the zoom of presentation mode until the user
	// changes it there.
	zoomPresentDefault = 1.6
)

// zoomSteps are the levels Ctrl+plus and Ctrl+minus go through.
var zoomSteps = []float32{0.6, 0.7, 0.8, 0.9, 1, 1.1, 1.25, 1.4, 1.6, 1.8, 2, 2.25, 2.5, 2.75, 3}

// zoomTheme is another theme with every size (text, padding, icons,
// scroll bars) multiplied by zoom, so all windows, the annotation view
// included, grow and shrink together.
type zoomTheme struct {
	base fyne.Theme
	zoom float32
}

// newZoomTheme wraps base (unwrapping an earlier zoomTheme) at zoom,
// clamped to the bounds.
func newZoomTheme(base fyne.Theme, zoom float32) *zoomTheme {
	if z, ok := base.(*zoomTheme); ok {
		base = z.base
	}
	if base == nil {
		base = theme.DefaultTheme()
	}
	return &zoomTheme{base: base, zoom: clampZoom(zoom)}
}

func (t *zoomTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return t.base.Color(n, v)
}

func (t *zoomTheme) Font(s fyne.TextStyle) fyne.Resource { return t.base.Font(s) }

func (t *zoomTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.base.Icon(n) }

func (t *zoomTheme) Size(n fyne.ThemeSizeName) float32 {
	return t.base.Size(n) * t.zoom
}

// clampZoom keeps z within the bounds; NaN and 0 (an unset preference)
// mean the default.
func clampZoom(z float32) float32 {
	if z == 0 || math.IsNaN(float64(z)) {
		return zoomDefault
	}
	return max(zoomMin, min(zoomMax, z))
}

// nextZoom is the zoom step after z in direction dir (+1 larger, -1
// smaller), clamped to the bounds.
func nextZoom(z float32, dir int) float32 {
	z = clampZoom(z)
	if dir > 0 {
		for _, s := range zoomSteps {
			if s > z+0.001 {
				return s
			}
		}
		return zoomMax
	}
	for i := len(zoomSteps) - 1; i >= 0; i-- {
		if zoomSteps[i] < z-0.001 {
			return zoomSteps[i]
		}
	}
	return zoomMin
}
