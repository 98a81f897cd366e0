#!/usr/bin/env bash
# Builds sayso's packages on this Linux machine (`make dist`):
#
#   dist/sayso-V-linux-amd64.tar.xz   `fyne package -os linux` layout: the
#                                     binary, the .desktop file, the icon and
#                                     a Makefile (make user-install: ~/.local,
#                                     sudo make install: /usr/local)
#   dist/sayso_V_amd64.deb            the same files for /usr (dpkg-deb)
#   dist/sayso-V-windows-amd64.zip    sayso.exe (mingw-w64 cross build, icon
#                                     and version resource), README, licences
#   dist/SHA256SUMS
#
# V is Details.Version of FyneApp.toml. Reproducible: the same commit gives
# the same bytes (-trimpath, empty build id, no VCS stamp; every file time in
# the archives is SOURCE_DATE_EPOCH, by default the commit's time; sorted,
# owner root). DIST_DIR=DIR writes elsewhere (dist-test rebuilds into a
# temporary directory and compares). Needs `bash .ci/install-deps.sh --dist`.
set -Eeuo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
export PATH="$PATH:/usr/local/go/bin"
GOBIN_DIR="$(go env GOBIN)"
[[ -n "$GOBIN_DIR" ]] || GOBIN_DIR="$(go env GOPATH)/bin"
export PATH="$PATH:$GOBIN_DIR"

DIST="${DIST_DIR:-$ROOT/dist}"
BUILD="$DIST/build"
TAGS="sqlite_fts5,migrated_fynedo"
SYSO="$ROOT/cmd/sayso/rsrc_windows_amd64.syso"

log() { printf 'dist: %s\n' "$*"; }
die() {
	printf 'dist: error: %s\n' "$*" >&2
	exit 1
}
trap 'rm -f "$SYSO"' EXIT

for tool in go fyne go-winres x86_64-w64-mingw32-gcc dpkg-deb tar xz zip sha256sum; do
	command -v "$tool" >/dev/null 2>&1 ||
		die "$tool not found: run bash .ci/install-deps.sh --dist"
done

# toml_value KEY: the first `KEY = "value"` of FyneApp.toml.
toml_value() {
	sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*\"\\([^\"]*\\)\".*/\\1/p" FyneApp.toml | head -n 1
}
VERSION="$(toml_value Version)"
APP_ID="$(toml_value ID)"
NAME="$(toml_value Name)"
[[ "$VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "FyneApp.toml: Details.Version \"$VERSION\" is not x.y.z"
[[ -n "$APP_ID" && "$NAME" == sayso ]] || die "FyneApp.toml: Details.ID or Details.Name missing"

if [[ -z "${SOURCE_DATE_EPOCH:-}" ]]; then
	SOURCE_DATE_EPOCH="$(git log -1 --format=%ct 2>/dev/null)" ||
		die "no SOURCE_DATE_EPOCH and no git commit to take it from"
fi
export SOURCE_DATE_EPOCH TZ=UTC LC_ALL=C
umask 022
log "sayso $VERSION, SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH ($(date -u -d "@$SOURCE_DATE_EPOCH" +%FT%TZ))"

rm -rf "$BUILD"
mkdir -p "$BUILD"
echo "$SOURCE_DATE_EPOCH" >"$BUILD/SOURCE_DATE_EPOCH" # dist-test rebuilds with it
rm -f "$DIST"/sayso[-_]*.{deb,tar.xz,zip} "$DIST/SHA256SUMS"

# go_build OUT EXTRA_LDFLAGS: the reproducible build of ./cmd/sayso.
go_build() {
	go build -trimpath -buildvcs=false -tags "$TAGS" \
		-ldflags "-s -w -buildid= -X main.version=$VERSION $2" -o "$1" ./cmd/sayso
}

# normalise DIR: every time SOURCE_DATE_EPOCH, modes 644/755.
normalise() {
	find "$1" -type d -exec chmod 755 {} +
	find "$1" -type f -exec chmod go-w,u+rw,a+r {} +
	find "$1" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
}

# licences DEST GOOS: the project's licences, the lexicon's and the sample
# articles' notes, and the licence files of every Go module in the binary.
licences() {
	local dest="$1" goos="$2" mod dir f
	mkdir -p "$dest/licenses/lexicon" "$dest/licenses/samples" "$dest/licenses/go"
	cp LICENSE "$dest/LICENSE"
	cp assets/lexicon/licenses/* "$dest/licenses/lexicon/"
	cp assets/samples/README.md "$dest/licenses/samples/README.md"
	mkdir -p "$dest/licenses/go/golang.org/go"
	cp "$(go env GOROOT)/LICENSE" "$dest/licenses/go/golang.org/go/LICENSE"
	while read -r mod dir; do
		[[ -n "$dir" && "$mod" != github.com/sayso/sayso ]] || continue
		for f in "$dir"/LICENSE* "$dir"/LICENCE* "$dir"/COPYING* "$dir"/NOTICE*; do
			[[ -f "$f" ]] || continue
			mkdir -p "$dest/licenses/go/$mod"
			cp "$f" "$dest/licenses/go/$mod/"
		done
	done < <(GOOS="$goos" CGO_ENABLED=1 go list -deps -tags "$TAGS" \
		-f '{{with .Module}}{{.Path}} {{.Dir}}{{end}}' ./cmd/sayso | sort -u)
}

# --- Linux: binary, fyne package, tarball ----------------------------------
log "building linux/amd64"
go_build "$BUILD/linux/sayso" ""

# fyne package reads FyneApp.toml from a folder with Go code and rewrites its
# Build number: give it a copy, and the binary built above.
stage="$BUILD/fyne"
mkdir -p "$stage"
sed 's|^\([[:space:]]*Icon[[:space:]]*=\).*|\1 "icon.png"|' FyneApp.toml >"$stage/FyneApp.toml"
cp assets/icon.png "$stage/icon.png"
printf '// Package main is a placeholder: fyne package wants Go code here.\npackage main\n' >"$stage/main.go"
log "fyne package -os linux"
(cd "$stage" && fyne package -os linux --executable "$BUILD/linux/sayso" --name sayso \
	--app-id "$APP_ID" --app-version "$VERSION" --icon icon.png) >"$BUILD/fyne.log" 2>&1 ||
	die "fyne package failed: $(tail -n 20 "$BUILD/fyne.log")"
[[ -f "$stage/sayso.tar.xz" ]] || die "fyne package made no sayso.tar.xz"

# Unpack fyne's tarball and pack it again, reproducibly, as sayso-V-linux-amd64/.
TAR_BASE="sayso-$VERSION-linux-amd64"
tree="$BUILD/tar/$TAR_BASE"
mkdir -p "$BUILD/tar/unpacked" "$tree"
tar -xJf "$stage/sayso.tar.xz" -C "$BUILD/tar/unpacked"
cp -a "$BUILD/tar/unpacked/sayso/." "$tree/"
[[ -f "$tree/Makefile" ]] || die "fyne's tarball has no Makefile"
prefix=usr/local
[[ -d "$tree/usr/local" ]] || prefix=usr
cmp -s "$BUILD/linux/sayso" "$tree/$prefix/bin/sayso" || die "fyne's tarball does not hold our binary"
cp README.md "$tree/README.md"
licences "$tree" linux
normalise "$tree"
TARBALL="$DIST/$TAR_BASE.tar.xz"
tar --sort=name --format=gnu --owner=0 --group=0 --numeric-owner \
	--mtime="@$SOURCE_DATE_EPOCH" -C "$BUILD/tar" -cf - "$TAR_BASE" | xz -T1 -6 -c >"$TARBALL"
log "wrote ${TARBALL#"$ROOT"/}"

# --- Debian package from the same files ------------------------------------
log "building the .deb"
deb="$BUILD/deb"
desktop="$APP_ID.desktop"
install -Dm755 "$tree/$prefix/bin/sayso" "$deb/usr/bin/sayso"
install -Dm644 "$tree/$prefix/share/applications/$desktop" "$deb/usr/share/applications/$desktop"
install -Dm644 "$tree/$prefix/share/pixmaps/$APP_ID.png" "$deb/usr/share/icons/hicolor/256x256/apps/$APP_ID.png"
install -Dm644 "$tree/$prefix/share/pixmaps/$APP_ID.png" "$deb/usr/share/pixmaps/$APP_ID.png"
mkdir -p "$deb/usr/share/doc/sayso"
cp README.md "$deb/usr/share/doc/sayso/README.md"
cp -a "$tree/licenses" "$deb/usr/share/doc/sayso/licenses"
cat packaging/deb/copyright >"$deb/usr/share/doc/sayso/copyright"
mkdir -p "$deb/DEBIAN"
size_kb="$(du -sk --apparent-size "$deb/usr" | cut -f1)"
sed -e "s/@VERSION@/$VERSION/" -e "s/@INSTALLED_SIZE@/$size_kb/" \
	packaging/deb/control.in >"$deb/DEBIAN/control"
normalise "$deb"
DEB="$DIST/sayso_${VERSION}_amd64.deb"
dpkg-deb --root-owner-group -Zxz -z6 --build "$deb" "$DEB" >/dev/null
log "wrote ${DEB#"$ROOT"/}"

# --- Windows: cross build with icon and version resource, zip --------------
log "building windows/amd64 (x86_64-w64-mingw32-gcc)"
go-winres simply --arch amd64 --out "$BUILD/rsrc" --manifest gui --icon assets/icon.png \
	--product-name sayso --product-version "$VERSION" --file-version "$VERSION.0" \
	--file-description "sayso: label who said what in news articles" \
	--original-filename sayso.exe --copyright "$(sed -n 's/^Copyright (c) //p' LICENSE | head -n 1)"
cp "$BUILD/rsrc_windows_amd64.syso" "$SYSO"
CC=x86_64-w64-mingw32-gcc CXX=x86_64-w64-mingw32-g++ GOOS=windows GOARCH=amd64 CGO_ENABLED=1 \
	go_build "$BUILD/windows/sayso.exe" "-H=windowsgui"
rm -f "$SYSO"

ZIP_BASE="sayso-$VERSION-windows-amd64"
ztree="$BUILD/zip/$ZIP_BASE"
mkdir -p "$ztree"
cp "$BUILD/windows/sayso.exe" "$ztree/sayso.exe"
cp README.md "$ztree/README.md"
licences "$ztree" windows
normalise "$ztree"
ZIP="$DIST/$ZIP_BASE.zip"
(cd "$BUILD/zip" && find "$ZIP_BASE" -type f | sort | zip -q -X -D -9 "$ZIP" -@)
log "wrote ${ZIP#"$ROOT"/}"

# --- checksums --------------------------------------------------------------
(cd "$DIST" && sha256sum "$(basename "$DEB")" "$(basename "$TARBALL")" "$(basename "$ZIP")" >SHA256SUMS)
log "wrote ${DIST#"$ROOT"/}/SHA256SUMS:"
sed 's/^/  /' "$DIST/SHA256SUMS"
(cd "$DIST" && du -h "$(basename "$DEB")" "$(basename "$TARBALL")" "$(basename "$ZIP")" | sed 's/^/  /')
