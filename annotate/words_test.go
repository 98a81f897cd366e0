package annotate

import "testing"

func TestSnapToWords(t *testing.T) {
	text := []rune("“He knows I'll take action,” Biden said. Kremlin's well-known José\u0301 👋🏽 ok")
	tests := map[string]struct {
		start, end int
		want       string
	}{
		"inside one word":       {3, 5, "knows"},
		"across words":          {2, 12, "He knows I'll"},
		"trailing space":        {4, 10, "knows"},
		"apostrophe inside":     {11, 12, "I'll"},
		"keeps punctuation":     {26, 28, ",”"},
		"possessive":            {43, 45, "Kremlin's"},
		"hyphenated":            {52, 53, "well-known"},
		"combining mark":        {64, 65, "José\u0301"},
		"emoji with modifier":   {68, 69, "👋🏽"},
		"only spaces":           {67, 68, ""},
		"reversed":              {12, 2, "He knows I'll"},
		"clamped past the end":  {72, 100, "ok"},
		"quote mark stands off": {0, 3, "“He"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			s, e := SnapToWords(text, tc.start, tc.end)
			if got := string(text[s:e]); got != tc.want {
				t.Fatalf("SnapToWords(%d,%d) = %q [%d,%d], want %q", tc.start, tc.end, got, s, e, tc.want)
			}
		})
	}
}

func TestWordMotion(t *testing.T) {
	text := []rune("Biden said: “go.”  Done")
	tests := []struct {
		name     string
		from     int
		next     bool
		want     int
		wantWord string
	}{
		{"next from start", 0, true, 5, "Biden"},
		{"next skips space", 5, true, 10, "said"},
		{"next onto punctuation", 10, true, 11, ":"},
		{"prev from end", len(text), false, 19, "Done"},
		{"prev over spaces", 19, false, 16, "”"},
		{"prev at start", 0, false, 0, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got int
			if tc.next {
				got = NextWord(text, tc.from)
			} else {
				got = PrevWord(text, tc.from)
			}
			if got != tc.want {
				t.Fatalf("got %d, want %d", got, tc.want)
			}
			if tc.wantWord != "" {
				i := got - 1
				if !tc.next {
					i = got
				}
				s, e := WordAt(text, i)
				if string(text[s:e]) != tc.wantWord {
					t.Fatalf("word there = %q, want %q", string(text[s:e]), tc.wantWord)
				}
			}
		})
	}
}
