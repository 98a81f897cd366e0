package format

import (
	"fmt"
	"sort"
	"strings"

	"github.com/sayso/sayso/annotate"
)

// Loss records what an export could not hold: per kind of loss, a count
// and a few examples. The zero value is ready to use.
type Loss struct {
	Format string
	items  map[string]*LossItem
}

// LossItem is one kind of loss.
type LossItem struct {
	What     string   // "overlapping spans left out of the THREAT layer"
	Count    int      // how many
	Examples []string // up to maxExamples, "doc-id: text"
}

const maxExamples = 3

// Add counts one lost thing of kind what, with an example.
func (l *Loss) Add(what, example string) {
	if l.items == nil {
		l.items = map[string]*LossItem{}
	}
	it := l.items[what]
	if it == nil {
		it = &LossItem{What: what}
		l.items[what] = it
	}
	it.Count++
	if len(it.Examples) < maxExamples && example != "" {
		it.Examples = append(it.Examples, example)
	}
}

// Items lists the losses, largest first.
func (l *Loss) Items() []LossItem {
	out := make([]LossItem, 0, len(l.items))
	for _, it := range l.items {
		out = append(out, *it)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].What < out[j].What
	})
	return out
}

// Empty reports whether nothing was lost.
func (l *Loss) Empty() bool { return len(l.items) == 0 }

// String is the report as the command line prints it and as it is
// written next to the export.
func (l *Loss) String() string {
	if l.Empty() {
		return fmt.Sprintf("Loss report (%s): nothing was left out.\n", l.Format)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Loss report (%s): the format could not hold everything.\n", l.Format)
	for _, it := range l.Items() {
		fmt.Fprintf(&b, "- %d %s\n", it.Count, it.What)
		for _, ex := range it.Examples {
			fmt.Fprintf(&b, "    e.g. %s\n", ex)
		}
	}
	return b.String()
}

// Loss kinds the generic pass reports. Formats add their own.
const (
	LostRelations  = "relations (quote/threat -> speaker links) left out"
	LostAttributes = "span attributes (kind, entity, issuer, target, conditional) left out"
	LostProvenance = "span sources or annotators left out"
	LostScores     = "suggestion scores left out"
	LostMeta       = "document meta fields (status, source file, ...) left out"
	LostUnknown    = "unknown fields kept from an import left out"
	LostOverlaps   = "overlapping spans left out (kept: longest first, then earliest)"
)

// Account compares docs with what a format holds and adds to loss
// everything the format cannot carry: relations, attributes, provenance,
// scores, meta and unknown fields and, when the format cannot hold
// overlaps, every span NonOverlapping would leave out. Export functions
// call it before writing.
func Account(docs []*annotate.Document, h Holds, loss *Loss) {
	for _, d := range docs {
		accountDoc(d, h, loss)
		if !h.Overlaps {
			_, dropped := NonOverlapping(d.Spans)
			for _, s := range dropped {
				loss.Add(LostOverlaps, spanExample(d, s))
			}
		}
	}
}

// accountDoc is Account without overlaps, for formats that choose their
// spans first (CoNLL's one layer).
func accountDoc(d *annotate.Document, h Holds, loss *Loss) {
	if !h.Relations {
		for _, r := range d.Relations {
			loss.Add(LostRelations, fmt.Sprintf("%s: %s %s -> %s", d.ID, r.Label, r.From, r.To))
		}
	}
	if !h.Meta {
		accountMeta(d, loss)
	}
	for _, s := range d.Spans {
		accountSpan(d, s, h, loss)
	}
}

func accountMeta(d *annotate.Document, loss *Loss) {
	keys := make([]string, 0, len(d.Meta)+1)
	for k := range d.Meta {
		if k != "status" {
			keys = append(keys, k)
		}
	}
	if d.Status != "" {
		keys = append(keys, "status")
	}
	sort.Strings(keys)
	for _, k := range keys {
		loss.Add(LostMeta, fmt.Sprintf("%s: meta.%s", d.ID, k))
	}
	for _, k := range sortedKeys(d.Extra) {
		loss.Add(LostUnknown, fmt.Sprintf("%s: field %q", d.ID, k))
	}
	for _, r := range d.Relations {
		for _, k := range sortedKeys(r.Extra) {
			loss.Add(LostUnknown, fmt.Sprintf("%s: relation %s -> %s field %q", d.ID, r.From, r.To, k))
		}
	}
}

func accountSpan(d *annotate.Document, s annotate.Span, h Holds, loss *Loss) {
	if !h.Attributes {
		for _, k := range sortedKeys(s.Attrs) {
			loss.Add(LostAttributes, fmt.Sprintf("%s: %s %s=%v", d.ID, s.ID, k, s.Attrs[k]))
		}
	}
	if !h.Provenance && (s.Source != "" || s.Annotator != "") {
		loss.Add(LostProvenance, fmt.Sprintf("%s: %s source=%q annotator=%q", d.ID, s.ID, s.Source, s.Annotator))
	}
	if !h.Scores && s.Score != nil {
		loss.Add(LostScores, fmt.Sprintf("%s: %s score=%g", d.ID, s.ID, *s.Score))
	}
	if !h.Meta {
		for _, k := range sortedKeys(s.Extra) {
			loss.Add(LostUnknown, fmt.Sprintf("%s: span %s field %q", d.ID, s.ID, k))
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// spanExample names a span for a loss example: doc id, span id, label
// and a clipped text.
func spanExample(d *annotate.Document, s annotate.Span) string {
	t := []rune(s.Text)
	if len(t) > 40 {
		t = append(t[:40], '…')
	}
	return fmt.Sprintf("%s: %s %s %q", d.ID, s.ID, s.Label, string(t))
}

// NonOverlapping picks a deterministic subset of spans in which no two
// overlap: longest first, then earliest, then canonical order (label,
// id). It returns the kept spans in text order and the dropped ones.
func NonOverlapping(spans []annotate.Span) (kept, dropped []annotate.Span) {
	order := make([]annotate.Span, len(spans))
	copy(order, spans)
	sort.SliceStable(order, func(i, j int) bool {
		a, b := order[i], order[j]
		if la, lb := a.End-a.Start, b.End-b.Start; la != lb {
			return la > lb
		}
		return annotate.SpanLess(a, b)
	})
	for _, s := range order {
		if overlapsAny(kept, s) {
			dropped = append(dropped, s)
			continue
		}
		kept = append(kept, s)
	}
	sort.SliceStable(kept, func(i, j int) bool { return annotate.SpanLess(kept[i], kept[j]) })
	return kept, dropped
}

func overlapsAny(kept []annotate.Span, s annotate.Span) bool {
	for _, k := range kept {
		if s.Start < k.End && k.Start < s.End {
			return true
		}
	}
	return false
}

// LostTitles is the loss of formats without a title field: a title that
// is not simply the text's first line cannot be rebuilt from the text.
const LostTitles = "document titles that are not the text's first line left out"

func accountTitles(d *annotate.Document, loss *Loss) {
	if d.Title != "" && d.Title != annotate.TitleOf(d.Text) {
		loss.Add(LostTitles, fmt.Sprintf("%s: %q", d.ID, clipText(d.Title)))
	}
}

// Merge adds o's losses to l, examples of l first.
func (l *Loss) Merge(o *Loss) {
	for _, it := range o.Items() {
		for i := range it.Count {
			ex := ""
			if i < len(it.Examples) {
				ex = it.Examples[i]
			}
			l.Add(it.What, ex)
		}
	}
}
