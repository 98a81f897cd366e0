package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// Shortcuts is the list the help screen shows: key, then what it does.
var Shortcuts = [][2]string{
	{"Q", "label the selection as a direct QUOTE (inside quotation marks)"},
	{"I", "label the selection as an indirect QUOTE (reported speech)"},
	{"S", "label the selection as a SPEAKER"},
	{"T", "label the selection as a THREAT"},
	{"L, then click", "link the selected quote or threat to a speaker"},
	{"Delete / Backspace", "remove the selected label"},
	{"Tab / Shift+Tab", "next / previous label"},
	{"← → ↑ ↓", "move the caret; with a label selected, move between labels"},
	{"Ctrl+← / Ctrl+→", "move the caret by word"},
	{"Shift + movement", "extend the selection"},
	{"drag", "select; snaps to whole words"},
	{"Alt + drag", "select exact characters"},
	{"double-click", "select a word"},
	{"Esc", "clear the selection, leave link mode or the focused suggestion"},
	{"J / K", "next / previous suggestion (dashed underline)"},
	{"A or Enter", "accept the focused suggestion"},
	{"X or Delete", "reject the focused suggestion: never offered again for this text"},
	{"Q, I, S, T on a suggestion", "accept it with that label instead"},
	{"Shift+← / Shift+→", "move the focused suggestion's end by a word"},
	{"Ctrl+Shift+← / →", "move the focused suggestion's start by a word"},
	{"drag a handle", "move that end of the focused suggestion"},
	{"Shift+A", "accept all suggestions like the focused one"},
	{"Ctrl+Shift+A", "accept all suggestions above a score"},
	{"Ctrl+Z / Ctrl+Shift+Z", "undo / redo (kept across restarts), rejections too"},
	{"Ctrl+PageDown / PageUp", "next / previous document"},
	{"Ctrl+D", "mark the document done and open the next"},
	{"Ctrl+F", "filter the document list"},
	{"Ctrl+I", "import files or folders from a path"},
	{"Ctrl+E", "export the project as JSONL"},
	{"Ctrl+O / Ctrl+N", "open / new project"},
	{"F1", "this help"},
	{"Ctrl+Q", "quit (everything is already saved)"},
}

func (u *UI) showHelp() {
	w := u.app.NewWindow("sayso help")
	rules := widget.NewRichTextFromMarkdown(helpRules(u.opts.Guidelines))
	rules.Wrapping = fyne.TextWrapWord
	grid := container.NewGridWithColumns(2)
	for _, s := range Shortcuts {
		k := widget.NewLabelWithStyle(s[0], fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		grid.Add(k)
		d := widget.NewLabel(s[1])
		d.Wrapping = fyne.TextWrapWord
		grid.Add(d)
	}
	intro := widget.NewRichTextFromMarkdown("Every edit is saved at once in the project file: there is no Save button. " +
		"Select words, press a label key, then fill the attributes in the panel on the right. " +
		"Suggestions (dashed underlines) appear when a document opens: J and K go through them, A accepts, X rejects.")
	intro.Wrapping = fyne.TextWrapWord
	tabs := container.NewAppTabs(
		container.NewTabItem("Label rules", container.NewVScroll(rules)),
		container.NewTabItem("Shortcuts", container.NewVScroll(container.NewVBox(intro, grid))),
	)
	w.SetContent(tabs)
	w.Resize(fyne.NewSize(760, 640))
	w.Canvas().SetOnTypedKey(func(e *fyne.KeyEvent) {
		if e.Name == fyne.KeyEscape || e.Name == fyne.KeyF1 {
			w.Close()
		}
	})
	w.Show()
}

// helpRules adapts the guidelines for display: Fyne's Markdown has no
// inline code style, so backticks become quotes.
func helpRules(md string) string {
	if md == "" {
		return "# Label rules\n\nThe guidelines are not bundled in this build."
	}
	return strings.ReplaceAll(md, "`", "")
}
