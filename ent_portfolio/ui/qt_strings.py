"""Thai for the words Qt itself puts on screen.

Qt ships no Thai catalogue of its own strings (there is no ``qtbase_th.qm``),
so without this the file dialogs, the OK/Cancel/Yes/No of every message box
and input box, the "Directory not found" errors and the Undo/Copy/Paste menu
of every text field stay English in the Thai interface.  Only the strings
this app can show are here, keyed by Qt's own context and source text
(read from the Qt library: a translator that records every lookup, walked
through each dialog).  :mod:`.language` installs :class:`QtStringsTranslator`
when the language is Thai and removes it for English, where Qt's source text
is already the right one.

The file dialog's "Type" column is not a translated string but the file's
MIME description, in English; :class:`ThaiFileDialogs` gives each Qt file
dialog, as it opens, a provider that names the type in Thai.

Mnemonics (``&Open``) are dropped: a Latin letter to press with Alt means
nothing on a Thai keyboard, and Qt would draw it in brackets.
"""

from __future__ import annotations

from .qt import QEvent, QFileDialog, QFileIconProvider, QObject, QTranslator

#: (Qt context, Qt's source text) → Thai.  ``%1`` stays where Qt fills it in.
THAI: dict[tuple[str, str], str] = {
    # Standard buttons of message boxes, input boxes and button boxes.
    ("QPlatformTheme", "OK"): "ตกลง",
    ("QPlatformTheme", "Save"): "บันทึก",
    ("QPlatformTheme", "Save All"): "บันทึกทั้งหมด",
    ("QPlatformTheme", "Open"): "เปิด",
    ("QPlatformTheme", "&Yes"): "ใช่",
    ("QPlatformTheme", "Yes to &All"): "ใช่ทั้งหมด",
    ("QPlatformTheme", "&No"): "ไม่",
    ("QPlatformTheme", "N&o to All"): "ไม่ทั้งหมด",
    ("QPlatformTheme", "Abort"): "ยุติ",
    ("QPlatformTheme", "Retry"): "ลองอีกครั้ง",
    ("QPlatformTheme", "Ignore"): "ข้าม",
    ("QPlatformTheme", "Close"): "ปิด",
    ("QPlatformTheme", "Cancel"): "ยกเลิก",
    ("QPlatformTheme", "Discard"): "ไม่บันทึก",
    ("QPlatformTheme", "Help"): "วิธีใช้",
    ("QPlatformTheme", "Apply"): "ใช้",
    ("QPlatformTheme", "Reset"): "ตั้งค่าใหม่",
    ("QPlatformTheme", "Restore Defaults"): "คืนค่าเริ่มต้น",
    ("QDialogButtonBox", "OK"): "ตกลง",
    ("QProgressDialog", "Cancel"): "ยกเลิก",
    ("QInputDialog", "Enter a value:"): "ป้อนค่า:",
    ("QMessageBox", "Show Details..."): "แสดงรายละเอียด…",
    ("QMessageBox", "Hide Details..."): "ซ่อนรายละเอียด…",
    ("QMessageBox", "About Qt"): "เกี่ยวกับ Qt",
    ("QMessageBox", "<h3>About Qt</h3><p>This program uses Qt version %1.</p>"):
        "<h3>เกี่ยวกับ Qt</h3><p>โปรแกรมนี้ใช้ Qt รุ่น %1</p>",
    ("QMessageBox",
     "<p>Qt is a C++ toolkit for cross-platform application development.</p>"
     "<p>Qt provides single-source portability across all major desktop operating systems. "
     "It is also available for embedded Linux and other embedded and mobile operating systems.</p>"
     "<p>Qt is available under multiple licensing options designed to accommodate the needs of our "
     "various users.</p>"
     "<p>Qt licensed under our commercial license agreement is appropriate for development of "
     "proprietary/commercial software where you do not want to share any source code with third parties "
     "or otherwise cannot comply with the terms of GNU (L)GPL.</p>"
     "<p>Qt licensed under GNU (L)GPL is appropriate for the development of Qt&nbsp;applications provided "
     "you can comply with the terms and conditions of the respective licenses.</p>"
     "<p>Please see <a href=\"https://%2/\">%2</a> for an overview of Qt licensing.</p>"
     "<p>Copyright (C) The Qt Company Ltd. and other contributors.</p>"
     "<p>Qt and the Qt logo are trademarks of The Qt Company Ltd.</p>"
     "<p>Qt is The Qt Company Ltd. product developed as an open source project. "
     "See <a href=\"https://%3/\">%3</a> for more information.</p>"):
        "<p>Qt เป็นชุดเครื่องมือภาษา C++ สำหรับสร้างโปรแกรมที่ทำงานได้บนหลายระบบ</p>"
        "<p>โปรแกรมที่เขียนด้วย Qt ชุดเดียวทำงานได้บนระบบปฏิบัติการเดสก์ท็อปหลัก ๆ ทุกระบบ "
        "รวมทั้งอุปกรณ์ฝังตัวและอุปกรณ์เคลื่อนที่</p>"
        "<p>Qt มีให้ใช้ได้หลายสัญญาอนุญาต เพื่อให้เหมาะกับผู้ใช้แต่ละกลุ่ม</p>"
        "<p>สัญญาอนุญาตเชิงพาณิชย์เหมาะกับซอฟต์แวร์ที่ไม่เปิดเผยซอร์สโค้ด "
        "หรือไม่อาจปฏิบัติตามเงื่อนไขของ GNU (L)GPL ได้</p>"
        "<p>สัญญาอนุญาต GNU (L)GPL เหมาะกับโปรแกรมที่ปฏิบัติตามเงื่อนไขของสัญญาอนุญาตนั้นได้</p>"
        "<p>ภาพรวมของสัญญาอนุญาตของ Qt ดูได้ที่ <a href=\"https://%2/\">%2</a></p>"
        "<p>ลิขสิทธิ์ (C) The Qt Company Ltd. และผู้ร่วมพัฒนา</p>"
        "<p>Qt และโลโก้ Qt เป็นเครื่องหมายการค้าของ The Qt Company Ltd.</p>"
        "<p>Qt เป็นผลิตภัณฑ์ของ The Qt Company Ltd. ที่พัฒนาเป็นโครงการโอเพนซอร์ส "
        "ดูข้อมูลเพิ่มเติมได้ที่ <a href=\"https://%3/\">%3</a></p>",
    # Qt's own file dialog (see language.py: the app uses it on Linux).
    ("QFileDialog", "&Open"): "เปิด",
    ("QFileDialog", "&Save"): "บันทึก",
    ("QFileDialog", "&Choose"): "เลือก",
    ("QFileDialog", "Open"): "เปิด",
    ("QFileDialog", "Save As"): "บันทึกเป็น",
    ("QFileDialog", "Find Directory"): "เลือกโฟลเดอร์",
    ("QFileDialog", "&Look in:"): "ดูใน:",
    ("QFileDialog", "File &name:"): "ชื่อไฟล์:",
    ("QFileDialog", "Directory:"): "โฟลเดอร์:",
    ("QFileDialog", "Files of &type:"): "ชนิดไฟล์:",
    ("QFileDialog", "All Files (*)"): "ทุกไฟล์ (*)",
    ("QFileDialog", "All files (*)"): "ทุกไฟล์ (*)",
    ("QFileDialog", "Directories"): "โฟลเดอร์",
    ("QFileDialog", "Files"): "ไฟล์",
    ("QFileDialog", "Back"): "ย้อนกลับ",
    ("QFileDialog", "Go back"): "ย้อนกลับ",
    ("QFileDialog", "Forward"): "ไปข้างหน้า",
    ("QFileDialog", "Go forward"): "ไปข้างหน้า",
    ("QFileDialog", "Parent Directory"): "โฟลเดอร์ที่อยู่เหนือขึ้นไป",
    ("QFileDialog", "Go to the parent directory"): "ไปยังโฟลเดอร์ที่อยู่เหนือขึ้นไป",
    ("QFileDialog", "Create New Folder"): "สร้างโฟลเดอร์ใหม่",
    ("QFileDialog", "Create a New Folder"): "สร้างโฟลเดอร์ใหม่",
    ("QFileDialog", "New Folder"): "โฟลเดอร์ใหม่",
    ("QFileDialog", "&New Folder"): "โฟลเดอร์ใหม่",
    ("QFileDialog", "List View"): "แสดงเป็นรายการ",
    ("QFileDialog", "Change to list view mode"): "แสดงเป็นรายการ",
    ("QFileDialog", "Detail View"): "แสดงรายละเอียด",
    ("QFileDialog", "Change to detail view mode"): "แสดงรายละเอียด",
    ("QFileDialog", "Sidebar"): "แถบด้านข้าง",
    ("QFileDialog", "List of places and bookmarks"): "ตำแหน่งและที่คั่นไว้",
    ("QFileDialog", "Recent Places"): "ตำแหน่งล่าสุด",
    ("QFileDialog", "Remove"): "เอาออก",
    ("QFileDialog", "&Rename"): "เปลี่ยนชื่อ",
    ("QFileDialog", "&Delete"): "ลบ",
    ("QFileDialog", "Delete"): "ลบ",
    ("QFileDialog", "Show &hidden files"): "แสดงไฟล์ที่ซ่อนอยู่",
    ("QFileDialog", "Show "): "แสดง ",
    # The shortcuts' names, shown in the buttons' tooltips.
    ("QFileDialog", "Alt+Left"): "Alt+ลูกศรซ้าย",
    ("QFileDialog", "Alt+Right"): "Alt+ลูกศรขวา",
    ("QFileDialog", "Alt+Up"): "Alt+ลูกศรขึ้น",
    ("QFileDialog", "%1 already exists.\nDo you want to replace it?"):
        "มี %1 อยู่แล้ว\nต้องการแทนที่ไฟล์เดิมหรือไม่",
    ("QFileDialog", "%1\nFile not found.\nPlease verify the correct file name was given."):
        "%1\nไม่พบไฟล์นี้\nโปรดตรวจดูว่าพิมพ์ชื่อไฟล์ถูกต้อง",
    ("QFileDialog", "%1\nDirectory not found.\nPlease verify the correct directory name was given."):
        "%1\nไม่พบโฟลเดอร์นี้\nโปรดตรวจดูว่าพิมพ์ชื่อโฟลเดอร์ถูกต้อง",
    ("QFileDialog", "Are you sure you want to delete '%1'?"): "ต้องการลบ “%1” ใช่หรือไม่",
    ("QFileDialog", "'%1' is write protected.\nDo you want to delete it anyway?"):
        "“%1” ถูกป้องกันการเขียน\nยังต้องการลบหรือไม่",
    ("QFileDialog", "Could not delete directory."): "ลบโฟลเดอร์ไม่ได้",
    ("QFileSystemModel", "Name"): "ชื่อ",
    ("QFileSystemModel", "Size"): "ขนาด",
    ("QFileSystemModel", "Type"): "ชนิด",
    ("QFileSystemModel", "Kind"): "ชนิด",
    ("QFileSystemModel", "Date Modified"): "วันที่แก้ไข",
    ("QFileSystemModel", "Computer"): "คอมพิวเตอร์",
    ("QFileSystemModel", "My Computer"): "คอมพิวเตอร์",
    ("QFileSystemModel", "Invalid filename"): "ชื่อไฟล์ใช้ไม่ได้",
    ("QFileSystemModel",
     "<b>The name \"%1\" cannot be used.</b><p>Try using another name, with fewer characters "
     "or no punctuation marks."):
        "<b>ใช้ชื่อ “%1” ไม่ได้</b><p>ลองใช้ชื่ออื่นที่สั้นลงหรือไม่มีเครื่องหมายวรรคตอน",
    ("QAbstractFileIconProvider", "Drive"): "ไดรฟ์",
    ("QAbstractFileIconProvider", "Folder"): "โฟลเดอร์",
    ("QAbstractFileIconProvider", "File Folder"): "โฟลเดอร์",
    ("QAbstractFileIconProvider", "Alias"): "ทางลัด",
    ("QAbstractFileIconProvider", "Shortcut"): "ทางลัด",
    ("QAbstractFileIconProvider", "File"): "ไฟล์",
    ("QAbstractFileIconProvider", "Unknown"): "ไม่ทราบชนิด",
    # The Undo/Copy/Paste menu of every text field.
    ("QLineEdit", "&Undo"): "เลิกทำ",
    ("QLineEdit", "&Redo"): "ทำซ้ำ",
    ("QLineEdit", "Cu&t"): "ตัด",
    ("QLineEdit", "&Copy"): "คัดลอก",
    ("QLineEdit", "&Paste"): "วาง",
    ("QLineEdit", "Delete"): "ลบ",
    ("QLineEdit", "Select All"): "เลือกทั้งหมด",
    ("QWidgetTextControl", "&Undo"): "เลิกทำ",
    ("QWidgetTextControl", "&Redo"): "ทำซ้ำ",
    ("QWidgetTextControl", "Cu&t"): "ตัด",
    ("QWidgetTextControl", "&Copy"): "คัดลอก",
    ("QWidgetTextControl", "Copy &Link Location"): "คัดลอกที่อยู่ลิงก์",
    ("QWidgetTextControl", "&Paste"): "วาง",
    ("QWidgetTextControl", "Delete"): "ลบ",
    ("QWidgetTextControl", "Select All"): "เลือกทั้งหมด",
    ("QAbstractSpinBox", "&Select All"): "เลือกทั้งหมด",
    ("QAbstractSpinBox", "&Step up"): "เพิ่มขึ้นหนึ่งขั้น",
    ("QAbstractSpinBox", "Step &down"): "ลดลงหนึ่งขั้น",
    ("QScrollBar", "Scroll here"): "เลื่อนมาที่นี่",
    ("QScrollBar", "Left edge"): "ซ้ายสุด",
    ("QScrollBar", "Top"): "บนสุด",
    ("QScrollBar", "Right edge"): "ขวาสุด",
    ("QScrollBar", "Bottom"): "ล่างสุด",
    ("QScrollBar", "Page left"): "เลื่อนซ้ายหนึ่งหน้า",
    ("QScrollBar", "Page up"): "เลื่อนขึ้นหนึ่งหน้า",
    ("QScrollBar", "Page right"): "เลื่อนขวาหนึ่งหน้า",
    ("QScrollBar", "Page down"): "เลื่อนลงหนึ่งหน้า",
    ("QScrollBar", "Scroll left"): "เลื่อนซ้าย",
    ("QScrollBar", "Scroll up"): "เลื่อนขึ้น",
    ("QScrollBar", "Scroll right"): "เลื่อนขวา",
    ("QScrollBar", "Scroll down"): "เลื่อนลง",
    ("QTabBar", "Scroll Left"): "เลื่อนซ้าย",
    ("QTabBar", "Scroll Right"): "เลื่อนขวา",
    ("QUndoModel", "<empty>"): "<ว่าง>",
}


class QtStringsTranslator(QTranslator):
    """Answers Qt's own lookups from :data:`THAI`.  Every other lookup (the
    app's contexts) gets None, a null string, so Qt goes on to the app's own
    catalogue: an empty string would be taken as the translation."""

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: ARG002
        # Qt's disambiguations here ("All other platforms") only separate a
        # string from its macOS or Windows twin, which has the same Thai.
        return THAI.get((context, source_text))

    def isEmpty(self) -> bool:
        return False


class ThaiFileTypes(QFileIconProvider):
    """Qt's icons, with the type named in Thai ("ไฟล์ PDF", "โฟลเดอร์")."""

    def type(self, info) -> str:
        if info.isRoot():
            return "ไดรฟ์"
        if info.isDir():
            return "โฟลเดอร์"
        suffix = info.suffix()
        return f"ไฟล์ {suffix.upper()}" if suffix else "ไฟล์"


_FILE_TYPES: list[ThaiFileTypes] = []


def _file_types() -> ThaiFileTypes:
    """One provider for the app's life: a dialog keeps a bare pointer to it,
    so it must outlive every dialog, across language switches too."""
    if not _FILE_TYPES:
        _FILE_TYPES.append(ThaiFileTypes())
    return _FILE_TYPES[0]


class ThaiFileDialogs(QObject):
    """An application event filter: each Qt file dialog, as it is shown,
    lists types in Thai.  The static getOpenFileName() and its siblings make
    their dialog inside Qt, so the dialog is reached when it shows."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.provider = _file_types()

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QFileDialog) \
                and watched.iconProvider() is not self.provider:
            watched.setIconProvider(self.provider)
        return False
