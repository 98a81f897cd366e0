module github.com/sayso/sayso

go 1.26

require (
	fyne.io/fyne/v2 v2.7.1 // indirect
	github.com/jdkato/prose/v3 v3.2.3 // indirect
	github.com/mattn/go-sqlite3 v1.14.53 // indirect
	gopkg.in/neurosnap/sentences.v1 v1.0.6 // indirect
)
