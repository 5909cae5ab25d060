"""Documents keep no metadata that names a person: PDFs lose their document information
(author, creator, producer, title, subject, keywords, dates) and their XMP packets; Office Open
XML (docx, xlsx, pptx) and OpenDocument (odt, ods, odp) files lose their core, extended and
custom properties (``docProps/*.xml``, ``meta.xml``): author, last editor, company, manager,
template, title, dates and editing time.

Used where documents are stored: CMS documents (``home.signals``) and forum attachments
(``forum.attachments``). Older binary Office files (doc, xls, ppt) and text files cannot be
cleaned here: the upload forms say that their metadata is kept (``KEPT_NOTE``).

What is in the text itself (tracked changes and comments with their authors' names, a name
typed on the first page) is content, not metadata, and stays.
"""

from __future__ import annotations

import io
import zipfile

from django.utils.translation import gettext_lazy as _

PDF = "pdf"
OOXML = frozenset({"docx", "xlsx", "pptx", "docm", "xlsm", "pptm"})
ODF = frozenset({"odt", "ods", "odp", "odg"})
CLEANED = frozenset({PDF, *OOXML, *ODF})

KEPT_NOTE = _(
    "PDF, Word, Excel and PowerPoint (.docx, .xlsx, .pptx) and OpenDocument files lose their "
    "author, title and other hidden details when they are uploaded. Older Office files (.doc, "
    ".xls, .ppt) and text files keep theirs: remove them before uploading, or save the file "
    "as PDF or .docx first."
)

# Empty property parts, in the namespaces the formats require.
_EMPTY_PARTS = {
    "docProps/core.xml": (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        b'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://'
        b'purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://'
        b'www.w3.org/2001/XMLSchema-instance"/>'
    ),
    "docProps/app.xml": (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-'
        b'properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'docPropsVTypes"/>'
    ),
    "docProps/custom.xml": (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-'
        b'properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'docPropsVTypes"/>'
    ),
    "meta.xml": (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        b' office:version="1.2"><office:meta/></office:document-meta>'
    ),
}


def can_clean(extension: str) -> bool:
    return extension.lower().lstrip(".") in CLEANED


def without_metadata(data: bytes, extension: str) -> bytes | None:
    """``data`` (a file of type ``extension``) without its metadata, or None when the type
    is not one we clean or the file cannot be read as one (it is then stored as it is; for a
    type we clean, the uploader was told so only if ``can_clean`` is false)."""
    extension = extension.lower().lstrip(".")
    if extension == PDF:
        return _clean_pdf(data)
    if extension in OOXML or extension in ODF:
        return _clean_zip(data)
    return None


def _clean_pdf(data: bytes) -> bytes | None:
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if "/Info" in pdf.trailer:
                del pdf.trailer["/Info"]
            if "/Metadata" in pdf.Root:
                del pdf.Root["/Metadata"]
            # XMP and application data can hang on any object (pages, images, fonts).
            for obj in pdf.objects:
                if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
                    for key in ("/Metadata", "/PieceInfo"):
                        if key in obj:
                            del obj[key]
            out = io.BytesIO()
            # pikepdf adds no /Info or XMP unless asked; objects nothing points at any more
            # (the old XMP stream) are not written.
            pdf.save(out, fix_metadata_version=False, deterministic_id=True)
            return out.getvalue()
    except (pikepdf.PdfError, ValueError):
        return None


def _clean_zip(data: bytes) -> bytes | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as source:
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w") as target:
                # Same order and compression (an ODF file's "mimetype" comes first, stored).
                for info in source.infolist():
                    content = _EMPTY_PARTS.get(info.filename)
                    if content is None:
                        content = source.read(info)
                    clean_info = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
                    clean_info.compress_type = info.compress_type
                    clean_info.external_attr = info.external_attr
                    target.writestr(clean_info, content)
            return out.getvalue()
    except (zipfile.BadZipFile, KeyError, OSError, EOFError):
        return None
