package format

// Importing brat standoff (the format is described in brat.go).

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sayso/sayso/annotate"
)

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
