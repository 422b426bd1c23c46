"""The demo applicant and the partners shared by the demo works.

All people and the university are fictional; places are real Thai places.
Phone numbers use the 0 5400 00xx block and e-mail addresses the reserved
``.example`` domain, so nothing in the demo points at a real person.
"""

from __future__ import annotations

UNIVERSITY = "มหาวิทยาลัยนครหริภุญชัย"
FACULTY = "คณะสังคมศาสตร์และการพัฒนาท้องถิ่น"
DEPARTMENT = "สาขาวิชาการพัฒนาชุมชน"
APPLICANT = "อาจารย์ ดร.กนกวรรณ ศรีวงศ์"

PROFILE = dict(
    name_th="กนกวรรณ ศรีวงศ์",
    name_en="Kanokwan Sriwong",
    academic_title="อาจารย์ ดร.",
    current_position="lecturer",
    target_position="assistant_professor",
    route="society_track",
    faculty=FACULTY,
    department=DEPARTMENT,
    university=UNIVERSITY,
    field_of_study="การพัฒนาชุมชน",
    appointment_date="2019-06-03",
    current_position_date="2019-06-03",
    orcid="0000-0002-1825-0097",
    email="kanokwan.s@nhu.example",
    phone="0 5400 0010 ต่อ 4127",
)

DEGREES = [
    dict(level="ปริญญาตรี", name="ศิลปศาสตรบัณฑิต (สังคมวิทยาและมานุษยวิทยา)",
         institution="มหาวิทยาลัยเชียงใหม่", country="ประเทศไทย", year=2009),
    dict(level="ปริญญาโท", name="Master of Science (Natural Resources Management)",
         institution="Asian Institute of Technology", country="ประเทศไทย", year=2012),
    dict(level="ปริญญาเอก", name="Doctor of Philosophy (Development Studies)",
         institution="University of East Anglia", country="สหราชอาณาจักร", year=2018),
]

APPOINTMENTS = [
    dict(position="นักวิจัยโครงการ", organisation="มูลนิธิพัฒนาชุมชนล้านนา",
         start_date="2012-08-01", end_date="2014-08-31"),
    dict(position="อาจารย์ สาขาวิชาการพัฒนาชุมชน", organisation=f"{FACULTY} {UNIVERSITY}",
         start_date="2019-06-03"),
    dict(position="หัวหน้าศูนย์พันธกิจสัมพันธ์ชุมชน (งานบริหาร)", organisation=f"{FACULTY} {UNIVERSITY}",
         start_date="2023-10-01"),
]

# key -> partner fields, contact persons
PARTNERS: dict[str, dict] = {
    "boluang_enterprise": dict(
        name_th="วิสาหกิจชุมชนท่องเที่ยวโดยชุมชนบ้านบ่อหลวง",
        name_en="Ban Bo Luang Community-Based Tourism Enterprise",
        partner_type="community_of_interest",
        province="น่าน", district="บ่อเกลือ", subdistrict="บ่อเกลือใต้",
        address="บ้านบ่อหลวง ตำบลบ่อเกลือใต้ อำเภอบ่อเกลือ จังหวัดน่าน 55220",
        mou_date="2023-04-20",
        mou_note="บันทึกข้อตกลงความร่วมมือสามฝ่าย (มหาวิทยาลัย อบต.บ่อเกลือใต้ และวิสาหกิจชุมชน) ระยะ 3 ปี",
        notes="สมาชิก 34 ครัวเรือน จดทะเบียนวิสาหกิจชุมชนเมื่อ พ.ศ. 2562",
        contacts=[dict(name="นางบัวผัน ใจปิน", position="ประธานวิสาหกิจชุมชน", phone="0 5400 0021",
                       line_id="buaphan.bl", consent=True)],
    ),
    "boluang_village": dict(
        name_th="ชุมชนบ้านบ่อหลวง (คณะกรรมการหมู่บ้าน)",
        name_en="Ban Bo Luang village community (village committee)",
        partner_type="geographic_community",
        province="น่าน", district="บ่อเกลือ", subdistrict="บ่อเกลือใต้",
        notes="ครัวเรือนผู้ต้มเกลือและผู้ให้บริการนักท่องเที่ยวในหมู่บ้าน",
        contacts=[dict(name="นายจันทร์ดี อินทะวงศ์", position="ผู้ใหญ่บ้าน", phone="0 5400 0022", consent=True)],
    ),
    "obt_bokluea_tai": dict(
        name_th="องค์การบริหารส่วนตำบลบ่อเกลือใต้",
        name_en="Bo Kluea Tai Subdistrict Administrative Organisation",
        partner_type="local_government",
        province="น่าน", district="บ่อเกลือ", subdistrict="บ่อเกลือใต้",
        address="ตำบลบ่อเกลือใต้ อำเภอบ่อเกลือ จังหวัดน่าน 55220",
        mou_date="2023-04-20",
        mou_note="บันทึกข้อตกลงความร่วมมือสามฝ่าย ระยะ 3 ปี (พ.ศ. 2566–2569)",
        contacts=[
            dict(name="นายอุดม ปัญญาวงศ์", position="นายกองค์การบริหารส่วนตำบลบ่อเกลือใต้", phone="0 5400 0001",
                 consent=True),
            dict(name="นางสาวศศิธร คำมา", position="นักพัฒนาชุมชน สำนักปลัด", phone="0 5400 0002",
                 email="sasithorn.k@bokluea-tai.example", consent=True),
        ],
    ),
    "nan_withi": dict(
        name_th="บริษัท น่านวิถี ทราเวล จำกัด",
        name_en="Nan Withi Travel Co., Ltd.",
        partner_type="business",
        province="น่าน", district="เมืองน่าน", subdistrict="ในเวียง",
        notes="บริษัทนำเที่ยวท้องถิ่น ร่วมทดลองและจำหน่ายแพ็กเกจเส้นทางเกลือภูเขา",
        contacts=[dict(name="นายธนากร ศรีสุข", position="ผู้จัดการฝ่ายปฏิบัติการ", phone="0 5400 0031",
                       email="thanakorn@nanwithi.example", consent=True)],
    ),
    "huaiyap_farmers": dict(
        name_th="กลุ่มเกษตรกรผักปลอดภัยบ้านห้วยยาบ",
        name_en="Ban Huai Yap Safe Vegetable Farmers' Group",
        partner_type="community_of_interest",
        province="ลำพูน", district="บ้านธิ", subdistrict="ห้วยยาบ",
        address="ตำบลห้วยยาบ อำเภอบ้านธิ จังหวัดลำพูน 51180",
        mou_date="2024-02-03",
        mou_note="ข้อตกลงความร่วมมือระหว่างกลุ่มเกษตรกรกับสาขาวิชาการพัฒนาชุมชน ระยะ 2 ปี",
        notes="สมาชิก 48 ครัวเรือน ปลูกผักใบและผักกินฝักส่งตลาดในลำพูนและเชียงใหม่",
        contacts=[dict(name="นายบุญเรือน ปันทะ", position="ประธานกลุ่ม", phone="0 5400 0041", consent=True)],
    ),
    "doae_banthi": dict(
        name_th="สำนักงานเกษตรอำเภอบ้านธิ",
        name_en="Ban Thi District Agricultural Extension Office",
        partner_type="government",
        province="ลำพูน", district="บ้านธิ", subdistrict="บ้านธิ",
        contacts=[dict(name="นางสาวพิมพ์ชนก อินทร์แก้ว", position="เกษตรอำเภอบ้านธิ", phone="0 5400 0042",
                       consent=True)],
    ),
    "huaiyap_school": dict(
        name_th="โรงเรียนบ้านห้วยยาบ",
        name_en="Ban Huai Yap School",
        partner_type="school",
        province="ลำพูน", district="บ้านธิ", subdistrict="ห้วยยาบ",
        notes="โรงเรียนประถมศึกษา นักเรียน 186 คน รับซื้อผักปลอดภัยเข้าโครงการอาหารกลางวัน",
        contacts=[dict(name="นางวิไลวรรณ ทาใจ", position="ผู้อำนวยการโรงเรียน", phone="0 5400 0043", consent=True)],
    ),
    "yangnoeng": dict(
        name_th="เทศบาลตำบลยางเนิ้ง",
        name_en="Yang Noeng Subdistrict Municipality",
        partner_type="local_government",
        province="เชียงใหม่", district="สารภี", subdistrict="ยางเนิ้ง",
        address="ตำบลยางเนิ้ง อำเภอสารภี จังหวัดเชียงใหม่ 50140",
        mou_date="2024-12-10",
        mou_note="บันทึกข้อตกลงความร่วมมือด้านการดูแลสุขภาพผู้สูงอายุจากมลพิษฝุ่นละออง ระยะ 3 ปี",
        contacts=[
            dict(name="นายเกรียงไกร สุวรรณคำ", position="นายกเทศมนตรีตำบลยางเนิ้ง", phone="0 5400 0051",
                 consent=True),
            dict(name="นางรัชนี ใจมา", position="ผู้อำนวยการกองสาธารณสุขและสิ่งแวดล้อม", phone="0 5400 0052",
                 email="ratchanee.j@yangnoeng.example", consent=True),
        ],
    ),
    "yangnoeng_elders": dict(
        name_th="ชมรมผู้สูงอายุตำบลยางเนิ้ง",
        name_en="Yang Noeng Older Persons' Club",
        partner_type="community_of_interest",
        province="เชียงใหม่", district="สารภี", subdistrict="ยางเนิ้ง",
        notes="สมาชิก 412 คน ดำเนินกิจกรรมโรงเรียนผู้สูงอายุร่วมกับเทศบาล",
        contacts=[dict(name="นางจันทร์ฟอง วงค์ษา", position="ประธานชมรม", phone="0 5400 0053", consent=True)],
    ),
    "clean_air_lanna": dict(
        name_th="เครือข่ายอากาศสะอาดล้านนา",
        name_en="Lanna Clean Air Network",
        partner_type="ngo",
        province="เชียงใหม่", district="เมืองเชียงใหม่", subdistrict="ศรีภูมิ",
        notes="องค์กรพัฒนาเอกชนด้านมลพิษทางอากาศ ดูแลเครื่องวัดฝุ่นราคาประหยัดในชุมชน",
        contacts=[dict(name="นายภาณุวัฒน์ ตาคำ", position="ผู้ประสานงานเครือข่าย", phone="0 5400 0061",
                       email="panuwat@cleanair-lanna.example", consent=True)],
    ),
}
