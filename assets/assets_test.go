package assets

import (
	"bytes"
	"image/png"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestIcon(t *testing.T) {
	img, err := png.Decode(bytes.NewReader(Icon))
	if err != nil {
		t.Fatalf("icon.png: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 256 || b.Dy() != 256 {
		t.Errorf("icon is %dx%d, want 256x256", b.Dx(), b.Dy())
	}
}

func TestSampleFiles(t *testing.T) {
	files, err := SampleFiles()
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 2 {
		t.Fatalf("got %d samples, want 2", len(files))
	}
	for name, b := range files {
		if !strings.HasSuffix(name, ".txt") || strings.Contains(name, "/") {
			t.Errorf("sample name %q: want a bare .txt file name", name)
		}
		if !utf8.Valid(b) || len(b) == 0 {
			t.Errorf("%s: empty or not UTF-8", name)
		}
	}
	files["000_221279df9e4eb468.txt"] = nil
	again, _ := SampleFiles()
	if len(again["000_221279df9e4eb468.txt"]) == 0 {
		t.Error("SampleFiles shares its map between calls")
	}
}

func TestGuidelines(t *testing.T) {
	for _, label := range []string{"QUOTE", "SPEAKER", "THREAT"} {
		if !strings.Contains(Guidelines, label) {
			t.Errorf("guidelines do not mention %s", label)
		}
	}
}
