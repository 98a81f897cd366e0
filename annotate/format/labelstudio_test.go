package format

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/sayso/sayso/annotate"
)

func TestLabelStudioRoundTrip(t *testing.T) {
	for cname, docs := range corpora(t) {
		for _, u := range append([]Offsets{""}, units...) {
			back, loss, _ := roundTrip(t, "labelstudio", docs, Options{Offsets: u})
			checkRoundTrip(t, "labelstudio/"+cname+"/"+string(u), docs, back, canonOpt{provenance: true, relations: true})
			if !loss.Empty() {
				t.Errorf("labelstudio/%s: unexpected loss\n%s", cname, loss)
			}
			for i, d := range back {
				if d.Title != docs[i].Title || fmt.Sprint(d.Meta) != fmt.Sprint(peerMeta(docs[i])) || d.Status != docs[i].Status {
					t.Errorf("labelstudio/%s: %s: title %q meta %v status %q came back as %q %v %q", cname, d.ID, docs[i].Title, docs[i].Meta, docs[i].Status, d.Title, d.Meta, d.Status)
				}
			}
		}
	}
}

// TestLabelStudioOffsets checks that the default export counts UTF-16
// code units, as the JavaScript front end does, and says so.
func TestLabelStudioOffsets(t *testing.T) {
	docs := peerReadDocs(t, unicodeFixture)
	for _, u := range []Offsets{"", CodePoints, UTF16, UTF8} {
		sink := memSink{}
		if err := exportLabelStudio(docs, sink, Options{Offsets: u}, &Loss{}); err != nil {
			t.Fatal(err)
		}
		var tasks []lsTask
		if err := json.Unmarshal(sink[""].Bytes(), &tasks); err != nil {
			t.Fatal(err)
		}
		want := lsUnit(Options{Offsets: u})
		if !strings.Contains(sink[".config.xml"].String(), "count "+want.Unit()) {
			t.Errorf("%q: config does not name the unit %s", u, want.Unit())
		}
		for _, task := range tasks {
			text := task.Data["text"].(string)
			if task.Meta[lsOffsetsKey] != string(want) {
				t.Errorf("%q: task meta unit %v", u, task.Meta[lsOffsetsKey])
			}
			for _, a := range append(task.Annotations, task.Predictions...) {
				for _, it := range a.Result {
					if it.Type != "labels" {
						continue
					}
					if got := sliceIn(text, it.Value.Start, it.Value.End, want); got != it.Value.Text {
						t.Errorf("%q: region %s %d..%d is %q in %s, but its text is %q", u, it.ID, it.Value.Start, it.Value.End, got, want, it.Value.Text)
					}
				}
			}
		}
	}
}

// sliceIn slices text by offsets in unit, independently of the Converter.
func sliceIn(text string, start, end int, unit Offsets) string {
	switch unit {
	case UTF16:
		u := utf16Units(text)
		return utf16String(u[start:end])
	case UTF8:
		return text[start:end]
	}
	r := []rune(text)
	return string(r[start:end])
}

func TestLabelStudioGolden(t *testing.T) {
	docs := peerReadDocs(t, unicodeFixture)
	for _, u := range []Offsets{"", CodePoints} {
		sink := memSink{}
		loss := &Loss{Format: "labelstudio"}
		if err := exportLabelStudio(docs, sink, Options{Offsets: u}, loss); err != nil {
			t.Fatal(err)
		}
		name := "default"
		if u != "" {
			name = string(u)
		}
		checkGolden(t, "testdata/labelstudio/golden/tasks."+name+".json", sink[""].Bytes())
		checkGolden(t, "testdata/labelstudio/golden/tasks."+name+".config.xml", sink[".config.xml"].Bytes())
		if err := checkLSConfig(sink[".config.xml"].String()); err != nil {
			t.Errorf("config: %v", err)
		}
	}
}

// checkLSConfig checks the labeling config against the tags Label Studio
// documents: Labels/Label, Text, Relations/Relation, per-region Choices
// and TextArea bound to the Text, inside region-selected Views.
type lsNode struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Nodes   []lsNode   `xml:",any"`
}

func (n lsNode) attr(k string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == k {
			return a.Value
		}
	}
	return ""
}

// walkLSConfig checks each tag and records the controls it finds.
func walkLSConfig(n lsNode, names map[string]bool) error {
	switch n.XMLName.Local {
	case "Choices", "TextArea":
		if n.attr("toName") != "text" || n.attr("perRegion") != "true" {
			return fmt.Errorf("%s %s is not per region on the text", n.XMLName.Local, n.attr("name"))
		}
		names[n.attr("name")] = true
	case "Labels":
		if n.attr("name") != lsLabel || n.attr("toName") != "text" {
			return fmt.Errorf("labels not named %q on the text", lsLabel)
		}
		names["labels"] = true
	case "Text":
		if n.attr("name") != "text" || n.attr("value") != "$text" {
			return fmt.Errorf("text tag not bound to $text")
		}
	}
	for _, c := range n.Nodes {
		if err := walkLSConfig(c, names); err != nil {
			return err
		}
	}
	return nil
}

func checkLSConfig(cfg string) error {
	var root lsNode
	if err := xml.NewDecoder(strings.NewReader(cfg)).Decode(&root); err != nil {
		return fmt.Errorf("not XML: %v", err)
	}
	if root.XMLName.Local != "View" {
		return fmt.Errorf("root is %s, not View", root.XMLName.Local)
	}
	names := map[string]bool{}
	if err := walkLSConfig(root, names); err != nil {
		return err
	}
	for _, want := range []string{"labels", "kind", "entity", "issuer", "target", "conditional"} {
		if !names[want] {
			return fmt.Errorf("no control for %s", want)
		}
	}
	return nil
}

// TestLabelStudioSpec checks the golden tasks against Label Studio's task
// format: data.text, and in each annotation or prediction, labels regions
// with an id, relations whose from_id and to_id are regions of the same
// result list, and per-region results whose id is a region's.
func TestLabelStudioSpec(t *testing.T) {
	for _, file := range []string{"tasks.default.json", "tasks.cp.json"} {
		b, err := os.ReadFile("testdata/labelstudio/golden/" + file)
		if err != nil {
			t.Fatal(err)
		}
		var tasks []lsTask
		if err := json.Unmarshal(b, &tasks); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for i, task := range tasks {
			if _, ok := task.Data["text"].(string); !ok {
				t.Errorf("%s: task %d has no data.text", file, i+1)
			}
			for _, a := range append(task.Annotations, task.Predictions...) {
				if err := checkLSResult(a.Result); err != nil {
					t.Errorf("%s: task %d: %v", file, i+1, err)
				}
			}
		}
	}
}

func checkLSResult(items []lsItem) error {
	regions := map[string]bool{}
	for _, it := range items {
		if it.Type == "labels" {
			if it.ID == "" || it.FromName != lsLabel || it.ToName != "text" || it.Value == nil || len(it.Value.Labels) != 1 {
				return fmt.Errorf("bad region %+v", it)
			}
			regions[it.ID] = true
		}
	}
	for _, it := range items {
		if err := checkLSItem(it, regions); err != nil {
			return err
		}
	}
	return nil
}

func checkLSItem(it lsItem, regions map[string]bool) error {
	switch it.Type {
	case "labels":
	case "relation":
		if !regions[it.FromID] || !regions[it.ToID] || it.Direction != "right" || len(it.Labels) != 1 {
			return fmt.Errorf("bad relation %+v", it)
		}
	case "choices", "textarea":
		if !regions[it.ID] || it.Value == nil || it.ToName != "text" {
			return fmt.Errorf("per-region %s of no region: %+v", it.Type, it)
		}
	default:
		return fmt.Errorf("unexpected result type %q", it.Type)
	}
	return nil
}

func TestLabelStudioImportSample(t *testing.T) {
	docs, err := importFile(t, "labelstudio", "testdata/labelstudio/export.json", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[0].ID != "task-41" || docs[1].ID != "task-42" {
		t.Fatalf("documents %d", len(docs))
	}
	d := docs[0]
	var got []string
	for _, s := range peerSortedSpans(d) {
		sc := ""
		if s.Score != nil {
			sc = fmt.Sprint(*s.Score)
		}
		got = append(got, fmt.Sprintf("%s %s %d..%d %v %s/%s %s", s.ID, s.Label, s.Start, s.End, sortedAttrs(s.Attrs), s.Source, s.Annotator, sc))
	}
	want := []string{
		"b7-Kp2 SPEAKER 17..27 [entity=Maria Diaz] manual/user 3 ",
		"p1 SPEAKER 17..27 [] suggested/ner-v1 0.9",
		"Xq3vA1 QUOTE 35..56 [kind=direct] manual/user 3 ",
		"Xq3vA1~2 QUOTE 35..56 [] manual/kim@example.org ",
		"cl0b SPEAKER 59..67 [] manual/user 3 ",
		"zz9_01 THREAT 75..109 [conditional=true issuer=The club] manual/user 3 ",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("spans\n got  %s\n want %s", strings.Join(got, "\n      "), strings.Join(want, "\n      "))
	}
	rels := fmt.Sprint(d.Relations)
	if rels != "[{attributed_to Xq3vA1 b7-Kp2 map[]} {issued_by zz9_01 cl0b map[]}]" {
		t.Errorf("relations %s", rels)
	}
	if d.Meta["topic"] != "sports" {
		t.Errorf("document-level choice not kept in meta: %v", d.Meta)
	}
	if string(d.Extra["source"]) != `"wire"` {
		t.Errorf("data field not kept: %v", d.Extra)
	}
}

func TestLabelStudioImportErrors(t *testing.T) {
	region := func(start, end int, text string) string {
		return fmt.Sprintf(`{"id": "r1", "from_name": "label", "to_name": "text", "type": "labels", "value": {"start": %d, "end": %d, "text": %q, "labels": ["QUOTE"]}}`, start, end, text)
	}
	task := func(results ...string) string {
		return `[{"data": {"text": "fine"}}, {"data": {"text": "Abc 😀 def"}, "annotations": [{"result": [` + strings.Join(results, ", ") + `]}]}]`
	}
	tests := []struct {
		name, file, want string
	}{
		{"not json", `[{"data": `, "ls.json:1: not a Label Studio export"},
		{"syntax line", "[\n{\"data\": {\"text\": \"a\"}},\n{\"data\" {}}\n]", "ls.json:3: not a Label Studio export"},
		{"not a list", `"tasks"`, "ls.json: not a Label Studio export"},
		{"no text", `[{"data": {"text": "fine"}}, {"data": {"body": "x"}}]`, `ls.json: task 2: data has no "text"`},
		{"task not object", `[{"data": {"text": "fine"}}, 7]`, "ls.json: task 2: not a task object"},
		{"offset past end", task(region(0, 90, "Abc")), "ls.json: task 2: annotation 1: result 1: region r1: offset 90 (UTF-16 code units) is not on a character boundary or is past the end"},
		{"text mismatch", task(region(0, 3, "Xyz")), `ls.json: task 2: annotation 1: result 1: region r1: text at 0..3 (UTF-16 code units) is "Abc", not "Xyz"`},
		{"half surrogate", `[{"data": {"text": "fine"}}, {"data": {"text": "Abc 😀 def"}, "annotations": [{"result": [{"id": "r1", "type": "labels", "value": {"start": 5, "end": 6, "labels": ["X"]}}]}]}]`, "task 2: annotation 1: result 1: region r1: offset 5 (UTF-16 code units) is not on a character boundary"},
		{"no labels", task(`{"id": "r1", "type": "labels", "value": {"start": 0, "end": 3}}`), "task 2: annotation 1: result 1: region r1 has no labels"},
		{"no id", task(`{"type": "labels", "value": {"start": 0, "end": 3, "labels": ["X"]}}`), `task 2: annotation 1: result 1: region has no "id"`},
		{"no value", task(`{"id": "r1", "type": "labels"}`), `region r1: needs "value" with "start" and "end"`},
		{"duplicate region", task(region(0, 3, "Abc"), region(0, 3, "Abc")), "task 2: annotation 1: result 2: region id r1 used twice"},
		{"unknown relation target", task(region(0, 3, "Abc"), `{"type": "relation", "from_id": "r1", "to_id": "r9", "labels": ["attributed_to"]}`), "task 2: annotation 1: result 2: relation r1 -> r9 points at a region that is not in this annotation"},
		{"wrong type", task(`{"id": "r1", "type": "labels", "value": {"start": "0", "end": 3, "labels": ["X"]}}`), "ls.json: task 2: not a task object"},
		{"bad textarea", task(region(0, 3, "Abc"), `{"id": "r1", "from_name": "entity", "type": "textarea", "value": {"start": 0, "end": 3, "text": 5}}`), "task 2: annotation 1: result 2: textarea entity: text is not a list of strings"},
		{"bad unit", `[{"data": {"text": "x"}, "meta": {"sayso_offsets": "bytes"}}]`, `ls.json: task 1: meta sayso_offsets: unknown offset unit "bytes"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := importBytes("labelstudio", "ls.json", map[string]string{"ls.json": tc.file}, Options{})
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "ls.json") {
				t.Errorf("error %q does not say %q", err, tc.want)
			}
		})
	}
}

// TestLabelStudioUnitFallback: offsets in code points (a fixed Label
// Studio, or another tool) are recognised from the regions' text.
func TestLabelStudioUnitFallback(t *testing.T) {
	file := `[{"data": {"text": "😀😀 Abc"}, "annotations": [{"result": [{"id": "r", "type": "labels", "value": {"start": 3, "end": 6, "text": "Abc", "labels": ["QUOTE"]}}]}]}]`
	docs, err := importBytes("labelstudio", "ls.json", map[string]string{"ls.json": file}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s := docs[0].Spans[0]; s.Start != 3 || s.End != 6 || s.Text != "Abc" {
		t.Errorf("span %d..%d %q", s.Start, s.End, s.Text)
	}
}

func TestLabelStudioLosses(t *testing.T) {
	d := &annotate.Document{ID: "d", Text: "Abc def", Spans: []annotate.Span{
		{ID: "q", Label: annotate.Quote, Start: 0, End: 3, Text: "Abc", Source: annotate.SourceSuggested, Attrs: map[string]any{"n": 2.0}},
		{ID: "s", Label: annotate.Speaker, Start: 4, End: 7, Text: "def"},
	}, Relations: []annotate.Relation{{Label: annotate.AttributedTo, From: "q", To: "s"}}}
	loss := &Loss{Format: "labelstudio"}
	if err := exportLabelStudio([]*annotate.Document{d}, memSink{}, Options{}, loss); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"1 relations between spans of different annotators", "1 attributes that are neither text nor yes/no"} {
		if !strings.Contains(loss.String(), want) {
			t.Errorf("loss report does not say %q:\n%s", want, loss)
		}
	}
}

func TestLabelStudioDetect(t *testing.T) {
	tests := []struct {
		name, head string
		want       bool
	}{
		{"a.json", `[{"id": 1, "data": {"text": "x"}, "annotations": []}]`, true},
		{"a.json", "\n  [\n {\"data\": {\"text\": \"x\"}}]", true},
		{"a.jsonl", `[{"data": {"text": "x"}, "annotations": []}]`, false},
		{"a.json", `{"text": "x", "label": []}`, false},
		{"a.json", `[{"id": 41, "annotations": [{"id": 7, "completed_by": 3, "result": [{"value": {"start": 0`, true},
	}
	for _, tc := range tests {
		if got := detectLabelStudio(tc.name, []byte(tc.head)); got != tc.want {
			t.Errorf("detectLabelStudio(%s, %s) = %v", tc.name, tc.head, got)
		}
	}
}

// errSink fails on Create, to check that export errors come back.
type errSink struct{}

func (errSink) Create(string) (io.WriteCloser, error) { return nil, fmt.Errorf("disk full") }

func TestPeerExportErrors(t *testing.T) {
	docs := peerReadDocs(t, unicodeFixture)
	for _, name := range []string{"brat", "doccano", "doccano-label", "labelstudio"} {
		f, _ := Lookup(name)
		if err := f.Export(docs, errSink{}, Options{}, &Loss{}); err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("%s: export to a failing sink gave %v", name, err)
		}
	}
}

// TestPeerDetectFiles checks that the registry picks the right format for
// the exports and samples of testdata.
func TestPeerDetectFiles(t *testing.T) {
	for name, want := range map[string]string{
		"testdata/doccano/golden/doccano.cp.jsonl":       "doccano",
		"testdata/doccano/doccano1x.jsonl":               "doccano",
		"testdata/labelstudio/golden/tasks.default.json": "labelstudio",
		"testdata/labelstudio/export.json":               "labelstudio",
		"testdata/brat/collection/news1.ann":             "brat",
	} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := Detect(name, b[:min(len(b), 512)])
		if err != nil || f.Name != want {
			t.Errorf("%s: detected %v (%v), want %s", name, f, err, want)
		}
	}
}
