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
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strconv"
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

// ---- import ----

func detectLabelStudio(name string, head []byte) bool {
	if !strings.EqualFold(path.Ext(name), ".json") {
		return false
	}
	h := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \t\r\n")
	if len(h) == 0 || (h[0] != '[' && h[0] != '{') {
		return false
	}
	has := func(k string) bool { return bytes.Contains(head, []byte(`"`+k+`"`)) }
	return has("annotations") || has("predictions") || has("completions") || (has("data") && has("text"))
}

type lsRawTask struct {
	ID          json.RawMessage            `json:"id"`
	Data        map[string]json.RawMessage `json:"data"`
	Meta        map[string]any             `json:"meta"`
	Annotations []lsRawAnnotation          `json:"annotations"`
	Completions []lsRawAnnotation          `json:"completions"` // Label Studio before 1.0
	Predictions []lsRawAnnotation          `json:"predictions"`
}

type lsRawAnnotation struct {
	CompletedBy  json.RawMessage `json:"completed_by"`
	ModelVersion string          `json:"model_version"`
	Score        *float64        `json:"score"`
	WasCancelled bool            `json:"was_cancelled"`
	Result       []lsRawItem     `json:"result"`
}

type lsRawItem struct {
	ID        json.RawMessage `json:"id"`
	FromName  string          `json:"from_name"`
	Type      string          `json:"type"`
	Value     *lsRawValue     `json:"value"`
	Origin    string          `json:"origin"`
	Score     *float64        `json:"score"`
	FromID    json.RawMessage `json:"from_id"`
	ToID      json.RawMessage `json:"to_id"`
	Direction string          `json:"direction"`
	Labels    []string        `json:"labels"`
}

type lsRawValue struct {
	Start   *int            `json:"start"`
	End     *int            `json:"end"`
	Text    json.RawMessage `json:"text"`
	Labels  []string        `json:"labels"`
	Choices []string        `json:"choices"`
}

func importLabelStudio(fsys fs.FS, name string, opt Options, emit Emit) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return peerErr(name, 0, "cannot read: %v", peerPlain(err))
	}
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
	var raws []json.RawMessage
	if t := bytes.TrimSpace(b); len(t) > 0 && t[0] == '{' {
		raws = []json.RawMessage{t}
	} else if err := json.Unmarshal(b, &raws); err != nil {
		return peerErr(name, lsLine(b, err), "not a Label Studio export (a JSON list of tasks): %v", err)
	}
	var errs []error
	for i, raw := range raws {
		d, err := lsParseTask(raw, name, i+1, opt)
		if err != nil {
			errs = append(errs, peerErr(name, 0, "task %d: %v", i+1, err))
			continue
		}
		if err := emit(d); err != nil {
			return err
		}
	}
	return errors.Join(errs...)
}

// lsLine is the line of a JSON syntax error, 0 when unknown.
func lsLine(b []byte, err error) int {
	var se *json.SyntaxError
	if errors.As(err, &se) && se.Offset <= int64(len(b)) {
		return bytes.Count(b[:se.Offset], []byte("\n")) + 1
	}
	return 0
}

// lsDoc is one task being read.
type lsDoc struct {
	d    *annotate.Document
	pt   *peerText
	unit Offsets
	used map[string]bool // span ids taken
}

func lsParseTask(raw json.RawMessage, name string, index int, opt Options) (*annotate.Document, error) {
	var t lsRawTask
	if err := json.Unmarshal(raw, &t); err != nil {
		return nil, fmt.Errorf("not a task object: %v", err)
	}
	var text string
	if err := peerField(t.Data, lsText, &text); err != nil || text == "" {
		return nil, errors.New(`data has no "text" (or it is empty or not a string)`)
	}
	x := &lsDoc{pt: newPeerText(text), used: map[string]bool{}, unit: opt.Offsets}
	d := &annotate.Document{Text: x.pt.text}
	x.d = d
	if err := lsHeader(&t, d, name, index); err != nil {
		return nil, err
	}
	if x.unit == "" {
		x.unit = lsDefaultUnit
		if u, ok := t.Meta[lsOffsetsKey].(string); ok {
			pu, err := ParseOffsets(u)
			if err != nil {
				return nil, fmt.Errorf("meta %s: %v", lsOffsetsKey, err)
			}
			x.unit = pu
		}
	}
	delete(d.Meta, lsOffsetsKey)
	if len(d.Meta) == 0 {
		d.Meta = nil
	}
	anns := append(t.Annotations, t.Completions...)
	for i, a := range anns {
		if a.WasCancelled {
			continue
		}
		if err := x.annotation(a, false); err != nil {
			return nil, fmt.Errorf("annotation %d: %v", i+1, err)
		}
	}
	for i, a := range t.Predictions {
		if err := x.annotation(a, true); err != nil {
			return nil, fmt.Errorf("prediction %d: %v", i+1, err)
		}
	}
	if err := d.Validate(); err != nil {
		return nil, err
	}
	return d, nil
}

func lsHeader(t *lsRawTask, d *annotate.Document, name string, index int) error {
	if err := peerField(t.Data, "doc_id", &d.ID); err != nil {
		return err
	}
	if d.ID == "" {
		if id := peerIDString(t.ID); id != "" {
			d.ID = "task-" + id
		} else {
			d.ID = fmt.Sprintf("%s-%d", strings.TrimSuffix(path.Base(name), path.Ext(name)), index)
		}
	}
	if err := peerField(t.Data, "title", &d.Title); err != nil {
		return err
	}
	if d.Title == "" {
		d.Title = annotate.TitleOf(d.Text)
	}
	for k, v := range t.Data {
		if k != lsText && k != "doc_id" && k != "title" {
			if d.Extra == nil {
				d.Extra = map[string]json.RawMessage{}
			}
			d.Extra[k] = v
		}
	}
	d.Meta = t.Meta
	if st, ok := d.Meta["status"].(string); ok {
		d.Status = st
	}
	return nil
}

// lsWho names the annotator of an annotation: completed_by as Label
// Studio writes it (a user id, or an object with an email), or a
// prediction's model version.
func lsWho(a lsRawAnnotation, prediction bool) string {
	if prediction {
		return a.ModelVersion
	}
	if len(a.CompletedBy) == 0 || string(a.CompletedBy) == "null" {
		return ""
	}
	var u struct {
		ID    json.RawMessage `json:"id"`
		Email string          `json:"email"`
	}
	if json.Unmarshal(a.CompletedBy, &u) == nil {
		if u.Email != "" {
			return u.Email
		}
		if id := peerIDString(u.ID); id != "" {
			return "user " + id
		}
	}
	if id := peerIDString(a.CompletedBy); id != "" {
		if _, err := strconv.Atoi(id); err == nil {
			return "user " + id
		}
		return id
	}
	return ""
}

// annotation reads one annotation's (or prediction's) results: regions
// first, then what refers to them.
func (x *lsDoc) annotation(a lsRawAnnotation, prediction bool) error {
	who := lsWho(a, prediction)
	local := map[string][]int{} // region id -> span indexes
	for i, it := range a.Result {
		if it.Type != "labels" {
			continue
		}
		if err := x.region(it, who, prediction, a.Score, local); err != nil {
			return fmt.Errorf("result %d: %v", i+1, err)
		}
	}
	for i, it := range a.Result {
		var err error
		switch it.Type {
		case "labels":
			continue
		case "relation":
			err = x.relation(it, local)
		default:
			err = x.perRegion(it, local)
		}
		if err != nil {
			return fmt.Errorf("result %d: %v", i+1, err)
		}
	}
	return nil
}

func (x *lsDoc) region(it lsRawItem, who string, prediction bool, score *float64, local map[string][]int) error {
	id := peerIDString(it.ID)
	if id == "" {
		return errors.New(`region has no "id"`)
	}
	if _, dup := local[id]; dup {
		return fmt.Errorf("region id %s used twice", id)
	}
	v := it.Value
	if v == nil || v.Start == nil || v.End == nil {
		return fmt.Errorf(`region %s: needs "value" with "start" and "end"`, id)
	}
	if len(v.Labels) == 0 {
		return fmt.Errorf("region %s has no labels", id)
	}
	start, end, err := x.bounds(*v.Start, *v.End, v.Text)
	if err != nil {
		return fmt.Errorf("region %s: %v", id, err)
	}
	if it.Score != nil {
		score = it.Score
	}
	for n, l := range v.Labels {
		if l == "" {
			return fmt.Errorf("region %s has an empty label", id)
		}
		s := annotate.Span{ID: x.freeID(id, n), Label: annotate.Label(l), Start: start, End: end, Annotator: who, Score: score}
		s.Text = annotate.NewRunes(x.d.Text).Slice(start, end)
		s.Source = lsSource(it.Origin, prediction)
		local[id] = append(local[id], len(x.d.Spans))
		x.d.Spans = append(x.d.Spans, s)
	}
	return nil
}

// bounds converts a region's offsets, checking its text when it has one.
func (x *lsDoc) bounds(start, end int, rawText json.RawMessage) (int, int, error) {
	var want string
	if len(rawText) == 0 || json.Unmarshal(rawText, &want) != nil {
		return x.pt.span(start, end, x.unit)
	}
	s, e, unit, err := x.pt.matchSpan(start, end, x.unit, want, func(got, want string) bool { return got == want })
	if err == nil {
		x.unit = unit // the rest of the task is in the unit that matched
	}
	return s, e, err
}

// freeID is a span id for region id: the region id itself unless another
// annotation of the task already used it.
func (x *lsDoc) freeID(id string, n int) string {
	cand := id
	if n > 0 {
		cand = id + "-" + strconv.Itoa(n+1)
	}
	for k := 2; x.used[cand]; k++ {
		cand = id + "~" + strconv.Itoa(k)
	}
	x.used[cand] = true
	return cand
}

func lsSource(origin string, prediction bool) string {
	if prediction {
		return annotate.SourceSuggested
	}
	for src, o := range lsOrigins {
		if o == origin {
			return src
		}
	}
	return origin
}

func (x *lsDoc) relation(it lsRawItem, local map[string][]int) error {
	from, to := peerIDString(it.FromID), peerIDString(it.ToID)
	fi, ok1 := local[from]
	ti, ok2 := local[to]
	if !ok1 || !ok2 {
		return fmt.Errorf("relation %s -> %s points at a region that is not in this annotation", from, to)
	}
	if it.Direction == "left" {
		fi, ti = ti, fi
	}
	labels := it.Labels
	if len(labels) == 0 {
		labels = []string{lsRelated}
	}
	for _, l := range labels {
		x.d.Relations = append(x.d.Relations, annotate.Relation{Label: l, From: x.d.Spans[fi[0]].ID, To: x.d.Spans[ti[0]].ID})
	}
	return nil
}

// perRegion reads a per-region choices or textarea result into the
// region's attributes; a result of no region goes into the document meta.
func (x *lsDoc) perRegion(it lsRawItem, local map[string][]int) error {
	if it.FromName == "" || it.Value == nil {
		return nil // not a result sayso knows; nothing to keep
	}
	v, ok, err := lsAttrValue(it)
	if err != nil || !ok {
		return err
	}
	idx, isRegion := local[peerIDString(it.ID)]
	if !isRegion {
		x.d.Meta = peerSet(x.d.Meta, it.FromName, v)
		return nil
	}
	for _, i := range idx {
		x.d.Spans[i].Attrs = peerSet(x.d.Spans[i].Attrs, it.FromName, v)
	}
	return nil
}

// lsAttrValue is the attribute value of a choices or textarea result.
func lsAttrValue(it lsRawItem) (any, bool, error) {
	switch it.Type {
	case "choices":
		c := it.Value.Choices
		if it.FromName != annotate.AttrKind && len(c) == 1 && (c[0] == lsYes || c[0] == lsNo) {
			return c[0] == lsYes, true, nil
		}
		if len(c) == 1 {
			return c[0], true, nil
		}
		out := make([]any, len(c))
		for i, s := range c {
			out[i] = s
		}
		return out, true, nil
	case "textarea":
		var lines []string
		if len(it.Value.Text) > 0 {
			if err := json.Unmarshal(it.Value.Text, &lines); err != nil {
				return nil, false, fmt.Errorf("textarea %s: text is not a list of strings", it.FromName)
			}
		}
		return strings.Join(lines, "\n"), true, nil
	}
	return nil, false, nil
}
