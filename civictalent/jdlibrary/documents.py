"""The document reader is now the pure package :mod:`civictalent.documents`.

Only ``civictalent/jobs/imports.py`` still imports the upload limit from here: that module is
being split in a change of its own, which will import it from ``civictalent.documents``. Delete
this module then; nothing new should import it.
"""

from civictalent.documents import MAX_FILE_BYTES

__all__ = ["MAX_FILE_BYTES"]
