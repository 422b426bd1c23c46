#!/usr/bin/env bash
# Smoke test of the built Linux app, run WITHOUT the project's Python:
# every call goes through `env -i` with PATH=/usr/bin:/bin, a throw-away HOME
# and QT_QPA_PLATFORM=offscreen, from a temporary working directory.
#
#   packaging/build && packaging/smoke_test.sh
#   packaging/smoke_test.sh [APP_DIR | TARBALL.tar.gz]
#
# APP_DIR defaults to $ENT_PORTFOLIO_BUILT_APP, else dist/ent-portfolio.
# A tarball is unpacked into the temporary folder first (tests that the
# folder works wherever it is unpacked).
# Needs poppler-utils (pdffonts, pdftotext) for the dossier checks.
# Exit status: 0 if every step passed; 1 otherwise.  Keeps the temporary
# folder on failure (its path is printed), or always with KEEP=1.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
TARGET="${1:-${ENT_PORTFOLIO_BUILT_APP:-$ROOT/dist/ent-portfolio}}"
GUI_SECONDS="${GUI_SECONDS:-8}"

TMP="$(mktemp -d "${TMPDIR:-/tmp}/ent-smoke.XXXXXX")"
PASSED=0
FAILED=0
step() { printf '\n== %s\n' "$*"; }
ok() { PASSED=$((PASSED + 1)); printf 'PASS  %s\n' "$*"; }
bad() { FAILED=$((FAILED + 1)); printf 'FAIL  %s\n' "$*"; }

case "$TARGET" in
  *.tar.gz)
    step "unpack $TARGET"
    mkdir -p "$TMP/unpacked" && tar -C "$TMP/unpacked" -xzf "$TARGET" || { echo "cannot unpack"; exit 1; }
    APP="$TMP/unpacked/ent-portfolio"
    ;;
  *) APP="$(cd "$TARGET" 2>/dev/null && pwd)" || { echo "no built app at $TARGET (run packaging/build)"; exit 1; } ;;
esac
EXE="$APP/ent-portfolio"
[ -x "$EXE" ] || { echo "no executable $EXE (run packaging/build)"; exit 1; }

touch "$TMP/started"
WORK="$TMP/work"; HOMEDIR="$TMP/home"; P="$TMP/demo"
mkdir -p "$WORK" "$HOMEDIR"
OUT="$TMP/out"; ERR="$TMP/err"

# The app with nothing of this shell's environment: no virtualenv, no
# PYTHONPATH, no source tree on any path; cwd is an empty folder.
app() {
  (cd "$WORK" && env -i PATH=/usr/bin:/bin HOME="$HOMEDIR" LANG=C.UTF-8 \
     QT_QPA_PLATFORM=offscreen "$EXE" "$@") >"$OUT" 2>"$ERR"
}
no_traceback() { ! grep -q "Traceback (most recent call last)" "$ERR"; }
show() { sed -n '1,15p' "$OUT"; if [ -s "$ERR" ]; then echo "-- stderr:"; sed -n '1,30p' "$ERR"; fi; }
has_command() { grep -qE "^\s+$1\b|[{,]$1[,}]" "$TMP/help.txt"; }

echo "app:  $APP ($(du -sh "$APP" | cut -f1))"
echo "temp: $TMP"

step "--version"
expected="$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$ROOT/ent_portfolio/__init__.py")"
if app --version && grep -qx "EnT Portfolio $expected" "$OUT"; then ok "--version prints 'EnT Portfolio $expected'"
else show; bad "--version (expected 'EnT Portfolio $expected')"; fi

step "--help"
app --help; cp "$OUT" "$TMP/help.txt"
if no_traceback && grep -q "demo" "$TMP/help.txt"; then ok "--help lists the commands"; else show; bad "--help"; fi

step "demo --portfolio DEMO"
started=$(date +%s)
if app demo --portfolio "$P" && [ -f "$P/portfolio.sqlite3" ] && no_traceback; then
  ok "demo portfolio created in $(( $(date +%s) - started ))s"
else show; bad "demo"; fi

step "works"
if app works --portfolio "$P" && no_traceback && [ "$(grep -c . "$OUT")" -ge 3 ]; then
  ok "works lists $(grep -c . "$OUT") lines"; sed -n '1,6p' "$OUT"
else show; bad "works"; fi

step "doctor"
if app doctor --portfolio "$P" && no_traceback; then ok "doctor: healthy"; sed -n '1,5p' "$OUT"
else show; bad "doctor"; fi

step "check (readiness)"
app check --portfolio "$P"; rc=$?
# exit 0 = ready, 1 = findings (the demo has two honest findings); anything else is a failure
if [ "$rc" -le 1 ] && no_traceback && [ -s "$OUT" ]; then ok "check ran (exit $rc)"; else show; bad "check (exit $rc)"; fi

PKG=""
if has_command dossier; then
  step "dossier --portfolio DEMO --out DEMO/d.pdf --package DEMO/package.zip"
  app dossier --help
  extra=()
  if grep -q -- "--package" "$OUT"; then PKG="$P/package.zip"; extra=(--package "$PKG"); fi
  started=$(date +%s)
  if app dossier --portfolio "$P" --out "$P/d.pdf" "${extra[@]}" && [ -s "$P/d.pdf" ] && no_traceback; then
    ok "dossier written in $(( $(date +%s) - started ))s ($(du -h "$P/d.pdf" | cut -f1)$( [ -n "$PKG" ] && echo ", package $(du -h "$PKG" | cut -f1)"))"
    sed -n '1,6p' "$OUT"
    if command -v pdffonts >/dev/null; then
      pdffonts "$P/d.pdf" > "$TMP/fonts.txt"
      # columns: name type encoding emb sub uni object ID
      total=$(grep -c Sarabun "$TMP/fonts.txt")
      embedded=$(grep Sarabun "$TMP/fonts.txt" | awk '$(NF-4) == "yes"' | wc -l)
      others=$(tail -n +3 "$TMP/fonts.txt" | grep -vc Sarabun)
      if [ "$total" -gt 0 ] && [ "$embedded" = "$total" ]; then
        ok "pdffonts: Sarabun embedded ($total font entries, all embedded; $others other fonts)"
      else cat "$TMP/fonts.txt"; bad "pdffonts: Sarabun missing or not embedded"; fi
      pages=$(pdfinfo "$P/d.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
      pdftotext "$P/d.pdf" "$TMP/d.txt" 2>/dev/null
      if grep -q "ชุมชน" "$TMP/d.txt"; then ok "pdftotext finds Thai text (ชุมชน ×$(grep -o "ชุมชน" "$TMP/d.txt" | wc -l)) in $pages pages"
      else bad "pdftotext: no Thai text"; fi
    else echo "pdffonts not installed: font check skipped (apt-get install poppler-utils)"; fi
  else show; bad "dossier"; fi
else
  step "dossier"; echo "SKIP  the binary has no dossier command yet (ent_portfolio/cli/dossier.py not landed)"
fi

if has_command verify && [ -n "$PKG" ] && [ -f "$PKG" ]; then
  step "verify DEMO/package.zip"
  if app verify "$PKG" && no_traceback; then ok "verify: package intact"; sed -n '1,4p' "$OUT"
  else show; bad "verify package.zip"; fi
  # a damaged copy must be refused, with a sentence, not a traceback
  mkdir -p "$TMP/tamper" && cp "$PKG" "$TMP/tamper/p.zip"
  printf 'x' | dd of="$TMP/tamper/p.zip" bs=1 seek=$(( $(stat -c %s "$PKG") / 2 )) conv=notrunc 2>/dev/null
  app verify "$TMP/tamper/p.zip"; rc=$?
  if [ "$rc" != 0 ] && no_traceback; then ok "verify refuses a damaged package (exit $rc)"; sed -n '1,3p' "$OUT" "$ERR"
  else show; bad "verify on a damaged package (exit $rc)"; fi
else
  step "verify"; echo "SKIP  no verify command or no evidence package in this build"
fi

step "screenshot --view works"
if app screenshot --portfolio "$P" --view works --out "$TMP/works.png" && no_traceback \
   && [ "$(head -c 8 "$TMP/works.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ]; then
  ok "screenshot: $(du -h "$TMP/works.png" | cut -f1) PNG"
else show; bad "screenshot"; fi

step "evidence add: PNG, PDF (and HEIC) into the first work"
work_id="$(app works --portfolio "$P" && cut -f1 "$OUT" | head -1)"
files=()
[ -f "$TMP/works.png" ] && files+=("$TMP/works.png")
[ -f "$P/d.pdf" ] && cp "$P/d.pdf" "$TMP/dossier-as-evidence.pdf" && files+=("$TMP/dossier-as-evidence.pdf")
# A HEIC photo as phones make them; the fixture is made with the developer
# environment's pillow-heif when there is one (the app itself runs without it).
if [ -x "$ROOT/.venv/bin/python" ] && "$ROOT/.venv/bin/python" - "$TMP/phone.heic" <<'PY' 2>/dev/null; then files+=("$TMP/phone.heic"); fi
import sys
from PIL import Image
import pillow_heif
pillow_heif.register_heif_opener()
Image.new("RGB", (64, 48), (200, 120, 40)).save(sys.argv[1], format="HEIF")
PY
if [ -n "$work_id" ] && [ "${#files[@]}" -gt 0 ] && app evidence add --portfolio "$P" --work "$work_id" "${files[@]}" && no_traceback; then
  ok "evidence add: ${#files[@]} files ($(for f in "${files[@]}"; do printf '%s ' "${f##*.}"; done))"; sed -n '1,4p' "$OUT"
else show; bad "evidence add"; fi

step "archive export, restore into a new folder"
if app archive export --portfolio "$P" "$TMP/demo.entp" && [ -s "$TMP/demo.entp" ] && no_traceback \
   && app restore --portfolio "$TMP/restored" "$TMP/demo.entp" && no_traceback \
   && app works --portfolio "$TMP/restored" && [ "$(grep -c . "$OUT")" -ge 3 ]; then
  ok "archive $(du -h "$TMP/demo.entp" | cut -f1) restored with $(grep -c . "$OUT") works"
else show; bad "archive export/restore"; fi

step "GUI offscreen for ${GUI_SECONDS}s"
# ENT_PORTFOLIO_QUIT_AFTER_MS asks the app to close its main window by itself
# (when the app supports it: a clean exit 0); otherwise it is still running at
# the timeout (exit 124) and is terminated.
started=$(date +%s)
(cd "$WORK" && env -i PATH=/usr/bin:/bin HOME="$HOMEDIR" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
   ENT_PORTFOLIO_QUIT_AFTER_MS=$(( (GUI_SECONDS - 3) * 1000 )) \
   timeout -k 5 -s TERM "$GUI_SECONDS" "$EXE" --portfolio "$P") >"$OUT" 2>"$ERR"
rc=$?
if [ "$rc" = 0 ] && no_traceback; then ok "GUI started and closed itself cleanly after $(( $(date +%s) - started ))s"
elif [ "$rc" = 124 ] && no_traceback; then ok "GUI started and was still running at the ${GUI_SECONDS}s timeout (no quit hook in the app)"
else show; bad "GUI (exit $rc)"; fi
if [ -s "$ERR" ]; then echo "-- GUI stderr:"; sed -n '1,10p' "$ERR"; fi

step "doctor after the GUI"
if app doctor --portfolio "$P" && no_traceback; then ok "portfolio opens after the GUI ended"; else show; bad "doctor after GUI"; fi

step "offline resources inside the bundle"
for f in resources/translations/ent_portfolio_th.qm resources/rules/readiness.toml resources/templates/sections-default.json \
         resources/schema/archive-v1.schema.json resources/icons/app.png resources/licenses/INDEX.md \
         resources/licenses/Sarabun-OFL.txt fontpkg_sarabun/files/Sarabun-Regular.ttf fontpkg_sarabun/LICENSE \
         pythainlp/corpus/words_th.txt ent_portfolio/storage/migrations/env.py; do
  if [ -f "$APP/_internal/$f" ]; then ok "$f"; else bad "missing $f"; fi
done
if ls "$APP"/_internal/ent_portfolio/storage/migrations/versions/*.py >/dev/null 2>&1; then ok "alembic revisions"; else bad "no alembic revisions"; fi

step "the app wrote nothing into its own folder (read-only installs)"
written="$(find "$APP" -newer "$TMP/started" \( -type f -o -type d \) -print | head -5)"
if [ -z "$written" ]; then ok "no file in $APP changed"; else echo "$written"; bad "the app wrote into its folder"; fi

printf '\n%d passed, %d failed\n' "$PASSED" "$FAILED"
if [ "$FAILED" -gt 0 ] || [ "${KEEP:-0}" = 1 ]; then echo "kept $TMP"; else rm -rf "$TMP"; fi
[ "$FAILED" -eq 0 ]
