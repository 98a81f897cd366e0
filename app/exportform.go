package app

import (
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/sayso/sayso/annotate"
	"github.com/sayso/sayso/annotate/format"
	"github.com/sayso/sayso/store"
)

// The Export dialog's form: the formats of the registry and the options
// researchers need, in one place.

const (
	allDocs    = "all documents"
	allLayers  = "every annotator"
	defaultOff = "the format's own"
)

// exportForm holds the Export dialog's fields.
type exportForm struct {
	u       *UI
	format  *widget.Select
	offsets *widget.Select
	status  *widget.Select
	layer   *widget.Select
	labels  *widget.CheckGroup
	sugg    *widget.Check
	split   *widget.Entry
	path    *widget.Entry
	holds   *widget.Label
}

func newExportForm(u *UI) *exportForm {
	f := &exportForm{u: u}
	var names []string
	for _, x := range format.Formats() {
		if x.Export != nil {
			names = append(names, x.Name)
		}
	}
	f.path = widget.NewEntry()
	f.holds = widget.NewLabel("")
	f.holds.Wrapping = fyne.TextWrapWord
	f.format = widget.NewSelect(names, f.formatChanged)
	f.offsets = widget.NewSelect([]string{defaultOff, string(format.CodePoints), string(format.UTF16), string(format.UTF8)}, nil)
	f.offsets.SetSelected(defaultOff)
	f.status = widget.NewSelect(append([]string{allDocs}, annotate.Statuses...), nil)
	f.status.SetSelected(allDocs)
	f.layer = widget.NewSelect(f.layerNames(), nil)
	f.layer.SetSelected(f.defaultLayer())
	var labels []string
	for _, l := range annotate.Labels {
		labels = append(labels, string(l))
	}
	f.labels = widget.NewCheckGroup(labels, nil)
	f.labels.Horizontal = true
	f.labels.SetSelected(labels)
	f.sugg = widget.NewCheck("include suggestions not yet accepted", nil)
	f.sugg.SetChecked(true)
	f.split = widget.NewEntry()
	f.split.SetPlaceHolder("e.g. train=0.8,dev=0.1,test=0.1 (empty: one file)")
	f.format.SetSelected("jsonl")
	return f
}

// layerNames lists the annotators to choose from.
func (f *exportForm) layerNames() []string {
	names := []string{allLayers}
	info, _ := f.u.st.Layers()
	for _, l := range info {
		names = append(names, layerLabel(l.Name))
	}
	return names
}

func layerLabel(n string) string {
	if n == "" {
		return "(no name)"
	}
	return n
}

func (f *exportForm) defaultLayer() string {
	l, err := f.u.st.ExportLayer()
	if err != nil || l == store.LayerAll {
		return allLayers
	}
	return layerLabel(l)
}

// formatChanged updates the path's extension and what the format holds.
func (f *exportForm) formatChanged(name string) {
	x, err := format.Lookup(name)
	if err != nil {
		return
	}
	base := strings.TrimSuffix(f.u.st.Path(), filepath.Ext(f.u.st.Path()))
	if cur := f.path.Text; cur != "" {
		base = strings.TrimSuffix(cur, filepath.Ext(cur))
		base = strings.TrimSuffix(base, ".doccano")
	}
	f.path.SetText(base + x.Ext)
	f.holds.SetText(x.Description + "\n" + holdsText(x.Holds))
}

// holdsText says what a format keeps and what the loss report will count.
func holdsText(h format.Holds) string {
	var keeps, loses []string
	for _, c := range []struct {
		ok   bool
		what string
	}{{h.Overlaps, "overlapping labels"}, {h.Relations, "links"}, {h.Attributes, "attributes"},
		{h.Provenance, "provenance and annotators"}, {h.Scores, "scores"}, {h.Meta, "document meta"}} {
		if c.ok {
			keeps = append(keeps, c.what)
		} else {
			loses = append(loses, c.what)
		}
	}
	s := "Keeps: " + strings.Join(keeps, ", ") + "."
	if len(loses) > 0 {
		s += " Cannot hold (counted in the loss report): " + strings.Join(loses, ", ") + "."
	}
	return s
}

func (f *exportForm) content() fyne.CanvasObject {
	form := widget.NewForm(
		widget.NewFormItem("Format", f.format),
		widget.NewFormItem("", f.holds),
		widget.NewFormItem("Offsets", f.offsets),
		widget.NewFormItem("Documents", f.status),
		widget.NewFormItem("Labels of", f.layer),
		widget.NewFormItem("Labels", f.labels),
		widget.NewFormItem("", f.sugg),
		widget.NewFormItem("Split", f.split),
		widget.NewFormItem("Save as", f.path),
	)
	return container.NewVBox(form)
}

// export reads the form into an export.
func (f *exportForm) export() (store.Export, error) {
	x, err := format.Lookup(f.format.Selected)
	if err != nil {
		return store.Export{}, err
	}
	e := store.Export{Format: x, Path: expandHome(strings.TrimSpace(f.path.Text)), Seed: 1}
	if e.Path == "" {
		return e, fmt.Errorf("name the file to export to")
	}
	if f.offsets.Selected != defaultOff {
		e.Options.Offsets = format.Offsets(f.offsets.Selected)
	}
	if f.status.Selected != allDocs {
		e.Status = f.status.Selected
	}
	e.Layer = f.layerValue()
	for _, l := range f.labels.Selected {
		e.Selection.Labels = append(e.Selection.Labels, annotate.Label(l))
	}
	e.Selection.DropSuggested = !f.sugg.Checked
	if s := strings.TrimSpace(f.split.Text); s != "" {
		if e.Split, err = format.ParseSplit(s); err != nil {
			return e, err
		}
	}
	return e, nil
}

func (f *exportForm) layerValue() string {
	switch f.layer.Selected {
	case allLayers:
		return store.LayerAll
	case "(no name)":
		return ""
	}
	return f.layer.Selected
}
