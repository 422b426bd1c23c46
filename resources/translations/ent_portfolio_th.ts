<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="th_TH" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About EnT Portfolio</source>
        <translation>เกี่ยวกับ EnT Portfolio</translation>
    </message>
    <message>
        <source>A portfolio of community-engagement work and promotion dossiers for Thai lecturers. Free software under the GNU General Public License, version 3 or later.</source>
        <translation>แฟ้มสะสมผลงานรับใช้ท้องถิ่นและสังคม และจัดทำแฟ้มเสนอขอตำแหน่งทางวิชาการสำหรับอาจารย์ไทย เป็นซอฟต์แวร์เสรีภายใต้สัญญาอนุญาต GNU General Public License รุ่น 3 หรือใหม่กว่า</translation>
    </message>
    <message>
        <source>The Sarabun font is used under the SIL Open Font License:</source>
        <translation>ฟอนต์สารบรรณ (Sarabun) ใช้ภายใต้สัญญาอนุญาต SIL Open Font License:</translation>
    </message>
    <message>
        <source>Uses Qt %1 under the GNU Lesser General Public License, version 3.</source>
        <translation>ใช้ Qt %1 ภายใต้สัญญาอนุญาต GNU Lesser General Public License รุ่นที่ 3</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>ปิด</translation>
    </message>
    <message>
        <source>About Qt</source>
        <translation>เกี่ยวกับ Qt</translation>
    </message>
</context>
<context>
    <name>AssessmentPanel</name>
    <message>
        <source>Reviewer</source>
        <translation>ผู้ประเมิน</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>ชื่อ</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>ตำแหน่ง</translation>
    </message>
    <message>
        <source>Show my name on the assessment form</source>
        <translation>แสดงชื่อของข้าพเจ้าในแบบประเมิน</translation>
    </message>
    <message>
        <source>Unticked, the form says “Reviewer (name withheld)”. Your review stays in its own file beside the package, never in the applicant's portfolio.</source>
        <translation>ถ้าไม่เลือก แบบประเมินจะระบุว่า “ผู้ทรงคุณวุฒิ (ไม่เปิดเผยชื่อ)” ผลการประเมินของท่านเก็บในไฟล์ของตนเองข้างชุดหลักฐาน ไม่ถูกส่งกลับเข้าแฟ้มสะสมผลงานของผู้เสนอขอ</translation>
    </message>
    <message>
        <source>The package names no work to assess.</source>
        <translation>ชุดหลักฐานนี้ไม่ได้ระบุผลงานที่จะประเมิน</translation>
    </message>
</context>
<context>
    <name>AutoForm</name>
    <message>
        <source>Edit</source>
        <translation>แก้ไข</translation>
    </message>
</context>
<context>
    <name>Common</name>
    <message>
        <source>Delete</source>
        <translation>ลบ</translation>
    </message>
    <message>
        <source>Delete “%1”?</source>
        <translation>ลบ “%1” หรือไม่</translation>
    </message>
    <message>
        <source>You can undo this with Edit ▸ Undo.</source>
        <translation>เรียกคืนได้ที่เมนู แก้ไข ▸ เลิกทำ</translation>
    </message>
    <message>
        <source>Everything recorded under it is deleted too. This cannot be undone.</source>
        <translation>ข้อมูลทั้งหมดที่บันทึกไว้ภายใต้รายการนี้จะถูกลบด้วย และเรียกคืนไม่ได้</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>ยกเลิก</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>Close</source>
        <translation>ปิด</translation>
    </message>
    <message>
        <source>Reviews compared</source>
        <translation>เปรียบเทียบผลการประเมิน</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>ผลงาน</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>ความสอดคล้อง</translation>
    </message>
    <message>
        <source>Levels</source>
        <translation type="vanished">ระดับ</translation>
    </message>
    <message>
        <source>agree</source>
        <translation>ตรงกัน</translation>
    </message>
    <message>
        <source>differ</source>
        <translation>ต่างกัน</translation>
    </message>
    <message>
        <source>%1 reviews of this package; the levels differ on %2 of %3 works.</source>
        <translation>ผลการประเมินชุดหลักฐานนี้ %1 ฉบับ ให้ระดับต่างกัน %2 จาก %3 ผลงาน</translation>
    </message>
</context>
<context>
    <name>ConsentFormButton</name>
    <message>
        <source>Print the photo consent form…</source>
        <translation>พิมพ์แบบยินยอมของบุคคลในภาพ…</translation>
    </message>
    <message>
        <source>For the activity selected above: the form the people in its photos sign</source>
        <translation>สำหรับกิจกรรมที่เลือกไว้ด้านบน: แบบที่บุคคลในภาพถ่ายของกิจกรรมลงนามยินยอม</translation>
    </message>
</context>
<context>
    <name>DossierView</name>
    <message>
        <source>Evidence of “%1”</source>
        <extracomment>work id -&gt; evidence ids left out (everything else is included).</extracomment>
        <translation type="vanished">หลักฐานของ “%1”</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation type="vanished">หลักฐาน</translation>
    </message>
    <message>
        <source>The dossier builder is not installed in this version.</source>
        <extracomment>work id -&gt; evidence ids left out (everything else is included).</extracomment>
        <translation type="vanished">รุ่นนี้ยังไม่มีส่วนจัดทำแฟ้มเสนอขอ</translation>
    </message>
    <message>
        <source>Tick at least one work to export.</source>
        <extracomment>The export use case the command line calls too (tests pass a quicker one). work id -&gt; evidence ids left out (everything else is included).</extracomment>
        <translation>โปรดเลือกผลงานอย่างน้อยหนึ่งเรื่อง</translation>
    </message>
    <message>
        <source>Save the dossier as</source>
        <translation>บันทึกแฟ้มเสนอขอเป็น</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>ไฟล์ PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Building the dossier…</source>
        <translation>กำลังจัดทำแฟ้มเสนอขอ…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>ยกเลิก</translation>
    </message>
    <message>
        <source>Export dossier</source>
        <translation>ส่งออกแฟ้มเสนอขอ</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>กำลังหยุด…</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>บันทึกแล้ว: %1</translation>
    </message>
    <message numerus="yes">
        <source>(%n page(s))</source>
        <translation>
            <numerusform>(%n หน้า)</numerusform></translation>
    </message>
    <message>
        <source>Evidence package: %1</source>
        <translation>ชุดหลักฐาน: %1</translation>
    </message>
    <message>
        <source>Export cancelled: no file was written.</source>
        <translation>ยกเลิกการส่งออกแล้ว ไม่มีการเขียนไฟล์ใด</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>ส่งออกไม่สำเร็จ: %1</translation>
    </message>
    <message>
        <source>Drawing the first pages…</source>
        <translation>กำลังวาดหน้าแรก ๆ…</translation>
    </message>
    <message>
        <source>Page %1</source>
        <translation>หน้า %1</translation>
    </message>
    <message>
        <source>The first pages of %1. Open the PDF to read it all.</source>
        <translation>หน้าแรก ๆ ของ %1 เปิดไฟล์ PDF เพื่ออ่านทั้งหมด</translation>
    </message>
    <message>
        <source>Cover</source>
        <translation>ปก</translation>
    </message>
    <message>
        <source>Table of contents</source>
        <translation>สารบัญ</translation>
    </message>
    <message>
        <source>Applicant summary</source>
        <translation>ข้อมูลผู้ขอ</translation>
    </message>
    <message>
        <source>Summary of works</source>
        <translation>สรุปผลงาน</translation>
    </message>
    <message numerus="yes">
        <source>%n evidence item(s)</source>
        <translation>
            <numerusform>หลักฐาน %n รายการ</numerusform></translation>
    </message>
    <message>
        <source>Appendices: testimonials, photo evidence, evidence manifest</source>
        <translation>ภาคผนวก: คำรับรอง ภาพหลักฐาน บัญชีหลักฐาน</translation>
    </message>
    <message>
        <source>Appendix: readiness summary</source>
        <translation>ภาคผนวก: สรุปความพร้อม</translation>
    </message>
    <message>
        <source>Page pictures need Poppler’s pdftoppm, which is not installed; this is what the dossier contains. Open the PDF to see the pages.</source>
        <translation>การแสดงภาพหน้าต้องใช้โปรแกรม pdftoppm ซึ่งยังไม่ได้ติดตั้ง รายการนี้คือสิ่งที่อยู่ในแฟ้ม เปิดไฟล์ PDF เพื่อดูแต่ละหน้า</translation>
    </message>
    <message>
        <source>Dossier</source>
        <translation>แฟ้มเสนอขอ</translation>
    </message>
    <message>
        <source>Applying for</source>
        <translation>ตำแหน่งที่ขอ</translation>
    </message>
    <message>
        <source>Language of the dossier</source>
        <translation>ภาษาของแฟ้มเสนอขอ</translation>
    </message>
    <message>
        <source>Works, in dossier order</source>
        <translation>ผลงาน ตามลำดับในแฟ้ม</translation>
    </message>
    <message>
        <source>Tick the works to include; drag them or use the arrows to set the order.</source>
        <translation>เลือกผลงานที่จะใส่ในแฟ้ม ลากหรือใช้ลูกศรเพื่อจัดลำดับ</translation>
    </message>
    <message>
        <source>▲ Up</source>
        <translation>▲ ขึ้น</translation>
    </message>
    <message>
        <source>▼ Down</source>
        <translation>▼ ลง</translation>
    </message>
    <message>
        <source>Evidence of the chosen work</source>
        <translation>หลักฐานของผลงานที่เลือก</translation>
    </message>
    <message>
        <source>All</source>
        <translation>ทั้งหมด</translation>
    </message>
    <message>
        <source>None</source>
        <translation>ไม่เลือก</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>ตัวเลือก</translation>
    </message>
    <message>
        <source>Add the readiness summary as an appendix</source>
        <translation>แนบสรุปความพร้อมเป็นภาคผนวก</translation>
    </message>
    <message>
        <source>Also make the evidence package (ZIP with the original files and their hashes)</source>
        <translation>จัดทำชุดหลักฐาน (ZIP พร้อมไฟล์ต้นฉบับและค่าแฮช) ด้วย</translation>
    </message>
    <message>
        <source>Keep the GPS positions in the photos</source>
        <translation>เก็บพิกัด GPS ในภาพ</translation>
    </message>
    <message>
        <source>Final version to submit (not while readiness finds something blocking)</source>
        <translation>ฉบับสมบูรณ์สำหรับยื่น (ทำได้เมื่อไม่มีเรื่องที่ต้องแก้ก่อนยื่นแล้ว)</translation>
    </message>
    <message>
        <source>Unless this is ticked, the photos in the evidence package go without their GPS positions: a position can lead to someone’s home.</source>
        <translation>ถ้าไม่เลือกช่องนี้ ภาพถ่ายในชุดหลักฐานจะถูกลบพิกัด GPS ออก เพราะพิกัดอาจนำไปสู่บ้านของผู้คนในชุมชนได้</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>บันทึกเป็น</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>เลือก…</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>ตัวอย่าง</translation>
    </message>
    <message>
        <source>The first pages appear here after the export.</source>
        <translation>หน้าแรก ๆ จะแสดงที่นี่หลังส่งออก</translation>
    </message>
    <message>
        <source>Open PDF</source>
        <translation>เปิด PDF</translation>
    </message>
    <message>
        <source>Show folder</source>
        <translation>เปิดโฟลเดอร์</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Something went wrong: %1</source>
        <translation>เกิดข้อผิดพลาด: %1</translation>
    </message>
    <message>
        <source>EnT Portfolio</source>
        <translation>EnT Portfolio</translation>
    </message>
</context>
<context>
    <name>EvidenceDetailDialog</name>
    <message>
        <source>— not linked —</source>
        <extracomment>Kinds whose paper carries a date of its own (a letter's "ลงวันที่"). The viewer decodes at most this many pixels on the long side (a 12 MP photo at full size would take a noticeable moment and a lot of memory).</extracomment>
        <translation>— ไม่ระบุ —</translation>
    </message>
    <message>
        <source>Faces not looked for yet: the export looks for them and blurs them unless everyone in the photo consented.</source>
        <translation>ยังไม่ได้ตรวจหาใบหน้า เมื่อส่งออกแฟ้ม โปรแกรมจะตรวจหาและเบลอใบหน้า เว้นแต่ทุกคนในภาพยินยอมแล้ว</translation>
    </message>
    <message>
        <source>Not blurred — everyone in the photo consented.</source>
        <translation>ไม่เบลอ — ทุกคนในภาพยินยอมแล้ว</translation>
    </message>
    <message numerus="yes">
        <source>%n face(s) will be blurred in the dossier</source>
        <translation>
            <numerusform>ใบหน้า %n คนจะถูกเบลอในแฟ้มเสนอขอ</numerusform></translation>
    </message>
    <message>
        <source>No face marked: nothing will be blurred.</source>
        <translation>ไม่มีกรอบใบหน้า จึงไม่มีส่วนใดถูกเบลอ</translation>
    </message>
    <message>
        <source>Save your boxes first.</source>
        <translation>บันทึกกรอบใบหน้าที่แก้ไว้ก่อน</translation>
    </message>
    <message>
        <source>You corrected the boxes of this photo: the detector does not replace them. Remove them all and save to detect again.</source>
        <translation>คุณแก้กรอบใบหน้าของภาพนี้แล้ว โปรแกรมจะไม่ตรวจหาทับ หากต้องการให้ตรวจหาใหม่ ให้ลบกรอบทั้งหมดแล้วบันทึก</translation>
    </message>
    <message>
        <source>Look for faces in the photo again, replacing the boxes the detector found.</source>
        <translation>ตรวจหาใบหน้าในภาพอีกครั้ง แทนกรอบที่โปรแกรมพบไว้เดิม</translation>
    </message>
    <message>
        <source>Looking for faces…</source>
        <translation>กำลังตรวจหาใบหน้า…</translation>
    </message>
    <message>
        <source>Detect faces again</source>
        <translation>ตรวจหาใบหน้าอีกครั้ง</translation>
    </message>
    <message>
        <source>Explain the finding</source>
        <translation>อธิบายข้อสังเกต</translation>
    </message>
    <message>
        <source>Why is the photo right? Your note appears beside it in the dossier's manifest.</source>
        <translation>ภาพนี้ถูกต้องเพราะอะไร คำอธิบายของท่านจะแสดงคู่กับภาพในบัญชีหลักฐานของแฟ้ม</translation>
    </message>
    <message>
        <source>Save note</source>
        <translation>บันทึกคำอธิบาย</translation>
    </message>
    <message>
        <source>Explain a finding</source>
        <translation>อธิบายข้อสังเกต</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n หน้า</numerusform></translation>
    </message>
    <message>
        <source>Edit evidence</source>
        <translation>แก้ไขหลักฐาน</translation>
    </message>
    <message>
        <source>Evidence: %1</source>
        <translation>หลักฐาน: %1</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>พอดีหน้าต่าง</translation>
    </message>
    <message>
        <source>Fit the picture to the window (double-click)</source>
        <translation>ย่อภาพให้พอดีหน้าต่าง (ดับเบิลคลิก)</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl+wheel or +)</source>
        <translation>ขยาย (Ctrl+ล้อเมาส์ หรือ +)</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+wheel or −)</source>
        <translation>ย่อ (Ctrl+ล้อเมาส์ หรือ −)</translation>
    </message>
    <message>
        <source>One screen pixel per picture pixel</source>
        <translation>ขนาดจริง</translation>
    </message>
    <message>
        <source>Open original…</source>
        <translation>เปิดไฟล์ต้นฉบับ…</translation>
    </message>
    <message>
        <source>Open the stored file with the program your computer uses for it</source>
        <translation>เปิดไฟล์ที่เก็บไว้ด้วยโปรแกรมประจำเครื่อง</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>คำอธิบาย</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>คำบรรยาย</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>ประเภท</translation>
    </message>
    <message>
        <source>Date on the document</source>
        <translation>ลงวันที่ในเอกสาร</translation>
    </message>
    <message>
        <source>Consent of the people in the photo</source>
        <translation>ความยินยอมของบุคคลในภาพ</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>วันที่</translation>
    </message>
    <message>
        <source>known</source>
        <translation>ทราบ</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>สถานที่</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>กิจกรรม</translation>
    </message>
    <message>
        <source>Proves</source>
        <translation>ยืนยันหลักการ</translation>
    </message>
    <message>
        <source>Include in the dossier</source>
        <translation>ใส่ในแฟ้มเสนอขอ</translation>
    </message>
    <message>
        <source>What the file says</source>
        <translation>ข้อมูลในไฟล์</translation>
    </message>
    <message>
        <source>Original name</source>
        <translation>ชื่อไฟล์เดิม</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>ประเภท</translation>
    </message>
    <message>
        <source>File size</source>
        <translation>ขนาดไฟล์</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>ขนาด</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>กล้อง</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>วันที่ถ่าย</translation>
    </message>
    <message>
        <source>GPS</source>
        <translation>พิกัด GPS</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>บันทึก</translation>
    </message>
    <message>
        <source>Drag over a face to mark it; drag a box to move it or its corner to resize it; Delete removes the selected box.</source>
        <translation>ลากคลุมใบหน้าเพื่อทำกรอบ ลากกรอบเพื่อย้าย ลากที่มุมกรอบเพื่อปรับขนาด กดปุ่ม Del เพื่อลบกรอบที่เลือก</translation>
    </message>
    <message>
        <source>Remove box</source>
        <translation>ลบกรอบ</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>ยกเลิก</translation>
    </message>
</context>
<context>
    <name>EvidenceListModel</name>
    <message numerus="yes">
        <source>%n face(s) will be blurred in the dossier</source>
        <extracomment>Roles beyond Qt's own. The texts of a photo's open plausibility findings, in the interface's language. How many faces the dossier's copy of the photo blurs (0: none, or not a photo). Face boxes on the photo; None while the detector has not looked. evidence id -&gt; its open plausibility findings (readiness ``Finding``s).</extracomment>
        <translation>
            <numerusform>ใบหน้า %n คนจะถูกเบลอในแฟ้มเสนอขอ</numerusform></translation>
    </message>
</context>
<context>
    <name>EvidencePanel</name>
    <message>
        <source>Work %1: %2</source>
        <extracomment>The item data role holding an evidence file's ref (None on a work's row). The page index (0-based) the file is first cited on, or -1.</extracomment>
        <translation>ผลงานที่ %1: %2</translation>
    </message>
    <message>
        <source>Other evidence</source>
        <translation>หลักฐานอื่น</translation>
    </message>
    <message>
        <source> (not as signed)</source>
        <translation> (ไม่ตรงกับที่ลงนามไว้)</translation>
    </message>
    <message>
        <source>not cited</source>
        <translation>ไม่ได้อ้างถึง</translation>
    </message>
    <message>
        <source>p. %1</source>
        <translation>หน้า %1</translation>
    </message>
    <message>
        <source>This computer has no program for this file yet. A read-only copy is at:
%1</source>
        <translation>เครื่องนี้ยังไม่มีโปรแกรมสำหรับเปิดไฟล์นี้ สำเนาที่อ่านได้อย่างเดียวอยู่ที่:
%1</translation>
    </message>
    <message>
        <source>Choose a file to turn to the page that cites it; files cited on the page shown are in bold. A file opens as a read-only copy: the package does not change.</source>
        <translation>เลือกไฟล์เพื่อไปยังหน้าที่อ้างถึงไฟล์นั้น ไฟล์ที่อ้างถึงในหน้าที่แสดงอยู่จะเป็นตัวหนา ไฟล์จะเปิดเป็นสำเนาที่อ่านได้อย่างเดียว ชุดหลักฐานจึงไม่เปลี่ยนแปลง</translation>
    </message>
    <message>
        <source>Evidence file</source>
        <translation>ไฟล์หลักฐาน</translation>
    </message>
    <message>
        <source>Cited on</source>
        <translation>อ้างถึงที่</translation>
    </message>
    <message>
        <source>Open file</source>
        <translation>เปิดไฟล์</translation>
    </message>
</context>
<context>
    <name>EvidenceView</name>
    <message>
        <source>All works</source>
        <translation>ผลงานทั้งหมด</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n รายการ</numerusform></translation>
    </message>
    <message>
        <source>Delete “%1”?</source>
        <translation>ลบ “%1” หรือไม่</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n evidence item(s)?</source>
        <translation>
            <numerusform>ลบหลักฐาน %n รายการหรือไม่</numerusform></translation>
    </message>
    <message>
        <source>Delete evidence</source>
        <translation>ลบหลักฐาน</translation>
    </message>
    <message>
        <source>The file is removed from the portfolio when nothing else uses it. Your original file on the computer is not touched.</source>
        <translation>ไฟล์จะถูกนำออกจากแฟ้มผลงานเมื่อไม่มีรายการอื่นใช้อยู่ ไฟล์ต้นฉบับในเครื่องของท่านไม่ถูกแตะต้อง</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>ลบ</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>ยกเลิก</translation>
    </message>
    <message>
        <source>Add evidence files</source>
        <translation>เพิ่มไฟล์หลักฐาน</translation>
    </message>
    <message>
        <source>Add evidence</source>
        <translation>เพิ่มหลักฐาน</translation>
    </message>
    <message>
        <source>Create a work first: evidence always belongs to a work.</source>
        <translation>โปรดสร้างผลงานก่อน หลักฐานต้องอยู่ภายใต้ผลงาน</translation>
    </message>
    <message>
        <source>Add the files to which work?</source>
        <translation>เพิ่มไฟล์ให้ผลงานใด</translation>
    </message>
    <message>
        <source>Files are still being imported; drop these again when it has finished.</source>
        <translation>ยังนำเข้าไฟล์ชุดก่อนอยู่ โปรดลากไฟล์เหล่านี้มาวางอีกครั้งเมื่อเสร็จแล้ว</translation>
    </message>
    <message>
        <source>Importing evidence…</source>
        <translation>กำลังนำเข้าหลักฐาน…</translation>
    </message>
    <message>
        <source>Looking for the QR code of returned letters in the new files…</source>
        <translation>กำลังหาคิวอาร์โค้ดของหนังสือที่ส่งกลับมาในไฟล์ใหม่…</translation>
    </message>
    <message>
        <source>Reading the text of the new scans…</source>
        <translation>กำลังอ่านข้อความในภาพสแกนใหม่…</translation>
    </message>
    <message>
        <source>Looking for faces in the new photos…</source>
        <translation>กำลังตรวจหาใบหน้าในภาพที่เพิ่มเข้ามา…</translation>
    </message>
    <message>
        <source>Work:</source>
        <translation>ผลงาน:</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>เพิ่มไฟล์…</translation>
    </message>
    <message>
        <source>Details…</source>
        <translation>รายละเอียด…</translation>
    </message>
    <message>
        <source>Open original</source>
        <translation>เปิดไฟล์ต้นฉบับ</translation>
    </message>
    <message>
        <source>Open the stored file with the program your computer uses for it</source>
        <translation>เปิดไฟล์ที่เก็บไว้ด้วยโปรแกรมประจำเครื่อง</translation>
    </message>
    <message>
        <source>Drag photos, scans or whole folders here to add them to the chosen work. Double-click a picture to describe it.</source>
        <translation>ลากภาพถ่าย เอกสารสแกน หรือทั้งโฟลเดอร์มาวางที่นี่เพื่อเพิ่มให้ผลงานที่เลือก ดับเบิลคลิกที่ภาพเพื่อใส่คำบรรยาย</translation>
    </message>
    <message>
        <source>No evidence yet.
Drag photos, scans or folders here, or click “Add files…”.</source>
        <translation>ยังไม่มีหลักฐาน
ลากภาพถ่าย เอกสารสแกน หรือโฟลเดอร์มาวางที่นี่ หรือคลิก “เพิ่มไฟล์…”</translation>
    </message>
    <message>
        <source>Photos and scans belong to a work. Record a work first, then add its evidence here.</source>
        <translation>ภาพถ่ายและเอกสารสแกนเป็นหลักฐานของผลงาน บันทึกผลงานก่อน แล้วจึงเพิ่มหลักฐานที่นี่</translation>
    </message>
    <message>
        <source>New work…</source>
        <translation>เพิ่มผลงาน…</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>-assessment</source>
        <translation>-แบบประเมิน</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>ไฟล์ PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Word files (*.docx)</source>
        <translation>ไฟล์ Word (*.docx)</translation>
    </message>
    <message>
        <source>Save the assessment form as</source>
        <translation>บันทึกแบบประเมินเป็น</translation>
    </message>
    <message>
        <source>Writing the assessment form…</source>
        <translation>กำลังเขียนแบบประเมิน…</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>บันทึกแล้ว: %1</translation>
    </message>
    <message>
        <source>Export the assessment</source>
        <translation>ส่งออกแบบประเมิน</translation>
    </message>
    <message>
        <source>The Thai assessment form committees use: each work's title, the level you give, your reasons per criterion, the reviewer and the date. Sign the PDF with your own identity if you have one.</source>
        <translation>แบบประเมินภาษาไทยตามที่คณะกรรมการใช้ ได้แก่ ชื่อผลงาน ระดับที่ท่านให้ เหตุผลตามเกณฑ์แต่ละข้อ ผู้ประเมิน และวันที่ หากท่านมีตัวตนสำหรับลงนาม ลงนามดิจิทัลในไฟล์ PDF ได้</translation>
    </message>
    <message>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <source>Word (.docx)</source>
        <translation>Word (.docx)</translation>
    </message>
    <message>
        <source>Export without signing…</source>
        <translation>ส่งออกโดยไม่ลงนาม…</translation>
    </message>
    <message>
        <source>Export signed PDF…</source>
        <translation>ส่งออก PDF ที่ลงนามแล้ว…</translation>
    </message>
    <message>
        <source>Open file</source>
        <translation>เปิดไฟล์</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>ปิด</translation>
    </message>
</context>
<context>
    <name>FaceBlurOption</name>
    <message>
        <source>Blur faces also in photos where everyone consented</source>
        <translation>เบลอใบหน้าในภาพที่ทุกคนยินยอมแล้วด้วย</translation>
    </message>
    <message>
        <source>Faces in photos without everyone's consent are always blurred in the dossier and the evidence package; your stored photos are never changed.</source>
        <translation>ใบหน้าในภาพที่ยังไม่ได้รับความยินยอมจากทุกคนจะถูกเบลอเสมอ ทั้งในแฟ้มเสนอขอและในชุดหลักฐาน ส่วนภาพที่เก็บไว้ในแฟ้มผลงานไม่เปลี่ยนแปลง</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <source>Name (Thai)</source>
        <translation>ชื่อ (ภาษาไทย)</translation>
    </message>
    <message>
        <source>Name (English)</source>
        <translation>ชื่อ (ภาษาอังกฤษ)</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>ประเภท</translation>
    </message>
    <message>
        <source>Province</source>
        <translation type="vanished">จังหวัด</translation>
    </message>
    <message>
        <source>District</source>
        <translation type="vanished">อำเภอ</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>พื้นที่</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>ที่อยู่</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>ประเทศ</translation>
    </message>
    <message>
        <source>MOU signed on</source>
        <translation>วันที่ลงนาม MOU</translation>
    </message>
    <message>
        <source>About the MOU</source>
        <translation>รายละเอียด MOU</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>หมายเหตุ</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>ชื่อ</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>ตำแหน่ง</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>โทรศัพท์</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>อีเมล</translation>
    </message>
    <message>
        <source>LINE ID</source>
        <translation>ไอดีไลน์</translation>
    </message>
    <message>
        <source>Agreed to be contacted</source>
        <translation>ยินยอมให้ติดต่อ</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>ประเภท</translation>
    </message>
    <message>
        <source>Academic title</source>
        <translation>คำนำหน้าทางวิชาการ</translation>
    </message>
    <message>
        <source>ORCID</source>
        <translation>ORCID</translation>
    </message>
    <message>
        <source>Current position</source>
        <translation>ตำแหน่งปัจจุบัน</translation>
    </message>
    <message>
        <source>In the current position since</source>
        <translation>ดำรงตำแหน่งนี้ตั้งแต่</translation>
    </message>
    <message>
        <source>Position applied for</source>
        <translation>ตำแหน่งที่ขอ</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>วิธีการขอ</translation>
    </message>
    <message>
        <source>Appointed on</source>
        <translation>วันที่บรรจุ</translation>
    </message>
    <message>
        <source>University</source>
        <translation>มหาวิทยาลัย</translation>
    </message>
    <message>
        <source>Faculty</source>
        <translation>คณะ</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>ภาควิชา/สาขาวิชา</translation>
    </message>
    <message>
        <source>Field of study applied in</source>
        <translation>สาขาวิชาที่ขอ</translation>
    </message>
    <message>
        <source>Field code</source>
        <translation>รหัสสาขาวิชา</translation>
    </message>
    <message>
        <source>Level</source>
        <extracomment>Offered as the level is typed (the stored value stays free text: a certificate or a diploma is a level too).</extracomment>
        <translation>ระดับ</translation>
    </message>
    <message>
        <source>Degree</source>
        <translation>ชื่อปริญญา</translation>
    </message>
    <message>
        <source>Institution</source>
        <translation>สถาบัน</translation>
    </message>
    <message>
        <source>Year graduated</source>
        <translation>ปีที่สำเร็จการศึกษา</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>หน่วยงาน</translation>
    </message>
    <message>
        <source>From</source>
        <translation>ตั้งแต่</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>ถึง</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>ภาคีเครือข่าย</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>วันที่</translation>
    </message>
    <message>
        <source>Quoted words</source>
        <translation>ข้อความที่อ้างอิง</translation>
    </message>
    <message>
        <source>What it corroborates</source>
        <translation>สิ่งที่ยืนยัน</translation>
    </message>
    <message>
        <source>EnT principle</source>
        <translation>หลักการ EnT</translation>
    </message>
    <message>
        <source>The letter is signed</source>
        <translation>หนังสือลงนามแล้ว</translation>
    </message>
    <message>
        <source>Consent to include it in the dossier (PDPA)</source>
        <translation>ยินยอมให้เผยแพร่ในแฟ้มเสนอขอ (PDPA)</translation>
    </message>
    <message>
        <source>Consent given on</source>
        <translation>วันที่ให้ความยินยอม</translation>
    </message>
    <message>
        <source>Reviewers may contact this person</source>
        <translation>ผู้ทรงคุณวุฒิติดต่อบุคคลนี้ได้</translation>
    </message>
    <message>
        <source>How to contact</source>
        <translation>ช่องทางติดต่อ</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>ผลงาน</translation>
    </message>
    <message>
        <source>of whom women</source>
        <extracomment>Optional breakdown of an activity's participants (kept in participant_groups).</extracomment>
        <translation>เป็นผู้หญิง</translation>
    </message>
    <message>
        <source>of whom men</source>
        <translation>เป็นผู้ชาย</translation>
    </message>
    <message>
        <source>of whom young people</source>
        <translation>เป็นเยาวชน</translation>
    </message>
    <message>
        <source>of whom older people</source>
        <translation>เป็นผู้สูงอายุ</translation>
    </message>
    <message>
        <source>Source of funds</source>
        <translation>แหล่งทุน</translation>
    </message>
    <message>
        <source>Amount (baht)</source>
        <translation>จำนวนเงิน (บาท)</translation>
    </message>
    <message>
        <source>Fiscal year</source>
        <translation>ปีงบประมาณ</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>บทบาท</translation>
    </message>
    <message>
        <source>What the partner did</source>
        <translation>สิ่งที่ภาคีทำ</translation>
    </message>
    <message>
        <source>Affiliation</source>
        <translation>สังกัด</translation>
    </message>
    <message>
        <source>This is the applicant</source>
        <translation>เป็นผู้ขอตำแหน่ง</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>สถานะ</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>บทบาท</translation>
    </message>
    <message>
        <source>Other role</source>
        <translation>บทบาทอื่น</translation>
    </message>
    <message>
        <source>Share of the work (older rules)</source>
        <translation>สัดส่วนผลงาน (ตามเกณฑ์เดิม)</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>การลงนาม</translation>
    </message>
    <message>
        <source>Signed on</source>
        <translation>วันที่ลงนาม</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>ชื่อเรื่อง</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>สถานที่</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>ผู้เข้าร่วม</translation>
    </message>
    <message>
        <source>Citation</source>
        <translation>รายการอ้างอิง</translation>
    </message>
    <message>
        <source>DOI</source>
        <translation>DOI</translation>
    </message>
    <message>
        <source>Web address</source>
        <translation>ที่อยู่เว็บ</translation>
    </message>
    <message>
        <source>New partner…</source>
        <extracomment>The partner's fields asked for at once; the rest waits on the partners page. The "choice" entry that calls :func:`ask_new_partner` (context "Fields").</extracomment>
        <translation>ภาคีใหม่…</translation>
    </message>
</context>
<context>
    <name>FiledLettersBox</name>
    <message>
        <source>You stopped the search for letters' QR codes: no file was filed. Add the files again to file them.</source>
        <extracomment>A sentence that needs the lecturer's eye (the wording changed, a letter not filed).</extracomment>
        <translation>ท่านหยุดการค้นหาคิวอาร์โค้ดของหนังสือ จึงยังไม่มีไฟล์ใดถูกแนบ เพิ่มไฟล์เหล่านั้นอีกครั้งเพื่อให้แนบเอง</translation>
    </message>
</context>
<context>
    <name>FrameworksPane</name>
    <message>
        <source>Tick the goals this work serves, and the targets where you want to be precise. A target does not tick its goal: what you tick is what the dossier and the faculty report show.</source>
        <translation>ทำเครื่องหมายเป้าหมายที่ผลงานนี้สอดคล้อง และเป้าหมายย่อยในข้อที่ต้องการระบุให้ชัด การเลือกเป้าหมายย่อยไม่ได้เลือกเป้าหมายหลักให้ด้วย สิ่งที่ทำเครื่องหมายไว้คือสิ่งที่แฟ้มขอตำแหน่งและรายงานของคณะแสดง</translation>
    </message>
    <message>
        <source>Framework</source>
        <translation>กรอบเป้าหมาย</translation>
    </message>
    <message>
        <source>Nothing ticked yet.</source>
        <translation>ยังไม่ได้ทำเครื่องหมายเป้าหมายใด</translation>
    </message>
    <message>
        <source>This work serves: %1</source>
        <translation>ผลงานนี้สอดคล้องกับ: %1</translation>
    </message>
    <message>
        <source>Close all</source>
        <translation>ปิดทั้งหมด</translation>
    </message>
    <message>
        <source>Show all targets</source>
        <translation>แสดงเป้าหมายย่อยทั้งหมด</translation>
    </message>
    <message>
        <source>Tick goals and targets</source>
        <translation>ทำเครื่องหมายเป้าหมาย</translation>
    </message>
</context>
<context>
    <name>ImportSummaryDialog</name>
    <message>
        <source>Import finished</source>
        <extracomment>evidence id -&gt; activity id whose dates contain the photo's date.</extracomment>
        <translation>นำเข้าเสร็จแล้ว</translation>
    </message>
    <message>
        <source>Import stopped</source>
        <translation>หยุดการนำเข้าแล้ว</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) added</source>
        <translation>
            <numerusform>เพิ่มแล้ว %n ไฟล์</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n already in the portfolio (not copied again)</source>
        <translation>
            <numerusform>%n ไฟล์มีอยู่แล้วในแฟ้มผลงาน (ไม่คัดลอกซ้ำ)</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n refused — see the reasons below</source>
        <translation>
            <numerusform>%n ไฟล์นำเข้าไม่ได้ — ดูเหตุผลด้านล่าง</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>You stopped the import: %n file(s) were left out; the files already imported are kept and nothing is half-stored.</source>
        <translation>
            <numerusform>ท่านหยุดการนำเข้า: เหลือ %n ไฟล์ที่ไม่ได้นำเข้า ไฟล์ที่นำเข้าแล้วยังอยู่ครบ และไม่มีไฟล์ใดถูกเก็บไม่สมบูรณ์</numerusform></translation>
    </message>
    <message>
        <source>File</source>
        <translation>ไฟล์</translation>
    </message>
    <message>
        <source>Why it was refused</source>
        <translation>เหตุที่นำเข้าไม่ได้</translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) were taken on the day of one of this work's activities.</source>
        <translation>
            <numerusform>ภาพ %n ภาพถ่ายในวันที่มีกิจกรรมของผลงานนี้</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) linked to their activity.</source>
        <translation>
            <numerusform>เชื่อมภาพ %n ภาพกับกิจกรรมแล้ว</numerusform></translation>
    </message>
    <message>
        <source>Link them to those activities</source>
        <translation>เชื่อมภาพเหล่านี้กับกิจกรรมนั้น</translation>
    </message>
</context>
<context>
    <name>IndicatorDialog</name>
    <message>
        <source>Baseline and target must be numbers, e.g. 42 or 3.5.</source>
        <translation>ค่าฐานและค่าเป้าหมายต้องเป็นตัวเลข เช่น 42 หรือ 3.5</translation>
    </message>
    <message>
        <source>Give the indicator a Thai name.</source>
        <translation>โปรดตั้งชื่อตัวชี้วัดเป็นภาษาไทย</translation>
    </message>
    <message>
        <source>Edit indicator</source>
        <translation>แก้ไขตัวชี้วัด</translation>
    </message>
    <message>
        <source>New indicator</source>
        <translation>เพิ่มตัวชี้วัด</translation>
    </message>
    <message>
        <source>Name (Thai)</source>
        <translation>ชื่อ (ภาษาไทย)</translation>
    </message>
    <message>
        <source>Name (English)</source>
        <translation>ชื่อ (ภาษาอังกฤษ)</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>หน่วย</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>ระดับ</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>ทิศทาง</translation>
    </message>
    <message>
        <source>Baseline value</source>
        <translation>ค่าฐาน</translation>
    </message>
    <message>
        <source>Baseline date</source>
        <translation>วันที่วัดค่าฐาน</translation>
    </message>
    <message>
        <source>Target value</source>
        <translation>ค่าเป้าหมาย</translation>
    </message>
    <message>
        <source>Target date</source>
        <translation>วันที่เป้าหมาย</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>คำอธิบาย</translation>
    </message>
    <message>
        <source>e.g. households, %, baht per month</source>
        <translation>เช่น ครัวเรือน, ร้อยละ, บาทต่อเดือน</translation>
    </message>
    <message>
        <source>known</source>
        <translation>ทราบ</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>บันทึก</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>ยกเลิก</translation>
    </message>
</context>
<context>
    <name>IndicatorsView</name>
    <message>
        <source>baseline %1</source>
        <translation>ค่าฐาน %1</translation>
    </message>
    <message>
        <source>target %1</source>
        <translation>เป้าหมาย %1</translation>
    </message>
    <message>
        <source>No measurement yet: add the values you measured after the baseline.</source>
        <translation>ยังไม่มีผลการวัด โปรดเพิ่มค่าที่วัดได้หลังค่าฐาน</translation>
    </message>
    <message>
        <source>Latest value %1 on %2</source>
        <translation>ค่าล่าสุด %1 เมื่อ %2</translation>
    </message>
    <message>
        <source>change from the baseline %1</source>
        <translation>เปลี่ยนจากค่าฐาน %1</translation>
    </message>
    <message>
        <source>no baseline to compare with</source>
        <translation>ไม่มีค่าฐานให้เปรียบเทียบ</translation>
    </message>
    <message>
        <source>improved</source>
        <translation>ดีขึ้น</translation>
    </message>
    <message>
        <source>not improved</source>
        <translation>ไม่ดีขึ้น</translation>
    </message>
    <message>
        <source>worse than the baseline</source>
        <translation>แย่กว่าค่าฐาน</translation>
    </message>
    <message>
        <source>target reached</source>
        <translation>ถึงเป้าหมายแล้ว</translation>
    </message>
    <message>
        <source>target not reached yet</source>
        <translation>ยังไม่ถึงเป้าหมาย</translation>
    </message>
    <message>
        <source>Create a work first, then record its indicators here.</source>
        <translation>โปรดสร้างผลงานก่อน แล้วจึงบันทึกตัวชี้วัดที่นี่</translation>
    </message>
    <message>
        <source>This work has no indicators yet.
Click “New indicator” to record what you measure: a baseline, a target and the values over time.</source>
        <translation>ผลงานนี้ยังไม่มีตัวชี้วัด
คลิก “เพิ่มตัวชี้วัด” เพื่อบันทึกสิ่งที่วัด: ค่าฐาน ค่าเป้าหมาย และค่าที่วัดได้ตามช่วงเวลา</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n measurement(s)?</source>
        <translation>
            <numerusform>ลบผลการวัด %n รายการหรือไม่</numerusform></translation>
    </message>
    <message>
        <source>Delete measurement</source>
        <translation>ลบผลการวัด</translation>
    </message>
    <message>
        <source>Edit indicator</source>
        <translation>แก้ไขตัวชี้วัด</translation>
    </message>
    <message>
        <source>Delete the indicator “%1” and all its measurements?</source>
        <translation>ลบตัวชี้วัด “%1” และผลการวัดทั้งหมดหรือไม่</translation>
    </message>
    <message>
        <source>Delete indicator</source>
        <translation>ลบตัวชี้วัด</translation>
    </message>
    <message>
        <source>Work:</source>
        <translation>ผลงาน:</translation>
    </message>
    <message>
        <source>Indicators</source>
        <translation>ตัวชี้วัด</translation>
    </message>
    <message>
        <source>The value axis does not start at 0</source>
        <translation>แกนตั้งไม่ได้เริ่มที่ 0</translation>
    </message>
    <message>
        <source>New indicator</source>
        <translation>เพิ่มตัวชี้วัด</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>แก้ไข…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>ลบ</translation>
    </message>
    <message>
        <source>Measurements</source>
        <translation>ผลการวัด</translation>
    </message>
    <message>
        <source>Add measurement…</source>
        <translation>เพิ่มผลการวัด…</translation>
    </message>
    <message>
        <source>Double-click a cell to correct it; changes are saved at once.</source>
        <translation>ดับเบิลคลิกที่ช่องเพื่อแก้ไข ระบบบันทึกทันที</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>ค่าฐาน</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>ค่าเป้าหมาย</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>ค่าที่วัดได้</translation>
    </message>
    <message>
        <source>No values to draw yet.</source>
        <translation>ยังไม่มีค่าให้แสดงกราฟ</translation>
    </message>
    <message>
        <source>New work…</source>
        <translation>เพิ่มผลงาน…</translation>
    </message>
</context>
<context>
    <name>LetterDialog</name>
    <message>
        <source>Save the letter as</source>
        <extracomment>The first words of a letter's file name, by letter kind and language. Characters no file name may hold on one system or another.</extracomment>
        <translation>บันทึกหนังสือเป็น</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>ไฟล์ PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Writing the letter…</source>
        <translation>กำลังเขียนหนังสือ…</translation>
    </message>
    <message>
        <source>Print the letter</source>
        <translation>พิมพ์หนังสือ</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>ยกเลิก</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>บันทึกแล้ว: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s), document code %1</source>
        <translation>
            <numerusform>%n หน้า รหัสเอกสาร %1</numerusform></translation>
    </message>
    <message>
        <source>Print it and have it signed; then scan or photograph the signed letter and add it on the evidence page: its QR code files it to this record.</source>
        <translation>พิมพ์แล้วให้ผู้เกี่ยวข้องลงนาม จากนั้นสแกนหรือถ่ายภาพหนังสือที่ลงนามแล้ว และเพิ่มในหน้าหลักฐาน คิวอาร์โค้ดบนหนังสือจะแนบไฟล์กับระเบียนนี้ให้เอง</translation>
    </message>
    <message>
        <source>The consent form of the people in this activity's photos, filled in from the records. Each page carries a QR code: when the signed form is scanned or photographed and added on the evidence page, it files itself to this activity.</source>
        <translation>แบบแสดงความยินยอมของบุคคลในภาพถ่ายของกิจกรรมนี้ กรอกข้อมูลจากระเบียนให้แล้ว ทุกหน้ามีคิวอาร์โค้ด เมื่อสแกนหรือถ่ายภาพแบบที่ลงนามแล้วและเพิ่มในหน้าหลักฐาน แบบนี้จะแนบกับกิจกรรมนี้เอง</translation>
    </message>
    <message>
        <source>The letter for the partner to sign, filled in from the records. Each page carries a QR code: when the signed letter is scanned or photographed and added on the evidence page, it files itself to this testimonial.</source>
        <translation>หนังสือให้ภาคีลงนาม กรอกข้อมูลจากระเบียนให้แล้ว ทุกหน้ามีคิวอาร์โค้ด เมื่อสแกนหรือถ่ายภาพหนังสือที่ลงนามแล้วและเพิ่มในหน้าหลักฐาน หนังสือจะแนบกับคำรับรองนี้เอง</translation>
    </message>
    <message>
        <source>Language of the letter</source>
        <translation>ภาษาของหนังสือ</translation>
    </message>
    <message>
        <source>Thai digits (๐–๙)</source>
        <translation>ใช้เลขไทย (๐–๙)</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>บันทึกเป็น</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>เลือก…</translation>
    </message>
    <message>
        <source>Save the letter</source>
        <translation>บันทึกหนังสือ</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>ปิด</translation>
    </message>
    <message>
        <source>Open file</source>
        <translation>เปิดไฟล์</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>เปิดโฟลเดอร์</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Automatic backup failed: %1</source>
        <extracomment>Emitted after a page's view has been created (key, widget).</extracomment>
        <translation>สำรองข้อมูลอัตโนมัติไม่สำเร็จ: %1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>แฟ้ม</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>เปิดล่าสุด</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>แก้ไข</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>มุมมอง</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>ภาษา</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ช่วยเหลือ</translation>
    </message>
    <message>
        <source>&amp;New portfolio…</source>
        <translation>สร้างแฟ้มผลงานใหม่…</translation>
    </message>
    <message>
        <source>&amp;Open portfolio…</source>
        <translation>เปิดแฟ้มผลงาน…</translation>
    </message>
    <message>
        <source>Open the &amp;demo portfolio</source>
        <translation>เปิดแฟ้มผลงานตัวอย่าง</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>ออกจากโปรแกรม</translation>
    </message>
    <message>
        <source>New record</source>
        <translation>เพิ่มรายการ</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>บันทึก</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>ค้นหา</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>เลิกทำ</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>ทำซ้ำ</translation>
    </message>
    <message>
        <source>&amp;About EnT Portfolio</source>
        <translation>เกี่ยวกับ EnT Portfolio</translation>
    </message>
    <message>
        <source>Open a portfolio folder</source>
        <translation>เปิดโฟลเดอร์แฟ้มผลงาน</translation>
    </message>
    <message>
        <source>Choose an empty folder for the new portfolio</source>
        <translation type="vanished">เลือกโฟลเดอร์ว่างสำหรับแฟ้มผลงานใหม่</translation>
    </message>
    <message>
        <source>Preparing the demo portfolio…</source>
        <translation>กำลังเตรียมแฟ้มผลงานตัวอย่าง…</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ไม่มี)</translation>
    </message>
    <message>
        <source>No portfolio is open</source>
        <translation>ยังไม่ได้เปิดแฟ้มผลงาน</translation>
    </message>
    <message>
        <source>Portfolio: %1</source>
        <translation>แฟ้มผลงาน: %1</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>กำลังบันทึก…</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>บันทึกแล้ว %1</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>ยังไม่ได้บันทึก</translation>
    </message>
</context>
<context>
    <name>MeasurementDialog</name>
    <message>
        <source>Type the measured value as a number, e.g. 42 or 3.5.</source>
        <translation>โปรดพิมพ์ค่าที่วัดได้เป็นตัวเลข เช่น 42 หรือ 3.5</translation>
    </message>
    <message>
        <source>New measurement</source>
        <translation>เพิ่มผลการวัด</translation>
    </message>
    <message>
        <source>Date measured</source>
        <translation>วันที่วัด</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>ค่า</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>แหล่งข้อมูล</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>วิธีการวัด</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>หมายเหตุ</translation>
    </message>
    <message>
        <source>Measured by</source>
        <translation>ผู้วัด</translation>
    </message>
    <message>
        <source>e.g. survey of 40 households</source>
        <translation>เช่น สำรวจ 40 ครัวเรือน</translation>
    </message>
    <message>
        <source>e.g. questionnaire, water test kit</source>
        <translation>เช่น แบบสอบถาม ชุดทดสอบน้ำ</translation>
    </message>
    <message>
        <source>e.g. village health volunteers with the researcher</source>
        <translation>เช่น อสม. ร่วมกับผู้วิจัย</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>เพิ่ม</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>ยกเลิก</translation>
    </message>
</context>
<context>
    <name>MeasurementTableModel</name>
    <message>
        <source>Date</source>
        <extracomment>An edit was refused: the exception, for the view to show. A measurement was saved (its id).</extracomment>
        <translation>วันที่</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>ค่า</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>แหล่งข้อมูล</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>วิธีการวัด</translation>
    </message>
    <message>
        <source>Edit measurement</source>
        <translation>แก้ไขผลการวัด</translation>
    </message>
</context>
<context>
    <name>NewPartner</name>
    <message>
        <source>New partner</source>
        <translation>ภาคีใหม่</translation>
    </message>
</context>
<context>
    <name>NoPortfolioView</name>
    <message>
        <source>Welcome to EnT Portfolio</source>
        <extracomment>Seconds between automatic database backups while the app is open.</extracomment>
        <translation>ยินดีต้อนรับสู่ EnT Portfolio</translation>
    </message>
    <message>
        <source>Keep the evidence of your community-engagement work as it happens, and turn it into a promotion dossier. Start with the demo portfolio to look around, or create your own.</source>
        <translation>เก็บหลักฐานงานรับใช้สังคมไว้ตั้งแต่วันที่ลงพื้นที่ แล้วนำมาจัดทำเป็นแฟ้มเสนอขอตำแหน่งทางวิชาการ เริ่มจากแฟ้มผลงานตัวอย่างเพื่อดูการใช้งาน หรือสร้างแฟ้มผลงานของท่านเอง</translation>
    </message>
    <message>
        <source>Open the demo portfolio</source>
        <translation>เปิดแฟ้มผลงานตัวอย่าง</translation>
    </message>
    <message>
        <source>Create a new portfolio…</source>
        <translation>สร้างแฟ้มผลงานใหม่…</translation>
    </message>
    <message>
        <source>Open a portfolio folder…</source>
        <translation>เปิดโฟลเดอร์แฟ้มผลงาน…</translation>
    </message>
</context>
<context>
    <name>OfficeActions</name>
    <message>
        <source>Export as Word…</source>
        <translation>ส่งออกเป็น Word…</translation>
    </message>
    <message>
        <source>Export as Excel…</source>
        <translation>ส่งออกเป็น Excel…</translation>
    </message>
</context>
<context>
    <name>OfficeExportDialog</name>
    <message>
        <source>Tick at least one work to export.</source>
        <extracomment>The two Office files, by the suffix the core writes.</extracomment>
        <translation>โปรดเลือกผลงานอย่างน้อยหนึ่งเรื่อง</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>ยกเลิก</translation>
    </message>
    <message>
        <source>Export cancelled: no file was written.</source>
        <translation>ยกเลิกการส่งออกแล้ว ไม่มีการเขียนไฟล์ใด</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>บันทึกแล้ว: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n work(s)</source>
        <translation>
            <numerusform>ผลงาน %n เรื่อง</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n table(s)</source>
        <translation>
            <numerusform>ตาราง %n ตาราง</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s)</source>
        <translation>
            <numerusform>ภาพ %n ภาพ</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n sheet(s)</source>
        <translation>
            <numerusform>%n แผ่นงาน</numerusform></translation>
    </message>
    <message>
        <source>This computer has no program for this file yet. It is saved at:
%1</source>
        <translation>เครื่องนี้ยังไม่มีโปรแกรมสำหรับเปิดไฟล์นี้ ไฟล์ถูกบันทึกไว้แล้วที่:
%1</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>เปิดโฟลเดอร์</translation>
    </message>
    <message>
        <source>Export as Word…</source>
        <translation>ส่งออกเป็น Word…</translation>
    </message>
    <message>
        <source>Export as Excel…</source>
        <translation>ส่งออกเป็น Excel…</translation>
    </message>
    <message>
        <source>Writing the Word file…</source>
        <translation>กำลังเขียนไฟล์ Word…</translation>
    </message>
    <message>
        <source>Writing the workbook…</source>
        <translation>กำลังเขียนไฟล์ Excel…</translation>
    </message>
    <message>
        <source>Save the Word file as</source>
        <translation>บันทึกไฟล์ Word เป็น</translation>
    </message>
    <message>
        <source>Save the workbook as</source>
        <translation>บันทึกไฟล์ Excel เป็น</translation>
    </message>
    <message>
        <source>Word files (*.docx)</source>
        <translation>ไฟล์ Word (*.docx)</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>ไฟล์ Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>The write-up of the works as a Word file you and your co-workers can edit: headings, tables and Thai text as in the dossier. People who did not consent are not named.</source>
        <translation>เนื้อหาผลงานเป็นไฟล์ Word ที่ท่านและผู้ร่วมงานแก้ไขต่อได้ มีหัวข้อ ตาราง และข้อความภาษาไทยเหมือนในแฟ้มเสนอขอ ผู้ที่ไม่ได้ให้ความยินยอมจะไม่ถูกระบุชื่อ</translation>
    </message>
    <message>
        <source>The numbers of the portfolio as an Excel workbook: works, indicators and their measurements, activities and participants, partners, testimonials and evidence, one sheet each.</source>
        <translation>ตัวเลขของแฟ้มสะสมผลงานเป็นไฟล์ Excel แยกแผ่นงานละเรื่อง ได้แก่ ผลงาน ตัวชี้วัดและผลการวัด กิจกรรมและผู้เข้าร่วม ภาคีเครือข่าย คำรับรอง และหลักฐาน</translation>
    </message>
    <message>
        <source>Works to include</source>
        <translation>ผลงานที่จะใส่ในไฟล์</translation>
    </message>
    <message>
        <source>All</source>
        <translation>ทั้งหมด</translation>
    </message>
    <message>
        <source>None</source>
        <translation>ไม่เลือก</translation>
    </message>
    <message>
        <source>Language of the file</source>
        <translation>ภาษาของไฟล์</translation>
    </message>
    <message>
        <source>Include the evidence photos (as the PDF prints them)</source>
        <translation>ใส่ภาพถ่ายหลักฐานด้วย (แบบเดียวกับที่พิมพ์ในไฟล์ PDF)</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>บันทึกเป็น</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>เลือก…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>ส่งออก</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>ปิด</translation>
    </message>
    <message>
        <source>Open file</source>
        <translation>เปิดไฟล์</translation>
    </message>
</context>
<context>
    <name>PageView</name>
    <message>
        <source>This page cannot be shown.</source>
        <extracomment>Zoom steps offered, as a fraction of the page's printed size. A page is never drawn larger than this many pixels: a hostile PDF may declare a page kilometres wide, and its picture would fill the memory. Pictures of pages kept for paging back (each a few megabytes). Outline entries shown at most, and their depth: a hostile outline can hold millions of entries or nest without end.</extracomment>
        <translation>แสดงหน้านี้ไม่ได้</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>หน้า %1 จาก %2</translation>
    </message>
    <message>
        <source>◀ Previous page</source>
        <translation>◀ หน้าก่อน</translation>
    </message>
    <message>
        <source>Next page ▶</source>
        <translation>หน้าถัดไป ▶</translation>
    </message>
    <message>
        <source>Smaller</source>
        <translation>ย่อ</translation>
    </message>
    <message>
        <source>Larger</source>
        <translation>ขยาย</translation>
    </message>
    <message>
        <source>The dossier's outline: click a heading to go to its page.</source>
        <translation>สารบัญของแฟ้ม คลิกหัวข้อเพื่อไปยังหน้านั้น</translation>
    </message>
    <message>
        <source>The dossier's pages cannot be shown: the package holds no readable PDF.</source>
        <translation>แสดงหน้าของแฟ้มไม่ได้ เพราะชุดหลักฐานไม่มีไฟล์ PDF ที่อ่านได้</translation>
    </message>
    <message>
        <source>Opening the dossier…</source>
        <translation>กำลังเปิดแฟ้ม…</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <source>Works</source>
        <translation>ผลงาน</translation>
    </message>
    <message>
        <source>Partners</source>
        <translation>ภาคีเครือข่าย</translation>
    </message>
    <message>
        <source>Testimonials</source>
        <translation>คำรับรอง</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>หลักฐาน</translation>
    </message>
    <message>
        <source>Indicators</source>
        <translation>ตัวชี้วัด</translation>
    </message>
    <message>
        <source>Dossier</source>
        <translation>แฟ้มเสนอขอ</translation>
    </message>
    <message>
        <source>Readiness</source>
        <translation>ความพร้อม</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>ข้อมูลผู้ขอ</translation>
    </message>
</context>
<context>
    <name>PartnerLinks</name>
    <message>
        <source>New partner and its role</source>
        <translation>ภาคีใหม่และบทบาทในผลงาน</translation>
    </message>
</context>
<context>
    <name>PartnersView</name>
    <message>
        <source>contact person</source>
        <translation>ผู้ประสานงาน</translation>
    </message>
    <message>
        <source>Partners</source>
        <translation>ภาคีเครือข่าย</translation>
    </message>
    <message>
        <source>Filter partners</source>
        <translation>กรองรายชื่อภาคี</translation>
    </message>
    <message>
        <source>New partner…</source>
        <translation>เพิ่มภาคี…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>ลบ</translation>
    </message>
    <message>
        <source>Contact persons</source>
        <translation>ผู้ประสานงาน</translation>
    </message>
    <message>
        <source>Works this partner took part in</source>
        <translation>ผลงานที่ภาคีนี้มีส่วนร่วม</translation>
    </message>
    <message>
        <source>Not linked to any work yet.</source>
        <translation>ยังไม่ได้เชื่อมกับผลงานใด</translation>
    </message>
    <message>
        <source>New partner</source>
        <translation>ภาคีใหม่</translation>
    </message>
    <message>
        <source>Name of the partner (Thai):</source>
        <translation>ชื่อภาคี (ภาษาไทย):</translation>
    </message>
    <message>
        <source>Delete partner</source>
        <translation>ลบภาคี</translation>
    </message>
    <message>
        <source>No partners yet. Record the communities and organisations you work with; works and testimonials then name them.</source>
        <translation>ยังไม่มีภาคีเครือข่าย บันทึกชุมชนและหน่วยงานที่ท่านทำงานด้วย แล้วผลงานและคำรับรองจะอ้างถึงภาคีนั้นได้</translation>
    </message>
</context>
<context>
    <name>PhotoFindingsPanel</name>
    <message>
        <source>Taken on another day than its activity</source>
        <translation>ถ่ายคนละวันกับกิจกรรม</translation>
    </message>
    <message>
        <source>Taken outside the work's period</source>
        <translation>ถ่ายนอกช่วงเวลาของผลงาน</translation>
    </message>
    <message>
        <source>Taken far from the work's area</source>
        <translation>ถ่ายไกลจากพื้นที่ของผลงาน</translation>
    </message>
    <message>
        <source>No capture date in the file</source>
        <translation>ไฟล์ไม่มีวันที่ถ่าย</translation>
    </message>
    <message>
        <source>A capture date that cannot be right</source>
        <translation>วันที่ถ่ายที่เป็นไปไม่ได้</translation>
    </message>
    <message>
        <source>Probably the same photo as another</source>
        <translation>น่าจะเป็นภาพเดียวกับอีกภาพหนึ่ง</translation>
    </message>
    <message>
        <source>Could a committee doubt this photo?</source>
        <translation>ข้อที่กรรมการอาจสงสัยในภาพนี้</translation>
    </message>
    <message>
        <source>Explain…</source>
        <translation>อธิบาย…</translation>
    </message>
    <message>
        <source>Say why the photo is right: your note appears beside it in the dossier's manifest, and the finding no longer counts.</source>
        <translation>อธิบายว่าภาพนี้ถูกต้องเพราะอะไร คำอธิบายจะแสดงคู่กับภาพในบัญชีหลักฐานของแฟ้ม และข้อสังเกตนี้จะไม่นับอีก</translation>
    </message>
    <message>
        <source>Explained: %1</source>
        <translation>อธิบายแล้ว: %1</translation>
    </message>
    <message>
        <source>Edit note…</source>
        <translation>แก้คำอธิบาย…</translation>
    </message>
    <message>
        <source>Remove note</source>
        <translation>ลบคำอธิบาย</translation>
    </message>
</context>
<context>
    <name>PlaceholderView</name>
    <message>
        <source>This part of the program is not available yet.</source>
        <extracomment>Seconds between automatic database backups while the app is open.</extracomment>
        <translation type="vanished">ส่วนนี้ของโปรแกรมยังไม่พร้อมใช้งาน</translation>
    </message>
</context>
<context>
    <name>ProfileForm</name>
    <message>
        <source>An ORCID is 16 characters in four groups, like 0000-0002-1825-0097 (the last may be X). It was not saved: please check it.</source>
        <translation>รูปแบบ ORCID ไม่ถูกต้อง: ต้องเป็นตัวเลข 16 หลัก แบ่ง 4 กลุ่ม เช่น 0000-0002-1825-0097 (หลักสุดท้ายอาจเป็น X) ยังไม่ได้บันทึก กรุณาตรวจสอบอีกครั้ง</translation>
    </message>
    <message>
        <source>This ORCID has a typing mistake: its last character does not match the others. It was not saved: please check it against orcid.org.</source>
        <translation>เลข ORCID ไม่ถูกต้อง: หลักสุดท้าย (หลักตรวจสอบ) ไม่ตรงกับหลักอื่น อาจพิมพ์ผิด ยังไม่ได้บันทึก กรุณาตรวจสอบกับ orcid.org</translation>
    </message>
</context>
<context>
    <name>ProfileView</name>
    <message>
        <source>degree</source>
        <translation>วุฒิการศึกษา</translation>
    </message>
    <message>
        <source>present</source>
        <translation>ปัจจุบัน</translation>
    </message>
    <message>
        <source>appointment</source>
        <translation>ตำแหน่ง</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>ข้อมูลผู้ขอ</translation>
    </message>
    <message>
        <source>What the dossier says about you: its cover and the applicant summary. Changes are saved as you type.</source>
        <translation>ข้อมูลนี้ใช้ในปกและส่วนข้อมูลผู้ขอของแฟ้มเสนอขอ ระบบบันทึกให้อัตโนมัติขณะพิมพ์</translation>
    </message>
    <message>
        <source>Name and contact</source>
        <translation>ชื่อและการติดต่อ</translation>
    </message>
    <message>
        <source>Position and promotion</source>
        <translation>ตำแหน่งและการขอตำแหน่ง</translation>
    </message>
    <message>
        <source>Affiliation and field</source>
        <translation>สังกัดและสาขาวิชา</translation>
    </message>
    <message>
        <source>Degrees</source>
        <translation>วุฒิการศึกษา</translation>
    </message>
    <message>
        <source>Appointment history</source>
        <translation>ประวัติการดำรงตำแหน่ง</translation>
    </message>
    <message>
        <source>The ORCID is not saved</source>
        <translation>ยังไม่ได้บันทึก ORCID</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>กำลังบันทึก…</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>ยังไม่ได้บันทึก</translation>
    </message>
    <message>
        <source>All changes saved (%1)</source>
        <translation>บันทึกการแก้ไขทั้งหมดแล้ว (%1 น.)</translation>
    </message>
    <message>
        <source>All changes saved</source>
        <translation>บันทึกการแก้ไขทั้งหมดแล้ว</translation>
    </message>
</context>
<context>
    <name>ReadinessView</name>
    <message>
        <source>Checking…</source>
        <translation>กำลังตรวจ…</translation>
    </message>
    <message>
        <source>The check could not run.</source>
        <translation>ตรวจความพร้อมไม่สำเร็จ</translation>
    </message>
    <message>
        <source>Readiness not checked yet</source>
        <translation>ยังไม่ได้ตรวจความพร้อม</translation>
    </message>
    <message>
        <source>Open a portfolio first.</source>
        <translation>โปรดเปิดแฟ้มผลงานก่อน</translation>
    </message>
    <message numerus="yes">
        <source>%n must be fixed</source>
        <translation>
            <numerusform>ต้องแก้ไข %n รายการ</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n should be fixed</source>
        <translation>
            <numerusform>ควรแก้ไข %n รายการ</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n suggestion(s)</source>
        <translation>
            <numerusform>ข้อแนะนำ %n รายการ</numerusform></translation>
    </message>
    <message>
        <source>For %1, %2 — checked at %3</source>
        <translation>สำหรับตำแหน่ง%1 %2 — ตรวจเมื่อ %3 น.</translation>
    </message>
    <message>
        <source>Whole portfolio</source>
        <translation>ภาพรวมทั้งแฟ้ม</translation>
    </message>
    <message>
        <source>Profile and portfolio</source>
        <translation>ข้อมูลผู้ขอและแฟ้มผลงาน</translation>
    </message>
    <message>
        <source>Nothing to fix here.</source>
        <translation>ไม่มีสิ่งที่ต้องแก้ไข</translation>
    </message>
    <message>
        <source>Choose a finding to see why it matters and how to fix it.</source>
        <translation>เลือกรายการทางซ้ายเพื่อดูว่าทำไมจึงสำคัญและแก้ไขอย่างไร</translation>
    </message>
    <message>
        <source>Why a reviewer cares</source>
        <translation>เหตุที่ผู้ทรงคุณวุฒิให้ความสำคัญ</translation>
    </message>
    <message>
        <source>How to fix it</source>
        <translation>วิธีแก้ไข</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation type="vanished">เกณฑ์</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>ตรวจอีกครั้ง</translation>
    </message>
    <message>
        <source>Also verify every file's hash (slower)</source>
        <translation>ตรวจค่าแฮชของทุกไฟล์ด้วย (ช้ากว่า)</translation>
    </message>
    <message>
        <source>Works</source>
        <translation>ผลงาน</translation>
    </message>
    <message>
        <source>What a committee would find</source>
        <translation>สิ่งที่คณะกรรมการจะพบ</translation>
    </message>
    <message>
        <source>Go to fix →</source>
        <translation>ไปแก้ไข →</translation>
    </message>
    <message>
        <source>Nothing to check yet. Readiness checks your works against the promotion rules: record your first work, then come back here.</source>
        <translation>ยังไม่มีอะไรให้ตรวจ การตรวจความพร้อมตรวจผลงานของท่านตามเกณฑ์การขอตำแหน่ง บันทึกผลงานชิ้นแรกก่อน แล้วกลับมาที่นี่</translation>
    </message>
    <message>
        <source>New work…</source>
        <translation>เพิ่มผลงาน…</translation>
    </message>
</context>
<context>
    <name>RecordFormDialog</name>
    <message>
        <source>Save</source>
        <translation>บันทึก</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>ยกเลิก</translation>
    </message>
    <message>
        <source>Please fill in: %1</source>
        <translation>โปรดกรอก: %1</translation>
    </message>
</context>
<context>
    <name>RecordTable</name>
    <message>
        <source>Add…</source>
        <translation>เพิ่ม…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>แก้ไข…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>ลบ</translation>
    </message>
    <message>
        <source>New %1</source>
        <translation>เพิ่ม%1</translation>
    </message>
    <message>
        <source>Add %1</source>
        <translation>เพิ่ม%1</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>แก้ไข%1</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>ลบ%1</translation>
    </message>
</context>
<context>
    <name>ReviewEntry</name>
    <message>
        <source>Choose the evidence package (.zip) to assess</source>
        <translation>เลือกชุดหลักฐาน (.zip) ที่จะประเมิน</translation>
    </message>
    <message>
        <source>Evidence packages (*.zip);;All files (*)</source>
        <translation>ชุดหลักฐาน (*.zip);;ทุกไฟล์ (*)</translation>
    </message>
    <message>
        <source>Open a package for review…</source>
        <translation>เปิดแฟ้มเพื่อประเมิน…</translation>
    </message>
    <message>
        <source>A committee member? Open a package for review…</source>
        <translation>ท่านเป็นผู้ทรงคุณวุฒิใช่ไหม เปิดแฟ้มเพื่อประเมิน…</translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message>
        <source>Keep the review in</source>
        <extracomment>Milliseconds of quiet after a change before the review is saved. The banner while the package is being checked: neither pass nor fail. Where the review is saved; None until the reviewer chooses (the package's folder cannot be written, or holds a file that is not a review of this package). Why the review is not beside the package (a sentence), or None.</extracomment>
        <translation>เก็บผลการประเมินไว้ที่</translation>
    </message>
    <message>
        <source>Review files (*.entreview)</source>
        <translation>ไฟล์ผลการประเมิน (*.entreview)</translation>
    </message>
    <message>
        <source>Your review is not saved yet: choose where to keep it.</source>
        <translation>ผลการประเมินของท่านยังไม่ได้บันทึก โปรดเลือกที่เก็บ</translation>
    </message>
    <message>
        <source>Review saved at %1 in %2</source>
        <translation>บันทึกผลการประเมินแล้วเมื่อ %1 ที่ %2</translation>
    </message>
    <message>
        <source>Your review is saved to %1 as you write.</source>
        <translation>ผลการประเมินจะถูกบันทึกไว้ที่ %1 ระหว่างที่ท่านพิมพ์</translation>
    </message>
    <message>
        <source>Choose the other reviewers' files</source>
        <translation>เลือกไฟล์ผลการประเมินของผู้ทรงคุณวุฒิท่านอื่น</translation>
    </message>
    <message>
        <source>Assessing: %1</source>
        <translation>ประเมินแฟ้ม: %1</translation>
    </message>
    <message>
        <source>Compare with other reviews…</source>
        <translation>เปรียบเทียบกับผลการประเมินอื่น…</translation>
    </message>
    <message>
        <source>Export the assessment…</source>
        <translation>ส่งออกแบบประเมิน…</translation>
    </message>
    <message>
        <source>Choose where to keep the review…</source>
        <translation>เลือกที่เก็บผลการประเมิน…</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>การประเมิน</translation>
    </message>
    <message>
        <source>Evidence files</source>
        <translation>ไฟล์หลักฐาน</translation>
    </message>
</context>
<context>
    <name>RichTextEdit</name>
    <message>
        <source>Bold (Ctrl+B)</source>
        <translation>ตัวหนา (Ctrl+B)</translation>
    </message>
    <message>
        <source>Italic (Ctrl+I)</source>
        <translation>ตัวเอียง (Ctrl+I)</translation>
    </message>
    <message>
        <source>Bulleted list</source>
        <translation>รายการสัญลักษณ์แสดงหัวข้อย่อย</translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <source>Search</source>
        <translation>ค้นหา</translation>
    </message>
    <message>
        <source>Search titles, write-ups, partners, testimonials, captions…</source>
        <translation>ค้นหาชื่อผลงาน เนื้อหา ภาคี คำรับรอง คำบรรยายภาพ…</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>กำลังค้นหา…</translation>
    </message>
    <message>
        <source>Type a word: Thai words are found inside longer text too.</source>
        <translation>พิมพ์คำที่ต้องการ ระบบค้นพบคำไทยแม้อยู่กลางข้อความที่เขียนติดกัน</translation>
    </message>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>พบ %n รายการ</numerusform></translation>
    </message>
</context>
<context>
    <name>SectionsPane</name>
    <message numerus="yes">
        <source>%n word(s)</source>
        <translation>
            <numerusform>%n คำ</numerusform></translation>
    </message>
</context>
<context>
    <name>SheetImportButton</name>
    <message>
        <source>Import from a spreadsheet (Excel/CSV)…</source>
        <translation>นำเข้าจากตาราง (Excel/CSV)…</translation>
    </message>
</context>
<context>
    <name>SheetImportDialog</name>
    <message>
        <source>Choose the sheet to import</source>
        <extracomment>How many of a column's first values are shown beside its header, to tell columns apart. Kinds of record a sheet is imported into, and the record kind views reload on. One combo per column of the file, in its order.</extracomment>
        <translation>เลือกไฟล์ตารางที่จะนำเข้า</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv);;All files (*)</source>
        <translation>ไฟล์ตาราง (*.xlsx *.csv);;ทุกไฟล์ (*)</translation>
    </message>
    <message>
        <source>Reading the sheet…</source>
        <translation>กำลังอ่านตาราง…</translation>
    </message>
    <message>
        <source>(column %1)</source>
        <translation>(คอลัมน์ที่ %1)</translation>
    </message>
    <message>
        <source>(filled into the existing activity)</source>
        <translation>(เติมจำนวนในกิจกรรมที่มีอยู่แล้ว)</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) will be made</source>
        <translation>
            <numerusform>จะสร้าง %n รายการ</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>from %n row(s) of the sheet.</source>
        <translation>
            <numerusform>จากข้อมูล %n แถวในตาราง</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) refused, not imported:</source>
        <translation>
            <numerusform>แถวที่ไม่นำเข้า %n แถว:</numerusform></translation>
    </message>
    <message>
        <source>No row is refused.</source>
        <translation>นำเข้าได้ทุกแถว ไม่มีแถวที่ถูกปฏิเสธ</translation>
    </message>
    <message>
        <source>Importing the sheet…</source>
        <translation>กำลังนำเข้าตาราง…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>นำเข้า</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>ยกเลิก</translation>
    </message>
    <message>
        <source>Made %1 record(s), refused %2 row(s).</source>
        <translation>สร้าง %1 รายการ, ปฏิเสธ %2 แถว</translation>
    </message>
    <message>
        <source>Import cancelled: nothing was imported.</source>
        <translation>ยกเลิกการนำเข้าแล้ว ไม่มีข้อมูลใดถูกนำเข้า — ไม่มีการเปลี่ยนแปลงใด ๆ</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>กิจกรรม</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>ตัวชี้วัด</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>ผู้เข้าร่วม</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>ค่า</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>แถวที่</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>วันที่</translation>
    </message>
    <message>
        <source>Import from a spreadsheet</source>
        <translation>นำเข้าจากตาราง</translation>
    </message>
    <message>
        <source>Attendance from a sign-in sheet or a form (Google Forms, KoboToolbox), or measurements of this work's indicators, from an Excel or CSV file. Say which column is what; rows that cannot be read are refused by their line number and the rest imported together.</source>
        <translation>นำเข้ารายชื่อผู้เข้าร่วมจากใบลงชื่อหรือแบบฟอร์ม (Google Forms, KoboToolbox) หรือผลการวัดตัวชี้วัดของผลงานนี้ จากไฟล์ Excel หรือ CSV โปรดบอกว่าแต่ละคอลัมน์คืออะไร แถวที่อ่านไม่ได้จะถูกปฏิเสธพร้อมเลขแถว ส่วนแถวอื่นจะนำเข้าพร้อมกันในครั้งเดียว</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ไฟล์</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>เลือก…</translation>
    </message>
    <message>
        <source>The sheet holds</source>
        <translation>ตารางนี้เป็น</translation>
    </message>
    <message>
        <source>Attendance (one row per person or per session)</source>
        <translation>รายชื่อผู้เข้าร่วมกิจกรรม (แถวละคนหรือแถวละครั้ง)</translation>
    </message>
    <message>
        <source>Measurements of the indicators</source>
        <translation>ผลการวัดตัวชี้วัด</translation>
    </message>
    <message>
        <source>Columns of the file</source>
        <translation>คอลัมน์ในไฟล์</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>คอลัมน์</translation>
    </message>
    <message>
        <source>Holds</source>
        <translation>เป็นข้อมูล</translation>
    </message>
    <message>
        <source>What will be imported</source>
        <translation>สิ่งที่จะนำเข้า</translation>
    </message>
    <message>
        <source>Keep the participants’ names (in the activity’s notes)</source>
        <translation>เก็บชื่อผู้เข้าร่วมไว้ด้วย (ในบันทึกของกิจกรรม)</translation>
    </message>
    <message>
        <source>Names are personal data: unless this is ticked only the numbers of people are kept. The notes are never printed in the dossier.</source>
        <translation>ชื่อผู้เข้าร่วมเป็นข้อมูลส่วนบุคคล หากไม่เลือกข้อนี้ โปรแกรมจะเก็บไว้เพียงจำนวนคน บันทึกของกิจกรรมไม่ถูกพิมพ์ลงในแฟ้มเสนอขอ</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>ปิด</translation>
    </message>
</context>
<context>
    <name>TestimonialsView</name>
    <message>
        <source>Testimonials and certifications</source>
        <translation>คำรับรองและหนังสือรับรองการใช้ประโยชน์</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>เพิ่ม…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>ลบ</translation>
    </message>
    <message>
        <source>Scanned letter</source>
        <translation>หนังสือฉบับสแกน</translation>
    </message>
    <message>
        <source>Double-click to open the letter in the evidence viewer</source>
        <translation>ดับเบิลคลิกเพื่อเปิดดูหนังสือในหน้าหลักฐาน</translation>
    </message>
    <message>
        <source>Choose the scanned letter…</source>
        <translation>เลือกไฟล์สแกนหนังสือ…</translation>
    </message>
    <message>
        <source>Print the letter to sign…</source>
        <translation>พิมพ์หนังสือให้ลงนาม…</translation>
    </message>
    <message>
        <source>All works</source>
        <translation>ผลงานทั้งหมด</translation>
    </message>
    <message>
        <source>No scanned letter yet.</source>
        <translation>ยังไม่มีไฟล์สแกนหนังสือ</translation>
    </message>
    <message>
        <source>Choose the scanned letter</source>
        <translation>เลือกไฟล์สแกนหนังสือ</translation>
    </message>
    <message>
        <source>Images and PDF (*.jpg *.jpeg *.png *.tif *.tiff *.pdf);;All files (*)</source>
        <translation>ภาพและ PDF (*.jpg *.jpeg *.png *.tif *.tiff *.pdf);;ทุกไฟล์ (*)</translation>
    </message>
    <message>
        <source>Letter from %1</source>
        <translation>หนังสือจาก %1</translation>
    </message>
    <message>
        <source>Record a work first: a testimonial belongs to a work.</source>
        <translation>โปรดบันทึกผลงานก่อน คำรับรองต้องอยู่ภายใต้ผลงาน</translation>
    </message>
    <message>
        <source>New testimonial</source>
        <translation>เพิ่มคำรับรอง</translation>
    </message>
    <message>
        <source>Delete testimonial</source>
        <translation>ลบคำรับรอง</translation>
    </message>
    <message>
        <source>No testimonials yet. Record what a partner said or certified about a work, with the signed letter beside it.</source>
        <translation>ยังไม่มีคำรับรอง บันทึกสิ่งที่ภาคีกล่าวหรือรับรองถึงผลงาน พร้อมหนังสือที่ลงนามแล้ว</translation>
    </message>
    <message>
        <source>New testimonial…</source>
        <translation>เพิ่มคำรับรอง…</translation>
    </message>
    <message>
        <source>A testimonial belongs to a work. Record a work first, then the testimonials about it.</source>
        <translation>คำรับรองเป็นของผลงาน บันทึกผลงานก่อน แล้วจึงบันทึกคำรับรองที่มีต่อผลงานนั้น</translation>
    </message>
    <message>
        <source>New work…</source>
        <translation>เพิ่มผลงาน…</translation>
    </message>
</context>
<context>
    <name>UndoRouter</name>
    <message>
        <source>typing</source>
        <extracomment>What an undo step is called: a text, or a function giving it in the interface's language now (a step made in Thai reads in English after a switch). A pause in typing this long ends one typing step: the next Ctrl+Z takes back what was typed since, not the whole paragraph (Qt otherwise merges every character typed without moving the cursor into one step).</extracomment>
        <translation>การพิมพ์</translation>
    </message>
</context>
<context>
    <name>WorkEditor</name>
    <message>
        <source>Problem statement (written with the partner)</source>
        <extracomment>How a section's pending edit is named among the autosave's fields.</extracomment>
        <translation>โจทย์ปัญหา (เขียนร่วมกับภาคี)</translation>
    </message>
    <message>
        <source>Partnership: thinking and working together as partners</source>
        <translation>ร่วมคิดร่วมทำแบบพันธมิตรและหุ้นส่วน</translation>
    </message>
    <message>
        <source>Mutual benefit: for the community</source>
        <translation>ประโยชน์ร่วมกัน: ต่อชุมชน</translation>
    </message>
    <message>
        <source>Mutual benefit: for the university (teaching, research, students)</source>
        <translation>ประโยชน์ร่วมกัน: ต่อมหาวิทยาลัย (การสอน การวิจัย นักศึกษา)</translation>
    </message>
    <message>
        <source>Knowledge sharing and scholarship</source>
        <translation>การเรียนรู้ร่วมกันและผลงานวิชาการ</translation>
    </message>
    <message>
        <source>Measurable social impact</source>
        <translation>ผลกระทบต่อสังคมที่ประเมินได้</translation>
    </message>
    <message>
        <source>funding line</source>
        <translation>รายการทุน</translation>
    </message>
    <message>
        <source>partner role</source>
        <translation>บทบาทของภาคี</translation>
    </message>
    <message>
        <source>contributor</source>
        <translation>ผู้ร่วมงาน</translation>
    </message>
    <message>
        <source>activity</source>
        <translation>กิจกรรม</translation>
    </message>
    <message>
        <source>dissemination item</source>
        <translation>รายการเผยแพร่</translation>
    </message>
    <message>
        <source>Title (Thai)</source>
        <translation>ชื่อผลงาน (ภาษาไทย)</translation>
    </message>
    <message>
        <source>Title (English)</source>
        <translation>ชื่อผลงาน (ภาษาอังกฤษ)</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>สถานะ</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>ระยะเวลา</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>พื้นที่</translation>
    </message>
    <message>
        <source>Village / community</source>
        <translation>หมู่บ้าน / ชุมชน</translation>
    </message>
    <message>
        <source>Missions integrated</source>
        <translation>พันธกิจที่บูรณาการ</translation>
    </message>
    <message>
        <source>Courses</source>
        <translation>รายวิชา</translation>
    </message>
    <message>
        <source>Number of students</source>
        <translation>จำนวนนักศึกษา</translation>
    </message>
    <message>
        <source>Used in an earlier promotion (year, level)</source>
        <translation type="vanished">เคยใช้ขอตำแหน่งมาก่อน (ปี, ระดับคุณภาพ)</translation>
    </message>
    <message>
        <source>Used in an earlier promotion</source>
        <translation>ใช้ในการขอตำแหน่งครั้งก่อน</translation>
    </message>
    <message>
        <source>Main work</source>
        <translation>ผลงานหลัก</translation>
    </message>
    <message>
        <source>Quality level claimed</source>
        <translation>ระดับคุณภาพที่ขอ</translation>
    </message>
    <message>
        <source>Impact summary (Thai)</source>
        <translation>สรุปผลกระทบ (ภาษาไทย)</translation>
    </message>
    <message>
        <source>Impact summary (English)</source>
        <translation>สรุปผลกระทบ (ภาษาอังกฤษ)</translation>
    </message>
    <message>
        <source>People studied</source>
        <translation>การศึกษาในมนุษย์</translation>
    </message>
    <message>
        <source>Approving committee</source>
        <translation>คณะกรรมการที่รับรอง</translation>
    </message>
    <message>
        <source>Approval number</source>
        <translation>เลขที่หนังสือรับรอง</translation>
    </message>
    <message>
        <source>Approval date</source>
        <translation>วันที่รับรอง</translation>
    </message>
    <message>
        <source>← All works</source>
        <extracomment>The overview tab, row by row: a row's key, its label, and the fields it holds side by side. The research-ethics approval, in a group of its own under the overview. What the ethics check box makes relevant. Saved with the overview, shown under the problem statement. Fields loaded as the work stores them, one column each. Columns the area picker stands for. Edited fields wait here by name, sections as "section:KEY". The overview's widgets by field name (see OVERVIEW_ROWS).</extracomment>
        <translation>← ผลงานทั้งหมด</translation>
    </message>
    <message>
        <source>to</source>
        <translation>ถึง</translation>
    </message>
    <message>
        <source>The problem statement was written together with the partner</source>
        <translation>เขียนโจทย์ปัญหาร่วมกับภาคี</translation>
    </message>
    <message>
        <source>Submitted as a main work for the quality level</source>
        <translation>เสนอเป็นผลงานหลักเพื่อพิจารณาระดับคุณภาพ</translation>
    </message>
    <message>
        <source>People were studied in this work (a research-ethics approval is needed)</source>
        <translation>มีการศึกษาในมนุษย์ (ต้องมีเอกสารรับรองจริยธรรมการวิจัยในมนุษย์)</translation>
    </message>
    <message>
        <source>Research ethics (human subjects)</source>
        <translation>จริยธรรมการวิจัยในมนุษย์</translation>
    </message>
    <message>
        <source>in year</source>
        <translation>ในปี</translation>
    </message>
    <message>
        <source>at level</source>
        <translation>ระดับ</translation>
    </message>
    <message>
        <source>leave empty if never used</source>
        <translation>เว้นว่างไว้ถ้าไม่เคยใช้</translation>
    </message>
    <message>
        <source>Testimonials and evidence of this work</source>
        <translation>คำรับรองและหลักฐานของผลงานนี้</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>ข้อมูลทั่วไป</translation>
    </message>
    <message>
        <source>Write-up</source>
        <translation>เนื้อหาผลงาน</translation>
    </message>
    <message>
        <source>EnT principles</source>
        <translation>หลักการ EnT</translation>
    </message>
    <message>
        <source>Partners</source>
        <translation>ภาคีเครือข่าย</translation>
    </message>
    <message>
        <source>Contributors</source>
        <translation>ผู้ร่วมงาน</translation>
    </message>
    <message>
        <source>Funding</source>
        <translation>แหล่งทุน</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>กิจกรรม</translation>
    </message>
    <message>
        <source>Dissemination</source>
        <translation>การเผยแพร่</translation>
    </message>
    <message>
        <source>Goals (SDGs)</source>
        <translation>เป้าหมาย SDGs</translation>
    </message>
    <message>
        <source>No testimonials yet.</source>
        <translation>ยังไม่มีคำรับรอง</translation>
    </message>
    <message numerus="yes">
        <source>%n evidence file(s)</source>
        <translation>
            <numerusform>หลักฐาน %n ไฟล์</numerusform></translation>
    </message>
    <message>
        <source>Edit work</source>
        <translation>แก้ไขผลงาน</translation>
    </message>
    <message>
        <source>Edit section</source>
        <translation>แก้ไขเนื้อหา</translation>
    </message>
</context>
<context>
    <name>WorkForm</name>
    <message>
        <source>Quality level given</source>
        <extracomment>A note's box grows to about this many lines before it scrolls.</extracomment>
        <translation>ระดับคุณภาพที่ให้</translation>
    </message>
    <message>
        <source>— not yet given —</source>
        <translation>— ยังไม่ได้ให้ระดับ —</translation>
    </message>
    <message>
        <source>Reasons, per criterion</source>
        <translation>เหตุผลตามเกณฑ์แต่ละข้อ</translation>
    </message>
    <message>
        <source>Overall note</source>
        <translation>ความเห็นโดยรวม</translation>
    </message>
</context>
<context>
    <name>WorksTableModel</name>
    <message>
        <source>Title</source>
        <translation>ชื่อเรื่อง</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>สถานะ</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>จังหวัด</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>ระยะเวลา</translation>
    </message>
    <message>
        <source>Partners</source>
        <translation>ภาคีเครือข่าย</translation>
    </message>
</context>
<context>
    <name>WorksView</name>
    <message>
        <source>Works</source>
        <translation>ผลงาน</translation>
    </message>
    <message>
        <source>New work…</source>
        <translation>เพิ่มผลงาน…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>เปิด</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>ลบ</translation>
    </message>
    <message>
        <source>Filter by title or partner</source>
        <translation>กรองตามชื่อผลงานหรือภาคี</translation>
    </message>
    <message>
        <source>No works yet. Click “New work…” to record your first engagement work.</source>
        <translation type="vanished">ยังไม่มีผลงาน คลิก “เพิ่มผลงาน…” เพื่อบันทึกผลงานรับใช้สังคมเรื่องแรก</translation>
    </message>
    <message>
        <source>New work</source>
        <translation>ผลงานใหม่</translation>
    </message>
    <message>
        <source>Title of the work (Thai):</source>
        <translation>ชื่อผลงาน (ภาษาไทย):</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>ทุกสถานะ</translation>
    </message>
    <message>
        <source>All provinces</source>
        <translation>ทุกจังหวัด</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>ทุกปี</translation>
    </message>
    <message>
        <source>All partners</source>
        <translation>ทุกภาคี</translation>
    </message>
    <message numerus="yes">
        <source>%n work(s)</source>
        <translation>
            <numerusform>%n เรื่อง</numerusform></translation>
    </message>
    <message>
        <source>%1 of %2 works</source>
        <translation>%1 จาก %2 เรื่อง</translation>
    </message>
    <message>
        <source>No works yet. Start by recording your first engagement work.</source>
        <translation>ยังไม่มีผลงาน เริ่มจากบันทึกผลงานบริการวิชาการแก่สังคมชิ้นแรกของท่าน</translation>
    </message>
</context>
</TS>