package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestViewRendersLabelNamesAndLinks(t *testing.T) {
	v, w := newTestView(t, viewDoc(t), 560, 330)
	v.SetLabelNames(true)
	v.SetLinks(true)
	w.Canvas().Focus(v)
	v.SelectSpan("q1")
	test.AssertRendersToImage(t, "view/names_links.png", w.Canvas())
	_ = fyne.NewSize
}
