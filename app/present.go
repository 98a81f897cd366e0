package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
)

// Preference keys of the View menu, kept by Fyne per user.
const (
	prefZoom        = "zoom"
	prefPresentZoom = "zoom_presentation"
	prefLabelNames  = "show_label_names"
	prefLinks       = "show_links"
)

// keyPresent toggles presentation mode; like F1 it has no modifier, so
// the view passes it on (otherKey) instead of the menu taking it.
var keyPresent = &desktop.CustomShortcut{KeyName: fyne.KeyF5}

// presentation is the View menu's state: the zoom of normal and of
// presentation mode, and whether label names and links are drawn.
// Presentation mode shows both whatever the user chose outside it.
type presentation struct {
	loaded      bool
	zoom        float32
	presentZoom float32
	on          bool
	labelNames  bool
	links       bool

	namesItem, linksItem, presentItem *fyne.MenuItem
	// articleOffset is the article/panel divider's place before
	// presentation mode gave the article the room.
	articleOffset float64
}

// initPresentation reads the View settings from the preferences once
// and applies them.
func (u *UI) initPresentation() {
	p := &u.pres
	if p.loaded {
		return
	}
	prefs := u.app.Preferences()
	p.loaded = true
	p.zoom = clampZoom(float32(prefs.FloatWithFallback(prefZoom, zoomDefault)))
	p.presentZoom = clampZoom(float32(prefs.FloatWithFallback(prefPresentZoom, zoomPresentDefault)))
	p.labelNames = prefs.Bool(prefLabelNames)
	p.links = prefs.Bool(prefLinks)
	u.applyPresentation()
}

// viewMenu is the View menu: zoom, label names, links and presentation
// mode.
func (u *UI) viewMenu() *fyne.Menu {
	u.initPresentation()
	p := &u.pres
	item := func(label string, sc fyne.Shortcut, fn func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, fn)
		it.Shortcut = sc
		return it
	}
	p.namesItem = fyne.NewMenuItem("Show Label Names", func() { u.SetShowLabelNames(!u.pres.labelNames) })
	p.linksItem = fyne.NewMenuItem("Show Links to Speakers", func() { u.SetShowLinks(!u.pres.links) })
	p.presentItem = item("Presentation Mode", keyPresent, func() { u.SetPresentationMode(!u.pres.on) })
	u.syncViewMenu()
	return fyne.NewMenu("View",
		item("Zoom In", scZoomIn, func() { u.Zoom(1) }),
		item("Zoom Out", scZoomOut, func() { u.Zoom(-1) }),
		item("Actual Size", scZoomReset, func() { u.Zoom(0) }),
		fyne.NewMenuItemSeparator(),
		p.namesItem,
		p.linksItem,
		fyne.NewMenuItemSeparator(),
		p.presentItem,
	)
}

// viewKey handles the View menu's key without modifier (F5), which
// reaches the window as a typed key.
func (u *UI) viewKey(name fyne.KeyName) {
	if name == fyne.KeyF5 {
		u.SetPresentationMode(!u.pres.on)
	}
}

// SetPresentationMode turns presentation mode on or off: a larger zoom
// (its own, changed with the zoom keys while on) with label names and
// links drawn.
func (u *UI) SetPresentationMode(on bool) {
	u.initPresentation()
	if on != u.pres.on {
		u.presentLayout(on)
	}
	u.pres.on = on
	u.applyPresentation()
}

// presentLayout gives the article the room in presentation mode: the
// document list hidden (Ctrl+PageDown and PageUp still move between
// documents) and the panel at its narrowest; leaving brings both back.
// It expects the window's splits as build makes them and does nothing
// with others.
func (u *UI) presentLayout(on bool) {
	outer, ok := u.win.Content().(*container.Split)
	if !ok {
		return
	}
	inner, ok := outer.Trailing.(*container.Split)
	if !ok {
		return
	}
	if on {
		u.pres.articleOffset = inner.Offset
		outer.Leading.Hide()
		inner.SetOffset(1)
	} else {
		outer.Leading.Show()
		inner.SetOffset(u.pres.articleOffset)
	}
	outer.Refresh()
}

// PresentationMode reports whether presentation mode is on.
func (u *UI) PresentationMode() bool { return u.pres.on }

// SetShowLabelNames draws the label names on the spans, or not, outside
// presentation mode (which always draws them); it is remembered.
func (u *UI) SetShowLabelNames(on bool) {
	u.initPresentation()
	u.pres.labelNames = on
	u.app.Preferences().SetBool(prefLabelNames, on)
	u.applyPresentation()
}

// SetShowLinks draws links from quotes and threats to their speakers, or
// not, outside presentation mode; it is remembered.
func (u *UI) SetShowLinks(on bool) {
	u.initPresentation()
	u.pres.links = on
	u.app.Preferences().SetBool(prefLinks, on)
	u.applyPresentation()
}

// applyPresentation shows the current state: zoom, view decorations and
// the menu's check marks.
func (u *UI) applyPresentation() {
	p := &u.pres
	u.setThemeZoom(u.ZoomLevel())
	if u.view != nil {
		u.view.SetLabelNames(p.on || p.labelNames)
		u.view.SetLinks(p.on || p.links)
	}
	u.syncViewMenu()
}

// syncViewMenu sets the View menu's check marks.
func (u *UI) syncViewMenu() {
	p := &u.pres
	if p.namesItem == nil {
		return
	}
	p.namesItem.Checked, p.namesItem.Disabled = p.labelNames || p.on, p.on
	p.linksItem.Checked, p.linksItem.Disabled = p.links || p.on, p.on
	p.presentItem.Checked = p.on
	if mm := u.win.MainMenu(); mm != nil {
		mm.Refresh()
	}
}
