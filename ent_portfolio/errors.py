"""Errors a person can act on.  Each carries a message key, not a sentence,
so the same error reads in Thai or English wherever it surfaces."""

from __future__ import annotations

from .i18n import register, tr

register({
    "error.not_found": ("ไม่พบ{kind}ที่ระบุ ({ident})", "No {kind} with id {ident}."),
    "error.invalid_value": ("ค่าของ “{field}” ไม่ถูกต้อง: {detail}", "The value of “{field}” is not valid: {detail}"),
    "error.unknown_field": ("ไม่มีช่องข้อมูลชื่อ “{field}” ใน{kind}", "{kind} has no field named “{field}”."),
    "error.required": ("ต้องกรอก “{field}”", "“{field}” is required."),
    "error.schema_newer": (
        "แฟ้มผลงานนี้สร้างด้วย EnT Portfolio รุ่นที่ใหม่กว่า (รุ่นข้อมูล {found}) "
        "โปรดติดตั้งรุ่น {needed} ขึ้นไปเพื่อเปิด — ไม่มีการแก้ไขแฟ้มใด ๆ",
        "This portfolio was saved by a newer EnT Portfolio (data version {found}); "
        "install version {needed} or later to open it. Nothing was changed.",
    ),
    "error.not_a_portfolio": ("“{path}” ไม่ใช่โฟลเดอร์แฟ้มผลงานของ EnT Portfolio",
                              "“{path}” is not an EnT Portfolio folder."),
    "error.folder_not_empty": ("โฟลเดอร์ “{path}” มีไฟล์อื่นอยู่แล้ว โปรดเลือกโฟลเดอร์ว่างหรือโฟลเดอร์ใหม่",
                               "The folder “{path}” already holds other files; choose an empty or new folder."),
    "error.database_corrupt": ("ฐานข้อมูลของแฟ้มผลงานเสียหาย: {detail}", "The portfolio database is damaged: {detail}"),
    "error.partner_in_use": (
        "ลบภาคี “{name}” ไม่ได้ เพราะยังเชื่อมอยู่กับผลงาน {count} เรื่อง โปรดนำออกจากผลงานก่อน",
        "The partner “{name}” cannot be deleted: it is still linked to {count} work(s). "
        "Remove it from those works first.",
    ),
    "error.disk_full": ("พื้นที่ดิสก์เต็ม บันทึกไม่สำเร็จ ข้อมูลเดิมยังอยู่ครบ",
                        "The disk is full; nothing was saved and your existing data is intact."),
    "error.io": ("อ่านหรือเขียนไฟล์ไม่สำเร็จ ({detail}) ข้อมูลเดิมยังอยู่ครบ",
                 "A file could not be read or written ({detail}); your existing data is intact."),
})


class UserError(Exception):
    """An error whose message is meant for the lecturer, not a traceback."""

    key = "error.invalid_value"

    def __init__(self, key: str | None = None, **params: object) -> None:
        self.key = key or self.key
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str | None = None) -> str:
        return tr(self.key, lang, **self.params)


class NotFoundError(UserError):
    key = "error.not_found"


class ValidationError(UserError):
    key = "error.invalid_value"


class SchemaTooNewError(UserError):
    key = "error.schema_newer"


class NotAPortfolioError(UserError):
    key = "error.not_a_portfolio"


class InUseError(UserError):
    key = "error.partner_in_use"


class StorageError(UserError):
    key = "error.io"
