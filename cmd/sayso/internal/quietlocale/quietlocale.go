// Package quietlocale names English for Fyne's messages when the user's
// locale is the bare C or POSIX locale (C.UTF-8 on many servers and
// containers), which Fyne 2.7 cannot parse: it would log "Error parsing
// user locale C" on every start.
//
// Fyne reads the locale while its packages initialise, before main runs,
// so this must happen in a package initialiser. Go initialises packages
// in import-path order as far as their dependencies allow (Go 1.21+);
// this package depends only on os and sorts before golang.org/x/text,
// which fyne.io/fyne/v2/lang needs, so its init runs first. A test in
// cmd/sayso checks that the message is gone.
package quietlocale

import (
	"os"
	"strings"
)

func init() { Fix() }

// Fix sets LANGUAGE=en when no LANGUAGE is set and the effective locale
// is C or POSIX (with or without a codeset).
func Fix() {
	if os.Getenv("LANGUAGE") != "" {
		return
	}
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(k)
		if v == "" {
			continue
		}
		if v == "C" || v == "POSIX" || strings.HasPrefix(v, "C.") || strings.HasPrefix(v, "POSIX.") {
			os.Setenv("LANGUAGE", "en")
		}
		return
	}
}
