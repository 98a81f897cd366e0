package main

import (
	"fmt"
	"io"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"github.com/sayso/sayso/app"
	"github.com/sayso/sayso/assets"
)

// runGUI opens the desktop app on --db or the default project.
func runGUI(args []string, stderr io.Writer) int {
	fs := newFlags("", stderr)
	db := fs.String("db", "", "project `file` to open (default: "+defaultProject()+")")
	pos, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) > 0 {
		fmt.Fprintf(stderr, "sayso: unexpected argument %q (see sayso help)\n", pos[0])
		return exitUsage
	}
	a := fyneapp.NewWithID("io.github.sayso.sayso")
	w := a.NewWindow("sayso")
	w.Resize(fyne.NewSize(1200, 760))
	samples, _ := assets.SampleFiles()
	ui, err := app.Create(a, w, app.Options{
		Version: version,
		Project: *db, DefaultProject: defaultProject(), Samples: samples, Guidelines: assets.Guidelines,
	})
	if err != nil {
		fmt.Fprintf(stderr, "sayso: %v\n", err)
		return exitError
	}
	w.SetMaster()
	w.ShowAndRun()
	ui.Close()
	return exitOK
}
