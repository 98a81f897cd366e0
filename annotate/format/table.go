package format

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/sayso/sayso/annotate"
)

// The span table shared by CSV and XLSX: one row per span.

// spanColumns heads the span table; offsets columns carry their unit.
func spanColumns(unit Offsets) []string {
	u := string(unit)
	if u == "" {
		u = string(CodePoints)
	}
	return []string{"doc_id", "title", "span_id", "label", "kind", "start_" + u, "end_" + u, "text",
		"entity", "issuer", "target", "conditional", "speaker_id", "speaker_text", "speaker_entity",
		"annotator", "source", "score"}
}

// Column indexes of spanColumns that hold numbers.
const (
	colStart = 5
	colEnd   = 6
	colScore = 17
)

// knownAttrs are the attributes the table has a column for.
var knownAttrs = map[string]bool{
	annotate.AttrKind: true, annotate.AttrEntity: true, annotate.AttrIssuer: true,
	annotate.AttrTarget: true, annotate.AttrConditional: true,
}

// Loss kinds of the tables.
const (
	lostOtherAttrs = "span attributes without a column left out"
	lostNoSpans    = "documents without spans (no row in the span table)"
	lostFormula    = "cells starting with = + - @ tab or CR prefixed with ' (formula-injection safety)"
)

// docTable indexes one document for its span rows.
type docTable struct {
	d     *annotate.Document
	conv  *Converter
	links map[string][]int // span id -> indexes of the spans it links to
}

func newDocTable(d *annotate.Document, unit Offsets) *docTable {
	t := &docTable{d: d, conv: NewConverter(d.Text, unit), links: map[string][]int{}}
	byID := make(map[string]int, len(d.Spans))
	for i, s := range d.Spans {
		byID[s.ID] = i
	}
	for _, r := range d.Relations {
		if j, ok := byID[r.To]; ok {
			t.links[r.From] = append(t.links[r.From], j)
		}
	}
	return t
}

// row returns the span's cells, as text; number cells are plain numbers.
func (t *docTable) row(s annotate.Span, loss *Loss) []string {
	kind, cond := "", ""
	if s.Label == annotate.Quote {
		kind = s.QuoteKind()
	}
	if _, ok := s.Attrs[annotate.AttrConditional]; ok {
		cond = strconv.FormatBool(s.AttrBool(annotate.AttrConditional))
	}
	var ids, texts, ents []string
	for _, j := range t.links[s.ID] {
		sp := t.d.Spans[j]
		ids, texts, ents = append(ids, sp.ID), append(texts, sp.Text), append(ents, sp.AttrString(annotate.AttrEntity))
	}
	score := ""
	if s.Score != nil {
		score = strconv.FormatFloat(*s.Score, 'f', -1, 64)
	}
	for _, k := range sortedKeys(s.Attrs) {
		if !knownAttrs[k] {
			loss.Add(lostOtherAttrs, fmt.Sprintf("%s: %s %s=%v", t.d.ID, s.ID, k, s.Attrs[k]))
		}
	}
	return []string{t.d.ID, t.d.Title, s.ID, string(s.Label), kind,
		strconv.Itoa(t.conv.To(s.Start)), strconv.Itoa(t.conv.To(s.End)), s.Text,
		s.AttrString(annotate.AttrEntity), s.AttrString(annotate.AttrIssuer), s.AttrString(annotate.AttrTarget), cond,
		strings.Join(ids, " | "), strings.Join(texts, " | "), strings.Join(ents, " | "),
		s.Annotator, s.Source, score}
}

// safeCell makes a text cell safe against formula injection: a cell a
// spreadsheet could read as a formula (starting with = + - @, tab or CR)
// gets a leading apostrophe, which spreadsheets show as text.
func safeCell(s string) (string, bool) {
	if s == "" {
		return s, false
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s, true
	}
	return s, false
}

// safeRow applies safeCell to the text cells of row (not to the number
// columns in nums), counting every change in loss.
func safeRow(row []string, nums map[int]bool, docID string, loss *Loss) {
	for i, c := range row {
		if nums[i] {
			continue
		}
		if safe, changed := safeCell(c); changed {
			row[i] = safe
			loss.Add(lostFormula, fmt.Sprintf("%s: %q", docID, clipText(c)))
		}
	}
}

func clipText(s string) string {
	r := []rune(s)
	if len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

var spanNums = map[int]bool{colStart: true, colEnd: true, colScore: true}

// sortedSpans returns the document's spans in canonical order.
func sortedSpans(d *annotate.Document) []annotate.Span {
	out := make([]annotate.Span, len(d.Spans))
	copy(out, d.Spans)
	sortSpans(out)
	return out
}

func sortSpans(s []annotate.Span) {
	sort.SliceStable(s, func(i, j int) bool { return annotate.SpanLess(s[i], s[j]) })
}
