package app

import (
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/sayso/sayso/assets"
)

func blockTexts(blocks []helpBlock) string {
	var b strings.Builder
	for _, bl := range blocks {
		b.WriteString(bl.text)
		b.WriteString("\n")
	}
	return b.String()
}

// jargon is what the student and getting-started pages must not say:
// words of the file format and of the project's test data.
var jargon = regexp.MustCompile(`(?i)offset|span|jsonl|gold|attrs`)

func TestHelpPagesHaveNoJargon(t *testing.T) {
	for name, md := range map[string]string{"students": assets.HelpStudents, "start": assets.HelpStart} {
		for _, b := range parseHelp(md) {
			if w := jargon.FindString(b.text); w != "" {
				t.Errorf("%s page uses %q: %q", name, w, b.text)
			}
		}
	}
	// the check itself catches the words
	for _, w := range []string{"the span is", "code-point Offsets", "JSONL", "gold files", "attrs"} {
		if !jargon.MatchString(w) {
			t.Errorf("jargon check misses %q", w)
		}
	}
}

func TestStudentPageExplainsEveryLabel(t *testing.T) {
	blocks := parseHelp(assets.HelpStudents)
	for _, want := range []struct{ name, key string }{
		{"Direct quote", "Q"}, {"Indirect quote", "I"}, {"Speaker", "S"}, {"Threat", "T"}, {"Linking", "L"},
	} {
		i := headingIndex(blocks, want.name+": key "+want.key)
		if i < 0 {
			t.Errorf("no heading %q: key %s", want.name, want.key)
			continue
		}
		n := 0
		for _, b := range blocks[i+1:] {
			if b.kind <= helpHeading {
				break
			}
			n++
		}
		if n < 3 {
			t.Errorf("%s: %d blocks of explanation, want at least 3", want.name, n)
		}
	}
	text := blockTexts(blocks)
	for _, example := range []string{
		"He knows I will take action", "there would be repercussions for Russia’s standing",
		"the president later said", "if they violate these norms, we will respond",
		"reported speech",
	} {
		if !strings.Contains(text, example) {
			t.Errorf("student page lacks the guidelines' example %q", example)
		}
	}
}

func headingIndex(blocks []helpBlock, text string) int {
	for i, b := range blocks {
		if b.kind == helpHeading && b.text == text {
			return i
		}
	}
	return -1
}

func TestParseHelp(t *testing.T) {
	md := "# Title\n\nIntro line one\nline two.\n\n## Section `code`\n- first **bold**\n  continued\n  - nested\n    more\n- second\n\n1. one\n2. two\n### Sub\nText after."
	want := []helpBlock{
		{kind: helpTitle, text: "Title"},
		{kind: helpPara, text: "Intro line one line two."},
		{kind: helpHeading, text: "Section code"},
		{kind: helpBullet, mark: "•", text: "first bold continued"},
		{kind: helpBullet, level: 1, mark: "•", text: "nested more"},
		{kind: helpBullet, mark: "•", text: "second"},
		{kind: helpBullet, mark: "1.", text: "one"},
		{kind: helpBullet, mark: "2.", text: "two"},
		{kind: helpSubHeading, text: "Sub"},
		{kind: helpPara, text: "Text after."},
	}
	got := parseHelp(md)
	if len(got) != len(want) {
		t.Fatalf("got %d blocks %+v, want %d", len(got), got, len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("block %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestHelpRules(t *testing.T) {
	src := parseHelp(assets.Guidelines)
	rules := helpRules(assets.Guidelines)
	text := blockTexts(rules)
	if rules[0].kind != helpTitle || rules[0].text != helpPageRules || rules[1].text != rulesIntro {
		t.Errorf("rules open with %+v, %+v", rules[0], rules[1])
	}
	for _, bad := range []string{"gold", "shared/", "measured against", "`", "**", "attributed_to", "issued_by", "span"} {
		if strings.Contains(strings.ToLower(text), bad) {
			t.Errorf("rules page still says %q", bad)
		}
	}
	for _, rule := range []string{
		"An announced future punitive measure against a target is a THREAT",
		"Legal, political and protest action count like force",
		"A prediction or analysis of what an actor may do",
		"A quote interrupted by its attribution is two labels",
		"Joint sources", "boilerplate",
	} {
		if !strings.Contains(text, rule) {
			t.Errorf("rules page lacks %q", rule)
		}
	}
	// every rule of the guidelines is its own block, nesting kept
	count := func(bs []helpBlock, level int) int {
		n := 0
		for _, b := range bs {
			if b.kind == helpBullet && b.level == level {
				n++
			}
		}
		return n
	}
	for level := 0; level < 2; level++ {
		if g, w := count(rules, level), count(src, level); g != w || w == 0 {
			t.Errorf("%d rules at level %d, the guidelines have %d", g, level, w)
		}
	}
	if r := helpRules(""); len(r) != 2 || !strings.Contains(r[1].text, "not bundled") {
		t.Errorf("helpRules(\"\") = %+v", r)
	}
}

func TestDropSentences(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Keep this. Drop the gold one. Keep that.", "Keep this. Keep that."},
		{"Only gold here.", ""},
		{"U.S. elections stay. Fine.", "U.S. elections stay. Fine."},
		{"e.g. the speaker, not gold. Next one.", "Next one."},
	}
	for _, tt := range tests {
		if got := dropSentences(tt.in, "gold"); got != tt.want {
			t.Errorf("dropSentences(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHelpTabs(t *testing.T) {
	test.NewTempApp(t)
	tabs := helpTabs(assets.Guidelines)
	want := []string{helpPageStart, helpPageStudents, helpPageRules, helpPageKeyboard}
	if len(tabs.Items) != len(want) {
		t.Fatalf("%d tabs, want %d", len(tabs.Items), len(want))
	}
	for i, w := range want {
		if tabs.Items[i].Text != w {
			t.Errorf("tab %d is %q, want %q", i, tabs.Items[i].Text, w)
		}
	}
	keys := map[string]bool{}
	for _, s := range Shortcuts {
		keys[s[0]] = true
	}
	for _, k := range []string{"F5", "Ctrl+0", "Ctrl+plus / Ctrl+minus", "Q", "L, then click"} {
		if !keys[k] {
			t.Errorf("keyboard page lacks %q", k)
		}
	}
}

func TestAboutShowsVersion(t *testing.T) {
	if got := aboutText("1.2.3"); !strings.HasPrefix(got, "sayso 1.2.3\n") {
		t.Errorf("about = %q", got)
	}
	if got := aboutText(""); !strings.Contains(got, "development build") {
		t.Errorf("about without a version = %q", got)
	}
}
