"""The editorial roles: who may draft, and who may make a brief public.

The data migration 0002_roles creates the groups from these lists; a test checks that
the migration and this module agree, so the lists are the one place to read them.
"""

CONTRIBUTOR = "Contributor"
EDITOR = "Editor"

PUBLISH_PERMISSION = "briefs.publish_brief"

# Contributors write drafts: they need to attach authors (the inline) and pick a
# series or disclosure, but never delete, and never make anything public.
CONTRIBUTOR_PERMISSIONS = [
    "briefs.add_brief",
    "briefs.change_brief",
    "briefs.view_brief",
    "briefs.add_briefauthor",
    "briefs.change_briefauthor",
    "briefs.delete_briefauthor",
    "briefs.view_briefauthor",
    "briefs.add_author",
    "briefs.change_author",
    "briefs.view_author",
    "briefs.view_series",
    "briefs.view_disclosure",
    "taggit.view_tag",
]

# The media library (migration 0016 adds these to the groups): contributors add
# and describe images, and editors may also remove unused ones.
LIBRARY_PERMISSIONS = {
    CONTRIBUTOR: [
        "briefs.add_mediaimage",
        "briefs.change_mediaimage",
        "briefs.view_mediaimage",
    ],
    EDITOR: [
        "briefs.add_mediaimage",
        "briefs.change_mediaimage",
        "briefs.delete_mediaimage",
        "briefs.view_mediaimage",
    ],
}
CONTRIBUTOR_PERMISSIONS += LIBRARY_PERMISSIONS[CONTRIBUTOR]

# Editors run the publication: everything on briefs, authors, series and categories.
# Disclosures are legal text, so editors may fix them but not delete them.
EDITOR_PERMISSIONS = [
    f"{app}.{action}_{model}"
    for app, model in [
        ("briefs", "brief"),
        ("briefs", "briefauthor"),
        ("briefs", "author"),
        ("briefs", "series"),
        ("briefs", "slugredirect"),
        ("taggit", "tag"),
        ("taggit", "taggeditem"),
    ]
    for action in ("add", "change", "delete", "view")
] + [
    "briefs.add_disclosure",
    "briefs.change_disclosure",
    "briefs.view_disclosure",
    PUBLISH_PERMISSION,
    *LIBRARY_PERMISSIONS[EDITOR],
]

ROLE_PERMISSIONS = {CONTRIBUTOR: CONTRIBUTOR_PERMISSIONS, EDITOR: EDITOR_PERMISSIONS}
