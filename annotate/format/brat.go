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
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
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

func importBrat(fsys fs.FS, root string, opt Options, emit Emit) error {
	pairs, err := bratCollect(fsys, root)
	if err != nil {
		return err
	}
	var errs []error
	for _, p := range pairs {
		d, err := bratReadPair(fsys, p, opt)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if err := emit(d); err != nil {
			return err
		}
	}
	return errors.Join(errs...)
}

type bratPair struct {
	id, txt, ann string // ann "" when the .txt has no .ann
}

// bratCollect finds the .txt/.ann pairs under root (or the one pair root
// names).
func bratCollect(fsys fs.FS, root string) ([]bratPair, error) {
	info, err := fs.Stat(fsys, root)
	if err != nil {
		return nil, peerErr(root, 0, "cannot read: %v", peerPlain(err))
	}
	if !info.IsDir() {
		return bratSingle(fsys, root)
	}
	txts, anns, err := bratWalk(fsys, root)
	if err != nil {
		return nil, err
	}
	var errs []error
	for base, ann := range anns {
		if _, ok := txts[base]; !ok {
			errs = append(errs, peerErr(ann, 0, "has no text file %s.txt next to it", path.Base(base)))
		}
	}
	pairs := make([]bratPair, 0, len(txts))
	for base, txt := range txts {
		rel := base
		if root != "." {
			rel = strings.TrimPrefix(base, root+"/")
		}
		parts := strings.Split(rel, "/")
		for i := range parts {
			parts[i] = bratUnescape(parts[i])
		}
		pairs = append(pairs, bratPair{id: strings.Join(parts, "/"), txt: txt, ann: anns[base]})
	}
	sort.Slice(pairs, func(i, j int) bool { return pairs[i].txt < pairs[j].txt })
	sort.Slice(errs, func(i, j int) bool { return errs[i].Error() < errs[j].Error() })
	if len(pairs) == 0 && len(errs) == 0 {
		errs = append(errs, peerErr(root, 0, "no brat documents (.txt and .ann files) in this folder"))
	}
	return pairs, errors.Join(errs...)
}

// bratSingle is the pair of one .ann or .txt file.
func bratSingle(fsys fs.FS, file string) ([]bratPair, error) {
	base := strings.TrimSuffix(file, path.Ext(file))
	p := bratPair{id: bratUnescape(path.Base(base)), txt: base + ".txt", ann: base + ".ann"}
	if _, err := fs.Stat(fsys, p.txt); err != nil {
		return nil, peerErr(p.ann, 0, "has no text file %s next to it", path.Base(p.txt))
	}
	if _, err := fs.Stat(fsys, p.ann); err != nil {
		p.ann = ""
	}
	return []bratPair{p}, nil
}

// bratWalk maps the base path (without extension) of every .txt and .ann
// file under root to its path.
func bratWalk(fsys fs.FS, root string) (txts, anns map[string]string, err error) {
	txts, anns = map[string]string{}, map[string]string{}
	err = fs.WalkDir(fsys, root, func(p string, de fs.DirEntry, err error) error {
		if err != nil {
			return peerErr(p, 0, "cannot read: %v", peerPlain(err))
		}
		if de.IsDir() && p != root && strings.HasPrefix(de.Name(), ".") {
			return fs.SkipDir
		}
		base := strings.TrimSuffix(p, path.Ext(p))
		switch strings.ToLower(path.Ext(p)) {
		case ".txt":
			txts[base] = p
		case ".ann":
			anns[base] = p
		}
		return nil
	})
	return txts, anns, err
}

func bratReadPair(fsys fs.FS, p bratPair, opt Options) (*annotate.Document, error) {
	b, err := fs.ReadFile(fsys, p.txt)
	if err != nil {
		return nil, peerErr(p.txt, 0, "cannot read: %v", peerPlain(err))
	}
	if len(b) > annotate.MaxFileSize {
		return nil, peerErr(p.txt, 0, "file is over the %d MB limit for one article", annotate.MaxFileSize>>20)
	}
	if _, err := annotate.Normalize(p.txt, b); err != nil {
		return nil, err
	}
	pt := newPeerText(string(b))
	d := &annotate.Document{ID: p.id, Text: pt.text, Title: annotate.TitleOf(pt.text)}
	if p.ann != "" {
		ab, err := fs.ReadFile(fsys, p.ann)
		if err != nil {
			return nil, peerErr(p.ann, 0, "cannot read: %v", peerPlain(err))
		}
		if err := bratParseAnn(p.ann, string(ab), pt, d, opt); err != nil {
			return nil, err
		}
	}
	if err := d.Validate(); err != nil {
		return nil, peerErr(p.txt, 0, "%v", err)
	}
	return d, nil
}

type bratLine struct {
	n    int
	text string
}

type bratReader struct {
	file    string
	pt      *peerText
	d       *annotate.Document
	opt     Options
	runes   *annotate.Runes // of d.Text
	ids     map[string]int  // brat id -> span index
	rels    map[string]bool
	noted   map[int]bool
	hasCond map[int]bool
}

func bratParseAnn(file, content string, pt *peerText, d *annotate.Document, opt Options) error {
	r := &bratReader{file: file, pt: pt, d: d, opt: opt, runes: annotate.NewRunes(d.Text),
		ids: map[string]int{}, rels: map[string]bool{}, noted: map[int]bool{}, hasCond: map[int]bool{}}
	content = strings.TrimPrefix(content, "\uFEFF")
	var later []bratLine
	sc := bufio.NewScanner(strings.NewReader(content))
	sc.Buffer(make([]byte, 0, 64<<10), annotate.MaxFileSize)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		if !utf8.ValidString(line) {
			return peerErr(file, n, "line is not valid UTF-8")
		}
		if line[0] == 'T' {
			if err := r.textBound(n, line); err != nil {
				return err
			}
			continue
		}
		later = append(later, bratLine{n, line})
	}
	if err := sc.Err(); err != nil {
		return peerErr(file, 0, "read error: %v", err)
	}
	for _, l := range later {
		if err := r.other(l.n, l.text); err != nil {
			return err
		}
	}
	for i := range d.Spans {
		if d.Spans[i].Label == annotate.Threat && !r.hasCond[i] {
			d.Spans[i].Attrs = peerSet(d.Spans[i].Attrs, annotate.AttrConditional, false)
		}
	}
	return nil
}

func (r *bratReader) errf(n int, format string, args ...any) error {
	return peerErr(r.file, n, format, args...)
}

func (r *bratReader) textBound(n int, line string) error {
	cols := strings.SplitN(line, "\t", 3)
	if len(cols) < 2 {
		return r.errf(n, "text-bound line has no tab after its id")
	}
	id := cols[0]
	if _, dup := r.ids[id]; dup {
		return r.errf(n, "id %s used twice", id)
	}
	typ, offs, ok := strings.Cut(cols[1], " ")
	if !ok || typ == "" {
		return r.errf(n, "%s: expected \"TYPE START END\", got %q", id, cols[1])
	}
	frags, err := bratParseFrags(offs)
	if err != nil {
		return r.errf(n, "%s: %v", id, err)
	}
	want, hasText := "", len(cols) == 3
	if hasText {
		want = cols[2]
	}
	cp, err := r.fragments(frags, want, hasText)
	if err != nil {
		return r.errf(n, "%s: %v", id, err)
	}
	s := annotate.Span{ID: id, Label: annotate.Label(typ), Start: cp[0][0], End: cp[len(cp)-1][1]}
	s.Text = r.runes.Slice(s.Start, s.End)
	if len(cp) > 1 && !r.joinable(cp) {
		b, _ := json.Marshal(bratFragString(cp))
		s.Extra = map[string]json.RawMessage{bratFragments: b}
	}
	r.ids[id] = len(r.d.Spans)
	r.d.Spans = append(r.d.Spans, s)
	return nil
}

// fragments converts the fragments to code points of the document text,
// checking the line's text against them (trying other offset units when
// the text shows the given one is wrong).
func (r *bratReader) fragments(frags [][2]int, want string, check bool) ([][2]int, error) {
	wants := strings.Split(want, " ")
	out := make([][2]int, len(frags))
	unit := r.opt.Offsets
	for i, f := range frags {
		var err error
		if !check {
			out[i][0], out[i][1], err = r.pt.span(f[0], f[1], unit)
		} else {
			out[i][0], out[i][1], unit, err = r.pt.matchSpan(f[0], f[1], unit, strings.Join(wants, " "), bratPrefixMatch(&wants))
		}
		if err != nil {
			return nil, err
		}
		if i > 0 && out[i][0] < out[i-1][1] {
			return nil, fmt.Errorf("fragments overlap or are out of order")
		}
	}
	if check && strings.Join(wants, "") != "" {
		return nil, fmt.Errorf("text %q is longer than the fragments", peerClip(want))
	}
	return out, nil
}

// bratPrefixMatch matches one fragment against the start of the line's
// text (fragments are joined by spaces there, and a fragment may itself
// hold spaces), consuming what it matched on success.
func bratPrefixMatch(rest *[]string) func(got, want string) bool {
	return func(got, _ string) bool {
		n := strings.Count(got, " ") + 1
		if n > len(*rest) {
			return false
		}
		if strings.Join((*rest)[:n], " ") != got {
			return false
		}
		*rest = (*rest)[n:]
		return true
	}
}

// joinable reports whether the gaps between fragments are only white
// space holding a line end: brat's split of one span across lines.
func (r *bratReader) joinable(cp [][2]int) bool {
	for i := 1; i < len(cp); i++ {
		gap := r.runes.Slice(cp[i-1][1], cp[i][0])
		if !strings.Contains(gap, "\n") || strings.TrimSpace(gap) != "" {
			return false
		}
	}
	return true
}

// bratOther is the handler of one kind of non-T line.
type bratOther func(r *bratReader, n int, id string, cols []string) error

var bratHandlers = map[byte]bratOther{
	'R': (*bratReader).relation,
	'A': (*bratReader).attribute,
	'M': (*bratReader).attribute,
	'#': (*bratReader).note,
	'E': (*bratReader).skip,
	'N': (*bratReader).skip,
	'*': (*bratReader).skip,
}

func (r *bratReader) other(n int, line string) error {
	h, ok := bratHandlers[line[0]]
	if !ok {
		return r.errf(n, "unknown annotation line %q (brat ids start with T, R, E, A, M, N, * or #)", peerClip(line))
	}
	cols := strings.Split(line, "\t")
	if len(cols) < 2 {
		if line[0] == '#' {
			return nil // a comment
		}
		return r.errf(n, "line has no tab after its id %q", peerClip(cols[0]))
	}
	return h(r, n, cols[0], cols)
}

// target finds the span of a T id. An id of another kind (an event, a
// relation) is not an error: ok is false and the line is kept as skipped.
func (r *bratReader) target(n int, id string) (i int, ok bool, err error) {
	if i, ok := r.ids[id]; ok {
		return i, true, nil
	}
	if strings.HasPrefix(id, "T") || id == "" {
		return 0, false, r.errf(n, "points at %s, which is not a text-bound annotation of this file", id)
	}
	return 0, false, nil
}

func (r *bratReader) relation(n int, id string, cols []string) error {
	if r.rels[id] {
		return r.errf(n, "id %s used twice", id)
	}
	f := strings.Fields(cols[1])
	if len(f) != 3 {
		return r.errf(n, "%s: expected \"TYPE Arg1:ID Arg2:ID\", got %q", id, cols[1])
	}
	var ends [2]string
	for i, a := range f[1:] {
		_, v, ok := strings.Cut(a, ":")
		if !ok {
			return r.errf(n, "%s: argument %q is not ROLE:ID", id, a)
		}
		j, ok, err := r.target(n, v)
		if err != nil || !ok {
			if err == nil {
				err = r.skip(n, id, cols)
			}
			return err
		}
		ends[i] = r.d.Spans[j].ID
	}
	r.rels[id] = true
	r.d.Relations = append(r.d.Relations, annotate.Relation{Label: f[0], From: ends[0], To: ends[1]})
	return nil
}

func (r *bratReader) attribute(n int, id string, cols []string) error {
	f := strings.Fields(cols[1])
	if len(f) < 2 || len(f) > 3 {
		return r.errf(n, "%s: expected \"NAME ID [VALUE]\", got %q", id, cols[1])
	}
	i, ok, err := r.target(n, f[1])
	if err != nil || !ok {
		if err == nil {
			err = r.skip(n, id, cols)
		}
		return err
	}
	var v any = true
	if len(f) == 3 {
		v = f[2]
		if f[0] == annotate.AttrConditional {
			if b, err := strconv.ParseBool(f[2]); err == nil {
				v = b
			}
		}
	}
	if f[0] == annotate.AttrConditional {
		r.hasCond[i] = true
	}
	r.d.Spans[i].Attrs = peerSet(r.d.Spans[i].Attrs, f[0], v)
	return nil
}

func (r *bratReader) note(n int, id string, cols []string) error {
	f := strings.Fields(cols[1])
	if len(f) != 2 || f[0] != bratNotes {
		return nil // a comment of another kind
	}
	i, ok, err := r.target(n, f[1])
	if err != nil || !ok {
		if err == nil {
			err = r.skip(n, id, cols)
		}
		return err
	}
	text := ""
	if len(cols) > 2 {
		text = strings.Join(cols[2:], "\t")
	}
	s := &r.d.Spans[i]
	if r.noted[i] {
		prev := s.AttrString(bratNote)
		s.Attrs = peerSet(s.Attrs, bratNote, strings.TrimPrefix(prev+"\n"+text, "\n"))
		return nil
	}
	r.noted[i] = true
	fields, ok := bratParseNote(text)
	if !ok {
		s.Attrs = peerSet(s.Attrs, bratNote, text)
		return nil
	}
	if err := bratApplyNote(s, fields); err != nil {
		return r.errf(n, "%s: %v", id, err)
	}
	for _, f := range fields {
		if !f.prov && f.key == annotate.AttrConditional {
			r.hasCond[i] = true
		}
	}
	return nil
}

func (r *bratReader) skip(n int, _ string, cols []string) error {
	list, _ := r.d.Meta[bratSkipped].([]any)
	r.d.Meta = peerSet(r.d.Meta, bratSkipped, append(list, strings.Join(cols, "\t")))
	return nil
}

// bratNoteValue is one parsed note field: an attribute or, when prov,
// a provenance field; its value a string, or JSON when json.
type bratNoteValue struct {
	key  string
	prov bool
	s    string
	json bool
}

// bratParseNote reads "key=value; key:=json; …"; ok is false when the
// note is not in that form.
func bratParseNote(note string) ([]bratNoteValue, bool) {
	var out []bratNoteValue
	seen := map[string]bool{}
	for i, field := range bratSplitNote(note) {
		if i > 0 {
			if !strings.HasPrefix(field, " ") {
				return nil, false
			}
			field = field[1:]
		}
		v, ok := bratSplitField(field)
		id := fmt.Sprint(v.prov, v.key)
		if !ok || seen[id] {
			return nil, false
		}
		seen[id] = true
		out = append(out, v)
	}
	return out, len(out) > 0
}

// bratSplitNote splits at unescaped ";".
func bratSplitNote(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case ';':
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// bratSplitField splits "key=value" or "key:=value" at the first unescaped
// "="; a key starting with an unescaped "@" is a provenance field.
func bratSplitField(f string) (bratNoteValue, bool) {
	escaped := -1 // index of the last character escaped by a backslash
	for i := 0; i < len(f); i++ {
		switch f[i] {
		case '\\':
			i++
			escaped = i
		case '=':
			var v bratNoteValue
			k := f[:i]
			if i > 0 && f[i-1] == ':' && escaped != i-1 {
				k, v.json = k[:len(k)-1], true
			}
			if strings.HasPrefix(k, "@") {
				k, v.prov = k[1:], true
			}
			var ok1, ok2 bool
			v.key, ok1 = bratUnescapeNote(k)
			v.s, ok2 = bratUnescapeNote(f[i+1:])
			return v, ok1 && ok2 && v.key != ""
		}
	}
	return bratNoteValue{}, false
}

func bratUnescapeNote(s string) (string, bool) {
	if !strings.Contains(s, `\`) {
		return s, true
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			b.WriteByte(s[i])
			continue
		}
		if i+1 == len(s) {
			return "", false
		}
		i++
		switch s[i] {
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String(), true
}

// bratProv are the provenance fields of a note.
var bratProv = map[string]func(s *annotate.Span, v string, val any) error{
	"source":    func(s *annotate.Span, v string, _ any) error { s.Source = v; return nil },
	"annotator": func(s *annotate.Span, v string, _ any) error { s.Annotator = v; return nil },
	"score": func(s *annotate.Span, v string, val any) error {
		f, ok := val.(float64)
		if !ok {
			return fmt.Errorf("note field @score: %q is not a number", v)
		}
		s.Score = &f
		return nil
	},
}

func bratApplyNote(s *annotate.Span, fields []bratNoteValue) error {
	for _, v := range fields {
		var val any = v.s
		if v.json {
			if err := json.Unmarshal([]byte(v.s), &val); err != nil {
				return fmt.Errorf("note field %s: %q is not JSON", v.key, v.s)
			}
		}
		if !v.prov {
			s.Attrs = peerSet(s.Attrs, v.key, val)
			continue
		}
		set, ok := bratProv[v.key]
		if !ok {
			return fmt.Errorf("note field @%s is not a provenance field (@source, @annotator, @score)", v.key)
		}
		if err := set(s, v.s, val); err != nil {
			return err
		}
	}
	return nil
}
