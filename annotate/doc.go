// Package annotate is sayso's domain: documents, spans, relations, text
// normalisation and code-point offsets, word snapping, reversible edits,
// and the native JSONL format. It imports neither Fyne nor database/sql.
package annotate

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Label is a span label: QUOTE, SPEAKER or THREAT.
type Label string

// The labels of the default label set (see the annotation guidelines).
const (
	Quote   Label = "QUOTE"
	Speaker Label = "SPEAKER"
	Threat  Label = "THREAT"
)

// Labels lists the label set in display order.
var Labels = []Label{Quote, Speaker, Threat}

// Relation labels.
const (
	AttributedTo = "attributed_to" // QUOTE -> SPEAKER
	IssuedBy     = "issued_by"     // THREAT -> SPEAKER
)

// Span attribute keys.
const (
	AttrKind        = "kind"        // QUOTE: direct | indirect
	AttrEntity      = "entity"      // SPEAKER: canonical name
	AttrIssuer      = "issuer"      // THREAT
	AttrTarget      = "target"      // THREAT
	AttrConditional = "conditional" // THREAT: bool
	AttrReason      = "reason"      // suggestions: why, in a few words
)

// Quote kinds.
const (
	KindDirect   = "direct"
	KindIndirect = "indirect"
)

// Span provenance values (the span's "source" field).
const (
	SourceManual    = "manual"
	SourceSuggested = "suggested"
	SourceAccepted  = "accepted"
	SourceEdited    = "edited"
)

// Document status values.
const (
	StatusNew        = "new"
	StatusInProgress = "in progress"
	StatusDone       = "done"
)

// Statuses lists the document statuses in workflow order.
var Statuses = []string{StatusNew, StatusInProgress, StatusDone}

// Span is a labelled range of a document's text. Start and End count
// Unicode code points; End is exclusive.
type Span struct {
	ID        string         `json:"id"`
	Label     Label          `json:"label"`
	Start     int            `json:"start"`
	End       int            `json:"end"`
	Text      string         `json:"text"`
	Attrs     map[string]any `json:"attrs,omitempty"`
	Score     *float64       `json:"score,omitempty"`
	Source    string         `json:"source,omitempty"`
	Annotator string         `json:"annotator,omitempty"`
	// Extra holds fields this version does not know; they are kept on
	// import and written back on export.
	Extra map[string]json.RawMessage `json:"-"`
}

// Relation links two spans of one document by their ids.
type Relation struct {
	Label string `json:"label"`
	From  string `json:"from"`
	To    string `json:"to"`
	// Extra holds unknown fields, kept through a round trip.
	Extra map[string]json.RawMessage `json:"-"`
}

// Document is one article with its annotations.
type Document struct {
	ID        string         `json:"id"`
	Title     string         `json:"title"`
	Text      string         `json:"text"`
	Meta      map[string]any `json:"meta,omitempty"`
	Spans     []Span         `json:"spans"`
	Relations []Relation     `json:"relations"`
	// Status is sayso's workflow status (new, in progress, done). It is
	// exported under meta.status.
	Status string `json:"-"`
	// Extra holds unknown top-level fields, kept through a round trip.
	Extra map[string]json.RawMessage `json:"-"`
}

// AttrString returns a string attribute, or "" when absent.
func (s Span) AttrString(key string) string {
	if v, ok := s.Attrs[key]; ok {
		switch x := v.(type) {
		case string:
			return x
		case nil:
			return ""
		default:
			return fmt.Sprint(x)
		}
	}
	return ""
}

// AttrBool returns a boolean attribute, false when absent.
func (s Span) AttrBool(key string) bool {
	switch x := s.Attrs[key].(type) {
	case bool:
		return x
	case string:
		b, _ := strconv.ParseBool(x)
		return b
	}
	return false
}

// QuoteKind returns the QUOTE kind, direct when unset.
func (s Span) QuoteKind() string {
	if k := s.AttrString(AttrKind); k != "" {
		return k
	}
	return KindDirect
}

// Clone returns a deep copy of the span.
func (s Span) Clone() Span {
	c := s
	if s.Attrs != nil {
		c.Attrs = make(map[string]any, len(s.Attrs))
		for k, v := range s.Attrs {
			c.Attrs[k] = v
		}
	}
	if s.Score != nil {
		v := *s.Score
		c.Score = &v
	}
	if s.Extra != nil {
		c.Extra = make(map[string]json.RawMessage, len(s.Extra))
		for k, v := range s.Extra {
			c.Extra[k] = v
		}
	}
	return c
}

// Clone returns a deep copy of the document.
func (d *Document) Clone() *Document {
	c := *d
	c.Spans = make([]Span, len(d.Spans))
	for i, s := range d.Spans {
		c.Spans[i] = s.Clone()
	}
	c.Relations = append([]Relation(nil), d.Relations...)
	return &c
}

// SpanByID returns the index of the span with id, or -1.
func (d *Document) SpanByID(id string) int {
	for i := range d.Spans {
		if d.Spans[i].ID == id {
			return i
		}
	}
	return -1
}

// SortSpans orders spans by start, then longer first, then label.
func (d *Document) SortSpans() {
	sort.SliceStable(d.Spans, func(i, j int) bool { return SpanLess(d.Spans[i], d.Spans[j]) })
}

// SpanLess is the canonical span order: by start, longer first, label, id.
func SpanLess(a, b Span) bool {
	if a.Start != b.Start {
		return a.Start < b.Start
	}
	if a.End != b.End {
		return a.End > b.End
	}
	if a.Label != b.Label {
		return a.Label < b.Label
	}
	return a.ID < b.ID
}

// NextSpanID returns an id not yet used in the document, with a prefix
// taken from the label (q, s, t).
func (d *Document) NextSpanID(l Label) string {
	prefix := "x"
	switch l {
	case Quote:
		prefix = "q"
	case Speaker:
		prefix = "s"
	case Threat:
		prefix = "t"
	}
	used := make(map[string]bool, len(d.Spans))
	for _, s := range d.Spans {
		used[s.ID] = true
	}
	for n := 1; ; n++ {
		id := prefix + strconv.Itoa(n)
		if !used[id] {
			return id
		}
	}
}

// RelationFrom returns the relation leaving span id with the given label.
func (d *Document) RelationFrom(id, label string) (Relation, bool) {
	for _, r := range d.Relations {
		if r.From == id && r.Label == label {
			return r, true
		}
	}
	return Relation{}, false
}

// RelationsOf returns all relations touching span id.
func (d *Document) RelationsOf(id string) []Relation {
	var out []Relation
	for _, r := range d.Relations {
		if r.From == id || r.To == id {
			out = append(out, r)
		}
	}
	return out
}

// LinkLabel returns the relation label that links a span of label l to a
// speaker: attributed_to for quotes, issued_by for threats, "" otherwise.
func LinkLabel(l Label) string {
	switch l {
	case Quote:
		return AttributedTo
	case Threat:
		return IssuedBy
	}
	return ""
}

// CountLabels returns the number of spans of each label.
func (d *Document) CountLabels() map[Label]int {
	m := map[Label]int{}
	for _, s := range d.Spans {
		m[s.Label]++
	}
	return m
}

// IsConditional reports whether a threat's text states its condition or
// trigger (if …, unless …), the default for its conditional attribute.
func IsConditional(text string) bool {
	low := " " + strings.ToLower(strings.Join(strings.Fields(text), " ")) + " "
	return strings.Contains(low, " if ") || strings.Contains(low, " unless ")
}

// DefaultAttrs returns the attributes a new span of label starts with:
// a quote's kind, a speaker's entity (its own text), a threat's empty
// issuer and target and whether its text states a condition.
func DefaultAttrs(label Label, kind, text string) map[string]any {
	switch label {
	case Quote:
		if kind == "" {
			kind = KindDirect
		}
		return map[string]any{AttrKind: kind}
	case Speaker:
		return map[string]any{AttrEntity: text}
	case Threat:
		return map[string]any{AttrIssuer: "", AttrTarget: "", AttrConditional: IsConditional(text)}
	}
	return nil
}
