package app

import (
	"fmt"
	"io/fs"
	"sort"
	"strconv"

	"fyne.io/fyne/v2"

	"github.com/sayso/sayso/annotate"
	engine "github.com/sayso/sayso/annotate/suggest"
	"github.com/sayso/sayso/assets"
	"github.com/sayso/sayso/store"
)

// Suggestions in the app. When a document opens, the engine
// (engine.Suggest) runs in the background with the project's lexicon;
// its result is shown as an overlay on the view, minus what the user
// already labelled and what they rejected. Accepting a suggestion turns it
// into a span (source "accepted", or "edited" when the user changed its
// bounds, label or kind) in one undoable edit; rejecting one stores a
// rejection so it is never offered again for that text. The project's
// lexicon is the bundled one plus what the hand-made labels of the
// project teach (engine.Learn), rebuilt in the background after edits.
//
// Accepted spans keep the suggestion's score but not its reason: the
// reason explains a proposal, and once the user has decided the span is
// theirs. The provenance stays in the source field.

// settingShowSuggestions is the project setting for View ▸ Show
// Suggestions ("off" hides them).
const settingShowSuggestions = "ui.show_suggestions"

// settingAcceptThreshold is the last score used by Accept All Above.
const settingAcceptThreshold = "ui.accept_threshold"

// suggestState is the suggestion state of the open document and the
// project's learning.
type suggestState struct {
	gen     int  // bumped when the open document changes
	ready   bool // raw holds the suggestions of the open document
	raw     []annotate.Span
	rawRels []annotate.Relation
	rawByID map[string]int

	rejected  []store.Rejection
	shown     []annotate.Span
	shownRels []annotate.Relation
	// matched maps a hidden suggestion to the span that stands for it (a
	// span the user already has there), so links can still be made.
	matched map[string]string
	hidden  bool // View ▸ Show Suggestions is off

	// learning, per project
	proj       int
	base       *engine.Lexicon // the bundled lexicon, read-only
	lex        *engine.Lexicon // base + learned, replaced, never changed
	learned    engine.Learned
	perDoc     map[int64]engine.Learned
	building   bool // buildProjectLexicon runs
	rebuilding bool
	again      bool

	// history of this document's actions in this session, so that undo
	// and redo take rejections back too: an entry is a store edit
	// (edit), rejections, or both (an edited accept rejects the original).
	done, undone []histEntry
}

type histEntry struct {
	edit    bool
	rejects []store.Rejection
}

// runBackground runs work off the UI goroutine, then done on it.
func (u *UI) runBackground(work, done func()) {
	if u.opts.Background != nil {
		u.opts.Background(work, done)
		return
	}
	go func() {
		work()
		fyne.Do(done)
	}()
}

func (u *UI) lexiconFS() fs.FS {
	if u.opts.Lexicon != nil {
		return u.opts.Lexicon
	}
	return assets.LexiconFS()
}

// resetSuggestions forgets the project's learning, for a newly opened
// project.
func (u *UI) resetSuggestions() {
	base := u.sug.base
	u.sug = suggestState{proj: u.sug.proj + 1, gen: u.sug.gen + 1, base: base}
	if u.st != nil {
		v, _ := u.st.Setting(settingShowSuggestions)
		u.sug.hidden = v == "off"
	}
	if u.showSugItem != nil {
		u.showSugItem.Checked = !u.sug.hidden
	}
}

// suggestResult is what the background work hands back.
type suggestResult struct {
	base    *engine.Lexicon // loaded here when the app had none yet
	spans   []annotate.Span
	rels    []annotate.Relation
	rejects []store.Rejection
	err     error
}

// startSuggestions computes the open document's suggestions in the
// background, with the project's lexicon (the bundled one until the
// project has been read); the result is dropped if the user opened
// another document (or project) meanwhile.
func (u *UI) startSuggestions() {
	if u.doc == nil || u.st == nil || u.suggestionsForbidden() {
		return
	}
	if u.sug.lex == nil && !u.sug.building {
		u.buildProjectLexicon()
	}
	u.sug.gen++
	gen, proj, id, text := u.sug.gen, u.sug.proj, u.docID, u.doc.Text
	st, base, lex, learned := u.st, u.sug.base, u.sug.lex, u.sug.learned
	fsys, suggest := u.lexiconFS(), u.opts.suggest
	if suggest == nil {
		suggest = engine.Suggest
	}
	var res suggestResult
	u.runBackground(func() {
		res = computeSuggestions(st, fsys, suggest, id, text, base, lex, learned)
	}, func() {
		u.suggestionsDone(gen, proj, id, res)
	})
}

// computeSuggestions runs off the UI goroutine: the engine over text with
// lex (or base, loading it if need be), the learnt names, the document's
// rejections.
func computeSuggestions(st *store.Store, fsys fs.FS, suggest func(string, engine.Options) engine.Suggestions,
	id int64, text string, base, lex *engine.Lexicon, learned engine.Learned) suggestResult {
	var res suggestResult
	if lex == nil {
		if base == nil {
			if base, res.err = engine.LoadLexicon(fsys); res.err != nil {
				return res
			}
			res.base = base
		}
		lex = base
	}
	s := suggest(text, engine.Options{Lexicon: lex})
	learned.ResolveSpeakers(&s)
	res.spans, res.rels = stableIDs(s)
	res.rejects, res.err = st.Rejections(id)
	return res
}

// buildProjectLexicon reads what the project's hand-made labels teach and
// builds its lexicon, in the background; then the open document's
// suggestions are computed again when the project taught anything.
func (u *UI) buildProjectLexicon() {
	u.sug.building = true
	proj, st, base, fsys := u.sug.proj, u.st, u.sug.base, u.lexiconFS()
	var (
		lex    *engine.Lexicon
		all    engine.Learned
		perDoc = map[int64]engine.Learned{}
		err    error
	)
	u.runBackground(func() {
		if base == nil {
			if base, err = engine.LoadLexicon(fsys); err != nil {
				return
			}
		}
		err = st.EachHandLabeledDocument(func(docID int64, d *annotate.Document) error {
			if l := engine.Learn(base, d); !l.Empty() {
				perDoc[docID] = l
				all.Add(l)
			}
			return nil
		})
		if err != nil {
			return
		}
		if lex, err = engine.LoadLexicon(fsys); err == nil {
			all.Apply(lex)
		}
	}, func() {
		if proj != u.sug.proj {
			return // another project
		}
		u.sug.building = false
		if err != nil {
			fyne.LogError("sayso: learning from the project", err)
			return
		}
		if u.sug.base == nil {
			u.sug.base = base
		}
		u.sug.lex, u.sug.learned, u.sug.perDoc = lex, all, perDoc
		u.relearn() // edits made while the project was read
		if !all.Empty() && !u.sug.rebuilding {
			u.startSuggestions()
		}
	})
}

// suggestionsDone takes the background result on the UI goroutine.
func (u *UI) suggestionsDone(gen, proj int, id int64, res suggestResult) {
	if proj != u.sug.proj {
		return // another project
	}
	if res.base != nil && u.sug.base == nil {
		u.sug.base = res.base
	}
	if gen != u.sug.gen || id != u.docID || u.doc == nil {
		return // another document
	}
	if res.err != nil {
		fyne.LogError("sayso: suggestions", res.err)
	}
	u.sug.raw, u.sug.rawRels, u.sug.rejected, u.sug.ready = res.spans, res.rels, res.rejects, true
	u.sug.rawByID = make(map[string]int, len(res.spans))
	for i, s := range res.spans {
		u.sug.rawByID[s.ID] = i
	}
	u.refreshSuggestions()
	if f, ok := u.view.FocusedSuggestion(); ok {
		u.panel.showSuggestion(f)
	} else if u.selectedSpan() == nil {
		u.panel.show(nil)
	}
	u.docMessage()
}

// stableIDs renames suggestions after what they are (label, kind,
// offsets), so the same suggestion keeps its id when the engine runs
// again with a richer lexicon.
func stableIDs(s engine.Suggestions) ([]annotate.Span, []annotate.Relation) {
	ren := make(map[string]string, len(s.Spans))
	spans := make([]annotate.Span, len(s.Spans))
	used := map[string]bool{}
	for i, sp := range s.Spans {
		kind := ""
		if sp.Label == annotate.Quote {
			kind = sp.QuoteKind()
		}
		id := fmt.Sprintf("%s:%s:%d:%d", sp.Label, kind, sp.Start, sp.End)
		for n := 2; used[id]; n++ {
			id = fmt.Sprintf("%s:%s:%d:%d#%d", sp.Label, kind, sp.Start, sp.End, n)
		}
		used[id] = true
		ren[sp.ID] = id
		sp.ID = id
		spans[i] = sp
	}
	rels := make([]annotate.Relation, 0, len(s.Relations))
	for _, r := range s.Relations {
		if f, ok := ren[r.From]; ok {
			if t, ok := ren[r.To]; ok {
				r.From, r.To = f, t
				rels = append(rels, r)
			}
		}
	}
	return spans, rels
}

// sameSpan reports whether span x stands for suggestion s: the same label
// and bounds that overlap by half their union or more (a QUOTE of the
// other kind only at nearly the same bounds); any overlap for SPEAKER.
func sameSpan(s, x annotate.Span) bool {
	if s.Label != x.Label {
		return false
	}
	inter := min(s.End, x.End) - max(s.Start, x.Start)
	if inter <= 0 {
		return false
	}
	if s.Label == annotate.Speaker {
		return true
	}
	iou := float64(inter) / float64(max(s.End, x.End)-min(s.Start, x.Start))
	if s.Label == annotate.Quote && s.QuoteKind() != x.QuoteKind() {
		return iou >= 0.9
	}
	return iou >= 0.5
}

// isRejected reports whether a rejection covers suggestion s: the same
// label and kind at (nearly) the same bounds, so a suggestion that moves
// by a character when the engine improves stays rejected.
func isRejected(s annotate.Span, rejected []store.Rejection) bool {
	r := store.RejectionOf(s)
	for _, x := range rejected {
		if x.Label != r.Label || x.Kind != r.Kind {
			continue
		}
		inter := min(r.End, x.End) - max(r.Start, x.Start)
		if inter > 0 && float64(inter)/float64(max(r.End, x.End)-min(r.Start, x.Start)) >= 0.8 {
			return true
		}
	}
	return false
}

// visibleSuggestions returns the suggestions to show: not rejected, not
// already labelled (those are matched to the span standing for them), and
// speakers only while a quote or threat they are suggested for is shown
// or labelled. byID indexes raw by id.
func visibleSuggestions(raw []annotate.Span, rels []annotate.Relation, byID map[string]int, spans []annotate.Span, rejected []store.Rejection) (shown []annotate.Span, shownRels []annotate.Relation, matched map[string]string) {
	matched = map[string]string{}
	idx := newSpanIndex(spans)
	keep := make([]bool, len(raw))
	for i, s := range raw {
		if len(rejected) > 0 && isRejected(s, rejected) {
			continue
		}
		if found := idx.standIn(s); found != "" {
			matched[s.ID] = found
			continue
		}
		keep[i] = true
	}
	// a speaker is suggested for the quotes and threats pointing at it
	pointed, alive := make([]bool, len(raw)), make([]bool, len(raw))
	for _, r := range rels {
		f, okf := byID[r.From]
		t, okt := byID[r.To]
		if !okf || !okt {
			continue
		}
		pointed[t] = true
		if keep[f] || matched[r.From] != "" {
			alive[t] = true
		}
	}
	shown = make([]annotate.Span, 0, len(raw))
	for i, s := range raw {
		if !keep[i] {
			continue
		}
		if s.Label == annotate.Speaker && pointed[i] && !alive[i] {
			keep[i] = false
			continue
		}
		shown = append(shown, s)
	}
	for _, r := range rels {
		if f, ok := byID[r.From]; ok && keep[f] {
			if t, ok := byID[r.To]; ok && keep[t] {
				shownRels = append(shownRels, r)
			}
		}
	}
	return shown, shownRels, matched
}

// spanIndex finds the spans that overlap a suggestion without looking at
// every span: per label, sorted by start, with the longest length.
type spanIndex struct {
	byLabel map[annotate.Label][]annotate.Span
	longest map[annotate.Label]int
}

func newSpanIndex(spans []annotate.Span) spanIndex {
	x := spanIndex{byLabel: map[annotate.Label][]annotate.Span{}, longest: map[annotate.Label]int{}}
	for _, s := range spans {
		x.byLabel[s.Label] = append(x.byLabel[s.Label], s)
		x.longest[s.Label] = max(x.longest[s.Label], s.End-s.Start)
	}
	for _, l := range x.byLabel {
		sort.SliceStable(l, func(i, j int) bool { return l[i].Start < l[j].Start })
	}
	return x
}

// standIn returns the id of the span that stands for suggestion s
// (sameSpan; one at the same bounds first), "" when none.
func (x spanIndex) standIn(s annotate.Span) string {
	list := x.byLabel[s.Label]
	from := s.Start - x.longest[s.Label]
	i := sort.Search(len(list), func(i int) bool { return list[i].Start >= from })
	found := ""
	for ; i < len(list) && list[i].Start < s.End; i++ {
		if sameSpan(s, list[i]) {
			if list[i].Start == s.Start && list[i].End == s.End {
				return list[i].ID
			}
			if found == "" {
				found = list[i].ID
			}
		}
	}
	return found
}

// refreshSuggestions recomputes what the overlay shows after the
// document, the rejections or the visibility changed.
func (u *UI) refreshSuggestions() {
	if u.doc == nil || !u.sug.ready {
		u.sug.shown, u.sug.shownRels, u.sug.matched = nil, nil, nil
		u.view.SetSuggestions(nil, nil)
		return
	}
	u.sug.shown, u.sug.shownRels, u.sug.matched = visibleSuggestions(u.sug.raw, u.sug.rawRels, u.sug.rawByID, u.doc.Spans, u.sug.rejected)
	if u.sug.hidden {
		u.view.SetSuggestions(nil, nil)
		return
	}
	u.view.SetSuggestions(u.sug.shown, u.sug.shownRels)
}

// Suggestions returns the suggestions shown for the open document.
func (u *UI) Suggestions() []annotate.Span {
	return u.view.Suggestions()
}

// rawSuggestion returns the suggestion with id as the engine made it.
func (u *UI) rawSuggestion(id string) (annotate.Span, bool) {
	if i, ok := u.sug.rawByID[id]; ok {
		return u.sug.raw[i], true
	}
	return annotate.Span{}, false
}

// onFocusSuggestion shows the focused suggestion in the panel.
func (u *UI) onFocusSuggestion(id string) {
	if s, ok := u.view.FocusedSuggestion(); ok && id != "" {
		u.panel.showSuggestion(s)
		u.setMessage(fmt.Sprintf("suggested %s %q · A accept · X reject · J/K next/previous", labelName(s), clipText(s.Text, 50)))
		return
	}
	u.panel.show(u.selectedSpan())
}

// acceptItem is a suggestion to accept (orig, as the engine made it) and
// the span the user wants (final: bounds, label and kind possibly
// changed).
type acceptItem struct {
	orig, final annotate.Span
}

// onAcceptSuggestion accepts one suggestion from the view.
func (u *UI) onAcceptSuggestion(id string, s annotate.Span) {
	orig, ok := u.rawSuggestion(id)
	if !ok {
		return
	}
	u.acceptMany([]acceptItem{{orig, s}}, "")
}

// acceptMany adds the accepted suggestions as spans, and the suggested
// links between them and the spans standing for suggestions, as one
// undoable edit. Suggestions accepted with other bounds, label or kind
// are stored as rejected in their suggested form, so they do not come
// back.
func (u *UI) acceptMany(items []acceptItem, note string) bool {
	if u.doc == nil || len(items) == 0 {
		return false
	}
	used := make(map[string]bool, len(u.doc.Spans)+len(items))
	for _, s := range u.doc.Spans {
		used[s.ID] = true
	}
	idFor := map[string]string{} // suggestion id -> span id
	for sid, spanID := range u.sug.matched {
		idFor[sid] = spanID
	}
	added := map[string]annotate.Span{} // new span id -> span
	var steps []annotate.Edit
	var rejects []store.Rejection
	text, annotator := []rune(u.doc.Text), u.annotator()
	for _, it := range items {
		sp := acceptedSpan(it.orig, it.final, annotator, text)
		sp.ID = freeSpanID(sp.Label, used)
		used[sp.ID] = true
		if sp.Source == annotate.SourceEdited {
			rejects = append(rejects, store.RejectionOf(it.orig))
		}
		idFor[it.orig.ID] = sp.ID
		added[sp.ID] = sp
		steps = append(steps, annotate.AddSpan(sp))
	}
	// the suggested links, where both ends are now spans and one is new
	spanOf := func(id string) (annotate.Span, bool) {
		if s, ok := added[id]; ok {
			return s, true
		}
		if i := u.doc.SpanByID(id); i >= 0 {
			return u.doc.Spans[i], true
		}
		return annotate.Span{}, false
	}
	linked := map[string]bool{} // span id + link label already leaving it
	for _, r := range u.doc.Relations {
		linked[r.From+"\x00"+r.Label] = true
	}
	for _, r := range u.sug.rawRels {
		from, okf := idFor[r.From]
		to, okt := idFor[r.To]
		if !okf || !okt {
			continue
		}
		_, newFrom := added[from]
		_, newTo := added[to]
		if !newFrom && !newTo {
			continue
		}
		f, _ := spanOf(from)
		t, _ := spanOf(to)
		label := annotate.LinkLabel(f.Label)
		if label == "" || t.Label != annotate.Speaker || linked[from+"\x00"+label] {
			continue
		}
		linked[from+"\x00"+label] = true
		steps = append(steps, annotate.Edit{Kind: annotate.EditAddRelation, Relation: &annotate.Relation{Label: label, From: from, To: to}, Note: "link"})
		if !newFrom {
			if upd, ok := u.issuerFrom(f, t); ok {
				steps = append(steps, upd)
			}
		}
	}
	e := steps[0]
	if len(steps) > 1 {
		e = annotate.Edit{Kind: annotate.EditBatch, Steps: steps}
	}
	if note == "" {
		s := added[idFor[items[0].orig.ID]]
		verb := "accepted"
		if s.Source == annotate.SourceEdited {
			verb = "accepted (edited)"
		}
		note = fmt.Sprintf("%s %s %q", verb, labelName(s), clipText(s.Text, 40))
		if n := len(steps) - 1; n > 0 {
			note += " with its link"
		}
	}
	e.Note = note
	if !u.apply(e) {
		return false
	}
	if len(rejects) > 0 {
		if err := u.st.Reject(u.docID, rejects...); err != nil {
			u.showError(err)
		} else {
			u.sug.done[len(u.sug.done)-1].rejects = rejects
			u.sug.rejected = append(u.sug.rejected, rejects...)
			u.refreshSuggestions()
		}
	}
	if f, ok := u.view.FocusedSuggestion(); ok {
		u.panel.showSuggestion(f)
	}
	return true
}

// acceptedSpan is the span an accepted suggestion becomes: source
// "accepted", or "edited" when the user changed its bounds, label or
// kind; the score is kept, the reason dropped; the attributes fit the
// label.
func acceptedSpan(orig, final annotate.Span, annotator string, text []rune) annotate.Span {
	sp := final.Clone()
	sp.Source = annotate.SourceAccepted
	if sp.Start != orig.Start || sp.End != orig.End || sp.Label != orig.Label ||
		(sp.Label == annotate.Quote && sp.QuoteKind() != orig.QuoteKind()) {
		sp.Source = annotate.SourceEdited
	}
	sp.Annotator = annotator
	if sp.End <= len(text) && sp.Start < sp.End {
		sp.Text = string(text[sp.Start:sp.End])
	}
	attrs := map[string]any{}
	for k, v := range sp.Attrs {
		if k != annotate.AttrReason {
			attrs[k] = v
		}
	}
	switch sp.Label {
	case annotate.Quote:
		if _, ok := attrs[annotate.AttrKind]; !ok {
			attrs[annotate.AttrKind] = annotate.KindDirect
		}
	case annotate.Speaker:
		delete(attrs, annotate.AttrKind)
		if e, _ := attrs[annotate.AttrEntity].(string); e == "" || orig.Label != annotate.Speaker {
			attrs[annotate.AttrEntity] = sp.Text
		}
	case annotate.Threat:
		delete(attrs, annotate.AttrKind)
		for _, k := range []string{annotate.AttrIssuer, annotate.AttrTarget} {
			if _, ok := attrs[k]; !ok {
				attrs[k] = ""
			}
		}
		if _, ok := attrs[annotate.AttrConditional]; !ok {
			attrs[annotate.AttrConditional] = annotate.IsConditional(sp.Text)
		}
	}
	sp.Attrs = attrs
	return sp
}

// freeSpanID is the first id with the label's prefix not in used.
func freeSpanID(l annotate.Label, used map[string]bool) string {
	prefix := "x"
	switch l {
	case annotate.Quote:
		prefix = "q"
	case annotate.Speaker:
		prefix = "s"
	case annotate.Threat:
		prefix = "t"
	}
	for n := 1; ; n++ {
		if id := prefix + strconv.Itoa(n); !used[id] {
			return id
		}
	}
}

// acceptWhere accepts every shown suggestion that keep picks, as one
// undoable edit, and returns how many.
func (u *UI) acceptWhere(keep func(annotate.Span) bool, what string) int {
	var items []acceptItem
	for _, s := range u.sug.shown {
		if keep(s) {
			items = append(items, acceptItem{s, s})
		}
	}
	if len(items) == 0 {
		u.setMessage("no suggestions " + what)
		return 0
	}
	if !u.acceptMany(items, fmt.Sprintf("accepted %d suggestions %s", len(items), what)) {
		return 0
	}
	return len(items)
}

// AcceptAllOfLabel accepts every shown suggestion of label (and, for
// QUOTE, kind, "" for both kinds) as one undoable edit.
func (u *UI) AcceptAllOfLabel(label annotate.Label, kind string) int {
	return u.acceptWhere(func(s annotate.Span) bool {
		return s.Label == label && (kind == "" || label != annotate.Quote || s.QuoteKind() == kind)
	}, "of label "+labelKindName(label, kind))
}

// AcceptAllAbove accepts every shown suggestion scored threshold or more
// as one undoable edit.
func (u *UI) AcceptAllAbove(threshold float64) int {
	return u.acceptWhere(func(s annotate.Span) bool {
		return s.Score != nil && *s.Score >= threshold-1e-9
	}, fmt.Sprintf("scored %.2f or more", threshold))
}

func labelKindName(label annotate.Label, kind string) string {
	if label == annotate.Quote && kind != "" {
		return kind + " QUOTE"
	}
	return string(label)
}

// onRejectSuggestion rejects one suggestion: it is stored at once and
// leaves the overlay; Ctrl+Z takes it back during this session.
func (u *UI) onRejectSuggestion(id string) {
	s, ok := u.rawSuggestion(id)
	if !ok || u.doc == nil {
		return
	}
	r := store.RejectionOf(s)
	if err := u.st.Reject(u.docID, r); err != nil {
		u.showError(err)
		return
	}
	// a rejection is a new action: what was undone cannot be redone now
	if err := u.st.DropRedo(u.docID); err != nil {
		u.showError(err)
	}
	u.sug.undone = u.sug.undone[:0]
	u.sug.rejected = append(u.sug.rejected, r)
	u.sug.done = append(u.sug.done, histEntry{rejects: []store.Rejection{r}})
	u.refreshSuggestions()
	if f, ok := u.view.FocusedSuggestion(); ok {
		u.panel.showSuggestion(f)
	} else {
		u.panel.show(nil)
	}
	u.updateUndo()
	u.setMessage(fmt.Sprintf("rejected %s %q: it will not be suggested again · Ctrl+Z brings it back", labelName(s), clipText(s.Text, 40)))
}

// unreject takes rejections back (undo of a rejection).
func (u *UI) unreject(rs []store.Rejection) {
	if len(rs) == 0 {
		return
	}
	if err := u.st.Unreject(u.docID, rs...); err != nil {
		u.showError(err)
		return
	}
	drop := map[store.Rejection]bool{}
	for _, r := range rs {
		drop[r] = true
	}
	kept := u.sug.rejected[:0:0]
	for _, r := range u.sug.rejected {
		if !drop[r] {
			kept = append(kept, r)
		}
	}
	u.sug.rejected = kept
}

// focusRejected focuses the suggestion a rejection in rs had taken away,
// after an undo brought it back, and shows the panel for the focus.
func (u *UI) focusRejected(rs []store.Rejection) {
	for _, s := range u.view.Suggestions() {
		for _, r := range rs {
			if store.RejectionOf(s) == r {
				u.view.FocusSuggestion(s.ID)
			}
		}
	}
	if f, ok := u.view.FocusedSuggestion(); ok {
		u.panel.showSuggestion(f)
	} else {
		u.panel.show(u.selectedSpan())
	}
}

// rereject records rejections again (redo of a rejection).
func (u *UI) rereject(rs []store.Rejection) {
	if len(rs) == 0 {
		return
	}
	if err := u.st.Reject(u.docID, rs...); err != nil {
		u.showError(err)
		return
	}
	u.sug.rejected = append(u.sug.rejected, rs...)
}

// ForgetRejections offers the document's rejected suggestions again.
func (u *UI) ForgetRejections() {
	if u.doc == nil {
		return
	}
	n, err := u.st.ClearRejections(u.docID)
	if err != nil {
		u.showError(err)
		return
	}
	u.sug.rejected = nil
	u.sug.done, u.sug.undone = nil, nil
	u.refreshSuggestions()
	u.updateUndo()
	u.setMessage(fmt.Sprintf("%d rejected suggestion(s) offered again", n))
}

// SetShowSuggestions shows or hides the suggestion overlay (a project
// setting).
func (u *UI) SetShowSuggestions(show bool) {
	if show && u.suggestionsForbidden() {
		u.setMessage("this assignment does not allow suggestions")
		return
	}
	u.sug.hidden = !show
	if u.showSugItem != nil {
		u.showSugItem.Checked = show
		if mm := u.win.MainMenu(); mm != nil {
			mm.Refresh()
		}
	}
	if u.st != nil {
		v := ""
		if !show {
			v = "off"
		}
		_ = u.st.SetSetting(settingShowSuggestions, v)
	}
	u.refreshSuggestions()
	u.docMessage()
}

// relearn updates what the open document teaches after an edit; when
// that changed, the project's lexicon is rebuilt in the background.
func (u *UI) relearn() {
	if u.doc == nil || u.sug.base == nil || u.sug.perDoc == nil {
		return // the project is still being read; it will see the edit
	}
	l := engine.Learn(u.sug.base, u.doc)
	if l.Equal(u.sug.perDoc[u.docID]) {
		return
	}
	if l.Empty() {
		delete(u.sug.perDoc, u.docID)
	} else {
		u.sug.perDoc[u.docID] = l
	}
	u.scheduleRebuild()
}

// scheduleRebuild rebuilds the project lexicon from what every document
// teaches, in the background, one rebuild at a time. When the learning
// changed, the open document's suggestions are computed again with it.
func (u *UI) scheduleRebuild() {
	if u.sug.rebuilding {
		u.sug.again = true
		return
	}
	u.sug.rebuilding = true
	var all engine.Learned
	ids := make([]int64, 0, len(u.sug.perDoc))
	for id := range u.sug.perDoc {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids {
		all.Add(u.sug.perDoc[id])
	}
	proj, fsys := u.sug.proj, u.lexiconFS()
	var lex *engine.Lexicon
	var err error
	u.runBackground(func() {
		if lex, err = engine.LoadLexicon(fsys); err == nil {
			all.Apply(lex)
		}
	}, func() {
		if proj != u.sug.proj {
			return
		}
		u.sug.rebuilding = false
		if err != nil {
			fyne.LogError("sayso: project lexicon", err)
			return
		}
		changed := !all.Equal(u.sug.learned)
		u.sug.lex, u.sug.learned = lex, all
		if u.sug.again {
			u.sug.again = false
			u.scheduleRebuild()
			return
		}
		if changed {
			u.startSuggestions()
		}
	})
}

// docMessage is the status line for the open document.
func (u *UI) docMessage() {
	if u.doc == nil {
		return
	}
	msg := fmt.Sprintf("%d labels", len(u.doc.Spans))
	switch {
	case u.sug.hidden:
		msg += " · suggestions hidden"
	case !u.sug.ready:
		msg += " · finding suggestions…"
	case len(u.sug.shown) > 0:
		msg += fmt.Sprintf(" · %d suggestions: J to review, A accept, X reject", len(u.sug.shown))
	default:
		msg += " · no suggestions left"
	}
	u.setMessage(msg + " · select text and press Q, I, S or T · F1 for help")
}

// suggestionPosition returns the focused suggestion's 1-based position
// among those shown, and their count.
func (u *UI) suggestionPosition(id string) (int, int) {
	shown := u.view.Suggestions()
	for i, s := range shown {
		if s.ID == id {
			return i + 1, len(shown)
		}
	}
	return 0, len(shown)
}

// suggestedSpeaker describes the speaker a quote or threat suggestion is
// linked to: a span the user has, or another suggestion.
func (u *UI) suggestedSpeaker(id string) (string, bool) {
	for _, r := range u.sug.rawRels {
		if r.From != id {
			continue
		}
		if spanID, ok := u.sug.matched[r.To]; ok {
			if i := u.doc.SpanByID(spanID); i >= 0 {
				return entityOf(u.doc.Spans[i]), true
			}
		}
		if s, ok := u.rawSuggestion(r.To); ok {
			return entityOf(s) + " (suggested)", true
		}
	}
	return "", false
}
