package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// On a bare C locale Fyne would log "Error parsing user locale C" while
// its packages initialise; the quietlocale package must prevent it. The
// test starts this test binary again under LANG=C.UTF-8 and reads what it
// printed during initialisation.
func TestNoLocaleErrorOnCLocale(t *testing.T) {
	if os.Getenv("SAYSO_LOCALE_CHILD") == "1" {
		return
	}
	for _, lang := range []string{"C.UTF-8", "C", "POSIX"} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestNoLocaleErrorOnCLocale$")
		var env []string
		for _, kv := range os.Environ() {
			if !strings.HasPrefix(kv, "LANGUAGE=") && !strings.HasPrefix(kv, "LC_") && !strings.HasPrefix(kv, "LANG=") {
				env = append(env, kv)
			}
		}
		cmd.Env = append(env, "LANG="+lang, "SAYSO_LOCALE_CHILD=1")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("child failed: %v\n%s", err, out)
		}
		if strings.Contains(string(out), "Error parsing user locale") {
			t.Fatalf("LANG=%s: Fyne still logs the locale error:\n%s", lang, out)
		}
	}
}
