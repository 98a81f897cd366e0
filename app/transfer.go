package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/sayso/sayso/annotate"
	"github.com/sayso/sayso/annotate/format"
	"github.com/sayso/sayso/store"
)

// progressDialog shows a bar and a Cancel button for long work.
type progressDialog struct {
	d      dialog.Dialog
	bar    *widget.ProgressBar
	msg    *widget.Label
	cancel context.CancelFunc
	last   time.Time
}

func (u *UI) newProgress(title string, cancel context.CancelFunc) *progressDialog {
	p := &progressDialog{bar: widget.NewProgressBar(), msg: widget.NewLabel("Starting…"), cancel: cancel}
	btn := widget.NewButton("Cancel", func() {
		p.msg.SetText("Cancelling…")
		cancel()
	})
	content := container.NewVBox(p.msg, p.bar, container.NewCenter(btn))
	p.d = dialog.NewCustomWithoutButtons(title, content, u.win)
	p.d.Resize(fyne.NewSize(420, 160))
	p.d.Show()
	return p
}

// update is called from the worker goroutine; it repaints at most every
// 50 ms so a fast import is not slowed by its own progress bar.
func (p *progressDialog) update(done, total int, what string) {
	if done < total && time.Since(p.last) < 50*time.Millisecond {
		return
	}
	p.last = time.Now()
	fyne.Do(func() {
		if total > 0 {
			p.bar.SetValue(float64(done) / float64(total))
		}
		p.msg.SetText(fmt.Sprintf("%s %d of %d", what, done, total))
	})
}

// importPaths imports files and folders in the background with a
// progress bar; the UI stays usable and the import can be cancelled.
// done, if set, runs on the UI goroutine with the report afterwards.
func (u *UI) importPaths(paths []string, done func(*annotate.ImportReport)) {
	if u.st == nil || len(paths) == 0 {
		return
	}
	st := u.st
	u.background("Importing", "File", func(ctx context.Context, progress func(done, total int)) func() {
		rep, err := st.ImportPaths(ctx, paths, "", format.Options{}, progress)
		return func() {
			if err != nil {
				u.showError(err)
			}
			if rep == nil {
				return
			}
			u.reloadList()
			if done != nil {
				done(rep)
			} else if u.doc == nil && len(u.docs) > 0 {
				u.openDocument(u.docs[len(u.docs)-1].ID)
			}
			u.showImportReport(rep)
		}
	})
}

// background runs work off the UI goroutine behind a progress dialog
// with a Cancel button; one such task runs at a time. work reports
// progress counting items called what, and returns the function that
// shows its outcome, which runs on the UI goroutine once the dialog is
// gone.
func (u *UI) background(title, what string, work func(ctx context.Context, progress func(done, total int)) func()) {
	if u.busy {
		dialog.ShowInformation("Busy", "Another import or export is running.", u.win)
		return
	}
	u.busy = true
	ctx, cancel := context.WithCancel(context.Background())
	p := u.newProgress(title, cancel)
	var finish func()
	u.runBackground(func() {
		finish = work(ctx, func(done, total int) { p.update(done, total, what) })
	}, func() {
		u.busy = false
		cancel()
		p.d.Hide()
		finish()
	})
}

// showImportReport tells what came in; problems are listed by file.
func (u *UI) showImportReport(rep *annotate.ImportReport) {
	u.setMessage(rep.Summary())
	details := rep.Details()
	if details == "" {
		return
	}
	text := widget.NewLabel(details)
	text.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(text)
	scroll.SetMinSize(fyne.NewSize(560, 240))
	d := dialog.NewCustom("Import finished", "OK", container.NewBorder(widget.NewLabel(rep.Summary()), nil, nil, nil, scroll), u.win)
	d.Show()
}

// importPathDialog asks for one or more paths (one per line), for users
// who paste paths and for scripted tests.
func (u *UI) importPathDialog() {
	e := widget.NewMultiLineEntry()
	e.SetPlaceHolder("/path/to/article.txt or a folder (one per line)")
	e.SetMinRowsVisible(3)
	var d dialog.Dialog
	submit := func() {
		var paths []string
		for _, l := range strings.Split(e.Text, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				paths = append(paths, expandHome(l))
			}
		}
		d.Hide()
		u.importPaths(paths, u.openLastImported)
	}
	one := widget.NewEntry()
	one.SetPlaceHolder("/path/to/article.txt, a folder, or a .jsonl file")
	one.OnSubmitted = func(string) {
		e.SetText(one.Text)
		submit()
	}
	content := container.NewVBox(widget.NewLabel("Path (Enter imports):"), one, widget.NewLabel("or several paths, one per line:"), e)
	d = dialog.NewCustomConfirm("Import from Path", "Import", "Cancel", content, func(ok bool) {
		if ok {
			if strings.TrimSpace(e.Text) == "" {
				e.SetText(one.Text)
			}
			submit()
		}
	}, u.win)
	d.Resize(fyne.NewSize(560, 300))
	d.Show()
	u.win.Canvas().Focus(one)
}

// openLastImported opens the newest document after an import.
func (u *UI) openLastImported(rep *annotate.ImportReport) {
	if len(rep.Imported) > 0 && len(u.docs) > 0 {
		u.openDocument(u.docs[len(u.docs)-1].ID)
	}
}

func expandHome(p string) string {
	if strings.HasPrefix(p, "~/") {
		if h, err := os.UserHomeDir(); err == nil {
			return filepath.Join(h, p[2:])
		}
	}
	return p
}

func (u *UI) importFileDialog() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		r.Close()
		u.importPaths([]string{r.URI().Path()}, u.openLastImported)
	}, u.win)
	d.Show()
}

func (u *UI) importFolderDialog() {
	d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil || l == nil {
			return
		}
		u.importPaths([]string{l.Path()}, nil)
	}, u.win)
	d.Show()
}

// exportDialog exports the project as native JSONL, optionally only the
// documents marked done.
func (u *UI) exportDialog() {
	if u.st == nil {
		return
	}
	f := newExportForm(u)
	d := dialog.NewCustomConfirm("Export", "Export", "Cancel", f.content(), func(ok bool) {
		if ok {
			u.confirmExport(f.export())
		}
	}, u.win)
	u.dlg = d
	d.Resize(fyne.NewSize(640, 0))
	d.Show()
}

// confirmExport asks before replacing a file, then exports.
func (u *UI) confirmExport(e store.Export, err error) {
	if err != nil {
		u.showError(err)
		return
	}
	fi, statErr := os.Stat(e.Path)
	switch {
	case statErr != nil:
		u.exportTo(e)
	case fi.IsDir() && !e.Format.Folder:
		u.showError(fmt.Errorf("%s is a folder; name a file", e.Path))
	default:
		dialog.ShowConfirm("Replace?", e.Path+" exists. Replace it with this export?", func(ok bool) {
			if ok {
				u.exportTo(e)
			}
		}, u.win)
	}
}

// pathDialog asks for a file path: an entry with a default, a button
// that picks the folder, and extra content above. Fyne's file save
// dialog is not used, since it creates (and so empties) the file before
// we know the work will succeed.
func (u *UI) pathDialog(title, confirm, def string, extra []fyne.CanvasObject, ok func(path string)) {
	entry := widget.NewEntry()
	entry.SetText(def)
	browse := widget.NewButton("Folder…", func() {
		fd := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
			if err == nil && l != nil {
				entry.SetText(filepath.Join(l.Path(), filepath.Base(entry.Text)))
			}
		}, u.win)
		fd.Show()
	})
	content := container.NewVBox(append(extra, widget.NewLabel("File:"), container.NewBorder(nil, nil, nil, browse, entry))...)
	var d dialog.Dialog
	submit := func() {
		path := expandHome(strings.TrimSpace(entry.Text))
		if path == "" {
			return
		}
		d.Hide()
		ok(path)
	}
	entry.OnSubmitted = func(string) { submit() }
	d = dialog.NewCustomConfirm(title, confirm, "Cancel", content, func(yes bool) {
		if yes {
			submit()
		}
	}, u.win)
	d.Resize(fyne.NewSize(600, 0))
	d.Show()
	u.win.Canvas().Focus(entry)
}

// exportTo writes the export in the background with a progress bar, then
// shows what the format could not hold.
func (u *UI) exportTo(e store.Export) {
	st := u.st
	u.background("Exporting", "Document", func(ctx context.Context, progress func(done, total int)) func() {
		res, err := st.ExportFormat(ctx, e)
		return func() {
			switch {
			case errors.Is(err, context.Canceled):
				u.setMessage("Export cancelled; " + e.Path + " was not written")
			case err != nil:
				u.showError(fmt.Errorf("export to %s: %w", e.Path, err))
			default:
				u.showExportReport(res)
			}
		}
	})
}

// showExportReport tells where the export went and what it left out.
func (u *UI) showExportReport(res []store.ExportResult) {
	var b strings.Builder
	n := 0
	for _, r := range res {
		n += r.Documents
		fmt.Fprintf(&b, "%d document(s) to %s\n%s\n", r.Documents, r.Path, r.Loss.String())
	}
	u.setMessage(fmt.Sprintf("Exported %d document(s) to %s", n, res[0].Path))
	text := widget.NewLabel(b.String())
	text.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(text)
	scroll.SetMinSize(fyne.NewSize(600, 260))
	d := dialog.NewCustom("Export finished", "OK", scroll, u.win)
	u.dlg = d
	d.Show()
}
