// Command sayso labels who said what in news articles. With no arguments
// it opens the desktop app; subcommands serve scripts.
package main

import (
	"os"

	_ "github.com/sayso/sayso/cmd/sayso/internal/quietlocale" // before Fyne reads the locale
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
