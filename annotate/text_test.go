package annotate

import (
	"errors"
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := map[string]struct {
		in      string
		want    string
		wantErr string
	}{
		"plain":            {in: "Title\n\nBody.\n", want: "Title\n\nBody.\n"},
		"bom removed":      {in: "\xEF\xBB\xBFTitle\n", want: "Title\n"},
		"crlf to lf":       {in: "A\r\nB\r\n", want: "A\nB\n"},
		"lone cr to lf":    {in: "A\rB\r", want: "A\nB\n"},
		"mixed":            {in: "A\r\n\rB\n", want: "A\n\nB\n"},
		"spaces kept":      {in: "  A  \t B  \n\n\n", want: "  A  \t B  \n\n\n"},
		"bom in middle":    {in: "A\xEF\xBB\xBFB", want: "A\uFEFFB"},
		"emoji kept":       {in: "Hi 👋🏽 “you”", want: "Hi 👋🏽 “you”"},
		"empty":            {in: "", wantErr: "a.txt: file is empty"},
		"only space":       {in: " \n\t\n", wantErr: "a.txt: file is empty"},
		"only bom":         {in: "\xEF\xBB\xBF", wantErr: "file is empty"},
		"binary":           {in: "abc\x00def", wantErr: "a.txt: byte 3: binary file"},
		"invalid utf8":     {in: "caf\xe9 au lait", wantErr: "a.txt: byte 3: invalid UTF-8"},
		"truncated utf8":   {in: "ok “x\xe2\x80", wantErr: "a.txt: byte 7: invalid UTF-8"},
		"latin1 after bom": {in: "\xEF\xBB\xBFna\xefve", wantErr: "byte 2: invalid UTF-8"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := Normalize("a.txt", []byte(tc.in))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error = %v, want it to contain %q", err, tc.wantErr)
				}
				var ie *InputError
				if !errors.As(err, &ie) || ie.File != "a.txt" {
					t.Fatalf("error %v is not an InputError naming the file", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Fatalf("Normalize = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestTitleOf(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Title\n\nBody", "Title"},
		{"\n\n  Spaced title  \nx", "Spaced title"},
		{"   \n", ""},
		{"One line", "One line"},
	}
	for _, tc := range tests {
		if got := TitleOf(tc.in); got != tc.want {
			t.Errorf("TitleOf(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// Offsets count code points, as Python str indexing does: an emoji with a
// skin-tone modifier is two, a letter with a combining accent is two, and
// CRLF input is one LF after normalisation.
func TestRunesOffsets(t *testing.T) {
	tests := map[string]struct {
		text       string
		start, end int
		want       string
		length     int
	}{
		"ascii":           {text: "Biden said it", start: 6, end: 10, want: "said", length: 13},
		"curly quotes":    {text: "“He knows,” Biden", start: 1, end: 9, want: "He knows", length: 17},
		"emoji before":    {text: "👋 “action” now", start: 3, end: 9, want: "action", length: 14},
		"skin tone":       {text: "👋🏽 ok", start: 3, end: 5, want: "ok", length: 5},
		"zwj family":      {text: "👨‍👩‍👧 fam", start: 6, end: 9, want: "fam", length: 9},
		"combining marks": {text: "Jose\u0301 said", start: 0, end: 5, want: "Jose\u0301", length: 10},
		"precomposed":     {text: "José said", start: 5, end: 9, want: "said", length: 9},
		"cjk":             {text: "习近平 said", start: 0, end: 3, want: "习近平", length: 8},
		"astral math":     {text: "𝐀𝐁 x", start: 3, end: 4, want: "x", length: 4},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			r := NewRunes(tc.text)
			if r.Len() != tc.length {
				t.Fatalf("Len = %d, want %d", r.Len(), tc.length)
			}
			if got := r.Slice(tc.start, tc.end); got != tc.want {
				t.Fatalf("Slice(%d,%d) = %q, want %q", tc.start, tc.end, got, tc.want)
			}
			for cp := 0; cp <= r.Len(); cp++ {
				if back := r.CodePoint(r.Byte(cp)); back != cp {
					t.Fatalf("CodePoint(Byte(%d)) = %d", cp, back)
				}
			}
			if got := []rune(tc.text)[tc.start:tc.end]; string(got) != tc.want {
				t.Fatalf("rune slice disagrees: %q", string(got))
			}
		})
	}
}

func TestOffsetsSurviveCRLF(t *testing.T) {
	text, err := Normalize("crlf.txt", []byte("Title\r\n\r\n“Go,” he said.\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	got, ok := SliceCP(text, 8, 10)
	if !ok || got != "Go" {
		t.Fatalf("text[8:10] = %q, %v; want Go (CRLF must count as one LF)", got, ok)
	}
}

func TestContentHashDistinguishes(t *testing.T) {
	if ContentHash("a\n") == ContentHash("a") {
		t.Fatal("hash ignores a trailing newline")
	}
	a, b := "same text", string([]byte("same text"))
	if ContentHash(a) != ContentHash(b) || len(ContentHash(a)) != 64 {
		t.Fatal("hash not stable, or not a hex SHA-256")
	}
}
