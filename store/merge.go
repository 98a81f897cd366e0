package store

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/sayso/sayso/annotate"
)

// MergeReport tells what MergeProject brought in.
type MergeReport struct {
	Layers    []string // the layers the labels came in as
	Added     int      // documents new to this project
	Merged    int      // documents already here that gained a layer
	Kept      int      // layers left out because this project already had them
	Unchanged int      // documents with nothing to bring in
}

// MergeProject brings another annotator's project file into this one:
// documents it lacks are added, and each layer of the other file comes in
// under its annotator's name, never mixed with a layer here: the other
// file's unnamed layer takes its annotator setting (else the file's name),
// and a layer named like this store's current layer is renamed "name
// (file)". The other file is read from a copy and not changed.
func (s *Store) MergeProject(path string) (MergeReport, error) {
	var rep MergeReport
	other, cleanup, err := openCopy(path)
	if err != nil {
		return rep, err
	}
	defer cleanup()
	rename, err := layerNamer(other, path, s.Layer())
	if err != nil {
		return rep, fmt.Errorf("%s: %w", path, err)
	}
	seen := map[string]bool{}
	var docs []*annotate.Document
	err = other.EachDocumentLayers("", func(_ int64, base *annotate.Document, layers map[string]*annotate.Document) error {
		named := make(map[string]*annotate.Document, len(layers))
		for n, l := range layers {
			to := rename(n)
			for i := range l.Spans {
				l.Spans[i].Annotator = to
			}
			named[to] = l
			seen[to] = true
		}
		if len(named) == 0 {
			docs = append(docs, base)
			return nil
		}
		m := annotate.MergeLayers(base, named)
		if len(named) == 1 {
			// One layer: every span names it (set above), so a split
			// by annotator puts it where it belongs.
			m.Meta[annotate.MetaLayers] = []any{}
		}
		docs = append(docs, m)
		return nil
	})
	if err != nil {
		return rep, fmt.Errorf("%s: %w", path, err)
	}
	res, err := s.AddDocuments(docs)
	if err != nil {
		return rep, fmt.Errorf("merge %s: %w", path, err)
	}
	for n := range seen {
		rep.Layers = append(rep.Layers, n)
	}
	sortStrings(rep.Layers)
	for _, r := range res {
		switch {
		case len(r.Merged) > 0:
			rep.Merged++
		case r.Duplicate:
			rep.Unchanged++
		default:
			rep.Added++
		}
		rep.Kept += len(r.Kept)
	}
	return rep, nil
}

// layerNamer maps the other file's layer names to the names they get
// here: the unnamed layer takes the file's annotator (else the file's
// name); a name this store's current layer has, or that another layer of
// the file already took, becomes "name (file)", "name (file 2)", …
func layerNamer(other *Store, path, mine string) (func(string) string, error) {
	owner, _ := other.Setting(SettingAnnotator)
	owner = strings.TrimSpace(owner)
	file := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	layers, err := other.Layers()
	if err != nil {
		return nil, err
	}
	used := map[string]bool{mine: true}
	names := map[string]string{}
	for _, l := range layers {
		n := l.Name
		if n == "" {
			n = owner
		}
		if n == "" {
			n = file
		}
		for k, base := 2, n; used[n]; k++ {
			n = fmt.Sprintf("%s (%s)", base, file)
			if k > 2 {
				n = fmt.Sprintf("%s (%s %d)", base, file, k-1)
			}
		}
		used[n] = true
		names[l.Name] = n
	}
	return func(n string) string { return names[n] }, nil
}

// openCopy opens a copy of the project at path in a temporary folder, so
// reading it never changes it (Open may migrate or switch to WAL).
func openCopy(path string) (*Store, func(), error) {
	dir, cleanup, err := tempDir()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	tmp := filepath.Join(dir, "copy.sayso")
	if err := copyProject(path, tmp); err != nil {
		cleanup()
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	st, err := Open(tmp)
	if err != nil {
		cleanup()
		return nil, nil, fmt.Errorf("%s: %w", path, unwrapOpen(err, tmp))
	}
	return st, func() { st.Close(); cleanup() }, nil
}
