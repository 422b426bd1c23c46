# Two commands are the contract (see README.md):
#   make run   — set everything up and open the app on the demo portfolio
#   make test  — set everything up and run the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DEMO   ?= $(HOME)/EnT-Portfolio-Demo
STAMP  := $(VENV)/.installed

.PHONY: run test setup system-tools window-libs benchmark package clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

# Tests read PDFs the way reviewers' tools do (pdftotext, pdftoppm, pdffonts,
# qpdf), check packages as a reviewer without the app does (sha256sum,
# openssl), open the real window once in an X server (Xvfb) and open the Word
# and Excel exports in LibreOffice Writer and Calc (headless, without their
# recommended extras), read scanned Thai letters with Tesseract, and load a
# faculty's database into a throwaway PostgreSQL cluster (its server binaries).
# Installed here where apt exists; elsewhere the tests say what is missing.
system-tools:
	@if ! command -v pdftotext >/dev/null 2>&1 || ! command -v qpdf >/dev/null 2>&1 || ! command -v Xvfb >/dev/null 2>&1 \
	    || ! command -v openssl >/dev/null 2>&1 || ! command -v sha256sum >/dev/null 2>&1 \
	    || ! command -v soffice >/dev/null 2>&1 || ! command -v tesseract >/dev/null 2>&1 \
	    || { command -v tesseract >/dev/null 2>&1 && ! tesseract --list-langs 2>/dev/null | grep -qx tha; } \
	    || { command -v apt-get >/dev/null 2>&1 && [ ! -e /usr/lib/libreoffice/share/.registry/calc.xcd ]; } \
	    || { command -v apt-get >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; }; then \
	  if command -v apt-get >/dev/null 2>&1; then \
	    SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	    $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq poppler-utils qpdf xvfb openssl coreutils tesseract-ocr tesseract-ocr-tha postgresql >/dev/null \
	      && $$SUDO apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui libreoffice-calc-nogui >/dev/null; \
	  else echo "poppler-utils, qpdf, openssl, LibreOffice, Tesseract with Thai and PostgreSQL are needed for the PDF, package, Word, OCR and faculty-database tests (brew install poppler qpdf openssl tesseract tesseract-lang postgresql; brew install --cask libreoffice)"; fi; \
	fi

# What Qt needs to open a window on Linux (the xcb platform's system
# libraries), installed where apt exists; the list comes from the app itself,
# which names the same libraries if they are missing when it starts.
# macOS and Windows need nothing beyond the Python packages.
window-libs: setup
	@missing=$$($(BIN)/python -m ent_portfolio.ui.display --missing-packages); \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null 2>&1; then \
	    SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	    echo "Installing what Qt needs to open a window: $$missing"; \
	    $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	  else echo "Qt needs these system libraries to open a window; install them with your package manager: $$missing"; fi; \
	fi

run: setup window-libs
	@[ -f "$(DEMO)/portfolio.sqlite3" ] || $(BIN)/ent-portfolio demo --portfolio "$(DEMO)"
	$(BIN)/ent-portfolio --portfolio "$(DEMO)"

test: setup system-tools window-libs
	$(BIN)/ruff check ent_portfolio tests benchmarks packaging
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

benchmark: setup
	$(BIN)/python -m benchmarks

# The installable Linux build and its smoke test (a few minutes; not part of `make test`).
package: setup
	packaging/build && packaging/smoke_test.sh

clean:
	rm -rf $(VENV) build dist *.egg-info
