class BriefImportError(Exception):
    """A file or post that cannot be imported; the message is the one-line reason.

    Every stage of the importer raises only this for bad input, so that the command
    can report ``path: reason`` and carry on with the next file.
    """
