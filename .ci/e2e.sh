#!/usr/bin/env bash
# End-to-end test of the real sayso binary, in a real window under Xvfb,
# driven with xdotool as a person would drive it with the keyboard:
#
#   1. open a new project (sayso --db P) in a fresh HOME,
#   2. Ctrl+I, type the path of testdata/e2e/article.txt, Return: the article
#      is imported and opened, the caret at the start of the text,
#   3. Ctrl+Right once, Ctrl+Shift+Right three times, Q: a direct QUOTE,
#   4. screenshot to artifacts/e2e.png, Ctrl+Q: the app exits with status 0,
#   5. `sayso export --db P` holds the article, unchanged, with a QUOTE span
#      whose offsets (code points) match its text.
#
# Prints "e2e: 1 passed, 0 failed" or "e2e: 0 passed, 1 failed" last, and
# exits non-zero on failure. Leaves in artifacts/: e2e.png, e2e-app.log,
# e2e-export.jsonl, and on failure e2e-failure.png (the screen at that
# moment). Needs Xvfb, xdotool and ImageMagick's import (`make deps`).
# SAYSO_BIN overrides bin/sayso.
set -Eeuo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
BIN="${SAYSO_BIN:-$ROOT/bin/sayso}"
ARTIFACTS="$ROOT/artifacts"
ARTICLE_SRC="$ROOT/testdata/e2e/article.txt"

# Time limits, in seconds (E2E_T_WINDOW=120 etc. to change one).
T_XVFB="${E2E_T_XVFB:-15}"     # Xvfb ready
T_WINDOW="${E2E_T_WINDOW:-60}" # the app's window shows (software GL on a loaded machine)
T_STEP="${E2E_T_STEP:-20}"     # an imported article / a new span shows up in the project
T_EXIT="${E2E_T_EXIT:-20}"     # the app exits after Ctrl+Q
T_CMD="${E2E_T_CMD:-60}"       # one export command

export PATH="$PATH:/usr/local/go/bin"

tmp=""
xvfb_pid=""
app_pid=""
passed=0

log() { printf 'e2e: %s\n' "$*"; }
fail() {
	printf 'e2e: FAIL: %s\n' "$*" >&2
	exit 1
}
# alive, stop
# shellcheck source=.ci/procs.sh
source .ci/procs.sh # both scripts run from the project root

cleanup() {
	local rc=$?
	set +e
	trap - ERR
	if ((rc != 0 || passed < 2)) && alive "$xvfb_pid" && [[ -n "${DISPLAY:-}" ]]; then
		mkdir -p "$ARTIFACTS"
		timeout 20 import -window root "$ARTIFACTS/e2e-failure.png" 2>/dev/null &&
			log "screenshot at failure: artifacts/e2e-failure.png"
	fi
	stop "$app_pid"
	stop "$xvfb_pid"
	if [[ -n "$tmp" ]]; then
		mkdir -p "$ARTIFACTS"
		for f in app.log xvfb.log export.jsonl export.err; do
			[[ -s "$tmp/$f" ]] && cp "$tmp/$f" "$ARTIFACTS/e2e-$f"
		done
		if ((rc != 0 || passed < 2)) && [[ -s "$tmp/app.log" ]]; then
			printf 'e2e: last lines of the app log (artifacts/e2e-app.log):\n' >&2
			tail -n 30 "$tmp/app.log" | sed 's/^/  | /' >&2
		fi
	fi
	[[ -n "$tmp" ]] && rm -rf "$tmp"
	if ((passed == 2 && rc == 0)); then
		echo "e2e: 2 passed, 0 failed"
	else
		echo "e2e: $passed passed, 1 failed"
		((rc != 0)) || rc=1
	fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
trap 'printf "e2e: FAIL: line %s: %s\n" "$LINENO" "$BASH_COMMAND" >&2' ERR

# app_check: fail now if the app has already exited.
app_check() {
	alive "$app_pid" && return 0
	local rc=0
	wait "$app_pid" || rc=$?
	app_pid=""
	fail "the app exited early (status $rc) $*"
}

# xdo ARGS...: xdotool on our display, never hanging.
xdo() { timeout 10 xdotool "$@"; }

# press KEY...: one key chord after another, as a typist would.
press() {
	local k
	for k in "$@"; do
		app_check "before key $k"
		xdo key --delay 60 "$k" || fail "xdotool could not press $k"
		sleep 0.25
	done
}

# sayso_cli ARGS...: the CLI, with the test's environment.
sayso_cli() { timeout "$T_CMD" env "${APP_ENV[@]}" "$BIN" "$@"; }

# export_has PATTERN: the project's export matches the extended regex (the
# app holds the project open; a failed read just means "not yet").
export_has() {
	sayso_cli export --db "$P" >"$tmp/poll.jsonl" 2>/dev/null &&
		grep -Eq -- "$1" "$tmp/poll.jsonl"
}

# settle SECONDS WHAT PATTERN: wait until the export matches, or go on after
# SECONDS (the final export decides; this wait only paces the keys).
settle() {
	local deadline=$((SECONDS + $1))
	while ((SECONDS < deadline)); do
		app_check "while waiting for $2"
		if export_has "$3"; then
			log "$2: seen in the project"
			return 0
		fi
		sleep 0.5
	done
	log "$2: not seen in the project within $1 s; going on"
}

# --- preconditions -----------------------------------------------------------
for tool in Xvfb xdotool import timeout; do
	command -v "$tool" >/dev/null 2>&1 || fail "$tool not found: run 'make deps' (or bash .ci/install-deps.sh)"
done
[[ -f "$ARTICLE_SRC" ]] || fail "missing $ARTICLE_SRC"
if [[ ! -x "$BIN" ]]; then
	log "building $BIN"
	go build -tags 'sqlite_fts5,migrated_fynedo' -o "$BIN" ./cmd/sayso || fail "could not build $BIN"
fi
mkdir -p "$ARTIFACTS"
rm -f "$ARTIFACTS"/e2e*.png "$ARTIFACTS"/e2e-*

tmp="$(mktemp -d "${TMPDIR:-/tmp}/sayso-e2e.XXXXXX")"
P="$tmp/e2e.sayso"
ARTICLE="$tmp/article.txt"
cp "$ARTICLE_SRC" "$ARTICLE"
mkdir -p "$tmp/.config" "$tmp/.local/share" "$tmp/.cache"
# A fresh HOME, so preferences and the default project go there.
APP_ENV=(
	HOME="$tmp"
	XDG_CONFIG_HOME="$tmp/.config"
	XDG_DATA_HOME="$tmp/.local/share"
	XDG_CACHE_HOME="$tmp/.cache"
	LANG=en_US.UTF-8
	LANGUAGE=en
	FYNE_SCALE=1
	LIBGL_ALWAYS_SOFTWARE=1
)

# --- X server ----------------------------------------------------------------
# -displayfd: Xvfb picks a free display and writes its number once it is ready.
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$tmp/display" >"$tmp/xvfb.log" 2>&1 &
xvfb_pid=$!
deadline=$((SECONDS + T_XVFB))
until [[ -s "$tmp/display" ]]; do
	alive "$xvfb_pid" || fail "Xvfb exited: $(tail -n 5 "$tmp/xvfb.log")"
	((SECONDS < deadline)) || fail "Xvfb not ready within $T_XVFB s"
	sleep 0.2
done
display_no="$(head -n 1 "$tmp/display")"
export DISPLAY=":$display_no"
log "Xvfb on $DISPLAY (1280x800x24)"

# --- the app -----------------------------------------------------------------
# start_app DB: the app on project DB, its window focused.
start_app() {
	log "starting $BIN --db $1"
	env "${APP_ENV[@]}" "$BIN" --db "$1" >>"$tmp/app.log" 2>&1 </dev/null &
	app_pid=$!
	local deadline=$((SECONDS + T_WINDOW)) wid=""
	until [[ -n "$wid" ]]; do
		app_check "before its window showed"
		((SECONDS < deadline)) || fail "no visible window named 'sayso' within $T_WINDOW s"
		sleep 0.5
		wid="$(xdo search --onlyvisible --name 'sayso' 2>/dev/null | head -n 1 || true)"
	done
	log "window $wid: $(xdo getwindowname "$wid" 2>/dev/null || echo '?')"
	# No window manager runs: give the window the input focus and the pointer.
	xdo windowfocus --sync "$wid" || log "note: windowfocus did not confirm"
	xdo mousemove --window "$wid" 20 20 || true
	sleep 2 # first frames, software GL
}

# quit_app: Ctrl+Q, and the app must exit with status 0.
quit_app() {
	log "Ctrl+Q"
	press ctrl+q
	local deadline=$((SECONDS + T_EXIT)) app_rc=0
	while alive "$app_pid"; do
		((SECONDS < deadline)) || fail "the app did not exit within $T_EXIT s of Ctrl+Q"
		sleep 0.25
	done
	wait "$app_pid" || app_rc=$?
	app_pid=""
	((app_rc == 0)) || fail "the app exited with status $app_rc after Ctrl+Q"
	log "the app exited with status 0"
}

# name_dialog NAME: the first label in a project asks who labels; type the
# name and Return.
name_dialog() {
	sleep 1
	app_check "when the name dialog should show"
	xdo type --delay 25 -- "$1" || fail "xdotool could not type the name"
	sleep 0.3
	press Return
}

start_app "$P"

log "Ctrl+I, then the path of the article and Return"
press ctrl+i
sleep 1
app_check "after Ctrl+I"
xdo type --delay 25 -- "$ARTICLE" || fail "xdotool could not type the path"
sleep 0.3
press Return
settle "$T_STEP" "imported article" '"text"'
sleep 1 # the annotation view takes the focus

log "Ctrl+Right, Ctrl+Shift+Right x3, Q, then the name asked the first time"
press ctrl+Right ctrl+shift+Right ctrl+shift+Right ctrl+shift+Right q
name_dialog "E2E Tester"
settle "$T_STEP" "QUOTE span" '"label" *: *"QUOTE"'
sleep 0.5 # let the span be drawn

timeout 30 import -window root "$ARTIFACTS/e2e.png" || fail "screenshot failed"
log "screenshot: artifacts/e2e.png"
quit_app

# --- the project, read back by the CLI -----------------------------------------
export_rc=0
sayso_cli export --db "$P" >"$tmp/export.jsonl" 2>"$tmp/export.err" || export_rc=$?
((export_rc == 0)) || fail "sayso export exited with status $export_rc: $(head -c 500 "$tmp/export.err")"

if command -v python3 >/dev/null 2>&1; then
	python3 - "$tmp/export.jsonl" "$ARTICLE" <<'PY' || fail "the export does not hold the expected QUOTE (artifacts/e2e-export.jsonl)"
import json, sys

export_path, article_path = sys.argv[1], sys.argv[2]
with open(article_path, encoding="utf-8") as f:
    article = f.read()
docs = []
with open(export_path, encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        if line.strip():
            try:
                docs.append(json.loads(line))
            except ValueError as e:
                sys.exit(f"e2e: export line {n} is not JSON: {e}")
if not docs:
    sys.exit("e2e: the export is empty")
matching = [d for d in docs if d.get("text") == article]
if not matching:
    sys.exit(f"e2e: no exported document has the article's text unchanged ({len(docs)} document(s))")
quotes = []
for d in matching:
    text = d["text"]
    for s in d.get("spans") or []:
        if s.get("label") != "QUOTE":
            continue
        start, end = s.get("start"), s.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            sys.exit(f"e2e: QUOTE span with bad offsets: {s}")
        if text[start:end] != s.get("text"):
            sys.exit(f"e2e: QUOTE offsets [{start},{end}) give {text[start:end]!r}, span text is {s.get('text')!r}")
        kind = (s.get("attrs") or {}).get("kind")
        if kind != "direct":
            sys.exit(f"e2e: QUOTE span has kind {kind!r}, want 'direct': {s}")
        if s.get("annotator") != "E2E Tester":
            sys.exit(f"e2e: QUOTE span is not recorded under the name typed in the dialog: {s}")
        quotes.append(s)
if not quotes:
    sys.exit("e2e: the article has no QUOTE span")
# The keys selected the three words after the opening mark: Ctrl+Right
# stops after the mark, Ctrl+Shift+Right x3 takes three words.
want = " ".join(article.lstrip("\u201c\"").split()[:3])
if not any(s["text"] == want for s in quotes):
    sys.exit(f"e2e: no QUOTE span is the selected words {want!r}: {[s['text'] for s in quotes]}")
for s in quotes:
    print(f"e2e: QUOTE [{s['start']},{s['end']}) {s['text']!r}")
PY
else
	log "python3 not found: checking the export with grep only"
	grep -Eq '"label"[[:space:]]*:[[:space:]]*"QUOTE"' "$tmp/export.jsonl" ||
		fail "the export has no QUOTE span (artifacts/e2e-export.jsonl)"
fi
passed=1

# --- the classroom -------------------------------------------------------------
# The teacher (CLI) makes an assignment from the sample articles with the
# answer key; one student labels in the real app (asked their name, no
# suggestions) and hands in; another student's labels come from the key
# less a third of it; collect grades both and writes the HTML report.
classroom_phase() {
	local T="$tmp/teacher.sayso" C="$tmp/class.sayso" S1="$tmp/ana.sayso" S2="$tmp/ben.sayso" in="$tmp/handed"
	sayso_cli import --db "$T" --layer "Ms Lee" "$ROOT/assets/samples" >/dev/null || fail "teacher: import of the samples"
	sayso_cli import --db "$T" --layer "Ms Lee" "$ROOT/annotate/testdata/seeds.jsonl" >/dev/null || fail "teacher: import of the key"
	sayso_cli assign --db "$T" --title "E2E class" -o "$C" || fail "assign"
	cp "$C" "$S1"
	cp "$C" "$S2"
	mkdir -p "$in"

	start_app "$S1"
	log "student: Ctrl+Shift+Right x4, Q, then the name"
	press ctrl+shift+Right ctrl+shift+Right ctrl+shift+Right ctrl+shift+Right q
	name_dialog "Ana"
	sleep 1
	timeout 30 import -window root "$ARTIFACTS/e2e-student.png" || fail "screenshot failed"
	quit_app
	sayso_cli handin --db "$S1" -o "$in/ana.sayso" || fail "handin (Ana)"

	python3 - "$ROOT/annotate/testdata/seeds.jsonl" "$tmp/ben.jsonl" <<'PY' || fail "could not write Ben's labels"
import json, sys
with open(sys.argv[1], encoding="utf-8") as f, open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in f:
        d = json.loads(line)
        keep = [s for i, s in enumerate(d["spans"]) if i % 3]
        ids = {s["id"] for s in keep}
        d["spans"] = keep
        d["relations"] = [r for r in d["relations"] if r["from"] in ids and r["to"] in ids]
        out.write(json.dumps(d, ensure_ascii=False) + "\n")
PY
	sayso_cli import --db "$S2" --layer Ben "$tmp/ben.jsonl" >/dev/null || fail "Ben's labels"
	sayso_cli handin --db "$S2" --name Ben -o "$in/ben.sayso" || fail "handin (Ben)"
	echo "not a project" >"$in/broken.sayso"

	sayso_cli collect --db "$T" --html "$ARTIFACTS/e2e-report.html" --csv "$tmp/grades.csv" "$in" >"$tmp/collect.txt" 2>"$tmp/collect.err" ||
		fail "collect: $(cat "$tmp/collect.err")"
	grep -q "broken.sayso" "$tmp/collect.err" || fail "collect did not report the broken file"
	python3 - "$ROOT/annotate/testdata/seeds.jsonl" "$tmp/grades.csv" "$ARTIFACTS/e2e-report.html" <<'PY' || fail "the class report's figures are wrong"
import csv, json, sys
key = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
total = sum(len(d["spans"]) for d in key)
kept = sum(1 for d in key for i, _ in enumerate(d["spans"]) if i % 3)
rows = {r["student"]: r for r in csv.DictReader(open(sys.argv[2], encoding="utf-8"))}
ben, ana = rows.get("Ben"), rows.get("Ana")
if not ben or not ana:
    sys.exit(f"e2e: gradebook rows {sorted(rows)}")
if (int(ben["found"]), int(ben["missed"]), int(ben["extra"])) != (kept, total - kept, 0):
    sys.exit(f"e2e: Ben found/missed/extra {ben['found']}/{ben['missed']}/{ben['extra']}, want {kept}/{total-kept}/0")
if int(ana["labels"]) != 1 or int(ana["found"]) + int(ana["missed"]) != total:
    sys.exit(f"e2e: Ana {ana}")
html = open(sys.argv[3], encoding="utf-8").read()
for want in ("Ana", "Ben", "broken.sayso", "data:image/svg"):
    if want not in html:
        sys.exit(f"e2e: the HTML report lacks {want!r}")
print(f"e2e: class report: Ben {kept}/{total - kept}/0, Ana 1 label; HTML {len(html)} bytes")
PY
}
classroom_phase
passed=2
