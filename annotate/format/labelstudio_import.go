package format

// Importing Label Studio tasks (the format is described in labelstudio.go).

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"github.com/sayso/sayso/annotate"
)

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
