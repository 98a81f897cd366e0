package format

import (
	"bufio"
	"encoding/csv"

	"github.com/sayso/sayso/annotate"
)

// tableHolds is what the span tables (CSV, XLSX) carry: every span with
// its attributes, provenance and score; relations as the linked
// speaker's columns on the quote's or threat's row. Document meta and
// unknown fields are left out.
var tableHolds = Holds{Overlaps: true, Relations: true, Attributes: true, Provenance: true, Scores: true}

func init() {
	Register(&Format{
		Name:        "csv",
		Title:       "CSV (one row per span)",
		Ext:         ".csv",
		Description: "RFC 4180 CSV, UTF-8, one row per span with its attributes and linked speaker; export only",
		Holds:       tableHolds,
		Export:      exportCSV,
	})
}

func exportCSV(docs []*annotate.Document, sink Sink, opt Options, loss *Loss) error {
	Account(docs, tableHolds, loss)
	return writeMain(sink, func(bw *bufio.Writer) error {
		if opt.BOM {
			bw.WriteString("\uFEFF")
		}
		cw := csv.NewWriter(bw)
		cw.Write(spanColumns(opt.Offsets))
		for _, d := range docs {
			if len(d.Spans) == 0 {
				loss.Add(lostNoSpans, d.ID)
				continue
			}
			t := newDocTable(d, opt.Offsets)
			for _, s := range sortedSpans(d) {
				row := t.row(s, loss)
				safeRow(row, spanNums, d.ID, loss)
				cw.Write(row)
			}
		}
		cw.Flush()
		return cw.Error()
	})
}
