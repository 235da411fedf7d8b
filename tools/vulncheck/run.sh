#!/usr/bin/env bash
# Scan the module with govulncheck against a pinned, local copy of the Go
# vulnerability database, offline.
#
# The vulnerability service (vuln.go.dev) is not reachable from CI or the
# developers' machines, but the Go module proxy serves the database's
# source: golang.org/x/vulndb, whose data/osv holds one OSV file per
# report. Its cmd/indexdb turns that folder into the database layout that
# `govulncheck -db file://DIR` reads. The standard library is scanned with
# the patched toolchain the release binaries are built with (SCAN_TOOLCHAIN),
# fetched through the module proxy by GOTOOLCHAIN; the machine's own Go and
# `go test ./...` are left alone.
#
# Exit status: 0 no known vulnerability in called code; 3 govulncheck found
# some (its own code); anything else: the scan could not run.
#
# Refreshing the pins: docs/security.md ("Refreshing the vulnerability
# database").
#
#   tools/vulncheck/run.sh              # scan ./...
#   tools/vulncheck/run.sh -show verbose ./...
#   SCAN_TOOLCHAIN=local tools/vulncheck/run.sh   # with the machine's Go (expect findings)
set -euo pipefail
cd "$(dirname "$0")/../.."

# Pins. VULNDB_SUM is the go.sum hash the module proxy must serve for
# VULNDB_VERSION (also checked against the checksum database by go itself).
VULNDB_VERSION="${VULNDB_VERSION:-v0.0.0-20261105234957-e22db6528018}"
VULNDB_SUM="${VULNDB_SUM:-h1:mfngRv0Yoh0VApsXKEN82CjD99kl7mtparN3bs3JnqI=}"
GOVULNCHECK_VERSION="${GOVULNCHECK_VERSION:-v1.10.0}"
SCAN_TOOLCHAIN="${SCAN_TOOLCHAIN:-go1.27.3}"

CACHE="${ENTRA_AUDIT_VULNDB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/entra-audit-vulndb}"
mkdir -p "$CACHE"

log() { printf 'vulncheck: %s\n' "$*" >&2; }

# The toolchain: GOTOOLCHAIN=goX.Y.Z makes the go command download it
# through the module proxy (once; it lands in the module cache). Its bin
# directory goes first on PATH below, because govulncheck's package loader
# also runs "go list" with GO111MODULE=off, where GOTOOLCHAIN switching does
# not happen, and would otherwise type-check the patched standard library
# with the machine's older Go.
if [ "$SCAN_TOOLCHAIN" = local ]; then
  GOROOT_SCAN="$(GOTOOLCHAIN=local go env GOROOT)"
else
  if ! GOROOT_SCAN="$(GOTOOLCHAIN="$SCAN_TOOLCHAIN" go env GOROOT)"; then
    log "could not get toolchain $SCAN_TOOLCHAIN through the module proxy"
    exit 2
  fi
fi
GO="$GOROOT_SCAN/bin/go"
export GOTOOLCHAIN=local PATH="$GOROOT_SCAN/bin:$PATH"
log "toolchain $("$GO" version)"

# govulncheck, built once per version and toolchain.
GOVULNCHECK="$CACHE/bin/govulncheck-$GOVULNCHECK_VERSION-$("$GO" env GOVERSION)"
if [ ! -x "$GOVULNCHECK" ]; then
  log "building govulncheck $GOVULNCHECK_VERSION"
  tmpbin="$(mktemp -d "$CACHE/bin.XXXXXX")"
  (cd "$tmpbin" && GOBIN="$tmpbin" "$GO" install "golang.org/x/vuln/cmd/govulncheck@$GOVULNCHECK_VERSION")
  mkdir -p "$CACHE/bin"
  mv "$tmpbin/govulncheck" "$GOVULNCHECK"
  rm -rf "$tmpbin"
fi

# The database, built once per vulndb version. It is built in a scratch
# folder and renamed into place, so an interrupted build is never used.
DB="$CACHE/db-$VULNDB_VERSION"
if [ ! -f "$DB/index/db.json" ]; then
  log "downloading golang.org/x/vulndb@$VULNDB_VERSION through the module proxy"
  info="$(cd "$CACHE" && "$GO" mod download -json "golang.org/x/vulndb@$VULNDB_VERSION")"
  dir="$(printf '%s' "$info" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p')"
  sum="$(printf '%s' "$info" | sed -n 's/^[[:space:]]*"Sum": "\(.*\)",*$/\1/p')"
  if [ -z "$dir" ] || [ ! -d "$dir/data/osv" ]; then
    log "golang.org/x/vulndb@$VULNDB_VERSION has no data/osv:"; printf '%s\n' "$info" >&2
    exit 2
  fi
  if [ "$sum" != "$VULNDB_SUM" ]; then
    log "golang.org/x/vulndb@$VULNDB_VERSION hash is $sum, pinned $VULNDB_SUM"
    exit 2
  fi
  log "building the database from $(find "$dir/data/osv" -name '*.json' | wc -l) OSV reports (cmd/indexdb)"
  tmpbin="$(mktemp -d "$CACHE/bin.XXXXXX")"
  (cd "$tmpbin" && GOBIN="$tmpbin" "$GO" install "golang.org/x/vulndb/cmd/indexdb@$VULNDB_VERSION")
  tmpdb="$(mktemp -d "$CACHE/db.XXXXXX")"
  "$tmpbin/indexdb" -vulns "$dir/data/osv" -out "$tmpdb/db"
  rm -rf "$tmpbin"
  rm -rf "$DB"
  mv "$tmpdb/db" "$DB"
  rmdir "$tmpdb"
  # Older databases are not needed any more.
  find "$CACHE" -maxdepth 1 -name 'db-*' ! -name "db-$VULNDB_VERSION" -exec rm -rf {} +
fi
log "database golang.org/x/vulndb@$VULNDB_VERSION ($DB)"

[ $# -gt 0 ] || set -- ./...
rc=0
"$GOVULNCHECK" -db "file://$DB" "$@" || rc=$?
case "$rc" in
  0) log "no known vulnerability in called code (scanned with $("$GO" env GOVERSION))" ;;
  3) log "govulncheck found vulnerabilities in called code (see above)" ;;
  *) log "govulncheck could not run (exit $rc)" ;;
esac
exit "$rc"
