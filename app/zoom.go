package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// Zoom shortcuts. Ctrl+plus is Ctrl+Shift+= on most layouts, so both are
// taken, and the keypad's plus and minus; the menu items carry the first
// of each, which makes them work whatever has the focus.
var (
	scZoomIn    = &desktop.CustomShortcut{KeyName: fyne.KeyEqual, Modifier: fyne.KeyModifierShortcutDefault}
	scZoomOut   = &desktop.CustomShortcut{KeyName: fyne.KeyMinus, Modifier: fyne.KeyModifierShortcutDefault}
	scZoomReset = &desktop.CustomShortcut{KeyName: fyne.Key0, Modifier: fyne.KeyModifierShortcutDefault}

	zoomKeys = []struct {
		sc  *desktop.CustomShortcut
		dir int
	}{
		{scZoomIn, 1},
		{&desktop.CustomShortcut{KeyName: fyne.KeyEqual, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}, 1},
		{&desktop.CustomShortcut{KeyName: fyne.KeyPlus, Modifier: fyne.KeyModifierShortcutDefault}, 1},
		{&desktop.CustomShortcut{KeyName: fyne.KeyPlus, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}, 1},
		{scZoomOut, -1},
		{&desktop.CustomShortcut{KeyName: fyne.KeyMinus, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}, -1},
		{scZoomReset, 0},
	}
)

// addZoomShortcuts puts the zoom keys on the window's canvas and applies
// the remembered zoom.
func (u *UI) addZoomShortcuts() {
	u.initPresentation()
	c := u.win.Canvas()
	for _, k := range zoomKeys {
		dir := k.dir
		c.AddShortcut(k.sc, func(fyne.Shortcut) { u.Zoom(dir) })
	}
}

// Zoom makes everything larger (dir > 0), smaller (dir < 0) or its
// normal size (dir == 0), one step; in presentation mode it changes the
// presentation zoom. The level is remembered.
func (u *UI) Zoom(dir int) {
	u.initPresentation()
	p := &u.pres
	z, key, reset := &p.zoom, prefZoom, float32(zoomDefault)
	if p.on {
		z, key, reset = &p.presentZoom, prefPresentZoom, zoomPresentDefault
	}
	if dir == 0 {
		*z = reset
	} else {
		*z = nextZoom(*z, dir)
	}
	u.app.Preferences().SetFloat(key, float64(*z))
	u.setThemeZoom(*z)
}

// ZoomLevel is the zoom factor in use: 1 is the theme's own size.
func (u *UI) ZoomLevel() float32 {
	if u.pres.on {
		return u.pres.presentZoom
	}
	return u.pres.zoom
}

// setThemeZoom applies zoom z to the app's theme, wrapping the theme in
// use, when it differs from the zoom applied.
func (u *UI) setThemeZoom(z float32) {
	s := u.app.Settings()
	if zt, ok := s.Theme().(*zoomTheme); ok && zt.zoom == z {
		return
	}
	if _, ok := s.Theme().(*zoomTheme); !ok && z == zoomDefault {
		return // leave the user's theme alone until they zoom
	}
	s.SetTheme(newZoomTheme(s.Theme(), z))
}
