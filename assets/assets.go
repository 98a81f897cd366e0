// Package assets holds the files that ship inside the sayso binary: the
// application icon, the sample articles that fill a new default project,
// the annotation guidelines shown by the in-app help, and the lexicons
// used by the suggester. It imports no Fyne, so any package can use it.
//
// samples/README.md says where the sample articles came from and under
// which terms they are shipped; help/guidelines.md is a copy of the
// project's own annotation guidelines (MIT, like the code).
package assets

import (
	"embed"
	"io/fs"
	"path"
)

// Icon is the application icon: a 256x256 PNG.
//
//go:embed icon.png
var Icon []byte

// Samples holds the sample articles as samples/<name>.txt: UTF-8 text, the
// title on the first line, paragraphs separated by blank lines.
//
//go:embed samples/*.txt
var Samples embed.FS

// Guidelines is the Markdown text of the annotation guidelines (the label
// rules for QUOTE, SPEAKER and THREAT), for the in-app help.
//
//go:embed help/guidelines.md
var Guidelines string

// HelpStart is the in-app help's first page (Markdown): how to use the
// app.
//
//go:embed help/start.md
var HelpStart string

// HelpStudents is the in-app help's page for students (Markdown): what
// each label means, with examples, in plain words.
//
//go:embed help/students.md
var HelpStudents string

// SampleFiles returns the sample articles, keyed by file name (for example
// "000_221279df9e4eb468.txt"). Each call returns a new map.
func SampleFiles() (map[string][]byte, error) {
	entries, err := fs.ReadDir(Samples, "samples")
	if err != nil {
		return nil, err
	}
	files := make(map[string][]byte, len(entries))
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		b, err := Samples.ReadFile(path.Join("samples", e.Name()))
		if err != nil {
			return nil, err
		}
		files[e.Name()] = b
	}
	return files, nil
}
