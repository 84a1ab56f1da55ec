"""claimx: checkable claims (percentages, money, counts, dates, quotations) from press releases."""
from .corpus import DocResult, extract_corpus, extract_file, load_worker
from .pipeline import Extractor, build_nlp
from .reading import ReadError
from .records import Count, Date, Money, Percentage, Quote, Record, parse_record, record_schema

__all__ = ["Extractor", "build_nlp", "extract", "extract_file", "extract_corpus", "DocResult", "ReadError", "Record", "Percentage", "Money", "Count", "Date",
           "Quote", "parse_record", "record_schema"]

def extract(text: str, *, doc_id: str = "-", published: str | None = None) -> list:
    """Records for one text, with the default patterns (the pipeline is loaded once)."""
    return load_worker().extract(text, doc_id=doc_id, published=published)
