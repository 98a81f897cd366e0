package store

import (
	"database/sql"
	"fmt"
)

// A migration moves the schema from version n-1 to n, where n is its
// 1-based position in migrations. Migrations run in one transaction with
// foreign keys on; a future migration that rebuilds a table must say so and
// be run with foreign keys off. Never edit a migration that has shipped:
// append a new one, and add its case to TestMigrations.
type migration struct {
	name string
	sql  string
	// fn, when set, runs after sql in the same transaction, for a change
	// SQL cannot say (rewriting stored JSON).
	fn func(tx *sql.Tx) error
}

var migrations = []migration{
	{name: "initial schema", sql: `
CREATE TABLE documents (
	id      INTEGER PRIMARY KEY,
	uid     TEXT NOT NULL UNIQUE,           -- the document's stable id in JSONL
	title   TEXT NOT NULL,
	hash    TEXT NOT NULL UNIQUE,           -- annotate.ContentHash(text)
	status  TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in progress', 'done')),
	meta    TEXT,                           -- JSON object, without status
	extra   TEXT,                           -- JSON object of unknown top-level fields
	created INTEGER NOT NULL,               -- Unix milliseconds
	updated INTEGER NOT NULL
);
-- The text lives in its own table so that listing documents reads small
-- rows only.
CREATE TABLE texts (
	doc_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
	text   TEXT NOT NULL
);
CREATE TABLE spans (
	doc_id    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	sid       TEXT NOT NULL,
	label     TEXT NOT NULL CHECK (label <> ''),
	start     INTEGER NOT NULL,             -- code points
	"end"     INTEGER NOT NULL,             -- code points, exclusive
	-- No text column: a span's text is texts.text[start:end], in SQL
	-- substr(text, start + 1, "end" - start), which counts code points.
	attrs     TEXT,                         -- JSON object
	score     REAL,
	source    TEXT NOT NULL DEFAULT '',
	annotator TEXT NOT NULL DEFAULT '',
	extra     TEXT,                         -- JSON object of unknown fields
	PRIMARY KEY (doc_id, sid),
	CHECK (start >= 0 AND "end" > start)
) WITHOUT ROWID;
CREATE TABLE relations (
	doc_id   INTEGER NOT NULL,
	pos      INTEGER NOT NULL,              -- order within the document
	label    TEXT NOT NULL CHECK (label <> ''),
	from_sid TEXT NOT NULL,
	to_sid   TEXT NOT NULL,
	extra    TEXT,
	PRIMARY KEY (doc_id, pos),
	FOREIGN KEY (doc_id, from_sid) REFERENCES spans(doc_id, sid) ON DELETE CASCADE,
	FOREIGN KEY (doc_id, to_sid) REFERENCES spans(doc_id, sid) ON DELETE CASCADE
) WITHOUT ROWID;
-- Deleting a span looks up the relations that point at it.
CREATE INDEX relations_from ON relations(doc_id, from_sid);
CREATE INDEX relations_to ON relations(doc_id, to_sid);
-- Undo history: per document, done edits (undone = 0) always have smaller
-- ids than undone ones (undone = 1, the redo stack).
CREATE TABLE history (
	id     INTEGER PRIMARY KEY,
	doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	edit   TEXT NOT NULL,                   -- JSON, see editRec
	undone INTEGER NOT NULL DEFAULT 0,
	at     INTEGER NOT NULL                 -- Unix milliseconds
);
CREATE INDEX history_doc ON history(doc_id, undone, id);
CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;
PRAGMA application_id = 1396791635;
`},
	// v2 keeps each document's span count in its row, so that listing
	// 10,000 documents does not count spans (BenchmarkListDocuments10k
	// compares both). Every write of spans updates it in the same
	// transaction.
	{name: "span count column", sql: `
ALTER TABLE documents ADD COLUMN n_spans INTEGER NOT NULL DEFAULT 0;
UPDATE documents SET n_spans = (SELECT count(*) FROM spans WHERE spans.doc_id = documents.id);
`},
	// v3 copies a SPEAKER span's attrs.entity (when it is a string) into
	// its own column, indexed with the label: Entities and the label counts
	// of Stats then read the index alone (BenchmarkEntities10k: ~130 ms
	// with json_extract over the table or an expression index, ~30 ms
	// with the column). spanArgs writes it with every span row.
	{name: "speaker entity column", sql: `
ALTER TABLE spans ADD COLUMN entity TEXT;
UPDATE spans SET entity = json_extract(attrs, '$.entity')
	WHERE label = 'SPEAKER' AND json_type(attrs, '$.entity') = 'text';
CREATE INDEX spans_label_entity ON spans(label, entity);
`},
	// v4 remembers the suggestions the user rejected, so they are never
	// offered again. A rejection is keyed by the document's content hash
	// (documents.hash), not its row: a re-imported copy of the same text
	// stays rejected. kind is the QUOTE kind, '' for other labels. The
	// partial index lists the documents with spans labelled or edited by
	// hand, the material the suggester learns from
	// (EachHandLabeledDocument), without reading the whole spans table.
	{name: "rejected suggestions, hand-labelled span index", sql: `
CREATE TABLE rejections (
	hash  TEXT NOT NULL,
	label TEXT NOT NULL CHECK (label <> ''),
	kind  TEXT NOT NULL DEFAULT '',
	start INTEGER NOT NULL,                 -- code points
	"end" INTEGER NOT NULL,                 -- code points, exclusive
	at    INTEGER NOT NULL,                 -- Unix milliseconds
	PRIMARY KEY (hash, label, kind, start, "end"),
	CHECK (start >= 0 AND "end" > start)
) WITHOUT ROWID;
CREATE INDEX spans_by_hand ON spans(doc_id) WHERE source IN ('manual', 'edited');
`},
	// v5 gives every span, relation and undo step a layer: the name of
	// the annotator whose work it is. A project holds several annotators'
	// labels on the same documents, each layer apart (span ids are unique
	// within a layer, not across), so spans and relations are rebuilt
	// with the layer in their keys. Existing work goes to the unnamed
	// layer ''. Nothing references relations, so it is dropped first and
	// spans after it, with foreign keys on.
	{name: "annotator layers", sql: `
CREATE TABLE spans5 (
	doc_id    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	layer     TEXT NOT NULL DEFAULT '',
	sid       TEXT NOT NULL,
	label     TEXT NOT NULL CHECK (label <> ''),
	start     INTEGER NOT NULL,
	"end"     INTEGER NOT NULL,
	attrs     TEXT,
	score     REAL,
	source    TEXT NOT NULL DEFAULT '',
	annotator TEXT NOT NULL DEFAULT '',
	extra     TEXT,
	entity    TEXT,
	PRIMARY KEY (doc_id, layer, sid),
	CHECK (start >= 0 AND "end" > start)
) WITHOUT ROWID;
INSERT INTO spans5 (doc_id, layer, sid, label, start, "end", attrs, score, source, annotator, extra, entity)
	SELECT doc_id, '', sid, label, start, "end", attrs, score, source, annotator, extra, entity FROM spans;
CREATE TABLE relations5 (
	doc_id   INTEGER NOT NULL,
	layer    TEXT NOT NULL DEFAULT '',
	pos      INTEGER NOT NULL,
	label    TEXT NOT NULL CHECK (label <> ''),
	from_sid TEXT NOT NULL,
	to_sid   TEXT NOT NULL,
	extra    TEXT,
	PRIMARY KEY (doc_id, layer, pos),
	FOREIGN KEY (doc_id, layer, from_sid) REFERENCES spans5(doc_id, layer, sid) ON DELETE CASCADE,
	FOREIGN KEY (doc_id, layer, to_sid) REFERENCES spans5(doc_id, layer, sid) ON DELETE CASCADE
) WITHOUT ROWID;
INSERT INTO relations5 (doc_id, layer, pos, label, from_sid, to_sid, extra)
	SELECT doc_id, '', pos, label, from_sid, to_sid, extra FROM relations;
DROP TABLE relations;
DROP TABLE spans;
ALTER TABLE spans5 RENAME TO spans;
ALTER TABLE relations5 RENAME TO relations;
CREATE INDEX relations_from ON relations(doc_id, layer, from_sid);
CREATE INDEX relations_to ON relations(doc_id, layer, to_sid);
CREATE INDEX spans_label_entity ON spans(label, entity);
CREATE INDEX spans_by_hand ON spans(doc_id) WHERE source IN ('manual', 'edited');
CREATE INDEX spans_layer ON spans(layer, doc_id);
ALTER TABLE history ADD COLUMN layer TEXT NOT NULL DEFAULT '';
DROP INDEX history_doc;
CREATE INDEX history_doc ON history(doc_id, layer, undone, id);
`},
	// v6 stores the undo history in the model's own JSON (annotate.Edit,
	// whose spans and relations keep unknown fields inline, as the JSONL
	// format does). Before, the store wrote them through mirror types that
	// kept unknown fields as strings under "extra"; those rows are
	// rewritten (history.go, inlineLegacyExtra).
	{name: "history in the model's JSON", fn: rewriteLegacyHistory},
}

// SchemaVersion is the schema version this build writes: the number of
// migrations (TestMigrations checks they agree).
const SchemaVersion = 6

// migrate brings the database to version target in one transaction. A
// current database is not locked, so opening a project while another
// process writes to it works.
func migrate(db *sql.DB, target int) error {
	var current int
	if err := db.QueryRow(`PRAGMA user_version`).Scan(&current); err != nil {
		return err
	}
	if current >= target {
		return nil
	}
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // no-op after Commit
	var v int
	// Read inside the (immediate) transaction: another process may have
	// migrated the file meanwhile.
	if err := tx.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil {
		return err
	}
	if v >= target {
		return nil
	}
	for n := v + 1; n <= target; n++ {
		m := migrations[n-1]
		if _, err := tx.Exec(m.sql); err != nil {
			return fmt.Errorf("schema migration %d (%s): %w", n, m.name, err)
		}
		if m.fn != nil {
			if err := m.fn(tx); err != nil {
				return fmt.Errorf("schema migration %d (%s): %w", n, m.name, err)
			}
		}
	}
	if _, err := tx.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, target)); err != nil {
		return err
	}
	return tx.Commit()
}
