package app

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/sayso/sayso/annotate"
	"github.com/sayso/sayso/store"
)

// Who labels. The annotator's name is kept in the project file (not only
// in this computer's preferences, which a shared laptop would hand to the
// next person), asked the first time someone labels in a project, shown in
// the title bar, and changeable. It is also the project's current layer:
// each annotator's labels are kept apart (store.SetLayer).

// annotator is the name recorded on new spans: the project's annotator.
func (u *UI) annotator() string {
	if u.st == nil {
		return ""
	}
	return u.st.Layer()
}

// loadAnnotator makes the project's stored name the current layer.
func (u *UI) loadAnnotator() {
	name, err := u.st.Setting(store.SettingAnnotator)
	if err != nil {
		u.showError(err)
	}
	u.st.SetLayer(name)
	u.updateTitle()
}

// hasAnnotator reports whether the project knows who labels in it.
func (u *UI) hasAnnotator() bool {
	name, _ := u.st.Setting(store.SettingAnnotator)
	return strings.TrimSpace(name) != ""
}

// updateTitle shows the project, the assignment and the annotator.
func (u *UI) updateTitle() {
	if u.st == nil {
		u.win.SetTitle("sayso")
		return
	}
	parts := []string{"sayso", filepath.Base(u.st.Path())}
	if a := u.assignment; a != nil {
		parts = append(parts, "assignment “"+a.Title+"”")
	}
	if n := u.annotator(); n != "" {
		parts = append(parts, n)
	} else {
		parts = append(parts, "no name yet")
	}
	u.win.SetTitle(strings.Join(parts, " — "))
}

// withAnnotator runs then once the project has an annotator, asking for
// the name first when it has none.
func (u *UI) withAnnotator(then func()) {
	if u.hasAnnotator() {
		then()
		return
	}
	u.askName("Who is labeling?", "Your name is saved in this project file with your labels.", func(name string) {
		if u.setAnnotator(name, false) {
			then()
		}
	})
}

// askName shows a name dialog; done gets the trimmed, non-empty name.
// Enter saves.
func (u *UI) askName(title, note string, done func(string)) {
	e := widget.NewEntry()
	e.SetPlaceHolder("first and last name")
	// A shared computer must not hand the last person's name to the next
	// one: the preference only fills in ordinary projects.
	if u.assignment == nil && u.annotator() == "" {
		e.SetText(u.app.Preferences().String(prefAnnotator))
	} else {
		e.SetText(u.annotator())
	}
	var d dialog.Dialog
	save := func(ok bool) {
		if name := strings.TrimSpace(e.Text); ok && name != "" {
			done(name)
		}
		u.win.Canvas().Focus(u.view)
	}
	e.OnSubmitted = func(string) { d.Hide(); save(true) }
	d = dialog.NewForm(title, "Save", "Cancel",
		[]*widget.FormItem{widget.NewFormItem("Name", e), widget.NewFormItem("", widget.NewLabel(note))}, save, u.win)
	u.dlg = d
	d.Show()
	u.win.Canvas().Focus(e)
}

// setAnnotator makes name the project's annotator. The first name given
// in a project takes over the labels made before names were asked (the
// unnamed layer), unless that name has labels of its own. rename moves
// the current annotator's labels to the new name (a corrected spelling);
// otherwise the name is another person, with labels of their own.
func (u *UI) setAnnotator(name string, rename bool) bool {
	cur := u.st.Layer()
	if name == cur {
		return true
	}
	if cur == "" && !u.hasAnnotator() {
		rename = true
	}
	if rename {
		err := u.st.RenameLayer(cur, name)
		// The first name in a project whose unnamed labels cannot take it
		// (the name has labels already) just starts using that name.
		if errors.Is(err, store.ErrLayerTaken) && cur == "" {
			err = nil
		}
		if err != nil {
			u.showError(err)
			return false
		}
	}
	if err := u.st.SetSetting(store.SettingAnnotator, name); err != nil {
		u.showError(err)
		return false
	}
	if u.assignment == nil {
		u.app.Preferences().SetString(prefAnnotator, name)
	}
	u.st.SetLayer(name)
	u.updateTitle()
	u.reloadList()
	if u.docID != 0 {
		u.reopenDocument()
	}
	u.setMessage(fmt.Sprintf("labeling as %s", name))
	return true
}

// reopenDocument reads the open document again (in the current layer).
func (u *UI) reopenDocument() {
	d, err := u.st.Document(u.docID)
	if err != nil {
		u.showError(err)
		return
	}
	u.sug.done, u.sug.undone = nil, nil
	u.showDocument(d)
}

// annotatorDialog is Edit ▸ Annotator Name…: a corrected spelling keeps
// the labels; another person starts their own.
func (u *UI) annotatorDialog() {
	e := widget.NewEntry()
	e.SetText(u.annotator())
	who := widget.NewRadioGroup([]string{renameMine, anotherPerson}, nil)
	who.SetSelected(renameMine)
	var d dialog.Dialog
	save := func(ok bool) {
		if name := strings.TrimSpace(e.Text); ok && name != "" {
			u.setAnnotator(name, who.Selected == renameMine)
		}
		u.win.Canvas().Focus(u.view)
	}
	e.OnSubmitted = func(string) { d.Hide(); save(true) }
	d = dialog.NewForm("Annotator", "Save", "Cancel", []*widget.FormItem{
		widget.NewFormItem("Name", e),
		widget.NewFormItem("", who),
	}, save, u.win)
	u.dlg = d
	d.Resize(fyne.NewSize(460, 0))
	d.Show()
	u.win.Canvas().Focus(e)
}

const (
	renameMine    = "Same person, new spelling: my labels keep the new name"
	anotherPerson = "Another person: start their own labels"
)

// stampAnnotator gives the spans an edit adds or changes, when they name
// no annotator, the current one (a label made before the name was asked
// is saved under the name given).
func stampAnnotator(e *annotate.Edit, name string) {
	for _, s := range []*annotate.Span{e.Span, e.After} {
		if s != nil && s.Annotator == "" && e.Kind != annotate.EditDeleteSpan {
			s.Annotator = name
		}
	}
	for i := range e.Steps {
		stampAnnotator(&e.Steps[i], name)
	}
}

// mergeDialog is File ▸ Merge Annotator's Work…: another annotator's
// project file (.sayso) or export comes in as their layer.
func (u *UI) mergeDialog() {
	u.pathDialog("Merge Annotator's Work", "Merge", "", []fyne.CanvasObject{
		widget.NewLabel("Another annotator's project file (.sayso) or export (.jsonl).\nTheir labels come in under their name, never mixed with yours."),
	}, u.merge)
}

func (u *UI) merge(path string) {
	if !strings.EqualFold(filepath.Ext(path), ".sayso") {
		u.importPaths([]string{path}, u.openLastImported)
		return
	}
	st := u.st
	var (
		rep store.MergeReport
		err error
	)
	u.runBackground(func() { rep, err = st.MergeProject(path) }, func() {
		if err != nil {
			u.showError(err)
			return
		}
		u.reloadList()
		msg := fmt.Sprintf("merged %s: labels of %s; %d document(s) gained a layer, %d new, %d unchanged",
			filepath.Base(path), strings.Join(rep.Layers, ", "), rep.Merged, rep.Added, rep.Unchanged)
		if rep.Kept > 0 {
			msg += fmt.Sprintf("; %d layer(s) already here were kept as they were", rep.Kept)
		}
		u.setMessage(msg)
	})
}
