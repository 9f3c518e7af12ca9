"""BudgetQA's extraction and storage library: PDFs in, cited facts out."""

from .build import IngestReport, build_index, extract_document, sample_pdf_path
from .errors import IngestError
from .model import Cell, Document, Fact, Page, Sentence, Table
from .store import Store, open_store

__all__ = [
    "build_index",
    "extract_document",
    "open_store",
    "sample_pdf_path",
    "IngestReport",
    "IngestError",
    "Store",
    "Document",
    "Page",
    "Table",
    "Cell",
    "Fact",
    "Sentence",
]
