package classroom

import (
	"cmp"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/sayso/sayso/annotate"
)

// keyDoc is a key document prepared for comparison.
type keyDoc struct {
	doc      *annotate.Document
	text     []rune
	spans    []annotate.Span   // usable spans (not pending suggestions, bounds inside the text)
	speakers map[string]string // quote span id -> speaker entity
	kinds    map[string]*keyKind
}

// keyKind is a key document's spans of one kind, with their bounds and
// views, made once and shared by every student's report.
type keyKind struct {
	spans  []annotate.Span
	bounds [][2]int
	views  []*SpanView
}

// Compare compares each student's work with the key, with default
// options (suggestions not allowed, DefaultContext).
func Compare(key []*annotate.Document, work []Submission) *Report {
	return CompareWith(key, work, Options{})
}

// CompareWith compares each student's work with the key. It never fails:
// files that cannot be graded are listed in Report.Problems, odd input in
// the notes. The result depends only on its arguments.
func CompareWith(key []*annotate.Document, work []Submission, opts Options) *Report {
	if opts.Context <= 0 {
		opts.Context = DefaultContext
	}
	keys, byHash, notes := prepareKey(key, opts.Context)
	r := &Report{
		Title:              opts.Title,
		SuggestionsAllowed: opts.SuggestionsAllowed,
		Kinds:              slices.Clone(annotate.EvalKinds),
		Notes:              notes,
	}
	for _, k := range keys {
		r.Key = append(r.Key, DocRef{ID: k.doc.ID, Title: k.doc.Title})
	}
	for _, sub := range work {
		if msg := problemOf(sub, byHash); msg != "" {
			r.Problems = append(r.Problems, Problem{Student: strings.TrimSpace(sub.Student), File: sub.File, Message: msg})
			continue
		}
		r.Students = append(r.Students, compareStudent(keys, byHash, sub, opts))
	}
	slices.SortStableFunc(r.Students, func(a, b StudentResult) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.Student), strings.ToLower(b.Student)),
			cmp.Compare(a.Student, b.Student), cmp.Compare(a.File, b.File))
	})
	slices.SortStableFunc(r.Problems, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Student, b.Student))
	})
	r.Class = summarize(r, keys)
	return r
}

// prepareKey indexes the key by content hash. A second key document with
// the same text is left out with a note.
func prepareKey(key []*annotate.Document, ctx int) ([]*keyDoc, map[string]*keyDoc, []string) {
	var keys []*keyDoc
	var notes []string
	byHash := map[string]*keyDoc{}
	for _, d := range key {
		if d == nil {
			continue
		}
		h := annotate.ContentHash(d.Text)
		if first, dup := byHash[h]; dup {
			notes = append(notes, fmt.Sprintf("key document %q has the same text as %q; it is left out", d.ID, first.doc.ID))
			continue
		}
		text := []rune(d.Text)
		spans, bad := usableSpans(d, text)
		for _, b := range bad {
			notes = append(notes, fmt.Sprintf("key document %q: %s", d.ID, b))
		}
		k := &keyDoc{doc: d, text: text, spans: spans, speakers: map[string]string{}, kinds: map[string]*keyKind{}}
		v := viewer{text: text, ctx: ctx}
		for _, kind := range annotate.EvalKinds {
			kk := &keyKind{}
			kk.spans, kk.bounds = ofKind(spans, kind)
			for _, s := range kk.spans {
				kk.views = append(kk.views, v.view(s, false))
			}
			k.kinds[kind] = kk
		}
		for _, s := range spans {
			if s.Label == annotate.Quote {
				if e := speakerOf(d, spans, s); e != "" {
					k.speakers[s.ID] = e
				}
			}
		}
		byHash[h] = k
		keys = append(keys, k)
	}
	return keys, byHash, notes
}

// usableSpans returns the spans that take part in the comparison: pending
// suggestions are nobody's answer and spans outside the text cannot be
// shown; the latter are reported.
func usableSpans(d *annotate.Document, text []rune) ([]annotate.Span, []string) {
	var out []annotate.Span
	var bad []string
	for _, s := range d.Spans {
		if s.Source == annotate.SourceSuggested {
			continue
		}
		if s.Start < 0 || s.End > len(text) || s.Start >= s.End {
			bad = append(bad, fmt.Sprintf("span %q has bounds %d–%d outside the text of %d characters; it is left out", s.ID, s.Start, s.End, len(text)))
			continue
		}
		out = append(out, s)
	}
	return out, bad
}

// speakerOf returns the entity of the speaker a quote is attributed to
// (the target's entity, else its text), else the quote's speaker
// attribute, as the project's scorer reads it.
func speakerOf(d *annotate.Document, spans []annotate.Span, q annotate.Span) string {
	for _, r := range d.Relations {
		if r.From != q.ID || r.Label != annotate.AttributedTo {
			continue
		}
		for i := len(spans) - 1; i >= 0; i-- { // the last span with the id wins, as in the scorer
			if spans[i].ID == r.To {
				if e := spans[i].AttrString(annotate.AttrEntity); e != "" {
					return e
				}
				return spans[i].Text
			}
		}
	}
	return q.AttrString("speaker")
}

// problemOf returns why a submission cannot be graded, or "".
func problemOf(sub Submission, byHash map[string]*keyDoc) string {
	if sub.Err != nil {
		return sub.Err.Error()
	}
	n := 0
	for _, d := range sub.Docs {
		if d == nil {
			continue
		}
		n++
		if byHash[annotate.ContentHash(d.Text)] != nil {
			return ""
		}
	}
	if n == 0 {
		return "" // no work at all: graded, everything missed
	}
	return fmt.Sprintf("none of its %d documents is in the answer key: is it the work for another assignment?", n)
}

// studentName is the submission's name, else its file name without
// extension.
func studentName(sub Submission) string {
	if n := strings.TrimSpace(sub.Student); n != "" {
		return n
	}
	base := filepath.Base(sub.File)
	if n := strings.TrimSuffix(base, filepath.Ext(base)); n != "" && n != "." {
		return n
	}
	return "(unnamed)"
}

// isFromSuggestion reports whether a student took the span from a
// suggestion.
func isFromSuggestion(s annotate.Span) bool {
	return s.Source == annotate.SourceAccepted || s.Source == annotate.SourceEdited
}

// compareStudent compares one submission with the whole key.
func compareStudent(keys []*keyDoc, byHash map[string]*keyDoc, sub Submission, opts Options) StudentResult {
	res := StudentResult{Student: studentName(sub), File: sub.File, Notes: slices.Clone(sub.Warnings)}
	mine := map[*keyDoc]*annotate.Document{}
	n := 0
	for _, d := range sub.Docs {
		if d == nil {
			continue
		}
		n++
		k := byHash[annotate.ContentHash(d.Text)]
		switch {
		case k == nil:
			res.Ignored = append(res.Ignored, DocRef{ID: d.ID, Title: d.Title})
		case mine[k] != nil:
			res.Notes = append(res.Notes, fmt.Sprintf("document %q is handed in twice; the first copy is graded", k.doc.ID))
		default:
			mine[k] = d
		}
	}
	if n == 0 {
		res.Notes = append(res.Notes, "no work handed in")
	}
	if len(res.Ignored) > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("%d document(s) not in the answer key were ignored", len(res.Ignored)))
	}
	totals := newTally()
	for _, k := range keys {
		dr := compareDoc(k, mine[k], opts.Context, &res)
		if dr.State != Labelled {
			res.Unlabelled = append(res.Unlabelled, DocRef{ID: k.doc.ID, Title: k.doc.Title})
		}
		totals.addItems(dr.Items)
		res.Docs = append(res.Docs, dr)
	}
	res.Kinds = totals.kinds()
	res.Overall = totals.overall()
	res.Mark = markOf(res.Overall)
	if !opts.SuggestionsAllowed && res.FromSuggestions > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("%d label(s) taken from suggestions, which this assignment did not allow", res.FromSuggestions))
	}
	return res
}

// compareDoc compares a student's copy of a key document (nil when the
// student did not hand it in) and adds its counts to res.
func compareDoc(k *keyDoc, sd *annotate.Document, ctx int, res *StudentResult) DocResult {
	dr := DocResult{DocID: k.doc.ID, Title: k.doc.Title, State: Absent}
	var spans []annotate.Span
	if sd != nil {
		dr.StudentDocID = sd.ID
		var bad []string
		spans, bad = usableSpans(sd, k.text)
		for _, b := range bad {
			res.Notes = append(res.Notes, fmt.Sprintf("document %q: %s", k.doc.ID, b))
		}
		dr.State = Empty
		if len(spans) > 0 {
			dr.State = Labelled
		}
	}
	for _, s := range spans {
		if !slices.Contains(annotate.EvalKinds, annotate.EvalKind(s)) {
			continue // a label the key is not compared on
		}
		res.Labels++
		if isFromSuggestion(s) {
			res.FromSuggestions++
		}
	}
	v := viewer{text: k.text, ctx: ctx}
	for _, kind := range annotate.EvalKinds {
		dr.Items = append(dr.Items, matchKind(k, sd, spans, kind, v)...)
	}
	addHints(dr.Items, k.text)
	sortItems(dr.Items)
	for _, it := range dr.Items {
		if it.Speaker != nil {
			res.Speaker.Checked++
			if it.Speaker.Same {
				res.Speaker.Same++
			}
		}
	}
	t := newTally()
	t.addItems(dr.Items)
	dr.Kinds = t.kinds()
	return dr
}

// matchKind pairs the key's and the student's spans of one kind with
// annotate.MatchSpans and returns the found, missed and extra items.
func matchKind(k *keyDoc, sd *annotate.Document, spans []annotate.Span, kind string, v viewer) []Item {
	kk := k.kinds[kind]
	pred, pb := ofKind(spans, kind)
	m := annotate.MatchSpans(kk.bounds, pb, k.text)
	used := make([]bool, len(pred))
	var items []Item
	for gi, g := range kk.spans {
		it := Item{Kind: kind, Status: Missed, Key: kk.views[gi]}
		if pi, ok := m[gi]; ok {
			used[pi] = true
			it.Status = Found
			it.Student = v.view(pred[pi], true)
			it.Speaker = checkSpeaker(k, sd, spans, g, pred[pi])
		}
		items = append(items, it)
	}
	for pi, p := range pred {
		if !used[pi] {
			items = append(items, Item{Kind: kind, Status: Extra, Student: v.view(p, true)})
		}
	}
	return items
}

// ofKind returns the spans of one kind and their bounds.
func ofKind(spans []annotate.Span, kind string) ([]annotate.Span, [][2]int) {
	var out []annotate.Span
	var b [][2]int
	for _, s := range spans {
		if annotate.EvalKind(s) == kind {
			out = append(out, s)
			b = append(b, [2]int{s.Start, s.End})
		}
	}
	return out, b
}

// checkSpeaker compares the speakers of a found quote; nil when the key's
// quote has none or the span is not a quote.
func checkSpeaker(k *keyDoc, sd *annotate.Document, spans []annotate.Span, g, p annotate.Span) *SpeakerCheck {
	want, ok := k.speakers[g.ID]
	if !ok || g.Label != annotate.Quote {
		return nil
	}
	got := speakerOf(sd, spans, p)
	return &SpeakerCheck{Key: want, Student: got, Same: annotate.SameEntity(got, want)}
}

// sortItems puts items in text order: by start, longer first, then kind
// and status.
func sortItems(items []Item) {
	rank := map[Status]int{Found: 0, Missed: 1, Extra: 2}
	slices.SortStableFunc(items, func(a, b Item) int {
		as, ae := a.bounds()
		bs, be := b.bounds()
		return cmp.Or(cmp.Compare(as, bs), cmp.Compare(be, ae), cmp.Compare(a.Kind, b.Kind), cmp.Compare(rank[a.Status], rank[b.Status]))
	})
}

// bounds returns the key span's bounds, else the student's.
func (it Item) bounds() (int, int) {
	if it.Key != nil {
		return it.Key.Start, it.Key.End
	}
	return it.Student.Start, it.Student.End
}

// SameBounds reports whether a found item's student span has exactly the
// key's bounds.
func (it Item) SameBounds() bool {
	return it.Key != nil && it.Student != nil && it.Key.Start == it.Student.Start && it.Key.End == it.Student.End
}

// WrongSpeaker reports whether a found quote is linked to another speaker
// than the key's (or to none).
func (it Item) WrongSpeaker() bool { return it.Speaker != nil && !it.Speaker.Same }
