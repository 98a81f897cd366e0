package format

import (
	"archive/zip"
	"compress/flate"
	"fmt"
	"io"
	"strconv"
	"sync"
	"unicode/utf16"

	"github.com/sayso/sayso/annotate"
	"github.com/xuri/excelize/v2"
)

func init() {
	Register(&Format{
		Name:        "xlsx",
		Title:       "Excel workbook (spans, documents, relations)",
		Ext:         ".xlsx",
		Description: "an Excel workbook with sheets spans, documents and relations; export only",
		Holds:       tableHolds,
		Export:      exportXLSX,
	})
}

const lostCellCut = "cells cut at Excel's limit of 32,767 characters"

// sheet is one sheet of the workbook: its name, header and column widths.
type sheet struct {
	name   string
	header []string
	widths []float64
	nums   map[int]bool // columns written as numbers
}

var (
	spanWidths = []float64{14, 30, 8, 10, 9, 9, 9, 60, 22, 22, 22, 11, 10, 24, 22, 12, 11, 7}
	docSheet   = sheet{name: "documents", header: []string{"doc_id", "title", "characters", "spans", "relations", "text"},
		widths: []float64{14, 40, 11, 7, 10, 80}, nums: map[int]bool{2: true, 3: true, 4: true}}
	relSheet = sheet{name: "relations", header: []string{"doc_id", "label", "from_id", "from_label", "from_text", "to_id", "to_label", "to_text"},
		widths: []float64{14, 14, 8, 10, 50, 8, 10, 30}, nums: map[int]bool{}}
)

func exportXLSX(docs []*annotate.Document, sink Sink, opt Options, loss *Loss) error {
	Account(docs, tableHolds, loss)
	f := excelize.NewFile()
	defer f.Close()
	// Fastest deflate: the workbook is a little larger and written
	// several times faster.
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter {
		zw := zip.NewWriter(w)
		zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
			return flate.NewWriter(out, flate.BestSpeed)
		})
		return zw
	})
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	spans := sheet{name: "spans", header: spanColumns(opt.Offsets), widths: spanWidths, nums: spanNums}
	if err := f.SetSheetName("Sheet1", spans.name); err != nil {
		return err
	}
	nSpans, nRels := 0, 0
	for _, d := range docs {
		nSpans += len(d.Spans)
		nRels += len(d.Relations)
	}
	jobs := []*sheetJob{
		{sh: spans, n: nSpans, rows: func(l *Loss, add addRow) error { return spanRows(docs, opt, l, add) }},
		{sh: docSheet, n: len(docs), rows: func(_ *Loss, add addRow) error { return docRows(docs, add) }},
		{sh: relSheet, n: nRels, rows: func(_ *Loss, add addRow) error { return relRows(docs, add) }},
	}
	if err := fillSheets(f, jobs, bold); err != nil {
		return err
	}
	for _, j := range jobs {
		loss.Merge(&j.loss)
	}
	out, err := sink.Create("")
	if err != nil {
		return err
	}
	if _, err := f.WriteTo(out); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// addRow adds one row of text cells to a sheet.
type addRow func(docID string, row []string) error

// sheetJob is one sheet being written: its stream writer and the loss
// found while writing it.
type sheetJob struct {
	sh   sheet
	n    int // rows, without the header
	rows func(*Loss, addRow) error
	sw   *excelize.StreamWriter
	loss Loss
}

// fillSheets opens every sheet's stream writer, writes the sheets' rows
// at the same time (each writer has its own buffer), then flushes them in
// order.
func fillSheets(f *excelize.File, jobs []*sheetJob, bold int) error {
	for _, j := range jobs {
		if err := j.open(f, bold); err != nil {
			return fmt.Errorf("sheet %s: %v", j.sh.name, err)
		}
	}
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	for i, j := range jobs {
		wg.Go(func() { errs[i] = j.fill() })
	}
	wg.Wait()
	for i, j := range jobs {
		if errs[i] == nil {
			errs[i] = j.sw.Flush()
		}
		if errs[i] != nil {
			return fmt.Errorf("sheet %s: %v", j.sh.name, errs[i])
		}
	}
	return nil
}

// open creates the sheet and its stream writer, with a bold, frozen
// header row and sized columns.
func (j *sheetJob) open(f *excelize.File, bold int) error {
	sh := j.sh
	if sh.name != "spans" {
		if _, err := f.NewSheet(sh.name); err != nil {
			return err
		}
	}
	// The stream writer writes the sheet's dimension before its rows;
	// readers such as openpyxl in read-only mode trust it.
	last, err := excelize.CoordinatesToCellName(len(sh.header), j.n+1)
	if err != nil {
		return err
	}
	if err := f.SetSheetDimension(sh.name, "A1:"+last); err != nil {
		return err
	}
	if j.sw, err = f.NewStreamWriter(sh.name); err != nil {
		return err
	}
	for i := len(sh.widths) - 1; i >= 0; i-- {
		if err := j.sw.SetColWidth(i+1, i+1, sh.widths[i]); err != nil {
			return err
		}
	}
	if err := j.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	head := make([]any, len(sh.header))
	for i, h := range sh.header {
		head[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	return j.sw.SetRow("A1", head)
}

// fill writes the rows, text cells made safe and checked against
// Excel's length limit.
func (j *sheetJob) fill() error {
	n := 1
	vals := make([]any, len(j.sh.header))
	return j.rows(&j.loss, func(docID string, row []string) error {
		n++
		safeRow(row, j.sh.nums, docID, &j.loss)
		for i, c := range row {
			vals[i] = cellValue(c, j.sh.nums[i], docID, &j.loss)
		}
		return j.sw.SetRow("A"+strconv.Itoa(n), vals)
	})
}

// cellValue turns a table cell into a number or a string within Excel's
// length limit.
// An empty cell is left out of the row.
func cellValue(c string, num bool, docID string, loss *Loss) any {
	if c == "" {
		return nil
	}
	if num {
		if v, err := strconv.Atoi(c); err == nil {
			return v
		}
		if v, err := strconv.ParseFloat(c, 64); err == nil {
			return v
		}
	}
	if len(c) > excelize.TotalCellChars/2 && len(utf16.Encode([]rune(c))) > excelize.TotalCellChars {
		loss.Add(lostCellCut, fmt.Sprintf("%s: %q", docID, clipText(c)))
	}
	return c
}

func spanRows(docs []*annotate.Document, opt Options, loss *Loss, add func(string, []string) error) error {
	for _, d := range docs {
		t := newDocTable(d, opt.Offsets)
		for _, s := range sortedSpans(d) {
			if err := add(d.ID, t.row(s, loss)); err != nil {
				return err
			}
		}
	}
	return nil
}

func docRows(docs []*annotate.Document, add func(string, []string) error) error {
	for _, d := range docs {
		n := annotate.NewRunes(d.Text).Len()
		row := []string{d.ID, d.Title, strconv.Itoa(n), strconv.Itoa(len(d.Spans)), strconv.Itoa(len(d.Relations)), d.Text}
		if err := add(d.ID, row); err != nil {
			return err
		}
	}
	return nil
}

func relRows(docs []*annotate.Document, add func(string, []string) error) error {
	for _, d := range docs {
		byID := make(map[string]annotate.Span, len(d.Spans))
		for _, s := range d.Spans {
			byID[s.ID] = s
		}
		for _, r := range d.Relations {
			from, to := byID[r.From], byID[r.To]
			row := []string{d.ID, r.Label, r.From, string(from.Label), from.Text, r.To, string(to.Label), to.Text}
			if err := add(d.ID, row); err != nil {
				return err
			}
		}
	}
	return nil
}
