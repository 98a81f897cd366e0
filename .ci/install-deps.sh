#!/usr/bin/env bash
# Installs what sayso's cgo build (Fyne + go-sqlite3) and its tests need on a
# Debian machine, and only what is missing: running it again does nothing.
#
#   make gcc libc6-dev pkg-config    the build and cgo
#   xorg-dev libgl1-mesa-dev         Fyne's GLFW driver (X11 + OpenGL headers)
#   xvfb xdotool imagemagick         the end-to-end test: a virtual X server,
#                                    synthetic keys, a screenshot (`import`)
#   python3-nltk python3-openpyxl    real readers of the CoNLL and XLSX exports
#   staticcheck, gocyclo             `make lint` / `make test` (Go module proxy)
#
# Set SKIP_STATICCHECK=1 to leave staticcheck out.
#
# Only for `make dist` / `make dist-test` (not for `make test`, which stays
# fast), with a flag:
#
#   --dist        gcc-mingw-w64-x86-64 (the Windows cross compiler for cgo),
#                 xz-utils zip (the archives), and from the Go module proxy
#                 the fyne tool (fyne.io/tools) and go-winres (the .exe's
#                 icon and version resource)
#   --dist-test   all of --dist, and wine wine64 (runs the .exe), unzip file, about
#                 two minutes more on a cold machine
set -euo pipefail

PACKAGES=(make gcc libc6-dev pkg-config xorg-dev libgl1-mesa-dev xvfb xdotool imagemagick python3 python3-nltk python3-openpyxl)

# --- dist: only with --dist / --dist-test ------------------------------------
DIST_PACKAGES=(gcc-mingw-w64-x86-64 xz-utils zip)
DIST_TEST_PACKAGES=(wine wine64 unzip file)
FYNE_TOOLS_VERSION="${FYNE_TOOLS_VERSION:-v1.7.4}" # fyne.io/tools: the fyne command
GO_WINRES_VERSION="${GO_WINRES_VERSION:-v0.3.3}"   # github.com/tc-hib/go-winres
DIST=0
for arg in "$@"; do
	case "$arg" in
	--dist) DIST=1 ;;
	--dist-test) DIST=1 PACKAGES+=("${DIST_TEST_PACKAGES[@]}") ;;
	*) printf 'deps: unknown option %s (--dist, --dist-test)\n' "$arg" >&2; exit 2 ;;
	esac
done
((DIST == 0)) || PACKAGES+=("${DIST_PACKAGES[@]}")
STATICCHECK_VERSION="${STATICCHECK_VERSION:-v0.8.2}" # staticcheck 2026.2.2, built with Go 1.26
GOCYCLO_VERSION="${GOCYCLO_VERSION:-v0.6.0}"

say() { printf 'deps: %s\n' "$*"; }
die() { printf 'deps: error: %s\n' "$*" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# --- Debian packages --------------------------------------------------------
installed() {
	local status
	status="$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)"
	[[ "$status" == "install ok installed" ]]
}

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
	for pkg in "${PACKAGES[@]}"; do
		installed "$pkg" || missing+=("$pkg")
	done
else
	say "no dpkg-query here (not Debian?); skipping system packages: ${PACKAGES[*]}"
fi

if ((${#missing[@]} > 0)); then
	sudo=()
	if [[ "$(id -u)" -ne 0 ]]; then
		command -v sudo >/dev/null 2>&1 ||
			die "not root and no sudo: install these by hand: ${missing[*]}"
		sudo=(sudo)
	fi
	# apt_get ARGS...: up to 3 tries (mirrors hiccup, the dpkg lock may be
	# held for a while); the output goes to a log, shown only on failure.
	apt_get() {
		local try
		for try in 1 2 3; do
			if "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
				apt-get -o DPkg::Lock::Timeout=120 "$@" </dev/null >"$work/apt.log" 2>&1; then
				return 0
			fi
			((try == 3)) || { say "apt-get $1 failed, trying again"; sleep 5; }
		done
		tail -n 25 "$work/apt.log" >&2
		die "apt-get $1 failed"
	}
	say "installing ${missing[*]} (apt-get update, then install)"
	apt_get update
	apt_get install -y --no-install-recommends "${missing[@]}"
	for pkg in "${missing[@]}"; do
		installed "$pkg" || die "$pkg is still not installed"
	done
	say "installed ${missing[*]}"
else
	say "system packages present"
fi

# --- Go tools ---------------------------------------------------------------
if [[ "${SKIP_STATICCHECK:-0}" == 1 && "$DIST" == 0 ]]; then
	exit 0
fi
if ! command -v go >/dev/null 2>&1; then
	[[ -x /usr/local/go/bin/go ]] || die "go not found (looked in PATH and /usr/local/go/bin)"
	PATH="/usr/local/go/bin:$PATH"
fi
gobin="$(go env GOBIN)"
[[ -n "$gobin" ]] || gobin="$(go env GOPATH)/bin"

if [[ "${SKIP_STATICCHECK:-0}" == 1 ]]; then
	: # left out on request
elif command -v staticcheck >/dev/null 2>&1 || [[ -x "$gobin/staticcheck" ]]; then
	say "staticcheck present"
else
	say "installing staticcheck (honnef.co/go/tools $STATICCHECK_VERSION)"
	# Run outside the project so that its go.mod is not involved.
	if (cd "$work" && GOFLAGS="" go install "honnef.co/go/tools/cmd/staticcheck@$STATICCHECK_VERSION"); then
		say "installed $gobin/staticcheck"
	else
		# Not fatal: the build and the tests do not need it.
		say "warning: could not install staticcheck; lint will be skipped"
	fi
fi

# --- gocyclo -----------------------------------------------------------------
if command -v gocyclo >/dev/null 2>&1 || [[ -x "$gobin/gocyclo" ]]; then
	say "gocyclo present"
elif (cd "$work" && GOFLAGS="" go install "github.com/fzipp/gocyclo/cmd/gocyclo@$GOCYCLO_VERSION"); then
	say "installed $gobin/gocyclo"
else
	say "warning: could not install gocyclo; the complexity check will be skipped"
fi

# --- dist tools (--dist) -----------------------------------------------------
# go_tool NAME MODULE@VERSION: install NAME unless it is there; fatal on failure.
go_tool() {
	if command -v "$1" >/dev/null 2>&1 || [[ -x "$gobin/$1" ]]; then
		say "$1 present"
		return 0
	fi
	say "installing $1 ($2)"
	(cd "$work" && GOFLAGS="" go install "$2") || die "could not install $1 ($2)"
	say "installed $gobin/$1"
}
if ((DIST)); then
	go_tool fyne "fyne.io/tools/cmd/fyne@$FYNE_TOOLS_VERSION"
	go_tool go-winres "github.com/tc-hib/go-winres@$GO_WINRES_VERSION"
fi
