package annotate

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
)

var (
	docKeys  = []string{"id", "title", "text", "meta", "spans", "relations"}
	spanKeys = []string{"id", "label", "start", "end", "text", "attrs", "score", "source", "annotator"}
	relKeys  = []string{"label", "from", "to"}
)

// ParseDocumentJSON decodes one native JSONL line into a document and
// checks it: text present, span offsets inside the text and matching the
// span's text, span ids unique, relations pointing at spans. Unknown
// fields are kept. The text is taken as is (it is already normalised by
// whoever wrote the line) except that CR line ends are rejected, since
// offsets would not survive normalisation.
func ParseDocumentJSON(line []byte) (*Document, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(line, &raw); err != nil {
		return nil, fmt.Errorf("not a JSON object: %v", err)
	}
	d := &Document{}
	if err := unmarshalKnown(raw, docKeys, map[string]any{
		"id": &d.ID, "title": &d.Title, "text": &d.Text, "meta": &d.Meta,
	}); err != nil {
		return nil, err
	}
	d.Extra = leftovers(raw, docKeys)
	if _, ok := raw["text"]; !ok || d.Text == "" {
		return nil, fmt.Errorf(`missing or empty "text"`)
	}
	if st, ok := d.Meta["status"].(string); ok {
		d.Status = st
	}
	if r, ok := raw["spans"]; ok && string(r) != "null" {
		var spans []map[string]json.RawMessage
		if err := json.Unmarshal(r, &spans); err != nil {
			return nil, fmt.Errorf(`"spans" is not a list of objects: %v`, err)
		}
		for i, sr := range spans {
			s, err := decodeSpan(sr)
			if err != nil {
				return nil, fmt.Errorf("span %d: %v", i+1, err)
			}
			d.Spans = append(d.Spans, s)
		}
	}
	if r, ok := raw["relations"]; ok && string(r) != "null" {
		var rels []map[string]json.RawMessage
		if err := json.Unmarshal(r, &rels); err != nil {
			return nil, fmt.Errorf(`"relations" is not a list of objects: %v`, err)
		}
		for i, rr := range rels {
			rel, err := decodeRelation(rr)
			if err != nil {
				return nil, fmt.Errorf("relation %d: %v", i+1, err)
			}
			d.Relations = append(d.Relations, rel)
		}
	}
	if d.Title == "" {
		d.Title = TitleOf(d.Text)
	}
	if err := d.Validate(); err != nil {
		return nil, err
	}
	return d, nil
}

func unmarshalKnown(raw map[string]json.RawMessage, keys []string, dst map[string]any) error {
	for _, k := range keys {
		v, ok := raw[k]
		if !ok || dst[k] == nil || string(v) == "null" {
			continue
		}
		if err := json.Unmarshal(v, dst[k]); err != nil {
			return fmt.Errorf("field %q: %v", k, err)
		}
	}
	return nil
}

func leftovers(raw map[string]json.RawMessage, known []string) map[string]json.RawMessage {
	var out map[string]json.RawMessage
	for k, v := range raw {
		if !slices.Contains(known, k) {
			if out == nil {
				out = map[string]json.RawMessage{}
			}
			out[k] = v
		}
	}
	return out
}

// Validate checks the document's spans and relations against its text.
func (d *Document) Validate() error {
	if strings.Contains(d.Text, "\r") {
		return fmt.Errorf(`"text" contains CR line ends; the format requires LF`)
	}
	r := NewRunes(d.Text)
	ids := make(map[string]bool, len(d.Spans))
	for i, s := range d.Spans {
		name := fmt.Sprintf("span %d (%q)", i+1, s.ID)
		if s.ID == "" {
			return fmt.Errorf("span %d has no id", i+1)
		}
		if ids[s.ID] {
			return fmt.Errorf("%s: id used twice", name)
		}
		ids[s.ID] = true
		if s.Label == "" {
			return fmt.Errorf("%s: no label", name)
		}
		if s.Start < 0 || s.End <= s.Start || s.End > r.Len() {
			return fmt.Errorf("%s: offsets %d..%d outside the text (%d code points)", name, s.Start, s.End, r.Len())
		}
		if got := r.Slice(s.Start, s.End); got != s.Text {
			return fmt.Errorf("%s: text[%d:%d] is %q, not the span's text %q (offsets must count code points)", name, s.Start, s.End, clip(got), clip(s.Text))
		}
	}
	for i, rel := range d.Relations {
		if rel.Label == "" {
			return fmt.Errorf("relation %d has no label", i+1)
		}
		if !ids[rel.From] || !ids[rel.To] {
			return fmt.Errorf("relation %d (%s %s -> %s) points at a span that is not in the document", i+1, rel.Label, rel.From, rel.To)
		}
	}
	return nil
}

func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// JSONLResult is one line of a JSONL file: a document or the reason the
// line could not be read.
type JSONLResult struct {
	Line int
	Doc  *Document
	Err  error // an *InputError naming file and line
}

// ReadJSONL reads native JSONL from r and calls fn for every non-blank
// line. A bad line is reported through fn and does not stop the others.
// The returned error is for I/O failures only.
func ReadJSONL(name string, r io.Reader, fn func(JSONLResult) error) error {
	br := bufio.NewReaderSize(r, 1<<20)
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			var res JSONLResult
			res.Line = n
			if n == 1 {
				line = bytes.TrimPrefix(line, []byte("\xEF\xBB\xBF"))
			}
			d, perr := ParseDocumentJSON(line)
			if perr != nil {
				res.Err = inputErr(name, n, -1, "%v", perr)
			} else {
				res.Doc = d
			}
			if ferr := fn(res); ferr != nil {
				return ferr
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return inputErr(name, n, -1, "read error: %v", err)
		}
	}
}

// MarshalDocument encodes a document as one native JSONL line (without the
// trailing newline). Spans are written in canonical order, and each span's
// text is recomputed from the document text so text[start:end] == text
// always holds. Unknown fields read on import are written back.
func MarshalDocument(d *Document) ([]byte, error) {
	r := NewRunes(d.Text)
	var buf bytes.Buffer
	buf.WriteByte('{')
	w := &objWriter{buf: &buf}
	w.field("id", d.ID)
	w.field("title", d.Title)
	w.field("text", d.Text)
	meta := d.Meta
	if d.Status != "" {
		meta = make(map[string]any, len(d.Meta)+1)
		for k, v := range d.Meta {
			meta[k] = v
		}
		meta["status"] = d.Status
	}
	if len(meta) > 0 {
		w.field("meta", meta)
	}
	spans := make([]Span, len(d.Spans))
	copy(spans, d.Spans)
	sort.SliceStable(spans, func(i, j int) bool { return SpanLess(spans[i], spans[j]) })
	w.key("spans")
	buf.WriteByte('[')
	for i, s := range spans {
		if i > 0 {
			buf.WriteString(", ")
		}
		if err := writeSpan(&buf, s, r.Slice(s.Start, s.End)); err != nil {
			return nil, err
		}
	}
	buf.WriteByte(']')
	w.key("relations")
	buf.WriteByte('[')
	for i, rel := range d.Relations {
		if i > 0 {
			buf.WriteString(", ")
		}
		if err := writeRelation(&buf, rel); err != nil {
			return nil, err
		}
	}
	buf.WriteByte(']')
	w.extra(d.Extra)
	buf.WriteByte('}')
	if w.err != nil {
		return nil, w.err
	}
	return buf.Bytes(), nil
}

// WriteJSONL writes one document as a JSONL line.
func WriteJSONL(w io.Writer, d *Document) error {
	b, err := MarshalDocument(d)
	if err != nil {
		return err
	}
	b = append(b, '\n')
	_, err = w.Write(b)
	return err
}

type objWriter struct {
	buf *bytes.Buffer
	n   int
	err error
}

func (w *objWriter) key(k string) {
	if w.n > 0 {
		w.buf.WriteString(", ")
	}
	w.n++
	kb, _ := json.Marshal(k)
	w.buf.Write(kb)
	w.buf.WriteString(": ")
}

func (w *objWriter) field(k string, v any) {
	w.key(k)
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil && w.err == nil {
		w.err = err
	}
	w.buf.Write(bytes.TrimRight(b.Bytes(), "\n"))
}

func (w *objWriter) extra(m map[string]json.RawMessage) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		w.key(k)
		w.buf.Write(m[k])
	}
}

// decodeSpan reads a span object of the native format; unknown fields go
// to Extra.
func decodeSpan(sr map[string]json.RawMessage) (Span, error) {
	var s Span
	if err := unmarshalKnown(sr, spanKeys, map[string]any{
		"id": &s.ID, "label": &s.Label, "start": &s.Start, "end": &s.End, "text": &s.Text,
		"attrs": &s.Attrs, "score": &s.Score, "source": &s.Source, "annotator": &s.Annotator,
	}); err != nil {
		return s, err
	}
	s.Extra = leftovers(sr, spanKeys)
	return s, nil
}

// decodeRelation reads a relation object; unknown fields go to Extra.
func decodeRelation(rr map[string]json.RawMessage) (Relation, error) {
	var rel Relation
	if err := unmarshalKnown(rr, relKeys, map[string]any{
		"label": &rel.Label, "from": &rel.From, "to": &rel.To,
	}); err != nil {
		return rel, err
	}
	rel.Extra = leftovers(rr, relKeys)
	return rel, nil
}

// writeSpan writes s as a native JSON object with the given text and its
// unknown fields inline.
func writeSpan(buf *bytes.Buffer, s Span, text string) error {
	buf.WriteByte('{')
	sw := &objWriter{buf: buf}
	sw.field("id", s.ID)
	sw.field("label", s.Label)
	sw.field("start", s.Start)
	sw.field("end", s.End)
	sw.field("text", text)
	if len(s.Attrs) > 0 {
		sw.field("attrs", s.Attrs)
	}
	if s.Score != nil {
		sw.field("score", *s.Score)
	}
	if s.Source != "" {
		sw.field("source", s.Source)
	}
	if s.Annotator != "" {
		sw.field("annotator", s.Annotator)
	}
	sw.extra(s.Extra)
	buf.WriteByte('}')
	return sw.err
}

// writeRelation writes rel as a native JSON object, unknown fields inline.
func writeRelation(buf *bytes.Buffer, rel Relation) error {
	buf.WriteByte('{')
	rw := &objWriter{buf: buf}
	rw.field("label", rel.Label)
	rw.field("from", rel.From)
	rw.field("to", rel.To)
	rw.extra(rel.Extra)
	buf.WriteByte('}')
	return rw.err
}

// MarshalJSON writes a span in the native format, its unknown fields
// inline, so every JSON of the model (an Edit, say) keeps them.
func (s Span) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	err := writeSpan(&buf, s, s.Text)
	return buf.Bytes(), err
}

// UnmarshalJSON reads a span in the native format, unknown fields to Extra.
func (s *Span) UnmarshalJSON(b []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	v, err := decodeSpan(raw)
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// MarshalJSON writes a relation in the native format, unknown fields
// inline.
func (r Relation) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	err := writeRelation(&buf, r)
	return buf.Bytes(), err
}

// UnmarshalJSON reads a relation in the native format.
func (r *Relation) UnmarshalJSON(b []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	v, err := decodeRelation(raw)
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// MarshalJSON writes an edit with its spans and relations in the native
// format. Called directly (as the store does), unknown fields come out
// byte for byte as they were read; encoding/json would compact them.
func (e Edit) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	err := writeEdit(&buf, e)
	return buf.Bytes(), err
}

func writeEdit(buf *bytes.Buffer, e Edit) error {
	buf.WriteByte('{')
	w := &objWriter{buf: buf}
	w.field("kind", e.Kind)
	for _, s := range []struct {
		key  string
		span *Span
	}{{"span", e.Span}, {"before", e.Before}, {"after", e.After}} {
		if s.span != nil {
			w.key(s.key)
			if err := writeSpan(buf, *s.span, s.span.Text); err != nil {
				return err
			}
		}
	}
	if len(e.Relations) > 0 {
		w.key("relations")
		if err := writeList(buf, len(e.Relations), func(i int) error { return writeRelation(buf, e.Relations[i]) }); err != nil {
			return err
		}
	}
	if len(e.RelationAt) > 0 {
		w.field("relation_at", e.RelationAt)
	}
	if e.Relation != nil {
		w.key("relation")
		if err := writeRelation(buf, *e.Relation); err != nil {
			return err
		}
	}
	if len(e.Steps) > 0 {
		w.key("steps")
		if err := writeList(buf, len(e.Steps), func(i int) error { return writeEdit(buf, e.Steps[i]) }); err != nil {
			return err
		}
	}
	if e.Note != "" {
		w.field("note", e.Note)
	}
	buf.WriteByte('}')
	return w.err
}

// writeList writes a JSON list of n items.
func writeList(buf *bytes.Buffer, n int, item func(i int) error) error {
	buf.WriteByte('[')
	for i := 0; i < n; i++ {
		if i > 0 {
			buf.WriteString(", ")
		}
		if err := item(i); err != nil {
			return err
		}
	}
	buf.WriteByte(']')
	return nil
}
