package format

import (
	"os"
	"strings"
	"testing"
)

// TestDocsListEveryFormat checks that docs/formats.md has a table row and
// a section for every registered format.
func TestDocsListEveryFormat(t *testing.T) {
	b, err := os.ReadFile("../../docs/formats.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	for _, f := range Formats() {
		if !strings.Contains(doc, "| `"+f.Name+"` |") {
			t.Errorf("docs/formats.md has no table row for format %s", f.Name)
		}
		if !strings.Contains(doc, "\n## "+f.Name) && !strings.Contains(doc, " "+f.Name+" and ") && !strings.Contains(doc, " and "+f.Name+"\n") {
			t.Errorf("docs/formats.md has no section for format %s", f.Name)
		}
	}
}
