// Package store keeps a sayso project: one SQLite file holding the
// project's documents with their spans and relations, each document's
// persistent undo history, and the project's settings.
//
// # Durability
//
// Every user edit (Apply, Undo, Redo, SetStatus, SetSetting) is one
// transaction, committed in WAL mode with synchronous=FULL: once the call
// has returned, the change survives a killed process and a power loss. An
// import (AddDocuments, AddDocumentsSeq) is one transaction too: all of it
// or nothing. Bad input (an edit that does not fit the document, a document
// whose spans do not match its text) is refused with an error naming the
// problem, and nothing is written.
//
// # Schema
//
// The schema is versioned with PRAGMA user_version and migrated forward by
// Open (see migrations in schema.go); PRAGMA application_id marks the file
// as a sayso project. Open refuses, without touching it, a file that is not
// an SQLite database or belongs to another application (ErrNotProject), and
// a project written by a newer sayso (ErrNewerSchema).
//
// # Concurrency
//
// A Store is safe for concurrent use. Writes go through one connection and
// are serialised; reads use a small pool and see the last committed state,
// also while a write or a long import is in progress. Another process (the
// command-line tool) may open the same project: its writes wait up to a
// busy timeout for each other and then fail with ErrBusy, naming the file.
//
// # Suggestions
//
// Rejected suggestions (Reject, Rejections) are kept per document text,
// keyed by its content hash, so the app never offers them again, also for
// a re-imported copy. A rejection is committed at once and is not part of
// the undo history; Unreject takes one back. EachHandLabeledDocument walks
// the documents with spans labelled or edited by hand, which the app
// learns a project's speech verbs, threat phrases and names from.
//
// # Undo
//
// Each document has its own undo history, HistoryDepth steps deep, kept in
// the file: undo and redo work across restarts. Apply drops the redo steps.
// SetStatus is not an edit and is not in the history.
package store
