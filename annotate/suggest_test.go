package annotate

import (
	"os"
	"testing"
)

func testLexicon(t testing.TB) *Lexicon {
	t.Helper()
	lex, err := LoadLexicon(os.DirFS("../assets/lexicon"))
	if err != nil {
		t.Fatal(err)
	}
	return lex
}
