package app

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/sayso/sayso/store"
)

// The classroom. A teacher makes an assignment (a class set file) from
// documents of their project; a student opens it, labels it under their
// name and hands it in; the teacher collects the handed-in files and sees
// a class report. The answer key never leaves the teacher's project.

// loadAssignment reads whether the open project is a class set, and turns
// suggestions off for good when the assignment does not allow them.
func (u *UI) loadAssignment() {
	a, err := u.st.Assignment()
	if err != nil {
		u.showError(err)
	}
	u.assignment = a
	u.applySuggestionPolicy()
}

// suggestionsForbidden reports whether the open class set does not allow
// suggestions: they are then neither computed nor offered.
func (u *UI) suggestionsForbidden() bool {
	return u.assignment != nil && !u.assignment.Suggestions
}

// applySuggestionPolicy disables the Suggestions menu in a class set that
// does not allow them.
func (u *UI) applySuggestionPolicy() {
	off := u.suggestionsForbidden()
	if off {
		u.sug.hidden = true
	}
	if u.sugMenu != nil {
		for _, it := range u.sugMenu.Items {
			it.Disabled = off
		}
	}
	if u.showSugItem != nil {
		u.showSugItem.Checked = !u.sug.hidden
	}
	if u.handInItem != nil {
		u.handInItem.Disabled = u.assignment == nil
	}
	if mm := u.win.MainMenu(); mm != nil {
		mm.Refresh()
	}
}

// newAssignmentDialog is File ▸ New Assignment…: the teacher picks the
// documents, a title and whether suggestions are allowed; the file goes
// where they say. Their own labels (their layer) are the answer key.
func (u *UI) newAssignmentDialog() {
	if u.st == nil || len(u.docs) == 0 {
		u.showError(fmt.Errorf("the project has no documents to make an assignment from; import the articles first"))
		return
	}
	if u.assignment != nil {
		u.showError(fmt.Errorf("this file is itself an assignment; make assignments from your own project"))
		return
	}
	u.withAnnotator(u.showNewAssignment)
}

func (u *UI) showNewAssignment() {
	title := widget.NewEntry()
	title.SetText("Assignment " + time.Now().Format("2 January 2006"))
	names := make([]string, len(u.docs))
	byName := map[string]int64{}
	for i, d := range u.docs {
		names[i] = fmt.Sprintf("%d. %s", i+1, d.Title)
		byName[names[i]] = d.ID
	}
	docs := widget.NewCheckGroup(names, nil)
	docs.SetSelected(names)
	allow := widget.NewCheck("Allow suggestions (students see the app's suggestions)", nil)
	path := widget.NewEntry()
	path.SetText(filepath.Join(filepath.Dir(u.st.Path()), "assignment.sayso"))
	title.OnChanged = func(s string) {
		path.SetText(filepath.Join(filepath.Dir(path.Text), fileName(s)+".sayso"))
	}
	key := widget.NewLabel(fmt.Sprintf("Answer key: the labels of %s in this project. Students' file holds the articles only.", u.annotator()))
	key.Wrapping = fyne.TextWrapWord
	form := container.NewVBox(
		widget.NewLabel("Title"), title,
		widget.NewLabel("Articles"), container.NewGridWrap(fyne.NewSize(520, 180), container.NewVScroll(docs)),
		allow, key,
		widget.NewLabel("Save the class set as"), path,
	)
	d := dialog.NewCustomConfirm("New Assignment", "Create", "Cancel", form, func(ok bool) {
		if !ok {
			return
		}
		var ids []int64
		for _, n := range docs.Selected {
			ids = append(ids, byName[n])
		}
		u.createAssignment(expandHome(strings.TrimSpace(path.Text)), strings.TrimSpace(title.Text), allow.Checked, ids)
	}, u.win)
	u.dlg = d
	d.Resize(fyne.NewSize(600, 0))
	d.Show()
}

// createAssignment writes the class set and reports where it went.
func (u *UI) createAssignment(path, title string, suggestions bool, ids []int64) {
	if title == "" {
		title = "Assignment"
	}
	a, err := u.st.NewAssignment(path, store.Assignment{Title: title, Suggestions: suggestions}, ids)
	if err != nil {
		u.showError(err)
		return
	}
	allowed := "without suggestions"
	if a.Suggestions {
		allowed = "with suggestions"
	}
	u.setMessage(fmt.Sprintf("assignment “%s” (%d articles, %s) written to %s", a.Title, len(a.Documents), allowed, path))
	dialog.ShowInformation("Assignment ready", fmt.Sprintf(
		"Give each student a copy of\n%s\n\nThey open it in sayso, enter their name, label, and use File ▸ Hand In….\nCollect their files with File ▸ Collect Class Work….", path), u.win)
}

// fileName makes a title into a file name.
func fileName(title string) string {
	f := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) {
			return '-'
		}
		return r
	}, strings.TrimSpace(title))
	if f == "" {
		return "assignment"
	}
	return f
}

// handInDialog is File ▸ Hand In… for a student: a copy of the class set
// with their labels, where they choose.
func (u *UI) handInDialog() {
	if u.assignment == nil {
		u.showError(fmt.Errorf("this project is not an assignment: there is nothing to hand in"))
		return
	}
	u.withAnnotator(func() {
		def := filepath.Join(filepath.Dir(u.st.Path()), fileName(u.assignment.Title+" - "+u.annotator())+".sayso")
		u.pathDialog("Hand In", "Hand In", def, []fyne.CanvasObject{
			widget.NewLabel(fmt.Sprintf("Hand in your labels as %s. Give the teacher this file:", u.annotator())),
		}, u.handIn)
	})
}

func (u *UI) handIn(path string) {
	if filepath.Ext(path) == "" {
		path += ".sayso"
	}
	st := u.st
	var err error
	u.runBackground(func() { err = st.HandIn(path) }, func() {
		if err != nil {
			u.showError(err)
			return
		}
		u.setMessage("handed in: " + path)
		dialog.ShowInformation("Handed in", "Your work is saved in\n"+path+"\n\nGive this file to your teacher.", u.win)
	})
}

// collectDialog is File ▸ Collect Class Work…: any number of handed-in
// files (or folders of them) at once.
func (u *UI) collectDialog() {
	e := widget.NewMultiLineEntry()
	e.SetPlaceHolder("/path/to/handed-in.sayso or a folder of them (one per line)")
	e.SetMinRowsVisible(5)
	d := dialog.NewCustomConfirm("Collect Class Work", "Collect", "Cancel", container.NewVBox(
		widget.NewLabel("Students' handed-in files, or folders that hold them:"), e), func(ok bool) {
		if ok {
			u.collect(splitPaths(e.Text))
		}
	}, u.win)
	u.dlg = d
	d.Resize(fyne.NewSize(600, 300))
	d.Show()
	u.win.Canvas().Focus(e)
}

// splitPaths reads one path per line.
func splitPaths(text string) []string {
	var paths []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			paths = append(paths, expandHome(l))
		}
	}
	return paths
}
