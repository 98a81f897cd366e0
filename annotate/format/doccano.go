package format

// doccano JSONL, both variants doccano reads and writes for sequence
// labelling projects:
//
//	{"text": "...", "label": [[0, 5, "SPEAKER"], ...]}
//	{"text": "...", "entities": [{"id": 1, "label": "QUOTE:direct", "start_offset": 10, "end_offset": 25}],
//	 "relations": [{"id": 1, "from_id": 1, "to_id": 2, "type": "attributed_to"}]}
//
// doccano has labels, spans and relations, nothing else. Two attributes
// are folded into the label so that they survive a trip through doccano:
// a QUOTE's kind is the label's suffix (QUOTE:direct, QUOTE:indirect) and
// a conditional THREAT is THREAT:conditional (a plain THREAT reads back as
// conditional false). Labels without a known suffix are kept as they are.
// The other attributes (entity, issuer, target) and provenance have no
// place in doccano: the export writes them in extra entity fields ("attrs",
// "source", "annotator", "score") that sayso reads back but doccano itself
// does not keep, and says so in the loss report. The document id, title
// and meta are top-level fields ("doc_id", "doc_title", "meta"), which doccano
// keeps as the example's metadata. (Not "id" and "title": doccano sets
// "id" itself, and a "title" would make the line look like native JSONL.)
//
// Offsets are Unicode code points unless Options.Offsets says otherwise
// (older doccano front ends counted UTF-16 code units; see doccano PR 99).

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/sayso/sayso/annotate"
)

func init() {
	Register(&Format{
		Name:        "doccano",
		Title:       "doccano JSONL (entities and relations)",
		Ext:         ".jsonl",
		Description: "doccano sequence labelling with relations; kind and conditional folded into labels (QUOTE:direct, THREAT:conditional)",
		Holds:       Holds{Overlaps: true, Relations: true, Meta: true},
		Export: func(docs []*annotate.Document, sink Sink, opt Options, loss *Loss) error {
			return exportDoccano(docs, sink, opt, loss, true)
		},
		Import: importDoccano,
		Detect: detectDoccano,
	})
	Register(&Format{
		Name:        "doccano-label",
		Title:       "doccano JSONL (label lists, no relations)",
		Ext:         ".jsonl",
		Description: `doccano's plain "label": [[start, end, "LABEL"]] variant; no relations`,
		Holds:       Holds{Overlaps: true, Meta: true},
		Export: func(docs []*annotate.Document, sink Sink, opt Options, loss *Loss) error {
			return exportDoccano(docs, sink, opt, loss, false)
		},
		// The doccano importer reads both variants; this entry exists for
		// export, so it does not claim files on detection.
		Import: importDoccano,
	})
}

// Label suffixes that carry attributes through doccano.
const (
	dccSep         = ":"
	dccConditional = "conditional"
)

// dccLabel folds a span's kind or conditional into its label and returns
// the label and the attribute key it consumed ("" for none).
func dccLabel(s *annotate.Span) (string, string) {
	switch s.Label {
	case annotate.Quote:
		if k, ok := s.Attrs[annotate.AttrKind].(string); ok && k != "" {
			return string(s.Label) + dccSep + k, annotate.AttrKind
		}
	case annotate.Threat:
		if c, ok := s.Attrs[annotate.AttrConditional].(bool); ok {
			if c {
				return string(s.Label) + dccSep + dccConditional, annotate.AttrConditional
			}
			return string(s.Label), annotate.AttrConditional
		}
	}
	return string(s.Label), ""
}

// dccParseLabel undoes dccLabel.
func dccParseLabel(l string) (annotate.Label, map[string]any) {
	base, suffix, found := strings.Cut(l, dccSep)
	switch {
	case base == string(annotate.Quote) && found && suffix != "":
		return annotate.Quote, map[string]any{annotate.AttrKind: suffix}
	case base == string(annotate.Threat) && found && suffix == dccConditional:
		return annotate.Threat, map[string]any{annotate.AttrConditional: true}
	case l == string(annotate.Threat):
		return annotate.Threat, map[string]any{annotate.AttrConditional: false}
	}
	return annotate.Label(l), nil
}

type dccEntity struct {
	ID        int            `json:"id"`
	Label     string         `json:"label"`
	Start     int            `json:"start_offset"`
	End       int            `json:"end_offset"`
	Attrs     map[string]any `json:"attrs,omitempty"`
	Source    string         `json:"source,omitempty"`
	Annotator string         `json:"annotator,omitempty"`
	Score     *float64       `json:"score,omitempty"`
}

type dccRelation struct {
	ID   int    `json:"id"`
	From int    `json:"from_id"`
	To   int    `json:"to_id"`
	Type string `json:"type"`
}

func exportDoccano(docs []*annotate.Document, sink Sink, opt Options, loss *Loss, relations bool) error {
	return writeMain(sink, func(bw *bufio.Writer) error {
		var buf bytes.Buffer
		for _, d := range docs {
			buf.Reset()
			if err := dccLine(&buf, d, opt, loss, relations); err != nil {
				return fmt.Errorf("document %s: %v", d.ID, err)
			}
			if _, err := bw.Write(buf.Bytes()); err != nil {
				return err
			}
		}
		return nil
	})
}

func dccLine(buf *bytes.Buffer, d *annotate.Document, opt Options, loss *Loss, relations bool) error {
	spans := peerSortedSpans(d)
	conv := NewConverter(d.Text, opt.Offsets)
	ids := make(map[string]int, len(spans))
	ents := make([]dccEntity, len(spans))
	for i := range spans {
		s := &spans[i]
		ids[s.ID] = i + 1
		e := &ents[i]
		e.ID, e.Start, e.End = i+1, conv.To(s.Start), conv.To(s.End)
		var used string
		e.Label, used = dccLabel(s)
		peerThreatLoss(d, s, loss)
		e.Attrs = peerAttrsBut(s.Attrs, used)
		if len(e.Attrs) > 0 || s.Source != "" || s.Annotator != "" || s.Score != nil {
			what := "spans whose attributes or provenance doccano cannot hold (written in extra entity fields that sayso reads back and doccano drops)"
			if !relations {
				what = "spans whose attributes or provenance the label lists cannot hold (left out)"
			}
			loss.Add(what, peerExample(d, s))
		}
		if relations {
			e.Source, e.Annotator, e.Score = s.Source, s.Annotator, s.Score
		}
		peerExtraLoss(d, s, loss, "")
	}
	buf.WriteByte('{')
	pw := peerObj{buf: buf}
	pw.field("doc_id", d.ID)
	pw.field("doc_title", d.Title)
	pw.field("text", d.Text)
	if relations {
		pw.field("entities", ents)
		rels := make([]dccRelation, 0, len(d.Relations))
		for _, r := range d.Relations {
			rels = append(rels, dccRelation{ID: len(rels) + 1, From: ids[r.From], To: ids[r.To], Type: r.Label})
			peerRelExtraLoss(d, r, loss)
		}
		pw.field("relations", rels)
	} else {
		lab := make([][3]any, len(ents))
		for i, e := range ents {
			lab[i] = [3]any{e.Start, e.End, e.Label}
		}
		pw.field("label", lab)
		for _, r := range d.Relations {
			loss.Add("relations left out (the label-list variant has none)", d.ID+": "+r.Label+" "+r.From+" -> "+r.To)
		}
	}
	if m := peerMeta(d); len(m) > 0 {
		pw.field("meta", m)
	}
	pw.extra(d.Extra, dccKnown)
	buf.WriteString("}\n")
	return pw.err
}

// dccKnown are the top-level keys the doccano importer reads itself.
var dccKnown = []string{"doc_id", "doc_title", "text", "entities", "relations", "label", "labels", "meta"}

func detectDoccano(name string, head []byte) bool {
	if !strings.EqualFold(path.Ext(name), ".jsonl") && !strings.EqualFold(path.Ext(name), ".json") {
		return false
	}
	line, _, _ := bytes.Cut(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), []byte("\n"))
	var raw map[string]json.RawMessage
	if json.Unmarshal(line, &raw) != nil {
		// A first line longer than head: judge by the keys in sight.
		if !bytes.HasPrefix(bytes.TrimSpace(line), []byte("{")) {
			return false
		}
		raw = map[string]json.RawMessage{}
		for _, k := range []string{"text", "entities", "label", "labels", "spans"} {
			if bytes.Contains(line, []byte(`"`+k+`":`)) || bytes.Contains(line, []byte(`"`+k+`" :`)) {
				raw[k] = nil
			}
		}
	}
	_, text := raw["text"]
	_, ents := raw["entities"]
	_, label := raw["label"]
	_, labels := raw["labels"]
	_, spans := raw["spans"]
	return text && !spans && (ents || label || labels)
}

func importDoccano(fsys fs.FS, name string, opt Options, emit Emit) error {
	f, err := fsys.Open(name)
	if err != nil {
		return peerErr(name, 0, "cannot read: %v", peerPlain(err))
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<20)
	var errs []error
	for n := 1; ; n++ {
		line, rerr := br.ReadBytes('\n')
		if n == 1 {
			line = bytes.TrimPrefix(line, []byte("\xEF\xBB\xBF"))
		}
		if len(bytes.TrimSpace(line)) > 0 {
			d, perr := dccParse(line, name, n, opt)
			if perr != nil {
				errs = append(errs, peerErr(name, n, "%v", perr))
			} else if eerr := emit(d); eerr != nil {
				return eerr
			}
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			errs = append(errs, peerErr(name, n, "read error: %v", rerr))
			break
		}
	}
	return errors.Join(errs...)
}

type dccRawEntity struct {
	ID        json.RawMessage `json:"id"`
	Label     *string         `json:"label"`
	Start     *int            `json:"start_offset"`
	End       *int            `json:"end_offset"`
	Attrs     map[string]any  `json:"attrs"`
	Source    string          `json:"source"`
	Annotator string          `json:"annotator"`
	Score     *float64        `json:"score"`
}

type dccRawRelation struct {
	ID   json.RawMessage `json:"id"`
	From json.RawMessage `json:"from_id"`
	To   json.RawMessage `json:"to_id"`
	Type *string         `json:"type"`
}

func dccParse(line []byte, name string, n int, opt Options) (*annotate.Document, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(line, &raw); err != nil {
		return nil, fmt.Errorf("not a JSON object: %v", err)
	}
	var text string
	if err := peerField(raw, "text", &text); err != nil || text == "" {
		return nil, errors.New(`missing or empty "text"`)
	}
	pt := newPeerText(text)
	d := &annotate.Document{Text: pt.text}
	if err := dccHeader(raw, d, name, n); err != nil {
		return nil, err
	}
	idmap := map[string]string{}
	if _, ok := raw["entities"]; ok {
		if err := dccEntities(raw, d, pt, opt, idmap); err != nil {
			return nil, err
		}
		if err := dccRelations(raw, d, idmap); err != nil {
			return nil, err
		}
	} else if err := dccLabels(raw, d, pt, opt); err != nil {
		return nil, err
	}
	if err := d.Validate(); err != nil {
		return nil, err
	}
	return d, nil
}

func dccHeader(raw map[string]json.RawMessage, d *annotate.Document, name string, n int) error {
	if err := peerField(raw, "doc_id", &d.ID); err != nil {
		return err
	}
	if d.ID == "" {
		d.ID = peerIDString(raw["id"])
	}
	if d.ID == "" {
		d.ID = fmt.Sprintf("%s-%d", strings.TrimSuffix(path.Base(name), path.Ext(name)), n)
	}
	if err := peerField(raw, "doc_title", &d.Title); err != nil {
		return err
	}
	if d.Title == "" {
		d.Title = annotate.TitleOf(d.Text)
	}
	if err := peerField(raw, "meta", &d.Meta); err != nil {
		return err
	}
	if st, ok := d.Meta["status"].(string); ok {
		d.Status = st
	}
	for k, v := range raw {
		if !peerContains(dccKnown, k) && k != "id" {
			if d.Extra == nil {
				d.Extra = map[string]json.RawMessage{}
			}
			d.Extra[k] = v
		}
	}
	return nil
}

func dccEntities(raw map[string]json.RawMessage, d *annotate.Document, pt *peerText, opt Options, idmap map[string]string) error {
	var ents []dccRawEntity
	if err := peerField(raw, "entities", &ents); err != nil {
		return err
	}
	for i, e := range ents {
		where := fmt.Sprintf("entity %d", i+1)
		id := peerIDString(e.ID)
		if id == "" {
			return fmt.Errorf("%s has no id", where)
		}
		where += " (id " + id + ")"
		if _, dup := idmap[id]; dup {
			return fmt.Errorf("%s: id used twice", where)
		}
		if e.Label == nil || *e.Label == "" || e.Start == nil || e.End == nil {
			return fmt.Errorf(`%s: needs "label", "start_offset" and "end_offset"`, where)
		}
		s, err := dccSpan(d, pt, *e.Label, *e.Start, *e.End, opt)
		if err != nil {
			return fmt.Errorf("%s: %v", where, err)
		}
		for k, v := range e.Attrs {
			s.Attrs = peerSet(s.Attrs, k, v)
		}
		s.Source, s.Annotator, s.Score = e.Source, e.Annotator, e.Score
		idmap[id] = s.ID
		d.Spans = append(d.Spans, s)
	}
	return nil
}

func dccRelations(raw map[string]json.RawMessage, d *annotate.Document, idmap map[string]string) error {
	var rels []dccRawRelation
	if err := peerField(raw, "relations", &rels); err != nil {
		return err
	}
	for i, r := range rels {
		where := fmt.Sprintf("relation %d", i+1)
		if r.Type == nil || *r.Type == "" {
			return fmt.Errorf(`%s has no "type"`, where)
		}
		from, ok1 := idmap[peerIDString(r.From)]
		to, ok2 := idmap[peerIDString(r.To)]
		if !ok1 || !ok2 {
			return fmt.Errorf("%s (%s %s -> %s) points at an entity that is not in the line", where, *r.Type, peerIDString(r.From), peerIDString(r.To))
		}
		d.Relations = append(d.Relations, annotate.Relation{Label: *r.Type, From: from, To: to})
	}
	return nil
}

func dccLabels(raw map[string]json.RawMessage, d *annotate.Document, pt *peerText, opt Options) error {
	key := "label"
	if _, ok := raw[key]; !ok {
		key = "labels"
	}
	lr, ok := raw[key]
	if !ok || string(lr) == "null" {
		return nil
	}
	var items []json.RawMessage
	if err := json.Unmarshal(lr, &items); err != nil {
		return fmt.Errorf("%q is not a list: %v", key, err)
	}
	for i, it := range items {
		var triple []json.RawMessage
		if json.Unmarshal(it, &triple) != nil {
			return fmt.Errorf("%s %d is not [start, end, label]; a text classification project's labels cannot be imported as spans", key, i+1)
		}
		var st, en int
		var lab string
		if len(triple) != 3 || json.Unmarshal(triple[0], &st) != nil || json.Unmarshal(triple[1], &en) != nil || json.Unmarshal(triple[2], &lab) != nil || lab == "" {
			return fmt.Errorf("%s %d is not [start, end, label]", key, i+1)
		}
		s, err := dccSpan(d, pt, lab, st, en, opt)
		if err != nil {
			return fmt.Errorf("%s %d: %v", key, i+1, err)
		}
		d.Spans = append(d.Spans, s)
	}
	return nil
}

func dccSpan(d *annotate.Document, pt *peerText, label string, start, end int, opt Options) (annotate.Span, error) {
	s, e, err := pt.span(start, end, opt.Offsets)
	if err != nil {
		return annotate.Span{}, err
	}
	l, attrs := dccParseLabel(label)
	sp := annotate.Span{Label: l, Start: s, End: e, Text: annotate.NewRunes(d.Text).Slice(s, e), Attrs: attrs}
	sp.ID = d.NextSpanID(l)
	return sp, nil
}

// ---- helpers shared by the brat, doccano and Label Studio formats ----

// peerColors are the app's label colours (app/view.go, SpanColor); the
// format package cannot import the app, so they are repeated here.
var peerColors = map[annotate.Label]string{
	annotate.Quote:   "#2f6fe0",
	annotate.Speaker: "#f08a1c",
	annotate.Threat:  "#dc323c",
}

const (
	peerColorIndirect = "#10a5aa"
	peerColorOther    = "#888888"
)

func peerColor(l annotate.Label) string {
	if c, ok := peerColors[l]; ok {
		return c
	}
	return peerColorOther
}

// peerLabels lists the span labels of docs: the default set first, then
// the others sorted.
func peerLabels(docs []*annotate.Document) []annotate.Label {
	seen := map[annotate.Label]bool{}
	out := append([]annotate.Label(nil), annotate.Labels...)
	for _, l := range out {
		seen[l] = true
	}
	var more []annotate.Label
	for _, d := range docs {
		for _, s := range d.Spans {
			if !seen[s.Label] {
				seen[s.Label] = true
				more = append(more, s.Label)
			}
		}
	}
	sort.Slice(more, func(i, j int) bool { return more[i] < more[j] })
	return append(out, more...)
}

// peerRelLabels lists relation labels: the two default ones, then others.
func peerRelLabels(docs []*annotate.Document) []string {
	out := []string{annotate.AttributedTo, annotate.IssuedBy}
	seen := map[string]bool{out[0]: true, out[1]: true}
	var more []string
	for _, d := range docs {
		for _, r := range d.Relations {
			if !seen[r.Label] {
				seen[r.Label] = true
				more = append(more, r.Label)
			}
		}
	}
	sort.Strings(more)
	return append(out, more...)
}

func peerErr(file string, line int, format string, args ...any) error {
	return &annotate.InputError{File: file, Line: line, Offset: -1, Msg: fmt.Sprintf(format, args...)}
}

func peerPlain(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func peerContains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// peerField decodes raw[key] into dst when present and not null.
func peerField(raw map[string]json.RawMessage, key string, dst any) error {
	v, ok := raw[key]
	if !ok || string(v) == "null" {
		return nil
	}
	if err := json.Unmarshal(v, dst); err != nil {
		return fmt.Errorf("field %q: %v", key, err)
	}
	return nil
}

// peerIDString reads an id that may be a JSON number or string.
func peerIDString(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	return ""
}

func peerSet(m map[string]any, k string, v any) map[string]any {
	if m == nil {
		m = map[string]any{}
	}
	m[k] = v
	return m
}

// peerAttrsBut returns attrs without key skip ("" skips nothing), nil
// when empty.
func peerAttrsBut(attrs map[string]any, skip string) map[string]any {
	var out map[string]any
	for k, v := range attrs {
		if k != skip || skip == "" {
			out = peerSet(out, k, v)
		}
	}
	return out
}

func peerSortedSpans(d *annotate.Document) []annotate.Span {
	spans := make([]annotate.Span, len(d.Spans))
	copy(spans, d.Spans)
	sort.SliceStable(spans, func(i, j int) bool { return annotate.SpanLess(spans[i], spans[j]) })
	return spans
}

func peerExample(d *annotate.Document, s *annotate.Span) string {
	t := []rune(s.Text)
	if len(t) > 40 {
		t = append(t[:40], '…')
	}
	return fmt.Sprintf("%s: %s \"%s\"", d.ID, s.Label, strings.ReplaceAll(string(t), "\n", " "))
}

// peerThreatLoss reports a THREAT without a conditional attribute: the
// peer formats hold conditional as a flag, so it comes back as false.
func peerThreatLoss(d *annotate.Document, s *annotate.Span, loss *Loss) {
	if s.Label != annotate.Threat {
		return
	}
	if _, ok := s.Attrs[annotate.AttrConditional].(bool); !ok {
		if _, set := s.Attrs[annotate.AttrConditional]; !set {
			loss.Add("THREAT spans without a conditional attribute (read back as conditional: false)", peerExample(d, s))
		}
	}
}
