"""BudgetQA's question answering library: questions in, cited answers out."""

from .ask import ask
from .model import Answer, Citation, Item
from .overview import overview

__all__ = ["ask", "overview", "Answer", "Citation", "Item"]
