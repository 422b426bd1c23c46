<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About EnT Portfolio</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A portfolio of community-engagement work and promotion dossiers for Thai lecturers. Free software under the GNU General Public License, version 3 or later.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The Sarabun font is used under the SIL Open Font License:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Uses Qt %1 under the GNU Lesser General Public License, version 3.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>About Qt</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>AssessmentPanel</name>
    <message>
        <source>Reviewer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Position</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Show my name on the assessment form</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unticked, the form says “Reviewer (name withheld)”. Your review stays in its own file beside the package, never in the applicant's portfolio.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The package names no work to assess.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>AutoForm</name>
    <message>
        <source>Edit</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Common</name>
    <message>
        <source>Delete</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delete “%1”?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>You can undo this with Edit ▸ Undo.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Everything recorded under it is deleted too. This cannot be undone.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>Close</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reviews compared</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Work</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Agreement</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>agree</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>differ</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 reviews of this package; the levels differ on %2 of %3 works.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ConsentFormButton</name>
    <message>
        <source>Print the photo consent form…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>For the activity selected above: the form the people in its photos sign</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>DossierView</name>
    <message>
        <source>Tick at least one work to export.</source>
        <extracomment>The export use case the command line calls too (tests pass a quicker one). work id -&gt; evidence ids left out (everything else is included).</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Save the dossier as</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Building the dossier…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export dossier</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Stopping…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Saved: %1</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>(%n page(s))</source>
        <translation>
            <numerusform>(%n page)</numerusform><numerusform>(%n pages)</numerusform></translation>
    </message>
    <message>
        <source>Evidence package: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export cancelled: no file was written.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Drawing the first pages…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Page %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The first pages of %1. Open the PDF to read it all.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cover</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Table of contents</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Applicant summary</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Summary of works</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n evidence item(s)</source>
        <translation>
            <numerusform>%n evidence item</numerusform><numerusform>%n evidence items</numerusform></translation>
    </message>
    <message>
        <source>Appendices: testimonials, photo evidence, evidence manifest</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Appendix: readiness summary</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Page pictures need Poppler’s pdftoppm, which is not installed; this is what the dossier contains. Open the PDF to see the pages.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Dossier</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Applying for</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Language of the dossier</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Works, in dossier order</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Tick the works to include; drag them or use the arrows to set the order.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>▲ Up</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>▼ Down</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Evidence of the chosen work</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Options</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add the readiness summary as an appendix</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Also make the evidence package (ZIP with the original files and their hashes)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Keep the GPS positions in the photos</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Final version to submit (not while readiness finds something blocking)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unless this is ticked, the photos in the evidence package go without their GPS positions: a position can lead to someone’s home.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Save as</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The first pages appear here after the export.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open PDF</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Show folder</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Something went wrong: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>EnT Portfolio</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>EvidenceDetailDialog</name>
    <message>
        <source>— not linked —</source>
        <extracomment>Kinds whose paper carries a date of its own (a letter's "ลงวันที่"). The viewer decodes at most this many pixels on the long side (a 12 MP photo at full size would take a noticeable moment and a lot of memory).</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Faces not looked for yet: the export looks for them and blurs them unless everyone in the photo consented.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Not blurred — everyone in the photo consented.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n face(s) will be blurred in the dossier</source>
        <translation>
            <numerusform>%n face will be blurred in the dossier</numerusform><numerusform>%n faces will be blurred in the dossier</numerusform></translation>
    </message>
    <message>
        <source>No face marked: nothing will be blurred.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Save your boxes first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>You corrected the boxes of this photo: the detector does not replace them. Remove them all and save to detect again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Look for faces in the photo again, replacing the boxes the detector found.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Looking for faces…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Detect faces again</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Explain the finding</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Why is the photo right? Your note appears beside it in the dossier's manifest.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Save note</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Explain a finding</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message>
        <source>Edit evidence</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Evidence: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Fit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Fit the picture to the window (double-click)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Zoom in (Ctrl+wheel or +)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Zoom out (Ctrl+wheel or −)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>One screen pixel per picture pixel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open original…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open the stored file with the program your computer uses for it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Caption</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Date on the document</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Consent of the people in the photo</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>known</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Place</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Activity</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Proves</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Include in the dossier</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>What the file says</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Original name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>File size</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Camera</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Taken</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>GPS</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>SHA-256</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Drag over a face to mark it; drag a box to move it or its corner to resize it; Delete removes the selected box.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Remove box</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>EvidenceListModel</name>
    <message numerus="yes">
        <source>%n face(s) will be blurred in the dossier</source>
        <extracomment>Roles beyond Qt's own. The texts of a photo's open plausibility findings, in the interface's language. How many faces the dossier's copy of the photo blurs (0: none, or not a photo). Face boxes on the photo; None while the detector has not looked. evidence id -&gt; its open plausibility findings (readiness ``Finding``s).</extracomment>
        <translation>
            <numerusform>%n face will be blurred in the dossier</numerusform><numerusform>%n faces will be blurred in the dossier</numerusform></translation>
    </message>
</context>
<context>
    <name>EvidencePanel</name>
    <message>
        <source>Work %1: %2</source>
        <extracomment>The item data role holding an evidence file's ref (None on a work's row). The page index (0-based) the file is first cited on, or -1.</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Other evidence</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> (not as signed)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>not cited</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>p. %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This computer has no program for this file yet. A read-only copy is at:
%1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose a file to turn to the page that cites it; files cited on the page shown are in bold. A file opens as a read-only copy: the package does not change.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Evidence file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cited on</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open file</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>EvidenceView</name>
    <message>
        <source>All works</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n item</numerusform><numerusform>%n items</numerusform></translation>
    </message>
    <message>
        <source>Delete “%1”?</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Delete %n evidence item(s)?</source>
        <translation>
            <numerusform>Delete %n evidence item?</numerusform><numerusform>Delete %n evidence items?</numerusform></translation>
    </message>
    <message>
        <source>Delete evidence</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The file is removed from the portfolio when nothing else uses it. Your original file on the computer is not touched.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add evidence files</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add evidence</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Create a work first: evidence always belongs to a work.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add the files to which work?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Files are still being imported; drop these again when it has finished.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Importing evidence…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Looking for the QR code of returned letters in the new files…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reading the text of the new scans…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Looking for faces in the new photos…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Work:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add files…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Details…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open original</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open the stored file with the program your computer uses for it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Drag photos, scans or whole folders here to add them to the chosen work. Double-click a picture to describe it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No evidence yet.
Drag photos, scans or folders here, or click “Add files…”.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Photos and scans belong to a work. Record a work first, then add its evidence here.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New work…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>-assessment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Word files (*.docx)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Save the assessment form as</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Writing the assessment form…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Saved: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export the assessment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The Thai assessment form committees use: each work's title, the level you give, your reasons per criterion, the reviewer and the date. Sign the PDF with your own identity if you have one.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>PDF</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Word (.docx)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export without signing…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export signed PDF…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>FaceBlurOption</name>
    <message>
        <source>Blur faces also in photos where everyone consented</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Faces in photos without everyone's consent are always blurred in the dossier and the evidence package; your stored photos are never changed.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <source>Name (Thai)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Name (English)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Area</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Country</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>MOU signed on</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>About the MOU</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Position</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>LINE ID</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Agreed to be contacted</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Academic title</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ORCID</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Current position</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>In the current position since</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Position applied for</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Route</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Appointed on</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>University</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Faculty</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Department</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Field of study applied in</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Field code</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Level</source>
        <extracomment>Offered as the level is typed (the stored value stays free text: a certificate or a diploma is a level too).</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Degree</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Institution</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Year graduated</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Organisation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Until</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Partner</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Quoted words</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>What it corroborates</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>EnT principle</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The letter is signed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Consent to include it in the dossier (PDPA)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Consent given on</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reviewers may contact this person</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>How to contact</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Work</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>of whom women</source>
        <extracomment>Optional breakdown of an activity's participants (kept in participant_groups).</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>of whom men</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>of whom young people</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>of whom older people</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Source of funds</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Amount (baht)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Fiscal year</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>What the partner did</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Affiliation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This is the applicant</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Roles</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Other role</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Share of the work (older rules)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Signature</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Signed on</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Place</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Participants</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Citation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>DOI</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Web address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New partner…</source>
        <extracomment>The partner's fields asked for at once; the rest waits on the partners page. The "choice" entry that calls :func:`ask_new_partner` (context "Fields").</extracomment>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>FiledLettersBox</name>
    <message>
        <source>You stopped the search for letters' QR codes: no file was filed. Add the files again to file them.</source>
        <extracomment>A sentence that needs the lecturer's eye (the wording changed, a letter not filed).</extracomment>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>FrameworksPane</name>
    <message>
        <source>Tick the goals this work serves, and the targets where you want to be precise. A target does not tick its goal: what you tick is what the dossier and the faculty report show.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Framework</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Nothing ticked yet.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This work serves: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Close all</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Show all targets</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Tick goals and targets</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ImportSummaryDialog</name>
    <message>
        <source>Import finished</source>
        <extracomment>evidence id -&gt; activity id whose dates contain the photo's date.</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Import stopped</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n file(s) added</source>
        <translation>
            <numerusform>%n file added</numerusform><numerusform>%n files added</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n already in the portfolio (not copied again)</source>
        <translation>
            <numerusform>%n already in the portfolio (not copied again)</numerusform><numerusform>%n already in the portfolio (not copied again)</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n refused — see the reasons below</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message numerus="yes">
        <source>You stopped the import: %n file(s) were left out; the files already imported are kept and nothing is half-stored.</source>
        <translation>
            <numerusform>You stopped the import: %n file was left out; the files already imported are kept and nothing is half-stored.</numerusform><numerusform>You stopped the import: %n files were left out; the files already imported are kept and nothing is half-stored.</numerusform></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Why it was refused</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n photo(s) were taken on the day of one of this work's activities.</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) linked to their activity.</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message>
        <source>Link them to those activities</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>IndicatorDialog</name>
    <message>
        <source>Baseline and target must be numbers, e.g. 42 or 3.5.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Give the indicator a Thai name.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Edit indicator</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New indicator</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Name (Thai)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Name (English)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Direction</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Baseline value</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Baseline date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Target value</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Target date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>e.g. households, %, baht per month</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>known</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>IndicatorsView</name>
    <message>
        <source>baseline %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>target %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No measurement yet: add the values you measured after the baseline.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Latest value %1 on %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>change from the baseline %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>no baseline to compare with</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>improved</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>not improved</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>worse than the baseline</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>target reached</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>target not reached yet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Create a work first, then record its indicators here.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This work has no indicators yet.
Click “New indicator” to record what you measure: a baseline, a target and the values over time.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Delete %n measurement(s)?</source>
        <translation>
            <numerusform>Delete %n measurement?</numerusform><numerusform>Delete %n measurements?</numerusform></translation>
    </message>
    <message>
        <source>Delete measurement</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Edit indicator</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delete the indicator “%1” and all its measurements?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delete indicator</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Work:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Indicators</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The value axis does not start at 0</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New indicator</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Measurements</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add measurement…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Double-click a cell to correct it; changes are saved at once.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Baseline</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Measured</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No values to draw yet.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New work…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>LetterDialog</name>
    <message>
        <source>Save the letter as</source>
        <extracomment>The first words of a letter's file name, by letter kind and language. Characters no file name may hold on one system or another.</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Writing the letter…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Print the letter</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Saved: %1</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n page(s), document code %1</source>
        <translation>
            <numerusform>%n page, document code %1</numerusform><numerusform>%n pages, document code %1</numerusform></translation>
    </message>
    <message>
        <source>Print it and have it signed; then scan or photograph the signed letter and add it on the evidence page: its QR code files it to this record.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The consent form of the people in this activity's photos, filled in from the records. Each page carries a QR code: when the signed form is scanned or photographed and added on the evidence page, it files itself to this activity.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The letter for the partner to sign, filled in from the records. Each page carries a QR code: when the signed letter is scanned or photographed and added on the evidence page, it files itself to this testimonial.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Language of the letter</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Thai digits (๐–๙)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Save as</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Save the letter</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open folder</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Automatic backup failed: %1</source>
        <extracomment>Emitted after a page's view has been created (key, widget).</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;New portfolio…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Open portfolio…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open the &amp;demo portfolio</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New record</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Redo</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;About EnT Portfolio</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open a portfolio folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Preparing the demo portfolio…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No portfolio is open</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Portfolio: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Saved %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Not saved</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>MeasurementDialog</name>
    <message>
        <source>Type the measured value as a number, e.g. 42 or 3.5.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New measurement</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Date measured</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Measured by</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>e.g. survey of 40 households</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>e.g. questionnaire, water test kit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>e.g. village health volunteers with the researcher</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>MeasurementTableModel</name>
    <message>
        <source>Date</source>
        <extracomment>An edit was refused: the exception, for the view to show. A measurement was saved (its id).</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Edit measurement</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>NewPartner</name>
    <message>
        <source>New partner</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>NoPortfolioView</name>
    <message>
        <source>Welcome to EnT Portfolio</source>
        <extracomment>Seconds between automatic database backups while the app is open.</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Keep the evidence of your community-engagement work as it happens, and turn it into a promotion dossier. Start with the demo portfolio to look around, or create your own.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open the demo portfolio</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Create a new portfolio…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open a portfolio folder…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>OfficeActions</name>
    <message>
        <source>Export as Word…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export as Excel…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>OfficeExportDialog</name>
    <message>
        <source>Tick at least one work to export.</source>
        <extracomment>The two Office files, by the suffix the core writes.</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export cancelled: no file was written.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Saved: %1</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n work(s)</source>
        <translation>
            <numerusform>%n work</numerusform><numerusform>%n works</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n table(s)</source>
        <translation>
            <numerusform>%n table</numerusform><numerusform>%n tables</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s)</source>
        <translation>
            <numerusform>%n photo</numerusform><numerusform>%n photos</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n sheet(s)</source>
        <translation>
            <numerusform>%n sheet</numerusform><numerusform>%n sheets</numerusform></translation>
    </message>
    <message>
        <source>This computer has no program for this file yet. It is saved at:
%1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export as Word…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export as Excel…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Writing the Word file…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Writing the workbook…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Save the Word file as</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Save the workbook as</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Word files (*.docx)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The write-up of the works as a Word file you and your co-workers can edit: headings, tables and Thai text as in the dossier. People who did not consent are not named.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The numbers of the portfolio as an Excel workbook: works, indicators and their measurements, activities and participants, partners, testimonials and evidence, one sheet each.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Works to include</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Language of the file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Include the evidence photos (as the PDF prints them)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Save as</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open file</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PageView</name>
    <message>
        <source>This page cannot be shown.</source>
        <extracomment>Zoom steps offered, as a fraction of the page's printed size. A page is never drawn larger than this many pixels: a hostile PDF may declare a page kilometres wide, and its picture would fill the memory. Pictures of pages kept for paging back (each a few megabytes). Outline entries shown at most, and their depth: a hostile outline can hold millions of entries or nest without end.</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>◀ Previous page</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Next page ▶</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Smaller</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Larger</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The dossier's outline: click a heading to go to its page.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The dossier's pages cannot be shown: the package holds no readable PDF.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Opening the dossier…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <source>Works</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Partners</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Testimonials</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Evidence</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Indicators</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Dossier</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Readiness</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Applicant</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PartnerLinks</name>
    <message>
        <source>New partner and its role</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PartnersView</name>
    <message>
        <source>contact person</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Partners</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Filter partners</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New partner…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Contact persons</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Works this partner took part in</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Not linked to any work yet.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New partner</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Name of the partner (Thai):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delete partner</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No partners yet. Record the communities and organisations you work with; works and testimonials then name them.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PhotoFindingsPanel</name>
    <message>
        <source>Taken on another day than its activity</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Taken outside the work's period</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Taken far from the work's area</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No capture date in the file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A capture date that cannot be right</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Probably the same photo as another</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Could a committee doubt this photo?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Explain…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Say why the photo is right: your note appears beside it in the dossier's manifest, and the finding no longer counts.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Explained: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Edit note…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Remove note</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ProfileForm</name>
    <message>
        <source>An ORCID is 16 characters in four groups, like 0000-0002-1825-0097 (the last may be X). It was not saved: please check it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This ORCID has a typing mistake: its last character does not match the others. It was not saved: please check it against orcid.org.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ProfileView</name>
    <message>
        <source>degree</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>present</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>appointment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Applicant</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>What the dossier says about you: its cover and the applicant summary. Changes are saved as you type.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Name and contact</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Position and promotion</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Affiliation and field</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Degrees</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Appointment history</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The ORCID is not saved</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Not saved</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All changes saved (%1)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All changes saved</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ReadinessView</name>
    <message>
        <source>Checking…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The check could not run.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Readiness not checked yet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open a portfolio first.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n must be fixed</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message numerus="yes">
        <source>%n should be fixed</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message numerus="yes">
        <source>%n suggestion(s)</source>
        <translation>
            <numerusform>%n suggestion</numerusform><numerusform>%n suggestions</numerusform></translation>
    </message>
    <message>
        <source>For %1, %2 — checked at %3</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Whole portfolio</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Profile and portfolio</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Nothing to fix here.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose a finding to see why it matters and how to fix it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Why a reviewer cares</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>How to fix it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Check again</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Also verify every file's hash (slower)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Works</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>What a committee would find</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Go to fix →</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Nothing to check yet. Readiness checks your works against the promotion rules: record your first work, then come back here.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New work…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>RecordFormDialog</name>
    <message>
        <source>Save</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Please fill in: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>RecordTable</name>
    <message>
        <source>Add…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Edit %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delete %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ReviewEntry</name>
    <message>
        <source>Choose the evidence package (.zip) to assess</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Evidence packages (*.zip);;All files (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open a package for review…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A committee member? Open a package for review…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message>
        <source>Keep the review in</source>
        <extracomment>Milliseconds of quiet after a change before the review is saved. The banner while the package is being checked: neither pass nor fail. Where the review is saved; None until the reviewer chooses (the package's folder cannot be written, or holds a file that is not a review of this package). Why the review is not beside the package (a sentence), or None.</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Review files (*.entreview)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your review is not saved yet: choose where to keep it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Review saved at %1 in %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your review is saved to %1 as you write.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose the other reviewers' files</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Assessing: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Compare with other reviews…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export the assessment…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose where to keep the review…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Assessment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Evidence files</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>RichTextEdit</name>
    <message>
        <source>Bold (Ctrl+B)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Italic (Ctrl+I)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Bulleted list</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <source>Search</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Search titles, write-ups, partners, testimonials, captions…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Searching…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Type a word: Thai words are found inside longer text too.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n result</numerusform><numerusform>%n results</numerusform></translation>
    </message>
</context>
<context>
    <name>SectionsPane</name>
    <message numerus="yes">
        <source>%n word(s)</source>
        <translation>
            <numerusform>%n word</numerusform><numerusform>%n words</numerusform></translation>
    </message>
</context>
<context>
    <name>SheetImportButton</name>
    <message>
        <source>Import from a spreadsheet (Excel/CSV)…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SheetImportDialog</name>
    <message>
        <source>Choose the sheet to import</source>
        <extracomment>How many of a column's first values are shown beside its header, to tell columns apart. Kinds of record a sheet is imported into, and the record kind views reload on. One combo per column of the file, in its order.</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv);;All files (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reading the sheet…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(column %1)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(filled into the existing activity)</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n record(s) will be made</source>
        <translation>
            <numerusform>%n record will be made</numerusform><numerusform>%n records will be made</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>from %n row(s) of the sheet.</source>
        <translation>
            <numerusform>from %n row of the sheet.</numerusform><numerusform>from %n rows of the sheet.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) refused, not imported:</source>
        <translation>
            <numerusform>%n row refused, not imported:</numerusform><numerusform>%n rows refused, not imported:</numerusform></translation>
    </message>
    <message>
        <source>No row is refused.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Importing the sheet…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Made %1 record(s), refused %2 row(s).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Import cancelled: nothing was imported.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Activity</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Indicator</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Participants</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Row</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Import from a spreadsheet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Attendance from a sign-in sheet or a form (Google Forms, KoboToolbox), or measurements of this work's indicators, from an Excel or CSV file. Say which column is what; rows that cannot be read are refused by their line number and the rest imported together.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The sheet holds</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Attendance (one row per person or per session)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Measurements of the indicators</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Columns of the file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Column</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Holds</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>What will be imported</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Keep the participants’ names (in the activity’s notes)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Names are personal data: unless this is ticked only the numbers of people are kept. The notes are never printed in the dossier.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>TestimonialsView</name>
    <message>
        <source>Testimonials and certifications</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Scanned letter</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Double-click to open the letter in the evidence viewer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose the scanned letter…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Print the letter to sign…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All works</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No scanned letter yet.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose the scanned letter</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Images and PDF (*.jpg *.jpeg *.png *.tif *.tiff *.pdf);;All files (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Letter from %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Record a work first: a testimonial belongs to a work.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New testimonial</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delete testimonial</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No testimonials yet. Record what a partner said or certified about a work, with the signed letter beside it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New testimonial…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A testimonial belongs to a work. Record a work first, then the testimonials about it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New work…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>UndoRouter</name>
    <message>
        <source>typing</source>
        <extracomment>What an undo step is called: a text, or a function giving it in the interface's language now (a step made in Thai reads in English after a switch). A pause in typing this long ends one typing step: the next Ctrl+Z takes back what was typed since, not the whole paragraph (Qt otherwise merges every character typed without moving the cursor into one step).</extracomment>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>WorkEditor</name>
    <message>
        <source>Problem statement (written with the partner)</source>
        <extracomment>How a section's pending edit is named among the autosave's fields.</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Partnership: thinking and working together as partners</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Mutual benefit: for the community</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Mutual benefit: for the university (teaching, research, students)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Knowledge sharing and scholarship</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Measurable social impact</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>funding line</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>partner role</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>contributor</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>activity</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>dissemination item</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Title (Thai)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Title (English)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Period</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Area</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Village / community</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Missions integrated</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Courses</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Number of students</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Used in an earlier promotion</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Main work</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Quality level claimed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Impact summary (Thai)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Impact summary (English)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>People studied</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Approving committee</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Approval number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Approval date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>← All works</source>
        <extracomment>The overview tab, row by row: a row's key, its label, and the fields it holds side by side. The research-ethics approval, in a group of its own under the overview. What the ethics check box makes relevant. Saved with the overview, shown under the problem statement. Fields loaded as the work stores them, one column each. Columns the area picker stands for. Edited fields wait here by name, sections as "section:KEY". The overview's widgets by field name (see OVERVIEW_ROWS).</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The problem statement was written together with the partner</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Submitted as a main work for the quality level</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>People were studied in this work (a research-ethics approval is needed)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Research ethics (human subjects)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>in year</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>at level</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>leave empty if never used</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Testimonials and evidence of this work</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Overview</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Write-up</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>EnT principles</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Partners</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Contributors</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Funding</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Activities</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Dissemination</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Goals (SDGs)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No testimonials yet.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n evidence file(s)</source>
        <translation>
            <numerusform>%n evidence file</numerusform><numerusform>%n evidence files</numerusform></translation>
    </message>
    <message>
        <source>Edit work</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Edit section</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>WorkForm</name>
    <message>
        <source>Quality level given</source>
        <extracomment>A note's box grows to about this many lines before it scrolls.</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>— not yet given —</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reasons, per criterion</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Overall note</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>WorksTableModel</name>
    <message>
        <source>Title</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Province</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Period</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Partners</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>WorksView</name>
    <message>
        <source>Works</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New work…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Filter by title or partner</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New work</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Title of the work (Thai):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All statuses</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All provinces</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All years</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All partners</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n work(s)</source>
        <translation>
            <numerusform>%n work</numerusform><numerusform>%n works</numerusform></translation>
    </message>
    <message>
        <source>%1 of %2 works</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No works yet. Start by recording your first engagement work.</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>