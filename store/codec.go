package store

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sayso/sayso/annotate"
)

// encodeMap stores a meta or attrs object as JSON; nil (SQL NULL) when
// empty. Values come back from decodeMap as encoding/json gives them
// (numbers as float64), exactly as annotate's JSONL reader produces them.
func encodeMap(m map[string]any) (any, error) {
	if len(m) == 0 {
		return nil, nil
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(m); err != nil {
		return nil, err
	}
	return string(bytes.TrimRight(b.Bytes(), "\n")), nil
}

func decodeMap(s sql.NullString) (map[string]any, error) {
	if !s.Valid || s.String == "" {
		return nil, nil
	}
	if m, ok := decodeFlat(s.String); ok {
		return m, nil
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(s.String), &m); err != nil {
		return nil, fmt.Errorf("stored JSON object is damaged: %v", err)
	}
	return m, nil
}

// encodeRaw stores unknown fields as a JSON object whose values are the
// raw JSON exactly as read (json.Marshal would re-format them), so an
// export writes them back byte for byte.
func encodeRaw(m map[string]json.RawMessage) (any, error) {
	if len(m) == 0 {
		return nil, nil
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range keys {
		if !json.Valid(m[k]) {
			return nil, fmt.Errorf("unknown field %q does not hold valid JSON", k)
		}
		if i > 0 {
			b.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		b.Write(kb)
		b.WriteByte(':')
		b.Write(m[k])
	}
	b.WriteByte('}')
	return b.String(), nil
}

func decodeRaw(s sql.NullString) (map[string]json.RawMessage, error) {
	if !s.Valid || s.String == "" {
		return nil, nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(s.String), &m); err != nil {
		return nil, fmt.Errorf("stored unknown fields are damaged: %v", err)
	}
	return m, nil
}

// editRec is how an edit is kept in the history table. It mirrors
// annotate.Edit but also keeps the spans' and relations' unknown fields
// (annotate's JSON tags drop them), so undoing the deletion of an imported
// span restores it whole.
type editRec struct {
	Kind      annotate.EditKind `json:"kind"`
	Span      *spanRec          `json:"span,omitempty"`
	Relations []relRec          `json:"relations,omitempty"`
	RelAt     []int             `json:"relation_at,omitempty"`
	Before    *spanRec          `json:"before,omitempty"`
	After     *spanRec          `json:"after,omitempty"`
	Relation  *relRec           `json:"relation,omitempty"`
	Steps     []editRec         `json:"steps,omitempty"`
	Note      string            `json:"note,omitempty"`
}

type spanRec struct {
	ID        string         `json:"id"`
	Label     annotate.Label `json:"label"`
	Start     int            `json:"start"`
	End       int            `json:"end"`
	Text      string         `json:"text,omitempty"`
	Attrs     map[string]any `json:"attrs,omitempty"`
	Score     *float64       `json:"score,omitempty"`
	Source    string         `json:"source,omitempty"`
	Annotator string         `json:"annotator,omitempty"`
	// Extra holds each unknown field's raw JSON as a string, byte exact.
	Extra map[string]string `json:"extra,omitempty"`
}

type relRec struct {
	Label string            `json:"label"`
	From  string            `json:"from"`
	To    string            `json:"to"`
	Extra map[string]string `json:"extra,omitempty"`
}

func rawToStrings(m map[string]json.RawMessage) map[string]string {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = string(v)
	}
	return out
}

func stringsToRaw(m map[string]string) map[string]json.RawMessage {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]json.RawMessage, len(m))
	for k, v := range m {
		out[k] = json.RawMessage(v)
	}
	return out
}

func toSpanRec(s *annotate.Span) *spanRec {
	if s == nil {
		return nil
	}
	return &spanRec{ID: s.ID, Label: s.Label, Start: s.Start, End: s.End, Text: s.Text, Attrs: s.Attrs,
		Score: s.Score, Source: s.Source, Annotator: s.Annotator, Extra: rawToStrings(s.Extra)}
}

func (r *spanRec) span() *annotate.Span {
	if r == nil {
		return nil
	}
	return &annotate.Span{ID: r.ID, Label: r.Label, Start: r.Start, End: r.End, Text: r.Text, Attrs: r.Attrs,
		Score: r.Score, Source: r.Source, Annotator: r.Annotator, Extra: stringsToRaw(r.Extra)}
}

func toRelRec(r annotate.Relation) relRec {
	return relRec{Label: r.Label, From: r.From, To: r.To, Extra: rawToStrings(r.Extra)}
}

func (r relRec) relation() annotate.Relation {
	return annotate.Relation{Label: r.Label, From: r.From, To: r.To, Extra: stringsToRaw(r.Extra)}
}

func toEditRec(e annotate.Edit) editRec {
	rec := editRec{Kind: e.Kind, Span: toSpanRec(e.Span), Before: toSpanRec(e.Before), After: toSpanRec(e.After), Note: e.Note, RelAt: e.RelationAt}
	for _, r := range e.Relations {
		rec.Relations = append(rec.Relations, toRelRec(r))
	}
	if e.Relation != nil {
		r := toRelRec(*e.Relation)
		rec.Relation = &r
	}
	for _, st := range e.Steps {
		rec.Steps = append(rec.Steps, toEditRec(st))
	}
	return rec
}

func (rec editRec) edit() annotate.Edit {
	e := annotate.Edit{Kind: rec.Kind, Span: rec.Span.span(), Before: rec.Before.span(), After: rec.After.span(), Note: rec.Note, RelationAt: rec.RelAt}
	for _, r := range rec.Relations {
		e.Relations = append(e.Relations, r.relation())
	}
	if rec.Relation != nil {
		r := rec.Relation.relation()
		e.Relation = &r
	}
	for _, st := range rec.Steps {
		e.Steps = append(e.Steps, st.edit())
	}
	return e
}

func encodeEdit(e annotate.Edit) (string, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(toEditRec(e)); err != nil {
		return "", fmt.Errorf("cannot record the edit: %v", err)
	}
	return string(bytes.TrimRight(b.Bytes(), "\n")), nil
}

func decodeEdit(s string) (annotate.Edit, error) {
	var rec editRec
	if err := json.Unmarshal([]byte(s), &rec); err != nil {
		return annotate.Edit{}, fmt.Errorf("stored edit is damaged: %v", err)
	}
	return rec.edit(), nil
}

// checkDoc is what the store requires of a document before writing it:
// annotate's own validation plus what SQL or JSON cannot hold.
func checkDoc(d *annotate.Document) error {
	if d.Text == "" {
		return fmt.Errorf("empty text")
	}
	if err := d.Validate(); err != nil {
		return err
	}
	for i, s := range d.Spans {
		if s.Score != nil && (math.IsNaN(*s.Score) || math.IsInf(*s.Score, 0)) {
			return fmt.Errorf("span %d (%q): score %v is not a finite number", i+1, s.ID, *s.Score)
		}
	}
	return nil
}

// decodeFlat decodes the common attrs object, flat with string, number,
// boolean and null values and no escapes in strings, several times faster
// than encoding/json (loading spans is dominated by it). It gives exactly
// what json.Unmarshal would (FuzzDecodeFlat checks), and reports false for
// anything else, which the caller then hands to encoding/json.
func decodeFlat(s string) (map[string]any, bool) {
	i := 0
	ws := func() {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
			i++
		}
	}
	str := func() (string, bool) {
		if i >= len(s) || s[i] != '"' {
			return "", false
		}
		start := i + 1
		for j := start; j < len(s); j++ {
			switch c := s[j]; {
			case c == '"':
				v := s[start:j]
				if !utf8.ValidString(v) {
					return "", false
				}
				i = j + 1
				return v, true
			case c == '\\' || c < 0x20:
				return "", false
			}
		}
		return "", false
	}
	ws()
	if i >= len(s) || s[i] != '{' {
		return nil, false
	}
	i++
	m := make(map[string]any, 4)
	ws()
	if i < len(s) && s[i] == '}' {
		i++
		ws()
		return m, i == len(s)
	}
	for {
		ws()
		k, ok := str()
		if !ok {
			return nil, false
		}
		ws()
		if i >= len(s) || s[i] != ':' {
			return nil, false
		}
		i++
		ws()
		if i >= len(s) {
			return nil, false
		}
		switch c := s[i]; {
		case c == '"':
			v, ok := str()
			if !ok {
				return nil, false
			}
			m[k] = v
		case c == 't' && strings.HasPrefix(s[i:], "true"):
			m[k] = true
			i += 4
		case c == 'f' && strings.HasPrefix(s[i:], "false"):
			m[k] = false
			i += 5
		case c == 'n' && strings.HasPrefix(s[i:], "null"):
			m[k] = nil
			i += 4
		case c == '-' || c >= '0' && c <= '9':
			n := jsonNumber(s[i:])
			if n == 0 {
				return nil, false
			}
			f, err := strconv.ParseFloat(s[i:i+n], 64)
			if err != nil {
				return nil, false
			}
			m[k] = f
			i += n
		default:
			return nil, false // nested object or array
		}
		ws()
		if i >= len(s) {
			return nil, false
		}
		switch s[i] {
		case ',':
			i++
		case '}':
			i++
			ws()
			return m, i == len(s)
		default:
			return nil, false
		}
	}
}

// jsonNumber returns the length of the JSON number at the start of s, or
// 0 if there is none: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
func jsonNumber(s string) int {
	i := 0
	digits := func() int {
		n := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case digits() == 0:
		return 0
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return 0
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return 0
		}
	}
	return i
}
