package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/sayso/sayso/annotate"
	"github.com/sayso/sayso/annotate/classroom"
)

// Collection is a class's handed-in work, gathered for one assignment.
type Collection struct {
	Assignment Assignment
	Key        []*annotate.Document
	Work       []classroom.Submission
}

// Report compares the collected work with the answer key.
func (c *Collection) Report() *classroom.Report {
	return classroom.CompareWith(c.Key, c.Work, classroom.Options{
		Title: c.Assignment.Title, SuggestionsAllowed: c.Assignment.Suggestions,
	})
}

// CollectHandIns reads handed-in class set files (paths may be folders
// holding them) for an assignment made from this project. Each file that
// cannot be used (broken, not an assignment, from another assignment or
// another teacher's project) becomes a submission with its error; none
// stops the others. The assignment is that of the first usable file.
func (s *Store) CollectHandIns(paths []string) (*Collection, error) {
	files, errs := handInFiles(paths)
	c := &Collection{}
	for _, err := range errs {
		c.Work = append(c.Work, classroom.Submission{File: err.path, Err: err.err})
	}
	var chosen *Assignment
	for _, f := range files {
		sub := s.collectOne(f, &chosen)
		c.Work = append(c.Work, sub)
	}
	if chosen == nil {
		return c, errors.New("none of the files is work handed in for an assignment of this project")
	}
	c.Assignment = *chosen
	key, err := s.AnswerKey(*chosen)
	if err != nil {
		return c, err
	}
	c.Key = key
	return c, nil
}

// collectOne reads one handed-in file; chosen is the assignment of the
// collection, set by the first usable file.
func (s *Store) collectOne(path string, chosen **Assignment) classroom.Submission {
	sub := classroom.Submission{File: filepath.Base(path)}
	h, err := ReadHandIn(path)
	if err != nil {
		sub.Err = err
		return sub
	}
	sub.Student, sub.Docs = h.Student, h.Documents
	mine, ok, err := s.FindAssignment(h.Assignment.ID)
	switch {
	case err != nil:
		sub.Err = err
	case !ok:
		sub.Err = fmt.Errorf("%s: the assignment “%s” was not made from this project", path, h.Assignment.Title)
	case *chosen == nil:
		*chosen = &mine
	case (*chosen).ID != mine.ID:
		sub.Err = fmt.Errorf("%s: handed in for another assignment (“%s”, not “%s”)", path, mine.Title, (*chosen).Title)
	}
	if h.Assignment.HandedIn == 0 && sub.Err == nil {
		sub.Warnings = append(sub.Warnings, "the file was not handed in with File ▸ Hand In…; graded as it is")
	}
	return sub
}

type pathErr struct {
	path string
	err  error
}

// handInFiles expands folders into the .sayso files they hold.
func handInFiles(paths []string) ([]string, []pathErr) {
	var files []string
	var errs []pathErr
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			errs = append(errs, pathErr{filepath.Base(p), err})
			continue
		}
		if !fi.IsDir() {
			files = append(files, p)
			continue
		}
		found, _ := filepath.Glob(filepath.Join(p, "*.sayso"))
		found = slices.DeleteFunc(found, func(f string) bool { return strings.HasPrefix(filepath.Base(f), ".") })
		if len(found) == 0 {
			errs = append(errs, pathErr{filepath.Base(p), fmt.Errorf("%s: no .sayso files in the folder", p)})
		}
		files = append(files, found...)
	}
	return files, errs
}
