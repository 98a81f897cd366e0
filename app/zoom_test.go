package app

import (
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

func TestZoomThemeSizes(t *testing.T) {
	base := theme.DefaultTheme()
	for _, z := range []float32{0.8, 1, 1.6, 2.5} {
		zt := newZoomTheme(base, z)
		for _, n := range []fyne.ThemeSizeName{theme.SizeNameText, theme.SizeNameCaptionText, theme.SizeNamePadding,
			theme.SizeNameInnerPadding, theme.SizeNameInlineIcon, theme.SizeNameScrollBar, theme.SizeNameHeadingText} {
			if got, want := zt.Size(n), base.Size(n)*z; math.Abs(float64(got-want)) > 1e-4 {
				t.Errorf("zoom %v: %s = %v, want %v", z, n, got, want)
			}
		}
		if zt.Color(theme.ColorNameForeground, theme.VariantDark) != base.Color(theme.ColorNameForeground, theme.VariantDark) {
			t.Errorf("zoom %v changes colours", z)
		}
	}
	// wrapping a zoomed theme replaces its zoom rather than multiplying it
	twice := newZoomTheme(newZoomTheme(base, 2), 1.5)
	if got := twice.Size(theme.SizeNameText); got != base.Size(theme.SizeNameText)*1.5 {
		t.Errorf("rewrapped text size %v, want %v", got, base.Size(theme.SizeNameText)*1.5)
	}
	if newZoomTheme(nil, 1).base == nil {
		t.Error("nil base theme kept")
	}
}

func TestZoomBounds(t *testing.T) {
	clamp := []struct{ in, want float32 }{
		{0, zoomDefault}, {float32(math.NaN()), zoomDefault}, {0.1, zoomMin}, {-2, zoomMin}, {5, zoomMax}, {1.3, 1.3},
	}
	for _, c := range clamp {
		if got := clampZoom(c.in); got != c.want {
			t.Errorf("clampZoom(%v) = %v, want %v", c.in, got, c.want)
		}
	}
	next := []struct {
		z    float32
		dir  int
		want float32
	}{
		{1, 1, 1.1}, {1, -1, 0.9}, {zoomMax, 1, zoomMax}, {zoomMin, -1, zoomMin},
		{1.3, 1, 1.4}, {1.3, -1, 1.25}, {9, -1, 2.75}, {0, 1, 1.1},
	}
	for _, c := range next {
		if got := nextZoom(c.z, c.dir); got != c.want {
			t.Errorf("nextZoom(%v, %d) = %v, want %v", c.z, c.dir, got, c.want)
		}
	}
}

// textSize is the annotation view's laid-out text size.
func textSize(u *UI) float32 {
	test.WidgetRenderer(u.view).Layout(u.view.Size())
	return u.view.TextSize()
}

func TestZoomKeysAndPreference(t *testing.T) {
	u, w, path := newTestUI(t)
	base := theme.DefaultTheme().Size(theme.SizeNameText)
	if z := u.ZoomLevel(); z != 1 {
		t.Fatalf("zoom %v at start", z)
	}
	shift := fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift
	steps := []struct {
		sc   fyne.Shortcut
		want float32
	}{
		{scZoomIn, 1.1},
		{&desktop.CustomShortcut{KeyName: fyne.KeyEqual, Modifier: shift}, 1.25}, // Ctrl+plus
		{&desktop.CustomShortcut{KeyName: fyne.KeyPlus, Modifier: fyne.KeyModifierShortcutDefault}, 1.4},
		{scZoomOut, 1.25},
		{scZoomReset, 1},
		{scZoomIn, 1.1},
	}
	for _, s := range steps {
		shortcut(w, s.sc)
		if z := u.ZoomLevel(); z != s.want {
			t.Fatalf("after %s zoom %v, want %v", s.sc.ShortcutName(), z, s.want)
		}
		if ts := u.app.Settings().Theme().Size(theme.SizeNameText); math.Abs(float64(ts-base*s.want)) > 1e-4 {
			t.Errorf("after %s theme text %v, want %v", s.sc.ShortcutName(), ts, base*s.want)
		}
		if ts := textSize(u); math.Abs(float64(ts-base*s.want)) > 1e-4 {
			t.Errorf("after %s the view lays out at %v, want %v", s.sc.ShortcutName(), ts, base*s.want)
		}
	}
	if v := u.app.Preferences().Float(prefZoom); float32(v) != 1.1 {
		t.Errorf("zoom preference %v, want 1.1", v)
	}
	// a new window of the same app starts at the remembered zoom
	u.Close()
	u.app.Settings().SetTheme(theme.DefaultTheme())
	w2 := test.NewTempWindow(t, nil)
	u2, err := Create(u.app, w2, Options{Project: path, Background: syncBackground})
	if err != nil {
		t.Fatal(err)
	}
	defer u2.Close()
	if z := u2.ZoomLevel(); z != 1.1 {
		t.Errorf("zoom %v after a restart, want 1.1", z)
	}
	if ts := u.app.Settings().Theme().Size(theme.SizeNameText); math.Abs(float64(ts-base*1.1)) > 1e-4 {
		t.Errorf("theme text %v after a restart, want %v", ts, base*1.1)
	}
}

func TestPresentationMode(t *testing.T) {
	u, _, _ := newTestUI(t)
	if u.view.LabelNames() || u.view.Links() {
		t.Fatal("label names or links on at start")
	}
	u.view.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF5}) // the view passes F5 on
	if !u.PresentationMode() || !u.view.LabelNames() || !u.view.Links() || u.ZoomLevel() != zoomPresentDefault {
		t.Fatalf("F5: presentation %v, names %v, links %v, zoom %v", u.PresentationMode(), u.view.LabelNames(), u.view.Links(), u.ZoomLevel())
	}
	if !u.pres.presentItem.Checked || !u.pres.namesItem.Checked || !u.pres.namesItem.Disabled {
		t.Error("View menu does not show presentation mode")
	}
	outer := u.win.Content().(*container.Split)
	inner := outer.Trailing.(*container.Split)
	if outer.Leading.Visible() || inner.Offset != 1 {
		t.Errorf("presentation layout: list shown %v, article share %v", outer.Leading.Visible(), inner.Offset)
	}
	u.Zoom(1) // changes the presentation zoom only
	if z := u.ZoomLevel(); z != 1.8 {
		t.Errorf("zoom in presentation mode %v, want 1.8", z)
	}
	if p := u.app.Preferences().Float(prefPresentZoom); float32(p) != 1.8 {
		t.Errorf("presentation zoom preference %v", p)
	}
	u.otherKey(fyne.KeyF5) // F5 with nothing focused
	if u.PresentationMode() || u.view.LabelNames() || u.view.Links() || u.ZoomLevel() != 1 {
		t.Errorf("F5 again: presentation %v, names %v, links %v, zoom %v", u.PresentationMode(), u.view.LabelNames(), u.view.Links(), u.ZoomLevel())
	}
	if !outer.Leading.Visible() || inner.Offset != 0.74 {
		t.Errorf("after presentation: list shown %v, article share %v", outer.Leading.Visible(), inner.Offset)
	}

	// label names and links by themselves, remembered
	u.pres.namesItem.Action()
	u.pres.linksItem.Action()
	if !u.view.LabelNames() || !u.view.Links() || !u.pres.namesItem.Checked || !u.pres.linksItem.Checked {
		t.Error("Show Label Names / Show Links did not turn them on")
	}
	prefs := u.app.Preferences()
	if !prefs.Bool(prefLabelNames) || !prefs.Bool(prefLinks) {
		t.Error("label names / links not remembered")
	}
	u.SetPresentationMode(true)
	u.SetPresentationMode(false)
	if !u.view.LabelNames() || !u.view.Links() {
		t.Error("leaving presentation mode dropped the user's label names and links")
	}
	u.SetShowLabelNames(false)
	if u.view.LabelNames() || prefs.Bool(prefLabelNames) {
		t.Error("Show Label Names off did not stick")
	}
}
