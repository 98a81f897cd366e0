package app

import (
	"fmt"
	"image/color"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/sayso/sayso/annotate"
	"github.com/sayso/sayso/store"
)

// Shortcuts that live on the menus (and so on the canvas).
var (
	scImport  = &desktop.CustomShortcut{KeyName: fyne.KeyI, Modifier: fyne.KeyModifierShortcutDefault}
	scOpen    = &desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault}
	scNew     = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}
	scExport  = &desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierShortcutDefault}
	scQuit    = &desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}
	scUndo    = &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault}
	scRedo    = &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	scRedoY   = &desktop.CustomShortcut{KeyName: fyne.KeyY, Modifier: fyne.KeyModifierShortcutDefault}
	scFind    = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
	scNextDoc = &desktop.CustomShortcut{KeyName: fyne.KeyPageDown, Modifier: fyne.KeyModifierShortcutDefault}
	scPrevDoc = &desktop.CustomShortcut{KeyName: fyne.KeyPageUp, Modifier: fyne.KeyModifierShortcutDefault}
	scDone    = &desktop.CustomShortcut{KeyName: fyne.KeyD, Modifier: fyne.KeyModifierShortcutDefault}
	// Ctrl+Shift+A: accept all suggestions above a score.
	scAcceptAbove = &desktop.CustomShortcut{KeyName: fyne.KeyA, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
)

// Keys of the annotation view shown on menu items. They have no modifier,
// so the window never takes them for menu shortcuts: the view handles
// them while it has the focus.
var (
	keyJ     = &desktop.CustomShortcut{KeyName: fyne.KeyJ}
	keyK     = &desktop.CustomShortcut{KeyName: fyne.KeyK}
	keyA     = &desktop.CustomShortcut{KeyName: fyne.KeyA}
	keyX     = &desktop.CustomShortcut{KeyName: fyne.KeyX}
	keyShift = &desktop.CustomShortcut{KeyName: fyne.KeyA, Modifier: fyne.KeyModifierShift}
)

func (u *UI) menu() *fyne.MainMenu {
	item := func(label string, sc fyne.Shortcut, fn func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, fn)
		it.Shortcut = sc
		return it
	}
	quit := item("Quit", scQuit, u.quit)
	quit.IsQuit = true
	u.handInItem = fyne.NewMenuItem("Hand In…", u.handInDialog)
	u.handInItem.Disabled = u.assignment == nil
	recent := fyne.NewMenuItem("Open Recent", nil)
	recent.ChildMenu = fyne.NewMenu("", u.recentItems()...)
	file := fyne.NewMenu("File",
		item("New Project…", scNew, u.newProjectDialog),
		item("Open Project…", scOpen, u.openProjectDialog),
		recent,
		fyne.NewMenuItemSeparator(),
		item("Import from Path…", scImport, u.importPathDialog),
		fyne.NewMenuItem("Import Files…", u.importFileDialog),
		fyne.NewMenuItem("Import Folder…", u.importFolderDialog),
		item("Export…", scExport, u.exportDialog),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("New Assignment…", u.newAssignmentDialog),
		u.handInItem,
		fyne.NewMenuItem("Collect Class Work…", u.collectDialog),
		fyne.NewMenuItemSeparator(),
		quit,
	)
	u.undoItem = item("Undo", scUndo, u.undo)
	u.redoItem = item("Redo", scRedo, u.redo)
	edit := fyne.NewMenu("Edit",
		u.undoItem, u.redoItem,
		fyne.NewMenuItemSeparator(),
		item("Find Document", scFind, func() { u.win.Canvas().Focus(u.filterBox) }),
		fyne.NewMenuItem("Annotator Name…", u.annotatorDialog),
	)
	team := fyne.NewMenu("Team",
		fyne.NewMenuItem("Agreement…", u.showAgreement),
		fyne.NewMenuItem("Adjudicate This Document…", u.adjudicateDialog),
		fyne.NewMenuItem("Merge Annotator's Work…", u.mergeDialog),
	)
	doc := fyne.NewMenu("Document",
		item("Next Document", scNextDoc, func() { u.moveDoc(1) }),
		item("Previous Document", scPrevDoc, func() { u.moveDoc(-1) }),
		item("Mark Done and Next", scDone, func() {
			if u.doc != nil {
				u.setStatus(annotate.StatusDone)
				u.setStatusQuiet(annotate.StatusDone)
				u.moveDoc(1)
			}
		}),
	)
	inView := func(fn func()) func() {
		return func() {
			fn()
			u.win.Canvas().Focus(u.view)
		}
	}
	acceptAll := func(label annotate.Label, kind string) func() {
		return inView(func() { u.AcceptAllOfLabel(label, kind) })
	}
	u.showSugItem = fyne.NewMenuItem("Show Suggestions", func() { u.SetShowSuggestions(u.sug.hidden) })
	u.showSugItem.Checked = !u.sug.hidden
	likeFocused := item("Accept All Like the Focused One…", keyShift, func() {
		if s, ok := u.view.FocusedSuggestion(); ok {
			kind := ""
			if s.Label == annotate.Quote {
				kind = s.QuoteKind()
			}
			u.acceptAllLikeDialog(s.Label, kind)
		}
	})
	u.sugMenu = fyne.NewMenu("Suggestions",
		item("Next Suggestion", keyJ, inView(func() { u.view.NextSuggestion(1) })),
		item("Previous Suggestion", keyK, inView(func() { u.view.NextSuggestion(-1) })),
		item("Accept", keyA, inView(u.view.AcceptFocusedSuggestion)),
		item("Reject", keyX, inView(u.view.RejectFocusedSuggestion)),
		fyne.NewMenuItemSeparator(),
		likeFocused,
		fyne.NewMenuItem("Accept All Direct Quotes", acceptAll(annotate.Quote, annotate.KindDirect)),
		fyne.NewMenuItem("Accept All Indirect Quotes", acceptAll(annotate.Quote, annotate.KindIndirect)),
		fyne.NewMenuItem("Accept All Speakers", acceptAll(annotate.Speaker, "")),
		fyne.NewMenuItem("Accept All Threats", acceptAll(annotate.Threat, "")),
		item("Accept All Above a Score…", scAcceptAbove, u.acceptAboveDialog),
		fyne.NewMenuItemSeparator(),
		u.showSugItem,
		fyne.NewMenuItem("Offer Rejected Suggestions Again", u.ForgetRejections),
	)
	help := fyne.NewMenu("Help",
		item("Help: Getting Started, For Students, Label Rules, Keys", &desktop.CustomShortcut{KeyName: fyne.KeyF1}, u.showHelp),
		fyne.NewMenuItem("About sayso", func() {
			dialog.ShowInformation("About sayso", aboutText(u.opts.Version), u.win)
		}),
	)
	u.applySuggestionPolicy()
	return fyne.NewMainMenu(file, edit, doc, u.sugMenu, u.viewMenu(), team, help)
}

// addShortcuts puts the shortcuts on the canvas as well, so they work
// whatever has focus (and in the test driver, which has no menu bar).
func (u *UI) addShortcuts() {
	c := u.win.Canvas()
	for sc, fn := range map[*desktop.CustomShortcut]func(){
		scImport: u.importPathDialog, scOpen: u.openProjectDialog, scNew: u.newProjectDialog,
		scExport: u.exportDialog, scQuit: u.quit, scUndo: u.undo, scRedo: u.redo, scRedoY: u.redo,
		scFind:        func() { c.Focus(u.filterBox) },
		scAcceptAbove: u.acceptAboveDialog,
		scNextDoc:     func() { u.moveDoc(1) }, scPrevDoc: func() { u.moveDoc(-1) },
	} {
		c.AddShortcut(sc, func(fyne.Shortcut) { fn() })
	}
	// The desktop driver turns Ctrl+Z and Ctrl+Y into these standard
	// shortcuts, which do not match the custom ones above.
	c.AddShortcut(&fyne.ShortcutUndo{}, func(fyne.Shortcut) { u.undo() })
	c.AddShortcut(&fyne.ShortcutRedo{}, func(fyne.Shortcut) { u.redo() })
	c.SetOnTypedKey(func(e *fyne.KeyEvent) { u.otherKey(e.Name) })
	u.addZoomShortcuts()
}

// otherKey handles keys that no focused widget used.
func (u *UI) otherKey(name fyne.KeyName) {
	if name == fyne.KeyF1 {
		u.showHelp()
	}
	u.viewKey(name)
}

// quit closes the project and the app; while an import or export runs
// it says so instead, since closing would abandon the work half done.
// The window's close button comes here too.
func (u *UI) quit() {
	if u.busy {
		dialog.ShowInformation("Still working", "An import or export is running.\nCancel it, or wait until it finishes, then quit.", u.win)
		return
	}
	u.Close()
	u.app.Quit()
}

// moveDoc opens the next (+1) or previous (-1) document in the list.
func (u *UI) moveDoc(step int) {
	for i, d := range u.docs {
		if d.ID == u.docID {
			if j := i + step; j >= 0 && j < len(u.docs) {
				u.openDocument(u.docs[j].ID)
			}
			return
		}
	}
	if len(u.docs) > 0 {
		u.openDocument(u.docs[0].ID)
	}
}

func (u *UI) recentItems() []*fyne.MenuItem {
	var items []*fyne.MenuItem
	for _, p := range u.app.Preferences().StringList(prefRecent) {
		path := p
		items = append(items, fyne.NewMenuItem(path, func() { u.switchProject(path) }))
	}
	if len(items) == 0 {
		it := fyne.NewMenuItem("(none)", nil)
		it.Disabled = true
		items = append(items, it)
	}
	return items
}

func (u *UI) addRecent(path string) {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	list := []string{path}
	for _, p := range u.app.Preferences().StringList(prefRecent) {
		if p != path && len(list) < 8 {
			list = append(list, p)
		}
	}
	u.app.Preferences().SetStringList(prefRecent, list)
	if mm := u.win.MainMenu(); mm != nil {
		for _, it := range mm.Items[0].Items {
			if it.Label == "Open Recent" {
				it.ChildMenu.Items = u.recentItems()
			}
		}
		mm.Refresh()
	}
}

func (u *UI) switchProject(path string) {
	if u.busy {
		dialog.ShowInformation("Busy", "Wait for the import or export to finish.", u.win)
		return
	}
	if err := u.openProject(path); err != nil {
		u.showError(err)
	}
}

func projectFilter() storage.FileFilter {
	return storage.NewExtensionFileFilter([]string{".sayso", ".db", ".sqlite"})
}

func (u *UI) openProjectDialog() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		r.Close()
		u.switchProject(r.URI().Path())
	}, u.win)
	d.SetFilter(projectFilter())
	d.Show()
}

func (u *UI) newProjectDialog() {
	dir := "."
	if u.st != nil {
		dir = filepath.Dir(u.st.Path())
	}
	u.pathDialog("New Project", "Create", filepath.Join(dir, "project.sayso"), nil, func(path string) {
		if filepath.Ext(path) == "" {
			path += ".sayso"
		}
		if _, err := os.Stat(path); err == nil {
			u.showError(fmt.Errorf("%s already exists; use File ▸ Open Project to open it", path))
			return
		}
		u.switchProject(path)
	})
}

// docRow is one row of the document list: title, then label count and
// status.
type docRow struct {
	widget.BaseWidget
	title, info *widget.Label
}

func newDocRow() *docRow {
	r := &docRow{title: widget.NewLabel("title"), info: widget.NewLabel("0 labels · new")}
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.info.SizeName = theme.SizeNameCaptionText
	r.ExtendBaseWidget(r)
	return r
}

func (r *docRow) set(d store.DocSummary) {
	r.title.SetText(d.Title)
	r.info.SetText(fmt.Sprintf("%d labels · %s", d.Spans, d.Status))
}

func (r *docRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.New(&tightRows{}, r.title, r.info))
}

// tightRows stacks objects with no padding between them.
type tightRows struct{}

func (tightRows) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		m := o.MinSize()
		s.Width = max(s.Width, m.Width)
		s.Height += m.Height * 0.8
	}
	return s
}

func (tightRows) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		h := o.MinSize().Height * 0.8
		o.Move(fyne.NewPos(0, y-o.MinSize().Height*0.1))
		o.Resize(fyne.NewSize(size.Width, o.MinSize().Height))
		y += h
	}
}

// newLegend shows each label's colour and key.
func newLegend() fyne.CanvasObject {
	var objs []fyne.CanvasObject
	for _, it := range []struct {
		key, name string
		c         color.Color
	}{
		{"Q", "direct", labelColor(annotate.Quote, annotate.KindDirect)},
		{"I", "indirect", labelColor(annotate.Quote, annotate.KindIndirect)},
		{"S", "speaker", labelColor(annotate.Speaker, "")},
		{"T", "threat", labelColor(annotate.Threat, "")},
	} {
		sw := canvas.NewRectangle(it.c)
		sw.SetMinSize(fyne.NewSize(12, 12))
		sw.CornerRadius = 3
		objs = append(objs, legendItem(container.NewCenter(sw), it.key+" "+it.name))
	}
	objs = append(objs, legendItem(newDashSwatch(), "J suggestion"))
	return container.NewGridWithColumns(3, objs...)
}

// legendItem is a swatch and its caption.
func legendItem(sw fyne.CanvasObject, text string) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.SizeName = theme.SizeNameCaptionText
	return container.NewHBox(container.NewCenter(sw), l)
}

// aboutText is the About dialog's text, with the version (FyneApp.toml's,
// given to the build).
func aboutText(version string) string {
	if version == "" {
		version = "(development build)"
	}
	return "sayso " + version + "\nLabel who said what in news articles.\nQuotes, speakers and threats, kept in one local SQLite file.\nMIT licence."
}
