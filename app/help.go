package app

import (
	"image/color"
	"regexp"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/sayso/sayso/assets"
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
	{"Ctrl+plus / Ctrl+minus", "make everything larger / smaller (also Ctrl+= and the keypad's + and −)"},
	{"Ctrl+0", "back to the normal size"},
	{"F5", "presentation mode: larger, with label names and links to speakers"},
	{"F1", "this help"},
	{"Ctrl+Q", "quit (everything is already saved)"},
}

// Help pages, in the order of the help window's tabs.
const (
	helpPageStart    = "Getting started"
	helpPageStudents = "For students"
	helpPageRules    = "Label rules"
	helpPageKeyboard = "Keyboard"
)

func (u *UI) showHelp() {
	w := u.app.NewWindow("sayso help")
	w.SetContent(helpTabs(u.opts.Guidelines))
	z := u.ZoomLevel()
	w.Resize(fyne.NewSize(780*min(z, 1.6), 660*min(z, 1.2)))
	w.Canvas().SetOnTypedKey(func(e *fyne.KeyEvent) {
		if e.Name == fyne.KeyEscape || e.Name == fyne.KeyF1 {
			w.Close()
		}
	})
	w.Show()
}

// helpTabs is the help window's content: one tab per page, the rules
// made from the guidelines' Markdown.
func helpTabs(guidelines string) *container.AppTabs {
	page := func(title string, blocks []helpBlock) *container.TabItem {
		return container.NewTabItem(title, container.NewVScroll(helpPage(blocks)))
	}
	return container.NewAppTabs(
		page(helpPageStart, parseHelp(assets.HelpStart)),
		page(helpPageStudents, parseHelp(assets.HelpStudents)),
		page(helpPageRules, helpRules(guidelines)),
		container.NewTabItem(helpPageKeyboard, container.NewVScroll(keyboardGrid())),
	)
}

// keyboardGrid lists Shortcuts: key, then what it does.
func keyboardGrid() fyne.CanvasObject {
	grid := container.NewGridWithColumns(2)
	for _, s := range Shortcuts {
		grid.Add(widget.NewLabelWithStyle(s[0], fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
		d := widget.NewLabel(s[1])
		d.Wrapping = fyne.TextWrapWord
		grid.Add(d)
	}
	return grid
}

// helpKind is what a block of a help page is.
type helpKind int

const (
	helpTitle helpKind = iota
	helpHeading
	helpSubHeading
	helpPara
	helpBullet
)

// helpBlock is one block of a help page: a heading, a paragraph or one
// list item (its nesting depth in level, its marker in mark), with its
// lines joined and the Markdown marks taken out.
type helpBlock struct {
	kind  helpKind
	level int
	mark  string
	text  string
}

var (
	reBullet   = regexp.MustCompile(`^( *)([-*]|[0-9]+\.) +(.*)$`)
	reHeading  = regexp.MustCompile(`^(#{1,6}) +(.*)$`)
	reInlineMd = strings.NewReplacer("`", "", "**", "")
)

// parseHelp splits the Markdown of a help page into blocks. Fyne's own
// Markdown renderer runs nested list items into the paragraph above them
// and breaks lines where a source line or a bold word ends; one label per
// block avoids both. Code and bold marks are dropped (the examples read
// well without), the rest kept as written.
func parseHelp(md string) []helpBlock {
	var out []helpBlock
	open := false // the last block takes continuation lines
	for _, line := range strings.Split(md, "\n") {
		t := strings.TrimSpace(line)
		if t == "" {
			open = false
			continue
		}
		if m := reHeading.FindStringSubmatch(t); m != nil {
			out = append(out, helpBlock{kind: helpTitle + helpKind(min(len(m[1]), 3)-1), text: clean(m[2])})
			open = false
			continue
		}
		if m := reBullet.FindStringSubmatch(line); m != nil {
			mark := "•"
			if m[2] != "-" && m[2] != "*" {
				mark = m[2]
			}
			out = append(out, helpBlock{kind: helpBullet, level: len(m[1]) / 2, mark: mark, text: clean(m[3])})
			open = true
			continue
		}
		if open {
			b := &out[len(out)-1]
			b.text += " " + clean(t)
			continue
		}
		out = append(out, helpBlock{kind: helpPara, text: clean(t)})
		open = true
	}
	return out
}

func clean(s string) string { return reInlineMd.Replace(s) }

// helpPage lays the blocks out: headings in larger bold type, each
// paragraph and list item its own wrapped label, list items with their
// marker in a column of its own so that their lines hang indented.
func helpPage(blocks []helpBlock) fyne.CanvasObject {
	box := container.New(layout.NewCustomPaddedVBoxLayout(0))
	for _, b := range blocks {
		l := widget.NewLabel(b.text)
		l.Wrapping = fyne.TextWrapWord
		switch b.kind {
		case helpTitle:
			l.SizeName, l.TextStyle.Bold = theme.SizeNameHeadingText, true
		case helpHeading:
			l.SizeName, l.TextStyle.Bold = theme.SizeNameSubHeadingText, true
		case helpSubHeading:
			l.TextStyle.Bold = true
		}
		if b.kind != helpBullet {
			box.Add(l)
			continue
		}
		mark := b.mark
		if b.level > 0 && mark == "•" {
			mark = "◦"
		}
		indent := canvas.NewRectangle(color.Transparent)
		indent.SetMinSize(fyne.NewSize(float32(b.level)*theme.Size(theme.SizeNameText)*1.5, 0))
		box.Add(container.NewBorder(nil, nil, container.NewHBox(indent, widget.NewLabel(mark)), nil, l))
	}
	return box
}

// rulesIntro opens the label rules page in place of the guidelines'
// own introduction, which speaks to the project's developers.
const rulesIntro = "These are the rules for every label: what to mark, and where a label starts and ends. " +
	"The page \"For students\" explains the same labels in fewer words."

// rulesWording turns the guidelines' technical words into the app's.
var rulesWording = strings.NewReplacer(
	"attributed_to: QUOTE → SPEAKER.", "QUOTE → SPEAKER: select the quote, press L, click its speaker.",
	"issued_by: THREAT → SPEAKER,", "THREAT → SPEAKER, linked the same way,",
	"Attributes: kind (direct | indirect).", "The panel on the right shows the kind: direct (Q) or indirect (I).",
	"Attributes:", "In the panel on the right:",
	"Attribute entity:", "In the panel on the right, entity:",
	"The span is", "The label covers",
	"spans", "labels",
	"span", "label",
)

// helpRules adapts the guidelines for the app's users: the page's own
// title and introduction, the sentences about the project's test files
// and scoring left out, relations called links, and each rule its own
// block. The rules themselves are kept whole.
func helpRules(md string) []helpBlock {
	if md == "" {
		return []helpBlock{{kind: helpTitle, text: helpPageRules}, {kind: helpPara, text: "The guidelines are not bundled in this build."}}
	}
	blocks := parseHelp(md)
	out := []helpBlock{{kind: helpTitle, text: helpPageRules}, {kind: helpPara, text: rulesIntro}}
	intro := true
	for _, b := range blocks {
		switch {
		case b.kind == helpTitle:
			continue
		case b.kind == helpHeading:
			intro = false
			if b.text == "Relations" {
				b.text = "Links: who said it (key L)"
			}
		case intro:
			continue // the guidelines' introduction
		}
		b.text = dropSentences(rulesWording.Replace(b.text), "gold", "measured against")
		if b.text != "" {
			out = append(out, b)
		}
	}
	return out
}

// dropSentences removes from text the sentences holding any of words.
func dropSentences(text string, words ...string) string {
	var keep []string
	for _, s := range splitSentences(text) {
		drop := false
		for _, w := range words {
			drop = drop || strings.Contains(strings.ToLower(s), w)
		}
		if !drop {
			keep = append(keep, s)
		}
	}
	return strings.Join(keep, " ")
}

// splitSentences splits text after ". " where the next word starts with
// a capital letter.
func splitSentences(text string) []string {
	var out []string
	start := 0
	rs := []rune(text)
	for i := 0; i+2 < len(rs); i++ {
		if rs[i] == '.' && rs[i+1] == ' ' && strings.ToUpper(string(rs[i+2])) == string(rs[i+2]) && strings.ToLower(string(rs[i+2])) != string(rs[i+2]) {
			out = append(out, strings.TrimSpace(string(rs[start:i+1])))
			start = i + 2
		}
	}
	if s := strings.TrimSpace(string(rs[start:])); s != "" {
		out = append(out, s)
	}
	return out
}
