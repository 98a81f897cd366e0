package app

import (
	"fmt"
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/sayso/sayso/annotate"
)

// suggestionWidgets are the panel's widgets for a focused suggestion,
// kept for tests.
type suggestionWidgets struct {
	accept, reject, acceptAll *widget.Button
	score                     *widget.ProgressBar
	reason                    *widget.Label
}

// showSuggestion shows the focused suggestion s (with the bounds the user
// gave it): label, text, score and reason, its suggested speaker or
// attributes, and the buttons that accept or reject it.
func (p *spanPanel) showSuggestion(s annotate.Span) {
	p.entity, p.issuer, p.target, p.kind, p.conditional, p.speakers = nil, nil, nil, nil, nil, nil
	u := p.u
	orig, _ := u.rawSuggestion(s.ID)
	c := spanColor(s)

	sw := canvas.NewRectangle(c)
	sw.CornerRadius = 6
	sw.SetMinSize(fyne.NewSize(12, 12))
	head := widget.NewLabelWithStyle("Suggested "+labelName(s), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.Truncation = fyne.TextTruncateEllipsis
	objs := []fyne.CanvasObject{container.NewBorder(nil, nil, container.NewCenter(sw), nil, head)}

	excerpt := widget.NewLabel("“" + clipText(s.Text, 160) + "”")
	excerpt.Wrapping = fyne.TextWrapWord
	objs = append(objs, excerpt)
	if s.Start != orig.Start || s.End != orig.End {
		objs = append(objs, widget.NewLabelWithStyle("Bounds edited: it will be saved as “edited”.", fyne.TextAlignLeading, fyne.TextStyle{Italic: true}))
	}

	score := widget.NewProgressBar()
	score.Min, score.Max = 0, 1
	if s.Score != nil {
		v := *s.Score
		score.SetValue(v)
		score.TextFormatter = func() string { return fmt.Sprintf("score %.2f", v) }
	} else {
		score.TextFormatter = func() string { return "no score" }
	}
	reason := widget.NewLabel("Why: " + s.AttrString(annotate.AttrReason))
	reason.Wrapping = fyne.TextWrapWord
	objs = append(objs, score, reason)

	switch s.Label {
	case annotate.Quote, annotate.Threat:
		who, ok := u.suggestedSpeaker(s.ID)
		if !ok {
			who = "none found"
		}
		objs = append(objs, wrapped(annotate.LinkLabel(s.Label)+": "+who))
		if s.Label == annotate.Threat {
			cond := "no"
			if s.AttrBool(annotate.AttrConditional) {
				cond = "yes"
			}
			objs = append(objs, wrapped(fmt.Sprintf("Issuer: %s · target: %s · conditional: %s",
				orNone(s.AttrString(annotate.AttrIssuer)), orNone(s.AttrString(annotate.AttrTarget)), cond)))
		}
	case annotate.Speaker:
		objs = append(objs, wrapped("Entity: "+entityOf(s)))
	}

	w := &suggestionWidgets{score: score, reason: reason}
	w.accept = widget.NewButtonWithIcon("Accept (A)", nil, func() {
		u.view.AcceptFocusedSuggestion()
		u.win.Canvas().Focus(u.view)
	})
	w.accept.Importance = widget.HighImportance
	w.reject = widget.NewButton("Reject (X)", func() {
		u.view.RejectFocusedSuggestion()
		u.win.Canvas().Focus(u.view)
	})
	w.reject.Importance = widget.DangerImportance
	objs = append(objs, container.NewGridWithColumns(2, w.accept, w.reject))

	kind := ""
	if s.Label == annotate.Quote {
		kind = s.QuoteKind()
	}
	n := 0
	for _, x := range u.sug.shown {
		if x.Label == s.Label && (kind == "" || x.QuoteKind() == kind) {
			n++
		}
	}
	w.acceptAll = widget.NewButton(fmt.Sprintf("Accept all %d like it (Shift+A)", n), func() {
		u.AcceptAllOfLabel(s.Label, kind)
		u.win.Canvas().Focus(u.view)
	})
	objs = append(objs, w.acceptAll)

	i, total := u.suggestionPosition(s.ID)
	pos := wrapped(fmt.Sprintf("Suggestion %d of %d · J next · K previous", i, total))
	pos.TextStyle.Bold = true
	help := widget.NewLabel("Shift+← → moves its end, Ctrl+Shift+← → its start; or drag the handles. Q, I, S, T accept it as that label. Esc leaves it.")
	help.Wrapping = fyne.TextWrapWord
	help.SizeName = theme.SizeNameCaptionText
	objs = append(objs, widget.NewSeparator(), pos, help)

	p.sug = w
	p.box.Objects = objs
	p.box.Refresh()
}

// wrapped is a label that wraps, so the panel never widens.
func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

func orNone(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// suggestionSummary is the panel's line about the open document's
// suggestions when nothing is selected.
func (p *spanPanel) suggestionSummary() fyne.CanvasObject {
	u := p.u
	var text string
	switch {
	case u.suggestionsForbidden():
		text = "This assignment does not allow suggestions: the labels are all yours."
	case u.sug.hidden:
		text = "Suggestions are hidden (Suggestions ▸ Show Suggestions)."
	case !u.sug.ready:
		text = "Finding suggestions…"
	case len(u.sug.shown) == 0:
		text = "No suggestions left in this document."
	default:
		c := map[annotate.Label]int{}
		for _, s := range u.sug.shown {
			c[s.Label]++
		}
		text = fmt.Sprintf("%d suggestions (%d quotes, %d speakers, %d threats), drawn with dashed underlines. Press J to review them: A accepts, X rejects.",
			len(u.sug.shown), c[annotate.Quote], c[annotate.Speaker], c[annotate.Threat])
	}
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// acceptAllLikeDialog asks before Shift+A accepts every suggestion of a
// label.
func (u *UI) acceptAllLikeDialog(label annotate.Label, kind string) {
	n := 0
	for _, s := range u.sug.shown {
		if s.Label == label && (label != annotate.Quote || s.QuoteKind() == kind) {
			n++
		}
	}
	name := labelKindName(label, kind)
	d := dialog.NewConfirm("Accept suggestions",
		fmt.Sprintf("Accept all %d %s suggestions in this document?\nCtrl+Z takes them back in one step.", n, name),
		func(ok bool) {
			if ok {
				from, had := u.view.FocusedSuggestion()
				u.AcceptAllOfLabel(label, kind)
				if had {
					u.view.FocusFrom(from) // go on with the next one left
					u.onFocusSuggestion(u.view.FocusedSuggestionID())
				}
			}
			u.win.Canvas().Focus(u.view)
		}, u.win)
	d.SetConfirmText("Accept")
	u.dlg = d
	d.Show()
}

// acceptAboveDialog asks for a score and accepts every suggestion at or
// above it (Ctrl+Shift+A).
func (u *UI) acceptAboveDialog() {
	if u.doc == nil {
		return
	}
	threshold := 0.8
	if v, _ := u.st.Setting(settingAcceptThreshold); v != "" {
		if f, err := strconv.ParseFloat(v, 64); err == nil && f > 0 && f <= 1 {
			threshold = f
		}
	}
	count := func(t float64) (n int) {
		for _, s := range u.sug.shown {
			if s.Score != nil && *s.Score >= t-1e-9 {
				n++
			}
		}
		return n
	}
	info := widget.NewLabel("")
	value := widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	slider := widget.NewSlider(0.3, 1)
	slider.Step = 0.05
	update := func(t float64) {
		value.SetText(fmt.Sprintf("%.2f", t))
		info.SetText(fmt.Sprintf("%d of %d suggestions score %.2f or more.", count(t), len(u.sug.shown), t))
	}
	slider.OnChanged = update
	slider.SetValue(threshold)
	update(threshold)
	content := container.NewVBox(
		widget.NewLabel("Accept every suggestion in this document scored at least:"),
		container.NewBorder(nil, nil, nil, value, slider),
		info,
		widget.NewLabelWithStyle("One undo step (Ctrl+Z) takes them all back.", fyne.TextAlignLeading, fyne.TextStyle{Italic: true}),
	)
	d := dialog.NewCustomConfirm("Accept suggestions above a score", "Accept", "Cancel", content, func(ok bool) {
		if ok {
			_ = u.st.SetSetting(settingAcceptThreshold, fmt.Sprintf("%.2f", slider.Value))
			u.AcceptAllAbove(slider.Value)
		}
		u.win.Canvas().Focus(u.view)
	}, u.win)
	u.dlg, u.dlgSlider = d, slider
	d.Show()
	d.Resize(fyne.NewSize(440, d.MinSize().Height))
}

// newDashSwatch draws a suggestion for the legend as the view does: a
// light wash between thin brackets over a dashed underline.
func newDashSwatch() fyne.CanvasObject {
	const w, h, dash, gap = 16, 14, 3, 2
	c := color.NRGBA{R: 0x80, G: 0x80, B: 0x88, A: 0xff}
	bg := canvas.NewRectangle(withAlpha(c, 0x40))
	bg.Resize(fyne.NewSize(w, h-4))
	objs := []fyne.CanvasObject{bg}
	for x := float32(0); x < w; x += dash + gap {
		r := canvas.NewRectangle(c)
		r.Move(fyne.NewPos(x, h-3))
		r.Resize(fyne.NewSize(min(dash, w-x), 3))
		objs = append(objs, r)
	}
	for _, x := range []float32{0, w - 1.5} {
		r := canvas.NewRectangle(withAlpha(c, 0xc0))
		r.Resize(fyne.NewSize(1.5, h))
		r.Move(fyne.NewPos(x, 0))
		objs = append(objs, r)
	}
	box := container.NewWithoutLayout(objs...)
	spacer := canvas.NewRectangle(color.Transparent)
	spacer.SetMinSize(fyne.NewSize(w, h))
	return container.NewStack(spacer, box)
}
