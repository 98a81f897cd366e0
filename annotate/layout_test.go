package annotate

import (
	"strings"
	"testing"
)

// unitAdvance is a fake font: every character is 1 wide, wide symbols
// (emoji, CJK) are 2.
func unitAdvance(r rune) float32 {
	if r >= 0x1F000 || (r >= 0x4E00 && r <= 0x9FFF) {
		return 2
	}
	return 1
}

// lineTexts returns the text of each line.
func lineTexts(text []rune, t *TextLayout) []string {
	out := make([]string, len(t.Lines))
	for i, l := range t.Lines {
		out[i] = string(text[l.Start:l.End])
	}
	return out
}

func TestLayoutWrap(t *testing.T) {
	tests := map[string]struct {
		text  string
		width float32
		want  []string
	}{
		"fits":               {"hello world", 20, []string{"hello world"}},
		"wraps at space":     {"hello world again", 12, []string{"hello world ", "again"}},
		"exact fit":          {"abcd efgh", 4, []string{"abcd ", "efgh"}},
		"spaces hang":        {"ab     cd", 3, []string{"ab     ", "cd"}},
		"long word broken":   {"abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		"long word in line":  {"a bcdefghij k", 4, []string{"a ", "bcde", "fghi", "j k"}},
		"paragraphs":         {"one\ntwo", 20, []string{"one", "two"}},
		"blank line kept":    {"one\n\ntwo", 20, []string{"one", "", "two"}},
		"trailing newline":   {"one\n", 20, []string{"one", ""}},
		"empty text":         {"", 20, []string{""}},
		"hyphen breaks":      {"a well-known fact", 8, []string{"a well-", "known ", "fact"}},
		"no wrap":            {"hello world again", 0, []string{"hello world again"}},
		"emoji width":        {"ab 🙂🙂 cd", 5, []string{"ab ", "🙂🙂 ", "cd"}},
		"emoji not split":    {"🙂🙂🙂", 5, []string{"🙂🙂", "🙂"}},
		"combining mark":     {"cafe\u0301 cafe\u0301", 5, []string{"cafe\u0301 ", "cafe\u0301"}},
		"accent not split":   {"abcde\u0301f", 5, []string{"abcde\u0301", "f"}},
		"zwj family":         {"x 👨\u200d👩\u200d👧 y", 3, []string{"x ", "👨\u200d👩\u200d👧 ", "y"}},
		"skin tone":          {"👍🏽👍🏽", 3, []string{"👍🏽", "👍🏽"}},
		"non-ASCII words":    {"Привет мир", 7, []string{"Привет ", "мир"}},
		"quote marks":        {"“He knows,” Biden said", 12, []string{"“He knows,” ", "Biden said"}},
		"cjk broken by rune": {"日本語の文章", 5, []string{"日本", "語の文", "章"}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			text := []rune(tt.text)
			got := lineTexts(text, Layout(text, tt.width, unitAdvance))
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Layout(%q, %v) = %q, want %q", tt.text, tt.width, got, tt.want)
			}
		})
	}
}

func TestLayoutLinesCoverText(t *testing.T) {
	text := []rune("The Russian leader had earlier denied responsibility.\n\n“He doesn’t know exactly what it is 🙂, but it’s significant,” the president said.\n")
	for _, w := range []float32{1, 3, 7, 10, 25, 80, 500} {
		lay := Layout(text, w, unitAdvance)
		next := 0
		for i, l := range lay.Lines {
			if l.Start != next || l.End < l.Start {
				t.Fatalf("width %v: line %d = %v, want start %d", w, i, l, next)
			}
			next = l.End
			if next < len(text) && text[next] == '\n' {
				next++
			}
			if w >= 2 {
				// without trailing spaces no line is wider than the width
				e := l.End
				for e > l.Start && text[e-1] == ' ' {
					e--
				}
				if x := lay.X(i, e); x > w {
					t.Errorf("width %v: line %d %q is %v wide", w, i, string(text[l.Start:l.End]), x)
				}
			}
		}
		if next != len(text) {
			t.Fatalf("width %v: lines end at %d, text has %d code points", w, next, len(text))
		}
	}
}

func TestLayoutPositions(t *testing.T) {
	// line 0: "ab 🙂 é " (é = e + U+0301), line 1: "xyz"
	text := []rune("ab 🙂 e\u0301 xyz")
	lay := Layout(text, 7, unitAdvance)
	if got := lineTexts(text, lay); strings.Join(got, "|") != "ab 🙂 e\u0301 |xyz" {
		t.Fatalf("lines = %q", got)
	}
	xs := []struct {
		line, cp int
		x        float32
	}{
		{0, 0, 0}, {0, 2, 2}, {0, 3, 3}, {0, 4, 5}, {0, 5, 6}, {0, 6, 7}, {0, 7, 7}, {0, 8, 8},
		{0, 99, 8}, // clamped to the line end
		{1, 8, 0}, {1, 10, 2}, {1, 11, 3},
	}
	for _, tt := range xs {
		if got := lay.X(tt.line, tt.cp); got != tt.x {
			t.Errorf("X(%d, %d) = %v, want %v", tt.line, tt.cp, got, tt.x)
		}
	}
	if w := lay.LineWidth(0); w != 8 {
		t.Errorf("LineWidth(0) = %v, want 8", w)
	}

	lineAt := []struct{ cp, line int }{{0, 0}, {3, 0}, {7, 0}, {8, 1}, {11, 1}, {-3, 0}, {50, 1}}
	for _, tt := range lineAt {
		if got := lay.LineAt(tt.cp); got != tt.line {
			t.Errorf("LineAt(%d) = %d, want %d", tt.cp, got, tt.line)
		}
	}

	offsetAt := []struct {
		line int
		x    float32
		cp   int
	}{
		{0, -5, 0}, {0, 0.4, 0}, {0, 0.6, 1}, {0, 3.9, 3}, {0, 4.1, 4}, // the emoji spans x 3..5
		{0, 6.9, 7}, // after é: never between e and its accent
		{0, 6.4, 5}, {0, 100, 8}, {1, 1.2, 9}, {1, 99, 11},
	}
	for _, tt := range offsetAt {
		if got := lay.OffsetAt(text, tt.line, tt.x); got != tt.cp {
			t.Errorf("OffsetAt(%d, %v) = %d, want %d", tt.line, tt.x, got, tt.cp)
		}
	}

	runeAt := []struct {
		line int
		x    float32
		cp   int
	}{
		{0, 0.5, 0}, {0, 3, 3}, {0, 4.9, 3}, {0, 5.5, 4}, {0, 6.5, 5}, {0, 7.5, 7},
		{0, -1, -1}, {0, 8, -1}, {1, 2.5, 10}, {1, 3, -1},
	}
	for _, tt := range runeAt {
		if got := lay.RuneAt(tt.line, tt.x); got != tt.cp {
			t.Errorf("RuneAt(%d, %v) = %d, want %d", tt.line, tt.x, got, tt.cp)
		}
	}
}

// article returns a text of about n words in paragraphs, like a long
// news article.
func article(n int) []rune {
	para := "“He doesn’t know exactly what it is, but it’s significant, and if, in fact, they violate these basic norms, we will respond,” the president later said. Biden also stated there would be repercussions for Russia’s standing on the world stage. "
	words := len(strings.Fields(para))
	var b strings.Builder
	for i := 0; i < n; i += words {
		b.WriteString(para)
		if i%(3*words) == 0 {
			b.WriteString("\n\n")
		}
	}
	return []rune(b.String())
}

func BenchmarkLayout10kWords(b *testing.B) {
	text := article(10000)
	adv := func(r rune) float32 {
		if r < 128 {
			return 7
		}
		return 8
	}
	b.ReportAllocs()
	for b.Loop() {
		Layout(text, 800, adv)
	}
}

func TestClusters(t *testing.T) {
	text := []rune("ae\u0301👨\u200d👩\u200d👧b👍🏽")
	// a 0 | e 1 ◌́ 2 | 👨 3 ZWJ 4 👩 5 ZWJ 6 👧 7 | b 8 | 👍 9 🏽 10 | 11
	bounds := []int{0, 1, 3, 8, 9, 11}
	for k := 0; k+1 < len(bounds); k++ {
		if got := NextCluster(text, bounds[k]); got != bounds[k+1] {
			t.Errorf("NextCluster(%d) = %d, want %d", bounds[k], got, bounds[k+1])
		}
		if got := PrevCluster(text, bounds[k+1]); got != bounds[k] {
			t.Errorf("PrevCluster(%d) = %d, want %d", bounds[k+1], got, bounds[k])
		}
	}
	if NextCluster(text, 11) != 11 || PrevCluster(text, 0) != 0 {
		t.Errorf("clusters at the ends of the text move out of it")
	}
}
