"""Free text → transactions with character spans (pure: no web, queue or database code).

``Extractor(classify).extract(text)`` returns an :class:`Extraction`: the transactions the text
describes (several per text when it describes several), each field with the span of the text it
came from, the status of each (asserted, hedged or denied) with the words that say so, and the
parts that were not understood. ``ExtractedTransaction.to_transaction()`` is the §3.1
transaction that the screening reads.
"""

from service.extract.extractor import Extractor
from service.extract.model import (
    CountryRef,
    Evidence,
    ExtractedTransaction,
    Extraction,
    GoodsItem,
    PartyItem,
)

__all__ = [
    "CountryRef",
    "Evidence",
    "ExtractedTransaction",
    "Extraction",
    "Extractor",
    "GoodsItem",
    "PartyItem",
]
