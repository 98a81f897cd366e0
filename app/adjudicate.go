package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/sayso/sayso/annotate"
	"github.com/sayso/sayso/annotate/agree"
	"github.com/sayso/sayso/store"
)

// Adjudication: two annotators' labels on one document side by side,
// their differences listed, and a curated layer built from them by
// keyboard: N / P next and previous difference, 1 (or ←) take left, 2 (or
// →) take right, B both, 0 (or X) none, Ctrl+Z / Ctrl+Shift+Z undo and
// redo. The curated layer is a layer like any other: it exports, and
// agreement can be measured against it.

// defaultCurated names the curated layer.
const defaultCurated = "adjudicated"

// adjudication is the state of one adjudication window.
type adjudication struct {
	u         *UI
	w         fyne.Window
	docID     int64
	a, b, cur string // layer names
	doc       *agree.Doc
	curated   *annotate.Document
	diffs     []agree.Difference
	at        int // the selected difference
	left      *AnnotationView
	right     *AnnotationView
	result    *AnnotationView
	list      *widget.List
	status    *widget.Label
	// decidedNone marks differences decided as neither side; the curated
	// layer alone cannot tell them from undecided ones.
	decidedNone map[int]bool
}

// openAdjudication opens the adjudication window on document uid for
// layers a and b.
func (u *UI) openAdjudication(uid, a, b string) {
	if a == defaultCurated || b == defaultCurated || a == b {
		u.showError(fmt.Errorf("adjudication compares two annotators into the %q layer; choose two others", defaultCurated))
		return
	}
	id := u.docRowID(uid)
	if id == 0 {
		u.showError(fmt.Errorf("no document %q in the project", uid))
		return
	}
	j := &adjudication{u: u, docID: id, a: a, b: b, cur: defaultCurated}
	if err := j.load(); err != nil {
		u.showError(err)
		return
	}
	j.build()
	u.adjudication = j
	j.w.Show()
}

// docRowID returns the row id of the document with the stable id uid.
func (u *UI) docRowID(uid string) int64 {
	for _, d := range u.docs {
		if d.UID == uid {
			return d.ID
		}
	}
	return 0
}

// load reads both layers and the curated one, and seeds the curated layer
// with what both labeled alike the first time.
func (j *adjudication) load() error {
	layers, err := j.u.st.DocumentLayers(j.docID)
	if err != nil {
		return err
	}
	base, err := j.u.st.DocumentIn("", j.docID)
	if err != nil {
		return err
	}
	if layers[j.a] == nil || layers[j.b] == nil {
		return fmt.Errorf("document %q: %s and %s have not both labeled it", base.ID, j.a, j.b)
	}
	j.doc = &agree.Doc{ID: base.ID, Text: base.Text, Layers: layers}
	if j.diffs, err = agree.Differences(j.doc, j.a, j.b); err != nil {
		return err
	}
	if j.curated, err = j.u.st.DocumentIn(j.cur, j.docID); err != nil {
		return err
	}
	if len(j.curated.Spans) == 0 {
		e, err := agree.Seed(j.curated, layers[j.a], j.diffs, j.cur)
		if err == nil && len(e.Steps) > 0 {
			j.curated, err = j.u.st.ApplyIn(j.cur, j.docID, e)
		}
		return err
	}
	return nil
}

func (j *adjudication) build() {
	j.w = j.u.app.NewWindow(fmt.Sprintf("Adjudicate — %s: %s | %s → %s", j.doc.ID, j.a, j.b, j.cur))
	j.left, j.right, j.result = readOnlyView(), readOnlyView(), readOnlyView()
	j.left.SetDocument(j.doc.Layers[j.a])
	j.right.SetDocument(j.doc.Layers[j.b])
	j.result.SetDocument(j.curated)
	j.list = widget.NewList(func() int { return len(j.diffs) },
		func() fyne.CanvasObject { return widget.NewLabel("a difference between the two") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(j.describe(i)) })
	j.list.OnSelected = func(i widget.ListItemID) { j.selectDiff(i) }
	j.status = widget.NewLabel("")
	keys := widget.NewLabel("N / P next, previous · 1 or ← take left · 2 or → take right · B both · 0 or X none · Ctrl+Z undo")
	head := func(s string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	sides := container.NewGridWithColumns(2,
		container.NewBorder(head("left: "+j.a), nil, nil, nil, j.left),
		container.NewBorder(head("right: "+j.b), nil, nil, nil, j.right))
	bottom := container.NewHSplit(container.NewBorder(head("differences"), nil, nil, nil, j.list),
		container.NewBorder(head("curated: "+j.cur), nil, nil, nil, j.result))
	split := container.NewVSplit(sides, bottom)
	j.w.SetContent(container.NewBorder(nil, container.NewVBox(keys, j.status), nil, nil, split))
	j.w.Resize(fyne.NewSize(1300, 900))
	j.addKeys()
	if len(j.diffs) > 0 {
		j.list.Select(0)
	}
	j.updateStatus()
}

// readOnlyView is an annotation view that shows labels and takes no edits.
func readOnlyView() *AnnotationView {
	v := NewAnnotationView()
	v.OnLabel = func(annotate.Label, string, int, int) {}
	v.OnDelete = func(string) {}
	return v
}

// describe is one line of the difference list.
func (j *adjudication) describe(i int) string {
	d := j.diffs[i]
	mark := "  "
	if c, ok := agree.Decided(j.curated, d); ok {
		mark = "✓ " + c.String() + " · "
	} else if j.decidedNone[i] {
		mark = "✓ none · "
	}
	what := map[agree.Change]string{agree.OnlyA: "only " + j.a, agree.OnlyB: "only " + j.b, agree.Changed: "both, differently"}[d.Change]
	if d.Change == agree.Changed {
		var parts []string
		if d.Bounds {
			parts = append(parts, "bounds")
		}
		parts = append(parts, d.Attrs...)
		what += " (" + strings.Join(parts, ", ") + ")"
	}
	s := d.A
	if s == nil {
		s = d.B
	}
	return fmt.Sprintf("%s%s · %s: “%s”", mark, annotate.EvalKind(*s), what, clipText(s.Text, 60))
}

func (j *adjudication) selectDiff(i int) {
	if i < 0 || i >= len(j.diffs) {
		return
	}
	j.at = i
	d := j.diffs[i]
	for _, side := range []struct {
		v *AnnotationView
		s *annotate.Span
	}{{j.left, d.A}, {j.right, d.B}} {
		side.v.ScrollToOffset(d.Start())
		if side.s != nil {
			side.v.SelectSpan(side.s.ID)
		} else {
			side.v.SelectSpan("")
		}
	}
	j.result.ScrollToOffset(d.Start())
	j.updateStatus()
}

// decide applies choice to the selected difference in the curated layer
// and moves to the next undecided one.
func (j *adjudication) decide(c agree.Choice) {
	if j.at >= len(j.diffs) {
		return
	}
	e, err := agree.Decide(j.curated, j.diffs[j.at], c, j.doc.Layers[j.a], j.doc.Layers[j.b], j.cur)
	if err == nil && len(e.Steps) > 0 {
		var d *annotate.Document
		if d, err = j.u.st.ApplyIn(j.cur, j.docID, e); err == nil {
			j.setCurated(d)
		}
	}
	if err != nil {
		j.status.SetText(err.Error())
		return
	}
	if j.decidedNone == nil {
		j.decidedNone = map[int]bool{}
	}
	// Taking a side the difference does not have leaves neither: that is
	// a decision too.
	_, holds := agree.Decided(j.curated, j.diffs[j.at])
	j.decidedNone[j.at] = !holds
	j.list.RefreshItem(j.at)
	j.next(1)
}

func (j *adjudication) setCurated(d *annotate.Document) {
	j.curated = d
	j.result.SetAnnotations(d.Spans, d.Relations)
	j.list.Refresh()
	j.updateStatus()
}

// undo takes back the curated layer's last step (or redoes one).
func (j *adjudication) undo(redo bool) {
	step := j.u.st.UndoIn
	if redo {
		step = j.u.st.RedoIn
	}
	d, _, err := step(j.cur, j.docID)
	if err != nil {
		j.status.SetText(err.Error())
		return
	}
	j.setCurated(d)
}

func (j *adjudication) next(dir int) {
	if n := len(j.diffs); n > 0 {
		j.list.Select((j.at + dir + n) % n)
	}
}

// undecided counts the differences the curated layer has not settled.
func (j *adjudication) undecided() int {
	n := 0
	for i, d := range j.diffs {
		if _, ok := agree.Decided(j.curated, d); !ok && !j.decidedNone[i] {
			n++
		}
	}
	return n
}

func (j *adjudication) updateStatus() {
	j.status.SetText(fmt.Sprintf("difference %d of %d · %d undecided · curated layer %q holds %d labels",
		min(j.at+1, len(j.diffs)), len(j.diffs), j.undecided(), j.cur, len(j.curated.Spans)))
}

// addKeys binds the adjudication keys on the window.
func (j *adjudication) addKeys() {
	c := j.w.Canvas()
	runes := map[rune]func(){
		'n': func() { j.next(1) }, 'p': func() { j.next(-1) }, 'j': func() { j.next(1) }, 'k': func() { j.next(-1) },
		'1': func() { j.decide(agree.TakeA) }, '2': func() { j.decide(agree.TakeB) },
		'b': func() { j.decide(agree.TakeBoth) }, '0': func() { j.decide(agree.TakeNone) }, 'x': func() { j.decide(agree.TakeNone) },
	}
	c.SetOnTypedRune(func(r rune) {
		if fn, ok := runes[r]; ok {
			fn()
		}
	})
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		switch ev.Name {
		case fyne.KeyLeft:
			j.decide(agree.TakeA)
		case fyne.KeyRight:
			j.decide(agree.TakeB)
		case fyne.KeyDown:
			j.next(1)
		case fyne.KeyUp:
			j.next(-1)
		}
	})
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { j.undo(false) })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}, func(fyne.Shortcut) { j.undo(true) })
}

// adjudicateDialog is Team ▸ Adjudicate This Document…: pick the two
// annotators to compare on the open document.
func (u *UI) adjudicateDialog() {
	if u.doc == nil {
		return
	}
	layers, err := u.st.DocumentLayers(u.docID)
	if err != nil {
		u.showError(err)
		return
	}
	var names []string
	for _, n := range store.SortedLayerNames(layers) {
		if n != defaultCurated {
			names = append(names, n)
		}
	}
	if len(names) < 2 {
		u.showError(fmt.Errorf("this document has the labels of %d annotator(s); adjudication needs two (use File ▸ Merge Annotator's Work…)", len(names)))
		return
	}
	left, right := widget.NewSelect(names, nil), widget.NewSelect(names, nil)
	left.SetSelected(names[0])
	right.SetSelected(names[1])
	d := dialog.NewForm("Adjudicate", "Open", "Cancel", []*widget.FormItem{
		widget.NewFormItem("Left", left), widget.NewFormItem("Right", right),
	}, func(ok bool) {
		if ok && left.Selected != right.Selected {
			u.openAdjudication(u.doc.ID, left.Selected, right.Selected)
		}
	}, u.win)
	u.dlg = d
	d.Show()
}
