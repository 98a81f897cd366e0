#!/usr/bin/env bash
# Tests the packages of `make dist` as a user would meet them (`make dist-test`):
#
#   - dist/SHA256SUMS holds for the three artifacts;
#   - the .deb: control fields (version, Depends), its files; `dpkg -x` into
#     a scratch root; the installed binary prints the FyneApp.toml version,
#     and started with no arguments in a fresh HOME under Xvfb its window
#     shows and the new default project holds the sample articles;
#   - the tarball: `make user-install` into a scratch HOME and `make install`
#     into a scratch DESTDIR put the binary, the menu entry and the icon in place;
#   - the .zip: sayso.exe with its version resource, README and licences;
#     under Wine: `sayso.exe version`, an import of a small .txt, export,
#     import of that export and export again (same bytes), and the app's
#     window with the sample articles (screenshot artifacts/dist-wine.png);
#   - reproducible: a second build (DIST_DIR=a temporary folder, the first
#     build's SOURCE_DATE_EPOCH) gives the same SHA256SUMS
#     (DIST_TEST_REBUILD=0 leaves this out).
#
# Prints "dist-test: N passed, M failed" last; exits non-zero if M > 0.
# Leaves screenshots and logs in artifacts/ (dist-*.png, dist-test/).
# Needs `bash .ci/install-deps.sh --dist-test` and a `make dist` first.
set -Euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1
ROOT="$PWD"
DIST="$ROOT/dist"
ARTIFACTS="$ROOT/artifacts"
LOGS="$ARTIFACTS/dist-test"
export PATH="$PATH:/usr/local/go/bin"

T_WINDOW="${DIST_T_WINDOW:-90}"  # a window shows (software GL; Wine is slower)
T_EXIT="${DIST_T_EXIT:-30}"      # the app exits after Ctrl+Q
T_CMD="${DIST_T_CMD:-120}"       # one command line run (Wine's first start is slow)
T_WINEBOOT="${DIST_T_WINEBOOT:-240}"

VERSION="$(sed -n 's/^[[:space:]]*Version[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' FyneApp.toml | head -n 1)"
APP_ID="$(sed -n 's/^[[:space:]]*ID[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' FyneApp.toml | head -n 1)"
DEB="$DIST/sayso_${VERSION}_amd64.deb"
TARBALL="$DIST/sayso-$VERSION-linux-amd64.tar.xz"
ZIP="$DIST/sayso-$VERSION-windows-amd64.zip"
SAMPLES=("$ROOT"/assets/samples/*.txt)

passed=0
failed=0
tmp=""
xvfb_pid=""
app_pid=""

log() { printf 'dist-test: %s\n' "$*"; }
# alive, stop
# shellcheck source=.ci/procs.sh
source .ci/procs.sh # both scripts run from the project root

cleanup() {
	set +e
	stop "$app_pid"
	if [[ -n "${WINEPREFIX:-}" && -d "$WINEPREFIX" ]]; then
		timeout 20 wineserver -k >/dev/null 2>&1
	fi
	stop "$xvfb_pid"
	[[ -n "$tmp" ]] && rm -rf "$tmp"
	echo "dist-test: $passed passed, $failed failed"
	((failed == 0 && passed > 0))
	exit $?
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# check NAME FUNC ARGS...: run one test; its output goes to the log.
check() {
	local name="$1" out="$LOGS/$1.log" start=$SECONDS
	shift
	if "$@" >"$out" 2>&1; then
		passed=$((passed + 1))
		log "ok   $name ($((SECONDS - start)) s)"
	else
		failed=$((failed + 1))
		log "FAIL $name ($((SECONDS - start)) s), artifacts/dist-test/$name.log:"
		tail -n 15 "$out" | sed 's/^/  | /'
	fi
}

# expect WHAT GOT WANT
expect() {
	[[ "$2" == "$3" ]] && return 0
	printf '%s: got %q, want %q\n' "$1" "$2" "$3"
	return 1
}

# --- preconditions -----------------------------------------------------------
for tool in Xvfb xdotool import timeout dpkg-deb make wine wineboot wineserver unzip strings file x86_64-w64-mingw32-gcc; do
	command -v "$tool" >/dev/null 2>&1 || {
		log "$tool not found: run bash .ci/install-deps.sh --dist-test"
		exit 1
	}
done
for f in "$DEB" "$TARBALL" "$ZIP" "$DIST/SHA256SUMS"; do
	[[ -f "$f" ]] || {
		log "missing ${f#"$ROOT"/}: run make dist first"
		exit 1
	}
done
mkdir -p "$LOGS"
rm -f "$LOGS"/*.log "$ARTIFACTS"/dist-*.png
tmp="$(mktemp -d "${TMPDIR:-/tmp}/sayso-dist-test.XXXXXX")"

# fresh_env DIR: a fresh HOME for one run, as `env` arguments in ENV_ARGS.
fresh_env() {
	mkdir -p "$1/.config" "$1/.local/share" "$1/.cache"
	ENV_ARGS=(HOME="$1" XDG_CONFIG_HOME="$1/.config" XDG_DATA_HOME="$1/.local/share"
		XDG_CACHE_HOME="$1/.cache" LANG=en_US.UTF-8 LANGUAGE=en FYNE_SCALE=1 LIBGL_ALWAYS_SOFTWARE=1)
}

# --- X server ----------------------------------------------------------------
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$tmp/display" >"$LOGS/xvfb.out" 2>&1 &
xvfb_pid=$!
deadline=$((SECONDS + 15))
until [[ -s "$tmp/display" ]]; do
	alive "$xvfb_pid" && ((SECONDS < deadline)) || {
		log "Xvfb did not start"
		exit 1
	}
	sleep 0.2
done
DISPLAY=":$(head -n 1 "$tmp/display")"
export DISPLAY
log "Xvfb on $DISPLAY; sayso $VERSION"

# window_test WHAT SHOT CMD...: start CMD (a GUI app) in the background, wait
# for a visible window named sayso, screenshot it to SHOT, Ctrl+Q, wait for
# the exit.
window_test() {
	local what="$1" shot="$2" wid="" deadline
	shift 2
	"$@" >"$LOGS/$what-app.out" 2>&1 </dev/null &
	app_pid=$!
	deadline=$((SECONDS + T_WINDOW))
	until [[ -n "$wid" ]]; do
		alive "$app_pid" || { echo "the app exited before its window showed"; cat "$LOGS/$what-app.out"; return 1; }
		((SECONDS < deadline)) || { echo "no window named sayso within $T_WINDOW s"; import -window root "$shot" 2>/dev/null; return 1; }
		sleep 1
		wid="$(timeout 10 xdotool search --onlyvisible --name '^sayso' 2>/dev/null | head -n 1 || true)"
	done
	echo "window $wid: $(timeout 10 xdotool getwindowname "$wid")"
	sleep 3 # let it draw the project
	timeout 30 import -window root "$shot" || { echo "screenshot failed"; return 1; }
	echo "screenshot ${shot#"$ROOT"/}"
	# No window manager runs: focus the window, then type as a person would
	# (XTEST; Wine ignores keys sent to a window with XSendEvent).
	timeout 10 xdotool windowfocus --sync "$wid" || true
	timeout 10 xdotool mousemove --window "$wid" 200 200 || true
	sleep 0.5
	timeout 10 xdotool key --delay 60 ctrl+q || true
	deadline=$((SECONDS + T_EXIT))
	while alive "$app_pid" && ((SECONDS < deadline)); do sleep 0.5; done
	if alive "$app_pid"; then
		echo "the app did not exit within $T_EXIT s of Ctrl+Q"
		stop "$app_pid"
		app_pid=""
		return 1
	fi
	local rc=0
	wait "$app_pid" || rc=$?
	app_pid=""
	expect "exit status after Ctrl+Q" "$rc" 0
}

# samples_in EXPORT: the export holds one document per sample article, and
# each sample's first line.
samples_in() {
	local n f title
	n="$(grep -c . "$1")"
	expect "documents in the new default project" "$n" "${#SAMPLES[@]}" || return 1
	for f in "${SAMPLES[@]}"; do
		title="$(head -n 1 "$f" | tr -d '\r')"
		grep -qF -- "$title" "$1" || { echo "no sample titled: $title"; return 1; }
	done
	echo "the default project holds the ${#SAMPLES[@]} sample articles"
}

# --- checksums ---------------------------------------------------------------
t_sums() { (cd "$DIST" && sha256sum -c SHA256SUMS); }
check sha256sums t_sums

# --- .deb ----------------------------------------------------------------------
DEB_ROOT="$tmp/deb-root"
DEB_BIN="$DEB_ROOT/usr/bin/sayso"

t_deb_control() {
	dpkg-deb -I "$DEB"
	expect Package "$(dpkg-deb -f "$DEB" Package)" sayso &&
		expect Version "$(dpkg-deb -f "$DEB" Version)" "$VERSION" &&
		expect Architecture "$(dpkg-deb -f "$DEB" Architecture)" amd64 || return 1
	local dep depends
	depends="$(dpkg-deb -f "$DEB" Depends)"
	for dep in libc6 libgl1 libx11-6; do
		[[ ",$depends," =~ [,\ ]${dep}[,\ ] ]] || { echo "Depends lacks $dep: $depends"; return 1; }
	done
	dpkg-deb -c "$DEB" >"$tmp/deb.list"
	for f in ./usr/bin/sayso "./usr/share/applications/$APP_ID.desktop" \
		"./usr/share/icons/hicolor/256x256/apps/$APP_ID.png" ./usr/share/doc/sayso/copyright; do
		grep -qE " $f\$" "$tmp/deb.list" || { echo "the .deb lacks $f"; return 1; }
	done
	# Every file is root's, and timed at the commit.
	if grep -v ' root/root ' "$tmp/deb.list"; then echo "files not owned by root/root"; return 1; fi
	[[ "$(awk '{print $4}' "$tmp/deb.list" | sort -u | wc -l)" == 1 ]] || { echo "file dates differ"; return 1; }
}
check deb-control t_deb_control

t_deb_install() {
	dpkg -x "$DEB" "$DEB_ROOT" && [[ -x "$DEB_BIN" ]] || return 1
	local desktop="$DEB_ROOT/usr/share/applications/$APP_ID.desktop"
	cat "$desktop"
	grep -qx 'Exec=sayso' "$desktop" && grep -qx "Icon=$APP_ID" "$desktop" &&
		grep -qx 'Name=sayso' "$desktop" || { echo "unexpected desktop entry"; return 1; }
	if command -v desktop-file-validate >/dev/null 2>&1; then
		desktop-file-validate "$desktop" || return 1
	fi
	[[ "$(file -b "$DEB_ROOT/usr/share/icons/hicolor/256x256/apps/$APP_ID.png")" == *"256 x 256"* ]] || {
		echo "the icon is not a 256x256 PNG"
		return 1
	}
}
check deb-install t_deb_install

t_deb_version() {
	fresh_env "$tmp/home-version"
	expect "sayso version" "$(env "${ENV_ARGS[@]}" timeout "$T_CMD" "$DEB_BIN" version)" "sayso $VERSION"
}
check deb-version t_deb_version

t_deb_window() {
	local home="$tmp/home-deb"
	fresh_env "$home"
	window_test deb "$ARTIFACTS/dist-linux.png" env "${ENV_ARGS[@]}" "$DEB_BIN" || return 1
	local project="$home/.local/share/sayso/default.sayso"
	[[ -f "$project" ]] || { echo "no default project at $project"; return 1; }
	env "${ENV_ARGS[@]}" timeout "$T_CMD" "$DEB_BIN" export >"$LOGS/deb-default.jsonl" || return 1
	samples_in "$LOGS/deb-default.jsonl"
}
check deb-window-samples t_deb_window

# --- tarball -----------------------------------------------------------------
t_tarball() {
	local x="$tmp/tar" top="sayso-$VERSION-linux-amd64" home="$tmp/home-tar" sys="$tmp/sysroot"
	mkdir -p "$x" "$home" "$sys/usr/local"
	tar -xJf "$TARBALL" -C "$x" || return 1
	[[ -f "$x/$top/Makefile" ]] || { echo "no $top/Makefile"; return 1; }
	make -C "$x/$top" user-install HOME="$home" || return 1
	local d="$home/.local/share/applications/$APP_ID.desktop"
	[[ -x "$home/.local/bin/sayso" && -f "$home/.local/share/icons/$APP_ID.png" && -f "$d" ]] ||
		{ echo "user-install left out a file"; find "$home"; return 1; }
	grep -qx "Exec=$home/.local/bin/sayso" "$d" || { echo "user-install: Exec not rewritten"; cat "$d"; return 1; }
	make -C "$x/$top" install DESTDIR="$sys" || return 1
	[[ -x "$sys/usr/local/bin/sayso" && -f "$sys/usr/local/share/pixmaps/$APP_ID.png" &&
		-f "$sys/usr/local/share/applications/$APP_ID.desktop" ]] || { echo "install left out a file"; find "$sys"; return 1; }
	cmp "$home/.local/bin/sayso" "$DEB_BIN" || { echo "the tarball's binary is not the .deb's"; return 1; }
	expect "sayso version" "$(timeout "$T_CMD" "$sys/usr/local/bin/sayso" version)" "sayso $VERSION"
}
check tarball-install t_tarball

# --- zip and Wine ------------------------------------------------------------
ZIP_DIR="$tmp/zip/sayso-$VERSION-windows-amd64"
EXE="$ZIP_DIR/sayso.exe"
export WINEPREFIX="$tmp/wine" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" WINEARCH=win64

t_zip() {
	unzip -l "$ZIP" || return 1
	mkdir -p "$tmp/zip" && unzip -q "$ZIP" -d "$tmp/zip" || return 1
	local f
	for f in sayso.exe README.md LICENSE licenses/lexicon/petrarch2-LICENSE licenses/samples/README.md; do
		[[ -f "$ZIP_DIR/$f" ]] || { echo "the zip lacks $f"; return 1; }
	done
	[[ "$(file -b "$EXE")" == "PE32+ executable (GUI) x86-64"* ]] || { file "$EXE"; return 1; }
	# The version resource (UTF-16 strings) and an icon.
	strings -el "$EXE" >"$tmp/exe.strings"
	grep -qx ProductVersion "$tmp/exe.strings" && grep -qx "$VERSION" "$tmp/exe.strings" ||
		{ echo "no ProductVersion $VERSION resource"; return 1; }
	x86_64-w64-mingw32-objdump -p "$EXE" >"$tmp/exe.headers" || return 1
	grep -q 'Resource Directory \[.rsrc\]' "$tmp/exe.headers" || { echo "no resources"; return 1; }
}
check zip-contents t_zip

# wine_cli OUT ARGS...: sayso.exe ARGS under Wine, stdout to OUT.
wine_cli() {
	local out="$1"
	shift
	timeout "$T_CMD" wine "$EXE" "$@" >"$out" </dev/null
}

# wine_prefix: a new Wine prefix. Wine 8 (Debian 12) has no
# bcryptprimitives.dll, which Go's runtime loads at start (ProcessPrng):
# put a stand-in, .ci/wine-bcryptprimitives.c, into this scratch prefix.
wine_prefix() {
	timeout "$T_WINEBOOT" wineboot -i || { echo "wineboot failed"; return 1; }
	local dll="$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
	[[ -e "$dll" ]] && return 0
	echo "Wine has no bcryptprimitives.dll: using .ci/wine-bcryptprimitives.c"
	x86_64-w64-mingw32-gcc -O2 -shared -Wl,--kill-at -o "$dll" \
		"$ROOT/.ci/wine-bcryptprimitives.c" -ladvapi32
}

t_wine_version() {
	wine_prefix || return 1
	wine_cli "$tmp/wine-version.out" version || return 1
	expect "sayso.exe version" "$(tr -d '\r' <"$tmp/wine-version.out")" "sayso $VERSION"
}
check wine-version t_wine_version

t_wine_roundtrip() (
	local w="$tmp/wine-rt"
	mkdir -p "$w" && cd "$w" || return 1
	printf 'School board meets\n\n\xe2\x80\x9cWe will open the library on Saturdays,\xe2\x80\x9d the head teacher said.\n' >article.txt
	wine_cli import.out import --db one.sayso article.txt || return 1
	wine_cli /dev/null export --db one.sayso -o one.jsonl || return 1
	cat one.jsonl
	expect "documents exported" "$(grep -c . one.jsonl)" 1 || return 1
	# The text, exactly as in the file (JSON-escaped newlines).
	local want
	want="$(sed -e ':a' -e 'N' -e '$!ba' -e 's/\n/\\n/g' article.txt)\\n"
	grep -qF -- "\"text\":\"$want\"" one.jsonl || grep -qF -- "\"text\": \"$want\"" one.jsonl ||
		{ echo "the export does not hold the article's text: $want"; return 1; }
	wine_cli import2.out import --db two.sayso one.jsonl || return 1
	wine_cli /dev/null export --db two.sayso -o two.jsonl || return 1
	cmp one.jsonl two.jsonl || { echo "export, import, export changed the JSONL"; diff one.jsonl two.jsonl; return 1; }
)
check wine-import-export t_wine_roundtrip

t_wine_window() {
	window_test wine "$ARTIFACTS/dist-wine.png" env LANG=en_US.UTF-8 LANGUAGE=en wine "$EXE" || return 1
	timeout 30 wineserver -w
	wine_cli "$LOGS/wine-default.jsonl" export || return 1
	samples_in "$LOGS/wine-default.jsonl"
}
check wine-window-samples t_wine_window

# --- reproducible ------------------------------------------------------------
t_rebuild() {
	local epoch
	epoch="$(cat "$DIST/build/SOURCE_DATE_EPOCH")" || return 1
	SOURCE_DATE_EPOCH="$epoch" DIST_DIR="$tmp/rebuild" bash "$ROOT/.ci/dist.sh" || return 1
	diff "$DIST/SHA256SUMS" "$tmp/rebuild/SHA256SUMS" && echo "a second build gives the same bytes"
}
if [[ "${DIST_TEST_REBUILD:-1}" == 1 ]]; then
	check reproducible t_rebuild
fi
