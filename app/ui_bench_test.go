package app

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/sayso/sayso/annotate"
)

// BenchmarkLabelEdit measures one label edit from keystroke to committed
// transaction and repainted view, on a 10,000-word article: press Q on a
// selection (add span), then Delete (remove it). The figure is per edit.
func BenchmarkLabelEdit(b *testing.B) {
	a := test.NewTempApp(b)
	w := test.NewTempWindow(b, nil)
	w.Resize(fyne.NewSize(1200, 800))
	u, err := Create(a, w, Options{Project: filepath.Join(b.TempDir(), "p.sayso"), Background: syncBackground})
	if err != nil {
		b.Fatal(err)
	}
	defer u.Close()
	named(b, u, "tester")
	var sb strings.Builder
	sb.WriteString("Long article\n\n")
	for i := 0; sb.Len() < 60000; i++ {
		fmt.Fprintf(&sb, "“We will respond to any attack,” the minister said on day %d, adding that talks would go on. ", i)
		if i%5 == 4 {
			sb.WriteString("\n\n")
		}
	}
	if _, err := u.st.AddDocuments([]*annotate.Document{{ID: "long", Text: sb.String()}}); err != nil {
		b.Fatal(err)
	}
	u.reloadList()
	u.openDocument(u.docs[0].ID)
	start := strings.Index(sb.String(), "We will")
	for b.Loop() {
		u.view.SetSelection(start, start+7)
		u.view.TypedRune('q')
		u.view.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	}
	if d, _ := u.st.Document(u.docID); len(d.Spans) != 0 {
		b.Fatalf("spans left: %d", len(d.Spans))
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(2*b.N), "ms/edit")
}
