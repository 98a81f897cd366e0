// Package app is sayso's Fyne user interface: the main window, the
// document list, the annotation view and the attribute panel. It is the
// only package that imports Fyne widgets; the domain lives in annotate and
// the project file in store.
package app

import (
	"errors"
	"fmt"
	"image/color"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/sayso/sayso/annotate"
	"github.com/sayso/sayso/annotate/agree"
	"github.com/sayso/sayso/annotate/classroom"
	engine "github.com/sayso/sayso/annotate/suggest"
	"github.com/sayso/sayso/store"
)

// Options configure Create.
type Options struct {
	// Project is the project file to open; empty means DefaultProject.
	Project string
	// DefaultProject is the user's default project, filled with Samples
	// the first time it is created.
	DefaultProject string
	// Samples are sample articles (file name -> bytes) for a new default
	// project.
	Samples map[string][]byte
	// Version is the app's version, shown in the About dialog.
	Version string
	// Guidelines is the label rules text (Markdown) shown by the help.
	Guidelines string
	// Lexicon holds the suggester's word lists; nil means the bundled
	// ones (assets.LexiconFS).
	Lexicon fs.FS
	// Background, when set, runs work off the UI goroutine and then done
	// on it; nil means a goroutine and fyne.Do. Tests set a synchronous
	// one.
	Background func(work, done func())

	// suggest replaces engine.Suggest in tests that need suggestions
	// that do not change as the engine improves.
	suggest func(text string, opts engine.Options) engine.Suggestions
}

// panelWidth is the width of the panel on the right.
const panelWidth = 390

// Settings keys kept in the project file.
const (
	settingCurrentDoc   = "ui.current_doc"
	settingScrollPrefix = "ui.scroll."
)

// Preference keys kept by Fyne per user.
const (
	prefRecent    = "recent_projects"
	prefAnnotator = "annotator"
)

// UI is the main window's state: the open project, the current document
// and the widgets that show them.
type UI struct {
	app  fyne.App
	win  fyne.Window
	opts Options

	st     *store.Store
	docs   []store.DocSummary
	docID  int64
	doc    *annotate.Document
	filter string

	list      *widget.List
	filterBox *widget.Entry
	view      *AnnotationView
	title     *widget.Label
	status    *widget.Select
	panel     *spanPanel
	statusBar *widget.Label
	undoItem  *fyne.MenuItem
	redoItem  *fyne.MenuItem

	sug         suggestState
	showSugItem *fyne.MenuItem
	dlg         dialog.Dialog  // the last confirmation dialog, for tests
	dlgSlider   *widget.Slider // its score slider, if any
	busy        bool           // an import or export runs
	scrollPos   int            // first visible code point of the view
	// assignment is the open class set's assignment; nil for an
	// ordinary project.
	assignment *store.Assignment
	sugMenu    *fyne.Menu
	handInItem *fyne.MenuItem
	lastReport *classroom.Report // the class report last shown, for tests
	reportWin  fyne.Window
	// agreeWin, lastAgreement and adjudication are the team screens
	// last opened, for tests.
	agreeWin      fyne.Window
	lastAgreement *agree.Report
	adjudication  *adjudication
	// entities caches the project's speaker entities for the attribute
	// panel's completion; nil until needed again after a change.
	entities []string
	pres     presentation // zoom, label names, links, presentation mode (present.go)
}

// Create builds the main window's content and menus on w and opens the
// project named in opts (or the default project).
func Create(a fyne.App, w fyne.Window, opts Options) (*UI, error) {
	u := &UI{app: a, win: w, opts: opts}
	u.build()
	path := opts.Project
	if path == "" {
		path = opts.DefaultProject
	}
	if err := u.openProject(path); err != nil {
		return u, err
	}
	return u, nil
}

// Close closes the project file.
func (u *UI) Close() {
	if u.st != nil {
		u.saveScroll()
		u.st.Close()
		u.st = nil
	}
}

// Store returns the open project.
func (u *UI) Store() *store.Store { return u.st }

// View returns the annotation view.
func (u *UI) View() *AnnotationView { return u.view }

// Document returns the open document, or nil.
func (u *UI) Document() *annotate.Document { return u.doc }

func (u *UI) build() {
	u.view = NewAnnotationView()
	u.view.OnLabel = u.onLabel
	u.view.OnSelectSpan = u.onSelectSpan
	u.view.OnDelete = u.onDelete
	u.view.OnLink = u.onLink
	u.view.OnScrolled = func(cp int) { u.scrollPos = cp }
	u.view.OnOtherKey = u.otherKey
	u.view.OnFocusSuggestion = u.onFocusSuggestion
	u.view.OnAcceptSuggestion = u.onAcceptSuggestion
	u.view.OnRejectSuggestion = u.onRejectSuggestion
	u.view.OnAcceptAllLike = u.acceptAllLikeDialog

	u.filterBox = widget.NewEntry()
	u.filterBox.SetPlaceHolder("Filter documents…")
	u.filterBox.OnChanged = func(s string) {
		u.filter = s
		u.reloadList()
	}
	u.list = widget.NewList(
		func() int { return len(u.docs) },
		func() fyne.CanvasObject { return newDocRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(u.docs) {
				o.(*docRow).set(u.docs[i])
			}
		},
	)
	u.list.OnSelected = func(i widget.ListItemID) {
		if i < len(u.docs) && u.docs[i].ID != u.docID {
			u.openDocument(u.docs[i].ID)
		}
	}
	left := container.NewBorder(u.filterBox, nil, nil, nil, u.list)

	u.title = widget.NewLabel("")
	u.title.TextStyle.Bold = true
	u.title.Truncation = fyne.TextTruncateEllipsis
	u.status = widget.NewSelect(annotate.Statuses, func(s string) {
		if u.doc != nil && s != u.doc.Status {
			u.setStatus(s)
		}
	})
	top := container.NewBorder(nil, nil, nil, u.status, u.title)
	u.statusBar = widget.NewLabel("")
	u.statusBar.Truncation = fyne.TextTruncateEllipsis
	center := container.NewBorder(top, u.statusBar, nil, nil, u.view)

	u.panel = newSpanPanel(u)
	// the legend sits under the panel, leaving the status line its width
	// A fixed width (the panels wrap their text to it), so the article
	// does not reflow as the panel changes from one label to another.
	width := canvas.NewRectangle(color.Transparent)
	width.SetMinSize(fyne.NewSize(panelWidth, 0))
	right := container.NewStack(width, container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), newLegend()), nil, nil, container.NewVScroll(u.panel.box)))
	split := container.NewHSplit(center, right)
	split.Offset = 0.74
	main := container.NewHSplit(left, split)
	main.Offset = 0.22
	u.win.SetContent(main)
	u.win.SetMainMenu(u.menu())
	u.win.SetCloseIntercept(u.quit)
	u.addShortcuts()
}

// openProject closes the current project and opens path.
func (u *UI) openProject(path string) error {
	isNew := false
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		isNew = true
	}
	st, err := store.Open(path)
	if err != nil {
		return err
	}
	u.Close()
	u.st = st
	u.doc, u.docID = nil, 0
	u.resetSuggestions()
	u.loadAssignment()
	u.loadAnnotator()
	u.addRecent(path)
	if isNew && path == u.opts.DefaultProject && len(u.opts.Samples) > 0 {
		u.loadSamples()
	}
	u.reloadList()
	cur, _ := st.Setting(settingCurrentDoc)
	id, _ := strconv.ParseInt(cur, 10, 64)
	if id == 0 && len(u.docs) > 0 {
		id = u.docs[0].ID
	}
	if id != 0 {
		u.openDocument(id)
	} else {
		u.showDocument(nil)
	}
	return nil
}

// loadSamples fills a new default project with the sample articles.
func (u *UI) loadSamples() {
	var docs []*annotate.Document
	for name, b := range u.opts.Samples {
		d, err := annotate.TextDocument(name, b)
		if err == nil {
			docs = append(docs, d)
		}
	}
	slices.SortFunc(docs, func(a, b *annotate.Document) int { return strings.Compare(a.ID, b.ID) })
	if _, err := u.st.AddDocuments(docs); err != nil {
		u.showError(err)
	}
}

// reloadList re-reads the document list under the current filter.
func (u *UI) reloadList() {
	if u.st == nil {
		return
	}
	u.entities = nil // after an import or on another project
	docs, err := u.st.ListDocuments(u.filter)
	if err != nil {
		u.showError(err)
		return
	}
	u.docs = docs
	u.list.Refresh()
	u.syncListSelection()
}

func (u *UI) syncListSelection() {
	for i, d := range u.docs {
		if d.ID == u.docID {
			u.list.Select(i)
			return
		}
	}
	u.list.UnselectAll()
}

// openDocument shows document id, remembering the scroll position of the
// one it leaves.
func (u *UI) openDocument(id int64) {
	d, err := u.st.Document(id)
	if err != nil {
		u.showError(err)
		return
	}
	u.saveScroll()
	u.docID, u.scrollPos = id, 0
	_ = u.st.SetSetting(settingCurrentDoc, strconv.FormatInt(id, 10))
	u.showDocument(d)
	if s, _ := u.st.Setting(settingScrollPrefix + strconv.FormatInt(id, 10)); s != "" {
		if off, err := strconv.Atoi(s); err == nil {
			u.view.ScrollToOffset(off)
			u.scrollPos = off // the view reports only the user's scrolling
		}
	}
	u.syncListSelection()
	u.win.Canvas().Focus(u.view)
}

func (u *UI) saveScroll() {
	if u.st != nil && u.doc != nil {
		_ = u.st.SetSetting(settingScrollPrefix+strconv.FormatInt(u.docID, 10), strconv.Itoa(u.scrollPos))
	}
}

func (u *UI) showDocument(d *annotate.Document) {
	u.doc = d
	u.sug.gen++
	u.sug.ready, u.sug.raw, u.sug.rawRels, u.sug.rawByID, u.sug.rejected = false, nil, nil, nil, nil
	u.sug.shown, u.sug.shownRels, u.sug.matched = nil, nil, nil
	u.sug.done, u.sug.undone = nil, nil
	if d == nil {
		u.view.SetDocument(&annotate.Document{})
		u.title.SetText("No document: use File ▸ Import to add articles")
		u.status.Hide()
		u.panel.show(nil)
		u.updateUndo()
		return
	}
	u.view.SetDocument(d)
	u.title.SetText(d.Title)
	u.status.Show()
	u.setStatusQuiet(d.Status)
	u.panel.show(nil)
	u.updateUndo()
	u.docMessage()
	u.startSuggestions()
}

func (u *UI) setStatusQuiet(s string) {
	cb := u.status.OnChanged
	u.status.OnChanged = nil
	u.status.SetSelected(s)
	u.status.OnChanged = cb
}

// apply commits one edit to the project, then shows its result. Every
// edit is its own transaction in the store.
func (u *UI) apply(e annotate.Edit) bool {
	if u.doc == nil {
		return false
	}
	if !u.hasAnnotator() {
		u.withAnnotator(func() { u.apply(e) })
		return false
	}
	stampAnnotator(&e, u.annotator())
	d, err := u.st.Apply(u.docID, e)
	if err != nil {
		u.showError(err)
		return false
	}
	u.sug.done = append(u.sug.done, histEntry{edit: true})
	u.sug.undone = nil
	u.afterEdit(d, e.Note)
	return true
}

func (u *UI) afterEdit(d *annotate.Document, note string) {
	u.doc = d
	u.entities = nil // a speaker's entity may have changed
	u.view.SetAnnotations(d.Spans, d.Relations)
	u.refreshSuggestions()
	u.setStatusQuiet(d.Status)
	if s, ok := u.view.FocusedSuggestion(); ok {
		u.panel.showSuggestion(s)
	} else {
		u.panel.show(u.selectedSpan())
	}
	u.updateUndo()
	u.relearn()
	u.refreshRow()
	if note != "" {
		u.setMessage(note + " · saved")
	}
}

// refreshRow updates the current document's row in the list.
func (u *UI) refreshRow() {
	for i := range u.docs {
		if u.docs[i].ID == u.docID && u.doc != nil {
			u.docs[i].Spans = len(u.doc.Spans)
			u.docs[i].Status = u.doc.Status
			u.list.RefreshItem(i)
		}
	}
}

func (u *UI) undo() { u.step(true) }
func (u *UI) redo() { u.step(false) }

// step undoes (or redoes) the last action on the document: a rejection
// made in this session, or else the last edit in the project's history,
// with the rejections an edited accept made.
func (u *UI) step(undo bool) {
	if u.doc == nil {
		return
	}
	from, to := &u.sug.done, &u.sug.undone
	verb, past, nothing, storeStep, rejects := "undo", "undone", store.ErrNothingToUndo, u.st.Undo, u.unreject
	if !undo {
		from, to = to, from
		verb, past, nothing, storeStep, rejects = "redo", "redone", store.ErrNothingToRedo, u.st.Redo, u.rereject
	}
	top := histEntry{edit: true} // an edit from the stored history
	if n := len(*from); n > 0 {
		top = (*from)[n-1]
		if !top.edit {
			*from, *to = (*from)[:n-1], append(*to, top)
			rejects(top.rejects)
			u.refreshSuggestions()
			if undo {
				u.focusRejected(top.rejects)
			} else {
				u.focusRejected(nil)
			}
			u.updateUndo()
			u.setMessage(past + ": rejection")
			return
		}
	}
	d, e, err := storeStep(u.docID)
	if errors.Is(err, nothing) {
		u.setMessage("Nothing to " + verb)
		return
	}
	if err != nil {
		u.showError(err)
		return
	}
	if n := len(*from); n > 0 {
		*from = (*from)[:n-1]
	}
	*to = append(*to, top)
	rejects(top.rejects)
	u.afterEdit(d, past+": "+e.Note)
}

func (u *UI) updateUndo() {
	if u.undoItem == nil {
		return
	}
	can, redo := false, false
	if u.doc != nil {
		can, redo, _ = u.st.CanUndo(u.docID)
		if n := len(u.sug.done); n > 0 && !u.sug.done[n-1].edit {
			can = true
		}
		if n := len(u.sug.undone); n > 0 && !u.sug.undone[n-1].edit {
			redo = true
		}
	}
	u.undoItem.Disabled, u.redoItem.Disabled = !can, !redo
}

func (u *UI) setStatus(s string) {
	if err := u.st.SetStatus(u.docID, s); err != nil {
		u.showError(err)
		return
	}
	u.doc.Status = s
	u.refreshRow()
	u.setMessage("status: " + s)
}

// projectEntities returns the speaker entities used in the project, most
// used first, read once and kept until the next edit or import.
func (u *UI) projectEntities() []string {
	if u.entities == nil && u.st != nil {
		var err error
		if u.entities, err = u.st.Entities(); err != nil {
			fyne.LogError("sayso: reading entities", err)
		}
		if u.entities == nil {
			u.entities = []string{}
		}
	}
	return slices.Clone(u.entities)
}

// onLabel labels the selection: Q, I, S or T in the view.
func (u *UI) onLabel(label annotate.Label, kind string, start, end int) {
	if u.doc == nil || start >= end {
		return
	}
	s := annotate.Span{
		ID: u.doc.NextSpanID(label), Label: label, Start: start, End: end,
		Source: annotate.SourceManual, Annotator: u.annotator(),
	}
	text, _ := annotate.SliceCP(u.doc.Text, start, end)
	s.Attrs = annotate.DefaultAttrs(label, kind, text)
	e := annotate.AddSpan(s)
	e.Note = "labeled " + labelName(s)
	if u.apply(e) {
		u.view.SelectSpan(s.ID)
		u.panel.show(u.selectedSpan())
	}
}

func labelName(s annotate.Span) string {
	if s.Label == annotate.Quote {
		return s.QuoteKind() + " QUOTE"
	}
	return string(s.Label)
}

func (u *UI) onSelectSpan(id string) {
	u.panel.show(u.selectedSpan())
	if s := u.selectedSpan(); s != nil {
		u.setMessage(fmt.Sprintf("%s %q · Delete removes · L links a speaker", labelName(*s), clipText(s.Text, 60)))
	}
}

func (u *UI) selectedSpan() *annotate.Span {
	if u.doc == nil {
		return nil
	}
	if i := u.doc.SpanByID(u.view.SelectedSpan()); i >= 0 {
		return &u.doc.Spans[i]
	}
	return nil
}

func (u *UI) onDelete(id string) {
	if u.doc == nil {
		return
	}
	e, err := annotate.DeleteSpan(u.doc, id)
	if err != nil {
		return
	}
	u.apply(e)
}

// onLink links a QUOTE or THREAT to a SPEAKER. A threat without an issuer
// takes the speaker's entity as issuer in the same edit.
func (u *UI) onLink(from, to string) {
	if u.doc == nil {
		return
	}
	fi, ti := u.doc.SpanByID(from), u.doc.SpanByID(to)
	if fi < 0 || ti < 0 || u.doc.Spans[ti].Label != annotate.Speaker {
		return
	}
	f := u.doc.Spans[fi]
	label := annotate.LinkLabel(f.Label)
	if label == "" {
		return
	}
	e := annotate.Link(u.doc, label, from, to)
	if upd, ok := u.issuerFrom(f, u.doc.Spans[ti]); ok {
		e = annotate.Edit{Kind: annotate.EditBatch, Steps: []annotate.Edit{e, upd}}
	}
	e.Note = fmt.Sprintf("linked %s to %s", labelName(f), entityOf(u.doc.Spans[ti]))
	if u.apply(e) {
		u.view.SelectSpan(from)
	}
}

// issuerFrom is the edit that gives threat f, linked to speaker sp, the
// speaker's entity as issuer when it has none yet.
func (u *UI) issuerFrom(f, sp annotate.Span) (annotate.Edit, bool) {
	if f.Label != annotate.Threat || f.AttrString(annotate.AttrIssuer) != "" {
		return annotate.Edit{}, false
	}
	after := f.Clone()
	if after.Attrs == nil {
		after.Attrs = map[string]any{}
	}
	after.Attrs[annotate.AttrIssuer] = entityOf(sp)
	upd, err := annotate.UpdateSpan(u.doc, after)
	return upd, err == nil
}

// entityOf is a speaker's canonical entity, its text when unset.
func entityOf(s annotate.Span) string {
	if e := s.AttrString(annotate.AttrEntity); e != "" {
		return e
	}
	return s.Text
}

func clipText(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

func (u *UI) setMessage(s string) { u.statusBar.SetText(s) }

// showError reports err to the user; domain errors are lower case, and
// the dialog capitalises them.
func (u *UI) showError(err error) {
	fyne.LogError("sayso", err)
	dialog.ShowError(err, u.win)
}
