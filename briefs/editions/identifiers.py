"""DOI and ORCID identifiers: their forms, checks and links. No models here."""

import re

from django.core.exceptions import ValidationError

# Crossref's recommended DOI character set; it accepts more, but nothing a
# suffix we mint or an editor types for a brief should need.
DOI_PATTERN = re.compile(r"10\.\d{4,9}/[-._;()/:A-Za-z0-9]+")
ORCID_PATTERN = re.compile(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]")
_DOI_URL = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_ORCID_URL = re.compile(r"^https?://(?:www\.)?orcid\.org/", re.IGNORECASE)


def normalize_doi(value):
    """ "https://doi.org/10.1234/X" or "doi:10.1234/X" -> "10.1234/X"."""
    return _DOI_URL.sub("", (value or "").strip())


def validate_doi(value):
    if not DOI_PATTERN.fullmatch(normalize_doi(value)):
        raise ValidationError(
            "Enter a DOI like 10.12345/kei.2025.0001 (letters, digits and -._;()/:).",
            code="invalid_doi",
        )


def doi_url(doi):
    return f"https://doi.org/{doi}" if doi else ""


def normalize_orcid(value):
    return _ORCID_URL.sub("", (value or "").strip()).upper()


def orcid_checksum_ok(orcid):
    """ISO 7064 11,2, the check ORCID's last character carries."""
    digits = orcid.replace("-", "")
    total = 0
    for char in digits[:-1]:
        total = (total + int(char)) * 2
    check = (12 - total % 11) % 11
    return digits[-1] == ("X" if check == 10 else str(check))


def validate_orcid(value):
    orcid = normalize_orcid(value)
    if not ORCID_PATTERN.fullmatch(orcid) or not orcid_checksum_ok(orcid):
        raise ValidationError(
            "Enter an ORCID iD like 0000-0002-1825-0097 (its last character is a "
            "check digit).",
            code="invalid_orcid",
        )


def orcid_url(orcid):
    return f"https://orcid.org/{orcid}" if orcid else ""
