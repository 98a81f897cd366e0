package store

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/sayso/sayso/annotate"
)

// DocSummary is one row of the document list.
type DocSummary struct {
	ID      int64
	UID     string
	Title   string
	Status  string
	Spans   int
	Updated time.Time
}

// AddResult tells what AddDocuments did with one document.
type AddResult struct {
	// ID is the new document's id; 0 for a duplicate.
	ID int64
	// UID is the stable string id the document was stored under (its own
	// id, a generated "doc-<n>", or one with a "-2", "-3"... suffix when
	// its id was taken). Empty for a duplicate.
	UID string
	// Duplicate is true when a document with the same text is already in
	// the project (or earlier in the same batch); nothing was added and
	// DuplicateOf is that document's id.
	Duplicate   bool
	DuplicateOf int64
	// Merged lists the layers (annotators) whose labels were added to a
	// document already in the project (ID is that document); Kept the
	// layers that document already had, left as they were and not
	// replaced by the incoming labels.
	Merged, Kept []string
}

// NormalizeStatus returns the status value sayso stores for s, accepting
// any case and "_" or "-" for the space ("In_Progress"), or an error that
// names the accepted values.
func NormalizeStatus(s string) (string, error) {
	n := strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return r == ' ' || r == '_' || r == '-'
	}), " ")
	for _, st := range annotate.Statuses {
		if n == st {
			return st, nil
		}
	}
	return "", fmt.Errorf("unknown status %q (want %q, %q or %q)", s, annotate.StatusNew, annotate.StatusInProgress, annotate.StatusDone)
}

// CheckDocument reports whether AddDocuments would accept d, so an
// importer can report and skip a bad document instead of failing a whole
// batch. It checks the text, spans and relations (annotate.Validate),
// finite scores, the status, and that meta, attrs and unknown fields can
// be stored as JSON.
func CheckDocument(d *annotate.Document) error {
	if err := checkForAdd(d); err != nil {
		return err
	}
	if _, err := encodeMap(d.Meta); err != nil {
		return fmt.Errorf("meta: %w", err)
	}
	if _, err := encodeRaw(d.Extra); err != nil {
		return err
	}
	_, err := prepareLayers(d, "")
	return err
}

// checkForAdd is CheckDocument without the JSON encoding, which
// AddDocuments does (and checks) as it writes.
func checkForAdd(d *annotate.Document) error {
	if d == nil {
		return errors.New("no document")
	}
	if err := checkDoc(d); err != nil {
		return err
	}
	if d.Status != "" {
		if _, err := NormalizeStatus(d.Status); err != nil {
			return err
		}
	}
	return nil
}

// docName names a document in error messages.
func docName(i int, d *annotate.Document) string {
	if d == nil {
		return fmt.Sprintf("document %d", i+1)
	}
	if d.ID != "" {
		return fmt.Sprintf("document %d (%q)", i+1, d.ID)
	}
	t := []rune(annotate.TitleOf(d.Text))
	if len(t) > 40 {
		t = append(t[:40], '…')
	}
	return fmt.Sprintf("document %d (%q)", i+1, string(t))
}

// AddDocuments adds docs, with their spans and relations, in one
// transaction: either all are added or, on error, none. The error names
// the offending document (1-based position and id) and the problem; use
// CheckDocument to filter a batch first.
//
// A document whose text is already in the project, or earlier in docs, is
// skipped and reported as a duplicate. A document without an id gets
// "doc-<n>" (n its numeric id); an id already used by another document gets
// a "-2", "-3"... suffix. Status is d.Status (see NormalizeStatus) if set,
// else "new" without spans and "in progress" with. Title is d.Title, or
// the text's first non-empty line. The caller's documents are not
// modified.
//
// Spans go into the layer of their annotator (Span.Annotator), or the
// store's current layer (SetLayer) when they name none; a relation joins
// two spans of one layer. A document whose text is already in the project
// is not added again, but the labels of a layer it has no labels in yet
// are added to it (AddResult.Merged): another annotator's work on the same
// articles comes in as their layer, never mixed with yours.
func (s *Store) AddDocuments(docs []*annotate.Document) ([]AddResult, error) {
	return s.AddDocumentsSeq(slices.Values(docs))
}

// AddDocumentsSeq is AddDocuments for documents that arrive one by one,
// such as those of a JSONL file being read: the iteration runs on another
// goroutine, concurrently with the inserts (and the documents need not all
// be in memory at once). The results are in iteration order. If the import
// fails, the iteration is stopped (yield returns false) and nothing is
// added; AddDocumentsSeq returns only after the iteration has ended.
// Documents that should not stop the import, such as unreadable lines, are
// for the caller to leave out of seq (see CheckDocument).
func (s *Store) AddDocumentsSeq(seq iter.Seq[*annotate.Document]) ([]AddResult, error) {
	var results []AddResult
	layer := s.Layer()
	// Checking and encoding documents (and whatever seq does, such as
	// parsing) runs ahead of the inserts on its own goroutine, so both
	// cores work on an import (BenchmarkAddDocuments).
	done := make(chan struct{})
	prepared := make(chan *prepDoc, 64)
	go func() {
		defer close(prepared)
		i := 0
		for d := range seq {
			select {
			case <-done:
				return
			default:
			}
			select {
			case prepared <- prepare(i, d, layer):
			case <-done:
				return
			}
			i++
		}
	}()
	// Do not return before the iteration has: the caller may close what
	// seq reads from.
	defer func() {
		close(done)
		for range prepared {
		}
	}()
	err := s.write(func(tx *sql.Tx) error {
		st, err := prepareAll(tx, map[string]string{
			"hash": `SELECT id FROM documents WHERE hash = ?`,
			"uid":  `SELECT 1 FROM documents WHERE uid = ?`,
			"doc":  `INSERT INTO documents (id, uid, title, hash, status, meta, extra, created, updated, n_spans) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			"text": `INSERT INTO texts (doc_id, text) VALUES (?, ?)`,
			"has":  `SELECT EXISTS (SELECT 1 FROM spans WHERE doc_id = ? AND layer = ?)`,
		})
		if err != nil {
			return err
		}
		defer closeAll(st)
		// Spans and relations go in multi-row INSERTs, one or a few per
		// document, which saves a little per-statement overhead.
		spans := newBulk(tx, `INSERT INTO spans (`+spanCols+`) VALUES `, spanColCount)
		defer spans.close()
		rels := newBulk(tx, `INSERT INTO relations (`+relCols+`) VALUES `, relColCount)
		defer rels.close()
		var next int64
		if err := tx.QueryRow(`SELECT coalesce(max(id), 0) + 1 FROM documents`).Scan(&next); err != nil {
			return err
		}
		now := s.stamp()
		for p := range prepared {
			i, d := p.i, p.d
			results = append(results, AddResult{})
			if p.err != nil {
				return fmt.Errorf("%s: %w", docName(i, d), p.err)
			}
			var dup int64
			switch err := st["hash"].QueryRow(p.hash).Scan(&dup); {
			case err == nil:
				res, err := mergeLayers(st["has"], spans, rels, dup, p)
				if err != nil {
					return fmt.Errorf("%s: %w", docName(i, d), err)
				}
				results[i] = res
				continue
			case !errors.Is(err, sql.ErrNoRows):
				return err
			}
			id := next
			next++
			uid, err := freeUID(st["uid"], d.ID, id)
			if err != nil {
				return err
			}
			if _, err := st["doc"].Exec(id, uid, p.title, p.hash, p.status, p.meta, p.extra, now, now, len(d.Spans)); err != nil {
				return fmt.Errorf("%s: %w", docName(i, d), err)
			}
			if _, err := st["text"].Exec(id, d.Text); err != nil {
				return err
			}
			for _, l := range p.layers {
				if err := l.insert(spans, rels, id); err != nil {
					return fmt.Errorf("%s: %w", docName(i, d), err)
				}
			}
			results[i] = AddResult{ID: id, UID: uid}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return results, nil
}

// prepDoc is a document checked and encoded for AddDocuments.
type prepDoc struct {
	i                   int
	d                   *annotate.Document
	err                 error
	hash, title, status string
	meta, extra         any
	layers              []prepLayer
}

func prepare(i int, d *annotate.Document, layer string) *prepDoc {
	p := &prepDoc{i: i, d: d}
	if p.err = checkForAdd(d); p.err != nil {
		return p
	}
	p.hash = annotate.ContentHash(d.Text)
	p.status = annotate.StatusNew
	if d.Status != "" {
		p.status, _ = NormalizeStatus(d.Status)
	} else if len(d.Spans) > 0 {
		p.status = annotate.StatusInProgress
	}
	p.title = d.Title
	if p.title == "" {
		p.title = annotate.TitleOf(d.Text)
	}
	if p.meta, p.err = encodeMap(metaWithoutStatus(d.Meta)); p.err != nil {
		p.err = fmt.Errorf("meta: %w", p.err)
		return p
	}
	if p.extra, p.err = encodeRaw(d.Extra); p.err != nil {
		return p
	}
	p.layers, p.err = prepareLayers(d, layer)
	return p
}

// freeUID returns want, or "doc-<id>" when want is empty, with the first
// free "-2", "-3"... suffix when it is taken.
func freeUID(taken *sql.Stmt, want string, id int64) (string, error) {
	if want == "" {
		want = fmt.Sprintf("doc-%d", id)
	}
	for n := 1; ; n++ {
		uid := want
		if n > 1 {
			uid = fmt.Sprintf("%s-%d", want, n)
		}
		var one int
		switch err := taken.QueryRow(uid).Scan(&one); {
		case errors.Is(err, sql.ErrNoRows):
			return uid, nil
		case err != nil:
			return "", err
		}
	}
}

// metaWithoutStatus drops meta.status and the layer keys: the status and
// layer columns are the truth, and annotate.MarshalDocument writes the
// status back into meta on export.
func metaWithoutStatus(m map[string]any) map[string]any {
	drop := []string{"status", annotate.MetaLayer, annotate.MetaLayers}
	if !slices.ContainsFunc(drop, func(k string) bool { _, ok := m[k]; return ok }) {
		return m
	}
	c := make(map[string]any, len(m))
	for k, v := range m {
		if !slices.Contains(drop, k) {
			c[k] = v
		}
	}
	return c
}

const (
	insertSpanSQL = `INSERT INTO spans (doc_id, layer, sid, label, start, "end", attrs, score, source, annotator, extra, entity) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	updateSpanSQL = `UPDATE spans SET label = ?4, start = ?5, "end" = ?6, attrs = ?7, score = ?8, source = ?9, annotator = ?10, extra = ?11, entity = ?12 WHERE doc_id = ?1 AND layer = ?2 AND sid = ?3`
	insertRelSQL  = `INSERT INTO relations (doc_id, layer, pos, label, from_sid, to_sid, extra) VALUES (?, ?, ?, ?, ?, ?, ?)`
	spanCols      = `doc_id, layer, sid, label, start, "end", attrs, score, source, annotator, extra, entity`
	relCols       = `doc_id, layer, pos, label, from_sid, to_sid, extra`
	spanColCount  = 12
	relColCount   = 7
	// spanScanCols are the columns scanSpan reads.
	spanScanCols = `doc_id, sid, label, start, "end", attrs, score, source, annotator, extra`
)

// spanArgs returns the column values of a span in layer, doc_id, layer
// and sid first.
func spanArgs(docID int64, layer string, sp *annotate.Span) ([]any, error) {
	attrs, err := encodeMap(sp.Attrs)
	if err != nil {
		return nil, fmt.Errorf("span %q: attrs: %w", sp.ID, err)
	}
	extra, err := encodeRaw(sp.Extra)
	if err != nil {
		return nil, fmt.Errorf("span %q: %w", sp.ID, err)
	}
	var score any
	if sp.Score != nil {
		score = *sp.Score
	}
	// The entity column (schema v3) mirrors a SPEAKER's string entity.
	var entity any
	if e, ok := sp.Attrs[annotate.AttrEntity].(string); ok && sp.Label == annotate.Speaker {
		entity = e
	}
	return []any{docID, layer, sp.ID, string(sp.Label), sp.Start, sp.End, attrs, score, sp.Source, sp.Annotator, extra, entity}, nil
}

// bulk collects rows for a multi-row INSERT, executing it every maxRows
// rows and on flush, with one prepared statement per row count.
type bulk struct {
	tx    *sql.Tx
	head  string // INSERT ... VALUES
	row   string // (?, ?, ...)
	cols  int
	stmts map[int]*sql.Stmt
	args  []any
}

const bulkMaxRows = 64

func newBulk(tx *sql.Tx, head string, cols int) *bulk {
	return &bulk{tx: tx, head: head, cols: cols, stmts: map[int]*sql.Stmt{},
		row: "(?" + strings.Repeat(", ?", cols-1) + ")"}
}

// addRows inserts rows (column values one row after the other, the first
// column of each being the document id, set here) and flushes.
func (b *bulk) addRows(docID int64, rows []any) error {
	for j := 0; j < len(rows); j += b.cols {
		rows[j] = docID
		b.args = append(b.args, rows[j:j+b.cols]...)
		if len(b.args) >= bulkMaxRows*b.cols {
			if err := b.flush(); err != nil {
				return err
			}
		}
	}
	return b.flush()
}

func (b *bulk) flush() error {
	n := len(b.args) / b.cols
	if n == 0 {
		return nil
	}
	st := b.stmts[n]
	if st == nil {
		var err error
		if st, err = b.tx.Prepare(b.head + b.row + strings.Repeat(", "+b.row, n-1)); err != nil {
			return err
		}
		b.stmts[n] = st
	}
	_, err := st.Exec(b.args...)
	clear(b.args)
	b.args = b.args[:0]
	return err
}

func (b *bulk) close() {
	for _, st := range b.stmts {
		st.Close()
	}
}

func insertRelations(st *sql.Stmt, docID int64, layer string, rels []annotate.Relation) error {
	for k, r := range rels {
		extra, err := encodeRaw(r.Extra)
		if err != nil {
			return fmt.Errorf("relation %d: %w", k+1, err)
		}
		if _, err := st.Exec(docID, layer, k, r.Label, r.From, r.To, extra); err != nil {
			return fmt.Errorf("relation %d (%s %s -> %s): %w", k+1, r.Label, r.From, r.To, err)
		}
	}
	return nil
}

func prepareAll(tx *sql.Tx, queries map[string]string) (map[string]*sql.Stmt, error) {
	st := make(map[string]*sql.Stmt, len(queries))
	for k, q := range queries {
		p, err := tx.Prepare(q)
		if err != nil {
			closeAll(st)
			return nil, err
		}
		st[k] = p
	}
	return st, nil
}

func closeAll(st map[string]*sql.Stmt) {
	for _, p := range st {
		p.Close()
	}
}

// ListDocuments returns the documents whose title or UID contains filter
// (case-insensitive; "" lists all), ordered by id.
//
// Spans counts the labels of the current layer.
func (s *Store) ListDocuments(filter string) ([]DocSummary, error) {
	counts, err := s.layerCounts()
	if err != nil {
		return nil, err
	}
	rows, err := s.r.Query(`SELECT id, uid, title, status, updated FROM documents ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	f := strings.ToLower(strings.TrimSpace(filter))
	var out []DocSummary
	for rows.Next() {
		var d DocSummary
		var updated int64
		if err := rows.Scan(&d.ID, &d.UID, &d.Title, &d.Status, &updated); err != nil {
			return nil, err
		}
		d.Spans = counts[d.ID]
		if f != "" && !strings.Contains(strings.ToLower(d.Title), f) && !strings.Contains(strings.ToLower(d.UID), f) {
			continue
		}
		d.Updated = time.UnixMilli(updated)
		out = append(out, d)
	}
	return out, rows.Err()
}

// layerCounts returns the number of spans of the current layer per
// document that has any (the index spans_layer answers it).
func (s *Store) layerCounts() (map[int64]int, error) {
	rows, err := s.r.Query(layerCountSQL, s.Layer())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, rows.Err()
}

const layerCountSQL = `SELECT doc_id, count(*) FROM spans WHERE layer = ? GROUP BY doc_id`

// Document returns document id with its spans in canonical order
// (annotate.SpanLess), relations in their order, meta, unknown fields and
// status. An unknown id gives an error wrapping ErrNotFound.
func (s *Store) Document(id int64) (*annotate.Document, error) {
	var d *annotate.Document
	err := s.read(func(tx *sql.Tx) error {
		var err error
		d, err = loadDoc(tx, id, s.Layer())
		return err
	})
	return d, err
}

const docSelect = `SELECT d.id, d.uid, d.title, d.status, d.meta, d.extra, t.text FROM documents d JOIN texts t ON t.doc_id = d.id`

type scanner interface{ Scan(dest ...any) error }

func scanDoc(row scanner) (int64, *annotate.Document, error) {
	var (
		id          int64
		d           annotate.Document
		meta, extra sql.NullString
	)
	if err := row.Scan(&id, &d.ID, &d.Title, &d.Status, &meta, &extra, &d.Text); err != nil {
		return 0, nil, err
	}
	var err error
	if d.Meta, err = decodeMap(meta); err != nil {
		return 0, nil, fmt.Errorf("document %d: meta: %w", id, err)
	}
	if d.Extra, err = decodeRaw(extra); err != nil {
		return 0, nil, fmt.Errorf("document %d: %w", id, err)
	}
	return id, &d, nil
}

func scanSpan(row scanner) (int64, annotate.Span, error) {
	var (
		docID        int64
		sp           annotate.Span
		label        string
		attrs, extra sql.NullString
		score        sql.NullFloat64
	)
	if err := row.Scan(&docID, &sp.ID, &label, &sp.Start, &sp.End, &attrs, &score, &sp.Source, &sp.Annotator, &extra); err != nil {
		return 0, sp, err
	}
	sp.Label = annotate.Label(label)
	var err error
	if sp.Attrs, err = decodeMap(attrs); err != nil {
		return 0, sp, fmt.Errorf("document %d span %q: attrs: %w", docID, sp.ID, err)
	}
	if sp.Extra, err = decodeRaw(extra); err != nil {
		return 0, sp, fmt.Errorf("document %d span %q: %w", docID, sp.ID, err)
	}
	if score.Valid {
		v := score.Float64
		sp.Score = &v
	}
	return docID, sp, nil
}

func scanRel(row scanner) (int64, annotate.Relation, error) {
	var (
		docID int64
		r     annotate.Relation
		extra sql.NullString
	)
	if err := row.Scan(&docID, &r.Label, &r.From, &r.To, &extra); err != nil {
		return 0, r, err
	}
	var err error
	if r.Extra, err = decodeRaw(extra); err != nil {
		return 0, r, fmt.Errorf("document %d relation %s %s -> %s: %w", docID, r.Label, r.From, r.To, err)
	}
	return docID, r, nil
}

// loadDoc reads one document, with the spans and relations of layer,
// inside tx.
func loadDoc(tx *sql.Tx, id int64, layer string) (*annotate.Document, error) {
	_, d, err := scanDoc(tx.QueryRow(docSelect+` WHERE d.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("document %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	rows, err := tx.Query(`SELECT `+spanScanCols+` FROM spans WHERE doc_id = ? AND layer = ?`, id, layer)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		_, sp, err := scanSpan(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		d.Spans = append(d.Spans, sp)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	setSpanTexts(d)
	rows, err = tx.Query(`SELECT doc_id, label, from_sid, to_sid, extra FROM relations WHERE doc_id = ? AND layer = ? ORDER BY pos`, id, layer)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		_, r, err := scanRel(rows)
		if err != nil {
			return nil, err
		}
		d.Relations = append(d.Relations, r)
	}
	return d, rows.Err()
}

// setSpanTexts sets each span's text from the document text (the spans
// table keeps offsets only: the text is always text[start:end], so storing
// it would only make room for disagreement) and puts the spans in
// canonical order.
func setSpanTexts(d *annotate.Document) {
	if len(d.Spans) == 0 {
		return
	}
	r := annotate.NewRunes(d.Text)
	for i := range d.Spans {
		d.Spans[i].Text = r.Slice(d.Spans[i].Start, d.Spans[i].End)
	}
	d.SortSpans()
}

// writeChanges stores the difference between old and new, the same
// document's layer before and after an edit: changed, added and deleted
// span rows, the relations when they changed, and the document row.
func writeChanges(tx *sql.Tx, id int64, layer string, old, new *annotate.Document, updated int64) error {
	oldBy := make(map[string]*annotate.Span, len(old.Spans))
	for i := range old.Spans {
		oldBy[old.Spans[i].ID] = &old.Spans[i]
	}
	newBy := make(map[string]bool, len(new.Spans))
	for i := range new.Spans {
		newBy[new.Spans[i].ID] = true
	}
	// Deletions first (they cascade to the relations, rewritten below).
	for i := range old.Spans {
		if !newBy[old.Spans[i].ID] {
			if _, err := tx.Exec(`DELETE FROM spans WHERE doc_id = ? AND layer = ? AND sid = ?`, id, layer, old.Spans[i].ID); err != nil {
				return err
			}
		}
	}
	for i := range new.Spans {
		sp := &new.Spans[i]
		was, ok := oldBy[sp.ID]
		if ok && spanEqual(was, sp) {
			continue
		}
		args, err := spanArgs(id, layer, sp)
		if err != nil {
			return err
		}
		q := insertSpanSQL
		if ok {
			q = updateSpanSQL
		}
		if _, err := tx.Exec(q, args...); err != nil {
			return fmt.Errorf("span %q: %w", sp.ID, err)
		}
	}
	if !relationsEqual(old.Relations, new.Relations) {
		if _, err := tx.Exec(`DELETE FROM relations WHERE doc_id = ? AND layer = ?`, id, layer); err != nil {
			return err
		}
		st, err := tx.Prepare(insertRelSQL)
		if err != nil {
			return err
		}
		err = insertRelations(st, id, layer, new.Relations)
		st.Close()
		if err != nil {
			return err
		}
	}
	_, err := tx.Exec(`UPDATE documents SET n_spans = (SELECT count(*) FROM spans WHERE doc_id = ?3), status = ?1, updated = ?2 WHERE id = ?3`,
		new.Status, updated, id)
	return err
}

func spanEqual(a, b *annotate.Span) bool {
	if a.ID != b.ID || a.Label != b.Label || a.Start != b.Start || a.End != b.End || a.Text != b.Text ||
		a.Source != b.Source || a.Annotator != b.Annotator || (a.Score == nil) != (b.Score == nil) ||
		(a.Score != nil && *a.Score != *b.Score) {
		return false
	}
	if len(a.Attrs) != len(b.Attrs) || (len(a.Attrs) > 0 && !reflect.DeepEqual(a.Attrs, b.Attrs)) {
		return false
	}
	return rawEqual(a.Extra, b.Extra)
}

func rawEqual(a, b map[string]json.RawMessage) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		w, ok := b[k]
		if !ok || string(v) != string(w) {
			return false
		}
	}
	return true
}

func relationsEqual(a, b []annotate.Relation) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Label != b[i].Label || a[i].From != b[i].From || a[i].To != b[i].To || !rawEqual(a[i].Extra, b[i].Extra) {
			return false
		}
	}
	return true
}

// EachDocument calls fn with every document of the given status ("" for
// all) in id order, as Document would return them, from one consistent
// snapshot. It reads with three queries in total, merging documents, spans
// and relations by id, instead of three per document. Each document is
// freshly allocated, so fn may keep it. An error from fn stops the walk and
// is returned. fn may call other Store methods, including writes, which
// the walk does not see.
func (s *Store) EachDocument(status string, fn func(*annotate.Document) error) error {
	each := func(_ int64, d *annotate.Document) error { return fn(d) }
	where, args, err := statusWhere(status)
	if err != nil {
		return err
	}
	return s.eachDocumentIn(s.Layer(), where, args, each)
}

// eachDocument is EachDocument, in the current layer, for the documents d
// matching where (a WHERE clause on documents d, "" for all) with args; fn
// gets each document's id as well.
func (s *Store) eachDocument(where string, args []any, fn func(int64, *annotate.Document) error) error {
	return s.eachDocumentIn(s.Layer(), where, args, fn)
}

// eachDocumentIn is eachDocument for the spans and relations of layer.
func (s *Store) eachDocumentIn(layer, where string, args []any, fn func(int64, *annotate.Document) error) error {
	join, cond := ``, ` WHERE x.layer = ?`
	if where != "" {
		join = ` JOIN documents d ON d.id = x.doc_id`
		cond += ` AND ` + strings.TrimPrefix(where, ` WHERE `)
	}
	largs := append([]any{layer}, args...)
	return s.read(func(tx *sql.Tx) error {
		docs, err := tx.Query(docSelect+where+` ORDER BY d.id`, args...)
		if err != nil {
			return err
		}
		defer docs.Close()
		spans, err := tx.Query(`SELECT x.doc_id, x.sid, x.label, x.start, x."end", x.attrs, x.score, x.source, x.annotator, x.extra FROM spans x`+join+cond+` ORDER BY x.doc_id`, largs...)
		if err != nil {
			return err
		}
		defer spans.Close()
		rels, err := tx.Query(`SELECT x.doc_id, x.label, x.from_sid, x.to_sid, x.extra FROM relations x`+join+cond+` ORDER BY x.doc_id, x.pos`, largs...)
		if err != nil {
			return err
		}
		defer rels.Close()

		sc := cursor[annotate.Span]{rows: spans, scan: scanSpan}
		rc := cursor[annotate.Relation]{rows: rels, scan: scanRel}
		for docs.Next() {
			id, d, err := scanDoc(docs)
			if err != nil {
				return err
			}
			if d.Spans, err = sc.take(id); err != nil {
				return err
			}
			if d.Relations, err = rc.take(id); err != nil {
				return err
			}
			setSpanTexts(d)
			if err := fn(id, d); err != nil {
				return err
			}
		}
		return docs.Err()
	})
}

// cursor walks rows ordered by document id, handing out each document's
// rows in turn.
type cursor[T any] struct {
	rows *sql.Rows
	scan func(scanner) (int64, T, error)
	have bool // a row is buffered in id/val
	done bool
	id   int64
	val  T
}

// take returns the rows of document id, skipping rows of smaller ids.
func (c *cursor[T]) take(id int64) ([]T, error) {
	var out []T
	for {
		if !c.have && !c.done {
			if !c.rows.Next() {
				c.done = true
				if err := c.rows.Err(); err != nil {
					return nil, err
				}
			} else {
				var err error
				if c.id, c.val, err = c.scan(c.rows); err != nil {
					return nil, err
				}
				c.have = true
			}
		}
		if c.done || c.id > id {
			return out, nil
		}
		if c.id == id {
			out = append(out, c.val)
		}
		c.have = false
	}
}
