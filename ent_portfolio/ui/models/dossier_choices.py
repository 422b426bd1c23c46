"""What the lecturer chose on the dossier page, as plain data, and the job
that turns it into a PDF (and optionally the evidence package) with the
core's dossier builder.  No widgets here: the job runs in a worker thread."""

from __future__ import annotations

import dataclasses
import inspect
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable


@dataclass
class DossierChoices:
    position: str = "assistant_professor"
    language: str = "th"
    #: Works in dossier order.
    work_ids: list[str] = field(default_factory=list)
    #: Per work, the evidence items to include (in the work's order).
    evidence_ids: dict[str, list[str]] = field(default_factory=dict)
    include_readiness: bool = False
    strip_gps: bool = True
    build_package: bool = False
    out_pdf: Path | None = None

    @property
    def package_path(self) -> Path | None:
        return self.out_pdf.with_suffix(".zip") if self.out_pdf else None


#: Names the builder's config may use for each choice (first match wins).
_ALIASES: dict[str, tuple[str, ...]] = {
    "position": ("target_position", "position"),
    "language": ("language", "lang"),
    "work_ids": ("work_ids", "works"),
    "evidence_ids": ("evidence_ids", "evidence"),
    "include_readiness": ("include_readiness", "readiness_appendix", "include_readiness_appendix"),
    "strip_gps": ("strip_gps", "strip_gps_from_photos", "remove_gps"),
}


def _accepted_names(config_cls) -> set[str]:
    if dataclasses.is_dataclass(config_cls):
        return {f.name for f in dataclasses.fields(config_cls)}
    return set(inspect.signature(config_cls).parameters)


def make_config(choices: DossierChoices, config_cls=None):
    """The builder's ``DossierConfig`` for ``choices``.  Without the dossier
    package (or with ``config_cls=dict``) a plain dict is returned."""
    if config_cls is None:
        try:
            from ...dossier import (
                DossierConfig as config_cls,  # the builder's own config
            )
        except ImportError:
            config_cls = dict
    values = {
        "position": choices.position,
        "language": choices.language,
        "work_ids": list(choices.work_ids),
        "evidence_ids": {w: list(ids) for w, ids in choices.evidence_ids.items() if w in choices.work_ids},
        "include_readiness": choices.include_readiness,
        "strip_gps": choices.strip_gps,
    }
    if config_cls is dict:
        return values
    accepted = _accepted_names(config_cls)
    kwargs: dict[str, Any] = {}
    for key, value in values.items():
        name = next((n for n in _ALIASES[key] if n in accepted), None)
        if name is not None:
            kwargs[name] = value
    return config_cls(**kwargs)


def default_builders() -> tuple[Callable | None, Callable | None]:
    """The core's ``build_dossier`` and ``build_package`` (None when absent)."""
    try:
        from ... import dossier
    except ImportError:
        return None, None
    return getattr(dossier, "build_dossier", None), getattr(dossier, "build_package", None)


@dataclass
class ExportOutcome:
    pdf: Path
    pages: int | None = None
    package: Path | None = None


def _pdf_from_package(package: Path, out: Path) -> None:
    """Copy the dossier PDF out of the evidence package (it is built once,
    inside the package, so both hold the very same file)."""
    import zipfile

    from ...storage.files import atomic_write

    with zipfile.ZipFile(package) as zf:
        name = next((n for n in zf.namelist() if n.lower().endswith(".pdf") and "/" not in n), None)
        if name is None:
            raise FileNotFoundError(f"no PDF in {package}")
        with zf.open(name) as source, atomic_write(out) as target:
            while chunk := source.read(1 << 20):
                target.write(chunk)


def export_dossier(portfolio, choices: DossierChoices, builder: Callable, package_builder: Callable | None = None,
                   config_cls=None, progress=None, cancel=None) -> ExportOutcome:
    """Build the PDF — or, when asked, the evidence package and the PDF taken
    from it.  The builders write temp-then-rename; should one fail or be
    cancelled anyway, a file that was not there before is removed, so a
    cancelled export leaves nothing."""
    out = Path(choices.out_pdf)
    out.parent.mkdir(parents=True, exist_ok=True)
    package = choices.package_path if choices.build_package and package_builder else None
    existed = {p: p.exists() for p in (out, package) if p is not None}
    config = make_config(choices, config_cls)
    try:
        if package is not None:
            result = package_builder(portfolio, config, package, progress=progress, cancel=cancel)
            if cancel is not None:
                cancel.raise_if_cancelled()
            _pdf_from_package(package, out)
            result = getattr(result, "dossier", result)
        else:
            result = builder(portfolio, config, out, progress=progress, cancel=cancel)
    except BaseException:
        for path, was_there in existed.items():
            if not was_there and path.exists():
                path.unlink()
        raise
    return ExportOutcome(out, getattr(result, "pages", None), package)
