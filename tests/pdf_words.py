"""A word as pdfplumber's extract_words gives it, for tests of the PDF reader."""


def word(text, x0, top, size=8.5, width=None):
    width = width if width is not None else 0.5 * size * len(text)
    return {
        "text": text,
        "x0": x0,
        "x1": x0 + width,
        "top": top,
        "bottom": top + size,
        "size": size,
        "fontname": "Arial",
        "page_height": 842.0,
        "upright": True,
    }
