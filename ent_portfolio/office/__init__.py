"""Word and Excel, the files Thai faculties work in: the write-up as an
editable .docx, the numbers as a workbook, and attendance or measurement
sheets read in.  Both exports are made from the dossier's plan, so a person
who did not consent is no more named in Word than in the PDF."""
