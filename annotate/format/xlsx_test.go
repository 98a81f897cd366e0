package format

import (
	"bytes"
	"strings"
	"testing"

	"github.com/sayso/sayso/annotate"

	"github.com/xuri/excelize/v2"
)

// TestXLSXContent reads the workbook back with excelize: sheets, frozen
// bold header, widths, numbers as numbers, formula-safe text.
func TestXLSXContent(t *testing.T) {
	docs := goldenDocs(t)
	sink, loss := exportMem(t, "xlsx", docs, Options{Offsets: UTF16})
	f, err := excelize.OpenReader(bytes.NewReader(sink.Files[""].Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "spans,documents,relations" {
		t.Fatalf("sheets %s", got)
	}
	checkSpanSheet(t, f, docs)
	if lossCounts(loss)[lostFormula] == 0 {
		t.Fatal("formula-like text not counted in the loss")
	}
	checkLayout(t, f)
}

func checkSpanSheet(t *testing.T, f *excelize.File, docs []*annotate.Document) {
	rows, err := f.GetRows("spans")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != strings.Join(spanColumns(UTF16), ",") {
		t.Fatalf("header %v", rows[0])
	}
	nSpans := 0
	for _, d := range docs {
		nSpans += len(d.Spans)
	}
	if len(rows) != nSpans+1 {
		t.Fatalf("%d span rows, want %d", len(rows)-1, nSpans)
	}
	// s4 is the ZWJ family: 8 UTF-16 units from 7.
	if rows[1][2] != "s4" || rows[1][5] != "7" || rows[1][6] != "15" {
		t.Fatalf("first span row %q", rows[1])
	}
	if typ, _ := f.GetCellType("spans", "F2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Fatalf("start cell type %v, want a number", typ)
	}
	found := false
	for _, r := range rows {
		if len(r) > 7 && r[7] == "'=SUM(A1)" {
			found = true
		}
	}
	if !found {
		t.Fatal("formula-like text not made safe")
	}
}

func checkLayout(t *testing.T, f *excelize.File) {
	panes, err := f.GetPanes("relations")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Fatalf("relations panes %+v, %v", panes, err)
	}
	if w, _ := f.GetColWidth("documents", "F"); w != 80 {
		t.Fatalf("text column width %g", w)
	}
	st, _ := f.GetCellStyle("documents", "A1")
	if style, _ := f.GetStyle(st); style == nil || style.Font == nil || !style.Font.Bold {
		t.Fatal("header not bold")
	}
}
