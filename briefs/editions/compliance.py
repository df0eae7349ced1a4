"""The Compliance role: keeps the FARA register, files and marks entries filed.

Migration 0011_travel_compliance_role creates the group from this list; a test
checks that the two agree.
"""

COMPLIANCE = "Compliance"
FILE_PERMISSION = "briefs.file_filingentry"

COMPLIANCE_PERMISSIONS = [
    "briefs.view_filingentry",
    "briefs.change_filingentry",
    FILE_PERMISSION,
    "briefs.view_brief",
    "briefs.view_author",
    "briefs.view_series",
    "briefs.view_disclosure",
]
