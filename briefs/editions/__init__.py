"""Briefs that travel: PDF edition, DOIs and Crossref deposits, the FARA register."""
