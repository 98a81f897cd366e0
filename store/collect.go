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
// another teacher's project, an older copy of a student's work) becomes a
// submission with its error; none stops the others. The assignment graded
// is the one most files were handed in for.
func (s *Store) CollectHandIns(paths []string) (*Collection, error) {
	files, errs := handInFiles(paths)
	c := &Collection{}
	for _, err := range errs {
		c.Work = append(c.Work, classroom.Submission{File: err.path, Err: err.err})
	}
	var read []handIn
	for _, f := range files {
		read = append(read, s.readOne(f))
	}
	chosen := majority(read)
	if chosen == nil {
		c.Work = append(c.Work, submissions(read)...)
		return c, errors.New("none of the files is work handed in for an assignment of this project")
	}
	c.Assignment = *chosen
	c.Work = append(c.Work, submissions(latestPerStudent(read, chosen.ID))...)
	key, err := s.AnswerKey(*chosen)
	if err != nil {
		return c, err
	}
	c.Key = key
	return c, nil
}

// handIn is one file read for a collection.
type handIn struct {
	path string
	file *HandInFile
	mine *Assignment // the teacher's record of its assignment
	err  error
}

// readOne reads a handed-in file and finds its assignment in this project.
func (s *Store) readOne(path string) handIn {
	h, err := ReadHandIn(path)
	if err != nil {
		return handIn{path: path, err: err}
	}
	mine, ok, err := s.FindAssignment(h.Assignment.ID)
	switch {
	case err != nil:
		return handIn{path: path, file: h, err: err}
	case !ok:
		return handIn{path: path, file: h, err: fmt.Errorf("%s: the assignment “%s” was not made from this project", path, h.Assignment.Title)}
	}
	return handIn{path: path, file: h, mine: &mine}
}

// majority returns the assignment most usable files belong to (on a tie,
// the newest), or nil.
func majority(read []handIn) *Assignment {
	count := map[string]int{}
	var best *Assignment
	for _, r := range read {
		if r.mine == nil {
			continue
		}
		count[r.mine.ID]++
		n, b := count[r.mine.ID], 0
		if best != nil {
			b = count[best.ID]
		}
		if best == nil || n > b || n == b && r.mine.Created > best.Created {
			best = r.mine
		}
	}
	return best
}

// latestPerStudent marks files of other assignments, and every copy of a
// student's work but the last handed in, as not graded.
func latestPerStudent(read []handIn, id string) []handIn {
	latest := map[string]int{}
	for i, r := range read {
		if r.mine == nil || r.mine.ID != id {
			continue
		}
		j, seen := latest[r.file.Student]
		if !seen || r.file.Assignment.HandedIn > read[j].file.Assignment.HandedIn {
			latest[r.file.Student] = i
		}
	}
	out := make([]handIn, len(read))
	for i, r := range read {
		out[i] = r
		switch {
		case r.mine != nil && r.mine.ID != id:
			out[i].err = fmt.Errorf("%s: handed in for another assignment (“%s”)", r.path, r.mine.Title)
		case r.mine != nil && latest[r.file.Student] != i:
			out[i].err = fmt.Errorf("%s: an older hand-in of %s; the newest one (%s) is graded", r.path, r.file.Student, filepath.Base(read[latest[r.file.Student]].path))
		}
	}
	return out
}

// submissions turns the files read into the classroom's submissions.
func submissions(read []handIn) []classroom.Submission {
	out := make([]classroom.Submission, 0, len(read))
	for _, r := range read {
		sub := classroom.Submission{File: filepath.Base(r.path), Err: r.err}
		if r.file != nil {
			sub.Student, sub.Docs, sub.Warnings = r.file.Student, r.file.Documents, r.file.Warnings
			if r.file.Assignment.HandedIn == 0 && r.err == nil {
				sub.Warnings = append(sub.Warnings, "the file was not handed in with File ▸ Hand In…; graded as it is")
			}
		}
		out = append(out, sub)
	}
	return out
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
