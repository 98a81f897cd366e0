package format

// brat standoff: a folder with, per document, ID.txt (the text as is) and
// ID.ann (the annotations), plus the collection's annotation.conf and
// visual.conf. Offsets count characters of the .txt as Python does, that
// is Unicode code points (Options.Offsets can ask for another unit).
//
// What goes where in the .ann file:
//
//	T1	QUOTE 10 25	text of the span      a span (its sayso id becomes T1, T2, …)
//	R1	attributed_to Arg1:T1 Arg2:T2    a relation
//	A1	kind T1 direct                   a QUOTE's kind (multi-valued attribute)
//	A2	conditional T3                   a conditional THREAT (binary attribute)
//	#1	AnnotatorNotes T2	entity=Joe Biden
//
// Attributes whose value is free text (entity, issuer, target, any other
// attribute) and the span's provenance cannot be brat attributes, whose
// values come from a fixed list; they go in the span's AnnotatorNotes as
// "key=value" fields joined by "; ", with \ ; tab and line ends escaped by
// a backslash. A non-string value is written "key:=<JSON>"; provenance
// fields are "@source", "@annotator" and "@score". A note that is not in
// this form (written by a person in brat) is kept whole as the attribute
// "note".
//
// brat cannot show a line end inside a fragment, so a span that crosses
// lines is written as fragments split at the line ends ("0 5;6 12"), as
// brat itself does. On import, fragments separated only by white space
// that includes a line end are joined again. Fragments with a real gap
// (a discontinuous span) become one span covering them all; the fragments
// are kept in the span's field "brat_fragments" and written back as they
// were on the next brat export.
//
// Document ids become file names with characters outside letters, digits,
// ".", "_" and "-" written %XX; import undoes it. Lines brat has but sayso
// has no place for (events, normalizations, equivalences) are kept in the
// document's meta under "brat_skipped".

import (
	"encoding/json"
	"fmt"
	"io"
	"path"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sayso/sayso/annotate"
)

func init() {
	Register(&Format{
		Name:        "brat",
		Title:       "brat standoff (.txt + .ann)",
		Folder:      true,
		Description: "brat standoff folder: .txt and .ann per document, annotation.conf and visual.conf",
		Holds:       Holds{Overlaps: true, Relations: true, Attributes: true, Provenance: true, Scores: true},
		Export:      exportBrat,
		Import:      importBrat,
		Detect:      func(name string, _ []byte) bool { return strings.EqualFold(path.Ext(name), ".ann") },
	})
}

const (
	bratFragments = "brat_fragments" // span field keeping a discontinuous span's fragments
	bratSkipped   = "brat_skipped"   // meta key keeping lines sayso cannot hold
	bratNote      = "note"           // attribute keeping a note not written by sayso
	bratNotes     = "AnnotatorNotes"
)

// ---- export ----

func exportBrat(docs []*annotate.Document, sink Sink, opt Options, loss *Loss) error {
	for i, d := range docs {
		name := bratFileName(d.ID)
		if name == "" {
			name = fmt.Sprintf("document-%d", i+1)
			loss.Add("documents without an id named by their position", name)
		}
		ann, err := bratAnn(d, opt, loss)
		if err != nil {
			return fmt.Errorf("document %s: %v", d.ID, err)
		}
		if err := peerWriteFile(sink, name+".txt", d.Text); err != nil {
			return err
		}
		if err := peerWriteFile(sink, name+".ann", ann); err != nil {
			return err
		}
		bratDocLoss(d, loss)
	}
	if err := peerWriteFile(sink, "annotation.conf", bratAnnotationConf(docs)); err != nil {
		return err
	}
	return peerWriteFile(sink, "visual.conf", bratVisualConf(docs))
}

func peerWriteFile(sink Sink, name, content string) error {
	w, err := sink.Create(name)
	if err != nil {
		return err
	}
	if _, err := io.WriteString(w, content); err != nil {
		w.Close()
		return fmt.Errorf("%s: %v", name, err)
	}
	return w.Close()
}

func bratDocLoss(d *annotate.Document, loss *Loss) {
	if d.Title != "" && d.Title != annotate.TitleOf(d.Text) {
		loss.Add("document titles left out (brat shows the text's first line)", d.ID+": "+d.Title)
	}
	for _, k := range peerKeys(peerMeta(d)) {
		if k != bratSkipped {
			loss.Add("document meta fields left out", d.ID+": "+k)
		}
	}
	for _, k := range peerKeys(d.Extra) {
		loss.Add("unknown document fields left out", d.ID+": "+k)
	}
}

// bratFileName escapes a document id into a file name (without extension).
func bratFileName(id string) string {
	var b strings.Builder
	for i := 0; i < len(id); {
		r, size := utf8.DecodeRuneInString(id[i:])
		keep := r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-' || (r == '.' && i > 0))
		if keep {
			b.WriteString(id[i : i+size])
		} else {
			for _, c := range []byte(id[i : i+size]) {
				fmt.Fprintf(&b, "%%%02X", c)
			}
		}
		i += size
	}
	return b.String()
}

// bratUnescape undoes bratFileName; a name that is not escaped is itself.
func bratUnescape(name string) string {
	if !strings.Contains(name, "%") {
		return name
	}
	var b []byte
	for i := 0; i < len(name); i++ {
		if name[i] == '%' && i+2 < len(name) {
			if v, err := strconv.ParseUint(name[i+1:i+3], 16, 8); err == nil {
				b = append(b, byte(v))
				i += 2
				continue
			}
		}
		b = append(b, name[i])
	}
	return string(b)
}

type bratWriter struct {
	b       strings.Builder
	t, r, a int
	notes   int
}

func bratAnn(d *annotate.Document, opt Options, loss *Loss) (string, error) {
	spans := peerSortedSpans(d)
	runes := annotate.NewRunes(d.Text)
	conv := NewConverter(d.Text, opt.Offsets)
	w := &bratWriter{}
	ids := make(map[string]string, len(spans))
	for i := range spans {
		s := &spans[i]
		frags := bratSpanFragments(s, runes, d, loss)
		if len(frags) == 0 {
			loss.Add("spans of line ends only left out (brat fragments cannot hold them)", peerExample(d, s))
			continue
		}
		w.t++
		tid := "T" + strconv.Itoa(w.t)
		ids[s.ID] = tid
		w.span(tid, bratType(string(s.Label), d, loss), frags, runes, conv)
		w.attrs(tid, s, d, loss)
		peerExtraLoss(d, s, loss, bratFragments)
	}
	for _, r := range d.Relations {
		from, to := ids[r.From], ids[r.To]
		if from == "" || to == "" {
			loss.Add("relations to spans left out", d.ID+": "+r.Label)
			continue
		}
		w.r++
		fmt.Fprintf(&w.b, "R%d\t%s Arg1:%s Arg2:%s\n", w.r, bratType(r.Label, d, loss), from, to)
		peerRelExtraLoss(d, r, loss)
	}
	return w.b.String(), nil
}

// bratType makes a label a brat type: ASCII letters, digits, _ and - only.
func bratType(l string, d *annotate.Document, loss *Loss) string {
	ok := l != ""
	out := []byte(l)
	for i := range out {
		c := out[i]
		if !(c == '_' || c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			out[i] = '_'
			ok = false
		}
	}
	if !ok {
		loss.Add("labels changed to be brat types (letters, digits, _ and - only)", d.ID+": "+l)
		if l == "" {
			return "_"
		}
	}
	return string(out)
}

func (w *bratWriter) span(tid, typ string, frags [][2]int, runes *annotate.Runes, conv *Converter) {
	fmt.Fprintf(&w.b, "%s\t%s ", tid, typ)
	texts := make([]string, len(frags))
	for i, f := range frags {
		if i > 0 {
			w.b.WriteByte(';')
		}
		w.b.WriteString(strconv.Itoa(conv.To(f[0])))
		w.b.WriteByte(' ')
		w.b.WriteString(strconv.Itoa(conv.To(f[1])))
		texts[i] = runes.Slice(f[0], f[1])
	}
	w.b.WriteByte('\t')
	w.b.WriteString(strings.Join(texts, " "))
	w.b.WriteByte('\n')
}

// bratSpanFragments returns the fragments a span is written as: the kept
// fragments of a discontinuous span, else the span split at line ends.
func bratSpanFragments(s *annotate.Span, runes *annotate.Runes, d *annotate.Document, loss *Loss) [][2]int {
	if raw, ok := s.Extra[bratFragments]; ok {
		var str string
		if json.Unmarshal(raw, &str) == nil {
			if f, err := bratParseFrags(str); err == nil && bratFragsFit(f, s.Start, s.End) {
				return f
			}
		}
	}
	var frags [][2]int
	start := -1
	for i := s.Start; i < s.End; i++ {
		nl := runes.At(i) == '\n'
		if !nl && start < 0 {
			start = i
		}
		if nl && start >= 0 {
			frags = append(frags, [2]int{start, i})
			start = -1
		}
	}
	if start >= 0 {
		frags = append(frags, [2]int{start, s.End})
	}
	if len(frags) > 0 && (frags[0][0] != s.Start || frags[len(frags)-1][1] != s.End) {
		loss.Add("span bounds moved off line ends at their edges (brat fragments cannot hold them)", peerExample(d, s))
	}
	return frags
}

func bratFragsFit(f [][2]int, start, end int) bool {
	if len(f) == 0 || f[0][0] != start || f[len(f)-1][1] != end {
		return false
	}
	for i, x := range f {
		if x[1] <= x[0] || (i > 0 && x[0] < f[i-1][1]) {
			return false
		}
	}
	return true
}

// bratParseFrags reads "s e;s e".
func bratParseFrags(s string) ([][2]int, error) {
	var out [][2]int
	for _, part := range strings.Split(s, ";") {
		f := strings.Fields(part)
		if len(f) != 2 {
			return nil, fmt.Errorf("fragment %q is not two offsets", part)
		}
		a, err1 := strconv.Atoi(f[0])
		b, err2 := strconv.Atoi(f[1])
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("fragment %q has an offset that is not a number", part)
		}
		out = append(out, [2]int{a, b})
	}
	return out, nil
}

func bratFragString(f [][2]int) string {
	parts := make([]string, len(f))
	for i, x := range f {
		parts[i] = strconv.Itoa(x[0]) + " " + strconv.Itoa(x[1])
	}
	return strings.Join(parts, ";")
}

// bratAttrValue reports whether a kind value can be a brat attribute
// value (a token).
func bratAttrValue(v string) bool {
	return v != "" && !strings.ContainsAny(v, " \t\n\r")
}

// attrs writes the span's A lines and its note.
func (w *bratWriter) attrs(tid string, s *annotate.Span, d *annotate.Document, loss *Loss) {
	peerThreatLoss(d, s, loss)
	var fields []string
	keys := make([]string, 0, len(s.Attrs))
	for k := range s.Attrs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := s.Attrs[k]
		if kind, ok := v.(string); ok && k == annotate.AttrKind && s.Label == annotate.Quote && bratAttrValue(kind) {
			w.a++
			fmt.Fprintf(&w.b, "A%d\t%s %s %s\n", w.a, k, tid, kind)
			continue
		}
		if c, ok := v.(bool); ok && k == annotate.AttrConditional && s.Label == annotate.Threat {
			if c {
				w.a++
				fmt.Fprintf(&w.b, "A%d\t%s %s\n", w.a, k, tid)
			}
			continue
		}
		fields = append(fields, bratNoteField(bratEscape(k, true), v))
	}
	if s.Source != "" {
		fields = append(fields, "@source="+bratEscape(s.Source, false))
	}
	if s.Annotator != "" {
		fields = append(fields, "@annotator="+bratEscape(s.Annotator, false))
	}
	if s.Score != nil {
		fields = append(fields, "@score:="+strconv.FormatFloat(*s.Score, 'g', -1, 64))
	}
	if len(fields) > 0 {
		w.notes++
		fmt.Fprintf(&w.b, "#%d\t%s %s\t%s\n", w.notes, bratNotes, tid, strings.Join(fields, "; "))
	}
}

func bratNoteField(key string, v any) string {
	if s, ok := v.(string); ok {
		return key + "=" + bratEscape(s, false)
	}
	b, err := json.Marshal(v)
	if err != nil {
		b = []byte("null")
	}
	return key + ":=" + bratEscape(string(b), false)
}

// bratEscape escapes backslash, ";", tab and line ends (and, in keys, "=",
// ":" and a leading "@").
func bratEscape(s string, key bool) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == '\\' || r == ';':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case key && (r == '=' || r == ':' || (r == '@' && i == 0) || (r == ' ' && i == 0)):
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func bratAnnotationConf(docs []*annotate.Document) string {
	var b strings.Builder
	b.WriteString("# brat configuration written by sayso\n\n[entities]\n")
	for _, l := range peerLabels(docs) {
		b.WriteString(bratType(string(l), &annotate.Document{}, &Loss{}) + "\n")
	}
	b.WriteString("\n[relations]\n")
	from, to := bratRelArgs(docs)
	for _, r := range peerRelLabels(docs) {
		t := bratType(r, &annotate.Document{}, &Loss{})
		fmt.Fprintf(&b, "%s\tArg1:%s, Arg2:%s\n", t, strings.Join(from[r], "|"), strings.Join(to[r], "|"))
	}
	b.WriteString("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n")
	b.WriteString("\n[events]\n\n[attributes]\n")
	fmt.Fprintf(&b, "kind\tArg:%s, Value:%s\n", annotate.Quote, strings.Join(bratKinds(docs), "|"))
	fmt.Fprintf(&b, "conditional\tArg:%s\n", annotate.Threat)
	return b.String()
}

// bratRelArgs lists, per relation label, the span types at each end: the
// guideline's types for the default relations plus any the data uses.
func bratRelArgs(docs []*annotate.Document) (map[string][]string, map[string][]string) {
	from := map[string]map[string]bool{
		annotate.AttributedTo: {string(annotate.Quote): true},
		annotate.IssuedBy:     {string(annotate.Threat): true},
	}
	to := map[string]map[string]bool{
		annotate.AttributedTo: {string(annotate.Speaker): true},
		annotate.IssuedBy:     {string(annotate.Speaker): true},
	}
	add := func(m map[string]map[string]bool, rel, l string) {
		if m[rel] == nil {
			m[rel] = map[string]bool{}
		}
		m[rel][bratType(l, &annotate.Document{}, &Loss{})] = true
	}
	for _, d := range docs {
		for _, r := range d.Relations {
			if i, j := d.SpanByID(r.From), d.SpanByID(r.To); i >= 0 && j >= 0 {
				add(from, r.Label, string(d.Spans[i].Label))
				add(to, r.Label, string(d.Spans[j].Label))
			}
		}
	}
	return peerSortedSets(from), peerSortedSets(to)
}

func peerSortedSets(m map[string]map[string]bool) map[string][]string {
	out := make(map[string][]string, len(m))
	for k, set := range m {
		for v := range set {
			out[k] = append(out[k], v)
		}
		sort.Strings(out[k])
	}
	return out
}

func bratKinds(docs []*annotate.Document) []string {
	out := []string{annotate.KindDirect, annotate.KindIndirect}
	seen := map[string]bool{out[0]: true, out[1]: true}
	var more []string
	for _, d := range docs {
		for _, s := range d.Spans {
			if k, ok := s.Attrs[annotate.AttrKind].(string); ok && s.Label == annotate.Quote && bratAttrValue(k) && !seen[k] {
				seen[k] = true
				more = append(more, k)
			}
		}
	}
	sort.Strings(more)
	return append(out, more...)
}

func bratVisualConf(docs []*annotate.Document) string {
	var b strings.Builder
	b.WriteString("# brat display settings written by sayso, in the app's colours\n\n[labels]\n")
	for _, l := range peerLabels(docs) {
		t := bratType(string(l), &annotate.Document{}, &Loss{})
		fmt.Fprintf(&b, "%s | %s | %s\n", t, bratTitle(t), t[:1])
	}
	for _, r := range peerRelLabels(docs) {
		t := bratType(r, &annotate.Document{}, &Loss{})
		fmt.Fprintf(&b, "%s | %s\n", t, strings.ReplaceAll(t, "_", " "))
	}
	b.WriteString("\n[drawing]\nSPAN_DEFAULT\tfgColor:black, bgColor:lightgray, borderColor:darken\nARC_DEFAULT\tcolor:black, arrowHead:triangle-5\n")
	for _, l := range peerLabels(docs) {
		fmt.Fprintf(&b, "%s\tbgColor:%s, borderColor:darken\n", bratType(string(l), &annotate.Document{}, &Loss{}), peerColor(l))
	}
	fmt.Fprintf(&b, "%s\tcolor:%s, arrowHead:triangle-5\n", annotate.AttributedTo, peerColor(annotate.Quote))
	fmt.Fprintf(&b, "%s\tcolor:%s, arrowHead:triangle-5\n", annotate.IssuedBy, peerColor(annotate.Threat))
	// Direct quotes solid, indirect dashed (in the order of the Value list
	// of annotation.conf); a conditional threat shows "if".
	b.WriteString("ATTRIBUTE_DEFAULT\tglyph:*\n")
	fmt.Fprintf(&b, "kind\tdashArray:-|3-3%s, glyph:<NONE>\n", strings.Repeat("|-", len(bratKinds(docs))-2))
	b.WriteString("conditional\tglyph:if\n")
	return b.String()
}

func bratTitle(t string) string {
	if t == "" {
		return t
	}
	return t[:1] + strings.ToLower(t[1:])
}

// ---- import ----
