package suggest

import (
	"strings"
	"testing"
)

func TestTokens(t *testing.T) {
	cases := map[string]struct {
		text, want string // tokens joined by |, sentences by ||
	}{
		"words and punctuation": {"He said it. Then he left.", "He|said|it|.||Then|he|left|."},
		"quote keeps sentence":  {"She said: “Go. Now.” He left.", "She|said|:|“|Go|.|Now|.|”||He|left|."},
		"zwj family":            {"a 👩‍👩‍👧 b", "a|👩‍👩‍👧|b"},
		"flags":                 {"🇫🇷🇩🇪 x", "🇫🇷|🇩🇪|x"},
		"variation selector":    {"🏛️ x", "🏛️|x"},
		"combining mark":        {"Nun\u0303ez ok", "Nun\u0303ez|ok"},
		"rtl":                   {"قال الوزير: «سنرد»", "قال|الوزير|:|«|سنرد|»"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			rs := []rune(c.text)
			var b strings.Builder
			for i, tk := range Tokens(c.text) {
				if i > 0 {
					b.WriteString("|")
					if tk.Sentence != Tokens(c.text)[i-1].Sentence {
						b.WriteString("|")
					}
				}
				b.WriteString(string(rs[tk.Start:tk.End]))
			}
			if got := b.String(); got != c.want {
				t.Fatalf("got %s, want %s", got, c.want)
			}
		})
	}
}
