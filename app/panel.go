package app

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/sayso/sayso/annotate"
)

// spanPanel shows and edits the attributes of the selected span.
type spanPanel struct {
	u   *UI
	box *fyne.Container
	// entries that take typed attribute values, for tests
	entity, issuer, target *widget.SelectEntry
	kind                   *widget.RadioGroup
	conditional            *widget.Check
	speakers               *widget.Select
	sug                    *suggestionWidgets // when a suggestion is shown
}

func newSpanPanel(u *UI) *spanPanel {
	return &spanPanel{u: u, box: container.NewVBox()}
}

// noSpanHelp is the panel's text when no label is selected: paragraphs
// that wrap to the panel's width (at any zoom), and the label keys.
var noSpanHelp = []string{
	"Select words in the article (drag, double-click, or Shift+Ctrl+→), then press a key:",
	"Q  direct quote (inside quotation marks)\nI  indirect quote (reported speech)\nS  speaker (who said it)\nT  threat",
	"Click a label to select it; Delete removes it; Tab moves to the next label; L links a quote or threat to its speaker. Ctrl+Z undoes.",
	"Suggestions have dashed underlines: J / K move between them, A or Enter accepts, X rejects. F1 shows the label rules and all keys.",
}

// show rebuilds the panel for span s (nil: no span selected).
func (p *spanPanel) show(s *annotate.Span) {
	p.entity, p.issuer, p.target, p.kind, p.conditional, p.speakers = nil, nil, nil, nil, nil, nil
	p.sug = nil
	var objs []fyne.CanvasObject
	if s == nil {
		head := widget.NewLabelWithStyle("No label selected", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		objs = append(objs, head)
		for _, t := range noSpanHelp {
			objs = append(objs, wrapped(t))
		}
		if d := p.u.doc; d != nil {
			c := d.CountLabels()
			objs = append(objs, wrapped(fmt.Sprintf("This document: %d quotes, %d speakers, %d threats, %d links.",
				c[annotate.Quote], c[annotate.Speaker], c[annotate.Threat], len(d.Relations))))
			objs = append(objs, widget.NewSeparator(), p.suggestionSummary())
		}
		p.box.Objects = objs
		p.box.Refresh()
		return
	}
	head := widget.NewLabelWithStyle(labelName(*s), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	excerpt := widget.NewLabel("“" + clipText(s.Text, 160) + "”")
	excerpt.Wrapping = fyne.TextWrapWord
	objs = append(objs, head, excerpt)
	switch s.Label {
	case annotate.Quote:
		p.kind = widget.NewRadioGroup([]string{annotate.KindDirect, annotate.KindIndirect}, nil)
		p.kind.Horizontal = true
		p.kind.SetSelected(s.QuoteKind())
		id := s.ID
		p.kind.OnChanged = func(k string) {
			if k != "" {
				p.setAttr(id, annotate.AttrKind, k)
			}
		}
		objs = append(objs, widget.NewLabel("Kind"), p.kind)
		objs = append(objs, p.linkRows(*s)...)
	case annotate.Speaker:
		p.entity = p.entityEntry(s.ID, annotate.AttrEntity, entityOf(*s))
		objs = append(objs, widget.NewLabel("Entity (canonical name; Enter to save)"), p.entity)
		objs = append(objs, p.linkedFrom(s.ID)...)
	case annotate.Threat:
		p.issuer = p.entityEntry(s.ID, annotate.AttrIssuer, s.AttrString(annotate.AttrIssuer))
		p.target = p.entityEntry(s.ID, annotate.AttrTarget, s.AttrString(annotate.AttrTarget))
		id := s.ID
		p.conditional = widget.NewCheck("Conditional (if …, unless …)", func(b bool) { p.setAttr(id, annotate.AttrConditional, b) })
		p.conditional.Checked = s.AttrBool(annotate.AttrConditional)
		objs = append(objs,
			widget.NewLabel("Issuer (Enter to save)"), p.issuer,
			widget.NewLabel("Target (Enter to save)"), p.target,
			p.conditional)
		objs = append(objs, p.linkRows(*s)...)
	}
	if s.Source != "" || s.Annotator != "" {
		meta := strings.TrimSpace(s.Source + " " + byWhom(s.Annotator))
		objs = append(objs, widget.NewLabelWithStyle(meta, fyne.TextAlignLeading, fyne.TextStyle{Italic: true}))
	}
	id := s.ID
	del := widget.NewButton("Delete label (Del)", func() { p.u.onDelete(id) })
	objs = append(objs, del)
	p.box.Objects = objs
	p.box.Refresh()
}

func byWhom(a string) string {
	if a == "" {
		return ""
	}
	return "by " + a
}

// linkRows shows a quote's or threat's speaker and lets the user link one.
func (p *spanPanel) linkRows(s annotate.Span) []fyne.CanvasObject {
	d := p.u.doc
	label := annotate.LinkLabel(s.Label)
	cur := "none"
	if r, ok := d.RelationFrom(s.ID, label); ok {
		if i := d.SpanByID(r.To); i >= 0 {
			cur = entityOf(d.Spans[i]) + " (“" + clipText(d.Spans[i].Text, 30) + "”)"
		}
	}
	var names []string
	ids := map[string]string{}
	for _, sp := range d.Spans {
		if sp.Label == annotate.Speaker {
			n := fmt.Sprintf("%s — “%s”", entityOf(sp), clipText(sp.Text, 24))
			if _, dup := ids[n]; dup {
				n += " (" + sp.ID + ")"
			}
			names = append(names, n)
			ids[n] = sp.ID
		}
	}
	from := s.ID
	p.speakers = widget.NewSelect(names, func(n string) {
		if to, ok := ids[n]; ok {
			p.u.onLink(from, to)
		}
	})
	p.speakers.PlaceHolder = "Link to a speaker (or press L, then click)"
	objs := []fyne.CanvasObject{widget.NewLabel(label + ": " + cur), p.speakers}
	if r, ok := d.RelationFrom(s.ID, label); ok {
		objs = append(objs, widget.NewButton("Unlink", func() {
			e := annotate.Unlink(r)
			p.u.apply(e)
		}))
	}
	return objs
}

// linkedFrom lists how many quotes and threats point at a speaker.
func (p *spanPanel) linkedFrom(id string) []fyne.CanvasObject {
	n := 0
	for _, r := range p.u.doc.Relations {
		if r.To == id {
			n++
		}
	}
	return []fyne.CanvasObject{widget.NewLabel(fmt.Sprintf("%d quote(s)/threat(s) linked here", n))}
}

// entityEntry is an entry for a canonical name that suggests the names
// already used in the project as the user types.
func (p *spanPanel) entityEntry(id, key, value string) *widget.SelectEntry {
	all := p.u.projectEntities()
	for _, s := range p.u.doc.Spans {
		if s.Label == annotate.Speaker {
			all = append(all, entityOf(s))
		}
	}
	all = uniqueStrings(all)
	e := widget.NewSelectEntry(nil)
	e.SetText(value)
	e.SetOptions(matching(all, ""))
	save := func(s string) { p.setAttr(id, key, strings.TrimSpace(s)) }
	e.OnSubmitted = save
	prev := value
	e.OnChanged = func(s string) {
		// A name picked from the list replaces the text at once; typing
		// changes it a character at a time and is saved with Enter.
		picked := slices.Contains(all, s) && absDiff(utf8.RuneCountInString(s), utf8.RuneCountInString(prev)) != 1
		prev = s
		if picked {
			save(s)
			return
		}
		e.SetOptions(matching(all, s))
	}
	return e
}

func uniqueStrings(in []string) []string {
	seen := map[string]bool{}
	out := in[:0:0]
	for _, s := range in {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// matching returns the names containing typed (case-insensitive), those
// starting with it first, at most 12.
func matching(all []string, typed string) []string {
	t := strings.ToLower(strings.TrimSpace(typed))
	var pre, in []string
	for _, s := range all {
		l := strings.ToLower(s)
		switch {
		case strings.HasPrefix(l, t):
			pre = append(pre, s)
		case strings.Contains(l, t):
			in = append(in, s)
		}
	}
	sort.SliceStable(in, func(i, j int) bool { return len(in[i]) < len(in[j]) })
	out := append(pre, in...)
	if len(out) > 12 {
		out = out[:12]
	}
	return out
}

// setAttr changes one attribute of span id as one undoable edit.
func (p *spanPanel) setAttr(id, key string, value any) {
	d := p.u.doc
	if d == nil {
		return
	}
	i := d.SpanByID(id)
	if i < 0 {
		return
	}
	after := d.Spans[i].Clone()
	if after.Attrs == nil {
		after.Attrs = map[string]any{}
	}
	if old, ok := after.Attrs[key]; ok && old == value {
		return
	}
	after.Attrs[key] = value
	if after.Source == annotate.SourceSuggested || after.Source == annotate.SourceAccepted {
		after.Source = annotate.SourceEdited
	}
	e, err := annotate.UpdateSpan(d, after)
	if err != nil {
		return
	}
	e.Note = fmt.Sprintf("%s set to %v", key, value)
	p.u.apply(e)
}

func absDiff(a, b int) int {
	if a > b {
		return a - b
	}
	return b - a
}
