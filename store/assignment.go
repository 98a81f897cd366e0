package store

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/sayso/sayso/annotate"
)

// Classroom assignments. A teacher makes a class set from documents of
// their project: a new project file with those documents and no labels at
// all (the answer key stays in the teacher's project), which records the
// assignment and whether suggestions are allowed. A student opens it,
// labels it under their name and hands back a copy of the same file. The
// teacher's project remembers the assignments it made, with the layer that
// is their key, so handed-in files can be matched and compared.

// Setting keys of a project.
const (
	// SettingAnnotator is the name of the person labeling in this project
	// file: the current layer when the app opens it.
	SettingAnnotator = "annotator"
	// settingAssignment holds, in a class set file, its Assignment.
	settingAssignment = "assignment"
	// settingAssignments holds, in a teacher's project, the assignments
	// made from it.
	settingAssignments = "assignments"
)

// ErrNotAssignment is returned for a project file that is not a class set.
var ErrNotAssignment = errors.New("not a sayso assignment (make one with File ▸ New Assignment…)")

// Assignment describes a class set.
type Assignment struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Suggestions tells whether students may see suggestions. When false
	// the student's app neither computes nor offers them.
	Suggestions bool `json:"suggestions"`
	// Documents are the content hashes of the class set's documents.
	Documents []string `json:"documents"`
	Created   int64    `json:"created"` // Unix milliseconds
	// KeyLayer is the teacher's layer that is the answer key. Only the
	// teacher's project keeps it; a class set file never holds it.
	KeyLayer string `json:"key_layer,omitempty"`
	// HandedIn is when a student's copy was handed in (Unix ms).
	HandedIn int64 `json:"handed_in,omitempty"`
}

// NewAssignment writes a class set to path: the documents ids of s,
// without any labels, and a as its assignment (a new id is given). The
// file must not exist; it is written under a temporary name and renamed,
// so a failure leaves nothing behind. s records the assignment, with its
// current layer as the answer key.
func (s *Store) NewAssignment(path string, a Assignment, ids []int64) (Assignment, error) {
	fail := func(err error) (Assignment, error) {
		return Assignment{}, fmt.Errorf("new assignment %s: %w", path, err)
	}
	if len(ids) == 0 {
		return fail(errors.New("no documents chosen"))
	}
	if _, err := os.Stat(path); err == nil {
		return fail(errors.New("the file already exists"))
	}
	id, err := newAssignmentID()
	if err != nil {
		return fail(err)
	}
	a.ID, a.Created, a.KeyLayer, a.HandedIn, a.Documents = id, s.stamp(), "", 0, nil
	var docs []*annotate.Document
	for _, id := range ids {
		d, err := s.Document(id)
		if err != nil {
			return fail(err)
		}
		docs = append(docs, classSetCopy(d))
		a.Documents = append(a.Documents, annotate.ContentHash(d.Text))
	}
	if err := writeClassSet(path, a, docs); err != nil {
		return fail(err)
	}
	a.KeyLayer = s.Layer()
	if err := s.addAssignment(a); err != nil {
		os.Remove(path)
		return fail(err)
	}
	return a, nil
}

// tempDir makes a temporary folder and returns the function removing it.
func tempDir() (string, func(), error) {
	dir, err := os.MkdirTemp("", "sayso-")
	if err != nil {
		return "", nil, err
	}
	return dir, func() { os.RemoveAll(dir) }, nil
}

func sortStrings(s []string) { slices.Sort(s) }

// classSetCopy is what a class set holds of a document: its id, title,
// text and source file, and nothing else: no labels, no meta or unknown
// fields a key might have put there.
func classSetCopy(d *annotate.Document) *annotate.Document {
	c := &annotate.Document{ID: d.ID, Title: d.Title, Text: d.Text, Status: annotate.StatusNew}
	if f, ok := d.Meta["source_file"].(string); ok {
		c.Meta = map[string]any{"source_file": f}
	}
	return c
}

func newAssignmentID() (string, error) {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}

func writeClassSet(path string, a Assignment, docs []*annotate.Document) error {
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp")
	removeProject(tmp)
	cs, err := Open(tmp)
	if err != nil {
		return err
	}
	_, err = cs.AddDocuments(docs)
	if err == nil {
		err = cs.setJSON(settingAssignment, a)
	}
	if cerr := cs.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		removeProject(tmp)
	}
	return err
}

// removeProject removes a project file and its WAL and shared-memory files.
func removeProject(path string) {
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		os.Remove(p)
	}
}

func (s *Store) setJSON(key string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return s.SetSetting(key, string(b))
}

func (s *Store) getJSON(key string, v any) (bool, error) {
	raw, err := s.Setting(key)
	if err != nil || raw == "" {
		return false, err
	}
	if err := json.Unmarshal([]byte(raw), v); err != nil {
		return false, fmt.Errorf("setting %q is damaged: %v", key, err)
	}
	return true, nil
}

// Assignment returns the assignment of a class set file, or nil for an
// ordinary project.
func (s *Store) Assignment() (*Assignment, error) {
	var a Assignment
	ok, err := s.getJSON(settingAssignment, &a)
	if !ok {
		return nil, err
	}
	return &a, nil
}

// Assignments lists the assignments made from this project, oldest first.
func (s *Store) Assignments() ([]Assignment, error) {
	var list []Assignment
	_, err := s.getJSON(settingAssignments, &list)
	return list, err
}

func (s *Store) addAssignment(a Assignment) error {
	list, err := s.Assignments()
	if err != nil {
		return err
	}
	return s.setJSON(settingAssignments, append(list, a))
}

// HandIn writes a copy of this class set, with the student's labels and
// name, to path, recording when it was handed in. An existing file at path
// is replaced only as a whole (the copy is written beside it and renamed).
func (s *Store) HandIn(path string) error {
	fail := func(err error) error { return fmt.Errorf("hand in %s: %w", path, err) }
	a, err := s.Assignment()
	if err != nil {
		return fail(err)
	}
	if a == nil {
		return fail(ErrNotAssignment)
	}
	if name, _ := s.Setting(SettingAnnotator); strings.TrimSpace(name) == "" {
		return fail(errors.New("no student name is set (Edit ▸ Annotator Name…)"))
	}
	a.HandedIn = s.stamp()
	if err := s.setJSON(settingAssignment, a); err != nil {
		return fail(err)
	}
	if err := s.BackupTo(path); err != nil {
		return fail(err)
	}
	return nil
}

// BackupTo writes a consistent copy of the project to path (VACUUM INTO
// a temporary file beside it, then a rename), replacing a file there.
func (s *Store) BackupTo(path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	if mine, _ := filepath.Abs(s.path); mine == abs {
		return errors.New("cannot copy a project onto itself")
	}
	if fi, err := os.Stat(filepath.Dir(abs)); err != nil || !fi.IsDir() {
		return fmt.Errorf("the folder %s does not exist", filepath.Dir(abs))
	}
	tmp := filepath.Join(filepath.Dir(abs), "."+filepath.Base(abs)+".tmp")
	os.Remove(tmp)
	if _, err := s.w.Exec(`VACUUM INTO ?`, tmp); err != nil {
		os.Remove(tmp)
		return sqliteErr(err)
	}
	if err := os.Rename(tmp, abs); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// HandInFile is what a handed-in class set holds.
type HandInFile struct {
	Path       string
	Assignment Assignment
	Student    string
	// Documents are the class set's documents with the student's labels
	// (their layer), in the file's order.
	Documents []*annotate.Document
	// Warnings are labels of the file that were not the student's.
	Warnings []string
}

// ReadHandIn reads a handed-in class set without changing it: the file is
// copied to a temporary folder and read there. Errors name the file and
// say what is wrong with it (not a project, not an assignment, no name).
func ReadHandIn(path string) (*HandInFile, error) {
	fail := func(err error) (*HandInFile, error) { return nil, fmt.Errorf("%s: %w", path, err) }
	st, cleanup, err := openCopy(path)
	if err != nil {
		return nil, err
	}
	defer cleanup()
	a, err := st.Assignment()
	if err != nil {
		return fail(err)
	}
	if a == nil {
		return fail(ErrNotAssignment)
	}
	h := &HandInFile{Path: path, Assignment: *a}
	name, _ := st.Setting(SettingAnnotator)
	layers, err := st.Layers()
	if err != nil {
		return fail(err)
	}
	student, layer, warn, err := studentLayer(strings.TrimSpace(name), layers)
	if err != nil {
		return fail(err)
	}
	h.Student, h.Warnings = student, warn
	if h.Student == "" {
		h.Student = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	}
	err = st.EachDocumentLayers("", func(_ int64, base *annotate.Document, layers map[string]*annotate.Document) error {
		d := base
		if l, ok := layers[layer]; ok {
			d = l
		}
		h.Documents = append(h.Documents, d)
		return nil
	})
	if err != nil {
		return fail(err)
	}
	return h, nil
}

// studentLayer picks the layer of a handed-in file that is the student's
// work: the one named like the student, else the only layer with labels.
// Labels in other layers are left out with a warning; a file with no
// name and no labels is an error.
func studentLayer(name string, layers []LayerInfo) (student, layer string, warn []string, err error) {
	if len(layers) == 0 {
		if name == "" {
			return "", "", nil, errors.New("nothing was labeled and no student name was given")
		}
		return name, name, nil, nil
	}
	pick := name
	if !slices.ContainsFunc(layers, func(l LayerInfo) bool { return l.Name == name }) {
		if len(layers) > 1 {
			return "", "", nil, fmt.Errorf("the file holds the labels of %d annotators and none is the student %q", len(layers), name)
		}
		pick = layers[0].Name
	}
	for _, l := range layers {
		if l.Name != pick {
			warn = append(warn, fmt.Sprintf("%d label(s) of %s in the file were not graded", l.Spans, layerName(l.Name)))
		}
	}
	if name == "" {
		name = pick
	}
	return name, pick, warn, nil
}

// unwrapOpen turns Open's message about the temporary copy into one about
// the file itself.
func unwrapOpen(err error, tmp string) error {
	msg := strings.ReplaceAll(err.Error(), "open "+tmp+": ", "")
	if errors.Is(err, ErrNotProject) {
		return fmt.Errorf("%w (%s)", ErrNotProject, msg)
	}
	return errors.New(msg)
}

// copyProject copies a project file, and its WAL when there is one.
func copyProject(src, dst string) error {
	fi, err := os.Stat(src)
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() {
		return errors.New("not a regular file")
	}
	if err := copyFile(src, dst); err != nil {
		return err
	}
	if _, err := os.Stat(src + "-wal"); err == nil {
		return copyFile(src+"-wal", dst+"-wal")
	}
	return nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// AnswerKey returns the documents of assignment a from this (the
// teacher's) project, with the labels of its key layer, in the
// assignment's order. A document the project no longer has is an error.
func (s *Store) AnswerKey(a Assignment) ([]*annotate.Document, error) {
	var out []*annotate.Document
	err := s.read(func(tx *sql.Tx) error {
		for _, h := range a.Documents {
			var id int64
			if err := tx.QueryRow(`SELECT id FROM documents WHERE hash = ?`, h).Scan(&id); errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("assignment %q: a document of the class set is no longer in the project", a.Title)
			} else if err != nil {
				return err
			}
			d, err := loadDoc(tx, id, a.KeyLayer)
			if err != nil {
				return err
			}
			stampLayer(d, a.KeyLayer)
			out = append(out, d)
		}
		return nil
	})
	return out, err
}

// FindAssignment returns the assignment of this project with id.
func (s *Store) FindAssignment(id string) (Assignment, bool, error) {
	list, err := s.Assignments()
	if err != nil {
		return Assignment{}, false, err
	}
	i := slices.IndexFunc(list, func(a Assignment) bool { return a.ID == id })
	if i < 0 {
		return Assignment{}, false, nil
	}
	return list[i], true, nil
}
