"""Ingestion errors. Each message names the file, says what is wrong and what to do.

    IngestError
     ├── NotAPdf          the file is not a PDF at all (or empty)
     ├── UnreadablePdf    damaged, truncated or unparsable PDF
     ├── EncryptedPdf     needs a password
     ├── NoTextLayer      scanned pages only: needs OCR first
     └── NotABudgetDocument  readable, but holds no budget tables or figures
"""


class IngestError(Exception):
    """A file could not be ingested; the message is one line for the user."""


class NotAPdf(IngestError):
    """The file is not a PDF."""


class UnreadablePdf(IngestError):
    """The PDF is damaged or cannot be parsed."""


class EncryptedPdf(UnreadablePdf):
    """The PDF is password-protected."""


class NoTextLayer(IngestError):
    """The PDF has no text layer (a scan); OCR is needed first."""


class NotABudgetDocument(IngestError):
    """The PDF has text but no budget tables or figures."""


__all__ = ["IngestError", "NotAPdf", "UnreadablePdf", "EncryptedPdf", "NoTextLayer", "NotABudgetDocument"]
