package app

import (
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/sayso/sayso/annotate/agree"
)

// The Agreement screen: how far the project's annotators agree, per label
// and per document (lowest first), computed offline by annotate/agree.

// agreementColumns head the per-label table.
var agreementColumns = []string{"Label", "Exact F1", "Overlap F1", "Cohen κ", "Fleiss κ", "Krippendorff α", "Gwet AC1"}

// docColumns head the per-document table.
var docColumns = []string{"Document", "Annotators", "α (all labels)", "AC1", "Overlap F1"}

// showAgreement opens the Agreement window.
func (u *UI) showAgreement() {
	layers, err := u.st.Layers()
	if err != nil {
		u.showError(err)
		return
	}
	var names []string
	for _, l := range layers {
		names = append(names, l.Name)
	}
	if len(names) < 2 {
		u.showError(fmt.Errorf("agreement needs the labels of at least two annotators; this project has %d (use File ▸ Merge Annotator's Work…)", len(names)))
		return
	}
	w := u.app.NewWindow("Agreement")
	who := widget.NewCheckGroup(names, nil)
	who.Horizontal = true
	// The curated layer is the outcome of adjudication, not an annotator.
	who.SetSelected(slices.DeleteFunc(slices.Clone(names), func(n string) bool { return n == defaultCurated }))
	result := container.NewStack(widget.NewLabel("Choose the annotators and press Compute."))
	compute := widget.NewButton("Compute", func() { u.computeAgreement(w, who.Selected, result) })
	w.SetContent(container.NewBorder(container.NewVBox(widget.NewLabel("Annotators:"), who, compute), nil, nil, nil, result))
	w.Resize(fyne.NewSize(1100, 800))
	u.agreeWin = w
	w.Show()
	compute.OnTapped()
}

// computeAgreement computes in the background and shows the tables.
func (u *UI) computeAgreement(w fyne.Window, names []string, into *fyne.Container) {
	st := u.st
	var (
		rep  *agree.Report
		docs []*agree.Doc
		err  error
	)
	into.Objects = []fyne.CanvasObject{widget.NewProgressBarInfinite()}
	into.Refresh()
	u.runBackground(func() {
		if docs, err = st.AgreementDocs(); err == nil {
			rep, err = agree.Compute(docs, names)
		}
	}, func() {
		if err != nil {
			into.Objects = []fyne.CanvasObject{widget.NewLabel(err.Error())}
			into.Refresh()
			return
		}
		u.lastAgreement = rep
		into.Objects = []fyne.CanvasObject{agreementView(u, rep)}
		into.Refresh()
	})
}

// agreementView is the report: a summary line, the per-label table and
// the documents, lowest agreement first, each with a button to adjudicate.
func agreementView(u *UI, r *agree.Report) fyne.CanvasObject {
	rows := make([][]string, len(r.Labels))
	for i, l := range r.Labels {
		rows[i] = []string{l.Kind, l.Exact.F1.String(), l.Overlap.F1.String(), l.Cohen.String(), l.Fleiss.String(), l.Alpha.String(), l.AC1.String()}
	}
	labels := textTable(agreementColumns, rows, 130)
	docRows := make([][]string, len(r.Docs))
	for i, d := range r.Docs {
		all := d.Labels[len(d.Labels)-1]
		docRows[i] = []string{d.ID, fmt.Sprint(len(d.Annotators)), all.Alpha.String(), all.AC1.String(), all.Overlap.F1.String()}
	}
	docs := textTable(docColumns, docRows, 150)
	docs.SetColumnWidth(0, 320)
	docs.OnSelected = func(id widget.TableCellID) {
		if id.Row < 0 || id.Row >= len(r.Docs) {
			return
		}
		// The document's own annotators, never the curated layer.
		who := slices.DeleteFunc(slices.Clone(r.Docs[id.Row].Annotators), func(n string) bool { return n == defaultCurated })
		if len(who) >= 2 {
			u.openAdjudication(r.Docs[id.Row].ID, who[0], who[1])
		}
	}
	summary := widget.NewLabel(fmt.Sprintf("%d annotators, %d documents compared (%d with fewer than two annotators left out), %d tokens. "+
		"κ and α are chance-corrected; AC1 stays meaningful when a label is rare, as THREAT is. Select a document to adjudicate it.",
		len(r.Annotators), r.Documents, r.Skipped, r.Tokens))
	summary.Wrapping = fyne.TextWrapWord
	split := container.NewVSplit(labels, container.NewBorder(widget.NewLabelWithStyle("Documents, lowest agreement first", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil, docs))
	split.Offset = 0.55
	return container.NewBorder(summary, nil, nil, nil, split)
}

// textTable is a read-only table of strings with a header row.
func textTable(head []string, rows [][]string, width float32) *widget.Table {
	t := widget.NewTableWithHeaders(
		func() (int, int) { return len(rows), len(head) },
		func() fyne.CanvasObject { return widget.NewLabel("0.000") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row < len(rows) && id.Col < len(rows[id.Row]) {
				o.(*widget.Label).SetText(rows[id.Row][id.Col])
			}
		})
	t.ShowHeaderColumn = false
	t.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("header", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row < 0 && id.Col >= 0 && id.Col < len(head) {
			o.(*widget.Label).SetText(head[id.Col])
		}
	}
	for i := range head {
		t.SetColumnWidth(i, width)
	}
	return t
}
