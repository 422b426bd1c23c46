"""Signing use cases the windows and the command line both call: make or
open the lecturer's signing identity, and check a package a reviewer received.

The same functions behind both doors, so the window's "create identity" and
``ent-portfolio identity create`` make the same file, and the window's
verdict on a package is the one ``ent-portfolio verify`` prints."""

from __future__ import annotations

from ..dossier.verification import PackageVerdict, load_trusted_certificates, verify_package
from ..signing.checks import SignatureCheck
from ..signing.identity import (
                                Identity,
                                common_name,
                                create_identity,
                                fingerprint_of,
                                is_self_issued,
                                load_identity,
                                read_passphrase,
)

__all__ = ["Identity", "PackageVerdict", "SignatureCheck", "common_name", "create_identity", "fingerprint_of",
           "is_self_issued", "load_identity", "load_trusted_certificates", "read_passphrase", "verify_package"]
