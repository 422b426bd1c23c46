"""What a reviewer reads inside the evidence package before anything else:
``README-TH.txt`` / ``README-EN.txt`` and ``SHA256SUMS``.

A reviewer may have only Acrobat Reader, or only ``sha256sum`` and
``openssl``, and none of our software; the notes tell each of them how to
check the package with what they have, and ``SHA256SUMS`` is in the format
``sha256sum -c`` reads.  Plain text with LF line ends, UTF-8."""

from __future__ import annotations

SUMS_NAME = "SHA256SUMS"
SIGNATURE_NAME = "manifest.json.p7s"
CERTIFICATE_NAME = "signer.pem"
README_NAMES = ("README-TH.txt", "README-EN.txt")

_OPENSSL = ("openssl cms -verify -binary -inform DER -in manifest.json.p7s -content manifest.json "
            "-CAfile signer.pem -purpose any -out /dev/null")

_TH_SIGNED = """\
ชุดหลักฐานแฟ้มเสนอขอกำหนดตำแหน่งทางวิชาการ (EnT Portfolio)

ผู้ลงนาม: {signer}
ลายนิ้วมือใบรับรอง (SHA-256): {fingerprint}

ชุดนี้มี dossier.pdf (ลงนามแล้ว) ไฟล์หลักฐาน รายการไฟล์ manifest.json พร้อมค่า SHA-256
ลายมือชื่อของรายการไฟล์ manifest.json.p7s ใบรับรองของผู้ลงนาม signer.pem และ SHA256SUMS
ตรวจได้สามทาง โดยไม่ต้องติดตั้งสิ่งใดจากผู้ส่ง:

1. ด้วยโปรแกรม EnT Portfolio
   ent-portfolio verify ชื่อไฟล์ชุดหลักฐาน.zip
   (เพิ่ม --trust ใบรับรองต้นทาง.pem หากท่านได้รับใบรับรองต้นทางที่เชื่อถือได้)
   โปรแกรมบอกชื่อผู้ลงนาม ลายนิ้วมือ และทุกไฟล์ที่ขาด ถูกแก้ไข หรือเกินมา

2. ด้วย Adobe Acrobat Reader
   เปิด dossier.pdf แล้วดูแผงลายมือชื่อ (Signature Panel) หากขึ้นว่า "ลายมือชื่อถูกต้อง แต่ไม่ทราบ
   ความน่าเชื่อถือของผู้ลงนาม" (validity unknown) หมายความว่าเอกสารไม่ถูกแก้ไขหลังการลงนาม
   แต่ใบรับรองเป็นใบที่ผู้ลงนามออกเอง Acrobat จึงไม่รู้จัก ให้เปิดรายละเอียดใบรับรองและเทียบ
   ลายนิ้วมือ SHA-256 กับที่ผู้ลงนามแจ้งท่านโดยตรง (เช่น ทางโทรศัพท์) หากตรงกันจึงเชื่อได้ว่าเป็นผู้ลงนามจริง

3. ด้วยคำสั่งในเครื่อง (Linux, macOS หรือ Git Bash บน Windows) ในโฟลเดอร์ที่แตกไฟล์ zip ออกมา
   sha256sum -c SHA256SUMS
   {openssl}
   คำสั่งแรกตรวจว่าทุกไฟล์ไม่ถูกแก้ไข คำสั่งที่สองตรวจว่ารายการไฟล์ manifest.json ลงนามโดยเจ้าของ
   signer.pem (บน macOS ใช้ shasum -a 256 -c SHA256SUMS ได้เช่นกัน) แล้วดูลายนิ้วมือด้วย
   openssl x509 -in signer.pem -noout -fingerprint -sha256
   หากท่านมีใบรับรองต้นทางของหน่วยงานผู้ออก ให้ใช้ไฟล์นั้นแทน signer.pem หลัง -CAfile
"""

_EN_SIGNED = """\
Evidence package of an academic promotion dossier (EnT Portfolio)

Signed by: {signer}
Certificate fingerprint (SHA-256): {fingerprint}

The package holds dossier.pdf (signed), the evidence files, manifest.json with
their SHA-256, the manifest's signature manifest.json.p7s, the signer's
certificate signer.pem, and SHA256SUMS. There are three ways to check it, none
needing anything installed from the sender:

1. With EnT Portfolio
   ent-portfolio verify PACKAGE.zip
   (add --trust ROOT.pem if you hold a root certificate you trust)
   It names the signer, the fingerprint, and every missing, changed or extra file.

2. With Adobe Acrobat Reader
   Open dossier.pdf and look at the Signature Panel. "Signature validity is
   unknown" means the document has not changed since it was signed, but the
   certificate is one the signer issued themselves, so Acrobat does not know
   it. Open the certificate details and compare its SHA-256 fingerprint with
   the one the signer gives you directly (by telephone, say): if they match,
   it is the signer's.

3. With command-line tools (Linux, macOS, or Git Bash on Windows), in the
   folder the zip was unpacked into:
   sha256sum -c SHA256SUMS
   {openssl}
   The first shows that no file changed; the second that manifest.json was
   signed by the holder of signer.pem (on macOS, shasum -a 256 -c SHA256SUMS
   works too). See the fingerprint with
   openssl x509 -in signer.pem -noout -fingerprint -sha256
   If you hold the issuing organisation's root certificate, give that file
   after -CAfile instead of signer.pem.
"""

_TH_UNSIGNED = """\
ชุดหลักฐานแฟ้มเสนอขอกำหนดตำแหน่งทางวิชาการ (EnT Portfolio)

ชุดนี้ไม่ได้ลงนาม: ตรวจได้ว่าไฟล์ตรงกับรายการ แต่ไม่มีสิ่งใดยืนยันว่าใครเป็นผู้จัดทำ

ชุดนี้มี dossier.pdf ไฟล์หลักฐาน รายการไฟล์ manifest.json พร้อมค่า SHA-256 และ SHA256SUMS
ตรวจได้ด้วยโปรแกรม EnT Portfolio
   ent-portfolio verify ชื่อไฟล์ชุดหลักฐาน.zip
หรือด้วยคำสั่งในเครื่อง (Linux, macOS หรือ Git Bash บน Windows) ในโฟลเดอร์ที่แตกไฟล์ zip ออกมา
   sha256sum -c SHA256SUMS
ผู้ที่แก้ไขไฟล์ใดก็แก้รายการให้ตรงได้ จึงควรขอชุดที่ลงนามแล้วจากผู้เสนอขอหากต้องการหลักฐานว่าไม่มีการแก้ไข
"""

_EN_UNSIGNED = """\
Evidence package of an academic promotion dossier (EnT Portfolio)

This package is NOT signed: you can check that the files match their list,
but nothing shows who made it.

The package holds dossier.pdf, the evidence files, manifest.json with their
SHA-256, and SHA256SUMS. Check it with EnT Portfolio
   ent-portfolio verify PACKAGE.zip
or with command-line tools (Linux, macOS, or Git Bash on Windows), in the
folder the zip was unpacked into:
   sha256sum -c SHA256SUMS
Whoever changes a file can change the lists to match, so ask the applicant
for a signed package if you need proof that nothing changed.
"""


def readmes(signer: str = "", fingerprint: str = "") -> dict[str, bytes]:
    """``README-TH.txt`` and ``README-EN.txt``; signed ones name the signer."""
    if fingerprint:
        texts = (_TH_SIGNED, _EN_SIGNED)
        params = {"signer": signer, "fingerprint": fingerprint, "openssl": _OPENSSL}
        return {name: text.format(**params).encode("utf-8") for name, text in zip(README_NAMES, texts, strict=True)}
    return {name: text.encode("utf-8") for name, text in zip(README_NAMES, (_TH_UNSIGNED, _EN_UNSIGNED), strict=True)}


def sums_file(digests: list[tuple[str, str]]) -> bytes:
    """``SHA256SUMS`` for (path, sha256) pairs, in ``sha256sum`` text format.

    Package paths never hold a backslash or a line break (see
    :func:`.package.package_name`), so no line needs sha256sum's escaping."""
    return "".join(f"{digest}  {path}\n" for path, digest in digests).encode("utf-8")
