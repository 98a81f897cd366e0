package store

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/sayso/sayso/annotate"
	"github.com/sayso/sayso/annotate/agree"
)

// Layers. A project holds the work of several annotators on the same
// documents, each in a layer of its own named by the annotator: span ids
// are unique within a layer, relations join spans of one layer, and each
// layer of a document has its own undo history. The store has a current
// layer (SetLayer), which Document, Apply, Undo, Redo, EachDocument and
// the learning walk read and write; other layers are read with
// DocumentLayers and EachDocumentLayers. The unnamed layer "" holds work
// from before layers, and labels imported without an annotator when no
// layer is current.

// SetLayer makes name the current layer: the annotator whose labels the
// store's reads and edits are about. Names are trimmed.
func (s *Store) SetLayer(name string) {
	s.mu.Lock()
	s.layer = strings.TrimSpace(name)
	s.mu.Unlock()
}

// Layer returns the current layer's name.
func (s *Store) Layer() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.layer
}

// LayerInfo describes one layer of the project.
type LayerInfo struct {
	Name      string
	Documents int // documents with at least one span in the layer
	Spans     int
}

// Layers lists the project's layers that hold spans, by name.
func (s *Store) Layers() ([]LayerInfo, error) {
	rows, err := s.r.Query(`SELECT layer, count(DISTINCT doc_id), count(*) FROM spans GROUP BY layer ORDER BY layer`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []LayerInfo
	for rows.Next() {
		var l LayerInfo
		if err := rows.Scan(&l.Name, &l.Documents, &l.Spans); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// ErrLayerTaken is returned by RenameLayer when the new name already has
// labels or an undo history of its own.
var ErrLayerTaken = errors.New("that name already has labels of its own")

// RenameLayer gives layer from the name to, with its spans, relations and
// undo history, sets each of its spans' annotator to the new name, and
// updates the assignments whose answer key it is. It refuses (ErrLayerTaken)
// when to already holds spans or history, so two annotators' work is never
// mixed.
func (s *Store) RenameLayer(from, to string) error {
	to = strings.TrimSpace(to)
	if from == to {
		return nil
	}
	return s.write(func(tx *sql.Tx) error {
		var taken bool
		if err := tx.QueryRow(`SELECT EXISTS (SELECT 1 FROM spans WHERE layer = ?1) OR EXISTS (SELECT 1 FROM history WHERE layer = ?1)`, to).Scan(&taken); err != nil {
			return err
		}
		if taken {
			return fmt.Errorf("rename layer %q to %q: %w", from, to, ErrLayerTaken)
		}
		// Relations first: their foreign keys name the spans' layer. They
		// are taken out and put back around the spans' update.
		if _, err := tx.Exec(`CREATE TEMP TABLE moved AS SELECT * FROM relations WHERE layer = ?`, from); err != nil {
			return err
		}
		defer tx.Exec(`DROP TABLE temp.moved`) //nolint:errcheck // dropped with the connection otherwise
		for _, q := range []string{
			`DELETE FROM relations WHERE layer = ?1`,
			`UPDATE spans SET layer = ?2, annotator = ?2 WHERE layer = ?1`,
			`INSERT INTO relations SELECT doc_id, ?2, pos, label, from_sid, to_sid, extra FROM temp.moved`,
			`UPDATE history SET layer = ?2 WHERE layer = ?1`,
		} {
			if _, err := tx.Exec(q, from, to); err != nil {
				return fmt.Errorf("rename layer %q: %w", from, err)
			}
		}
		return renameKeyLayer(tx, from, to)
	})
}

// renameKeyLayer makes the assignments whose answer key is layer from
// name layer to.
func renameKeyLayer(tx *sql.Tx, from, to string) error {
	var raw string
	err := tx.QueryRow(`SELECT value FROM settings WHERE key = ?`, settingAssignments).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	var list []Assignment
	if err := json.Unmarshal([]byte(raw), &list); err != nil {
		return fmt.Errorf("setting %q is damaged: %v", settingAssignments, err)
	}
	for i := range list {
		if list[i].KeyLayer == from {
			list[i].KeyLayer = to
		}
	}
	b, err := json.Marshal(list)
	if err != nil {
		return err
	}
	_, err = tx.Exec(`UPDATE settings SET value = ? WHERE key = ?`, string(b), settingAssignments)
	return err
}

// DocumentLayers returns document id once per layer that has spans in it,
// each copy holding that layer's spans and relations only, with every
// span's annotator set to its layer. A document without spans gives an
// empty map.
func (s *Store) DocumentLayers(id int64) (map[string]*annotate.Document, error) {
	var out map[string]*annotate.Document
	err := s.read(func(tx *sql.Tx) error {
		names, err := docLayers(tx, id)
		if err != nil {
			return err
		}
		out = make(map[string]*annotate.Document, len(names))
		for _, n := range names {
			d, err := loadDoc(tx, id, n)
			if err != nil {
				return err
			}
			stampLayer(d, n)
			out[n] = d
		}
		return nil
	})
	return out, err
}

func docLayers(tx *sql.Tx, id int64) ([]string, error) {
	rows, err := tx.Query(`SELECT DISTINCT layer FROM spans WHERE doc_id = ? ORDER BY layer`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, rows.Err()
}

// stampLayer sets the annotator of spans that name none to the layer.
func stampLayer(d *annotate.Document, layer string) {
	for i := range d.Spans {
		if d.Spans[i].Annotator == "" {
			d.Spans[i].Annotator = layer
		}
	}
}

// EachDocumentLayers calls fn with every document of status ("" for all),
// in id order, and its layers as DocumentLayers gives them; base is the
// document without spans or relations. Documents no layer has labeled
// come with an empty map. It reads one consistent snapshot with three
// queries, as EachDocument does.
func (s *Store) EachDocumentLayers(status string, fn func(id int64, base *annotate.Document, layers map[string]*annotate.Document) error) error {
	where, args, err := statusWhere(status)
	if err != nil {
		return err
	}
	join := ""
	if where != "" {
		join = ` JOIN documents d ON d.id = x.doc_id`
	}
	return s.read(func(tx *sql.Tx) error {
		docs, err := tx.Query(docSelect+where+` ORDER BY d.id`, args...)
		if err != nil {
			return err
		}
		defer docs.Close()
		spans, err := tx.Query(`SELECT x.doc_id, x.sid, x.label, x.start, x."end", x.attrs, x.score, x.source, x.annotator, x.extra, x.layer FROM spans x`+join+where+` ORDER BY x.doc_id`, args...)
		if err != nil {
			return err
		}
		defer spans.Close()
		rels, err := tx.Query(`SELECT x.doc_id, x.label, x.from_sid, x.to_sid, x.extra, x.layer FROM relations x`+join+where+` ORDER BY x.doc_id, x.layer, x.pos`, args...)
		if err != nil {
			return err
		}
		defer rels.Close()
		sc := cursor[inLayer[annotate.Span]]{rows: spans, scan: layered(scanSpan)}
		rc := cursor[inLayer[annotate.Relation]]{rows: rels, scan: layered(scanRel)}
		for docs.Next() {
			id, base, err := scanDoc(docs)
			if err != nil {
				return err
			}
			layers, err := takeLayers(id, base, &sc, &rc)
			if err != nil {
				return err
			}
			if err := fn(id, base, layers); err != nil {
				return err
			}
		}
		return docs.Err()
	})
}

// inLayer is a row with the layer it belongs to.
type inLayer[T any] struct {
	layer string
	v     T
}

// layered wraps a row scanner to read the layer, the query's last column.
func layered[T any](scan func(scanner) (int64, T, error)) func(scanner) (int64, inLayer[T], error) {
	return func(r scanner) (int64, inLayer[T], error) {
		var out inLayer[T]
		id, v, err := scan(tailScanner{r, &out.layer})
		out.v = v
		return id, out, err
	}
}

// tailScanner scans one more column, after the ones asked for.
type tailScanner struct {
	r    scanner
	tail *string
}

func (t tailScanner) Scan(dest ...any) error { return t.r.Scan(append(dest, t.tail)...) }

// takeLayers reads document id's spans and relations from the cursors and
// makes its layers.
func takeLayers(id int64, base *annotate.Document, sc *cursor[inLayer[annotate.Span]], rc *cursor[inLayer[annotate.Relation]]) (map[string]*annotate.Document, error) {
	spans, err := sc.take(id)
	if err != nil {
		return nil, err
	}
	rels, err := rc.take(id)
	if err != nil {
		return nil, err
	}
	layers := map[string]*annotate.Document{}
	get := func(name string) *annotate.Document {
		l := layers[name]
		if l == nil {
			l = base.Clone()
			layers[name] = l
		}
		return l
	}
	for _, sp := range spans {
		l := get(sp.layer)
		l.Spans = append(l.Spans, sp.v)
	}
	for _, r := range rels {
		l := get(r.layer)
		l.Relations = append(l.Relations, r.v)
	}
	for name, l := range layers {
		setSpanTexts(l)
		stampLayer(l, name)
	}
	return layers, nil
}

// prepLayer is one layer of a document being added: its spans' and
// relations' column values, doc_id left 0.
type prepLayer struct {
	name        string
	spans, rels []any
}

// prepareLayers encodes the layers of d (annotate.SplitLayers, with def
// for spans of no named layer) for insertion. A relation between two
// layers is an error.
func prepareLayers(d *annotate.Document, def string) ([]prepLayer, error) {
	layers, crossed := annotate.SplitLayers(d, def)
	if crossed > 0 {
		return nil, fmt.Errorf("%d relation(s) join the labels of two annotators", crossed)
	}
	out := make([]prepLayer, 0, len(layers))
	for _, name := range SortedLayerNames(layers) {
		l := layers[name]
		if err := l.Validate(); err != nil {
			return nil, fmt.Errorf("%s: %w", layerName(name), err)
		}
		p := prepLayer{name: name, spans: make([]any, 0, len(l.Spans)*spanColCount)}
		for i := range l.Spans {
			args, err := spanArgs(0, name, &l.Spans[i])
			if err != nil {
				return nil, err
			}
			p.spans = append(p.spans, args...)
		}
		for k, r := range l.Relations {
			extra, err := encodeRaw(r.Extra)
			if err != nil {
				return nil, fmt.Errorf("relation %d: %w", k+1, err)
			}
			p.rels = append(p.rels, int64(0), name, k, r.Label, r.From, r.To, extra)
		}
		out = append(out, p)
	}
	return out, nil
}

func (l prepLayer) insert(spans, rels *bulk, id int64) error {
	if err := spans.addRows(id, l.spans); err != nil {
		return fmt.Errorf("spans of %s: %w", layerName(l.name), err)
	}
	if err := rels.addRows(id, l.rels); err != nil {
		return fmt.Errorf("relations of %s: %w", layerName(l.name), err)
	}
	return nil
}

// mergeLayers adds the layers of p that document id has no spans in yet,
// and keeps those it has.
func mergeLayers(has *sql.Stmt, spans, rels *bulk, id int64, p *prepDoc) (AddResult, error) {
	res := AddResult{Duplicate: true, DuplicateOf: id}
	for _, l := range p.layers {
		var taken bool
		if err := has.QueryRow(id, l.name).Scan(&taken); err != nil {
			return res, err
		}
		if taken {
			res.Kept = append(res.Kept, l.name)
			continue
		}
		if err := l.insert(spans, rels, id); err != nil {
			return res, err
		}
		res.Merged = append(res.Merged, l.name)
	}
	if len(res.Merged) > 0 {
		res = AddResult{ID: id, Merged: res.Merged, Kept: res.Kept}
		if _, err := spans.tx.Exec(`UPDATE documents SET n_spans = (SELECT count(*) FROM spans WHERE doc_id = ?1),
			status = CASE status WHEN 'new' THEN 'in progress' ELSE status END WHERE id = ?1`, id); err != nil {
			return res, err
		}
	}
	return res, nil
}

// layerName names a layer in messages.
func layerName(n string) string {
	if n == "" {
		return "the unnamed layer"
	}
	return fmt.Sprintf("%q's layer", n)
}

// statusWhere is the WHERE clause on documents d for status ("" for all).
func statusWhere(status string) (string, []any, error) {
	if status == "" {
		return "", nil, nil
	}
	st, err := NormalizeStatus(status)
	if err != nil {
		return "", nil, err
	}
	return ` WHERE d.status = ?`, []any{st}, nil
}

// SortedLayerNames returns the names of layers, sorted.
func SortedLayerNames(layers map[string]*annotate.Document) []string {
	names := make([]string, 0, len(layers))
	for n := range layers {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// LayerAll selects every layer at once (see EachDocumentIn).
const LayerAll = "*"

// ExportLayer is the layer an export takes by default: the project's only
// layer when it has one (or none), else every layer.
func (s *Store) ExportLayer() (string, error) {
	info, err := s.Layers()
	if err != nil {
		return "", err
	}
	switch len(info) {
	case 0:
		return s.Layer(), nil
	case 1:
		return info[0].Name, nil
	}
	return LayerAll, nil
}

// EachDocumentIn calls fn with every document of status ("" for all) in
// id order, with the labels of layer, named in meta.layer
// (annotate.WithLayer); LayerAll gives every layer's labels in one
// document (annotate.MergeLayers).
func (s *Store) EachDocumentIn(status, layer string, fn func(*annotate.Document) error) error {
	if layer == LayerAll {
		return s.EachDocumentLayers(status, func(_ int64, base *annotate.Document, layers map[string]*annotate.Document) error {
			if len(layers) == 0 {
				return fn(base)
			}
			return fn(annotate.MergeLayers(base, layers))
		})
	}
	where, args, err := statusWhere(status)
	if err != nil {
		return err
	}
	return s.eachDocumentIn(layer, where, args, func(_ int64, d *annotate.Document) error {
		return fn(annotate.WithLayer(d, layer))
	})
}

// AgreementDocs returns every document with its layers, as agreement and
// adjudication read them.
func (s *Store) AgreementDocs() ([]*agree.Doc, error) {
	var out []*agree.Doc
	err := s.EachDocumentLayers("", func(_ int64, base *annotate.Document, layers map[string]*annotate.Document) error {
		out = append(out, &agree.Doc{ID: base.ID, Text: base.Text, Layers: layers})
		return nil
	})
	return out, err
}

// DocumentIn is Document with the labels of layer instead of the current
// one.
func (s *Store) DocumentIn(layer string, id int64) (*annotate.Document, error) {
	var d *annotate.Document
	err := s.read(func(tx *sql.Tx) error {
		var err error
		d, err = loadDoc(tx, id, layer)
		return err
	})
	return d, err
}
