package assets

import (
	"embed"
	"io/fs"
)

// lexicon holds the suggester's word lists (lexicon/README.md describes
// them). The CAMEO files come with their MIT licence in lexicon/licenses.
//
//go:embed lexicon
var lexicon embed.FS

// LexiconFS returns the lexicon files, for suggest.LoadLexicon (annotate/suggest).
func LexiconFS() fs.FS {
	sub, err := fs.Sub(lexicon, "lexicon")
	if err != nil {
		panic(err) // the folder is embedded at build time
	}
	return sub
}
