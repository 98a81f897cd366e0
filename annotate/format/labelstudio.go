package format

// Label Studio JSON: an array of tasks, each with the text in data.text,
// the annotations people made and the predictions of models.
//
//	[{"id": 1, "data": {"text": "...", "doc_id": "a1", "title": "..."},
//	  "meta": {"sayso_offsets": "utf16"},
//	  "annotations": [{"completed_by": {"email": "alice"}, "result": [
//	    {"id": "q1", "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual",
//	     "value": {"start": 10, "end": 25, "text": "...", "labels": ["QUOTE"]}},
//	    {"id": "q1", "from_name": "kind", "to_name": "text", "type": "choices",
//	     "value": {"start": 10, "end": 25, "choices": ["direct"]}},
//	    {"type": "relation", "from_id": "q1", "to_id": "s1", "direction": "right", "labels": ["attributed_to"]}]}],
//	  "predictions": [{"model_version": "...", "score": 0.8, "result": [...]}]}]
//
// Suggested spans go to predictions, the others to one annotation per
// annotator. A span's provenance is the result's "origin" (manual,
// prediction for accepted, prediction-changed for edited). Attributes are
// per-region results: string attributes as textarea (choices for kind),
// booleans as choices yes/no. The labeling config that goes with the
// tasks is written next to them (".config.xml").
//
// Offsets: Label Studio's front end indexes JavaScript strings, so its
// offsets count UTF-16 code units once a text holds characters outside
// the BMP (emoji); this is what makes its regions shift after an emoji
// (label-studio issues 1008, 1347, 4988). The export therefore writes
// UTF-16 offsets unless Options.Offsets names a unit, and says the unit in
// each task's meta ("sayso_offsets") and in the config. The import reads
// that unit, else UTF-16, and checks each region's text: when the text
// shows that the offsets are in another unit (code points from a fixed
// Label Studio, bytes from some converter), that unit is used.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/sayso/sayso/annotate"
)

func init() {
	Register(&Format{
		Name:        "labelstudio",
		Title:       "Label Studio JSON",
		Ext:         ".json",
		Description: "Label Studio tasks with annotations, predictions, relations and per-region attributes; labeling config in .config.xml",
		Holds:       Holds{Overlaps: true, Relations: true, Attributes: true, Provenance: true, Scores: true, Meta: true},
		Export:      exportLabelStudio,
		Import:      importLabelStudio,
		Detect:      detectLabelStudio,
	})
}

// Names in the labeling config, and the values Label Studio uses.
const (
	lsLabel       = "label"
	lsText        = "text"
	lsOffsetsKey  = "sayso_offsets"
	lsRelated     = "related" // label of a relation that has none
	lsYes         = "yes"
	lsNo          = "no"
	lsDefaultUnit = UTF16
)

// lsOrigins maps sayso's span sources to Label Studio's result origins.
var lsOrigins = map[string]string{
	annotate.SourceManual:   "manual",
	annotate.SourceAccepted: "prediction",
	annotate.SourceEdited:   "prediction-changed",
}

type lsTask struct {
	ID          int            `json:"id"`
	Data        map[string]any `json:"data"`
	Meta        map[string]any `json:"meta,omitempty"`
	Annotations []lsAnnotation `json:"annotations"`
	Predictions []lsAnnotation `json:"predictions"`
}

type lsAnnotation struct {
	CompletedBy  *lsUser  `json:"completed_by,omitempty"`
	ModelVersion string   `json:"model_version,omitempty"`
	Score        *float64 `json:"score,omitempty"`
	Result       []lsItem `json:"result"`
}

type lsUser struct {
	Email string `json:"email"`
}

type lsItem struct {
	ID        string   `json:"id,omitempty"`
	FromName  string   `json:"from_name,omitempty"`
	ToName    string   `json:"to_name,omitempty"`
	Type      string   `json:"type"`
	Value     *lsValue `json:"value,omitempty"`
	Origin    string   `json:"origin,omitempty"`
	Score     *float64 `json:"score,omitempty"`
	FromID    string   `json:"from_id,omitempty"`
	ToID      string   `json:"to_id,omitempty"`
	Direction string   `json:"direction,omitempty"`
	Labels    []string `json:"labels,omitempty"`
}

type lsValue struct {
	Start   int      `json:"start"`
	End     int      `json:"end"`
	Text    any      `json:"text,omitempty"` // region text, or a textarea's lines
	Labels  []string `json:"labels,omitempty"`
	Choices []string `json:"choices,omitempty"`
}

// ---- export ----

func lsUnit(opt Options) Offsets {
	if opt.Offsets == "" {
		return lsDefaultUnit
	}
	return opt.Offsets
}

func exportLabelStudio(docs []*annotate.Document, sink Sink, opt Options, loss *Loss) error {
	w, err := sink.Create("")
	if err != nil {
		return err
	}
	err = lsWriteTasks(w, docs, opt, loss)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return peerWriteFile(sink, ".config.xml", lsConfig(docs, lsUnit(opt)))
}

func lsWriteTasks(w io.Writer, docs []*annotate.Document, opt Options, loss *Loss) error {
	var buf bytes.Buffer
	buf.WriteString("[")
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for i, d := range docs {
		if i > 0 {
			buf.WriteString(",")
		}
		buf.WriteString("\n")
		if err := enc.Encode(lsTaskOf(i+1, d, opt, loss)); err != nil {
			return fmt.Errorf("document %s: %v", d.ID, err)
		}
		buf.Truncate(buf.Len() - 1) // the encoder's newline
		if buf.Len() > 1<<16 {
			if _, err := w.Write(buf.Bytes()); err != nil {
				return err
			}
			buf.Reset()
		}
	}
	buf.WriteString("\n]\n")
	_, err := w.Write(buf.Bytes())
	return err
}

type lsGroupKey struct {
	suggested bool
	annotator string
}

func lsTaskOf(id int, d *annotate.Document, opt Options, loss *Loss) lsTask {
	unit := lsUnit(opt)
	t := lsTask{ID: id, Data: map[string]any{lsText: d.Text, "doc_id": d.ID}, Annotations: []lsAnnotation{}, Predictions: []lsAnnotation{}}
	if d.Title != "" {
		t.Data["title"] = d.Title
	}
	for k, v := range d.Extra {
		if _, taken := t.Data[k]; !taken {
			t.Data[k] = v
		}
	}
	t.Meta = map[string]any{lsOffsetsKey: string(unit)}
	for k, v := range peerMeta(d) {
		t.Meta[k] = v
	}
	conv := NewConverter(d.Text, unit)
	spans := peerSortedSpans(d)
	groups := map[lsGroupKey]*lsAnnotation{}
	groupOf := map[string]lsGroupKey{}
	for i := range spans {
		s := &spans[i]
		k := lsGroupKey{s.Source == annotate.SourceSuggested, s.Annotator}
		g := groups[k]
		if g == nil {
			g = &lsAnnotation{Result: []lsItem{}}
			groups[k] = g
		}
		groupOf[s.ID] = k
		g.Result = append(g.Result, lsRegion(d, s, conv, loss)...)
	}
	for _, r := range d.Relations {
		k, ok := groupOf[r.From]
		if !ok || k != groupOf[r.To] {
			loss.Add("relations between spans of different annotators or of a suggestion and a span left out (Label Studio keeps relations inside one annotation)", d.ID+": "+r.Label+" "+r.From+" -> "+r.To)
			continue
		}
		groups[k].Result = append(groups[k].Result, lsItem{Type: "relation", FromID: r.From, ToID: r.To, Direction: "right", Labels: []string{r.Label}})
		peerRelExtraLoss(d, r, loss)
	}
	keys := make([]lsGroupKey, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].annotator < keys[j].annotator })
	for _, k := range keys {
		g := groups[k]
		if k.suggested {
			g.ModelVersion = k.annotator
			g.Score = lsMeanScore(g.Result)
			t.Predictions = append(t.Predictions, *g)
			continue
		}
		if k.annotator != "" {
			g.CompletedBy = &lsUser{Email: k.annotator}
		}
		t.Annotations = append(t.Annotations, *g)
	}
	return t
}

// lsMeanScore is a prediction's score: the mean of its regions' scores
// when every region has one.
func lsMeanScore(items []lsItem) *float64 {
	sum, n := 0.0, 0
	for _, it := range items {
		if it.Type != "labels" {
			continue
		}
		if it.Score == nil {
			return nil
		}
		sum += *it.Score
		n++
	}
	if n == 0 {
		return nil
	}
	m := sum / float64(n)
	return &m
}

// lsRegion is a span's region and its per-region attribute results.
func lsRegion(d *annotate.Document, s *annotate.Span, conv *Converter, loss *Loss) []lsItem {
	start, end := conv.To(s.Start), conv.To(s.End)
	items := []lsItem{{ID: s.ID, FromName: lsLabel, ToName: lsText, Type: "labels",
		Value:  &lsValue{Start: start, End: end, Text: s.Text, Labels: []string{string(s.Label)}},
		Origin: lsOrigin(s), Score: s.Score}}
	keys := make([]string, 0, len(s.Attrs))
	for k := range s.Attrs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		it := lsItem{ID: s.ID, FromName: k, ToName: lsText, Value: &lsValue{Start: start, End: end}}
		switch v := s.Attrs[k].(type) {
		case bool:
			it.Type, it.Value.Choices = "choices", []string{lsBool(v)}
		case string:
			if k == annotate.AttrKind {
				it.Type, it.Value.Choices = "choices", []string{v}
			} else {
				it.Type, it.Value.Text = "textarea", lsLines(v)
			}
		default:
			loss.Add("attributes that are neither text nor yes/no left out", fmt.Sprintf("%s: %s.%s", d.ID, s.ID, k))
			continue
		}
		items = append(items, it)
	}
	peerThreatLoss(d, s, loss)
	peerExtraLoss(d, s, loss, "")
	return items
}

func lsOrigin(s *annotate.Span) string {
	if o, ok := lsOrigins[s.Source]; ok {
		return o
	}
	if s.Source == annotate.SourceSuggested {
		return "" // predictions say it themselves
	}
	return s.Source // a source of another tool, kept as it is
}

func lsBool(b bool) string {
	if b {
		return lsYes
	}
	return lsNo
}

func lsLines(v string) []string {
	if v == "" {
		return []string{}
	}
	return []string{v}
}

// lsConfig is the labeling config for the exported tasks.
func lsConfig(docs []*annotate.Document, unit Offsets) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<!-- Label Studio labeling config written by sayso. Region offsets in the tasks count %s. -->\n", unit.Unit())
	// pre-wrap shows the text's line breaks and spaces as they are; the
	// offsets count them either way.
	b.WriteString("<View>\n  <Style>.htx-text { white-space: pre-wrap; }</Style>\n  <Labels name=\"label\" toName=\"text\">\n")
	for _, l := range peerLabels(docs) {
		fmt.Fprintf(&b, "    <Label value=\"%s\" background=\"%s\"/>\n", lsXML(string(l)), peerColor(l))
	}
	b.WriteString("  </Labels>\n  <Text name=\"text\" value=\"$text\"/>\n  <Relations>\n")
	for _, r := range peerRelLabels(docs) {
		fmt.Fprintf(&b, "    <Relation value=\"%s\"/>\n", lsXML(r))
	}
	b.WriteString("  </Relations>\n")
	for _, a := range lsAttrTags(docs) {
		fmt.Fprintf(&b, "  <View visibleWhen=\"region-selected\"%s>\n    <Header value=\"%s\"/>\n", a.when, lsXML(a.name))
		if a.choices == nil {
			fmt.Fprintf(&b, "    <TextArea name=\"%s\" toName=\"text\" perRegion=\"true\" editable=\"true\" maxSubmissions=\"1\"/>\n", lsXML(a.name))
		} else {
			fmt.Fprintf(&b, "    <Choices name=\"%s\" toName=\"text\" perRegion=\"true\" choice=\"single\">\n", lsXML(a.name))
			for _, c := range a.choices {
				fmt.Fprintf(&b, "      <Choice value=\"%s\"/>\n", lsXML(c))
			}
			b.WriteString("    </Choices>\n")
		}
		b.WriteString("  </View>\n")
	}
	b.WriteString("</View>\n")
	return b.String()
}

type lsAttrTag struct {
	name    string
	when    string   // ` whenLabelValue="..."` or ""
	choices []string // nil for a textarea
}

// lsAttrTags lists the per-region controls: sayso's attributes, shown for
// the label they belong to, then any other attribute the data holds.
func lsAttrTags(docs []*annotate.Document) []lsAttrTag {
	when := func(l annotate.Label) string { return ` whenLabelValue="` + string(l) + `"` }
	tags := []lsAttrTag{
		{annotate.AttrKind, when(annotate.Quote), bratKinds(docs)},
		{annotate.AttrEntity, when(annotate.Speaker), nil},
		{annotate.AttrIssuer, when(annotate.Threat), nil},
		{annotate.AttrTarget, when(annotate.Threat), nil},
		{annotate.AttrConditional, when(annotate.Threat), []string{lsYes, lsNo}},
	}
	seen := map[string]bool{}
	for _, t := range tags {
		seen[t.name] = true
	}
	var more []lsAttrTag
	for _, d := range docs {
		for _, s := range d.Spans {
			for _, k := range peerKeys(s.Attrs) {
				if seen[k] {
					continue
				}
				switch s.Attrs[k].(type) {
				case bool:
					more = append(more, lsAttrTag{k, "", []string{lsYes, lsNo}})
				case string:
					more = append(more, lsAttrTag{k, "", nil})
				default:
					continue
				}
				seen[k] = true
			}
		}
	}
	sort.Slice(more, func(i, j int) bool { return more[i].name < more[j].name })
	return append(tags, more...)
}

func lsXML(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
