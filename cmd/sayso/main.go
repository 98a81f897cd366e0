// Command sayso labels who said what in news articles. With no arguments
// it opens the desktop app; subcommands serve scripts.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
